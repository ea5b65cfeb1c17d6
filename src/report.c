/*
 * report.c - figures and findings shared by every report format
 *
 * Definitions used throughout:
 *   overhead of a test   test setup + test teardown (the body is not
 *                        overhead);
 *   overhead per test    the headline: a round's total overhead divided by
 *                        its tests, median over rounds, with the 95% CI of
 *                        that median (struct cell.suite_overhead);
 *   share                mean overhead / mean per-test time, the fraction
 *                        of a suite's test time the fixture takes;
 *   suite overhead       --tests x overhead per test; session setup and
 *                        teardown are quoted on their own, since a suite
 *                        pays them once.
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

/* The formats, in the order --help lists them: text first, the default. */
static const struct report_ops *const formats[] = {
	&report_text_ops,
	&report_json_ops,
	&report_markdown_ops,
	&report_csv_ops,
	&report_html_ops,
};

const struct report_ops *const *
report_all(size_t *n)
{
	*n = sizeof formats / sizeof formats[0];
	return formats;
}

const struct report_ops *
report_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

/* Append the formats that can compare and are machine-readable or not,
 * counting them in *n of total; the last one is joined with last. */
static void
add_names(struct strbuf *sb, int compare_only, int machine, size_t total,
    size_t *n, const char *last)
{
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if ((compare_only && formats[i]->compare == NULL) ||
		    formats[i]->machine != machine)
			continue;
		if (*n > 0)
			strbuf_adds(sb, *n + 1 == total ? last : ", ");
		strbuf_adds(sb, formats[i]->name);
		(*n)++;
	}
}

char *
report_names(int compare_only, const char *last)
{
	struct strbuf sb;
	size_t i, total = 0, n = 0;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (!compare_only || formats[i]->compare != NULL)
			total++;
	strbuf_init(&sb);
	if (!compare_only) {
		for (i = 0; i < total; i++) {
			if (i > 0)
				strbuf_adds(&sb, i + 1 == total ? last : ", ");
			strbuf_adds(&sb, formats[i]->name);
		}
		return strbuf_detach(&sb);
	}
	add_names(&sb, 1, 0, total, &n, last);
	add_names(&sb, 1, 1, total, &n, last);
	return strbuf_detach(&sb);
}

/* The seed scale the main figures are quoted at: the first one given. */
unsigned
report_base_scale(const struct run_result *res)
{
	return res->config.n_seed_scales > 0 ? res->config.seed_scales[0] : 1;
}

/* The worker count the main figures are quoted at: the first one given. */
unsigned
report_base_workers(const struct run_result *res)
{
	return res->config.n_workers > 0 ? res->config.workers[0] : 1;
}

/* 1 when a cell is one of those the main tables show. */
int
report_main_cell(const struct run_result *res, const struct cell *c,
    unsigned seed_scale)
{
	return c->seed_scale == seed_scale &&
	       c->workers == report_base_workers(res);
}

/*
 * The cell of backend at seed_scale with the lowest median overhead, or
 * NULL.
 */
const struct cell *
report_cheapest_cell(const struct run_result *res, const char *backend,
    unsigned seed_scale)
{
	const struct cell *best = NULL, *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    !report_main_cell(res, c, seed_scale) ||
		    c->suite_overhead_stats.n == 0)
			continue;
		if (best == NULL || c->suite_overhead_stats.median <
		                        best->suite_overhead_stats.median)
			best = c;
	}
	return best;
}

double
report_overhead_share(const struct cell *c)
{
	if (c->stats[SERIES_PER_TEST].mean <= 0)
		return 0;
	return c->stats[SERIES_OVERHEAD].mean / c->stats[SERIES_PER_TEST].mean;
}

double
report_suite_overhead_ns(const struct run_result *res, const struct cell *c)
{
	return (double)res->config.tests * c->suite_overhead_stats.median;
}

/* 1 when the cell's overhead has a CI: two rounds or more. */
int
report_has_ci(const struct cell *c)
{
	return c->suite_overhead_stats.n >= 2;
}

/* "no CI (1 round)", for a cell measured in fewer than two rounds. */
static void
no_ci(char *buf, size_t len, const struct cell *c)
{
	snprintf(buf, len, "no CI (%zu round%s)", c->suite_overhead_stats.n,
	    c->suite_overhead_stats.n == 1 ? "" : "s");
}

void
report_format_ci(char *buf, size_t len, const struct cell *c)
{
	char lo[32], hi[32];

	if (!report_has_ci(c)) {
		no_ci(buf, len, c);
		return;
	}
	report_format_ns(lo, sizeof lo, c->suite_overhead_stats.ci95_low);
	report_format_ns(hi, sizeof hi, c->suite_overhead_stats.ci95_high);
	snprintf(buf, len, "%s \xe2\x80\x93 %s", lo, hi);
}

void
report_format_ci_rel(char *buf, size_t len, const struct cell *c,
    int decimals)
{
	if (!report_has_ci(c)) {
		no_ci(buf, len, c);
		return;
	}
	snprintf(buf, len, "\xc2\xb1%.*f%%", decimals,
	    100 * stats_ci_halfwidth_rel(&c->suite_overhead_stats));
}

/* Format every figure of a cell's row (the cell has successful tests). */
void
report_row_figures(const struct run_result *res, const struct cell *c,
    struct report_row *row)
{
	const struct stats *ov = &c->suite_overhead_stats;
	char ratio[32];

	report_format_ns(row->col[REPORT_COL_SETUP], sizeof row->col[0],
	    c->stats[SERIES_TEST_SETUP].median);
	report_format_ns(row->col[REPORT_COL_BODY], sizeof row->col[0],
	    c->stats[SERIES_BODY].median);
	report_format_ns(row->col[REPORT_COL_TEARDOWN], sizeof row->col[0],
	    c->stats[SERIES_TEST_TEARDOWN].median);
	report_format_ns(row->col[REPORT_COL_OVERHEAD], sizeof row->col[0],
	    ov->median);
	report_format_ci(row->col[REPORT_COL_CI], sizeof row->col[0], c);
	snprintf(row->col[REPORT_COL_SHARE], sizeof row->col[0], "%.1f%%",
	    100 * report_overhead_share(c));
	report_format_ns(row->col[REPORT_COL_SUITE], sizeof row->col[0],
	    report_suite_overhead_ns(res, c));
	report_format_count(ratio, sizeof ratio, report_vs_best(res, c));
	snprintf(row->col[REPORT_COL_VS_BEST], sizeof row->col[0], "%sx",
	    ratio);
}

/*
 * A cell's overhead per test over the cheapest of its backend: 1.0 for the
 * cheapest itself, and 1.0 when there is nothing to compare with.
 */
double
report_vs_best(const struct run_result *res, const struct cell *c)
{
	const struct cell *best;

	best = report_cheapest_cell(res, c->backend, c->seed_scale);
	if (best == NULL || !(best->suite_overhead_stats.median > 0))
		return 1;
	return c->suite_overhead_stats.median /
	       best->suite_overhead_stats.median;
}

/*
 * What a suite of --tests tests takes under a cell, fixtures included:
 * tests x mean per-test time, plus session setup and teardown once.
 */
double
report_suite_time_ns(const struct run_result *res, const struct cell *c)
{
	return (double)res->config.tests * c->stats[SERIES_PER_TEST].mean +
	       c->stats[SERIES_SESSION_SETUP].median +
	       c->stats[SERIES_SESSION_TEARDOWN].median;
}

static const struct cell *
find_cell(const struct run_result *res, const char *backend,
    const char *strategy, unsigned seed_scale)
{
	size_t i;

	for (i = 0; i < res->n_cells; i++)
		if (strcmp(res->cells[i].backend, backend) == 0 &&
		    strcmp(res->cells[i].strategy, strategy) == 0 &&
		    report_main_cell(res, &res->cells[i], seed_scale))
			return &res->cells[i];
	return NULL;
}

/*
 * One row per strategy measured on the first backend and on another one,
 * with numbers on both.  *rows is the caller's to free; returns the count.
 */
size_t
report_migration_rows(const struct run_result *res, struct migration_row **rows)
{
	const struct cell *from, *to;
	struct migration_row *r;
	size_t b, i, n = 0;

	*rows = NULL;
	for (b = 1; b < res->n_backends; b++)
		for (i = 0; i < res->n_cells; i++) {
			from = &res->cells[i];
			if (strcmp(from->backend, res->backends[0].name) != 0 ||
			    !report_main_cell(res, from,
			        report_base_scale(res)))
				continue;
			to = find_cell(res, res->backends[b].name,
			    from->strategy, from->seed_scale);
			if (to == NULL || from->suite_overhead_stats.n == 0 ||
			    to->suite_overhead_stats.n == 0)
				continue;
			*rows = xreallocarray(*rows, n + 1, sizeof **rows);
			r = &(*rows)[n++];
			r->from = from;
			r->to = to;
			r->overhead_ratio = to->suite_overhead_stats.median /
			                    from->suite_overhead_stats.median;
			r->per_test_ratio = to->stats[SERIES_PER_TEST].mean /
			                    from->stats[SERIES_PER_TEST].mean;
			r->from_suite_ns = report_suite_time_ns(res, from);
			r->to_suite_ns = report_suite_time_ns(res, to);
			report_format_ns(r->from_overhead,
			    sizeof r->from_overhead,
			    from->suite_overhead_stats.median);
			report_format_ns(r->to_overhead, sizeof r->to_overhead,
			    to->suite_overhead_stats.median);
			report_format_count(r->overhead_x,
			    sizeof r->overhead_x, r->overhead_ratio);
			report_format_count(r->per_test_x,
			    sizeof r->per_test_x, r->per_test_ratio);
			report_format_ns(r->from_suite, sizeof r->from_suite,
			    r->from_suite_ns);
			report_format_ns(r->to_suite, sizeof r->to_suite,
			    r->to_suite_ns);
		}
	return n;
}

/*
 * 1 when a failure's statement (same test file and statement number) fails
 * on its backend and on no other backend of the run: a dialect difference
 * rather than a broken test.
 */
int
report_fails_only_on(const struct run_result *res, const struct failure *f)
{
	const struct failure *g;
	size_t i;

	if (res->n_backends < 2 || f->statement == 0)
		return 0;
	for (i = 0; i < res->n_failures; i++) {
		g = &res->failures[i];
		if (strcmp(g->backend, f->backend) != 0 &&
		    strcmp(g->test, f->test) == 0 &&
		    g->statement == f->statement)
			return 0;
	}
	return 1;
}

/*
 * 1 when failure i is a dialect difference (report_fails_only_on) and the
 * first such failure of its backend, test and statement, whatever the
 * strategy: the statements to list once in a migration assessment.
 */
static int
dialect_failure_first(const struct run_result *res, size_t i)
{
	const struct failure *f = &res->failures[i], *g;
	size_t j;

	if (!report_fails_only_on(res, f))
		return 0;
	for (j = 0; j < i; j++) {
		g = &res->failures[j];
		if (strcmp(g->backend, f->backend) == 0 &&
		    strcmp(g->test, f->test) == 0 &&
		    g->statement == f->statement)
			return 0;
	}
	return 1;
}

size_t
report_migration(const struct run_result *res, struct report_migration *m)
{
	size_t i;

	m->n_rows = report_migration_rows(res, &m->rows);
	m->dialect = NULL;
	m->n_dialect = 0;
	for (i = 0; i < res->n_failures; i++) {
		if (!dialect_failure_first(res, i))
			continue;
		m->dialect = xreallocarray(m->dialect, m->n_dialect + 1,
		    sizeof *m->dialect);
		m->dialect[m->n_dialect++] = &res->failures[i];
	}
	return m->n_rows;
}

void
report_migration_free(struct report_migration *m)
{
	free(m->rows);
	free(m->dialect);
}

/*
 * "measured in 2.19 s by 24 processes, adaptive rounds; cells interleaved
 * in ..."
 */
void
report_measured_in(const struct run_result *res, struct strbuf *out)
{
	char elapsed[32], processes[48] = "";

	report_format_ns(elapsed, sizeof elapsed, (double)res->elapsed_ns);
	if (res->replicates > 1)
		snprintf(processes, sizeof processes, " by %u processes",
		    res->replicates);
	strbuf_addf(out,
	    "measured in %s%s, %s; cells interleaved in "
	    "shuffled order (seed %llu)",
	    elapsed, processes,
	    res->config.rounds > 0 ? "fixed rounds" : "adaptive rounds",
	    (unsigned long long)res->config.seed);
}

/*
 * "3 rounds, 81 tests timed, overhead CI ±3.95%; session setup ..."; with
 * "in 5 processes" after the rounds when more than one measured the cell.
 */
void
report_cell_measurement(const struct run_result *res, const struct cell *c,
    struct strbuf *out)
{
	char setup[32], teardown[32], processes[48] = "", ci[48];

	report_format_ci_rel(ci, sizeof ci, c, 2);
	report_format_ns(setup, sizeof setup,
	    c->stats[SERIES_SESSION_SETUP].median);
	report_format_ns(teardown, sizeof teardown,
	    c->stats[SERIES_SESSION_TEARDOWN].median);
	if (c->rep_rounds.n > 1)
		snprintf(processes, sizeof processes, " in %zu processes",
		    c->rep_rounds.n);
	strbuf_addf(out,
	    "%u rounds%s, %zu tests timed, overhead %s%s%s; "
	    "session setup %s, teardown %s; %zu overhead outliers (%.1f%%, "
	    "kept)",
	    c->rounds, processes, c->stats[SERIES_OVERHEAD].n,
	    report_has_ci(c) ? "CI " : "", ci,
	    res->config.rounds == 0 && !c->converged ? " (short of target)"
	                                             : "",
	    setup, teardown, c->stats[SERIES_OVERHEAD].outliers,
	    c->stats[SERIES_OVERHEAD].n > 0
	        ? 100.0 * (double)c->stats[SERIES_OVERHEAD].outliers /
	              (double)c->stats[SERIES_OVERHEAD].n
	        : 0.0);
	if (c->connect_stats.n > 0) {
		report_format_ns(setup, sizeof setup, c->connect_stats.median);
		strbuf_addf(out, "; of test setup, connecting %s", setup);
	}
}

/*
 * "sqlite rollback", qualified by seed scale and worker count when the run
 * measured more than one of either.
 */
void
report_cell_label(const struct run_result *res, const struct cell *c,
    struct strbuf *out)
{
	strbuf_addf(out, "%s %s", c->backend, c->strategy);
	if (res->config.n_seed_scales > 1)
		strbuf_addf(out, " seed x%u", c->seed_scale);
	if (res->config.n_workers > 1)
		strbuf_addf(out, " %u worker%s", c->workers,
		    c->workers == 1 ? "" : "s");
}

/*
 * "Setup, body and teardown: medians of single tests. ...": what the
 * columns of a backend's strategy table mean.
 */
void
report_phase_note(const struct run_result *res, struct strbuf *out)
{
	strbuf_addf(out,
	    "Setup, body and teardown: medians of single tests.  Overhead: "
	    "test setup + teardown per test over a suite run, the median of "
	    "the rounds with its 95%% CI.  Share: of the time of a test.  "
	    "Suite: %u tests \xc3\x97 overhead.",
	    res->config.tests);
}

/*
 * Nanoseconds with three significant digits in the unit that suits them:
 * "212 ns", "17.4 µs", "1.25 ms".
 */
void
report_format_ns(char *buf, size_t len, double ns)
{
	static const struct {
		double scale;
		const char *unit;
	} units[] = { { 1e9, "s" }, { 1e6, "ms" }, { 1e3, "\xc2\xb5s" },
		{ 1, "ns" } };
	size_t i;
	double v;

	for (i = 0; i < sizeof units / sizeof units[0] - 1; i++)
		if (fabs(ns) >= units[i].scale)
			break;
	v = ns / units[i].scale;
	if (fabs(v) >= 100 || units[i].scale == 1)
		snprintf(buf, len, "%.0f %s", v, units[i].unit);
	else if (fabs(v) >= 10)
		snprintf(buf, len, "%.1f %s", v, units[i].unit);
	else
		snprintf(buf, len, "%.2f %s", v, units[i].unit);
}

void
report_format_stat(char *buf, size_t len, const struct stats *s, double v)
{
	if (s->n == 0)
		snprintf(buf, len, "-");
	else
		report_format_ns(buf, len, v);
}

/* A count or ratio with thousands separators: "1,586" or "2.4". */
void
report_format_count(char *buf, size_t len, double value)
{
	char digits[64];
	size_t n, i, o = 0;

	if (value < 10) {
		snprintf(buf, len, "%.1f", value);
		return;
	}
	snprintf(digits, sizeof digits, "%.0f", value);
	n = strlen(digits);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* The verdict of scenario under strategy on backend, or NULL. */
const struct validation *
report_find_validation(const struct run_result *res, const char *backend,
    const char *strategy, const char *scenario)
{
	const struct validation *v;
	size_t i;

	for (i = 0; i < res->n_validations; i++) {
		v = &res->validations[i];
		if (strcmp(v->backend, backend) == 0 &&
		    strcmp(v->strategy, strategy) == 0 &&
		    strcmp(v->scenario, scenario) == 0)
			return v;
	}
	return NULL;
}

/*
 * Every (scenario, strategy) whose verdict on the first backend differs
 * from its verdict on another backend, both applicable, in the order the
 * first backend's validations ran.  *risks is the caller's to free.
 */
size_t
report_migration_risks(const struct run_result *res,
    struct migration_risk **risks)
{
	const struct validation *from, *to;
	size_t b, i, n = 0;

	*risks = NULL;
	for (b = 1; b < res->n_backends; b++)
		for (i = 0; i < res->n_validations; i++) {
			from = &res->validations[i];
			if (strcmp(from->backend, res->backends[0].name) != 0 ||
			    from->verdict == VERDICT_NA)
				continue;
			to = report_find_validation(res, res->backends[b].name,
			    from->strategy, from->scenario);
			if (to == NULL || to->verdict == VERDICT_NA ||
			    to->verdict == from->verdict)
				continue;
			*risks = xreallocarray(*risks, n + 1, sizeof **risks);
			(*risks)[n].from = from;
			(*risks)[n].to = to;
			n++;
		}
	return n;
}

/* What the run says about scenario id, or NULL. */
const struct scenario_info *
report_scenario(const struct run_result *res, const char *id)
{
	size_t i;

	for (i = 0; i < res->n_scenarios; i++)
		if (strcmp(res->scenarios[i].id, id) == 0)
			return &res->scenarios[i];
	return NULL;
}

/*
 * "postgres: leak under rollback, savepoint, error under per-test; sqlite:
 * false pass under every strategy": the cells of a scenario that went
 * wrong, per backend and verdict.
 */
void
report_bad_cells(const struct run_result *res, const char *scenario,
    struct strbuf *sb)
{
	const struct validation *v;
	size_t b, s, count;
	int verdict, any, any_verdict;

	for (b = 0; b < res->n_backends; b++) {
		any_verdict = 0;
		for (verdict = VERDICT_LEAK; verdict <= VERDICT_ERROR;
		     verdict++) {
			count = 0;
			for (s = 0; s < res->config.n_strategies; s++) {
				v = report_find_validation(res,
				    res->backends[b].name,
				    res->config.strategies[s], scenario);
				count +=
				    v != NULL && (int)v->verdict == verdict;
			}
			if (count == 0)
				continue;
			if (!any_verdict)
				strbuf_addf(sb,
				    "%s%s: ", sb->len > 0 ? "; " : "",
				    res->backends[b].name);
			else
				strbuf_adds(sb, ", ");
			any_verdict = 1;
			strbuf_addf(sb, "%s under ", verdict_names[verdict]);
			if (count == res->config.n_strategies && count > 1) {
				strbuf_adds(sb, "every strategy");
				continue;
			}
			any = 0;
			for (s = 0; s < res->config.n_strategies; s++) {
				v = report_find_validation(res,
				    res->backends[b].name,
				    res->config.strategies[s], scenario);
				if (v == NULL || (int)v->verdict != verdict)
					continue;
				strbuf_addf(sb, "%s%s", any ? ", " : "",
				    v->strategy);
				any = 1;
			}
		}
	}
}

/*
 * Every cell of scenario on backend (all) or those that leaked, passed
 * falsely or errored, strategies with the same verdict and detail as one
 * group, in the run's strategy order.  *groups is the caller's to free
 * with report_free_observations().
 */
size_t
report_observations(const struct run_result *res, const char *backend,
    const char *scenario, int all, struct report_observation **groups)
{
	const struct validation *v, *w;
	struct report_observation *g;
	size_t s, t, n = 0;

	*groups = NULL;
	for (s = 0; s < res->config.n_strategies; s++) {
		v = report_find_validation(res, backend,
		    res->config.strategies[s], scenario);
		if (v == NULL || (!all && (v->verdict == VERDICT_ISOLATED ||
		                              v->verdict == VERDICT_NA)))
			continue;
		for (t = 0; t < s; t++) {
			w = report_find_validation(res, backend,
			    res->config.strategies[t], scenario);
			if (w != NULL && w->verdict == v->verdict &&
			    strcmp(w->detail, v->detail) == 0)
				break;
		}
		if (t < s)
			continue; /* in an earlier strategy's group */
		*groups = xreallocarray(*groups, n + 1, sizeof **groups);
		g = &(*groups)[n++];
		g->first = v;
		strbuf_init(&g->strategies);
		for (t = s; t < res->config.n_strategies; t++) {
			w = report_find_validation(res, backend,
			    res->config.strategies[t], scenario);
			if (w == NULL || w->verdict != v->verdict ||
			    strcmp(w->detail, v->detail) != 0)
				continue;
			strbuf_addf(&g->strategies, "%s%s",
			    g->strategies.len > 0 ? ", " : "", w->strategy);
		}
	}
	return n;
}

void
report_free_observations(struct report_observation *groups, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_fini(&groups[i].strategies);
	free(groups);
}

static void
state_cell_sentence(const struct report_state_cell *cell, char *buf,
    size_t size)
{
	int len = 0;

	if (size > 0)
		buf[0] = '\0';
	if (cell->leaked == 0 && cell->failed == 0) {
		snprintf(buf, size, "no test of %zu left the database "
		    "different", cell->checked);
		return;
	}
	if (cell->leaked > 0)
		len = snprintf(buf, size, "%zu of %zu tests left the database "
		    "different%s", cell->leaked, cell->checked,
		    cell->failed > 0 ? "; " : "");
	if (cell->failed > 0 && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, "%zu of %zu failed "
		    "under %s", cell->failed, cell->checked, cell->strategy);
}

/*
 * The state checks summed per (backend, strategy), in the order checked.
 * *cells is the caller's to free.
 */
size_t
report_state_cells(const struct run_result *res,
    struct report_state_cell **cells)
{
	const struct state_check *c;
	struct report_state_cell *s;
	size_t i, j, n = 0;

	*cells = NULL;
	for (i = 0; i < res->n_state_checks; i++) {
		c = &res->state_checks[i];
		for (j = 0; j < n; j++)
			if (strcmp((*cells)[j].backend, c->backend) == 0 &&
			    strcmp((*cells)[j].strategy, c->strategy) == 0)
				break;
		if (j == n) {
			*cells = xreallocarray(*cells, n + 1, sizeof **cells);
			s = &(*cells)[n++];
			s->backend = c->backend;
			s->strategy = c->strategy;
			s->checked = s->leaked = s->failed = 0;
		}
		s = &(*cells)[j];
		s->checked++;
		s->leaked += c->leaked != 0;
		s->failed += c->error != NULL;
	}
	for (j = 0; j < n; j++)
		state_cell_sentence(&(*cells)[j], (*cells)[j].sentence,
		    sizeof (*cells)[j].sentence);
	return n;
}

const struct state_check *
report_state_cell_next(const struct run_result *res,
    const struct report_state_cell *cell, size_t *pos)
{
	const struct state_check *c;

	while (*pos < res->n_state_checks) {
		c = &res->state_checks[(*pos)++];
		if ((c->leaked || c->error != NULL) &&
		    strcmp(c->backend, cell->backend) == 0 &&
		    strcmp(c->strategy, cell->strategy) == 0)
			return c;
	}
	return NULL;
}

/*
 * 1 when scenario id applied under some strategy on some backend of the
 * run: a matrix row that is n/a in every column of every backend is left
 * out.
 */
int
report_scenario_applies(const struct run_result *res, const char *id)
{
	const struct validation *v;
	size_t i;

	for (i = 0; i < res->n_validations; i++) {
		v = &res->validations[i];
		if (v->verdict != VERDICT_NA && strcmp(v->scenario, id) == 0)
			return 1;
	}
	return 0;
}

/*
 * The scenarios isolated under a strategy on a backend; *applicable gets
 * the number that applied there (not n/a).
 */
size_t
report_isolated_count(const struct run_result *res, const char *backend,
    const char *strategy, size_t *applicable)
{
	const struct validation *v;
	size_t i, n = 0;

	*applicable = 0;
	for (i = 0; i < res->n_validations; i++) {
		v = &res->validations[i];
		if (strcmp(v->backend, backend) != 0 ||
		    strcmp(v->strategy, strategy) != 0 ||
		    v->verdict == VERDICT_NA)
			continue;
		(*applicable)++;
		n += v->verdict == VERDICT_ISOLATED;
	}
	return n;
}

/*
 * Where each server backend was seen, per backend that has a server
 * process, in the order the backends first appear among the cells.  *out
 * is the caller's to free.
 */
size_t
report_placement_backends(const struct run_result *res,
    struct placement_summary **out)
{
	const struct backend_ops *ops;
	const struct cell *c;
	struct placement_summary *p;
	size_t i, j, n = 0;

	*out = NULL;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		ops = backend_find(c->backend);
		if (ops == NULL || ops->server_cpu == NULL)
			continue;
		for (j = 0; j < n && strcmp((*out)[j].backend, c->backend); j++)
			;
		if (j == n) {
			*out = xreallocarray(*out, n + 1, sizeof **out);
			p = &(*out)[n++];
			memset(p, 0, sizeof *p);
			p->backend = c->backend;
			p->cpu = c->server_cpu;
			p->client_cpu = c->client_cpu;
		}
		p = &(*out)[j];
		p->cells++;
		if (c->server_cpu == BACKEND_CPU_REMOTE)
			p->remote++;
		else if (c->server_cpu < 0)
			p->unknown++;
		else if (c->server_cpu == c->client_cpu)
			p->on_client++;
		else
			p->elsewhere++;
		if (c->server_cpu != p->cpu)
			p->cpu = -1;
	}
	return n;
}

/*
 * When a server's backend was not seen on its client's CPU in a pinned
 * run, or was not seen at all, say why, in one clause a backend, into buf:
 * the server is on another host, it refused to have its process moved, or
 * its CPU could not be read.  Returns 0, buf empty, when there is nothing
 * to say.
 */
int
report_placement_note(const struct run_result *res, char *buf, size_t len)
{
	struct placement_summary *p;
	struct strbuf sb;
	size_t i, n;

	buf[0] = '\0';
	strbuf_init(&sb);
	n = report_placement_backends(res, &p);
	for (i = 0; i < n; i++) {
		if (sb.len > 0 && (p[i].unknown > 0 || (res->pinned &&
		    (p[i].remote > 0 || p[i].elsewhere > 0))))
			strbuf_adds(&sb, "; ");
		if (res->pinned && p[i].remote > 0)
			strbuf_addf(&sb, "%s backends not pinned: the server "
			    "is not on this host", p[i].backend);
		else if (p[i].unknown > 0)
			strbuf_addf(&sb, "%s backend's CPU not read in %zu of "
			    "%zu cells (/proc/PID/stat not readable)",
			    p[i].backend, p[i].unknown, p[i].cells);
		else if (res->pinned && p[i].elsewhere > 0)
			strbuf_addf(&sb, "%s backend seen away from its "
			    "client's CPU in %zu of %zu cells: the server's "
			    "process could not be moved (that takes the "
			    "server's user or CAP_SYS_NICE)", p[i].backend,
			    p[i].elsewhere, p[i].cells);
	}
	free(p);
	snprintf(buf, len, "%s", sb.len > 0 ? sb.buf : "");
	strbuf_fini(&sb);
	return buf[0] != '\0';
}

/*
 * "pinned, worker N and its server backends on the Nth CPU the run may
 * use; seen while the tests ran: client on CPU 0, postgres backend on CPU
 * 0", per backend with a server process, and why a pinned backend was
 * elsewhere if it was: the placement every report gives, without a leading
 * label or a line break.
 */
void
report_placement(const struct run_result *res, struct strbuf *out)
{
	struct placement_summary *p;
	char note[512];
	size_t i, n;

	if (res->n_cells == 0)
		return;
	n = report_placement_backends(res, &p);
	strbuf_addf(out, "%s; seen while the tests ran: client on CPU %d",
	    res->pinned ? "pinned, worker N and its server backends on the "
	                  "Nth CPU the run may use"
	                : "not pinned (--no-pin), the scheduler places client "
	                  "and server",
	    n > 0 ? p[0].client_cpu : res->cells[0].client_cpu);
	for (i = 0; i < n; i++) {
		if (p[i].remote == p[i].cells)
			strbuf_addf(out, ", %s server on another host",
			    p[i].backend);
		else if (p[i].cpu >= 0)
			strbuf_addf(out, ", %s backend on CPU %d",
			    p[i].backend, p[i].cpu);
		else
			strbuf_addf(out, ", %s backend on its client's CPU "
			    "in %zu of %zu cells", p[i].backend,
			    p[i].on_client, p[i].cells);
	}
	free(p);
	if (report_placement_note(res, note, sizeof note))
		strbuf_addf(out, "; %s", note);
}
