/*
 * capture_write.c - writing a captured workload folder, whole or not at all
 *
 * The folder is built in a hidden sibling (.NAME.dbbench-XXXXXX, same file
 * system) and renamed into place once complete, so a reader never sees it
 * half-written and a failure leaves nothing behind.  An existing folder is
 * replaced only with --force, and only when it is empty or an earlier
 * capture (it holds capture.json): --force never deletes a folder dbbench
 * did not write.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "strbuf.h"
#include "xmalloc.h"

#define NAME_MAX_CHARS 60 /* of a test's name in its file name */
#define DROP_EXAMPLES 200 /* dropped statements listed in capture.json */

/* "tests/capture/test_x.py::TestA::test_b" -> "testa-test-b" */
static char *
safe_name(const char *test)
{
	const char *p = strstr(test, "::");
	struct strbuf sb;
	int dash = 0;

	p = p != NULL ? p + 2 : test;
	strbuf_init(&sb);
	for (; *p != '\0' && sb.len < NAME_MAX_CHARS; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			strbuf_addc(&sb, *p);
			dash = 0;
		} else if (*p >= 'A' && *p <= 'Z') {
			strbuf_addc(&sb, (char)(*p - 'A' + 'a'));
			dash = 0;
		} else if (!dash && sb.len > 0) {
			strbuf_addc(&sb, '-');
			dash = 1;
		}
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (sb.len == 0)
		strbuf_adds(&sb, "test");
	return strbuf_detach(&sb);
}

/* One statement, ended with ';' on a line of its own after a comment. */
static void
add_statement(struct strbuf *sb, const char *sql)
{
	size_t len = strlen(sql);
	const char *last_line;

	while (len > 0 && (sql[len - 1] == ';' || sql[len - 1] == ' ' ||
			      sql[len - 1] == '\n' || sql[len - 1] == '\t' ||
			      sql[len - 1] == '\r'))
		len--;
	strbuf_add(sb, sql, len);
	last_line = sql + len;
	while (last_line > sql && last_line[-1] != '\n')
		last_line--;
	if (strstr(last_line, "--") != NULL &&
	    (size_t)(strstr(last_line, "--") - sql) < len)
		strbuf_adds(sb, "\n;\n");
	else
		strbuf_adds(sb, ";\n");
}

static int
write_text(const char *dir, const char *name, const char *text,
    struct db_error *err)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	int ok;

	if (f == NULL) {
		db_error_set(err, DB_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return DB_EIO;
	}
	ok = fputs(text, f) >= 0;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		db_error_set(err, DB_EIO, "%s: write failed", path);
	free(path);
	return ok ? DB_OK : DB_EIO;
}

static int
write_list(const char *dir, const char *name, const char *head, char **stmts,
    size_t n, struct db_error *err)
{
	struct strbuf sb;
	size_t i;
	int rc;

	strbuf_init(&sb);
	strbuf_adds(&sb, head);
	for (i = 0; i < n; i++)
		add_statement(&sb, stmts[i]);
	rc = write_text(dir, name, sb.buf, err);
	strbuf_fini(&sb);
	return rc;
}

static json_t *
meta_json(const struct capture_workload *wl, const struct capture_meta *m,
    json_t *files)
{
	json_t *cmd = json_array(), *drops = json_array(), *why = json_object();
	json_t *o, *c;
	size_t i;

	for (i = 0; m->command != NULL && m->command[i] != NULL; i++)
		json_array_append_new(cmd, json_string(m->command[i]));
	for (i = 0; i < wl->n_drops; i++) {
		c = json_object_get(why, wl->drops[i].why);
		json_object_set_new(why, wl->drops[i].why,
		    json_integer(c != NULL ? json_integer_value(c) + 1 : 1));
		if (i < DROP_EXAMPLES)
			json_array_append_new(drops,
			    json_pack("{s:s, s:s, s:s}", "test",
				wl->drops[i].test, "statement",
				wl->drops[i].sql, "why", wl->drops[i].why));
	}
	o = json_pack("{s:s, s:s, s:s, s:o, s:i, s:{s:I, s:I, s:I, s:I, s:I},"
		      " s:I, s:I, s:{s:I, s:I, s:I, s:I}, s:I, s:o, s:I, s:o,"
		      " s:o, s:s}",
	    "tool", "dbbench", "version", PACKAGE_VERSION, "source", m->source,
	    "command", cmd, "exit_status", m->exit_status, "captured",
	    "processes", (json_int_t)m->log->processes, "processes_with_sql",
	    (json_int_t)m->log->processes_with_sql, "connections",
	    (json_int_t)m->log->connections, "statements",
	    (json_int_t)m->log->n, "library_errors",
	    (json_int_t)m->log->lib_errors, "schema_statements",
	    (json_int_t)wl->n_schema, "seed_statements",
	    (json_int_t)wl->n_seed, "tests", "seen",
	    (json_int_t)wl->tests_seen, "written", (json_int_t)wl->n_tests,
	    "empty", (json_int_t)wl->tests_empty, "duplicates",
	    (json_int_t)wl->duplicates, "expected_errors",
	    (json_int_t)wl->expected_errors, "files", files, "dropped",
	    (json_int_t)wl->n_drops, "dropped_by_reason", why,
	    "dropped_examples", drops, "weights",
	    "a test file's weight is how many tests had that very body; "
	    "the workload holds each body once, and dbbench runs it once "
	    "per round");
	return o;
}

/* Write every file of the workload into dir (which exists, empty). */
static int
write_all(const char *dir, const struct capture_workload *wl,
    const struct capture_meta *meta, struct db_error *err)
{
	json_t *files = json_array(), *root;
	char *tests, *name, *safe, *text;
	size_t i;
	int rc;

	rc = write_list(dir, "schema.sql", "-- Captured by dbbench capture: "
	    "the DDL the fixture ran before the first test.\n",
	    wl->schema, wl->n_schema, err);
	if (rc == DB_OK)
		rc = write_list(dir, "seed.sql", "-- Captured by dbbench "
		    "capture: the data the fixture wrote before the first "
		    "test.\n", wl->seed, wl->n_seed, err);
	tests = xasprintf("%s/tests", dir);
	if (rc == DB_OK && mkdir(tests, 0755) != 0)
		rc = db_error_set(err, DB_EIO, "%s: %s", tests,
		    strerror(errno));
	free(tests);
	for (i = 0; rc == DB_OK && i < wl->n_tests; i++) {
		safe = safe_name(wl->tests[i].name);
		name = xasprintf("tests/%04zu-%s.sql", i + 1, safe);
		text = xasprintf("-- %s\n", wl->tests[i].name);
		free(safe);
		rc = write_list(dir, name, text, wl->tests[i].stmts,
		    wl->tests[i].n, err);
		json_array_append_new(files,
		    json_pack("{s:s, s:s, s:I, s:I}", "file", name, "test",
			wl->tests[i].name, "statements",
			(json_int_t)wl->tests[i].n, "weight",
			(json_int_t)wl->tests[i].weight));
		free(text);
		free(name);
	}
	root = meta_json(wl, meta, files);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc == DB_OK && text == NULL)
		rc = db_error_set(err, DB_EIO, "capture.json: out of memory");
	if (rc == DB_OK) {
		name = xasprintf("%s\n", text);
		rc = write_text(dir, "capture.json", name, err);
		free(name);
	}
	free(text);
	return rc;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
capture_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* May --force replace dir?  Only an empty folder or an earlier capture. */
static int
replaceable(const char *dir)
{
	char *json = xasprintf("%s/capture.json", dir);
	struct stat st;
	int ok = stat(json, &st) == 0;

	free(json);
	if (!ok)
		ok = rmdir(dir) == 0 || errno == ENOENT;
	return ok;
}

/*
 * Refuse dir when it exists, unless force may replace it; DB_OK when the
 * capture can go ahead.  Checked before the suite runs, and again at the
 * end.
 */
int
capture_check_target(const char *dir, int force, struct db_error *err)
{
	char *copy = xstrdup(dir), *parent = dirname(copy);
	struct stat st;
	int ok;

	ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode) &&
	    access(parent, W_OK | X_OK) == 0;
	if (!ok)
		db_error_set(err, DB_EUSAGE, "%s: cannot write there: %s is "
		    "not a folder you can write to", dir, parent);
	free(copy);
	if (!ok)
		return DB_EUSAGE;
	if (lstat(dir, &st) != 0)
		return DB_OK;
	if (!force)
		return db_error_set(err, DB_EUSAGE,
		    "%s exists: give another -o, or --force to replace an "
		    "earlier capture",
		    dir);
	if (!S_ISDIR(st.st_mode) || !replaceable(dir))
		return db_error_set(err, DB_EUSAGE,
		    "%s exists and is not an earlier capture (no "
		    "capture.json): --force replaces only those",
		    dir);
	return DB_OK;
}

int
capture_write(const char *dir, int force, const struct capture_workload *wl,
    const struct capture_meta *meta, struct db_error *err)
{
	char *copy = xstrdup(dir), *copy2 = xstrdup(dir), *tmp, *old = NULL;
	struct stat st;
	int rc;

	rc = capture_check_target(dir, force, err);
	tmp = xasprintf("%s/.%s.dbbench-XXXXXX", dirname(copy),
	    basename(copy2));
	if (rc == DB_OK && mkdtemp(tmp) == NULL)
		rc = db_error_set(err, DB_EIO, "cannot create a folder beside "
		    "%s: %s", dir, strerror(errno));
	else if (rc == DB_OK) {
		chmod(tmp, 0755);
		rc = write_all(tmp, wl, meta, err);
		if (rc == DB_OK && lstat(dir, &st) == 0) {
			old = xasprintf("%s.old", tmp);
			if (rename(dir, old) != 0)
				rc = db_error_set(err, DB_EIO, "%s: %s", dir,
				    strerror(errno));
		}
		if (rc == DB_OK && rename(tmp, dir) != 0) {
			rc = db_error_set(err, DB_EIO, "%s: %s", dir,
			    strerror(errno));
			if (old != NULL && rename(old, dir) == 0) {
				free(old); /* the earlier capture is back */
				old = NULL;
			}
		}
		if (rc != DB_OK)
			capture_remove_tree(tmp);
		if (old != NULL)
			capture_remove_tree(old);
	}
	free(old);
	free(tmp);
	free(copy);
	free(copy2);
	return rc;
}
