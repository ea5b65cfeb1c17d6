/*
 * process_speed.c - whether a cell's processes were slow or fast together
 * with the run's other cells (see process_speed.h)
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "process_speed.h"
#include "stats.h"
#include "xmalloc.h"

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The median of the n values of v, which it sorts; NAN when n is 0. */
static double
median_of(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, cmp_double);
	return stats_quantile_sorted(v, n, 0.5);
}

/*
 * Fill rel[p] (p = 0 .. n_proc - 1, for process p + 1) with c's median in
 * process p + 1 over c's median, NAN for a process that did not measure c.
 * Returns 0 when c's records do not say which process measured what.
 */
static int
relative_medians(const struct cell *c, double *rel, size_t n_proc)
{
	struct stats gs;
	double whole = c->suite_overhead_stats.median;
	size_t g, p, off = 0;

	for (p = 0; p < n_proc; p++)
		rel[p] = NAN;
	if (c->rep_process.n != c->rep_rounds.n || whole <= 0.0)
		return 0;
	for (g = 0; g < c->rep_rounds.n; g++) {
		if (c->rep_rounds.v[g] <= 0)
			continue;
		if (off + (size_t)c->rep_rounds.v[g] > c->suite_overhead.n)
			return 0;
		p = (size_t)c->rep_process.v[g];
		if (p >= 1 && p <= n_proc) {
			stats_summarize(c->suite_overhead.v + off,
			    (size_t)c->rep_rounds.v[g], &gs);
			rel[p - 1] = gs.median / whole;
		}
		off += (size_t)c->rep_rounds.v[g];
	}
	return 1;
}

double
process_speed_correlation(const struct run_result *res,
    const struct cell *c, size_t *pairs)
{
	size_t n_proc = (size_t)res->merged + 1, i, p, n = 0, k;
	double *own, *other, *col, *x, *y, slope = 0.0, r2, r = 0.0;
	const struct cell *o;

	*pairs = 0;
	own = xcalloc(n_proc, sizeof *own);
	other = xcalloc(n_proc * res->n_cells, sizeof *other);
	col = xcalloc(res->n_cells > 0 ? res->n_cells : 1, sizeof *col);
	x = xcalloc(n_proc, sizeof *x);
	y = xcalloc(n_proc, sizeof *y);
	if (!relative_medians(c, own, n_proc))
		goto out;
	for (i = 0; i < res->n_cells; i++) {
		o = &res->cells[i];
		if (o == c || strcmp(o->backend, c->backend) != 0 ||
		    !relative_medians(o, other + i * n_proc, n_proc)) {
			for (p = 0; p < n_proc; p++)
				other[i * n_proc + p] = NAN;
		}
	}
	for (p = 0; p < n_proc; p++) {
		if (isnan(own[p]))
			continue;
		for (i = 0, k = 0; i < res->n_cells; i++)
			if (!isnan(other[i * n_proc + p]))
				col[k++] = other[i * n_proc + p];
		if (k == 0)
			continue;
		x[n] = median_of(col, k);
		y[n] = own[p];
		n++;
	}
	*pairs = n;
	if (n < PROCESS_SPEED_MIN_PAIRS)
		goto out;
	r2 = stats_linear_fit(x, y, n, &slope, NULL);
	if (slope != 0.0)
		r = slope > 0.0 ? sqrt(r2) : -sqrt(r2);
out:
	free(own);
	free(other);
	free(col);
	free(x);
	free(y);
	return r;
}
