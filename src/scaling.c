/*
 * scaling.c - speedups over worker counts and the models fitted to them
 *
 * A suite run's wall time at N workers is split into a fixed part (session
 * setup and teardown, which every worker pays at once) and the tests' part.
 * The models are fitted to the tests' speedup S(N) = tests(1) / tests(N):
 *
 *   Amdahl   S(N) = 1 / ((1 - p) + p / N), p in [0, 1], by a fine search;
 *   USL      S(N) = N / (1 + a (N - 1) + b N (N - 1)), a, b >= 0, by least
 *            squares on the linear form N / S - 1 = a (N - 1) + b N (N - 1)
 *            (Gunther), a coefficient clamped at 0 when it comes out
 *            negative and the other refitted alone.
 *
 * The better fit is the one with the smaller sum of squared errors in S.
 * A suite of T tests at N workers is predicted to take fixed + tests(1) x
 * (T / T0) / S(N), T0 being the suite size measured.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scaling.h"
#include "xmalloc.h"

static double
amdahl(double p, double n)
{
	return 1.0 / ((1.0 - p) + p / n);
}

static double
usl(double a, double b, double n)
{
	return n / (1.0 + a * (n - 1.0) + b * n * (n - 1.0));
}

/* The tests' speedup of point i against the base point. */
static double
test_speedup(const struct scaling_model *m, size_t i)
{
	double base, here;

	base = m->points[0].wall_ns - m->points[0].fixed_ns;
	here = m->points[i].wall_ns - m->points[i].fixed_ns;
	if (base <= 0 || here <= 0)
		return m->points[i].speedup;
	return base / here;
}

/* Worker counts relative to the base count, as the models see them. */
static double
rel_workers(const struct scaling_model *m, unsigned workers)
{
	return (double)workers / (double)m->base_workers;
}

static void
fit_amdahl(struct scaling_model *m)
{
	double p, sse, e, best = INFINITY;
	size_t i;
	int k;

	for (k = 0; k <= 10000; k++) {
		p = k / 10000.0;
		sse = 0;
		for (i = 0; i < m->n_points; i++) {
			e = test_speedup(m, i) -
			    amdahl(p, rel_workers(m, m->points[i].workers));
			sse += e * e;
		}
		if (sse < best) {
			best = sse;
			m->amdahl_p = p;
		}
	}
	m->amdahl_sse = best;
}

static void
fit_usl(struct scaling_model *m)
{
	double sxx = 0, sxy = 0, syy = 0, sxz = 0, syz = 0, x, y, z, det, e;
	double a = 0, b = 0;
	size_t i;

	for (i = 0; i < m->n_points; i++) {
		double n = rel_workers(m, m->points[i].workers);
		double s = test_speedup(m, i);

		if (s <= 0)
			continue;
		x = n - 1.0;
		y = n * (n - 1.0);
		z = n / s - 1.0;
		sxx += x * x;
		sxy += x * y;
		syy += y * y;
		sxz += x * z;
		syz += y * z;
	}
	det = sxx * syy - sxy * sxy;
	if (fabs(det) > 1e-12) {
		a = (sxz * syy - syz * sxy) / det;
		b = (syz * sxx - sxz * sxy) / det;
	}
	if (fabs(det) <= 1e-12 || a < 0 || b < 0) {
		/* one coefficient alone, the other at 0: keep the better */
		double a_only = sxx > 0 ? fmax(0, sxz / sxx) : 0;
		double b_only = syy > 0 ? fmax(0, syz / syy) : 0;
		double sse_a = 0, sse_b = 0;

		for (i = 0; i < m->n_points; i++) {
			double n = rel_workers(m, m->points[i].workers);

			e = test_speedup(m, i) - usl(a_only, 0, n);
			sse_a += e * e;
			e = test_speedup(m, i) - usl(0, b_only, n);
			sse_b += e * e;
		}
		a = sse_a <= sse_b ? a_only : 0;
		b = sse_a <= sse_b ? 0 : b_only;
	}
	m->usl_alpha = a;
	m->usl_beta = b;
	m->usl_sse = 0;
	for (i = 0; i < m->n_points; i++) {
		e = test_speedup(m, i) -
		    usl(a, b, rel_workers(m, m->points[i].workers));
		m->usl_sse += e * e;
	}
}

static int
by_workers(const void *a, const void *b)
{
	const struct scaling_point *x = a, *y = b;

	return (x->workers > y->workers) - (x->workers < y->workers);
}

/*
 * One model per backend and strategy measured at two or more worker counts
 * (at the first seed scale).  *models is the caller's to free.
 */
size_t
scaling_analyse(const struct run_result *res, struct scaling_model **models)
{
	const struct cell *c, *d;
	struct scaling_model *m;
	unsigned scale;
	size_t i, j, k, n = 0;
	int seen;

	*models = NULL;
	if (res->config.n_workers < 2)
		return 0;
	scale = res->config.n_seed_scales > 0 ? res->config.seed_scales[0] : 1;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->seed_scale != scale)
			continue;
		for (seen = 0, j = 0; j < i; j++)
			if (res->cells[j].seed_scale == scale &&
			    strcmp(res->cells[j].backend, c->backend) == 0 &&
			    strcmp(res->cells[j].strategy, c->strategy) == 0)
				seen = 1;
		if (seen)
			continue;
		*models = xreallocarray(*models, n + 1, sizeof **models);
		m = &(*models)[n];
		memset(m, 0, sizeof *m);
		m->backend = c->backend;
		m->strategy = c->strategy;
		for (j = i; j < res->n_cells; j++) {
			d = &res->cells[j];
			if (d->seed_scale != scale ||
			    strcmp(d->backend, c->backend) != 0 ||
			    strcmp(d->strategy, c->strategy) != 0 ||
			    d->wall_stats.n == 0 ||
			    m->n_points == SCALING_MAX_POINTS)
				continue;
			k = m->n_points++;
			m->points[k].cell = d;
			m->points[k].workers = d->workers;
			m->points[k].wall_ns = d->wall_stats.median;
			m->points[k].fixed_ns =
			    d->stats[SERIES_SESSION_SETUP].median +
			    d->stats[SERIES_SESSION_TEARDOWN].median;
		}
		if (m->n_points < 2)
			continue;
		scaling_fit(m);
		n++;
	}
	return n;
}

/*
 * Sort m's points (workers, wall_ns and fixed_ns set; workers >= 1) and
 * fill the speedups, the best measured count and both fitted models.
 */
void
scaling_fit(struct scaling_model *m)
{
	size_t k, best = 0;

	qsort(m->points, m->n_points, sizeof m->points[0], by_workers);
	m->base_workers = m->points[0].workers;
	for (k = 0; k < m->n_points; k++) {
		m->points[k].speedup = m->points[0].wall_ns / m->points[k].wall_ns;
		m->points[k].efficiency = m->points[k].speedup /
		    rel_workers(m, m->points[k].workers);
		if (m->points[k].wall_ns < m->points[best].wall_ns)
			best = k;
	}
	m->best_measured = m->points[best].workers;
	fit_amdahl(m);
	fit_usl(m);
	m->usl_better = m->usl_sse < m->amdahl_sse;
}

/* The tests' speedup at workers by the better of the two models. */
double
scaling_model_speedup(const struct scaling_model *m, unsigned workers)
{
	double n = rel_workers(m, workers);

	return m->usl_better ? usl(m->usl_alpha, m->usl_beta, n)
			     : amdahl(m->amdahl_p, n);
}

/*
 * The wall time a suite of tests tests would take at workers workers, by
 * the better model, from the base count's measurement of measured_tests.
 */
double
scaling_predict_wall(const struct scaling_model *m, unsigned workers,
    unsigned tests, unsigned measured_tests)
{
	double fixed, part, s, n;

	fixed = m->points[0].fixed_ns;
	part = m->points[0].wall_ns - fixed;
	if (part < 0)
		part = 0;
	n = rel_workers(m, workers);
	s = m->usl_better ? usl(m->usl_alpha, m->usl_beta, n)
			  : amdahl(m->amdahl_p, n);
	if (s <= 0)
		return INFINITY;
	return fixed + part * ((double)tests / (double)measured_tests) / s;
}

/*
 * The worker count with the least predicted wall time for a suite of tests
 * tests, among the counts from the base one up to the largest measured or
 * the number of cores, whichever is more: the models are not trusted far
 * beyond what was measured.  *wall_ns receives that prediction.
 */
unsigned
scaling_recommend(const struct scaling_model *m, unsigned tests,
    unsigned measured_tests, unsigned cores, double *wall_ns)
{
	unsigned w, best = m->base_workers, top;
	double t, best_t = INFINITY;

	top = m->points[m->n_points - 1].workers;
	if (cores > top)
		top = cores;
	for (w = m->base_workers; w <= top; w++) {
		t = scaling_predict_wall(m, w, tests, measured_tests);
		if (t < best_t * 0.999) { /* a real gain, not a rounding */
			best_t = t;
			best = w;
		}
	}
	*wall_ns = best_t;
	return best;
}
