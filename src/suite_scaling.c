/*
 * suite_scaling.c - worker counts for a suite: start-up against the
 * tests' execution, fitted models, the best count, and the crossovers
 * for other suite sizes
 *
 * For each group of configurations that differ only in the worker count
 * (same strategy and --param values), each measured count w has a median
 * wall time W(w) and, with --startup, a median start-up time S(w); the
 * tests' execution is E(w) = W(w) - S(w).  A suite of T tests, T0 being
 * the size measured (from JUnit), is predicted at a measured count as
 *
 *	W_T(w) = S(w) + E(w) x T / T0
 *
 * a straight line in T per count; the crossovers are where the lowest
 * line changes ("0 workers up to ~1,900 tests; 2 workers beyond").
 * Counts that were not measured come from the models of scaling.c
 * (Amdahl, USL) fitted to the execution speedups, with pytest-xdist's
 * 0 (no workers) counted as one process, and from a least-squares line
 * of start-up against the count, whose slope is the start-up cost per
 * worker.  The predicted best count is searched from the smallest count
 * measured up to the largest measured or the cores, whichever is more.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suite_scaling.h"

static unsigned
effective(unsigned workers)
{
	return workers > 0 ? workers : 1;
}

static double
execution(const struct suite_scale_point *p)
{
	double e = p->wall_ns - (isnan(p->startup_ns) ? 0 : p->startup_ns);

	return e > 0 ? e : 0;
}

static int
by_workers(const void *a, const void *b)
{
	const struct suite_scale_point *x = a, *y = b;

	return (x->workers > y->workers) - (x->workers < y->workers);
}

static void
fit_models(struct suite_scaling *g)
{
	double x[SUITE_SCALE_MAX], y[SUITE_SCALE_MAX];
	size_t i;

	memset(&g->model, 0, sizeof g->model);
	for (i = 0; i < g->n; i++) {
		g->model.points[i].workers = effective(g->pts[i].workers);
		g->model.points[i].wall_ns = g->pts[i].wall_ns;
		g->model.points[i].fixed_ns =
		    g->has_startup ? g->pts[i].startup_ns : 0;
		x[i] = g->pts[i].workers;
		y[i] = g->has_startup ? g->pts[i].startup_ns : 0;
	}
	g->model.n_points = g->n;
	scaling_fit(&g->model);
	g->startup_fitted = 0;
	if (g->has_startup && g->pts[0].workers != g->pts[g->n - 1].workers) {
		stats_linear_fit(x, y, g->n, &g->startup_per_worker_ns,
		    &g->startup_base_ns);
		g->startup_fitted = 1;
	}
}

/* The measured point at workers, or NULL. */
static const struct suite_scale_point *
measured(const struct suite_scaling *g, unsigned workers)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->pts[i].workers == workers)
			return &g->pts[i];
	return NULL;
}

double
suite_scaling_predict(const struct suite_scaling *g, unsigned workers,
    double tests)
{
	const struct suite_scale_point *p = measured(g, workers);
	double scale = g->tests > 0 ? tests / (double)g->tests : 1;
	double s, base_exec, startup;

	if (p != NULL)
		return (isnan(p->startup_ns) || !g->has_startup
			       ? 0
			       : p->startup_ns) +
		    execution(p) * (g->has_startup ? scale : 1);
	if (!g->has_startup || !g->startup_fitted)
		return NAN;
	s = scaling_model_speedup(&g->model, effective(workers));
	if (!(s > 0))
		return INFINITY;
	startup = g->startup_base_ns + g->startup_per_worker_ns * workers;
	/* the model's speedups are against the smallest count, pts[0] */
	base_exec = execution(&g->pts[0]);
	return startup + base_exec * scale / s;
}

unsigned
suite_scaling_best(const struct suite_scaling *g, double tests,
    unsigned cores, double *wall_ns)
{
	unsigned w, top, best = g->pts[0].workers;
	double t, best_t = INFINITY;

	top = g->pts[g->n - 1].workers;
	if (g->has_startup && g->startup_fitted && cores > top)
		top = cores;
	for (w = g->pts[0].workers; w <= top; w++) {
		t = suite_scaling_predict(g, w, tests);
		if (isfinite(t) && t < best_t * 0.999) {
			best_t = t;
			best = w;
		}
	}
	*wall_ns = best_t;
	return best;
}

/* The measured count whose line is lowest at tests. */
static size_t
lowest(const struct suite_scaling *g, double tests)
{
	size_t i, best = 0;
	double t, best_t = INFINITY;

	for (i = 0; i < g->n; i++) {
		t = suite_scaling_predict(g, g->pts[i].workers, tests);
		if (t < best_t) {
			best_t = t;
			best = i;
		}
	}
	return best;
}

/* Where the lowest line changes, from 1 test to 1000 x the suite. */
static void
crossovers(struct suite_scaling *g)
{
	double t, prev_t = 1, a1, b1, a2, b2, at;
	size_t cur, next;
	int k;

	g->n_cross = 0;
	if (!g->has_startup || g->tests == 0)
		return;
	cur = lowest(g, 1);
	g->first_best = g->pts[cur].workers;
	for (k = 1; k <= 3000; k++) {
		t = pow(10, k * log10(1000.0 * (double)g->tests) / 3000);
		next = lowest(g, t);
		if (next == cur) {
			prev_t = t;
			continue;
		}
		a1 = g->pts[cur].startup_ns;
		b1 = execution(&g->pts[cur]) / (double)g->tests;
		a2 = g->pts[next].startup_ns;
		b2 = execution(&g->pts[next]) / (double)g->tests;
		at = b1 != b2 ? (a2 - a1) / (b1 - b2) : t;
		if (!(at >= prev_t && at <= t))
			at = t;
		if (g->n_cross < SUITE_SCALE_MAX) {
			g->cross[g->n_cross].tests = at;
			g->cross[g->n_cross].from_workers = g->pts[cur].workers;
			g->cross[g->n_cross].to_workers = g->pts[next].workers;
			g->n_cross++;
		}
		cur = next;
		prev_t = t;
	}
}

/*
 * Sort g's points (workers, wall_ns, startup_ns or NAN; tests = T0 or
 * 0) and fill the models, the best counts and the crossovers.  Needs two
 * or more distinct counts.
 */
void
suite_scaling_compute(struct suite_scaling *g, unsigned cores)
{
	size_t i;

	qsort(g->pts, g->n, sizeof g->pts[0], by_workers);
	g->has_startup = 1;
	for (i = 0; i < g->n; i++)
		if (isnan(g->pts[i].startup_ns))
			g->has_startup = 0;
	fit_models(g);
	g->best_measured = g->pts[lowest(g, (double)g->tests)].workers;
	g->predicted_best = suite_scaling_best(g, (double)g->tests, cores,
	    &g->predicted_wall_ns);
	crossovers(g);
}
