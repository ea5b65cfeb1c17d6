/*
 * check_process_speed.c - whether a cell's processes were slow or fast
 * together with the run's other cells
 *
 * Runs are built process by process and folded together as the parent of
 * a measured run folds its processes' reports: a machine that slows some
 * processes as a whole gives a correlation near 1, a cell that meets a
 * cost of its own in one process one near 0, and the processes stay
 * matched when some cells sat out some processes (as converged cells do).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "process_speed.h"
#include "result.h"

#define PROCESSES 10

static const char *const strategies[] = { "rollback", "savepoint",
	"truncate" };

/*
 * One process's run: each cell of strategies[] on backend, unless skip[i],
 * gets 4 rounds at (i + 1) ms times speed times own[i], a few ns apart.
 */
static void
process_run(struct run_result *r, const char *const *backends, double speed,
    const double *own, const int *skip)
{
	struct cell *c;
	size_t i, j;

	memset(r, 0, sizeof *r);
	for (i = 0; i < 3; i++) {
		if (skip != NULL && skip[i])
			continue;
		c = result_add_cell(r, backends[i], strategies[i],
		    "per-worker", 1);
		c->workers = 1;
		for (j = 0; j < 4; j++) {
			sample_vec_push(&c->suite_overhead,
			    (int64_t)(1e6 * (double)(i + 1) * speed * own[i]) +
				(int64_t)j);
			c->rounds++;
		}
	}
}

/*
 * PROCESSES processes folded into out.  speed[p] slows process p + 1 as a
 * whole; bump[p] slows only the truncate cell in it; a cell i with
 * sits_out[i] set is left out of processes 6 and 7.
 */
static void
build(struct run_result *out, const char *const *backends,
    const double *speed, const double *bump, const int *sits_out)
{
	struct run_result part;
	double own[3];
	int skip[3];
	size_t p, i;

	for (p = 0; p < PROCESSES; p++) {
		own[0] = own[1] = 1.0;
		own[2] = bump[p];
		for (i = 0; i < 3; i++)
			skip[i] = sits_out != NULL && sits_out[i] &&
			    (p == 5 || p == 6);
		if (p == 0) {
			process_run(out, backends, speed[p], own, skip);
			continue;
		}
		process_run(&part, backends, speed[p], own, skip);
		result_merge_replicate(out, &part);
		result_fini(&part);
	}
	result_summarize_suite_overhead(out);
}

static const char *const one_backend[] = { "sqlite", "sqlite", "sqlite" };
static const double steady[PROCESSES] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
/* the machine slow under processes 2, 7 and 9, by different amounts */
static const double machine[PROCESSES] = { 1, 1.6, 1, 1, 1.02, 0.98, 1.4,
	1, 1.9, 1 };

/* A machine that slows whole processes: every cell follows it. */
START_TEST(test_slow_together)
{
	struct run_result r;
	size_t pairs;
	double corr;

	build(&r, one_backend, machine, steady, NULL);
	ck_assert_uint_eq(r.merged, PROCESSES - 1);
	ck_assert_uint_eq(r.cells[2].rep_process.n, PROCESSES);
	corr = process_speed_correlation(&r, &r.cells[2], &pairs);
	ck_assert_uint_eq(pairs, PROCESSES);
	ck_assert_msg(corr > 0.99, "r = %g", corr);
	result_fini(&r);
}
END_TEST

/* One process of one cell meets a cost of its own: no correlation. */
START_TEST(test_slow_alone)
{
	static const double bump[PROCESSES] = { 1, 1, 1, 4, 1, 1, 1, 1, 1,
		1 };
	static const double jitter[PROCESSES] = { 1, 1.01, 0.99, 1, 1.02,
		0.98, 1, 1.01, 1, 0.99 };
	struct run_result r;
	size_t pairs;
	double corr;

	build(&r, one_backend, jitter, bump, NULL);
	corr = process_speed_correlation(&r, &r.cells[2], &pairs);
	ck_assert_uint_eq(pairs, PROCESSES);
	ck_assert_msg(fabs(corr) < 0.3, "r = %g", corr);
	result_fini(&r);
}
END_TEST

/*
 * The other cells sit out processes 6 and 7 (7 is one of the slow ones):
 * the cells are matched by process, not by position, so the correlation
 * stays, over the 8 processes that measured both.
 */
START_TEST(test_matched_by_process)
{
	static const int sits_out[3] = { 1, 1, 0 };
	struct run_result r;
	size_t pairs;
	double corr;

	build(&r, one_backend, machine, steady, sits_out);
	ck_assert_uint_eq(r.cells[0].rep_process.n, PROCESSES - 2);
	corr = process_speed_correlation(&r, &r.cells[2], &pairs);
	ck_assert_uint_eq(pairs, PROCESSES - 2);
	ck_assert_msg(corr > 0.99, "r = %g", corr);
	result_fini(&r);
}
END_TEST

/* Cells of other backends are not compared, and a run that does not say
 * which process measured what gives no figure. */
START_TEST(test_nothing_to_compare)
{
	static const char *const mixed[] = { "postgres", "postgres",
		"sqlite" };
	struct run_result r;
	size_t pairs = 99;
	double corr;

	build(&r, mixed, machine, steady, NULL);
	corr = process_speed_correlation(&r, &r.cells[2], &pairs);
	ck_assert_uint_eq(pairs, 0);
	ck_assert_double_eq(corr, 0.0);
	result_fini(&r);

	build(&r, one_backend, machine, steady, NULL);
	r.cells[2].rep_process.n = 0;
	corr = process_speed_correlation(&r, &r.cells[2], &pairs);
	ck_assert_double_eq(corr, 0.0);
	r.cells[2].rep_process.n = PROCESSES;
	result_fini(&r);
}
END_TEST

static Suite *
process_speed_suite(void)
{
	Suite *s = suite_create("process_speed");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_slow_together);
	tcase_add_test(tc, test_slow_alone);
	tcase_add_test(tc, test_matched_by_process);
	tcase_add_test(tc, test_nothing_to_compare);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(process_speed_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
