/*
 * check_capture.c - unit tests of capture: the record reader, the
 * PostgreSQL log reader and the rules that make a workload of them
 *
 * Each test writes record files or log text by hand, so that every rule of
 * capture_model.c is seen once on its own: the fixture's statements before
 * the first body, a transaction never committed, one committed, a
 * failed statement, markers, equal bodies, parameters of the extended
 * protocol and CSV fields over several lines.
 */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "capture_pglog.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Append one "s" record: src 'p', 'd' or '-', env, rc, sql. */
static void
rec(struct strbuf *sb, unsigned long long seq, char src, const char *env,
    int rc, const char *sql)
{
	strbuf_addf(sb, "s %llu %llu 0 %d %c %zu %zu\n%s%s\n", seq, seq * 10,
	    rc, src, strlen(env), strlen(sql), env, sql);
}

static void
build(const struct strbuf *sb, struct capture_log *log,
    struct capture_workload *wl)
{
	struct db_error err;

	memset(log, 0, sizeof *log);
	ck_assert_int_eq(capture_trace_parse(sb->buf, sb->len, 0, log, &err),
	    DB_OK);
	capture_model_build(log, wl);
}

START_TEST(test_pytest_phases)
{
	struct capture_workload wl;
	struct capture_log log;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "dbbench-trace 1 42\n");
	rec(&sb, 0, 'p', "t.py::a (setup)", 0, "CREATE TABLE t (x)");
	rec(&sb, 1, 'p', "t.py::a (setup)", 0, "INSERT INTO t VALUES (1)");
	rec(&sb, 2, 'p', "t.py::a (setup)", 0, "BEGIN");
	rec(&sb, 3, 'p', "t.py::a (call)", 0, "SELECT x FROM t");
	rec(&sb, 4, 'p', "t.py::a (teardown)", 0, "ROLLBACK");
	rec(&sb, 5, 'p', "t.py::b (setup)", 0, "BEGIN");
	rec(&sb, 6, 'p', "t.py::b (call)", 19, "INSERT INTO t VALUES (1)");
	rec(&sb, 7, 'p', "t.py::b (teardown)", 0, "ROLLBACK");
	rec(&sb, 8, 'p', "t.py::c (setup)", 0, "BEGIN");
	rec(&sb, 9, 'p', "t.py::c (teardown)", 0, "ROLLBACK");
	strbuf_adds(&sb, "e 10 0\n");
	build(&sb, &log, &wl);
	ck_assert_uint_eq(wl.n_schema, 1);
	ck_assert_str_eq(wl.schema[0], "CREATE TABLE t (x)");
	ck_assert_uint_eq(wl.n_seed, 1);
	ck_assert_uint_eq(wl.n_tests, 2);
	ck_assert_str_eq(wl.tests[0].name, "t.py::a");
	ck_assert_str_eq(wl.tests[0].stmts[0], "SELECT x FROM t");
	ck_assert_str_eq(wl.tests[1].stmts[0],
	    "-- dbbench: expect-error\nINSERT INTO t VALUES (1)");
	ck_assert_uint_eq(wl.expected_errors, 1);
	ck_assert_uint_eq(wl.tests_seen, 3);
	ck_assert_uint_eq(wl.tests_empty, 1); /* c: its fixture's only */
	ck_assert_uint_eq(wl.n_drops, 6);     /* the fixture's BEGINs and
						 ROLLBACKs */
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	strbuf_fini(&sb);
}
END_TEST

/* A body's own transaction: dropped when never committed, kept whole
 * when committed. */
START_TEST(test_body_transactions)
{
	struct capture_workload wl;
	struct capture_log log;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "dbbench-trace 1 42\n");
	rec(&sb, 0, '-', "", 0, "CREATE TABLE t (x)");
	rec(&sb, 1, 'd', "rolls-back", 0, "BEGIN");
	rec(&sb, 2, 'd', "rolls-back", 0, "INSERT INTO t VALUES (1)");
	rec(&sb, 3, 'd', "rolls-back", 0, "ROLLBACK");
	rec(&sb, 4, 'd', "commits", 0, "BEGIN ");
	rec(&sb, 5, 'd', "commits", 0, "INSERT INTO t VALUES (2)");
	rec(&sb, 6, 'd', "commits", 0, "COMMIT");
	rec(&sb, 7, 'd', "left-open", 0, "BEGIN");
	rec(&sb, 8, 'd', "left-open", 0, "DELETE FROM t");
	rec(&sb, 9, 'd', "savepoint", 0, "SAVEPOINT a");
	rec(&sb, 10, 'd', "savepoint", 0, "ROLLBACK TO SAVEPOINT a");
	build(&sb, &log, &wl);
	ck_assert_uint_eq(wl.n_tests, 4);
	ck_assert_uint_eq(wl.tests[0].n, 1);
	ck_assert_str_eq(wl.tests[0].stmts[0], "INSERT INTO t VALUES (1)");
	ck_assert_uint_eq(wl.tests[1].n, 3);
	ck_assert_str_eq(wl.tests[1].stmts[2], "COMMIT");
	ck_assert_uint_eq(wl.tests[2].n, 1);
	ck_assert_str_eq(wl.tests[2].stmts[0], "DELETE FROM t");
	ck_assert_uint_eq(wl.tests[3].n, 2); /* ROLLBACK TO is kept */
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	strbuf_fini(&sb);
}
END_TEST

START_TEST(test_markers_and_duplicates)
{
	struct capture_workload wl;
	struct capture_log log;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "dbbench-trace 1 42\n");
	rec(&sb, 0, '-', "", 0, "CREATE TABLE t (x)");
	rec(&sb, 1, '-', "", 0, "SELECT 'dbbench:test one'");
	rec(&sb, 2, '-', "", 0, "SELECT x FROM t");
	rec(&sb, 3, '-', "", 0, "select  'dbbench:test two' ;");
	rec(&sb, 4, '-', "", 0, "SELECT x FROM t");
	rec(&sb, 5, '-', "", 0, "SELECT 'dbbench:test three'");
	build(&sb, &log, &wl);
	ck_assert_uint_eq(wl.n_tests, 1);
	ck_assert_str_eq(wl.tests[0].name, "one");
	ck_assert_uint_eq(wl.tests[0].weight, 2);
	ck_assert_uint_eq(wl.duplicates, 1);
	ck_assert_uint_eq(wl.tests_seen, 3);
	ck_assert_uint_eq(wl.tests_empty, 1);
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	strbuf_fini(&sb);
}
END_TEST

/* Bad records are usage errors; a record cut short ends the file. */
START_TEST(test_bad_records)
{
	static const char *const bad[] = {
		"",
		"not a trace\n",
		"dbbench-trace 2 1\n",
		"dbbench-trace 1 1\nx 1 2\n",
		"dbbench-trace 1 1\ns 0 0 0 0 q 0 1\nA\n",
		"dbbench-trace 1 1\ns 0 0 0 0 - 0 999999999999999999999\nA\n",
		"dbbench-trace 1 1\ns 0 0 0 0 - -1 1\nA\n",
	};
	struct capture_log log;
	struct db_error err;
	size_t i;
	const char *cut = "dbbench-trace 1 1\ns 0 0 0 0 - 0 8\nSELECT 1\n"
			  "s 1 1 0 0 - 0 30\nSELECT";

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&log, 0, sizeof log);
		ck_assert_int_eq(capture_trace_parse(bad[i], strlen(bad[i]), 0,
				     &log, &err),
		    DB_EUSAGE);
		capture_log_fini(&log);
	}
	memset(&log, 0, sizeof log);
	ck_assert_int_eq(capture_trace_parse(cut, strlen(cut), 0, &log, &err),
	    DB_OK);
	ck_assert_uint_eq(log.n, 1);
	ck_assert_str_eq(log.stmts[0].sql, "SELECT 1");
	capture_log_fini(&log);
}
END_TEST

/* csvlog: quoted fields over several lines, parameters inlined, an
 * ERROR marking the statement before it, tests by application_name. */
START_TEST(test_pg_csvlog)
{
	static const char csv[] =
	    "t,u,d,1,h,s1,1,,t,,0,LOG,00000,\"statement: CREATE TABLE t "
	    "(x int)\",,,,,,,,,fixture,client backend,,0\n"
	    "t,u,d,2,h,s2,1,,t,,0,LOG,00000,\"execute <unnamed>: SELECT x\n"
	    "  FROM t WHERE x = $1 AND y = $2 AND z = '$1'\",\"parameters: "
	    "$1 = 'it''s', $2 = NULL\",,,,,,,,test:a,client backend,,0\n"
	    "t,u,d,2,h,s2,2,,t,,0,LOG,00000,\"statement: INSERT INTO t "
	    "VALUES (1)\",,,,,,,,,test:b,client backend,,0\n"
	    "t,u,d,2,h,s2,3,,t,,0,ERROR,23505,\"duplicate key\",,,,,,,,,"
	    "test:b,client backend,,0\n";
	struct capture_workload wl;
	struct capture_log log;
	struct db_error err;

	memset(&log, 0, sizeof log);
	ck_assert_int_eq(capture_pglog_parse(csv, strlen(csv), &log, &err),
	    DB_OK);
	ck_assert_uint_eq(log.n, 3);
	ck_assert_str_eq(log.stmts[1].sql,
	    "SELECT x\n  FROM t WHERE x = 'it''s' AND y = NULL AND z = '$1'");
	capture_model_build(&log, &wl);
	ck_assert_uint_eq(wl.n_schema, 1);
	ck_assert_uint_eq(wl.n_tests, 2);
	ck_assert_str_eq(wl.tests[1].name, "b");
	ck_assert_str_eq(wl.tests[1].stmts[0],
	    "-- dbbench: expect-error\nINSERT INTO t VALUES (1)");
	capture_workload_fini(&wl);
	capture_log_fini(&log);
}
END_TEST

/* stderr with '%c [%a] ', continuation lines, a DETAIL line; and the
 * last resort: a session's transactions as its tests. */
START_TEST(test_pg_stderr)
{
	static const char log_text[] =
	    "s1 [] LOG:  statement: CREATE TABLE t (x int)\n"
	    "s2 [app] LOG:  statement: BEGIN\n"
	    "s2 [app] LOG:  execute S_1: SELECT x\n"
	    "\tFROM t WHERE x = $1\n"
	    "s2 [app] DETAIL:  parameters: $1 = '5'\n"
	    "s2 [app] LOG:  statement: ROLLBACK\n"
	    "s2 [app] LOG:  statement: BEGIN\n"
	    "s2 [app] LOG:  statement: SELECT 2\n"
	    "s2 [app] LOG:  statement: ROLLBACK\n";
	static const char none[] = "s1 [] LOG:  checkpoint starting\n";
	struct capture_workload wl;
	struct capture_log log;
	struct db_error err;

	memset(&log, 0, sizeof log);
	ck_assert_int_eq(capture_pglog_parse(log_text, strlen(log_text), &log,
			     &err),
	    DB_OK);
	capture_model_build(&log, &wl);
	ck_assert_uint_eq(wl.n_tests, 2);
	ck_assert_str_eq(wl.tests[0].name, "s2#1");
	ck_assert_str_eq(wl.tests[0].stmts[0], "SELECT x\nFROM t WHERE x = '5'");
	ck_assert_str_eq(wl.tests[1].stmts[0], "SELECT 2");
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	memset(&log, 0, sizeof log);
	ck_assert_int_eq(capture_pglog_parse(none, strlen(none), &log, &err),
	    DB_EUSAGE);
	ck_assert(strstr(err.msg, "no statements in the log") != NULL);
	capture_log_fini(&log);
	ck_assert_int_eq(capture_pglog_parse("hello\n", 6, &log, &err),
	    DB_EUSAGE);
	ck_assert(strstr(err.msg, "not a PostgreSQL log") != NULL);
	capture_log_fini(&log);
}
END_TEST

static Suite *
capture_suite(void)
{
	Suite *s = suite_create("capture");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, test_pytest_phases);
	tcase_add_test(tc, test_body_transactions);
	tcase_add_test(tc, test_markers_and_duplicates);
	tcase_add_test(tc, test_bad_records);
	suite_add_tcase(s, tc);
	tc = tcase_create("pglog");
	tcase_add_test(tc, test_pg_csvlog);
	tcase_add_test(tc, test_pg_stderr);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(capture_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
