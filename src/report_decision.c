/*
 * report_decision.c - the decision every report opens with
 *
 * Per backend, which strategy to use and why, from the run's own cells and
 * isolation verdicts: cost per test weighed against the scenarios each
 * strategy isolates.  The rule, in order:
 *
 *   lead      the cheapest strategy by median overhead per test;
 *   steps     the strategies, by cost, that isolate more scenarios than
 *             every cheaper one (what more isolation costs);
 *   pick      the step isolating the most whose mean time a test is at
 *             most DECISION_SLOWDOWN times the lead's, else the lead:
 *             isolation wins while it costs little of the suite's time,
 *             and beyond that the reader is shown its price.
 *
 * Scenarios that fail under every strategy are named apart: no choice of
 * strategy helps with them.  Without validation (--no-validate) the
 * decision is the cheapest strategy and says that isolation was not
 * checked; a validate report (nothing timed) names the strategy that
 * isolates the most.  Every writer prints the same sentences.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xmalloc.h"

/* A better-isolating strategy is picked up to this much more test time. */
#define DECISION_SLOWDOWN 1.25

/* One strategy of a backend as the decision sees it. */
struct choice {
	const struct cell *cell; /* NULL in a validate report */
	const char *strategy;
	size_t isolated;	 /* scenarios isolated */
	size_t applicable;	 /* scenarios that applied */
};

/* 1 when the 95% CIs of two cells' overhead overlap. */
static int
ci_overlap(const struct cell *a, const struct cell *b)
{
	const struct stats *x = &a->suite_overhead_stats;
	const struct stats *y = &b->suite_overhead_stats;

	return x->ci95_low <= y->ci95_high && y->ci95_low <= x->ci95_high;
}

static double
cost(const struct choice *c)
{
	return c->cell->suite_overhead_stats.median;
}

/* The backend's strategies: timed ones with a successful test, or all. */
static size_t
gather(const struct run_result *res, const char *backend,
    struct choice **out)
{
	const struct cell *c;
	struct choice *ch;
	size_t i, n = 0;

	*out = xcalloc(res->config.n_strategies + res->n_cells + 1,
	    sizeof **out);
	if (res->n_cells == 0) {
		for (i = 0; i < res->config.n_strategies; i++) {
			ch = &(*out)[n++];
			ch->strategy = res->config.strategies[i];
			ch->isolated = report_isolated_count(res, backend,
			    ch->strategy, &ch->applicable);
		}
		return n;
	}
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    !report_main_cell(res, c, report_base_scale(res)) ||
		    c->suite_overhead_stats.n == 0)
			continue;
		ch = &(*out)[n++];
		ch->cell = c;
		ch->strategy = c->strategy;
		ch->isolated = report_isolated_count(res, backend, c->strategy,
		    &ch->applicable);
	}
	return n;
}

/* Sort by cost, cheapest first (insertion sort: a handful of entries). */
static void
sort_by_cost(struct choice *ch, size_t n)
{
	struct choice t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = ch[i];
		for (j = i; j > 0 && cost(&ch[j - 1]) > cost(&t); j--)
			ch[j] = ch[j - 1];
		ch[j] = t;
	}
}

/* "x, y and z" */
static void
add_list_item(struct strbuf *sb, const char *item, size_t k, size_t n)
{
	if (k > 0)
		strbuf_adds(sb, k + 1 == n ? " and " : ", ");
	strbuf_adds(sb, item);
}

/*
 * The scenarios that apply on backend and fail under strategy: with
 * others_isolate set, those some other strategy isolates; else those that
 * no strategy of the run isolates.  Listed into sb; returns the count.
 */
static size_t
failing_scenarios(const struct run_result *res, const char *backend,
    const char *strategy, int others_isolate, struct strbuf *sb)
{
	const struct validation *v, *w;
	const char **ids;
	size_t i, s, n = 0;
	int someone;

	ids = xcalloc(res->n_scenarios + 1, sizeof *ids);
	for (i = 0; i < res->n_scenarios; i++) {
		v = report_find_validation(res, backend, strategy,
		    res->scenarios[i].id);
		if (v == NULL || v->verdict == VERDICT_ISOLATED ||
		    v->verdict == VERDICT_NA)
			continue;
		someone = 0;
		for (s = 0; s < res->config.n_strategies; s++) {
			w = report_find_validation(res, backend,
			    res->config.strategies[s], v->scenario);
			someone |= w != NULL && w->verdict == VERDICT_ISOLATED;
		}
		if (someone == others_isolate)
			ids[n++] = v->scenario;
	}
	for (i = 0; i < n; i++)
		add_list_item(sb, ids[i], i, n);
	free(ids);
	return n;
}

/* lead, then "3 of 27 tests left the database different" (and how many
 * failed under the strategy) for a cell with state checks, or nothing. */
static int
state_clause(const struct run_result *res, const char *backend,
    const char *strategy, const char *lead, struct strbuf *sb)
{
	struct report_state_cell *cells;
	size_t i, n;
	int found = 0;

	n = report_state_cells(res, &cells);
	for (i = 0; i < n; i++) {
		if (strcmp(cells[i].backend, backend) != 0 ||
		    strcmp(cells[i].strategy, strategy) != 0)
			continue;
		strbuf_addf(sb, "%s%s", lead, cells[i].sentence);
		found = 1;
		break;
	}
	free(cells);
	return found;
}

/* The decision for a validate report: the strategy isolating the most. */
static void
decide_isolation_only(const struct run_result *res, const char *backend,
    struct choice *ch, size_t n, struct strbuf *sb)
{
	const struct choice *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (ch[i].applicable > 0 &&
		    (best == NULL || ch[i].isolated > best->isolated))
			best = &ch[i];
	if (best == NULL)
		return;
	strbuf_addf(sb,
	    "%s: %s isolates the most, %zu of the %zu scenarios that apply",
	    backend, best->strategy, best->isolated, best->applicable);
	(void)state_clause(res, backend, best->strategy, "; its state checks: ",
	    sb);
	strbuf_adds(sb, "; costs were not measured (a run without validate "
	                "measures them).");
}

static double
test_time(const struct choice *c)
{
	return c->cell->stats[SERIES_PER_TEST].mean;
}

/* What the pick costs: "1.28 µs a test, the cheapest" */
static void
cost_clause(const struct choice *pick, const struct choice *cheapest,
    struct strbuf *sb)
{
	char a[32], ratio[32];

	report_format_ns(a, sizeof a, cost(pick));
	strbuf_addf(sb, "%s a test", a);
	if (pick == cheapest) {
		strbuf_adds(sb, ", the cheapest");
		return;
	}
	report_format_count(ratio, sizeof ratio, cost(pick) / cost(cheapest));
	if (ci_overlap(pick->cell, cheapest->cell))
		strbuf_addf(sb, ", the same as %s within the 95%% CIs",
		    cheapest->strategy);
	else
		strbuf_addf(sb, ", %sx the cheapest, %s", ratio,
		    cheapest->strategy);
}

/* The strategies isolating more than every cheaper one, after from. */
static void
steps_clause(const struct choice *ch, size_t n, size_t from, int short_form,
    struct strbuf *sb)
{
	size_t i, k = 0, top = ch[from].isolated, count = 0;
	char a[32], ratio[32];

	for (i = 0; i < n; i++)
		if (cost(&ch[i]) > cost(&ch[from]) && ch[i].isolated > top) {
			top = ch[i].isolated;
			count++;
		}
	if (count == 0)
		return;
	strbuf_adds(sb, short_form ? "; " : " More isolation costs more: ");
	top = ch[from].isolated;
	for (i = 0; i < n; i++) {
		if (!(cost(&ch[i]) > cost(&ch[from])) || ch[i].isolated <= top)
			continue;
		top = ch[i].isolated;
		report_format_ns(a, sizeof a, cost(&ch[i]));
		report_format_count(ratio, sizeof ratio,
		    cost(&ch[i]) / cost(&ch[from]));
		if (k > 0)
			strbuf_adds(sb, ", ");
		strbuf_addf(sb, "%s%s %zu at %s (%sx)", ch[i].strategy,
		    k == 0 ? " isolates" : "", ch[i].isolated, a, ratio);
		k++;
	}
	if (!short_form)
		strbuf_addc(sb, '.');
}

/* The picked strategy's isolation, for a run that validated. */
static void
isolation_sentence(const struct run_result *res, const char *backend,
    const struct choice *pick, const struct choice *lead, struct strbuf *sb)
{
	struct strbuf ids;
	size_t k;

	strbuf_init(&ids);
	strbuf_addf(sb, " It isolates %zu of the %zu scenarios that apply",
	    pick->isolated, pick->applicable);
	if (pick != lead)
		strbuf_addf(sb, " (%s isolates %zu; a test takes %.2gx as "
		                "long)",
		    lead->strategy, lead->isolated,
		    test_time(pick) / test_time(lead));
	k = failing_scenarios(res, backend, pick->strategy, 1, &ids);
	if (k > 0)
		strbuf_addf(sb, " and fails %zu that %s isolate%s: %s",
		    k, k == 1 ? "another strategy" : "others", k == 1 ? "s" : "",
		    ids.buf);
	else
		strbuf_adds(sb, ", as many as any strategy");
	(void)state_clause(res, backend, pick->strategy, "; its state checks: ",
	    sb);
	if (pick->cell->failed > 0)
		strbuf_addf(sb, "; %zu of its %zu tests failed",
		    pick->cell->failed, pick->cell->tests_run);
	strbuf_addc(sb, '.');
	strbuf_reset(&ids);
	k = failing_scenarios(res, backend, pick->strategy, 0, &ids);
	if (k > 0)
		strbuf_addf(sb, " %s %s under every strategy (see %s "
		                "mitigation%s).",
		    ids.buf, k == 1 ? "fails" : "fail", k == 1 ? "its" : "their",
		    k == 1 ? "" : "s");
	strbuf_fini(&ids);
}

/* Pick the strategy for one backend of a run that timed it. */
static size_t
find_pick(const struct choice *ch, size_t n, size_t lead)
{
	size_t i, pick = lead;

	for (i = 0; i < n; i++)
		if (ch[i].isolated > ch[pick].isolated &&
		    test_time(&ch[i]) <= DECISION_SLOWDOWN * test_time(&ch[lead]))
			pick = i;
	return pick;
}

/*
 * The decision for one backend into sb (nothing when nothing was
 * measured); short_form: the one line of a run with several backends.
 */
static void
decide_backend(const struct run_result *res, const char *backend,
    int short_form, struct strbuf *sb)
{
	struct choice *ch;
	size_t n, lead, pick;
	char a[32];

	n = gather(res, backend, &ch);
	if (n == 0) {
		free(ch);
		return;
	}
	if (res->n_cells == 0) {
		decide_isolation_only(res, backend, ch, n, sb);
		free(ch);
		return;
	}
	sort_by_cost(ch, n);
	lead = 0;
	pick = ch[lead].applicable > 0 ? find_pick(ch, n, lead) : lead;
	strbuf_addf(sb, "%s: use %s, ", backend, ch[pick].strategy);
	if (short_form) {
		report_format_ns(a, sizeof a, cost(&ch[pick]));
		strbuf_addf(sb, "%s a test", a);
		if (ch[pick].applicable > 0)
			strbuf_addf(sb, ", isolates %zu of %zu scenarios",
			    ch[pick].isolated, ch[pick].applicable);
		else
			strbuf_adds(sb, ", isolation not checked");
		steps_clause(ch, n, pick, 1, sb);
		strbuf_addc(sb, '.');
		free(ch);
		return;
	}
	cost_clause(&ch[pick], &ch[0], sb);
	if (pick == 0 && lead == 0 && n > 1 && ci_overlap(ch[1].cell,
	    ch[0].cell))
		strbuf_addf(sb, "; %s costs the same within the 95%% CIs",
		    ch[1].strategy);
	strbuf_addc(sb, '.');
	if (ch[lead].applicable == 0) {
		strbuf_adds(sb, " Isolation was not checked (--no-validate): "
		                "run dbbench validate before relying on it.");
		if (state_clause(res, backend, ch[pick].strategy,
		    " Its state checks: ", sb))
			strbuf_addc(sb, '.');
		free(ch);
		return;
	}
	isolation_sentence(res, backend, &ch[pick], &ch[lead], sb);
	steps_clause(ch, n, pick, 0, sb);
	free(ch);
}

/*
 * The decision: for one backend a few sentences, for several one line a
 * backend and one on the isolation that differs between them.  Plain
 * text; the caller frees with report_free_lines().
 */
char **
report_decision(const struct run_result *res, size_t *n)
{
	struct migration_risk *risks;
	struct strbuf sb;
	char **lines = NULL;
	size_t b, k;

	*n = 0;
	strbuf_init(&sb);
	for (b = 0; b < res->n_backends; b++) {
		decide_backend(res, res->backends[b].name, res->n_backends > 1,
		    &sb);
		if (sb.len == 0)
			continue;
		lines = xreallocarray(lines, *n + 1, sizeof *lines);
		lines[(*n)++] = strbuf_detach(&sb);
		strbuf_init(&sb);
	}
	if (res->n_backends > 1 && res->n_validations > 0) {
		k = report_migration_risks(res, &risks);
		free(risks);
		strbuf_addf(&sb, "migration: %zu (scenario, strategy) verdict%s "
		                 "differ%s between %s and %s (migration risks "
		                 "below).",
		    k, k == 1 ? "" : "s", k == 1 ? "s" : "",
		    res->backends[0].name,
		    res->n_backends > 2 ? "the other backends"
		                        : res->backends[1].name);
		lines = xreallocarray(lines, *n + 1, sizeof *lines);
		lines[(*n)++] = strbuf_detach(&sb);
		strbuf_init(&sb);
	}
	strbuf_fini(&sb);
	return lines;
}
