/*
 * drift.h - does a test cost more the later it runs in its session?
 *
 * A suite that leaves something behind (dead row versions, a growing
 * table, a cache) makes its later tests slower than its first ones.
 * drift_analyse() looks at each cell's per-test time against the test's
 * position in its session and reports the trend: a robust slope with its
 * 95% confidence interval and a rank test of its significance.  Whether a
 * cell drifts is judged by the fitted change over the whole session the
 * user ran, from its first test to its last, not per 1,000 tests: a slow
 * trend over a long session matters as much as a steep one over a short.
 */
#ifndef DBBENCH_DRIFT_H
#define DBBENCH_DRIFT_H

#include <stddef.h>

#include "result.h"

#define DRIFT_BINS 20	     /* positions are grouped into this many bins, */
#define DRIFT_BINS_MAX 100   /* or more in long sessions, up to this, */
#define DRIFT_BIN_CYCLES 5   /* as long as a bin holds this many cycles */
#define DRIFT_ALPHA 0.01     /* significance level of the trend test */
#define DRIFT_MIN_PCT 5.0    /* and the least change over the session */

struct drift {
	const struct cell *cell;
	size_t bins;		/* bins with samples */
	double pct_per_1000;	/* slope, % of the median per 1,000 tests */
	double ci_low;		/* 95% CI of that slope */
	double ci_high;
	unsigned tests;		/* the session: tests 0 .. tests - 1 */
	double pct_session;	/* the fitted change from the first test to
				 * the last, % of the median */
	double session_ci_low;	/* 95% CI of that change */
	double session_ci_high;
	double p;		/* Mann-Kendall, two-sided */
	int significant;	/* p < DRIFT_ALPHA and |pct_session| >=
				 * DRIFT_MIN_PCT */
};

size_t drift_analyse(const struct run_result *res, struct drift **out);
const char *drift_cause(const struct drift *d);

#endif
