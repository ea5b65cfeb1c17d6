/*
 * compare.h - two runs side by side: what changed, and is it significant
 *
 * Cells are matched by (backend, strategy, workers, pool).  For a cell in
 * both runs the comparison gives the median suite overhead per test (the
 * headline figure) and the median per-test time before and after, their
 * relative change, and the two-sided Mann-Whitney U p-value of the
 * per-round suite overhead samples of the two runs.  Its verdict:
 *
 *   regression    overhead up by more than the threshold, and p < alpha
 *   improvement   overhead down by more than the threshold, and p < alpha
 *   within        p < alpha but the change is within the threshold: real,
 *                 and too small to matter ("within threshold")
 *   same          p >= alpha: "no significant change"
 *   no data       one side has no successful test, nothing to compare
 *   too few       so few rounds that no outcome of the test reaches
 *                 p < alpha (2 against 2, 3 against 3): "not enough data",
 *                 whatever the change
 *
 * Cells in one run only are listed, and differences between the runs that
 * make the figures less comparable (backend versions and settings, the
 * workload, the suite size, the host) become warnings.
 *
 * The writers (compare_report.c) are pure functions of a struct
 * comparison appending to a strbuf, like the report writers.
 */
#ifndef DBBENCH_COMPARE_H
#define DBBENCH_COMPARE_H

#include <stddef.h>

#include "error.h"
#include "report.h"
#include "result.h"
#include "strbuf.h"

/* Significance level of the verdicts. */
#define COMPARE_ALPHA 0.05

enum compare_verdict {
	VERDICT_SAME,
	VERDICT_REGRESSION,
	VERDICT_IMPROVEMENT,
	VERDICT_WITHIN,
	VERDICT_NO_DATA,
	VERDICT_TOO_FEW,
};

struct compare_row {
	const struct cell *before; /* in the first (older) run */
	const struct cell *after;
	double before_overhead;	   /* suite overhead per test, median */
	double after_overhead;
	double overhead_change;	   /* after / before - 1 */
	double before_per_test;	   /* per-test time, median */
	double after_per_test;
	double per_test_change;
	double p;		   /* Mann-Whitney U, two-sided */
	double min_p;		   /* the smallest p these counts allow */
	size_t before_n, after_n;  /* values the test compared, a side */
	int over_processes;	   /* 1: processes' medians; 0: rounds */
	enum compare_verdict verdict;
};

struct comparison {
	const struct run_result *before, *after;
	const char *before_name;   /* file names, or "this run" */
	const char *after_name;
	double threshold;	   /* relative: 0.2 = 20% */
	struct compare_row *rows;
	size_t n_rows;
	const struct cell **only_before;
	size_t n_only_before;
	const struct cell **only_after;
	size_t n_only_after;
	char **warnings;	   /* one line each, without "warning: " */
	size_t n_warnings;
	size_t regressions;
	size_t improvements;
	size_t too_few;		   /* rows with VERDICT_TOO_FEW */
};

void compare_runs(const struct run_result *before, const char *before_name,
    const struct run_result *after, const char *after_name,
    double threshold, struct comparison *cmp);
void compare_fini(struct comparison *cmp);
const char *compare_verdict_name(enum compare_verdict verdict);
void compare_cell_name(char *buf, size_t len, const struct cell *c);

/*
 * The comparison in format, or DB_EUSAGE naming the formats that can
 * write one; the formats' compare writers (struct report_ops.compare).
 */
int compare_write(const struct comparison *cmp,
    const struct report_ops *format, const struct report_options *opts,
    struct strbuf *out, struct db_error *err);
int compare_write_text(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err);
int compare_write_markdown(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err);
int compare_write_json(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err);

#endif
