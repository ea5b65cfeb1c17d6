/*
 * check_compare.c - matching cells of two runs and judging the changes
 *
 * Two results are built by hand with chosen per-round suite overhead
 * samples, so every verdict is known in advance: no change, a change the
 * Mann-Whitney test finds but the threshold does not count, a regression,
 * an improvement, a large change from too few rounds for the test to
 * reach p < 0.05 at all ("not enough data"),
 * cells in one run only, and cells without data.  The writers must print
 * the same verdicts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "compare.h"
#include "xmalloc.h"

static struct run_result before, after;

static void
init_run(struct run_result *r, const char *version)
{
	memset(r, 0, sizeof *r);
	r->tool_version = xstrdup("9.9.9");
	r->host_cpu = xstrdup("Test CPU");
	r->host_cores = 2;
	r->host_os = xstrdup("Linux");
	r->config.workload = xstrdup("default");
	r->config.workload_dir = xstrdup("/x");
	r->config.tests = 27;
	r->n_backends = 1;
	r->backends = xcalloc(1, sizeof *r->backends);
	r->backends[0].name = xstrdup("sqlite");
	r->backends[0].info.version = xstrdup(version);
	backend_info_add(&r->backends[0].info, "journal_mode", "memory");
}

/*
 * A cell whose rounds have suite overheads base, base + step, ... (rounds
 * values) and per-test times of ten times that.
 */
static struct cell *
add_cell(struct run_result *r, const char *strategy, unsigned workers,
    size_t rounds, int64_t base, int64_t step)
{
	struct cell *c;
	size_t i;

	c = result_add_cell(r, "sqlite", strategy, "per-worker", 1);
	c->workers = workers;
	for (i = 0; i < rounds; i++) {
		sample_vec_push(&c->suite_overhead, base + (int64_t)i * step);
		sample_vec_push(&c->samples[SERIES_PER_TEST],
		    10 * (base + (int64_t)i * step));
	}
	c->rounds = (unsigned)rounds;
	return c;
}

static void
setup(void)
{
	init_run(&before, "3.40.1");
	init_run(&after, "3.40.1");
	/* same: identical samples */
	add_cell(&before, "rollback", 1, 12, 1000, 10);
	add_cell(&after, "rollback", 1, 12, 1000, 10);
	/* +10%, fully separated: significant, within the 20% threshold */
	add_cell(&before, "savepoint", 1, 12, 1000, 1);
	add_cell(&after, "savepoint", 1, 12, 1100, 1);
	/* +50%: a regression */
	add_cell(&before, "per-test", 1, 12, 100000, 100);
	add_cell(&after, "per-test", 1, 12, 150000, 100);
	/* -50%: an improvement */
	add_cell(&before, "rollback", 2, 12, 2000, 10);
	add_cell(&after, "rollback", 2, 12, 1000, 5);
	/* +50% from 3 rounds a side: too few to be significant */
	add_cell(&before, "savepoint", 2, 3, 1000, 10);
	add_cell(&after, "savepoint", 2, 3, 1500, 10);
	/* only in one run each; per-test at 4 workers has no data after */
	add_cell(&before, "truncate", 1, 12, 5000, 10);
	add_cell(&after, "delete", 1, 12, 5000, 10);
	add_cell(&before, "per-test", 4, 12, 5000, 10);
	add_cell(&after, "per-test", 4, 0, 0, 0);
	result_summarize(&before);
	result_summarize(&after);
}

static void
teardown(void)
{
	result_fini(&before);
	result_fini(&after);
}

static const struct compare_row *
row_of(const struct comparison *cmp, const char *strategy, unsigned workers)
{
	size_t i;

	for (i = 0; i < cmp->n_rows; i++)
		if (strcmp(cmp->rows[i].after->strategy, strategy) == 0 &&
		    cmp->rows[i].after->workers == workers)
			return &cmp->rows[i];
	ck_abort_msg("no row for %s at %u workers", strategy, workers);
	return NULL;
}

START_TEST(test_verdicts)
{
	struct comparison cmp;
	const struct compare_row *r;

	compare_runs(&before, "old.json", &after, "new.json", 0.2, &cmp);
	ck_assert_uint_eq(cmp.n_rows, 6);
	r = row_of(&cmp, "rollback", 1);
	ck_assert_int_eq(r->verdict, VERDICT_SAME);
	ck_assert_double_eq(r->p, 1);
	ck_assert_double_eq(r->overhead_change, 0);
	r = row_of(&cmp, "savepoint", 1);
	ck_assert_int_eq(r->verdict, VERDICT_WITHIN);
	ck_assert_double_lt(r->p, 0.001);
	ck_assert_double_eq_tol(r->overhead_change, 0.1, 0.001);
	r = row_of(&cmp, "per-test", 1);
	ck_assert_int_eq(r->verdict, VERDICT_REGRESSION);
	/* medians 100550 and 150550 */
	ck_assert_double_eq_tol(r->before_overhead, 100550, 1e-9);
	ck_assert_double_eq_tol(r->overhead_change, 50000.0 / 100550, 1e-12);
	ck_assert_double_eq_tol(r->per_test_change, 50000.0 / 100550, 1e-12);
	r = row_of(&cmp, "rollback", 2);
	ck_assert_int_eq(r->verdict, VERDICT_IMPROVEMENT);
	/* 3 rounds a side: fully separated, and still p > 0.05 */
	r = row_of(&cmp, "savepoint", 2);
	ck_assert_int_eq(r->verdict, VERDICT_TOO_FEW);
	ck_assert_double_gt(r->p, 0.05);
	ck_assert_double_eq_tol(r->min_p, r->p, 1e-12);
	ck_assert_double_eq_tol(r->overhead_change, 500.0 / 1010, 1e-12);
	ck_assert_uint_eq(cmp.too_few, 1);
	/* 12 a side could reach it */
	ck_assert_double_lt(row_of(&cmp, "rollback", 1)->min_p, 0.001);
	r = row_of(&cmp, "per-test", 4);
	ck_assert_int_eq(r->verdict, VERDICT_NO_DATA);
	ck_assert_uint_eq(cmp.regressions, 1);
	ck_assert_uint_eq(cmp.improvements, 1);
	ck_assert_uint_eq(cmp.n_only_before, 1);
	ck_assert_str_eq(cmp.only_before[0]->strategy, "truncate");
	ck_assert_uint_eq(cmp.n_only_after, 1);
	ck_assert_str_eq(cmp.only_after[0]->strategy, "delete");
	ck_assert_uint_eq(cmp.n_warnings, 0);
	compare_fini(&cmp);

	/* a lower threshold makes the significant +10% a regression */
	compare_runs(&before, "old.json", &after, "new.json", 0.05, &cmp);
	ck_assert_int_eq(row_of(&cmp, "savepoint", 1)->verdict,
	    VERDICT_REGRESSION);
	ck_assert_uint_eq(cmp.regressions, 2);
	compare_fini(&cmp);
	/* and a higher one lets +50% pass */
	compare_runs(&before, "old.json", &after, "new.json", 0.6, &cmp);
	ck_assert_uint_eq(cmp.regressions, 0);
	ck_assert_int_eq(row_of(&cmp, "per-test", 1)->verdict,
	    VERDICT_WITHIN);
	compare_fini(&cmp);
}
END_TEST

START_TEST(test_same_run)
{
	struct comparison cmp;
	size_t i;

	compare_runs(&before, "a.json", &before, "a.json", 0.2, &cmp);
	ck_assert_uint_eq(cmp.n_only_before + cmp.n_only_after, 0);
	for (i = 0; i < cmp.n_rows; i++) {
		ck_assert_int_eq(cmp.rows[i].verdict,
		    cmp.rows[i].after->suite_overhead.n < 4 ? VERDICT_TOO_FEW
							    : VERDICT_SAME);
		ck_assert_double_eq(cmp.rows[i].p, 1);
	}
	ck_assert_uint_eq(cmp.too_few, 1);
	compare_fini(&cmp);
}
END_TEST

START_TEST(test_warnings)
{
	struct comparison cmp;

	free(after.backends[0].info.version);
	after.backends[0].info.version = xstrdup("3.45.0");
	free(after.backends[0].info.settings[0].value);
	after.backends[0].info.settings[0].value = xstrdup("wal");
	backend_info_add(&after.backends[0].info, "synchronous", "off");
	after.config.tests = 421;
	free(after.config.workload);
	after.config.workload = xstrdup("mine");
	compare_runs(&before, "old.json", &after, "new.json", 0.2, &cmp);
	ck_assert_uint_eq(cmp.n_warnings, 5);
	ck_assert_str_eq(cmp.warnings[0],
	    "the workload differs: default in old.json, mine in new.json");
	ck_assert_str_eq(cmp.warnings[1],
	    "the suite size differs: 27 tests in old.json, 421 in new.json");
	ck_assert_str_eq(cmp.warnings[2],
	    "sqlite version differs: 3.40.1 in old.json, 3.45.0 in new.json");
	ck_assert_str_eq(cmp.warnings[3],
	    "sqlite setting journal_mode differs: memory in old.json, wal in "
	    "new.json");
	ck_assert_str_eq(cmp.warnings[4],
	    "sqlite setting synchronous: not recorded in old.json, off in "
	    "new.json");
	compare_fini(&cmp);
}
END_TEST

static char *
write_as(const struct comparison *cmp, const struct report_ops *format,
    int color)
{
	struct report_options opts = { .color = color };
	struct db_error err;
	struct strbuf sb;

	strbuf_init(&sb);
	ck_assert_int_eq(compare_write(cmp, format, &opts, &sb, &err), DB_OK);
	return strbuf_detach(&sb);
}

START_TEST(test_writers)
{
	struct comparison cmp;
	struct strbuf sb;
	struct db_error err;
	json_error_t jerr;
	json_t *root, *cell;
	char *text;
	size_t i;

	compare_runs(&before, "old.json", &after, "new.json", 0.2, &cmp);
	text = write_as(&cmp, &report_text_ops, 0);
	ck_assert_ptr_nonnull(strstr(text, "comparing old.json (dbbench "
					   "9.9.9)\n     with new.json"));
	ck_assert_ptr_nonnull(strstr(text, "\nsqlite per-test  "));
	ck_assert_ptr_nonnull(strstr(text, "101 \xc2\xb5s        151 \xc2\xb5s"
					   "   +49.7%"));
	/* no successful test after: nothing to show on that side */
	ck_assert_ptr_nonnull(strstr(text, "sqlite per-test (4 workers, "
					   "per-worker)        5.05 \xc2\xb5s"
					   "             -        -       50.5 "
					   "\xc2\xb5s             -        -  "
					   "      -  no data\n"));
	ck_assert_ptr_nonnull(strstr(text, "<0.0001  regression\n"));
	ck_assert_ptr_nonnull(strstr(text, "sqlite rollback (2 workers, "
					   "per-worker)"));
	ck_assert_ptr_nonnull(strstr(text, "  improvement\n"));
	ck_assert_ptr_nonnull(strstr(text, "  within threshold\n"));
	ck_assert_ptr_nonnull(strstr(text, "1.0000  no significant change\n"));
	ck_assert_ptr_nonnull(strstr(text, "only in old.json: sqlite "
					   "truncate\n"));
	ck_assert_ptr_nonnull(strstr(text, "only in new.json: sqlite delete\n"));
	ck_assert_ptr_nonnull(strstr(text, "1 regression, 1 improvement, 1 "
					   "within threshold, 1 with no "
					   "significant change, 1 with not "
					   "enough data, 1 without "
					   "successful tests on one side "
					   "(threshold 20%, p < 0.05)\n"));
	ck_assert_ptr_nonnull(strstr(text, "  not enough data\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nnot enough data: sqlite "
					   "savepoint (2 workers, per-worker): "
					   "3 rounds against 3 give p = 0.0809 "
					   "at best, never p < 0.05;"));
	ck_assert_ptr_null(strchr(text, '\033'));
	free(text);
	text = write_as(&cmp, &report_text_ops, 1);
	ck_assert_ptr_nonnull(strstr(text, REPORT_ANSI_BAD "regression"
	    REPORT_ANSI_RESET "\n"));
	ck_assert_ptr_nonnull(strstr(text, REPORT_ANSI_GOOD "improvement"
	    REPORT_ANSI_RESET "\n"));
	free(text);
	text = write_as(&cmp, &report_markdown_ops, 1);
	ck_assert_ptr_nonnull(strstr(text, "| sqlite per-test | 101 \xc2\xb5s "
					   "| 151 \xc2\xb5s | +49.7% |"));
	ck_assert_ptr_nonnull(strstr(text, "| **regression** |\n"));
	ck_assert_ptr_nonnull(strstr(text, "- only in old.json: sqlite "
					   "truncate\n"));
	ck_assert_ptr_nonnull(strstr(text, "| not enough data |\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n- not enough data: sqlite "
					   "savepoint (2 workers, "));
	ck_assert_ptr_null(strchr(text, '\033'));
	free(text);
	text = write_as(&cmp, &report_json_ops, 0);
	root = json_loads(text, 0, &jerr);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_integer_value(json_object_get(root,
			     "regressions")),
	    1);
	ck_assert_int_eq(json_integer_value(json_object_get(root,
			     "not_enough_data")),
	    1);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "cells")), 6);
	json_array_foreach(json_object_get(root, "cells"), i, cell) {
		if (strcmp(json_string_value(json_object_get(cell,
			       "strategy")),
			"per-test") == 0 &&
		    json_integer_value(json_object_get(cell, "workers")) == 1) {
			ck_assert_str_eq(json_string_value(json_object_get(cell,
					     "verdict")),
			    "regression");
			ck_assert_double_eq_tol(json_number_value(
						    json_object_get(cell,
							"overhead_change_pct")),
			    100 * 50000.0 / 100550, 1e-6);
		}
	}
	ck_assert_uint_eq(json_array_size(json_object_get(root, "only_old")),
	    1);
	json_decref(root);
	free(text);
	/* no CSV or HTML comparison */
	strbuf_init(&sb);
	ck_assert_int_eq(compare_write(&cmp, &report_csv_ops, NULL, &sb, &err),
	    DB_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "--format csv is not "
					      "available"));
	strbuf_fini(&sb);
	compare_fini(&cmp);
}
END_TEST

static Suite *
compare_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("compare");
	tc = tcase_create("compare");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_verdicts);
	tcase_add_test(tc, test_same_run);
	tcase_add_test(tc, test_warnings);
	tcase_add_test(tc, test_writers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(compare_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
