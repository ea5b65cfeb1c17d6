/*
 * drift.c - the trend of per-test cost over a session
 *
 * Samples are grouped by the test's position in its session into DRIFT_BINS
 * bins of whole cycles of the workload's bodies (so that every bin holds the
 * same mix of tests), fewer when the session has fewer cycles, more (up to
 * DRIFT_BINS_MAX) when it has more than DRIFT_BIN_CYCLES cycles a bin, so a
 * long session's slow trend is tested with the power its length gives;
 * they are pooled over rounds and workers, and reduced to their medians.
 * Over those medians:
 *
 *   slope     Theil-Sen: the median of the slopes between every pair of
 *             bins, in nanoseconds per test; its 95% CI from the ranks of
 *             the pairwise slopes given by Kendall's statistic (Sen 1968);
 *   test      Mann-Kendall: S = sum of sign(y_j - y_i) over i < j, with
 *             Var(S) = n(n-1)(2n+5)/18 and a continuity correction; p is
 *             two-sided from the normal approximation.
 *
 * Slope and CI are reported as a percentage of the cell's median per-test
 * time per 1,000 tests, and over the session: the slope times the distance
 * from the session's first test to its last (--tests - 1).  A cell is
 * drifting when p < DRIFT_ALPHA and the change over the session is at least
 * DRIFT_MIN_PCT: what a trend costs depends on how long the user's session
 * runs, so +2% per 1,000 tests is noise over 300 tests and +40% over
 * 20,000.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "drift.h"
#include "stats.h"
#include "xmalloc.h"

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
sign(double v)
{
	return (v > 0) - (v < 0);
}

/* The median of the samples whose test position falls in each bin. */
static size_t
bin_medians(const struct cell *c, unsigned tests, size_t nbins, double *x,
    double *y)
{
	const struct sample_vec *t = &c->samples[SERIES_PER_TEST];
	const struct sample_vec *idx = &c->test_index;
	int64_t **vals;
	size_t *counts, b, i, k = 0;
	struct stats s;

	vals = xcalloc(nbins, sizeof *vals);
	counts = xcalloc(nbins, sizeof *counts);
	for (i = 0; i < t->n && i < idx->n; i++) {
		b = (size_t)((uint64_t)idx->v[i] * nbins / tests);
		if (b >= nbins)
			b = nbins - 1;
		vals[b] = xreallocarray(vals[b], counts[b] + 1,
		    sizeof *vals[b]);
		vals[b][counts[b]++] = t->v[i];
	}
	for (b = 0; b < nbins; b++) {
		if (counts[b] > 0) {
			stats_summarize(vals[b], counts[b], &s);
			x[k] = ((double)b + 0.5) * (double)tests /
			    (double)nbins;
			y[k++] = s.median;
		}
		free(vals[b]);
	}
	free(vals);
	free(counts);
	return k;
}

static void
analyse_cell(const struct run_result *res, const struct cell *c,
    struct drift *d)
{
	double x[DRIFT_BINS_MAX], y[DRIFT_BINS_MAX], *slopes, var, z, cc, med, span;
	size_t n, i, j, m = 0, cycles, nbins, lo, hi;
	long s = 0;

	memset(d, 0, sizeof *d);
	d->cell = c;
	d->p = 1;
	cycles = res->config.workload_tests > 0
	    ? res->config.tests / res->config.workload_tests
	    : res->config.tests;
	nbins = cycles / DRIFT_BIN_CYCLES;
	if (nbins < DRIFT_BINS)
		nbins = DRIFT_BINS;
	if (nbins > DRIFT_BINS_MAX)
		nbins = DRIFT_BINS_MAX;
	if (nbins > cycles)
		nbins = cycles;
	if (nbins < 5 || c->test_index.n == 0)
		return;
	n = bin_medians(c, res->config.tests, nbins, x, y);
	d->bins = n;
	if (n < 5)
		return;
	slopes = xcalloc(n * (n - 1) / 2, sizeof *slopes);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			slopes[m++] = (y[j] - y[i]) / (x[j] - x[i]);
			s += sign(y[j] - y[i]);
		}
	qsort(slopes, m, sizeof *slopes, compare_doubles);
	med = c->stats[SERIES_PER_TEST].median;
	var = (double)n * (double)(n - 1) * (2.0 * (double)n + 5.0) / 18.0;
	/* Sen's interval: ranks (m -/+ 1.96 sqrt(Var S)) / 2 */
	cc = 1.96 * sqrt(var);
	lo = (size_t)fmax(0, floor(((double)m - cc) / 2.0));
	hi = (size_t)fmin((double)m - 1, ceil(((double)m + cc) / 2.0));
	if (med > 0) {
		d->pct_per_1000 =
		    100.0 * 1000.0 * stats_quantile_sorted(slopes, m, 0.5) / med;
		d->ci_low = 100.0 * 1000.0 * slopes[lo] / med;
		d->ci_high = 100.0 * 1000.0 * slopes[hi] / med;
	}
	d->tests = res->config.tests;
	span = res->config.tests > 0 ? (double)(res->config.tests - 1) : 0;
	d->pct_session = d->pct_per_1000 * span / 1000.0;
	d->session_ci_low = d->ci_low * span / 1000.0;
	d->session_ci_high = d->ci_high * span / 1000.0;
	z = s == 0 ? 0 : ((double)labs(s) - 1.0) / sqrt(var);
	d->p = erfc(z / sqrt(2.0));
	d->significant = d->p < DRIFT_ALPHA &&
	    fabs(d->pct_session) >= DRIFT_MIN_PCT;
	free(slopes);
}

/*
 * One entry for every cell with enough tests per session to see a trend
 * (five whole cycles of the workload's bodies at least).  *out is the
 * caller's to free.
 */
size_t
drift_analyse(const struct run_result *res, struct drift **out)
{
	struct drift d;
	size_t i, n = 0;

	*out = NULL;
	for (i = 0; i < res->n_cells; i++) {
		analyse_cell(res, &res->cells[i], &d);
		if (d.bins < 5)
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = d;
	}
	return n;
}

/* The likely cause of a significant drift, in plain words. */
const char *
drift_cause(const struct drift *d)
{
	const struct cell *c = d->cell;
	const struct backend_ops *backend;
	const char *known;

	if (d->pct_per_1000 < 0)
		return "later tests got cheaper: caches warming up over the "
		       "session";
	backend = backend_find(c->backend);
	if (backend != NULL && backend->drift_cause != NULL &&
	    (known = backend->drift_cause(c->strategy)) != NULL)
		return known;
	return "something the tests leave behind in the session grows: "
	       "rows, indexes or catalog entries";
}
