/*
 * check_workload.c - unit tests of workload lookup and loading
 *
 * Each test builds its own workload folders under a fresh mkdtemp()
 * directory in /tmp and removes it afterwards.  Error tests check the
 * status, the whole message (which names the workload, the file relative to
 * the workload folder and, for SQL errors, the line) and that the struct
 * workload was left zeroed.  The unreadable-file test is skipped when
 * running as root, who can read anything.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "sqlsplit.h"
#include "workload.h"
#include "xmalloc.h"

#define LITE SQL_DIALECT_SQLITE
#define PG SQL_DIALECT_POSTGRES

static char root[64];		/* the mkdtemp() folder */
static char wdir[128];		/* root/w: the workload most tests use */
static struct workload wl;
static struct db_error err;

static void
setup(void)
{
	strcpy(root, "/tmp/check_workload.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(wdir, sizeof wdir, "%s/w", root);
	memset(&wl, 0, sizeof wl);
	db_error_clear(&err);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

static void
teardown(void)
{
	workload_fini(&wl);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* printf into a static buffer: for expected messages, one at a time. */
static const char *msg(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static const char *
msg(const char *fmt, ...)
{
	static char	buf[DB_ERROR_MSG_MAX];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return buf;
}

/* Remove the file root/rel. */
static void
rm(const char *rel)
{
	char	*path;

	path = xasprintf("%s/%s", root, rel);
	ck_assert_int_eq(unlink(path), 0);
	free(path);
}

/* Create root/rel as a folder. */
static void
mk(const char *rel)
{
	char	*path;

	path = xasprintf("%s/%s", root, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
}

/* Write root/rel with the given contents. */
static void
put(const char *rel, const char *text)
{
	char	*path;
	FILE	*f;

	path = xasprintf("%s/%s", root, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
	free(path);
}

/* Make root/rel a symbolic link to target. */
static void
ln(const char *target, const char *rel)
{
	char	*path;

	path = xasprintf("%s/%s", root, rel);
	ck_assert_int_eq(symlink(target, path), 0);
	free(path);
}

/* A small valid workload in root/w. */
static void
make_basic(void)
{
	mk("w");
	mk("w/tests");
	put("w/schema.sql", "-- schema\nCREATE TABLE t (a);\n"
	    "CREATE INDEX t_a ON t (a);\n");
	put("w/seed.sql", "INSERT INTO t VALUES (1);\n");
	put("w/tests/02-b.sql", "SELECT 2;\n-- dbbench: expect-error\n"
	    "INSERT INTO nope VALUES (1);\n");
	put("w/tests/01-a.sql", "SELECT 1;");
	put("w/tests/10-c.sql", "\n\nSELECT 10;\nSELECT 11;\nSELECT 12\n");
	put("w/tests/notes.txt", "not SQL; ignored");
	put("w/tests/.hidden.sql", "SELECT 'hidden';");
	put("w/tests/.sql", "SELECT 'dotfile';");
}

static void
assert_zeroed(const struct workload *w)
{
	ck_assert_ptr_null(w->name);
	ck_assert_ptr_null(w->dir);
	ck_assert_ptr_null(w->backend);
	ck_assert_ptr_null(w->schema.path);
	ck_assert_ptr_null(w->schema.stmts);
	ck_assert_uint_eq(w->schema.n, 0);
	ck_assert_uint_eq(w->schema.script.n, 0);
	ck_assert_ptr_null(w->seed.path);
	ck_assert_int_eq(w->has_seed, 0);
	ck_assert_ptr_null(w->tests);
	ck_assert_uint_eq(w->n_tests, 0);
	ck_assert_uint_eq(w->n_stmts, 0);
}

/* Load root/w as 'w' and require failure with status and message. */
#define LOAD_FAILS(backend, dialect, status, message) do {		\
	ck_assert_int_eq(workload_load("w", wdir, (backend), (dialect),	\
	    &wl, &err), (status));					\
	ck_assert_int_eq(err.code, (status));				\
	ck_assert_str_eq(err.msg, (message));				\
	assert_zeroed(&wl);						\
} while (0)

/* workload_resolve */

START_TEST(test_resolve_fixture_name)
{
	char	*dir, *fixtures, *want;

	mk("fixtures");
	mk("fixtures/default");
	fixtures = xasprintf("%s/fixtures", root);
	ck_assert_int_eq(workload_resolve("default", fixtures, &dir, &err),
	    DB_OK);
	want = xasprintf("%s/default", fixtures);
	ck_assert_str_eq(dir, want);
	free(dir);
	free(want);
	free(fixtures);
}
END_TEST

START_TEST(test_resolve_path)
{
	char	*dir, *fixtures;

	mk("fixtures");
	mk("w");
	fixtures = xasprintf("%s/fixtures", root);
	ck_assert_int_eq(workload_resolve(wdir, fixtures, &dir, &err), DB_OK);
	ck_assert_str_eq(dir, wdir);
	free(dir);
	ck_assert_int_eq(workload_resolve(wdir, NULL, &dir, &err), DB_OK);
	ck_assert_str_eq(dir, wdir);
	free(dir);
	/* "." is a path, not a fixture (fixtures/. would be fixtures). */
	ck_assert_int_eq(workload_resolve(".", fixtures, &dir, &err), DB_OK);
	ck_assert_str_eq(dir, ".");
	free(dir);
	free(fixtures);
}
END_TEST

START_TEST(test_resolve_errors)
{
	char	*dir, *fixtures, *file;

	mk("fixtures");
	mk("fixtures/x");
	mk("fixtures/x/y");
	put("fixtures/f", "");
	put("plain", "");
	fixtures = xasprintf("%s/fixtures", root);
	dir = (char *)1;
	ck_assert_int_eq(workload_resolve("nope", fixtures, &dir, &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg,
	    "workload 'nope': no such workload or folder");
	ck_assert_ptr_null(dir);
	ck_assert_int_eq(workload_resolve("", fixtures, &dir, &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg, "workload '': no such workload or folder");
	ck_assert_ptr_null(dir);
	/* A fixture entry that is a file is not a workload. */
	ck_assert_int_eq(workload_resolve("f", fixtures, &dir, &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg, "workload 'f': no such workload or folder");
	/* A name with '/' is never looked up in the fixtures. */
	ck_assert_int_eq(workload_resolve("x/y", fixtures, &dir, &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg, "workload 'x/y': no such workload or folder");
	/* A path to a file is not a folder. */
	file = xasprintf("%s/plain", root);
	ck_assert_int_eq(workload_resolve(file, fixtures, &dir, &err),
	    DB_EUSAGE);
	ck_assert_ptr_null(dir);
	free(file);
	free(fixtures);
}
END_TEST

/* workload_load: what a good workload gives */

START_TEST(test_load_basic)
{
	size_t	k;

	make_basic();
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.name, "w");
	ck_assert_str_eq(wl.dir, wdir);
	ck_assert_str_eq(wl.backend, "sqlite");

	ck_assert_str_eq(wl.schema.path, "schema.sql");
	ck_assert_uint_eq(wl.schema.n, 2);
	ck_assert_str_eq(wl.schema.stmts[0].text, "CREATE TABLE t (a)");
	ck_assert_uint_eq(wl.schema.stmts[0].line, 2);
	ck_assert_str_eq(wl.schema.stmts[1].text, "CREATE INDEX t_a ON t (a)");
	ck_assert_uint_eq(wl.schema.stmts[1].line, 3);

	ck_assert_int_eq(wl.has_seed, 1);
	ck_assert_str_eq(wl.seed.path, "seed.sql");
	ck_assert_uint_eq(wl.seed.n, 1);
	ck_assert_str_eq(wl.seed.stmts[0].text, "INSERT INTO t VALUES (1)");

	ck_assert_uint_eq(wl.n_tests, 3);
	ck_assert_str_eq(wl.tests[0].path, "tests/01-a.sql");
	ck_assert_str_eq(wl.tests[1].path, "tests/02-b.sql");
	ck_assert_str_eq(wl.tests[2].path, "tests/10-c.sql");
	ck_assert_uint_eq(wl.tests[0].n, 1);
	ck_assert_uint_eq(wl.tests[1].n, 2);
	ck_assert_uint_eq(wl.tests[2].n, 3);
	ck_assert_str_eq(wl.tests[1].stmts[1].text,
	    "INSERT INTO nope VALUES (1)");
	ck_assert_int_eq(wl.tests[1].stmts[0].expect_error, 0);
	ck_assert_int_eq(wl.tests[1].stmts[1].expect_error, 1);
	ck_assert_uint_eq(wl.tests[1].stmts[1].line, 3);
	ck_assert_str_eq(wl.tests[2].stmts[2].text, "SELECT 12");
	ck_assert_uint_eq(wl.tests[2].stmts[2].line, 5);

	/* Texts are borrowed from each file's script. */
	for (k = 0; k < wl.tests[2].n; k++)
		ck_assert_ptr_eq(wl.tests[2].stmts[k].text,
		    wl.tests[2].script.stmts[k].text);
}
END_TEST

START_TEST(test_load_ids_consecutive)
{
	unsigned	next;
	size_t		k, t;

	make_basic();
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	next = 0;
	for (k = 0; k < wl.schema.n; k++)
		ck_assert_uint_eq(wl.schema.stmts[k].id, next++);
	for (k = 0; k < wl.seed.n; k++)
		ck_assert_uint_eq(wl.seed.stmts[k].id, next++);
	for (t = 0; t < wl.n_tests; t++)
		for (k = 0; k < wl.tests[t].n; k++)
			ck_assert_uint_eq(wl.tests[t].stmts[k].id, next++);
	ck_assert_uint_eq(next, 9);
	ck_assert_uint_eq(wl.n_stmts, 9);
	ck_assert_uint_eq(wl.tests[0].stmts[0].id, 3);
}
END_TEST

START_TEST(test_load_name_order_strcmp)
{
	mk("w");
	mk("w/tests");
	put("w/schema.sql", "CREATE TABLE t (a);");
	put("w/tests/b.sql", "SELECT 'b';");
	put("w/tests/a.sql", "SELECT 'a';");
	put("w/tests/_x.sql", "SELECT '_x';");
	put("w/tests/B.sql", "SELECT 'B';");
	put("w/tests/a.sql.orig", "SELECT 'orig';");
	ck_assert_int_eq(workload_load("w", wdir, NULL, LITE, &wl, &err),
	    DB_OK);
	ck_assert_uint_eq(wl.n_tests, 4);
	ck_assert_str_eq(wl.tests[0].path, "tests/B.sql");
	ck_assert_str_eq(wl.tests[1].path, "tests/_x.sql");
	ck_assert_str_eq(wl.tests[2].path, "tests/a.sql");
	ck_assert_str_eq(wl.tests[3].path, "tests/b.sql");
	ck_assert_str_eq(wl.tests[3].stmts[0].text, "SELECT 'b'");
	ck_assert_ptr_null(wl.backend);
	ck_assert_int_eq(wl.has_seed, 0);
}
END_TEST

START_TEST(test_load_backend_schema_preferred)
{
	make_basic();
	put("w/schema.postgres.sql", "CREATE TABLE pg (a int);");
	ck_assert_int_eq(workload_load("w", wdir, "postgres", PG, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.schema.path, "schema.postgres.sql");
	ck_assert_uint_eq(wl.schema.n, 1);
	ck_assert_str_eq(wl.schema.stmts[0].text, "CREATE TABLE pg (a int)");
	ck_assert_uint_eq(wl.n_stmts, 8);
	workload_fini(&wl);

	/* Another backend falls back to schema.sql. */
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.schema.path, "schema.sql");
	ck_assert_uint_eq(wl.schema.n, 2);
	workload_fini(&wl);
	ck_assert_int_eq(workload_load("w", wdir, NULL, LITE, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.schema.path, "schema.sql");
}
END_TEST

START_TEST(test_load_backend_schema_only)
{
	/* schema.<backend>.sql is enough without schema.sql. */
	mk("w");
	mk("w/tests");
	put("w/schema.postgres.sql", "CREATE TABLE pg (a int);");
	put("w/tests/t.sql", "SELECT 1;");
	ck_assert_int_eq(workload_load("w", wdir, "postgres", PG, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.schema.path, "schema.postgres.sql");
	workload_fini(&wl);
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': missing schema.sql in %s", wdir));
}
END_TEST

START_TEST(test_load_seed_optional)
{
	make_basic();
	rm("w/seed.sql");
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_int_eq(wl.has_seed, 0);
	ck_assert_uint_eq(wl.seed.n, 0);
	ck_assert_ptr_null(wl.seed.path);
	ck_assert_ptr_null(wl.seed.stmts);
	ck_assert_uint_eq(wl.tests[0].stmts[0].id, 2);
	ck_assert_uint_eq(wl.n_stmts, 8);
}
END_TEST

START_TEST(test_load_seed_only_comments)
{
	make_basic();
	put("w/seed.sql", "-- nothing to seed yet\n");
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_int_eq(wl.has_seed, 1);
	ck_assert_str_eq(wl.seed.path, "seed.sql");
	ck_assert_uint_eq(wl.seed.n, 0);
	ck_assert_uint_eq(wl.n_stmts, 8);
}
END_TEST

START_TEST(test_load_dialect_used)
{
	make_basic();
	put("w/tests/01-a.sql", "SELECT $$a;b$$;");
	ck_assert_int_eq(workload_load("w", wdir, "postgres", PG, &wl, &err),
	    DB_OK);
	ck_assert_uint_eq(wl.tests[0].n, 1);
	ck_assert_str_eq(wl.tests[0].stmts[0].text, "SELECT $$a;b$$");
	workload_fini(&wl);
	ck_assert_int_eq(workload_load("w", wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_uint_eq(wl.tests[0].n, 2);
}
END_TEST

START_TEST(test_load_symlinks_followed)
{
	make_basic();
	put("w/other.sql", "SELECT 'linked';");
	ln("../other.sql", "w/tests/05-link.sql");
	ck_assert_int_eq(workload_load(NULL, wdir, "sqlite", LITE, &wl, &err),
	    DB_OK);
	ck_assert_str_eq(wl.name, wdir);
	ck_assert_uint_eq(wl.n_tests, 4);
	ck_assert_str_eq(wl.tests[2].path, "tests/05-link.sql");
	ck_assert_str_eq(wl.tests[2].stmts[0].text, "SELECT 'linked'");
}
END_TEST

/* workload_load: errors */

START_TEST(test_err_missing_folder)
{
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': no such folder %s", wdir));
	put("w", "a file");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': %s: not a folder", wdir));
}
END_TEST

START_TEST(test_err_missing_schema)
{
	make_basic();
	put("w/schema.sqlite.sql.bak", "CREATE TABLE x (a);");
	rm("w/schema.sql");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': missing schema.sql in %s", wdir));
}
END_TEST

START_TEST(test_err_empty_schema)
{
	make_basic();
	put("w/schema.sql", "-- only a comment\n;\n");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': schema.sql: no statements");
	put("w/schema.sql", "CREATE TABLE t (a);");
	put("w/schema.postgres.sql", "");
	LOAD_FAILS("postgres", PG, DB_EUSAGE,
	    "workload 'w': schema.postgres.sql: no statements");
}
END_TEST

START_TEST(test_err_no_tests_folder)
{
	mk("w");
	put("w/schema.sql", "CREATE TABLE t (a);");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': missing tests/ folder in %s", wdir));
	put("w/tests", "not a folder");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests: not a folder");
}
END_TEST

START_TEST(test_err_empty_tests)
{
	mk("w");
	mk("w/tests");
	put("w/schema.sql", "CREATE TABLE t (a);");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': no tests/*.sql in %s", wdir));
	put("w/tests/readme.txt", "SELECT 1;");
	put("w/tests/.x.sql", "SELECT 1;");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE, msg(
	    "workload 'w': no tests/*.sql in %s", wdir));
}
END_TEST

START_TEST(test_err_directory_named_sql)
{
	make_basic();
	mk("w/tests/05-dir.sql");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/05-dir.sql: is a directory");
}
END_TEST

START_TEST(test_err_not_regular)
{
	char	*path;

	make_basic();
	path = xasprintf("%s/tests/05-fifo.sql", wdir);
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	free(path);
	/* Must fail, not block on opening the FIFO. */
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/05-fifo.sql: not a regular file");
}
END_TEST

START_TEST(test_err_unreadable)
{
	char	*path;

	if (geteuid() == 0)
		return;	/* root reads anything */
	make_basic();
	path = xasprintf("%s/tests/02-b.sql", wdir);
	ck_assert_int_eq(chmod(path, 0), 0);
	free(path);
	LOAD_FAILS("sqlite", LITE, DB_EIO,
	    "workload 'w': tests/02-b.sql: Permission denied");
}
END_TEST

START_TEST(test_err_symlink_loop)
{
	make_basic();
	ln("05-loop.sql", "w/tests/05-loop.sql");
	LOAD_FAILS("sqlite", LITE, DB_EIO, msg(
	    "workload 'w': tests/05-loop.sql: %s", strerror(ELOOP)));
	rm("w/tests/05-loop.sql");
	ln("a.sql", "w/tests/05-a.sql");
	ln("05-a.sql", "w/tests/a.sql");
	LOAD_FAILS("sqlite", LITE, DB_EIO, msg(
	    "workload 'w': tests/05-a.sql: %s", strerror(ELOOP)));
}
END_TEST

START_TEST(test_err_schema_symlink_loop)
{
	make_basic();
	ln("schema.postgres.sql", "w/schema.postgres.sql");
	LOAD_FAILS("postgres", PG, DB_EIO, msg(
	    "workload 'w': schema.postgres.sql: %s", strerror(ELOOP)));
	/* A dangling link is there, so it is not skipped either. */
	rm("w/schema.postgres.sql");
	ln("gone.sql", "w/schema.postgres.sql");
	LOAD_FAILS("postgres", PG, DB_EIO, msg(
	    "workload 'w': schema.postgres.sql: %s", strerror(ENOENT)));
	rm("w/seed.sql");
	ln("seed.sql", "w/seed.sql");
	LOAD_FAILS("sqlite", LITE, DB_EIO, msg(
	    "workload 'w': seed.sql: %s", strerror(ELOOP)));
}
END_TEST

START_TEST(test_err_test_without_statements)
{
	make_basic();
	put("w/tests/05-empty.sql", "-- TODO\n/* later */\n;;\n");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/05-empty.sql: no statements");
	put("w/tests/05-empty.sql", "");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/05-empty.sql: no statements");
}
END_TEST

START_TEST(test_err_unterminated_names_file_and_line)
{
	make_basic();
	put("w/tests/03-x.sql", "SELECT 1;\nSELECT 2;\n\nSELECT 'oops;\n"
	    "SELECT 3;\n");
	ck_assert_int_eq(workload_load("default", wdir, "sqlite", LITE, &wl,
	    &err), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "workload 'default': tests/03-x.sql:4: "
	    "unterminated string literal");
	assert_zeroed(&wl);
}
END_TEST

START_TEST(test_err_sql_in_schema_and_seed)
{
	make_basic();
	put("w/seed.sql", "INSERT INTO t VALUES (1);\n/* open\n");
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': seed.sql:2: unterminated block comment");
	put("w/seed.sql", "INSERT INTO t VALUES (1);\n");
	put("w/schema.postgres.sql", "\n\nCREATE FUNCTION f() AS $fn$ x;\n");
	LOAD_FAILS("postgres", PG, DB_EUSAGE, "workload 'w': "
	    "schema.postgres.sql:3: unterminated dollar-quoted string");
}
END_TEST

START_TEST(test_err_nul_byte)
{
	char	*path;
	FILE	*f;

	make_basic();
	path = xasprintf("%s/tests/04-nul.sql", wdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite("SELECT 1;\nSELECT '\0';\n", 1, 22, f), 22);
	ck_assert_int_eq(fclose(f), 0);
	free(path);
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/04-nul.sql:2: NUL byte in input");
}
END_TEST

START_TEST(test_err_too_large)
{
	char	*path;
	int	 fd;

	make_basic();
	path = xasprintf("%s/tests/05-big.sql", wdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	/* Sparse: takes no room on disk. */
	ck_assert_int_eq(ftruncate(fd, (off_t)64 * 1024 * 1024 + 1), 0);
	ck_assert_int_eq(close(fd), 0);
	free(path);
	LOAD_FAILS("sqlite", LITE, DB_EUSAGE,
	    "workload 'w': tests/05-big.sql: too large (over 64 MiB)");
}
END_TEST

START_TEST(test_err_bad_backend)
{
	make_basic();
	LOAD_FAILS("../x", LITE, DB_EUSAGE,
	    "workload 'w': bad backend name '../x'");
	LOAD_FAILS("", LITE, DB_EUSAGE, "workload 'w': bad backend name ''");
}
END_TEST

START_TEST(test_fini_zeroed)
{
	struct workload	w;

	memset(&w, 0, sizeof w);
	workload_fini(&w);
	workload_fini(&w);
	workload_fini(NULL);
	assert_zeroed(&w);
}
END_TEST

/* workload_list */

START_TEST(test_list)
{
	char	**names, *fixtures;
	size_t	  n, k;

	mk("fx");
	mk("fx/a");
	put("fx/a/schema.sql", "CREATE TABLE t (a);");
	mk("fx/b");
	put("fx/b/schema.sql", "");
	mk("fx/B");
	put("fx/B/schema.sql", "");
	mk("fx/c");				/* no schema */
	mk("fx/d");				/* backend schema only */
	put("fx/d/schema.postgres.sql", "");
	mk("fx/.hidden");
	put("fx/.hidden/schema.sql", "");
	mk("fx/z");				/* schema.sql is a folder */
	mk("fx/z/schema.sql");
	put("fx/file.txt", "");
	ln("a", "fx/link");			/* a link to a workload */
	ln("loop", "fx/loop");			/* skipped, not an error */
	fixtures = xasprintf("%s/fx", root);
	ck_assert_int_eq(workload_list(fixtures, &names, &n, &err), DB_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(names[0], "B");
	ck_assert_str_eq(names[1], "a");
	ck_assert_str_eq(names[2], "b");
	ck_assert_str_eq(names[3], "link");
	for (k = 0; k < n; k++)
		free(names[k]);
	free(names);
	free(fixtures);
}
END_TEST

START_TEST(test_list_empty_and_missing)
{
	char	**names, *fixtures;
	size_t	  n;

	mk("fx");
	fixtures = xasprintf("%s/fx", root);
	ck_assert_int_eq(workload_list(fixtures, &names, &n, &err), DB_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(names);
	free(fixtures);

	fixtures = xasprintf("%s/none", root);
	names = (char **)1;
	n = 7;
	ck_assert_int_eq(workload_list(fixtures, &names, &n, &err), DB_EIO);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(names);
	ck_assert_str_eq(err.msg, msg("fixtures folder '%s': %s", fixtures,
	    strerror(ENOENT)));
	free(fixtures);
}
END_TEST

static Suite *
workload_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workload");

	tc = tcase_create("resolve");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_resolve_fixture_name);
	tcase_add_test(tc, test_resolve_path);
	tcase_add_test(tc, test_resolve_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_basic);
	tcase_add_test(tc, test_load_ids_consecutive);
	tcase_add_test(tc, test_load_name_order_strcmp);
	tcase_add_test(tc, test_load_backend_schema_preferred);
	tcase_add_test(tc, test_load_backend_schema_only);
	tcase_add_test(tc, test_load_seed_optional);
	tcase_add_test(tc, test_load_seed_only_comments);
	tcase_add_test(tc, test_load_dialect_used);
	tcase_add_test(tc, test_load_symlinks_followed);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_err_missing_folder);
	tcase_add_test(tc, test_err_missing_schema);
	tcase_add_test(tc, test_err_empty_schema);
	tcase_add_test(tc, test_err_no_tests_folder);
	tcase_add_test(tc, test_err_empty_tests);
	tcase_add_test(tc, test_err_directory_named_sql);
	tcase_add_test(tc, test_err_not_regular);
	tcase_add_test(tc, test_err_unreadable);
	tcase_add_test(tc, test_err_symlink_loop);
	tcase_add_test(tc, test_err_schema_symlink_loop);
	tcase_add_test(tc, test_err_test_without_statements);
	tcase_add_test(tc, test_err_unterminated_names_file_and_line);
	tcase_add_test(tc, test_err_sql_in_schema_and_seed);
	tcase_add_test(tc, test_err_nul_byte);
	tcase_add_test(tc, test_err_too_large);
	tcase_add_test(tc, test_err_bad_backend);
	tcase_add_test(tc, test_fini_zeroed);
	suite_add_tcase(s, tc);

	tc = tcase_create("list");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_list_empty_and_missing);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(workload_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
