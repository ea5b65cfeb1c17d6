/*
 * report_text.c - the report for people: tables and plain sentences
 *
 * One table per backend with a row per strategy, the migration comparison,
 * then the isolation matrix per backend (scenario x strategy) with a
 * legend, what the cells that went wrong observed (every cell in a
 * validate report), a mitigation per scenario that went wrong, the
 * isolation that differs between backends, the state checks, how much was
 * measured, failures, and the recommendations.  Medians are shown for each
 * phase; the overhead carries its 95% confidence interval.  With colour
 * (--color), the cheapest strategy of each backend is green, a CI short of
 * its target yellow and the failures heading red; nothing else changes, so
 * the columns line up either way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "drift.h"
#include "report.h"
#include "scaling.h"

/* The text report's lines are broken to fit this many columns. */
#define REPORT_TEXT_WIDTH 100

/*
 * Append s left-aligned (or right-aligned) in width columns, counting a
 * UTF-8 sequence as one column, in the ANSI style given (NULL: none); the
 * padding is never styled.
 */
static void
cell_styled(struct strbuf *out, const char *s, size_t width, int right,
    const char *style)
{
	size_t cols = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			cols++;
	if (right && cols < width)
		strbuf_pad(out, ' ', width - cols);
	if (style != NULL)
		strbuf_adds(out, style);
	strbuf_adds(out, s);
	if (style != NULL)
		strbuf_adds(out, REPORT_ANSI_RESET);
	if (!right && cols < width)
		strbuf_pad(out, ' ', width - cols);
}

static void
cell_text(struct strbuf *out, const char *s, size_t width, int right)
{
	cell_styled(out, s, width, right, NULL);
}

/* s in style when colour is on. */
static void
styled(struct strbuf *out, int color, const char *style, const char *s)
{
	cell_styled(out, s, 0, 0, color ? style : NULL);
}

/* Columns of a UTF-8 string's first len bytes. */
static size_t
columns(const char *s, size_t len)
{
	size_t i, cols = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return cols;
}

/*
 * Append text as lines of at most REPORT_TEXT_WIDTH columns, broken at
 * spaces: the first after first, the others after indent.  A word longer
 * than a line stays whole.
 */
static void
wrap(struct strbuf *out, const char *first, const char *indent,
    const char *text)
{
	const char *p = text, *end, *brk;
	size_t width, lead;

	lead = columns(first, strlen(first));
	strbuf_adds(out, first);
	while (*p != '\0') {
		width = lead < REPORT_TEXT_WIDTH ? REPORT_TEXT_WIDTH - lead : 1;
		end = p;
		brk = NULL;
		while (*end != '\0' && columns(p, (size_t)(end - p)) < width) {
			if (*end == ' ')
				brk = end;
			end++;
		}
		if (*end == ' ' || *end == '\0')
			brk = end;
		if (brk == NULL)
			for (brk = end; *brk != '\0' && *brk != ' '; brk++)
				;
		strbuf_add(out, p, (size_t)(brk - p));
		strbuf_addc(out, '\n');
		p = brk;
		while (*p == ' ')
			p++;
		if (*p != '\0') {
			strbuf_adds(out, indent);
			lead = columns(indent, strlen(indent));
		}
	}
}

/* The first line: what ran, on which workload. */
static void
write_title(const struct run_result *res, struct strbuf *out)
{
	if (res->config.benchmark || res->n_cells > 0)
		strbuf_addf(out,
		    "dbbench %s: workload '%s', %u test bodies, "
		    "suite of %u tests a round\n",
		    res->tool_version, res->config.workload,
		    res->config.workload_tests, res->config.tests);
	else
		strbuf_addf(out,
		    "dbbench %s validate: workload '%s', %u test "
		    "bodies\n",
		    res->tool_version, res->config.workload,
		    res->config.workload_tests);
}

/* The host, the clock, each backend's settings and the placement. */
static void
write_context(const struct run_result *res, struct strbuf *out)
{
	const struct backend_result *b;
	struct strbuf line;
	char cost[32], floor[32], res_ns[32];
	size_t i, j;

	strbuf_init(&line);
	strbuf_addc(out, '\n');
	strbuf_addf(&line, "host: %s, %u cores, %s", res->host_cpu,
	    res->host_cores, res->host_os);
	strbuf_addf(out, "%s\n", line.buf);
	report_format_ns(cost, sizeof cost, res->timer_cost_ns);
	report_format_ns(floor, sizeof floor, res->harness_floor_ns);
	report_format_ns(res_ns, sizeof res_ns, res->timer_resolution_ns);
	if (res->n_cells > 0) {
		strbuf_reset(&line);
		strbuf_addf(&line,
		    "clock: CLOCK_MONOTONIC, resolution %s, %s a reading; "
		    "harness floor %s a test (included)",
		    res_ns, cost, floor);
		strbuf_addf(out, "%s\n", line.buf);
	}
	for (i = 0; i < res->n_backends; i++) {
		b = &res->backends[i];
		strbuf_reset(&line);
		strbuf_addf(&line, "%s %s:", b->name,
		    b->info.version != NULL ? b->info.version : "");
		for (j = 0; j < b->info.n_settings; j++)
			strbuf_addf(&line, "%s %s=%s", j > 0 ? "," : "",
			    b->info.settings[j].name,
			    b->info.settings[j].value);
		strbuf_addf(out, "%s\n", line.buf);
	}
	if (res->n_cells > 0) {
		strbuf_reset(&line);
		strbuf_adds(&line, "placement: ");
		report_placement(res, &line);
		strbuf_addf(out, "%s\n", line.buf);
	}
	strbuf_fini(&line);
}

/* The decision, first: which strategy, at what cost, isolating what. */
static void
write_decision(const struct run_result *res, struct strbuf *out)
{
	char **lines;
	size_t i, n;

	lines = report_decision(res, &n);
	if (n > 0)
		strbuf_adds(out, "\ndecision\n");
	for (i = 0; i < n; i++)
		wrap(out, "  ", "    ", lines[i]);
	report_free_lines(lines, n);
}

static void
write_backend_table(const struct run_result *res, const char *backend,
    unsigned scale, int color, struct strbuf *out)
{
	const struct cell *best, *c;
	struct report_row row;
	char buf[96], suite[40];
	const char *style;
	size_t i;

	best = report_cheapest_cell(res, backend, scale);
	if (best == NULL)
		return;
	snprintf(suite, sizeof suite, "suite (%u)", res->config.tests);
	strbuf_addf(out,
	    "\n%s: setup, body, teardown = median of single tests; overhead = "
	    "test setup + teardown\nper test over a suite run, median of "
	    "rounds with its 95%% CI; suite = tests x overhead\n",
	    backend);
	if (res->config.n_seed_scales > 1) {
		report_format_count(buf, sizeof buf, (double)best->seed_rows);
		strbuf_addf(out, "seed x%u: %s rows\n", scale, buf);
	}
	if (res->config.n_workers > 1)
		strbuf_addf(out,
		    "%u worker%s (other counts: see workers "
		    "below)\n",
		    report_base_workers(res),
		    report_base_workers(res) == 1 ? "" : "s");
	cell_text(out, "strategy", 10, 0);
	cell_text(out, "setup", 10, 1);
	cell_text(out, "body", 10, 1);
	cell_text(out, "teardown", 10, 1);
	cell_text(out, "overhead", 11, 1);
	cell_text(out, "  95% CI", 21, 0);
	cell_text(out, "share", 6, 1);
	cell_text(out, suite, 12, 1);
	cell_text(out, "vs best", 8, 1);
	strbuf_addc(out, '\n');
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    !report_main_cell(res, c, scale))
			continue;
		style = color && c == best ? REPORT_ANSI_GOOD : NULL;
		cell_styled(out, c->strategy, 10, 0, style);
		if (c->suite_overhead_stats.n == 0) {
			strbuf_adds(out, "  no successful test\n");
			continue;
		}
		report_row_figures(res, c, &row);
		cell_text(out, row.col[REPORT_COL_SETUP], 10, 1);
		cell_text(out, row.col[REPORT_COL_BODY], 10, 1);
		cell_text(out, row.col[REPORT_COL_TEARDOWN], 10, 1);
		cell_styled(out, row.col[REPORT_COL_OVERHEAD], 11, 1, style);
		strbuf_adds(out, "  ");
		cell_styled(out, row.col[REPORT_COL_CI], 19, 0,
		    color && res->config.rounds == 0 && !c->converged
		        ? REPORT_ANSI_WARN
		        : NULL);
		cell_text(out, row.col[REPORT_COL_SHARE], 6, 1);
		cell_text(out, row.col[REPORT_COL_SUITE], 12, 1);
		cell_text(out, row.col[REPORT_COL_VS_BEST], 8, 1);
		strbuf_addc(out, '\n');
	}
}

/* "93 rounds" or "90 to 93 rounds": a range over the cells. */
static void
add_range(struct strbuf *sb, const char *prefix, double lo, double hi,
    int decimals, const char *suffix)
{
	strbuf_addf(sb, "%s%.*f", prefix, decimals, lo);
	if (lo != hi)
		strbuf_addf(sb, "%s to %.*f", suffix[0] == '%' ? "%" : "",
		    decimals, hi);
	strbuf_adds(sb, suffix);
}

/* "1,647 tests timed" or "1,600 to 1,647 tests timed". */
static void
add_count_range(struct strbuf *sb, const char *prefix, double lo, double hi,
    const char *suffix)
{
	char a[32], b[32];

	report_format_count(a, sizeof a, lo);
	report_format_count(b, sizeof b, hi);
	if (lo == hi)
		strbuf_addf(sb, "%s%s%s", prefix, a, suffix);
	else
		strbuf_addf(sb, "%s%s to %s%s", prefix, a, b, suffix);
}

/* How much each cell was measured, as ranges over the cells. */
static void
write_measurement_summary(const struct run_result *res, struct strbuf *out)
{
	const struct cell *c;
	struct strbuf line;
	double r[2] = { 0, 0 }, t[2] = { 0, 0 }, o[2] = { 0, 0 }, v;
	size_t i, n = 0;

	for (i = 0; i < res->n_cells; i++, n++) {
		c = &res->cells[i];
		v = c->stats[SERIES_OVERHEAD].n > 0
		        ? 100.0 * (double)c->stats[SERIES_OVERHEAD].outliers /
		              (double)c->stats[SERIES_OVERHEAD].n
		        : 0.0;
		if (n == 0 || c->rounds < r[0])
			r[0] = c->rounds;
		if (n == 0 || c->rounds > r[1])
			r[1] = c->rounds;
		if (n == 0 || (double)c->stats[SERIES_OVERHEAD].n < t[0])
			t[0] = (double)c->stats[SERIES_OVERHEAD].n;
		if (n == 0 || (double)c->stats[SERIES_OVERHEAD].n > t[1])
			t[1] = (double)c->stats[SERIES_OVERHEAD].n;
		if (n == 0 || v < o[0])
			o[0] = v;
		if (n == 0 || v > o[1])
			o[1] = v;
	}
	strbuf_init(&line);
	strbuf_adds(&line, n == 1 ? "the cell: " : "each cell: ");
	add_range(&line, "", r[0], r[1], 0, " rounds");
	add_count_range(&line, ", ", t[0], t[1], " tests timed");
	add_range(&line, "; overhead outliers ", o[0], o[1], 1, "%, kept");
	strbuf_adds(&line, " (-v: each cell's)");
	wrap(out, "  ", "  ", line.buf);
	strbuf_fini(&line);
}

/*
 * Session phases, sample counts, CI reached and outliers, per cell (with
 * -v; else as ranges).
 */
static void
write_measurement(const struct run_result *res, int color, int verbose,
    struct strbuf *out)
{
	const struct cell *c;
	struct strbuf line;
	const char *mark;
	size_t i;

	strbuf_init(&line);
	strbuf_addc(out, '\n');
	report_measured_in(res, &line);
	strbuf_addf(out, "%s\n", line.buf);
	if (!verbose) {
		strbuf_fini(&line);
		write_measurement_summary(res, out);
		return;
	}
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		strbuf_reset(&line);
		report_cell_measurement(res, c, &line);
		strbuf_adds(out, "  ");
		report_cell_label(res, c, out);
		strbuf_adds(out, ": ");
		mark = strstr(line.buf, " (short of target)");
		if (color && mark != NULL) {
			strbuf_add(out, line.buf,
			    (size_t)(mark - line.buf) + 1);
			styled(out, color, REPORT_ANSI_WARN,
			    "(short of target)");
			strbuf_adds(out, mark + strlen(" (short of target)"));
		} else {
			strbuf_adds(out, line.buf);
		}
		strbuf_addc(out, '\n');
	}
	strbuf_fini(&line);
}

static void
write_failures(const struct run_result *res, int color, struct strbuf *out)
{
	const struct failure *f;
	char head[48];
	size_t i;

	if (res->n_failures == 0)
		return;
	snprintf(head, sizeof head, "failures (%zu distinct)", res->n_failures);
	strbuf_addc(out, '\n');
	styled(out, color, REPORT_ANSI_BAD, head);
	strbuf_addc(out, '\n');
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		strbuf_addf(out, "  %s %s, %s%s%s: %s (%zu times)\n",
		    f->backend, f->strategy, f->phase,
		    f->test[0] != '\0' ? " of " : "", f->test, f->error,
		    f->count);
	}
}

/*
 * The founding report's table, per backend and strategy: configuration,
 * wall time, change against the base count, and a verdict; then the
 * fitted models.
 */
static void
write_scaling(const struct run_result *res, struct strbuf *out)
{
	struct scaling_model *m;
	const struct scaling_point *p;
	char wall[32], change[48], label[32];
	const char *verdict;
	size_t i, k, n;
	unsigned rec;

	n = scaling_analyse(res, &m);
	for (i = 0; i < n; i++) {
		strbuf_addf(out,
		    "\nworkers: %s %s, suite of %u tests (--dist "
		    "%s, %s pool)\n",
		    m[i].backend, m[i].strategy, res->config.tests,
		    res->config.chunk ? "chunk" : "load",
		    res->config.pool != NULL ? res->config.pool : "per-worker");
		strbuf_addf(out, "%-14s%12s  %-22s%s\n", "configuration",
		    "wall time", "vs sequential", "recommendation");
		for (k = 0; k < m[i].n_points; k++) {
			p = &m[i].points[k];
			snprintf(label, sizeof label, "%u worker%s", p->workers,
			    p->workers == 1 ? "" : "s");
			report_format_ns(wall, sizeof wall, p->wall_ns);
			if (k == 0)
				snprintf(change, sizeof change, "baseline");
			else
				report_change(change, sizeof change,
				    p->speedup);
			verdict = p->workers == m[i].best_measured ? "optimal"
			          : p->speedup < 1.0               ? "avoid"
			                                           : "";
			strbuf_addf(out, "%-14s", label);
			cell_text(out, wall, 12, 1);
			strbuf_addf(out, "  %-22s%s\n", change, verdict);
		}
		rec = report_scaling_prediction(res, &m[i], wall, sizeof wall);
		strbuf_addf(out,
		    "fit: Amdahl p = %.3f (SSE %.4f); USL alpha = %.4f, beta = "
		    "%.4f (SSE %.4f): %s fits better; it predicts the least "
		    "wall time at %u worker%s (%s)\n",
		    m[i].amdahl_p, m[i].amdahl_sse, m[i].usl_alpha,
		    m[i].usl_beta, m[i].usl_sse,
		    m[i].usl_better ? "USL" : "Amdahl", rec,
		    rec == 1 ? "" : "s", wall);
	}
	free(m);
}

/* The trend of per-test time over a session, for every cell analysed. */
static void
write_drift(const struct run_result *res, struct strbuf *out)
{
	struct drift *d;
	size_t i, n;

	n = drift_analyse(res, &d);
	if (n > 0)
		strbuf_addf(out,
		    "\ndrift: per-test time against the test's "
		    "place in its session (Theil-Sen over %zu "
		    "bins, Mann-Kendall p; drifting when p < %.2g and the "
		    "change over the session is %.0f%% or more)\n",
		    d[0].bins, DRIFT_ALPHA, DRIFT_MIN_PCT);
	for (i = 0; i < n; i++) {
		strbuf_adds(out, "  ");
		report_cell_label(res, d[i].cell, out);
		strbuf_addf(out,
		    ": %+.1f%% over the session of %u tests (95%% CI %+.1f%% "
		    "to %+.1f%%; %+.2f%% per 1,000 tests), p %.2g: %s\n",
		    d[i].pct_session, d[i].tests, d[i].session_ci_low,
		    d[i].session_ci_high, d[i].pct_per_1000, d[i].p,
		    d[i].significant ? "drifting" : "no trend");
	}
	free(d);
}

/* Overhead per test fitted over data size, one line per strategy. */
static void
write_cost_models(const struct run_result *res, struct strbuf *out)
{
	struct cost_model *m;
	char f[32], r[32], rows[32];
	size_t i, n;

	n = report_cost_models(res, &m);
	if (n > 0)
		strbuf_adds(out, "\ncost models: overhead per test = fixed + "
		                 "per row x seed rows (least squares)\n");
	for (i = 0; i < n; i++) {
		report_format_ns(f, sizeof f, m[i].fixed_ns);
		report_format_ns(r, sizeof r, m[i].per_row_ns);
		report_format_count(rows, sizeof rows, (double)m[i].max_rows);
		strbuf_addf(out,
		    "  %-9s %-10s fixed %10s  per row %10s  R\xc2\xb2 %.3f  "
		    "(%zu sizes, up to %s rows)\n",
		    m[i].backend, m[i].strategy, f, r, m[i].r2, m[i].points,
		    rows);
	}
	free(m);
}

/* The same strategies side by side on two backends. */
static void
write_migration(const struct run_result *res, struct strbuf *out)
{
	struct report_migration m;
	const struct failure *f;
	const struct migration_row *r;
	size_t i;

	if (report_migration(res, &m) == 0) {
		report_migration_free(&m);
		return;
	}
	r = &m.rows[0];
	strbuf_addf(out,
	    "\nmigration: %s to %s, same workload (suite of %u "
	    "tests, fixtures included)\n",
	    r->from->backend, r->to->backend, res->config.tests);
	strbuf_addf(out, "%-11s%12s%12s%9s%14s%13s%13s\n", "strategy",
	    "overhead", "overhead", "ratio", "per-test", "suite", "suite");
	strbuf_addf(out, "%-11s%12s%12s%9s%14s%13s%13s\n", "",
	    r->from->backend, r->to->backend, "", "ratio", r->from->backend,
	    r->to->backend);
	for (i = 0; i < m.n_rows; i++) {
		r = &m.rows[i];
		strbuf_addf(out, "%-11s", r->from->strategy);
		cell_text(out, r->from_overhead, 12, 1);
		cell_text(out, r->to_overhead, 12, 1);
		strbuf_addf(out, "%8sx%13sx", r->overhead_x, r->per_test_x);
		cell_text(out, r->from_suite, 13, 1);
		cell_text(out, r->to_suite, 13, 1);
		strbuf_addc(out, '\n');
	}
	strbuf_adds(out, m.n_dialect > 0 ? "statements that fail on one "
	                                   "backend only:\n"
	                                 : "no statement fails on one backend "
	                                   "only\n");
	for (i = 0; i < m.n_dialect; i++) {
		f = m.dialect[i];
		strbuf_addf(out, "  %s: %s statement %u: %s\n", f->backend,
		    f->test, f->statement, f->error);
	}
	report_migration_free(&m);
}

/* End a line of padded cells without trailing blanks. */
static void
trim_line(struct strbuf *out)
{
	while (out->len > 0 && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	strbuf_addc(out, '\n');
}

/* The isolation matrix of one backend: a row per scenario. */
static void
write_matrix(const struct run_result *res, const char *backend,
    struct strbuf *out)
{
	const struct validation *v;
	size_t i, s;

	strbuf_addf(out,
	    "\nisolation on %s: each scenario run as two tests "
	    "under each strategy\n",
	    backend);
	cell_text(out, "scenario", 14, 0);
	for (s = 0; s < res->config.n_strategies; s++)
		cell_text(out, res->config.strategies[s], 11, 0);
	trim_line(out);
	for (i = 0; i < res->n_scenarios; i++) {
		if (!report_scenario_applies(res, res->scenarios[i].id))
			continue;
		cell_text(out, res->scenarios[i].id, 14, 0);
		for (s = 0; s < res->config.n_strategies; s++) {
			v = report_find_validation(res, backend,
			    res->config.strategies[s], res->scenarios[i].id);
			cell_text(out,
			    v != NULL ? verdict_names[v->verdict] : "-", 11, 0);
		}
		trim_line(out);
	}
}

/*
 * What the cells of one backend observed, strategies with the same verdict
 * and detail on one line; all cells when all is set, else those that
 * leaked, passed falsely or errored.
 */
static void
write_observations(const struct run_result *res, const char *backend, int all,
    struct strbuf *out)
{
	const struct validation *v, *w;
	size_t i, s, t;
	int header = 0, first;

	for (i = 0; i < res->n_scenarios; i++)
		for (s = 0; s < res->config.n_strategies; s++) {
			v = report_find_validation(res, backend,
			    res->config.strategies[s], res->scenarios[i].id);
			if (v == NULL)
				continue;
			if (!all && (v->verdict == VERDICT_ISOLATED ||
			                v->verdict == VERDICT_NA))
				continue;
			for (t = 0; t < s; t++) {
				w = report_find_validation(res, backend,
				    res->config.strategies[t], v->scenario);
				if (w != NULL && w->verdict == v->verdict &&
				    strcmp(w->detail, v->detail) == 0)
					break;
			}
			if (t < s)
				continue; /* printed with an earlier one */
			if (!header)
				strbuf_addf(out, "\nwhat %s on %s observed\n",
				    all ? "each cell"
				        : "the cells that went "
				          "wrong",
				    backend);
			header = 1;
			strbuf_addf(out, "  %-12s ", v->scenario);
			first = 1;
			for (t = s; t < res->config.n_strategies; t++) {
				w = report_find_validation(res, backend,
				    res->config.strategies[t], v->scenario);
				if (w == NULL || w->verdict != v->verdict ||
				    strcmp(w->detail, v->detail) != 0)
					continue;
				strbuf_addf(out, "%s%s", first ? "" : ", ",
				    w->strategy);
				first = 0;
			}
			strbuf_addf(out, ": %s: %s\n",
			    verdict_names[v->verdict], v->detail);
		}
}

/* For each scenario that went wrong somewhere: where, and what to do. */
static void
write_mitigations(const struct run_result *res, struct strbuf *out)
{
	const struct scenario_info *sc;
	struct strbuf where;
	size_t i;
	int header = 0;

	strbuf_init(&where);
	for (i = 0; i < res->n_scenarios; i++) {
		sc = &res->scenarios[i];
		strbuf_reset(&where);
		report_bad_cells(res, sc->id, &where);
		if (where.len == 0)
			continue;
		if (!header)
			strbuf_adds(out, "\nmitigations, for each scenario "
			                 "that leaked, passed falsely or "
			                 "errored\n");
		header = 1;
		strbuf_addf(out, "  %s (%s): %s\n    mitigation: %s\n", sc->id,
		    where.buf, sc->title, sc->mitigation);
	}
	strbuf_fini(&where);
}

static void
write_legend(const struct run_result *res, struct strbuf *out)
{
	struct strbuf line;
	size_t i, hidden = 0;
	char tail[96] = "";

	for (i = 0; i < res->n_scenarios; i++)
		hidden += !report_scenario_applies(res, res->scenarios[i].id);
	if (hidden > 0)
		snprintf(tail, sizeof tail, " (%zu such row%s left out)",
		    hidden, hidden == 1 ? "" : "s");
	strbuf_init(&line);
	strbuf_addf(&line,
	    "legend: isolated = nothing carried over; leak = the next test "
	    "sees state; false pass = a check production fails passes; "
	    "error = cannot run the code; n/a = does not apply%s",
	    tail);
	wrap(out, "", "  ", line.buf);
	strbuf_fini(&line);
}

/*
 * The scenarios that went wrong under some strategy, by name; what each
 * cell observed and the mitigations are -v's (and validate's).
 */
static void
write_went_wrong(const struct run_result *res, struct strbuf *out)
{
	const struct validation *v;
	struct strbuf line;
	size_t i, j, count = 0;

	strbuf_init(&line);
	strbuf_adds(&line, "went wrong (details: -v):");
	for (i = 0; i < res->n_scenarios; i++) {
		for (j = 0; j < res->n_validations; j++) {
			v = &res->validations[j];
			if (strcmp(v->scenario, res->scenarios[i].id) == 0 &&
			    v->verdict != VERDICT_ISOLATED &&
			    v->verdict != VERDICT_NA)
				break;
		}
		if (j == res->n_validations)
			continue;
		strbuf_addf(&line, "%s %s", count > 0 ? "," : "",
		    res->scenarios[i].id);
		count++;
	}
	if (count == 0) {
		strbuf_reset(&line);
		strbuf_adds(&line, "went wrong: nothing");
	}
	wrap(out, "", "  ", line.buf);
	strbuf_fini(&line);
}

/* Scenarios whose verdict differs between the first backend and another. */
static void
write_migration_risks(const struct run_result *res, struct strbuf *out)
{
	struct migration_risk *risks;
	const struct migration_risk *r, *q;
	size_t i, j, n;

	if (res->n_backends < 2 || res->n_validations == 0)
		return;
	n = report_migration_risks(res, &risks);
	strbuf_addf(out,
	    "\nisolation that differs between %s and the other "
	    "backend%s (migration risks)\n",
	    res->backends[0].name, res->n_backends > 2 ? "s" : "");
	if (n == 0)
		strbuf_adds(out, "  no scenario's verdict differs\n");
	for (i = 0; i < n; i++) {
		r = &risks[i];
		for (j = 0; j < i; j++) {
			q = &risks[j];
			if (strcmp(q->from->scenario, r->from->scenario) == 0 &&
			    strcmp(q->to->backend, r->to->backend) == 0 &&
			    q->from->verdict == r->from->verdict &&
			    q->to->verdict == r->to->verdict)
				break;
		}
		if (j < i)
			continue; /* listed with an earlier strategy */
		strbuf_addf(out, "  %s under %s", r->from->scenario,
		    r->from->strategy);
		for (j = i + 1; j < n; j++) {
			q = &risks[j];
			if (strcmp(q->from->scenario, r->from->scenario) == 0 &&
			    strcmp(q->to->backend, r->to->backend) == 0 &&
			    q->from->verdict == r->from->verdict &&
			    q->to->verdict == r->to->verdict)
				strbuf_addf(out, ", %s", q->from->strategy);
		}
		strbuf_addf(out, ": %s %s, %s %s\n", r->from->backend,
		    verdict_names[r->from->verdict], r->to->backend,
		    verdict_names[r->to->verdict]);
	}
	free(risks);
}

/* Per cell, the tests that left the database different or failed. */
static void
write_state_checks(const struct run_result *res, struct strbuf *out)
{
	struct report_state_cell *cells;
	const struct state_check *d;
	size_t i, j, n;

	if (!res->config.check_state)
		return;
	strbuf_adds(out, "\nstate checks: does the next test start from what "
	                 "this one started from?\n(every table's rows and "
	                 "every sequence, each test once in name order)\n");
	n = report_state_cells(res, &cells);
	if (n == 0)
		strbuf_adds(out, "  nothing was checked\n");
	for (i = 0; i < n; i++) {
		strbuf_addf(out, "  %s %s: %s\n", cells[i].backend,
		    cells[i].strategy, cells[i].sentence);
		j = 0;
		while ((d = report_state_cell_next(res, &cells[i], &j))) {
			if (d->leaked)
				strbuf_addf(out, "    %s: %s\n", d->test,
				    d->detail);
			if (d->error != NULL)
				strbuf_addf(out, "    %s: failed: %s\n",
				    d->test, d->error);
		}
	}
	free(cells);
}

/*
 * The matrices and legend; then, in a validate report or with -v, what
 * the cells observed and the mitigations, else the names of the scenarios
 * that went wrong; the migration risks.
 */
static void
write_validation(const struct run_result *res, int verbose,
    struct strbuf *out)
{
	size_t i;

	if (res->n_validations == 0)
		return;
	for (i = 0; i < res->n_backends; i++)
		write_matrix(res, res->backends[i].name, out);
	write_legend(res, out);
	if (verbose || res->n_cells == 0) {
		for (i = 0; i < res->n_backends; i++)
			write_observations(res, res->backends[i].name,
			    res->n_cells == 0, out);
		write_mitigations(res, out);
	} else {
		write_went_wrong(res, out);
	}
	write_migration_risks(res, out);
}

static int
text_write(const struct run_result *res, const struct report_options *opts,
    struct strbuf *out, struct db_error *err)
{
	int color = opts != NULL && opts->color;
	int verbose = opts != NULL && opts->verbose;
	char **lines;
	size_t i, k, n;

	(void)err;
	write_title(res, out);
	write_decision(res, out);
	if (res->n_cells > 0)
		for (k = 0; k < res->config.n_seed_scales || k == 0; k++)
			for (i = 0; i < res->n_backends; i++)
				write_backend_table(res, res->backends[i].name,
				    res->config.n_seed_scales > 0
				        ? res->config.seed_scales[k]
				        : 1,
				    color, out);
	write_context(res, out);
	if (res->n_cells > 0) {
		write_cost_models(res, out);
		write_scaling(res, out);
		write_drift(res, out);
		write_migration(res, out);
	}
	write_validation(res, verbose, out);
	write_state_checks(res, out);
	if (res->n_cells > 0)
		write_measurement(res, color, verbose, out);
	write_failures(res, color, out);
	for (i = 0; i < res->n_notes; i++)
		strbuf_addf(out, "%snote: %s\n", i == 0 ? "\n" : "",
		    res->notes[i]);
	lines = verbose ? report_recommendations(res, &n)
	                : report_recommendations_brief(res, &n);
	if (n > 0)
		strbuf_adds(out, "\nrecommendations\n");
	for (i = 0; i < n; i++)
		strbuf_addf(out, "  - %s\n", lines[i]);
	report_free_lines(lines, n);
	return DB_OK;
}

const struct report_ops report_text_ops = {
	.name = "text",
	.machine = 0,
	.write = text_write,
	.compare = compare_write_text,
};
