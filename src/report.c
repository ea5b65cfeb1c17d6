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

#include "report.h"
#include "strbuf.h"
#include "xmalloc.h"

const struct report_ops *
report_for_format(enum report_format format)
{
	switch (format) {
	case FORMAT_JSON:
		return &report_json_ops;
	case FORMAT_TEXT:
		break;
	}
	return &report_text_ops;
}

/* The cell of backend with the lowest median overhead, or NULL. */
const struct cell *
report_cheapest_cell(const struct run_result *res, const char *backend)
{
	const struct cell *best = NULL, *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
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
    const char *strategy)
{
	size_t i;

	for (i = 0; i < res->n_cells; i++)
		if (strcmp(res->cells[i].backend, backend) == 0 &&
		    strcmp(res->cells[i].strategy, strategy) == 0)
			return &res->cells[i];
	return NULL;
}

/*
 * One row per strategy measured on the first backend and on another one,
 * with numbers on both.  *rows is the caller's to free; returns the count.
 */
size_t
report_migration_rows(const struct run_result *res,
    struct migration_row **rows)
{
	const struct cell *from, *to;
	struct migration_row *r;
	size_t b, i, n = 0;

	*rows = NULL;
	for (b = 1; b < res->n_backends; b++)
		for (i = 0; i < res->n_cells; i++) {
			from = &res->cells[i];
			if (strcmp(from->backend, res->backends[0].name) != 0)
				continue;
			to = find_cell(res, res->backends[b].name,
			    from->strategy);
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

static const struct validation *
find_validation(const struct run_result *res, const char *backend,
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
			to = find_validation(res, res->backends[b].name,
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

/* Findings for one backend. */
static void
recommend_backend(const struct run_result *res, const char *backend,
    char ***lines, size_t *n, struct strbuf *sb)
{
	const struct cell *best, *c;
	char a[32], b[32], d[32], e[32], ratio[32];
	size_t i;

	best = report_cheapest_cell(res, backend);
	if (best == NULL)
		return;
	report_format_ns(a, sizeof a, best->suite_overhead_stats.median);
	report_format_ns(b, sizeof b, report_suite_overhead_ns(res, best));
	report_format_ns(d, sizeof d,
	    best->stats[SERIES_SESSION_SETUP].median);
	strbuf_addf(sb,
	    "%s: %s is the cheapest strategy, %s of fixture overhead per test "
	    "(%.1f%% of test time); over %u tests that is %s, plus %s of "
	    "session setup once.",
	    backend, best->strategy, a, 100 * report_overhead_share(best),
	    res->config.tests, b, d);
	add_line(lines, n, sb);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c == best || strcmp(c->backend, backend) != 0 ||
		    c->suite_overhead_stats.n == 0)
			continue;
		report_format_ns(a, sizeof a, c->suite_overhead_stats.median);
		report_format_ns(d, sizeof d,
		    report_suite_overhead_ns(res, c));
		report_format_ns(e, sizeof e,
		    report_suite_overhead_ns(res, best));
		if (overlap(c, best)) {
			strbuf_addf(sb,
			    "%s: %s costs %s per test, the same as %s within "
			    "the 95%% confidence intervals.",
			    backend, c->strategy, a, best->strategy);
		} else {
			report_format_count(ratio, sizeof ratio,
			    c->suite_overhead_stats.median /
				best->suite_overhead_stats.median);
			strbuf_addf(sb,
			    "%s: %s costs %s per test, %sx %s; over %u tests "
			    "that is %s against %s.",
			    backend, c->strategy, a, ratio, best->strategy,
			    res->config.tests, d, e);
		}
		add_line(lines, n, sb);
		if (report_overhead_share(c) >= 0.5) {
			strbuf_addf(sb,
			    "%s: under %s the fixture is %.0f%% of test time: "
			    "the suite spends more time building databases "
			    "than testing.",
			    backend, c->strategy,
			    100 * report_overhead_share(c));
			add_line(lines, n, sb);
		}
	}
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
			isolated = report_isolated_count(res,
			    res->backends[b].name, res->config.strategies[s],
			    &applicable);
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
		strbuf_adds(sb, "; the mitigations above say how to live with "
				"the rest.");
		add_line(lines, n, sb);
	}
}

/* Per cell with a leaking test: which tests. */
static void
recommend_state(const struct run_result *res, char ***lines, size_t *n,
    struct strbuf *sb)
{
	const struct state_check *c, *d;
	size_t i, j, checked, leaked;

	for (i = 0; i < res->n_state_checks; i++) {
		c = &res->state_checks[i];
		for (j = 0; j < i; j++)
			if (strcmp(res->state_checks[j].backend, c->backend) ==
				0 &&
			    strcmp(res->state_checks[j].strategy,
				c->strategy) == 0)
				break;
		if (j < i)
			continue; /* the cell was summed up already */
		checked = leaked = 0;
		for (j = i; j < res->n_state_checks; j++) {
			d = &res->state_checks[j];
			if (strcmp(d->backend, c->backend) != 0 ||
			    strcmp(d->strategy, c->strategy) != 0)
				continue;
			checked++;
			leaked += d->leaked;
		}
		if (leaked == 0)
			continue;
		strbuf_addf(sb, "%s %s: %zu of %zu tests left the database "
				"different:",
		    c->backend, c->strategy, leaked, checked);
		for (j = i; j < res->n_state_checks; j++) {
			d = &res->state_checks[j];
			if (d->leaked && strcmp(d->backend, c->backend) == 0 &&
			    strcmp(d->strategy, c->strategy) == 0)
				strbuf_addf(sb, "%s %s",
				    sb->buf[sb->len - 1] == ':' ? "" : ",",
				    d->test);
		}
		strbuf_addf(sb, "; the tests after %s start from other data.",
		    leaked == 1 ? "it" : "them");
		add_line(lines, n, sb);
	}
}

/*
 * The sentences printed under "recommendations" in every format.  Each one
 * quotes figures from res.  The caller frees with report_free_lines().
 */
char **
report_recommendations(const struct run_result *res, size_t *n)
{
	const struct cell *c;
	struct strbuf sb;
	char **lines = NULL;
	size_t i, j, failed;

	*n = 0;
	strbuf_init(&sb);
	for (i = 0; i < res->n_backends; i++)
		recommend_backend(res, res->backends[i].name, &lines, n, &sb);
	recommend_migration(res, &lines, n, &sb);
	recommend_isolation(res, &lines, n, &sb);
	recommend_state(res, &lines, n, &sb);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (res->config.rounds == 0 && !c->converged) {
			strbuf_addf(&sb,
			    "%s %s: the overhead's 95%% CI is \xc2\xb1%.1f%% of "
			    "the median, short of the %.1f%% target after %u "
			    "rounds; give --max-time more than %g s for a "
			    "firmer figure.",
			    c->backend, c->strategy, 100 * c->ci_rel,
			    100 * res->config.target_ci, c->rounds,
			    res->config.max_time);
			add_line(&lines, n, &sb);
		}
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

void
report_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
