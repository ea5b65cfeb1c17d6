/*
 * check_suite.c - unit tests of `dbbench suite`'s pure parts: option
 * parsing, placeholders, the per-configuration test table, and the worker
 * scan's crossovers and predictions
 *
 * The crossover case is worked by hand: 0 workers start in 1 s and run the
 * 100 tests in 3 s (30 ms a test), 2 workers start in 3 s and run them in
 * 1 s (10 ms a test); the lines 1 + 0.03 T and 3 + 0.01 T cross at T = 100.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite.h"
#include "suite_scaling.h"
#include "xmalloc.h"

#define NELEM(a) (sizeof(a) / sizeof(a)[0])

static int
parse(struct suite_options *opts, struct db_error *err, int argc,
    char **argv)
{
	db_error_clear(err);
	return suite_parse(argc, argv, opts, err);
}

START_TEST(test_parse_matrix)
{
	char *argv[] = { "suite", "-s", "rollback,per-test", "-j", "0,2",
		"--param", "size=s,m", "--junit", "--runs", "4", "--",
		"pytest", "-n", "{workers}" };
	struct suite_options opts;
	struct db_error err;

	ck_assert_int_eq(parse(&opts, &err, NELEM(argv), argv), DB_OK);
	ck_assert_uint_eq(opts.n_strategies, 2);
	ck_assert_str_eq(opts.strategies[1], "per-test");
	ck_assert_uint_eq(opts.n_workers, 2);
	ck_assert_uint_eq(opts.workers[0], 0);
	ck_assert_uint_eq(opts.workers[1], 2);
	ck_assert_uint_eq(opts.n_params, 1);
	ck_assert_str_eq(opts.params[0].name, "size");
	ck_assert_uint_eq(opts.params[0].n_values, 2);
	ck_assert_int_eq(opts.junit, 1);
	ck_assert_uint_eq(opts.runs, 4);
	ck_assert_uint_eq(opts.n_command, 3);
	ck_assert_str_eq(opts.command[0], "pytest");
	ck_assert(fabs(opts.max_time - SUITE_DEFAULT_MAX_TIME) < 1e-9);
	suite_options_fini(&opts);
}
END_TEST

START_TEST(test_parse_errors)
{
	char *no_cmd[] = { "suite", "-s", "a" };
	char *twice[] = { "suite", "-j", "1,1", "--", "x" };
	char *taken[] = { "suite", "--param", "junit=1", "--", "x" };
	char *dbrun[] = { "suite", "--db-run", "r.json", "--", "x" };
	struct suite_options opts;
	struct db_error err;

	ck_assert_int_eq(parse(&opts, &err, NELEM(no_cmd), no_cmd), DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "give the test command"));
	suite_options_fini(&opts);
	ck_assert_int_eq(parse(&opts, &err, NELEM(twice), twice), DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "'1' is given twice"));
	suite_options_fini(&opts);
	ck_assert_int_eq(parse(&opts, &err, NELEM(taken), taken), DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "'junit' is taken"));
	suite_options_fini(&opts);
	ck_assert_int_eq(parse(&opts, &err, NELEM(dbrun), dbrun), DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "--db-run"));
	suite_options_fini(&opts);
}
END_TEST

START_TEST(test_substitute)
{
	char *argv[] = { "suite", "-s", "a", "-j", "0", "--param", "db=pg",
		"--junit", "--", "x" };
	const char *values[] = { "pg" };
	struct suite_options opts;
	struct suite_config cfg;
	struct db_error err;
	char *out = NULL;

	ck_assert_int_eq(parse(&opts, &err, NELEM(argv), argv), DB_OK);
	memset(&cfg, 0, sizeof cfg);
	cfg.strategy = "rollback";
	cfg.has_workers = 1;
	cfg.workers = 0;
	cfg.param_values = values;
	ck_assert_int_eq(suite_substitute("-n {workers} --s={strategy} "
					  "{db}:{junit} {{workers} {x y} {",
			     &opts, &cfg, "/tmp/r.xml", &out, &err),
	    DB_OK);
	ck_assert_str_eq(out, "-n 0 --s=rollback pg:/tmp/r.xml {workers} {x y} {");
	free(out);
	out = NULL;
	db_error_clear(&err);
	ck_assert_int_eq(suite_substitute("{nope}", &opts, &cfg, NULL, &out,
			     &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg,
	    "suite: {nope} has no value: give --param nope=V1,V2");
	ck_assert_ptr_null(out);
	suite_options_fini(&opts);
}
END_TEST

START_TEST(test_placeholder_without_value)
{
	char *argv[] = { "suite", "--", "x", "{workers}" };
	char *argv2[] = { "suite", "-j", "1", "--startup", "x {junit}", "--",
		"x" };
	struct suite_options opts;
	struct db_error err;

	ck_assert_int_eq(parse(&opts, &err, NELEM(argv), argv), DB_OK);
	ck_assert_int_eq(suite_check_placeholders(&opts, &err), DB_EUSAGE);
	ck_assert_str_eq(err.msg,
	    "suite: {workers} has no value: give -j/--workers LIST");
	suite_options_fini(&opts);
	ck_assert_int_eq(parse(&opts, &err, NELEM(argv2), argv2), DB_OK);
	ck_assert_int_eq(suite_check_placeholders(&opts, &err), DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "{junit} is for the test command"));
	suite_options_fini(&opts);
}
END_TEST

START_TEST(test_crossover)
{
	struct suite_scaling g;

	memset(&g, 0, sizeof g);
	g.pts[0] = (struct suite_scale_point){ 2, 4e9, 3e9, 1 };
	g.pts[1] = (struct suite_scale_point){ 0, 4e9, 1e9, 0 };
	g.n = 2;
	g.tests = 100;
	suite_scaling_compute(&g, 2);
	ck_assert_uint_eq(g.pts[0].workers, 0); /* sorted */
	ck_assert(g.has_startup);
	ck_assert_uint_eq(g.n_cross, 1);
	ck_assert_uint_eq(g.cross[0].from_workers, 0);
	ck_assert_uint_eq(g.cross[0].to_workers, 2);
	ck_assert(fabs(g.cross[0].tests - 100) < 1e-6);
	ck_assert(fabs(g.startup_per_worker_ns - 1e9) < 1);
	/* the measured lines: 1 + 0.03 T and 3 + 0.01 T seconds */
	ck_assert(fabs(suite_scaling_predict(&g, 0, 50) - 2.5e9) < 1);
	ck_assert(fabs(suite_scaling_predict(&g, 2, 400) - 7e9) < 1);
}
END_TEST

START_TEST(test_no_startup_no_prediction)
{
	struct suite_scaling g;
	double wall;

	memset(&g, 0, sizeof g);
	g.pts[0] = (struct suite_scale_point){ 1, 4e9, NAN, 0 };
	g.pts[1] = (struct suite_scale_point){ 4, 2e9, NAN, 1 };
	g.n = 2;
	g.tests = 10;
	suite_scaling_compute(&g, 8);
	ck_assert(!g.has_startup);
	ck_assert_uint_eq(g.n_cross, 0);
	ck_assert(isnan(suite_scaling_predict(&g, 3, 10)));
	ck_assert_uint_eq(suite_scaling_best(&g, 10, 8, &wall), 4);
	ck_assert_uint_eq(g.best_measured, 4);
}
END_TEST

/* A JUnit report of n cases named t::test_I, every third failing, the
 * last skipped, each taking I ms; its path is the caller's to unlink. */
static char *
write_report(int n)
{
	char *path = xstrdup("/tmp/check_suite_XXXXXX");
	FILE *f;
	int fd, i;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "<testsuite name=\"s\">\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "<testcase classname=\"t\" name=\"test_%d\" "
			   "time=\"%d.%03d\">",
		    i, i / 1000, i % 1000);
		if (i == n - 1)
			fprintf(f, "<skipped/>");
		else if (i % 3 == 0)
			fprintf(f, "<failure message=\"no\"/>");
		fprintf(f, "</testcase>\n");
	}
	fprintf(f, "</testsuite>\n");
	fclose(f);
	return path;
}

START_TEST(test_tests_table)
{
	struct suite_tests t;
	struct suite_sample s;
	struct db_error err;
	const struct suite_test *x;
	char *path = write_report(1000);
	char name[32];
	int i;

	memset(&t, 0, sizeof t);
	memset(&s, 0, sizeof s);
	ck_assert_ptr_null(suite_tests_find(&t, "t::test_1"));
	db_error_clear(&err);
	ck_assert_int_eq(suite_tests_read(path, &s, &t, 1, &err), DB_OK);
	ck_assert_int_eq(suite_tests_read(path, &s, &t, 1, &err), DB_OK);
	ck_assert(s.junit_read);
	ck_assert_uint_eq(s.tests, 1000);
	ck_assert_uint_eq(s.failures, 333);
	ck_assert_uint_eq(s.skipped, 1);
	ck_assert_uint_eq(t.n, 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "t::test_%d", i);
		x = suite_tests_find(&t, name);
		ck_assert_ptr_nonnull(x);
		ck_assert_uint_eq(x->runs, 2);
		ck_assert_uint_eq(x->failed, i % 3 == 0 && i != 999 ? 2 : 0);
		ck_assert_uint_eq(x->skipped, i == 999 ? 2 : 0);
	}
	ck_assert_ptr_null(suite_tests_find(&t, "t::test_1000"));
	/* durations of the 999 timed cases, twice; the skipped one not */
	ck_assert_uint_eq(t.n_durations, 2 * 999);
	ck_assert_int_eq(t.durations[1], 1000000);
	/* a warmup run counts nothing in the table */
	ck_assert_int_eq(suite_tests_read(path, &s, &t, 0, &err), DB_OK);
	ck_assert_uint_eq(t.n_durations, 2 * 999);
	unlink(path);
	ck_assert_int_eq(suite_tests_read(path, &s, &t, 1, &err), DB_EIO);
	free(path);
	suite_tests_fini(&t);
}
END_TEST

static Suite *
suite_suite(void)
{
	Suite *s = suite_create("suite");
	TCase *tc = tcase_create("cli");

	tcase_add_test(tc, test_parse_matrix);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_substitute);
	tcase_add_test(tc, test_placeholder_without_value);
	suite_add_tcase(s, tc);
	tc = tcase_create("scaling");
	tcase_add_test(tc, test_crossover);
	tcase_add_test(tc, test_no_startup_no_prediction);
	suite_add_tcase(s, tc);
	tc = tcase_create("tests");
	tcase_add_test(tc, test_tests_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(suite_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
