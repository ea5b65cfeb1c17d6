/*
 * stats.h - summary statistics of a sample of durations
 *
 * stats_summarize() sorts a copy of the samples and reads every figure the
 * reports print from it: order statistics, moments, robust spread, a 95%
 * confidence interval of the median and an outlier count.  When the samples
 * came from several processes, stats_widen_ci_by_groups() lets the spread
 * between the processes widen that interval.  Two tools work
 * on whole samples: a Mann-Whitney U test comparing two runs and an ordinary
 * least squares line for cost models.  Formulas are named next to their code
 * in stats.c.
 */
#ifndef DBBENCH_STATS_H
#define DBBENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

struct stats {
	size_t n;	  /* samples */
	double min;	  /* all figures in nanoseconds */
	double median;
	double mean;
	double p95;
	double p99;
	double max;
	double stddev;	  /* sample standard deviation (n - 1) */
	double mad;	  /* median absolute deviation, unscaled */
	double ci95_low;  /* 95% confidence interval of the median */
	double ci95_high;
	size_t outliers;  /* outside Tukey's fences, 1.5 IQR beyond Q1/Q3 */
};

void stats_summarize(const int64_t *samples, size_t n, struct stats *out);
double stats_quantile_sorted(const double *sorted, size_t n, double q);
void stats_median_ci_ranks(size_t n, size_t *lo, size_t *hi);
double stats_ci_halfwidth_rel(const struct stats *s);
int stats_has_ci(const struct stats *s);
double stats_t95(unsigned df);
size_t stats_widen_ci_by_groups(struct stats *s, const int64_t *samples,
    const int64_t *counts, size_t n_groups);
double stats_mann_whitney_p(const int64_t *a, size_t na, const int64_t *b,
    size_t nb);
double stats_linear_fit(const double *x, const double *y, size_t n,
    double *slope, double *intercept);

#endif
