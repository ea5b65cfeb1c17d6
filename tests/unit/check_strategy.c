/*
 * check_strategy.c - every strategy leaves the database as it found it
 *
 * Runs the default workload's test bodies under each strategy on SQLite
 * and compares a content snapshot (every table, sqlite_sequence included)
 * taken when each test starts with the one the first test saw.  A body that
 * commits under the rollback strategy shows the comparison can fail.  Also
 * covers the SQLite driver and body runner the strategies stand on, and
 * the driver operations validation uses (query, peer connections,
 * shared-cache URIs).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "backend.h"
#include "body.h"
#include "scenario.h"
#include "strategy.h"
#include "workload.h"
#include "xmalloc.h"

static struct workload wl;
static struct backend_target target;

static const char *
fixtures_dir(void)
{
	const char *dir = getenv("DBBENCH_FIXTURES");

	return dir != NULL ? dir : "fixtures";
}

static void
load_default(void)
{
	struct db_error err;
	char *dir;
	int rc;

	rc = workload_resolve("default", fixtures_dir(), &dir, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	rc = workload_load("default", dir, "sqlite", SQL_DIALECT_SQLITE, &wl,
	    &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	free(dir);
	memset(&target, 0, sizeof target);
	target.n_stmts = wl.n_stmts;
}

static void
unload(void)
{
	workload_fini(&wl);
}

static char *
snapshot(struct backend_conn *conn)
{
	struct db_error err;
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	rc = conn->ops->snapshot(conn, &sb, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	return strbuf_detach(&sb);
}

/*
 * Run every test body once under st and check that each test starts from
 * the content the first one saw.  Returns the number of tests that did not.
 */
static int
tests_that_saw_other_state(const struct strategy_ops *st,
    const struct workload *w)
{
	struct strategy_ctx ctx;
	struct db_error err;
	char *first = NULL, *now;
	size_t i;
	int rc, differ = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.backend = &backend_sqlite_ops;
	ctx.target = &target;
	ctx.wl = w;
	rc = st->session_setup(&ctx, &err);
	ck_assert_msg(rc == DB_OK, "%s: %s", st->name, err.msg);
	for (i = 0; i < w->n_tests; i++) {
		rc = st->test_setup(&ctx, &err);
		ck_assert_msg(rc == DB_OK, "%s: %s", st->name, err.msg);
		now = snapshot(ctx.conn);
		if (first == NULL)
			first = now;
		else {
			if (strcmp(first, now) != 0)
				differ++;
			free(now);
		}
		body_run(ctx.conn, &w->tests[i], NULL, &err);
		st->test_teardown(&ctx, &err);
	}
	rc = st->session_teardown(&ctx, &err);
	ck_assert_msg(rc == DB_OK, "%s: %s", st->name, err.msg);
	ck_assert_ptr_null(ctx.conn);
	free(first);
	return differ;
}

START_TEST(test_each_strategy_isolates_default_workload)
{
	const struct strategy_ops *const *all;
	size_t i, n;

	all = strategy_all(&n);
	ck_assert_uint_ge(n, 3);
	for (i = 0; i < n; i++)
		ck_assert_msg(tests_that_saw_other_state(all[i], &wl) == 0,
		    "%s leaked state between tests", all[i]->name);
}
END_TEST

START_TEST(test_every_default_body_succeeds)
{
	const struct strategy_ops *const *all;
	struct strategy_ctx ctx;
	struct db_error err;
	size_t i, s, n;
	int rc;

	all = strategy_all(&n);
	for (s = 0; s < n; s++) {
		memset(&ctx, 0, sizeof ctx);
		ctx.backend = &backend_sqlite_ops;
		ctx.target = &target;
		ctx.wl = &wl;
		ck_assert_int_eq(all[s]->session_setup(&ctx, &err), DB_OK);
		for (i = 0; i < wl.n_tests; i++) {
			ck_assert_int_eq(all[s]->test_setup(&ctx, &err),
			    DB_OK);
			rc = body_run(ctx.conn, &wl.tests[i], NULL, &err);
			ck_assert_msg(rc == DB_OK, "%s: %s", all[s]->name,
			    err.msg);
			ck_assert_int_eq(all[s]->test_teardown(&ctx, &err),
			    DB_OK);
		}
		ck_assert_int_eq(all[s]->session_teardown(&ctx, &err), DB_OK);
	}
}
END_TEST

/* Build a one-test workload in memory from SQL text. */
static void
make_workload(struct workload *w, const char *schema, const char *body)
{
	struct db_error err;
	size_t i;
	int rc;

	memset(w, 0, sizeof *w);
	w->name = xstrdup("inline");
	w->dir = xstrdup(".");
	w->backend = xstrdup("sqlite");
	w->schema.path = xstrdup("schema.sql");
	rc = sqlsplit(schema, strlen(schema), SQL_DIALECT_SQLITE, "schema.sql",
	    &w->schema.script, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	w->tests = xcalloc(1, sizeof *w->tests);
	w->n_tests = 1;
	w->tests[0].path = xstrdup("tests/01.sql");
	rc = sqlsplit(body, strlen(body), SQL_DIALECT_SQLITE, "tests/01.sql",
	    &w->tests[0].script, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	w->schema.n = w->schema.script.n;
	w->schema.stmts = xcalloc(w->schema.n, sizeof *w->schema.stmts);
	for (i = 0; i < w->schema.n; i++) {
		w->schema.stmts[i].text = w->schema.script.stmts[i].text;
		w->schema.stmts[i].line = w->schema.script.stmts[i].line;
		w->schema.stmts[i].expect_error =
		    w->schema.script.stmts[i].expect_error;
		w->schema.stmts[i].id = w->n_stmts++;
	}
	w->tests[0].n = w->tests[0].script.n;
	w->tests[0].stmts = xcalloc(w->tests[0].n, sizeof *w->tests[0].stmts);
	for (i = 0; i < w->tests[0].n; i++) {
		w->tests[0].stmts[i].text = w->tests[0].script.stmts[i].text;
		w->tests[0].stmts[i].line = w->tests[0].script.stmts[i].line;
		w->tests[0].stmts[i].expect_error =
		    w->tests[0].script.stmts[i].expect_error;
		w->tests[0].stmts[i].id = w->n_stmts++;
	}
}

START_TEST(test_commit_in_body_is_seen_as_a_leak)
{
	struct workload w;
	struct backend_target t;

	make_workload(&w, "CREATE TABLE t (x INTEGER);",
	    "INSERT INTO t VALUES (1); COMMIT; BEGIN;");
	memset(&t, 0, sizeof t);
	t.n_stmts = w.n_stmts;
	target = t;
	/* Run the one body twice: the second test sees the committed row. */
	w.tests = xreallocarray(w.tests, 2, sizeof *w.tests);
	w.tests[1] = w.tests[0];
	w.n_tests = 2;
	ck_assert_int_eq(tests_that_saw_other_state(&strategy_rollback_ops,
			     &w),
	    1);
	ck_assert_int_eq(tests_that_saw_other_state(&strategy_pertest_ops,
			     &w),
	    0);
	w.n_tests = 1;
	workload_fini(&w);
}
END_TEST

START_TEST(test_expect_error_statement)
{
	struct backend_conn *conn;
	struct workload w;
	struct backend_target t;
	struct db_error err;
	unsigned failed = 0;
	int rc;

	make_workload(&w,
	    "CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (2);",
	    "INSERT INTO t VALUES (1);\n"
	    "-- dbbench: expect-error\n"
	    "INSERT INTO t VALUES (2);\n"
	    "INSERT INTO t VALUES (3);\n");
	memset(&t, 0, sizeof t);
	t.n_stmts = w.n_stmts;
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	ck_assert_int_eq(body_run(conn, &w.schema, NULL, &err), DB_OK);
	/* In a transaction: the failure is contained by a savepoint. */
	ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_BEGIN, &err), DB_OK);
	rc = body_run(conn, &w.tests[0], &failed, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	ck_assert_int_eq(conn->ops->in_transaction(conn), 1);
	ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_ROLLBACK, &err),
	    DB_OK);
	/* In autocommit mode it runs alone and still must fail. */
	rc = body_run(conn, &w.tests[0], &failed, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	/* Now the marked statement succeeds (2 is gone): that is a failure. */
	ck_assert_int_eq(backend_exec(conn, "DELETE FROM t", &err), DB_OK);
	failed = 0;
	rc = body_run(conn, &w.tests[0], &failed, &err);
	ck_assert_int_eq(rc, DB_EBACKEND);
	ck_assert_uint_eq(failed, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "tests/01.sql:3:"));
	ck_assert_ptr_nonnull(strstr(err.msg, "expect-error succeeded"));
	backend_disconnect(conn, NULL);
	workload_fini(&w);
}
END_TEST

START_TEST(test_failed_statement_names_file_line_and_message)
{
	struct backend_conn *conn;
	struct workload w;
	struct backend_target t;
	struct db_error err;
	unsigned failed = 0;
	char *dump;
	int rc;

	make_workload(&w, "CREATE TABLE t (x INTEGER NOT NULL);",
	    "INSERT INTO t VALUES (1);\n\nINSERT INTO t VALUES (NULL);\n"
	    "INSERT INTO t VALUES (3);");
	memset(&t, 0, sizeof t);
	t.n_stmts = w.n_stmts;
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	ck_assert_int_eq(body_run(conn, &w.schema, NULL, &err), DB_OK);
	rc = body_run(conn, &w.tests[0], &failed, &err);
	ck_assert_int_eq(rc, DB_EBACKEND);
	ck_assert_uint_eq(failed, 2);
	ck_assert_str_eq(err.msg, "tests/01.sql:3: sqlite: NOT NULL "
				  "constraint failed: t.x");
	/* The first statement ran, the third did not. */
	dump = snapshot(conn);
	ck_assert_str_eq(dump, "table t\n\t1\n");
	free(dump);
	backend_disconnect(conn, NULL);
	workload_fini(&w);
}
END_TEST

START_TEST(test_per_test_on_a_file_removes_it)
{
	struct strategy_ctx ctx;
	struct db_error err;
	struct stat st;
	char dir[] = "/tmp/dbbench-check.XXXXXX";
	char *path;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/test.db", dir);
	ck_assert_int_eq(backend_sqlite_ops.set_option(&target, "sqlite-path",
			     path, &err),
	    DB_OK);
	memset(&ctx, 0, sizeof ctx);
	ctx.backend = &backend_sqlite_ops;
	ctx.target = &target;
	ctx.wl = &wl;
	ck_assert_int_eq(strategy_pertest_ops.session_setup(&ctx, &err),
	    DB_OK);
	ck_assert_int_eq(strategy_pertest_ops.test_setup(&ctx, &err), DB_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(body_run(ctx.conn, &wl.tests[0], NULL, &err), DB_OK);
	ck_assert_int_eq(strategy_pertest_ops.test_teardown(&ctx, &err),
	    DB_OK);
	ck_assert_int_ne(stat(path, &st), 0);
	ck_assert_int_eq(strategy_pertest_ops.session_teardown(&ctx, &err),
	    DB_OK);
	ck_assert_int_eq(rmdir(dir), 0);
	backend_close_target(&backend_sqlite_ops, &target);
	free(path);
}
END_TEST

START_TEST(test_snapshot_sees_sequences_and_types)
{
	struct backend_conn *a, *b;
	struct backend_target t;
	struct db_error err;
	char *sa, *sb;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &a, &err), DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &b, &err), DB_OK);
	ck_assert_int_eq(backend_exec(a,
			     "CREATE TABLE t (id INTEGER PRIMARY KEY "
			     "AUTOINCREMENT, v);"
			     "INSERT INTO t(v) VALUES ('1'), (1), (x'01');",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(b,
			     "CREATE TABLE t (id INTEGER PRIMARY KEY "
			     "AUTOINCREMENT, v);"
			     "INSERT INTO t(v) VALUES ('1'), (1), (x'01');",
			     &err),
	    DB_OK);
	sa = snapshot(a);
	sb = snapshot(b);
	ck_assert_str_eq(sa, sb);
	ck_assert_ptr_nonnull(strstr(sa, "table sqlite_sequence"));
	free(sb);
	/* Same rows, but the AUTOINCREMENT counter moved on. */
	ck_assert_int_eq(backend_exec(b,
			     "INSERT INTO t(v) VALUES (9); DELETE FROM t "
			     "WHERE v = 9;",
			     &err),
	    DB_OK);
	sb = snapshot(b);
	ck_assert_str_ne(sa, sb);
	free(sa);
	free(sb);
	backend_disconnect(a, NULL);
	backend_disconnect(b, NULL);
}
END_TEST

START_TEST(test_memory_connections_are_distinct)
{
	struct backend_conn *a, *b;
	struct backend_target t;
	struct db_error err;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &a, &err), DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &b, &err), DB_OK);
	ck_assert_int_eq(backend_exec(a, "CREATE TABLE t (x)", &err), DB_OK);
	ck_assert_int_eq(backend_exec(b, "SELECT * FROM t", &err),
	    DB_EBACKEND);
	ck_assert_str_eq(err.msg, "sqlite: no such table: t");
	backend_disconnect(a, NULL);
	backend_disconnect(b, NULL);
}
END_TEST

/* --seed-scale: the scale script multiplies every table, keys fresh. */
START_TEST(test_scale_script_multiplies_rows)
{
	struct strategy_ctx ctx;
	struct db_error err;
	struct strbuf sql;
	long long base, scaled;
	char *script, *dump;

	memset(&ctx, 0, sizeof ctx);
	ctx.backend = &backend_sqlite_ops;
	ctx.target = &target;
	ctx.wl = &wl;
	ck_assert_int_eq(strategy_connect_and_build(&ctx, &err), DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.count_rows(ctx.conn, &base, &err),
	    DB_OK);
	ck_assert_int_eq(base, 100); /* the default seed */
	strbuf_init(&sql);
	ck_assert_int_eq(backend_sqlite_ops.scale_sql(ctx.conn, 3, &sql, &err),
	    DB_OK);
	script = strbuf_detach(&sql);
	ck_assert_ptr_nonnull(strstr(script, "'#' ||"));
	/* applied through the strategies' loader, after the seed */
	ck_assert_int_eq(strategy_disconnect(&ctx, &err), DB_OK);
	ctx.scale_sql = script;
	ck_assert_int_eq(strategy_connect_and_build(&ctx, &err), DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.count_rows(ctx.conn, &scaled,
			     &err),
	    DB_OK);
	ck_assert_int_eq(scaled, 3 * base);
	/* foreign keys of the copies point at existing rows */
	ck_assert_int_eq(backend_exec(ctx.conn,
			     "CREATE TABLE fk_ok AS SELECT count(*) AS n "
			     "FROM pragma_foreign_key_check",
			     &err),
	    DB_OK);
	dump = snapshot(ctx.conn);
	ck_assert_ptr_nonnull(strstr(dump, "table fk_ok\n\t0\n"));
	/* the unique emails of the copies were made distinct */
	ck_assert_ptr_nonnull(strstr(dump, "'alice@example.com#2'"));
	free(dump);
	ck_assert_int_eq(strategy_disconnect(&ctx, &err), DB_OK);
	free(script);
}
END_TEST

START_TEST(test_reset_script_empties_every_table)
{
	struct strategy_ctx ctx;
	struct db_error err;
	struct strbuf sql;
	long long rows;

	memset(&ctx, 0, sizeof ctx);
	ctx.backend = &backend_sqlite_ops;
	ctx.target = &target;
	ctx.wl = &wl;
	ck_assert_int_eq(strategy_connect_and_build(&ctx, &err), DB_OK);
	strbuf_init(&sql);
	ck_assert_int_eq(backend_sqlite_ops.reset_sql(ctx.conn, 1, &sql, &err),
	    DB_OK);
	/* children before parents */
	ck_assert(strstr(sql.buf, "\"order_items\"") <
	    strstr(sql.buf, "\"orders\""));
	ck_assert(strstr(sql.buf, "\"orders\"") <
	    strstr(sql.buf, "\"users\""));
	ck_assert_ptr_nonnull(strstr(sql.buf, "sqlite_sequence"));
	ck_assert_int_eq(backend_exec(ctx.conn, sql.buf, &err), DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.count_rows(ctx.conn, &rows, &err),
	    DB_OK);
	ck_assert_int_eq(rows, 0);
	strbuf_fini(&sql);
	ck_assert_int_eq(strategy_disconnect(&ctx, &err), DB_OK);
}
END_TEST

START_TEST(test_delete_order)
{
	/* 0 <- 1 <- 2, and 3 references 0: children first, then parents */
	static const struct table_edge edges[] = { { 1, 0 }, { 2, 1 },
		{ 3, 0 }, { 2, 2 } };
	size_t order[4];

	backend_delete_order(4, edges, 4, order);
	ck_assert_uint_eq(order[0], 2);
	ck_assert_uint_eq(order[1], 1);
	ck_assert_uint_eq(order[2], 3);
	ck_assert_uint_eq(order[3], 0);
}
END_TEST

/* The first row of a query, as the driver's query op renders it. */
static char *
query(struct backend_conn *conn, const char *sql)
{
	struct db_error err;
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	rc = backend_query(conn, sql, &sb, &err);
	ck_assert_msg(rc == DB_OK, "%s: %s", sql, err.msg);
	return strbuf_detach(&sb);
}

START_TEST(test_query_renders_the_first_row)
{
	struct backend_conn *conn;
	struct backend_target t;
	struct db_error err;
	struct strbuf sb;
	char *v;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	v = query(conn, "SELECT 1, 'a', NULL UNION ALL SELECT 2, 'b', 3");
	ck_assert_str_eq(v, "1|a|NULL");
	free(v);
	v = query(conn, "PRAGMA foreign_keys");
	ck_assert_str_eq(v, "1");
	free(v);
	v = query(conn, "CREATE TABLE q (id INTEGER PRIMARY KEY, v)");
	ck_assert_str_eq(v, "");
	free(v);
	v = query(conn, "INSERT INTO q (v) VALUES ('x') RETURNING id");
	ck_assert_str_eq(v, "1");
	free(v);
	v = query(conn, "SELECT count(*) FROM q");
	ck_assert_str_eq(v, "1"); /* RETURNING ran its insert to the end */
	free(v);
	strbuf_init(&sb);
	ck_assert_int_eq(backend_query(conn, "SELECT * FROM nope", &sb, &err),
	    DB_EBACKEND);
	ck_assert_str_eq(err.msg, "sqlite: no such table: nope");
	strbuf_fini(&sb);
	backend_disconnect(conn, NULL);
}
END_TEST

/* SQ-MEM: a second connection to :memory: is another database. */
START_TEST(test_peer_of_memory_is_another_database)
{
	struct backend_conn *conn, *peer;
	struct backend_target t;
	struct db_error err;
	struct strbuf sb;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	ck_assert_int_eq(backend_exec(conn, "CREATE TABLE t (x)", &err),
	    DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect_peer(conn, &peer, &err),
	    DB_OK);
	strbuf_init(&sb);
	ck_assert_int_eq(backend_query(peer, "SELECT count(*) FROM t", &sb,
			     &err),
	    DB_EBACKEND);
	ck_assert_str_eq(err.msg, "sqlite: no such table: t");
	strbuf_fini(&sb);
	backend_disconnect(peer, NULL);
	backend_disconnect(conn, NULL);
}
END_TEST

/* On a file the peer shares the database and removes nothing. */
START_TEST(test_peer_of_a_file_shares_it)
{
	struct backend_conn *conn, *peer;
	struct backend_target t;
	struct db_error err;
	struct stat st;
	char dir[] = "/tmp/dbbench-check.XXXXXX";
	char *path, *v;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/peer.db", dir);
	memset(&t, 0, sizeof t);
	ck_assert_int_eq(backend_sqlite_ops.set_option(&t, "sqlite-path", path,
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	ck_assert_int_eq(backend_exec(conn,
			     "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect_peer(conn, &peer, &err),
	    DB_OK);
	v = query(peer, "SELECT count(*) FROM t");
	ck_assert_str_eq(v, "1");
	free(v);
	/* SQ-MULTI: the peer cannot write while the test's writes are open */
	ck_assert_int_eq(backend_exec(conn,
			     "BEGIN; INSERT INTO t VALUES (2)", &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(peer, "INSERT INTO t VALUES (3)", &err),
	    DB_EBACKEND);
	ck_assert_str_eq(err.msg, "sqlite: database is locked");
	ck_assert_int_eq(backend_exec(conn, "ROLLBACK", &err), DB_OK);
	ck_assert_int_eq(backend_disconnect(peer, &err), DB_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
	ck_assert_int_ne(stat(path, &st), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	backend_close_target(&backend_sqlite_ops, &t);
	free(path);
}
END_TEST

/* A shared-cache URI: one database for both, table locks, no file. */
START_TEST(test_shared_cache_uri)
{
	struct backend_conn *conn, *peer;
	struct backend_target base, t;
	struct db_error err;
	struct strbuf sb;
	char *v;

	memset(&base, 0, sizeof base);
	ck_assert_int_eq(backend_sqlite_ops.scenario_target(&base,
			     SCN_DB_SHARED_CACHE, "check", &t, &err),
	    DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect(&t, &conn, &err), DB_OK);
	ck_assert_int_eq(backend_exec(conn,
			     "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_sqlite_ops.connect_peer(conn, &peer, &err),
	    DB_OK);
	v = query(peer, "SELECT count(*) FROM t");
	ck_assert_str_eq(v, "1");
	free(v);
	/* SQ-SHCACHE: an open write locks the table for the other */
	ck_assert_int_eq(backend_exec(conn,
			     "BEGIN; INSERT INTO t VALUES (2)", &err),
	    DB_OK);
	strbuf_init(&sb);
	ck_assert_int_eq(backend_query(peer, "SELECT count(*) FROM t", &sb,
			     &err),
	    DB_EBACKEND);
	ck_assert_str_eq(err.msg, "sqlite: database table is locked: t");
	strbuf_fini(&sb);
	ck_assert_int_eq(backend_exec(conn, "ROLLBACK", &err), DB_OK);
	backend_disconnect(peer, NULL);
	ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
	/* no file of the URI's name was made */
	v = xasprintf("file:dbbench_%ld_check?mode=memory&cache=shared",
	    (long)getpid());
	ck_assert_int_ne(access(v, F_OK), 0);
	free(v);
	backend_close_target(&backend_sqlite_ops, &t);
}
END_TEST

static Suite *
strategy_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("strategy");
	tc = tcase_create("isolation");
	tcase_add_checked_fixture(tc, load_default, unload);
	tcase_add_test(tc, test_each_strategy_isolates_default_workload);
	tcase_add_test(tc, test_every_default_body_succeeds);
	tcase_add_test(tc, test_per_test_on_a_file_removes_it);
	tcase_add_test(tc, test_scale_script_multiplies_rows);
	tcase_add_test(tc, test_reset_script_empties_every_table);
	tcase_add_test(tc, test_delete_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("leaks");
	tcase_add_test(tc, test_commit_in_body_is_seen_as_a_leak);
	suite_add_tcase(s, tc);
	tc = tcase_create("body");
	tcase_add_test(tc, test_expect_error_statement);
	tcase_add_test(tc, test_failed_statement_names_file_line_and_message);
	suite_add_tcase(s, tc);
	tc = tcase_create("sqlite");
	tcase_add_test(tc, test_snapshot_sees_sequences_and_types);
	tcase_add_test(tc, test_memory_connections_are_distinct);
	tcase_add_test(tc, test_query_renders_the_first_row);
	tcase_add_test(tc, test_peer_of_memory_is_another_database);
	tcase_add_test(tc, test_peer_of_a_file_shares_it);
	tcase_add_test(tc, test_shared_cache_uri);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(strategy_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
