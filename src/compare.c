/*
 * compare.c - matching two runs' cells and judging each change
 *
 * Which samples the test uses: the per-round suite overhead per test (one
 * value a round, struct cell.suite_overhead), the series whose median is
 * the headline figure.  Rounds are the run's independent replicates: each
 * is a whole suite run in its own session, interleaved with the other
 * cells in shuffled order.  The single tests of one round are not
 * independent of each other (one connection, one cache, one growing
 * table), and they mix cheap and dear bodies, so a test over thousands of
 * them would find "significant" differences of a few nanoseconds and
 * claim far more certainty than the runs hold.  The price: with few rounds
 * the test cannot reach p < 0.05 at all (three rounds against three give
 * p = 0.08 at best, four against four 0.03), so a comparison wants ten
 * rounds or more a side, as adaptive runs always have.  A cell whose round
 * counts cannot reach p < 0.05 at all gets "not enough data", never "no
 * significant change": the test could not have said otherwise.
 *
 * When both runs were measured by several processes (replicate.h), the
 * rounds of one process are not independent either: they share its
 * address-space layout and the machine's state while it ran, and a cheap
 * cell has up to 20 of them.  Then the test compares the processes'
 * medians, one value a process, as the cell's interval is built from
 * them: counting rounds as replicates raised false alarms between two
 * runs of the same build on PostgreSQL (doc/performance.md).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "xmalloc.h"

const char *
compare_verdict_name(enum compare_verdict verdict)
{
	switch (verdict) {
	case VERDICT_REGRESSION:
		return "regression";
	case VERDICT_IMPROVEMENT:
		return "improvement";
	case VERDICT_WITHIN:
		return "within threshold";
	case VERDICT_NO_DATA:
		return "no data";
	case VERDICT_TOO_FEW:
		return "not enough data";
	case VERDICT_SAME:
		break;
	}
	return "no significant change";
}

/* "sqlite rollback", or "sqlite rollback (4 workers, static)". */
void
compare_cell_name(char *buf, size_t len, const struct cell *c)
{
	if (c->workers == 1 && strcmp(c->pool, "per-worker") == 0)
		snprintf(buf, len, "%s %s", c->backend, c->strategy);
	else
		snprintf(buf, len, "%s %s (%u worker%s, %s)", c->backend,
		    c->strategy, c->workers, c->workers == 1 ? "" : "s",
		    c->pool);
}

static const struct cell *
find_match(const struct run_result *res, const struct cell *c)
{
	const struct cell *d;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		d = &res->cells[i];
		if (strcmp(d->backend, c->backend) == 0 &&
		    strcmp(d->strategy, c->strategy) == 0 &&
		    d->workers == c->workers && strcmp(d->pool, c->pool) == 0)
			return d;
	}
	return NULL;
}

/*
 * The smallest p-value the test can give for na rounds against nb: that of
 * two samples that do not overlap at all, computed by the same test.
 */
static double
min_p_value(size_t na, size_t nb)
{
	int64_t *v;
	double p;
	size_t i;

	v = xcalloc(na + nb, sizeof *v);
	for (i = 0; i < na + nb; i++)
		v[i] = (int64_t)i;
	p = stats_mann_whitney_p(v, na, v + na, nb);
	free(v);
	return p;
}

/* Whether c holds a record of several processes that adds up. */
static int
by_processes(const struct cell *c)
{
	int64_t total = 0;
	size_t g;

	for (g = 0; g < c->rep_rounds.n; g++)
		total += c->rep_rounds.v[g];
	return c->rep_rounds.n >= 2 && total == (int64_t)c->suite_overhead.n;
}

/* How many processes of c ran the cell (those that added rounds). */
static size_t
process_count(const struct cell *c)
{
	size_t g, n = 0;

	for (g = 0; g < c->rep_rounds.n; g++)
		n += c->rep_rounds.v[g] > 0;
	return n;
}

/* One value a process: the median of its rounds' suite overhead. */
static void
process_medians(const struct cell *c, struct sample_vec *out)
{
	struct stats gs;
	size_t g, off = 0, n;

	memset(out, 0, sizeof *out);
	for (g = 0; g < c->rep_rounds.n; g++) {
		n = (size_t)c->rep_rounds.v[g];
		if (n == 0)
			continue;
		stats_summarize(c->suite_overhead.v + off, n, &gs);
		off += n;
		sample_vec_push(out, (int64_t)(gs.median + 0.5));
	}
}

/* The Mann-Whitney p of a change: over processes or over rounds. */
static double
change_p(const struct cell *before, const struct cell *after)
{
	struct sample_vec a, b;
	double p;

	if (!by_processes(before) || !by_processes(after))
		return stats_mann_whitney_p(before->suite_overhead.v,
		    before->suite_overhead.n, after->suite_overhead.v,
		    after->suite_overhead.n);
	process_medians(before, &a);
	process_medians(after, &b);
	p = stats_mann_whitney_p(a.v, a.n, b.v, b.n);
	sample_vec_fini(&a);
	sample_vec_fini(&b);
	return p;
}

/* What change_p() compares for r, and the smallest p it could give:
 * processes' medians when both runs have them, rounds otherwise. */
static void
change_units(struct compare_row *r)
{
	r->over_processes = by_processes(r->before) && by_processes(r->after);
	r->before_n = r->over_processes ? process_count(r->before)
					: r->before->suite_overhead.n;
	r->after_n = r->over_processes ? process_count(r->after)
				       : r->after->suite_overhead.n;
	r->min_p = min_p_value(r->before_n, r->after_n);
}

static void
judge(struct compare_row *r, double threshold)
{
	const struct sample_vec *a = &r->before->suite_overhead;
	const struct sample_vec *b = &r->after->suite_overhead;

	r->before_overhead = r->before->suite_overhead_stats.median;
	r->after_overhead = r->after->suite_overhead_stats.median;
	r->before_per_test = r->before->stats[SERIES_PER_TEST].median;
	r->after_per_test = r->after->stats[SERIES_PER_TEST].median;
	r->per_test_change = r->before_per_test > 0
	    ? r->after_per_test / r->before_per_test - 1
	    : 0;
	if (a->n == 0 || b->n == 0 || !(r->before_overhead > 0)) {
		r->overhead_change = 0;
		r->p = 1;
		r->min_p = 1;
		r->verdict = VERDICT_NO_DATA;
		return;
	}
	r->overhead_change = r->after_overhead / r->before_overhead - 1;
	r->p = change_p(r->before, r->after);
	change_units(r);
	if (!(r->min_p < COMPARE_ALPHA))
		r->verdict = VERDICT_TOO_FEW;
	else if (r->p < COMPARE_ALPHA && r->overhead_change > threshold)
		r->verdict = VERDICT_REGRESSION;
	else if (r->p < COMPARE_ALPHA && r->overhead_change < -threshold)
		r->verdict = VERDICT_IMPROVEMENT;
	else if (r->p < COMPARE_ALPHA)
		r->verdict = VERDICT_WITHIN;
	else
		r->verdict = VERDICT_SAME;
}

static void
warn(struct comparison *cmp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(struct comparison *cmp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xstrv_addv(&cmp->warnings, &cmp->n_warnings, DB_ERROR_MSG_MAX, fmt,
	    ap);
	va_end(ap);
}

static const char *
setting_of(const struct backend_info *info, const char *name)
{
	size_t i;

	for (i = 0; i < info->n_settings; i++)
		if (strcmp(info->settings[i].name, name) == 0)
			return info->settings[i].value;
	return NULL;
}

/* Differences in what was measured on, one warning each. */
static void
compare_setups(struct comparison *cmp)
{
	const struct run_result *a = cmp->before, *b = cmp->after;
	const struct backend_info *x, *y;
	const char *v, *bn = cmp->before_name, *an = cmp->after_name;
	size_t i, j, k;

	if (strcmp(a->config.workload, b->config.workload) != 0)
		warn(cmp, "the workload differs: %s in %s, %s in %s",
		    a->config.workload, bn, b->config.workload, an);
	if (a->config.tests != b->config.tests)
		warn(cmp, "the suite size differs: %u tests in %s, %u in %s",
		    a->config.tests, bn, b->config.tests, an);
	if (strcmp(a->host_cpu, b->host_cpu) != 0 ||
	    a->host_cores != b->host_cores)
		warn(cmp, "the host differs: %s, %u cores in %s; %s, %u cores "
			  "in %s",
		    a->host_cpu, a->host_cores, bn, b->host_cpu, b->host_cores,
		    an);
	for (i = 0; i < a->n_backends; i++)
		for (j = 0; j < b->n_backends; j++) {
			if (strcmp(a->backends[i].name, b->backends[j].name) !=
			    0)
				continue;
			x = &a->backends[i].info;
			y = &b->backends[j].info;
			if (strcmp(x->version != NULL ? x->version : "",
				y->version != NULL ? y->version : "") != 0)
				warn(cmp, "%s version differs: %s in %s, %s in "
					  "%s",
				    a->backends[i].name, x->version, bn,
				    y->version, an);
			for (k = 0; k < x->n_settings; k++) {
				v = setting_of(y, x->settings[k].name);
				if (v == NULL)
					warn(cmp, "%s setting %s: %s in %s, not "
						  "recorded in %s",
					    a->backends[i].name,
					    x->settings[k].name,
					    x->settings[k].value, bn, an);
				else if (strcmp(v, x->settings[k].value) != 0)
					warn(cmp, "%s setting %s differs: %s in "
						  "%s, %s in %s",
					    a->backends[i].name,
					    x->settings[k].name,
					    x->settings[k].value, bn, v, an);
			}
			for (k = 0; k < y->n_settings; k++)
				if (setting_of(x, y->settings[k].name) == NULL)
					warn(cmp, "%s setting %s: not recorded "
						  "in %s, %s in %s",
					    b->backends[j].name,
					    y->settings[k].name, bn,
					    y->settings[k].value, an);
		}
}

/*
 * Compare run after with run before.  The names are for messages; the
 * runs must outlive cmp, which points into them.  threshold is relative.
 */
void
compare_runs(const struct run_result *before, const char *before_name,
    const struct run_result *after, const char *after_name,
    double threshold, struct comparison *cmp)
{
	const struct cell *c, *m;
	struct compare_row *r;
	size_t i;

	memset(cmp, 0, sizeof *cmp);
	cmp->before = before;
	cmp->after = after;
	cmp->before_name = before_name;
	cmp->after_name = after_name;
	cmp->threshold = threshold;
	for (i = 0; i < after->n_cells; i++) {
		c = &after->cells[i];
		m = find_match(before, c);
		if (m == NULL) {
			cmp->only_after = xreallocarray(cmp->only_after,
			    cmp->n_only_after + 1, sizeof *cmp->only_after);
			cmp->only_after[cmp->n_only_after++] = c;
			continue;
		}
		cmp->rows = xreallocarray(cmp->rows, cmp->n_rows + 1,
		    sizeof *cmp->rows);
		r = &cmp->rows[cmp->n_rows++];
		memset(r, 0, sizeof *r);
		r->before = m;
		r->after = c;
		judge(r, threshold);
		if (r->verdict == VERDICT_REGRESSION)
			cmp->regressions++;
		else if (r->verdict == VERDICT_IMPROVEMENT)
			cmp->improvements++;
		else if (r->verdict == VERDICT_TOO_FEW)
			cmp->too_few++;
	}
	for (i = 0; i < before->n_cells; i++) {
		c = &before->cells[i];
		if (find_match(after, c) != NULL)
			continue;
		cmp->only_before = xreallocarray(cmp->only_before,
		    cmp->n_only_before + 1, sizeof *cmp->only_before);
		cmp->only_before[cmp->n_only_before++] = c;
	}
	compare_setups(cmp);
}

void
compare_fini(struct comparison *cmp)
{
	size_t i;

	for (i = 0; i < cmp->n_warnings; i++)
		free(cmp->warnings[i]);
	free(cmp->warnings);
	free(cmp->rows);
	free(cmp->only_before);
	free(cmp->only_after);
	memset(cmp, 0, sizeof *cmp);
}
