/*
 * check_backend_pg.c - the PostgreSQL driver against a real server
 *
 * Needs DBBENCH_PG_DSN (tests/pg/check_backend_pg.sh runs it inside a
 * throwaway cluster); without it the program exits 77, automake's "skip".
 * Covers the three protocols, error messages, scratch schemas and
 * databases being dropped, and the strategies on the default workload:
 * tables are as they were at the start of every test under every strategy,
 * while identity sequences survive a rollback (PG-SEQ); per-test,
 * truncate, delete and template put them back.  Also the operations
 * validation needs: PostgreSQL's types in one-row queries, peer
 * connections to the same schema (of a scratch schema and of a template
 * copy) and notifications.  What every backend must do (statements,
 * errors, the prepared-statement cache, dumps, clones, leaving nothing
 * behind) is checked in check_backend_contract.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libpq-fe.h>

#include "backend.h"
#include "body.h"
#include "strategy.h"
#include "workload.h"
#include "xmalloc.h"

static struct backend_target target;

static void
open_target(void)
{
	struct db_error err;
	int rc;

	memset(&target, 0, sizeof target);
	target.n_stmts = 4;
	rc = backend_pg_ops.set_option(&target, "dsn",
	    getenv("DBBENCH_PG_DSN"), &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
	rc = backend_pg_ops.open_target(&target, &err);
	ck_assert_msg(rc == DB_OK, "%s", err.msg);
}

static void
close_target(void)
{
	backend_pg_ops.close_target(&target);
}

/* A one-value query on a fresh superuser connection to the DSN. */
static char *
admin_value(const char *sql)
{
	PGconn *pg;
	PGresult *res;
	char *v = NULL;

	pg = PQconnectdb(getenv("DBBENCH_PG_DSN"));
	ck_assert_int_eq(PQstatus(pg), CONNECTION_OK);
	res = PQexec(pg, sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	if (PQntuples(res) > 0)
		v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(pg);
	return v;
}

static long
count_scratch(void)
{
	char *v;
	long n;

	v = admin_value("SELECT count(*) FROM pg_database WHERE datname "
			"LIKE 'dbbench\\_%' AND datname NOT IN "
			"('dbbench_pw_db', 'dbbench_nocreate_db')");
	n = atol(v);
	free(v);
	return n;
}

START_TEST(test_protocols)
{
	static const char *const protocols[] = { "simple", "extended",
		"prepared" };
	struct backend_conn *conn;
	struct db_error err;
	size_t p;

	for (p = 0; p < sizeof protocols / sizeof protocols[0]; p++) {
		ck_assert_int_eq(backend_pg_ops.set_option(&target, "protocol",
				     protocols[p], &err),
		    DB_OK);
		ck_assert_int_eq(backend_pg_ops.connect(&target, &conn, &err),
		    DB_OK);
		ck_assert_int_eq(backend_run(conn, 0,
				     "CREATE TABLE t (id int PRIMARY KEY)",
				     &err),
		    DB_OK);
		ck_assert_int_eq(backend_run(conn, 1,
				     "INSERT INTO t SELECT coalesce(max(id), "
				     "0) + 1 FROM t",
				     &err),
		    DB_OK);
		/* the same slot again: reuses the prepared statement */
		ck_assert_int_eq(backend_run(conn, 1,
				     "INSERT INTO t SELECT coalesce(max(id), "
				     "0) + 1 FROM t",
				     &err),
		    DB_OK);
		ck_assert_int_eq(backend_run(conn, 2, "SELECT * FROM nope",
				     &err),
		    DB_EBACKEND);
		ck_assert_str_eq(err.msg,
		    "postgres: relation \"nope\" does not exist");
		ck_assert_int_eq(conn->ops->in_transaction(conn), 0);
		ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_BEGIN, &err),
		    DB_OK);
		ck_assert_int_eq(conn->ops->in_transaction(conn), 1);
		ck_assert_int_eq(backend_run(conn, 3, "SELECT 1 / 0", &err),
		    DB_EBACKEND);
		ck_assert_str_eq(err.msg, "postgres: division by zero");
		ck_assert_int_eq(conn->ops->in_transaction(conn), 1);
		ck_assert_int_eq(backend_run_builtin(conn, BUILTIN_ROLLBACK,
				     &err),
		    DB_OK);
		ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
	}
}
END_TEST

START_TEST(test_scratch_objects_are_dropped)
{
	struct backend_conn *a, *b;
	struct db_error err;
	char *v;

	ck_assert_int_eq(count_scratch(), 1); /* the target's database */
	ck_assert_int_eq(backend_pg_ops.connect(&target, &a, &err), DB_OK);
	ck_assert_int_eq(backend_pg_ops.connect(&target, &b, &err), DB_OK);
	/* two connections, two distinct empty databases */
	ck_assert_int_eq(backend_exec(a, "CREATE TABLE only_a (x int)", &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(b, "SELECT * FROM only_a", &err),
	    DB_EBACKEND);
	v = admin_value("SELECT count(*) FROM pg_stat_activity WHERE "
			"application_name = 'dbbench'");
	ck_assert_int_ge(atol(v), 3);
	free(v);
	ck_assert_int_eq(backend_disconnect(a, &err), DB_OK);
	ck_assert_int_eq(backend_disconnect(b, &err), DB_OK);
	backend_pg_ops.close_target(&target);
	ck_assert_int_eq(count_scratch(), 0);
	open_target(); /* for the fixture's teardown */
}
END_TEST

/* The dump split in two: tables, then sequences. */
static void
split_snapshot(struct backend_conn *conn, char **tables, char **sequences)
{
	struct strbuf t, s, all;
	struct db_error err;
	char *line, *next;
	int in_seq = 0;

	strbuf_init(&all);
	ck_assert_int_eq(conn->ops->snapshot(conn, &all, &err), DB_OK);
	strbuf_init(&t);
	strbuf_init(&s);
	for (line = all.buf; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next != NULL ? next + 1 : line + strlen(line);
		if (strncmp(line, "sequence ", 9) == 0)
			in_seq = 1;
		else if (strncmp(line, "table ", 6) == 0)
			in_seq = 0;
		strbuf_add(in_seq ? &s : &t, line, (size_t)(next - line));
	}
	strbuf_fini(&all);
	*tables = strbuf_detach(&t);
	*sequences = strbuf_detach(&s);
}

/* Run the default workload once under st; count tests that started with
 * other table content, and with other sequence values, than the first. */
static void
run_default(const struct strategy_ops *st, int *tables_differ,
    int *sequences_differ)
{
	struct strategy_ctx ctx;
	struct workload wl;
	struct db_error err;
	char *dir, *t0 = NULL, *s0 = NULL, *t, *s;
	size_t i;
	const char *fixtures = getenv("DBBENCH_FIXTURES");

	ck_assert_int_eq(workload_resolve("default",
			     fixtures != NULL ? fixtures : "fixtures", &dir,
			     &err),
	    DB_OK);
	ck_assert_int_eq(workload_load("default", dir, "postgres",
			     SQL_DIALECT_POSTGRES, &wl, &err),
	    DB_OK);
	target.n_stmts = wl.n_stmts;
	memset(&ctx, 0, sizeof ctx);
	ctx.backend = &backend_pg_ops;
	ctx.target = &target;
	ctx.wl = &wl;
	*tables_differ = *sequences_differ = 0;
	ck_assert_int_eq(st->session_setup(&ctx, &err), DB_OK);
	for (i = 0; i < wl.n_tests; i++) {
		ck_assert_msg(st->test_setup(&ctx, &err) == DB_OK, "%s",
		    err.msg);
		split_snapshot(ctx.conn, &t, &s);
		if (t0 == NULL) {
			t0 = t;
			s0 = s;
		} else {
			*tables_differ += strcmp(t0, t) != 0;
			*sequences_differ += strcmp(s0, s) != 0;
			free(t);
			free(s);
		}
		ck_assert_msg(body_run(ctx.conn, &wl.tests[i], NULL, &err) ==
			DB_OK,
		    "%s: %s", st->name, err.msg);
		ck_assert_msg(st->test_teardown(&ctx, &err) == DB_OK, "%s",
		    err.msg);
	}
	ck_assert_int_eq(st->session_teardown(&ctx, &err), DB_OK);
	free(t0);
	free(s0);
	workload_fini(&wl);
	free(dir);
}

START_TEST(test_strategies_on_default_workload)
{
	int tables, sequences;

	run_default(&strategy_rollback_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_gt(sequences, 0); /* PG-SEQ: nextval is not undone */
	run_default(&strategy_savepoint_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_gt(sequences, 0);
	/* Fresh databases, or tables emptied with identities restarted:
	 * every test starts from the same tables and sequences. */
	run_default(&strategy_pertest_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_eq(sequences, 0);
	run_default(&strategy_truncate_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_eq(sequences, 0);
	run_default(&strategy_delete_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_eq(sequences, 0);
	run_default(&strategy_template_ops, &tables, &sequences);
	ck_assert_int_eq(tables, 0);
	ck_assert_int_eq(sequences, 0);
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

/* PostgreSQL's own types as the query op renders them; the rest of the
 * query op is in check_backend_contract.c. */
START_TEST(test_query_renders_the_first_row)
{
	struct backend_conn *conn;
	struct db_error err;
	char *v;

	ck_assert_int_eq(backend_pg_ops.connect(&target, &conn, &err), DB_OK);
	v = query(conn, "SELECT 1, 'a', NULL, true UNION ALL SELECT 2, 'b', "
			"NULL, false");
	ck_assert_str_eq(v, "1|a|NULL|t");
	free(v);
	v = query(conn, "CREATE TABLE q (id serial, v text)");
	ck_assert_str_eq(v, "");
	free(v);
	v = query(conn, "INSERT INTO q (v) VALUES ('x') RETURNING id");
	ck_assert_str_eq(v, "1");
	free(v);
	ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
}
END_TEST

/* A peer shares the schema, sees only committed rows, drops nothing. */
START_TEST(test_peer_shares_the_database)
{
	struct backend_conn *conn, *peer;
	struct db_error err;
	char *v;

	ck_assert_int_eq(backend_pg_ops.connect(&target, &conn, &err), DB_OK);
	ck_assert_int_eq(backend_exec(conn,
			     "CREATE TABLE shared (x int); "
			     "INSERT INTO shared VALUES (1)",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.connect_peer(conn, &peer, &err),
	    DB_OK);
	v = query(peer, "SELECT count(*) FROM shared");
	ck_assert_str_eq(v, "1");
	free(v);
	ck_assert_int_eq(backend_exec(conn,
			     "BEGIN; INSERT INTO shared VALUES (2)", &err),
	    DB_OK);
	v = query(peer, "SELECT count(*) FROM shared");
	ck_assert_str_eq(v, "1"); /* PG-VIS: uncommitted */
	free(v);
	ck_assert_int_eq(backend_exec(conn, "COMMIT", &err), DB_OK);
	ck_assert_int_eq(backend_disconnect(peer, &err), DB_OK);
	/* the schema is still there after the peer closed */
	v = query(conn, "SELECT count(*) FROM shared");
	ck_assert_str_eq(v, "2");
	free(v);
	ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
	ck_assert_int_eq(count_scratch(), 1);
}
END_TEST

START_TEST(test_peer_of_a_template_copy)
{
	struct backend_template *tpl;
	struct backend_conn *conn = NULL, *peer;
	struct db_error err;
	char *v;

	ck_assert_int_eq(backend_pg_ops.template_open(&target, &conn, &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(conn,
			     "CREATE TABLE t (x int); INSERT INTO t VALUES (7)",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.template_seal(conn, &tpl, &err),
	    DB_OK);
	conn = NULL;
	ck_assert_int_eq(backend_pg_ops.template_clone(tpl, &conn, &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(conn, "INSERT INTO t VALUES (8)", &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.connect_peer(conn, &peer, &err),
	    DB_OK);
	v = query(peer, "SELECT sum(x) FROM t");
	ck_assert_str_eq(v, "15");
	free(v);
	ck_assert_int_eq(backend_disconnect(peer, &err), DB_OK);
	ck_assert_int_eq(backend_pg_ops.template_release(tpl, &conn, &err),
	    DB_OK);
	backend_pg_ops.template_drop(tpl);
	ck_assert_int_eq(count_scratch(), 1);
}
END_TEST

START_TEST(test_notifications)
{
	struct backend_conn *conn, *listener;
	struct db_error err;
	unsigned n = 99;

	ck_assert_int_eq(backend_pg_ops.connect(&target, &conn, &err), DB_OK);
	ck_assert_int_eq(backend_pg_ops.connect_peer(conn, &listener, &err),
	    DB_OK);
	ck_assert_int_eq(backend_exec(listener, "LISTEN dbbench_check", &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.notifications(listener, &n, &err),
	    DB_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(backend_exec(conn, "NOTIFY dbbench_check, 'a'",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.notifications(listener, &n, &err),
	    DB_OK);
	ck_assert_uint_eq(n, 1);
	/* PG-NOTIFY: not delivered when the transaction rolls back */
	ck_assert_int_eq(backend_exec(conn,
			     "BEGIN; NOTIFY dbbench_check, 'b'; ROLLBACK",
			     &err),
	    DB_OK);
	ck_assert_int_eq(backend_pg_ops.notifications(listener, &n, &err),
	    DB_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(backend_disconnect(listener, &err), DB_OK);
	ck_assert_int_eq(backend_disconnect(conn, &err), DB_OK);
}
END_TEST

static Suite *
pg_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("backend_pg");
	tc = tcase_create("driver");
	tcase_add_checked_fixture(tc, open_target, close_target);
	tcase_add_test(tc, test_protocols);
	tcase_add_test(tc, test_scratch_objects_are_dropped);
	tcase_add_test(tc, test_strategies_on_default_workload);
	tcase_add_test(tc, test_query_renders_the_first_row);
	tcase_add_test(tc, test_peer_shares_the_database);
	tcase_add_test(tc, test_peer_of_a_template_copy);
	tcase_add_test(tc, test_notifications);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (getenv("DBBENCH_PG_DSN") == NULL) {
		fprintf(stderr, "SKIP: DBBENCH_PG_DSN is not set; run "
				"tests/pg/check_backend_pg.sh\n");
		return 77;
	}
	sr = srunner_create(pg_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
