/*
 * report_recommend.c - the plain-language recommendations every report
 * ends with, and the cost models they quote
 *
 * Each sentence is built from the run's own cells, verdicts, state checks,
 * fits and drift: nothing here is looked up.  report_recommendations()
 * gives every sentence; report_recommendations_brief() the default run's
 * shorter list, with advice that is the same for every cell given once.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "drift.h"
#include "report.h"
#include "scaling.h"
#include "strbuf.h"
#include "xmalloc.h"

static void
add_line(char ***lines, size_t *n, struct strbuf *sb)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = strbuf_detach(sb);
	strbuf_init(sb);
}

/* 1 when two cells' 95% CIs of the median overhead overlap. */
static int
overlap(const struct cell *a, const struct cell *b)
{
	const struct stats *x = &a->suite_overhead_stats;
	const struct stats *y = &b->suite_overhead_stats;

	return x->ci95_low <= y->ci95_high && y->ci95_low <= x->ci95_high;
}

/*
 * "per-test costs 825 µs per test, 645x savepoint, 22.3 ms over 27 tests;
 * truncate ...": every strategy dearer than the cheapest, in one sentence,
 * and those tied with it within their CIs in another.
 */
static void
recommend_others(const struct run_result *res, const struct cell *best,
    char ***lines, size_t *n, struct strbuf *sb)
{
	const struct cell *c;
	char a[32], d[32], ratio[32];
	size_t i, count;
	int tied;

	for (tied = 1; tied >= 0; tied--) {
		count = 0;
		for (i = 0; i < res->n_cells; i++) {
			c = &res->cells[i];
			if (c == best || strcmp(c->backend, best->backend) != 0 ||
			    !report_main_cell(res, c, best->seed_scale) ||
			    c->suite_overhead_stats.n == 0 ||
			    overlap(c, best) != tied)
				continue;
			report_format_ns(a, sizeof a,
			    c->suite_overhead_stats.median);
			if (sb->len == 0 && tied)
				strbuf_addf(sb, "%s: ", best->backend);
			else if (sb->len == 0)
				strbuf_addf(sb, "%s: against %s, ",
				    best->backend, best->strategy);
			else
				strbuf_adds(sb, ", ");
			count++;
			if (tied) {
				strbuf_addf(sb, "%s %s%s", c->strategy,
				    count == 1 ? "costs " : "", a);
				if (count == 1)
					strbuf_adds(sb, " per test");
				continue;
			}
			report_format_ns(d, sizeof d,
			    report_suite_overhead_ns(res, c));
			report_format_count(ratio, sizeof ratio,
			    c->suite_overhead_stats.median /
			        best->suite_overhead_stats.median);
			strbuf_addf(sb, "%s costs %s per test (%sx; %s over %u "
			                "tests)", c->strategy, a, ratio, d,
			    res->config.tests);
		}
		if (sb->len == 0)
			continue;
		if (tied)
			strbuf_addf(sb, ": %sthe same as %s within the 95%% "
			                "confidence intervals.",
			    count > 1 ? "each " : "", best->strategy);
		else
			strbuf_addc(sb, '.');
		add_line(lines, n, sb);
	}
}

/* The strategies under which the fixture is half of test time or more. */
static void
recommend_shares(const struct run_result *res, const struct cell *best,
    char ***lines, size_t *n, struct strbuf *sb)
{
	const struct cell *c;
	size_t i, count = 0, k = 0;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		count += strcmp(c->backend, best->backend) == 0 &&
		         report_main_cell(res, c, best->seed_scale) &&
		         c->suite_overhead_stats.n > 0 &&
		         report_overhead_share(c) >= 0.5;
	}
	if (count == 0)
		return;
	strbuf_addf(sb, "%s: under ", best->backend);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, best->backend) != 0 ||
		    !report_main_cell(res, c, best->seed_scale) ||
		    c->suite_overhead_stats.n == 0 ||
		    report_overhead_share(c) < 0.5)
			continue;
		if (k > 0)
			strbuf_adds(sb, k + 1 == count ? " and " : ", ");
		strbuf_addf(sb, "%s (%.0f%%)", c->strategy,
		    100 * report_overhead_share(c));
		k++;
	}
	strbuf_addf(sb, " the fixture is %s of test time: the suite "
	                "spends more time building databases than testing.",
	    "at least half");
	add_line(lines, n, sb);
}

/* Findings for one backend; brief: not the comparisons the table makes. */
static void
recommend_backend(const struct run_result *res, const char *backend,
    int brief, char ***lines, size_t *n, struct strbuf *sb)
{
	const struct cell *best;
	char a[32], b[32], d[32];

	best = report_cheapest_cell(res, backend, report_base_scale(res));
	if (best == NULL)
		return;
	report_format_ns(a, sizeof a, best->suite_overhead_stats.median);
	report_format_ns(b, sizeof b, report_suite_overhead_ns(res, best));
	report_format_ns(d, sizeof d, best->stats[SERIES_SESSION_SETUP].median);
	strbuf_addf(sb,
	    "%s: %s is the cheapest strategy, %s of fixture overhead per test "
	    "(%.1f%% of test time); over %u tests that is %s, plus %s of "
	    "session setup once.",
	    backend, best->strategy, a, 100 * report_overhead_share(best),
	    res->config.tests, b, d);
	add_line(lines, n, sb);
	if (!brief)
		recommend_others(res, best, lines, n, sb);
	recommend_shares(res, best, lines, n, sb);
}

/*
 * Fit each strategy's overhead per test against the seed rows of the cells
 * measured at several seed scales: overhead = fixed + per_row x rows, by
 * ordinary least squares, with R².  *models is the caller's to free.
 */
size_t
report_cost_models(const struct run_result *res, struct cost_model **models)
{
	const struct cell *c, *d;
	struct cost_model *m;
	double *x, *y;
	size_t i, j, k, n = 0;
	int seen;

	*models = NULL;
	if (res->config.n_seed_scales < 2)
		return 0;
	x = xcalloc(res->n_cells, sizeof *x);
	y = xcalloc(res->n_cells, sizeof *y);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->workers != report_base_workers(res))
			continue;
		for (seen = 0, j = 0; j < i; j++)
			if (strcmp(res->cells[j].backend, c->backend) == 0 &&
			    strcmp(res->cells[j].strategy, c->strategy) == 0 &&
			    res->cells[j].workers == c->workers)
				seen = 1;
		if (seen)
			continue;
		k = 0;
		for (j = i; j < res->n_cells; j++) {
			d = &res->cells[j];
			if (strcmp(d->backend, c->backend) != 0 ||
			    strcmp(d->strategy, c->strategy) != 0 ||
			    d->workers != c->workers ||
			    d->suite_overhead_stats.n == 0)
				continue;
			x[k] = (double)d->seed_rows;
			y[k++] = d->suite_overhead_stats.median;
		}
		if (k < 2)
			continue;
		*models = xreallocarray(*models, n + 1, sizeof **models);
		m = &(*models)[n++];
		m->backend = c->backend;
		m->strategy = c->strategy;
		m->points = k;
		m->r2 = stats_linear_fit(x, y, k, &m->per_row_ns, &m->fixed_ns);
		m->max_rows = 0;
		for (j = 0; j < k; j++)
			if ((long long)x[j] > m->max_rows)
				m->max_rows = (long long)x[j];
	}
	free(x);
	free(y);
	return n;
}

/*
 * Sentences for the data sizes at which one strategy overtakes another on
 * the same backend, from the fitted cost models: where the lines
 * fixed_a + per_row_a x and fixed_b + per_row_b x cross at x > 0.
 */
static void
recommend_cost_models(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	struct cost_model *m, *a, *b;
	char rows[32];
	size_t i, j, count;
	double cross;

	count = report_cost_models(res, &m);
	for (i = 0; i < count; i++)
		for (j = 0; j < count; j++) {
			a = &m[i]; /* cheaper with little data */
			b = &m[j]; /* cheaper with much data */
			if (i == j || strcmp(a->backend, b->backend) != 0 ||
			    !(a->fixed_ns < b->fixed_ns) ||
			    !(b->per_row_ns < a->per_row_ns))
				continue;
			cross = (b->fixed_ns - a->fixed_ns) /
			        (a->per_row_ns - b->per_row_ns);
			report_format_count(rows, sizeof rows, cross);
			strbuf_addf(sb,
			    "%s: above about %s seed rows, %s beats %s%s.",
			    a->backend, rows, b->strategy, a->strategy,
			    cross > (double)a->max_rows
			        ? " (extrapolated beyond the sizes measured)"
			        : "");
			add_line(lines, n, sb);
		}
	free(m);
}

/* A sentence for every cell whose per-test cost drifts over a session. */
static void
recommend_drift(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	struct drift *d;
	size_t i, count;

	count = drift_analyse(res, &d);
	for (i = 0; i < count; i++) {
		if (!d[i].significant)
			continue;
		strbuf_adds(sb, "drift: ");
		report_cell_label(res, d[i].cell, sb);
		strbuf_addf(sb,
		    ": the last test of a session of %u costs %+.1f%% more "
		    "than the first (95%% CI %+.1f%% to %+.1f%%; %+.2f%% per "
		    "1,000 tests, p %.2g): %s.",
		    d[i].tests, d[i].pct_session, d[i].session_ci_low,
		    d[i].session_ci_high, d[i].pct_per_1000, d[i].p,
		    drift_cause(&d[i]));
		add_line(lines, n, sb);
	}
	free(d);
}

/* "12.6% faster" or "6.3% slower" than the base worker count. */
void
report_change(char *buf, size_t len, double speedup)
{
	double pct;

	pct = 100.0 * (1.0 - 1.0 / speedup);
	if (fabs(pct) < 0.05)
		snprintf(buf, len, "the same");
	else if (pct > 0)
		snprintf(buf, len, "%.1f%% faster", pct);
	else
		snprintf(buf, len, "%.1f%% slower", -pct);
}

unsigned
report_scaling_prediction(const struct run_result *res,
    const struct scaling_model *m, char *buf, size_t len)
{
	double predicted;
	unsigned rec;

	rec = scaling_recommend(m, res->config.tests, res->config.tests,
	    res->host_cores, &predicted);
	report_format_ns(buf, len, predicted);
	return rec;
}

/* The worker count to use, per backend and strategy, and why. */
static void
recommend_scaling(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	struct scaling_model *m;
	const struct scaling_point *best;
	char change[48], wall[32], pred[32];
	size_t i, k, count;
	unsigned rec;

	count = scaling_analyse(res, &m);
	for (i = 0; i < count; i++) {
		best = &m[i].points[0];
		for (k = 0; k < m[i].n_points; k++)
			if (m[i].points[k].workers == m[i].best_measured)
				best = &m[i].points[k];
		report_change(change, sizeof change, best->speedup);
		report_format_ns(wall, sizeof wall, best->wall_ns);
		rec = report_scaling_prediction(res, &m[i], pred, sizeof pred);
		strbuf_addf(sb,
		    "%s %s: %u worker%s ran the suite of %u tests fastest, in "
		    "%s (%s than %u); %s fits the speedups better and "
		    "predicts the least wall time at %u worker%s (%s).",
		    m[i].backend, m[i].strategy, best->workers,
		    best->workers == 1 ? "" : "s", res->config.tests, wall,
		    change, m[i].base_workers,
		    m[i].usl_better ? "the Universal Scalability Law"
		                    : "Amdahl's law",
		    rec, rec == 1 ? "" : "s", pred);
		add_line(lines, n, sb);
	}
	free(m);
}

/* What moving the suite from the first backend to another costs. */
static void
recommend_migration(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	struct migration_row *rows;
	char a[32], b[32], c[32], d[32], ratio[32];
	size_t i, m;

	m = report_migration_rows(res, &rows);
	for (i = 0; i < m; i++) {
		report_format_ns(a, sizeof a,
		    rows[i].to->suite_overhead_stats.median);
		report_format_ns(b, sizeof b,
		    rows[i].from->suite_overhead_stats.median);
		report_format_ns(c, sizeof c, rows[i].to_suite_ns);
		report_format_ns(d, sizeof d, rows[i].from_suite_ns);
		report_format_count(ratio, sizeof ratio,
		    rows[i].per_test_ratio);
		strbuf_addf(sb,
		    "migration: under %s, %s's fixture overhead is %s per "
		    "test against %s on %s, and a whole test takes %sx as "
		    "long; the suite of %u tests takes %s against %s.",
		    rows[i].from->strategy, rows[i].to->backend, a, b,
		    rows[i].from->backend, ratio, res->config.tests, c, d);
		add_line(lines, n, sb);
	}
	free(rows);
}

/* Per backend: how many scenarios each strategy isolated. */
static void
recommend_isolation(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	size_t b, s, isolated, applicable;
	int any;

	for (b = 0; b < res->n_backends; b++) {
		any = 0;
		strbuf_addf(sb, "%s: scenarios isolated of those that apply:",
		    res->backends[b].name);
		for (s = 0; s < res->config.n_strategies; s++) {
			isolated =
			    report_isolated_count(res, res->backends[b].name,
			        res->config.strategies[s], &applicable);
			if (applicable == 0)
				continue;
			strbuf_addf(sb, "%s %s %zu/%zu", any ? "," : "",
			    res->config.strategies[s], isolated, applicable);
			any = 1;
		}
		if (!any) {
			strbuf_reset(sb);
			continue;
		}
		strbuf_adds(sb, "; each scenario's mitigation says how to live "
		                "with the rest.");
		add_line(lines, n, sb);
	}
}

/* Per cell with a leaking or failing test: which tests. */
static void
recommend_state(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	struct report_state_cell *cells;
	const struct state_check *d;
	size_t i, j, ncells;

	ncells = report_state_cells(res, &cells);
	for (i = 0; i < ncells; i++) {
		if (cells[i].leaked == 0 && cells[i].failed == 0)
			continue;
		strbuf_addf(sb, "%s %s: %s:", cells[i].backend,
		    cells[i].strategy, cells[i].sentence);
		j = 0;
		while ((d = report_state_cell_next(res, &cells[i], &j)))
			strbuf_addf(sb, "%s %s%s",
			    sb->buf[sb->len - 1] == ':' ? "" : ",", d->test,
			    d->leaked ? "" : " (failed)");
		if (cells[i].leaked > 0)
			strbuf_addf(sb, "; the tests after %s start from "
			    "other data.", cells[i].leaked == 1 ? "it" : "them");
		else
			strbuf_adds(sb, "; a test that cannot run under the "
			    "strategy is not shown clean.");
		add_line(lines, n, sb);
	}
	free(cells);
}

static double
ci_rel(const struct cell *c)
{
	return stats_ci_halfwidth_rel(&c->suite_overhead_stats);
}

/*
 * The cells whose CI fell short of --target-ci, in one sentence: the
 * advice (a longer --max-time) is the same for all of them.
 */
static void
recommend_short_of_target(const struct run_result *res, char ***lines,
    size_t *n, struct strbuf *sb)
{
	const struct cell *c, *lo = NULL, *hi = NULL;
	size_t i, count = 0, cells = 0;
	unsigned rmin = 0, rmax = 0;
	char a[48], b[48];

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->seed_scale != report_base_scale(res))
			continue;
		cells++;
		if (res->config.rounds != 0 || c->converged)
			continue;
		if (count == 0 || c->rounds < rmin)
			rmin = c->rounds;
		if (count == 0 || c->rounds > rmax)
			rmax = c->rounds;
		if (report_has_ci(c) && (lo == NULL ||
		    ci_rel(c) < ci_rel(lo)))
			lo = c;
		if (report_has_ci(c) && (hi == NULL ||
		    ci_rel(c) > ci_rel(hi)))
			hi = c;
		count++;
	}
	if (count == 0)
		return;
	if (count == 1) {
		for (i = 0; i < res->n_cells; i++) {
			c = &res->cells[i];
			if (c->seed_scale == report_base_scale(res) &&
			    !c->converged)
				break;
		}
		report_cell_label(res, c, sb);
		report_format_ci_rel(a, sizeof a, c, 1);
		strbuf_addf(sb, ": the overhead's 95%% CI is %s of the median",
		    a);
	} else {
		strbuf_addf(sb, "%s %zu cells: the overhead's 95%% CI is ",
		    count == cells ? "all" : "of", count);
		if (lo == NULL)
			strbuf_adds(sb, "missing");
		else {
			report_format_ci_rel(a, sizeof a, lo, 1);
			report_format_ci_rel(b, sizeof b, hi, 1);
			strbuf_addf(sb, "%s to %s of the median", a, b);
		}
	}
	strbuf_addf(sb, ", short of the %.1f%% target after ",
	    100 * res->config.target_ci);
	if (rmin == rmax)
		strbuf_addf(sb, "%u rounds", rmin);
	else
		strbuf_addf(sb, "%u to %u rounds", rmin, rmax);
	strbuf_addf(sb, "; give --max-time more than %g s for %s.",
	    res->config.max_time,
	    count == 1 ? "a firmer figure" : "firmer figures");
	add_line(lines, n, sb);
}

/*
 * The sentences printed under "recommendations" in every format.  Each one
 * quotes figures from res.  The caller frees with report_free_lines().
 * Brief: without the comparisons of each strategy with the cheapest and
 * the isolation counts, which the table and the decision already give.
 */
static char **
recommendations(const struct run_result *res, int brief, size_t *n)
{
	const struct cell *c;
	struct strbuf sb;
	char **lines = NULL;
	size_t i, j, failed;

	*n = 0;
	strbuf_init(&sb);
	for (i = 0; i < res->n_backends; i++)
		recommend_backend(res, res->backends[i].name, brief, &lines, n,
		    &sb);
	recommend_migration(res, &lines, n, &sb);
	recommend_cost_models(res, &lines, n, &sb);
	recommend_drift(res, &lines, n, &sb);
	recommend_scaling(res, &lines, n, &sb);
	if (!brief)
		recommend_isolation(res, &lines, n, &sb);
	recommend_state(res, &lines, n, &sb);
	recommend_short_of_target(res, &lines, n, &sb);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->seed_scale != report_base_scale(res))
			continue;
		if (c->failed > 0) {
			failed = 0;
			for (j = 0; j < res->n_failures; j++)
				if (strcmp(res->failures[j].backend,
				        c->backend) == 0 &&
				    strcmp(res->failures[j].strategy,
				        c->strategy) == 0)
					failed++;
			strbuf_addf(&sb,
			    "%s %s: %zu of %zu tests failed (%zu distinct "
			    "failures, listed above); their times are left "
			    "out of the figures.",
			    c->backend, c->strategy, c->failed, c->tests_run,
			    failed);
			add_line(&lines, n, &sb);
		}
	}
	strbuf_fini(&sb);
	return lines;
}

char **
report_recommendations(const struct run_result *res, size_t *n)
{
	return recommendations(res, 0, n);
}

char **
report_recommendations_brief(const struct run_result *res, size_t *n)
{
	return recommendations(res, 1, n);
}

void
report_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
