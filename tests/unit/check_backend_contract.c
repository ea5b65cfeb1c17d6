/*
 * check_backend_contract.c - the same checks over every compiled-in backend
 *
 * What backend.h promises, checked on each driver backend_all() lists:
 * options reach the driver; a connection runs statements, and a bad
 * statement or a broken constraint is a db_error naming the backend, after
 * which the connection still works; a slot is prepared once and reused,
 * and slots do not mix; one-row queries; the content dump (what the state
 * checks compare); the reset script; the template (clone) path; and that
 * closing the target leaves no database or file behind.
 *
 * A backend that needs a server takes it from the environment its tests
 * already set up (servers[] below: one line per backend, plus the script
 * that starts the server: tests/pg/with_cluster.sh for PostgreSQL,
 * tests/mysql/with_server.sh for MySQL, both started around this program by
 * tests/pg/check_backend_contract.sh).  When that server is absent the
 * backend is skipped with its name on stderr, or the program fails when the
 * server's DBBENCH_REQUIRE_* variable is 1.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "backend.h"
#include "xmalloc.h"

/*
 * How the suite reaches a backend and sees what it leaves behind.  A
 * backend not listed needs no server and creates nothing outside its
 * connections' memory unless path_option says where.
 */
struct contract_server {
	const char *backend;	  /* backend_find() name */
	const char *dsn_env;	  /* the variable holding its --dsn, or NULL */
	const char *require_env;  /* set to 1: a missing server fails */
	const char *path_option;  /* an option naming the file the target
				     creates, or NULL */
	const char *leftover_sql; /* on a new target's connection: how many
				     scratch databases other than its own
				     exist ("0" when nothing was left) */
};

static const struct contract_server servers[] = {
	{ "sqlite", NULL, NULL, "sqlite-path", NULL },
	{ "postgres", "DBBENCH_PG_DSN", "DBBENCH_REQUIRE_PG", NULL,
	    "SELECT count(*) FROM pg_database WHERE datname LIKE "
	    "'dbbench\\_%' AND datname <> current_database() AND datname NOT "
	    "IN ('dbbench_pw_db', 'dbbench_nocreate_db')" },
	{ "mysql", "DBBENCH_MYSQL_DSN", "DBBENCH_REQUIRE_MYSQL", NULL,
	    "SELECT count(*) FROM information_schema.schemata WHERE "
	    "schema_name LIKE 'dbbench\\_%' AND schema_name <> database()" },
};

/* The backends under test: compiled in, and with their server. */
static const struct backend_ops *under_test[8];
static const struct contract_server *setup[8];
static size_t n_under_test;

/* A temp folder for file targets, made and emptied by each test. */
static char tmpdir[64];

static const struct contract_server *
server_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof servers / sizeof servers[0]; i++)
		if (strcmp(servers[i].backend, name) == 0)
			return &servers[i];
	return NULL;
}

/* Set up backend i's target t: its options, then open_target(). */
static void
open_target(int i, struct backend_target *t, int on_file)
{
	const struct backend_ops *ops = under_test[i];
	const struct contract_server *srv = setup[i];
	struct db_error err;
	char *path;
	int rc = DB_OK;

	memset(t, 0, sizeof *t);
	t->n_stmts = 8;
	t->pin_cpu = -1;
	if (srv != NULL && srv->dsn_env != NULL)
		rc = ops->set_option(t, "dsn", getenv(srv->dsn_env), &err);
	if (rc == DB_OK && on_file && srv != NULL && srv->path_option != NULL) {
		path = xasprintf("%s/contract.db", tmpdir);
		rc = ops->set_option(t, srv->path_option, path, &err);
		free(path);
	}
	ck_assert_msg(rc == DB_OK, "%s: %s", ops->name, err.msg);
	if (ops->open_target != NULL)
		rc = ops->open_target(t, &err);
	ck_assert_msg(rc == DB_OK, "%s: open target: %s", ops->name, err.msg);
}

static struct backend_conn *
connect_to(int i, struct backend_target *t)
{
	struct backend_conn *conn;
	struct db_error err;
	int rc;

	rc = under_test[i]->connect(t, &conn, &err);
	ck_assert_msg(rc == DB_OK, "%s: connect: %s", under_test[i]->name,
	    err.msg);
	return conn;
}

static void
must_exec(struct backend_conn *conn, const char *sql)
{
	struct db_error err;

	ck_assert_msg(backend_exec(conn, sql, &err) == DB_OK, "%s: %s: %s",
	    conn->ops->name, sql, err.msg);
}

/* The first row of a query, as the driver renders it. */
static char *
query(struct backend_conn *conn, const char *sql)
{
	struct db_error err;
	struct strbuf sb;

	strbuf_init(&sb);
	ck_assert_msg(backend_query(conn, sql, &sb, &err) == DB_OK,
	    "%s: %s: %s", conn->ops->name, sql, err.msg);
	return strbuf_detach(&sb);
}

static void
assert_query(struct backend_conn *conn, const char *sql, const char *want)
{
	char *v = query(conn, sql);

	ck_assert_msg(strcmp(v, want) == 0, "%s: %s gave '%s', not '%s'",
	    conn->ops->name, sql, v, want);
	free(v);
}

static void
disconnect(struct backend_conn *conn)
{
	struct db_error err;

	ck_assert_msg(backend_disconnect(conn, &err) == DB_OK, "%s: %s",
	    conn->ops->name, err.msg);
}

static char *
dump(struct backend_conn *conn)
{
	struct db_error err;
	struct strbuf sb;

	strbuf_init(&sb);
	ck_assert_msg(conn->ops->snapshot(conn, &sb, &err) == DB_OK, "%s: %s",
	    conn->ops->name, err.msg);
	return strbuf_detach(&sb);
}

#define SCHEMA                                                               \
	"CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT " \
	"NULL UNIQUE); CREATE TABLE child (id INTEGER PRIMARY KEY, "         \
	"parent_id INTEGER NOT NULL, v TEXT, FOREIGN KEY (parent_id) "       \
	"REFERENCES parent (id))"
#define SEED                                                                 \
	"INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child "   \
	"VALUES (10, 1, 'x'), (11, 2, 'y'), (12, 2, 'z')"

/* Statements run; bad ones are errors naming the backend, not crashes. */
START_TEST(test_run_and_errors)
{
	struct backend_target t;
	struct backend_conn *conn;
	struct db_error err;
	struct strbuf sb;
	char prefix[64];

	open_target(_i, &t, 0);
	conn = connect_to(_i, &t);
	snprintf(prefix, sizeof prefix, "%s: ", under_test[_i]->name);
	ck_assert_int_eq(backend_run(conn, 0, "CREATE TABLE t (id INTEGER "
					      "PRIMARY KEY, v TEXT)",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_run(conn, 1,
			     "INSERT INTO t VALUES (1, 'one')", &err),
	    DB_OK);
	/* a constraint violation */
	ck_assert_int_eq(backend_run(conn, 1,
			     "INSERT INTO t VALUES (1, 'one')", &err),
	    DB_EBACKEND);
	ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "%s",
	    err.msg);
	/* a statement that does not parse, and one on a missing table */
	ck_assert_int_eq(backend_run(conn, 2, "SELEKT 1", &err), DB_EBACKEND);
	ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(backend_exec(conn, "SELECT * FROM nope", &err),
	    DB_EBACKEND);
	ck_assert_msg(strstr(err.msg, "nope") != NULL, "%s", err.msg);
	strbuf_init(&sb);
	ck_assert_int_eq(backend_query(conn, "SELECT * FROM nope", &sb, &err),
	    DB_EBACKEND);
	strbuf_fini(&sb);
	/* the connection still works, in and out of a transaction */
	ck_assert_int_eq(conn->ops->in_transaction(conn), 0);
	ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_BEGIN, &err), DB_OK);
	ck_assert_int_eq(conn->ops->in_transaction(conn), 1);
	ck_assert_int_eq(backend_run(conn, 3, "INSERT INTO t VALUES (2, 'two')",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_ROLLBACK, &err),
	    DB_OK);
	ck_assert_int_eq(conn->ops->in_transaction(conn), 0);
	assert_query(conn, "SELECT count(*), min(v) FROM t", "1|one");
	assert_query(conn, "SELECT 1, 'a', NULL UNION ALL SELECT 2, 'b', NULL",
	    "1|a|NULL");
	assert_query(conn, "SELECT 1 WHERE 1 = 0", "");
	disconnect(conn);
	backend_close_target(under_test[_i], &t);
}
END_TEST

/*
 * A slot is prepared on first use and reused after: run again with other
 * text (which callers must not do) it still runs its first statement.
 * Other slots, and the same slot on another connection, are their own.
 */
START_TEST(test_prepared_slots)
{
	struct backend_target t;
	struct backend_conn *a, *b;
	struct db_error err;

	open_target(_i, &t, 0);
	a = connect_to(_i, &t);
	b = connect_to(_i, &t);
	must_exec(a, "CREATE TABLE t (v TEXT)");
	must_exec(b, "CREATE TABLE t (v TEXT)");
	ck_assert_int_eq(backend_run(a, 1, "INSERT INTO t VALUES ('a')", &err),
	    DB_OK);
	ck_assert_int_eq(backend_run(a, 1, "INSERT INTO t VALUES ('z')", &err),
	    DB_OK);
	ck_assert_int_eq(backend_run(a, 2, "INSERT INTO t VALUES ('b')", &err),
	    DB_OK);
	ck_assert_int_eq(backend_run(b, 1, "INSERT INTO t VALUES ('z')", &err),
	    DB_OK);
	ck_assert_int_eq(backend_run(b, builtin_slot(b, BUILTIN_BEGIN),
			     builtin_sql(BUILTIN_BEGIN), &err),
	    DB_OK);
	ck_assert_int_eq(backend_run_builtin(b, BUILTIN_COMMIT, &err), DB_OK);
	assert_query(a,
	    "SELECT sum(CASE v WHEN 'a' THEN 1 ELSE 0 END), sum(CASE v WHEN "
	    "'z' THEN 1 ELSE 0 END), sum(CASE v WHEN 'b' THEN 1 ELSE 0 END) "
	    "FROM t",
	    "2|0|1");
	assert_query(b, "SELECT count(*), min(v) FROM t", "1|z");
	disconnect(a);
	disconnect(b);
	backend_close_target(under_test[_i], &t);
}
END_TEST

/*
 * The dump is the content: two databases filled alike dump alike, a
 * changed row shows; the reset script empties every table, children
 * first; describe and count_rows read the same database.
 */
START_TEST(test_dump_reset_and_describe)
{
	const struct backend_ops *ops = under_test[_i];
	struct backend_target t;
	struct backend_conn *a, *b;
	struct backend_info info;
	struct db_error err;
	struct strbuf sql;
	char *da, *db, *empty;
	long long rows;

	open_target(_i, &t, 0);
	a = connect_to(_i, &t);
	b = connect_to(_i, &t);
	must_exec(a, SCHEMA);
	must_exec(b, SCHEMA);
	empty = dump(a);
	must_exec(a, SEED);
	must_exec(b, SEED);
	da = dump(a);
	db = dump(b);
	ck_assert_str_eq(da, db);
	ck_assert_str_ne(da, empty);
	free(db);
	must_exec(b, "UPDATE child SET v = 'changed' WHERE id = 12");
	db = dump(b);
	ck_assert_str_ne(da, db);
	ck_assert_int_eq(ops->count_rows(a, &rows, &err), DB_OK);
	ck_assert_int_eq(rows, 5);
	strbuf_init(&sql);
	ck_assert_int_eq(ops->reset_sql(a, 0, &sql, &err), DB_OK);
	must_exec(a, sql.buf);
	strbuf_reset(&sql);
	ck_assert_int_eq(ops->reset_sql(b, 1, &sql, &err), DB_OK);
	must_exec(b, sql.buf);
	strbuf_fini(&sql);
	free(da);
	free(db);
	da = dump(a);
	db = dump(b);
	ck_assert_str_eq(da, empty);
	ck_assert_str_eq(db, empty);
	ck_assert_int_eq(ops->count_rows(b, &rows, &err), DB_OK);
	ck_assert_int_eq(rows, 0);
	memset(&info, 0, sizeof info);
	ck_assert_int_eq(ops->describe(a, &info, &err), DB_OK);
	ck_assert_ptr_nonnull(info.version);
	ck_assert_int_gt(strlen(info.version), 0);
	backend_info_fini(&info);
	free(da);
	free(db);
	free(empty);
	disconnect(a);
	disconnect(b);
	backend_close_target(ops, &t);
}
END_TEST

/* A clone is the template as sealed, whatever the last copy did. */
START_TEST(test_template_clone)
{
	const struct backend_ops *ops = under_test[_i];
	struct backend_target t;
	struct backend_template *tpl;
	struct backend_conn *conn = NULL, *build;
	struct db_error err;
	char *sealed, *first, *again;

	open_target(_i, &t, 0);
	if (ops->template_open == NULL || !ops->can_template(&t)) {
		fprintf(stderr, "%s: no template path on this target\n",
		    ops->name);
		backend_close_target(ops, &t);
		return;
	}
	ck_assert_int_eq(ops->template_open(&t, &build, &err), DB_OK);
	must_exec(build, SCHEMA);
	must_exec(build, SEED);
	sealed = dump(build);
	ck_assert_int_eq(ops->template_seal(build, &tpl, &err), DB_OK);
	ck_assert_msg(ops->template_clone(tpl, &conn, &err) == DB_OK, "%s",
	    err.msg);
	first = dump(conn);
	ck_assert_str_eq(first, sealed);
	must_exec(conn, "DELETE FROM child; INSERT INTO parent VALUES (3, "
			"'c')");
	ck_assert_int_eq(ops->template_release(tpl, &conn, &err), DB_OK);
	if (!ops->clones_in_place)
		conn = NULL;
	ck_assert_msg(ops->template_clone(tpl, &conn, &err) == DB_OK, "%s",
	    err.msg);
	again = dump(conn);
	ck_assert_str_eq(again, sealed);
	ck_assert_int_eq(ops->template_release(tpl, &conn, &err), DB_OK);
	if (ops->clones_in_place)
		disconnect(conn);
	ops->template_drop(tpl);
	free(sealed);
	free(first);
	free(again);
	backend_close_target(ops, &t);
}
END_TEST

/* Files in the temp folder. */
static int
files_in(const char *dir)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/*
 * Connections, a peer and a template, then close: no file and no scratch
 * database stays behind.
 */
START_TEST(test_close_leaves_nothing)
{
	const struct backend_ops *ops = under_test[_i];
	const struct contract_server *srv = setup[_i];
	struct backend_target t, probe;
	struct backend_conn *a, *peer = NULL, *build;
	struct backend_template *tpl;
	struct db_error err;

	open_target(_i, &t, 1);
	a = connect_to(_i, &t);
	must_exec(a, SCHEMA);
	if (ops->connect_peer != NULL)
		ck_assert_int_eq(ops->connect_peer(a, &peer, &err), DB_OK);
	if (ops->template_open != NULL && ops->can_template(&t)) {
		ck_assert_int_eq(ops->template_open(&t, &build, &err), DB_OK);
		must_exec(build, SCHEMA);
		ck_assert_int_eq(ops->template_seal(build, &tpl, &err), DB_OK);
		ops->template_drop(tpl);
	}
	disconnect(peer != NULL ? peer : a);
	if (peer != NULL)
		disconnect(a);
	backend_close_target(ops, &t);
	ck_assert_ptr_null(t.state);
	ck_assert_int_eq(files_in(tmpdir), 0);
	if (srv != NULL && srv->leftover_sql != NULL) {
		open_target(_i, &probe, 0);
		a = connect_to(_i, &probe);
		assert_query(a, srv->leftover_sql, "0");
		disconnect(a);
		backend_close_target(ops, &probe);
	}
}
END_TEST

/* A bad option value is a usage error naming the option. */
START_TEST(test_options_reach_the_driver)
{
	const struct backend_ops *ops = under_test[_i];
	struct db_error err;
	char want[64];
	size_t k;

	for (k = 0; ops->options != NULL && ops->options[k] != NULL; k++) {
		ck_assert_ptr_nonnull(ops->set_option);
		if (ops->set_option(NULL, ops->options[k], "", &err) ==
		    DB_OK)
			continue; /* takes any text */
		ck_assert_int_eq(err.code, DB_EUSAGE);
		snprintf(want, sizeof want, "--%s", ops->options[k]);
		ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0,
		    "%s", err.msg);
	}
	if (ops->claims_dsn != NULL) {
		ck_assert_ptr_nonnull(ops->dsn_forms);
		ck_assert_ptr_nonnull(ops->dsn_forms[0]);
		ck_assert_int_eq(ops->claims_dsn("nonsense"), 0);
	}
	ck_assert_ptr_nonnull(ops->title);
}
END_TEST

static void
make_tmpdir(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dbbench-contract.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
remove_tmpdir(void)
{
	rmdir(tmpdir);
}

/* 1 when the server's DBBENCH_REQUIRE_* variable is 1. */
static int
required(const struct contract_server *srv)
{
	const char *v;

	v = srv->require_env != NULL ? getenv(srv->require_env) : NULL;
	return v != NULL && strcmp(v, "1") == 0;
}

/*
 * Pick the backends to test; one whose server is absent is named and
 * skipped, or fails the run when its DBBENCH_REQUIRE_* is 1.  Returns 0
 * when a required server is missing.
 */
static int
pick_backends(void)
{
	const struct backend_ops *const *all;
	const struct contract_server *srv;
	size_t i, n;
	int ok = 1;

	all = backend_all(&n);
	for (i = 0; i < n && n_under_test < 8; i++) {
		srv = server_of(all[i]->name);
		if (srv != NULL && srv->dsn_env != NULL &&
		    getenv(srv->dsn_env) == NULL) {
			fprintf(stderr, "%s: %s: %s is not set (%s)\n",
			    required(srv) ? "FAIL" : "SKIP", all[i]->name,
			    srv->dsn_env,
			    "tests/pg/check_backend_contract.sh sets it");
			if (required(srv))
				ok = 0;
			continue;
		}
		setup[n_under_test] = srv;
		under_test[n_under_test++] = all[i];
	}
	return ok;
}

static Suite *
contract_suite(void)
{
	Suite *s;
	TCase *tc;
	int n = (int)n_under_test;

	s = suite_create("backend_contract");
	tc = tcase_create("every backend");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, make_tmpdir, remove_tmpdir);
	tcase_add_loop_test(tc, test_options_reach_the_driver, 0, n);
	tcase_add_loop_test(tc, test_run_and_errors, 0, n);
	tcase_add_loop_test(tc, test_prepared_slots, 0, n);
	tcase_add_loop_test(tc, test_dump_reset_and_describe, 0, n);
	tcase_add_loop_test(tc, test_template_clone, 0, n);
	tcase_add_loop_test(tc, test_close_leaves_nothing, 0, n);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	size_t i;
	int failed;

	if (!pick_backends())
		return EXIT_FAILURE;
	for (i = 0; i < n_under_test; i++)
		fprintf(stderr, "backend contract: %s\n", under_test[i]->name);
	sr = srunner_create(contract_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
