/*
 * report_markdown.c - the report for a pull request or an issue
 *
 * The text report as GitHub-flavoured Markdown: the decision first, a
 * table per backend with a row per strategy (the cheapest in bold), the
 * migration table when a run has two backends, the isolation matrix per
 * backend, each scenario that went wrong with what its cells observed and
 * its mitigation, the migration risks, the state checks, how much was
 * measured, the failures, and the recommendations as a bullet list.  Every piece of text that comes
 * from the run (names, paths, database messages) is escaped, so a '|' or a
 * '*' in an error message cannot break a table or start emphasis.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "report.h"

/*
 * Append s with Markdown's punctuation backslash-escaped and line breaks
 * turned into spaces, so that it stays plain text inside a table cell.
 */
static void
md_escape(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			strbuf_addc(out, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|#~&!", *s) != NULL)
			strbuf_addc(out, '\\');
		strbuf_addc(out, *s);
	}
}

void
report_markdown_escape(struct strbuf *out, const char *s)
{
	md_escape(out, s);
}

/* The heading, then the decision. */
static void
write_title(const struct run_result *res, struct strbuf *out)
{
	char **lines;
	size_t i, n;

	strbuf_addf(out, "## dbbench %s%s: workload ", res->tool_version,
	    res->n_cells == 0 ? " validate" : "");
	md_escape(out, res->config.workload);
	strbuf_addc(out, '\n');
	lines = report_decision(res, &n);
	if (n > 0)
		strbuf_adds(out, "\n### Decision\n\n");
	for (i = 0; i < n; i++) {
		strbuf_adds(out, "- ");
		md_escape(out, lines[i]);
		strbuf_addc(out, '\n');
	}
	report_free_lines(lines, n);
}

static void
write_header(const struct run_result *res, struct strbuf *out)
{
	const struct backend_result *b;
	char cost[32], floor[32], res_ns[32];
	size_t i, j;

	strbuf_addf(out, "\n%u test bodies", res->config.workload_tests);
	if (res->n_cells > 0)
		strbuf_addf(out, ", suite of %u tests a round",
		    res->config.tests);
	strbuf_adds(out, ".  \n");
	strbuf_adds(out, "Host: ");
	md_escape(out, res->host_cpu);
	strbuf_addf(out, ", %u cores, ", res->host_cores);
	md_escape(out, res->host_os);
	strbuf_adds(out, ".  \n");
	report_format_ns(cost, sizeof cost, res->timer_cost_ns);
	report_format_ns(floor, sizeof floor, res->harness_floor_ns);
	report_format_ns(res_ns, sizeof res_ns, res->timer_resolution_ns);
	if (res->n_cells > 0)
		strbuf_addf(out,
		    "Clock: CLOCK\\_MONOTONIC, resolution %s, %s a reading; "
		    "harness floor %s of overhead a test (included below).\n",
		    res_ns, cost, floor);
	strbuf_addc(out, '\n');
	strbuf_adds(out, "| backend | version | settings |\n|---|---|---|\n");
	for (i = 0; i < res->n_backends; i++) {
		b = &res->backends[i];
		strbuf_adds(out, "| ");
		md_escape(out, b->name);
		strbuf_adds(out, " | ");
		md_escape(out, b->info.version != NULL ? b->info.version : "");
		strbuf_adds(out, " | ");
		for (j = 0; j < b->info.n_settings; j++) {
			strbuf_adds(out, j > 0 ? ", " : "");
			md_escape(out, b->info.settings[j].name);
			strbuf_addc(out, '=');
			md_escape(out, b->info.settings[j].value);
		}
		strbuf_adds(out, " |\n");
	}
	if (res->n_cells > 0) {
		struct strbuf place;

		strbuf_init(&place);
		report_placement(res, &place);
		strbuf_adds(out, "\nPlacement: ");
		md_escape(out, place.buf);
		strbuf_adds(out, ".\n");
		strbuf_fini(&place);
	}
}

static void
write_backend_table(const struct run_result *res, const char *backend,
    struct strbuf *out)
{
	const struct cell *best, *c;
	struct report_row row;
	size_t i;
	int k;

	best = report_cheapest_cell(res, backend, report_base_scale(res));
	strbuf_adds(out, "\n### ");
	md_escape(out, backend);
	if (res->config.n_workers > 1)
		strbuf_addf(out, ", %u worker%s", report_base_workers(res),
		    report_base_workers(res) == 1 ? "" : "s");
	strbuf_addf(out,
	    "\n\n| strategy | setup | body | teardown | overhead | 95%% CI | "
	    "share | suite (%u) | vs best |\n"
	    "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n",
	    res->config.tests);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    !report_main_cell(res, c, report_base_scale(res)))
			continue;
		strbuf_adds(out, c == best ? "| **" : "| ");
		md_escape(out, c->strategy);
		strbuf_adds(out, c == best ? "** |" : " |");
		if (c->suite_overhead_stats.n == 0) {
			strbuf_adds(out, " no successful test | | | | | | | "
					 "|\n");
			continue;
		}
		report_row_figures(res, c, &row);
		for (k = 0; k < REPORT_COLUMNS; k++)
			strbuf_addf(out, " %s%s%s |",
			    c == best && k == REPORT_COL_OVERHEAD ? "**" : "",
			    row.col[k],
			    c == best && k == REPORT_COL_OVERHEAD ? "**" : "");
		strbuf_addc(out, '\n');
	}
	strbuf_addf(out,
	    "\nSetup, body and teardown: medians of single tests.  Overhead: "
	    "test setup + teardown per test over a suite run, the median of "
	    "the rounds with its 95%% CI.  Share: of the time of a test.  "
	    "Suite: %u tests \xc3\x97 overhead.\n",
	    res->config.tests);
}

static void
write_migration(const struct run_result *res, struct strbuf *out)
{
	struct migration_row *rows;
	const struct failure *f;
	const struct migration_row *r;
	size_t i, n;
	int seen;

	n = report_migration_rows(res, &rows);
	if (n == 0) {
		free(rows);
		return;
	}
	strbuf_adds(out, "\n### Migration: ");
	md_escape(out, rows[0].from->backend);
	strbuf_adds(out, " to ");
	md_escape(out, rows[0].to->backend);
	strbuf_addf(out, "\n\nSame workload, suite of %u tests, fixtures "
			 "included.\n\n| strategy | overhead ",
	    res->config.tests);
	md_escape(out, rows[0].from->backend);
	strbuf_adds(out, " | overhead ");
	md_escape(out, rows[0].to->backend);
	strbuf_adds(out, " | ratio | per-test ratio | suite ");
	md_escape(out, rows[0].from->backend);
	strbuf_adds(out, " | suite ");
	md_escape(out, rows[0].to->backend);
	strbuf_adds(out, " |\n|---|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < n; i++) {
		r = &rows[i];
		strbuf_adds(out, "| ");
		md_escape(out, r->from->strategy);
		strbuf_addf(out, " | %s | %s | %sx | %sx | %s | %s |\n",
		    r->from_overhead, r->to_overhead, r->overhead_x,
		    r->per_test_x, r->from_suite, r->to_suite);
	}
	free(rows);
	seen = 0;
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		if (!report_dialect_failure_first(res, i))
			continue;
		if (!seen)
			strbuf_adds(out,
			    "\nStatements that fail on one backend only:\n\n");
		seen = 1;
		strbuf_adds(out, "- ");
		md_escape(out, f->backend);
		strbuf_adds(out, ": ");
		md_escape(out, f->test);
		strbuf_addf(out, " statement %u: ", f->statement);
		md_escape(out, f->error);
		strbuf_addc(out, '\n');
	}
	if (!seen)
		strbuf_adds(out, "\nNo statement fails on one backend only.\n");
}

static void
write_measurement(const struct run_result *res, struct strbuf *out)
{
	const struct cell *c;
	struct strbuf line;
	size_t i;

	strbuf_init(&line);
	strbuf_adds(out, "\n### Measurement\n\n");
	report_measured_in(res, &line);
	md_escape(out, line.buf);
	strbuf_adds(out, ".\n\n");
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		strbuf_reset(&line);
		report_cell_label(res, c, &line);
		strbuf_adds(&line, ": ");
		report_cell_measurement(res, c, &line);
		strbuf_adds(out, "- ");
		md_escape(out, line.buf);
		strbuf_addc(out, '\n');
	}
	strbuf_fini(&line);
}

static void
write_failures(const struct run_result *res, struct strbuf *out)
{
	const struct failure *f;
	size_t i;

	if (res->n_failures == 0)
		return;
	strbuf_addf(out, "\n### Failures (%zu distinct)\n\n",
	    res->n_failures);
	strbuf_adds(out, "| backend | strategy | phase | test | statement | "
			 "error | times |\n|---|---|---|---|--:|---|--:|\n");
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		strbuf_adds(out, "| ");
		md_escape(out, f->backend);
		strbuf_adds(out, " | ");
		md_escape(out, f->strategy);
		strbuf_adds(out, " | ");
		md_escape(out, f->phase);
		strbuf_adds(out, " | ");
		md_escape(out, f->test);
		strbuf_addf(out, " | %u | ", f->statement);
		md_escape(out, f->error);
		strbuf_addf(out, " | %zu |\n", f->count);
	}
}

/* The isolation matrix of one backend, rows n/a everywhere left out. */
static void
write_matrix(const struct run_result *res, const char *backend,
    struct strbuf *out)
{
	const struct validation *v;
	size_t i, s;

	strbuf_adds(out, "\n### Isolation on ");
	md_escape(out, backend);
	strbuf_adds(out, "\n\nEach scenario run as two tests under each "
	                 "strategy.\n\n| scenario |");
	for (s = 0; s < res->config.n_strategies; s++) {
		strbuf_addc(out, ' ');
		md_escape(out, res->config.strategies[s]);
		strbuf_adds(out, " |");
	}
	strbuf_adds(out, "\n|---|");
	for (s = 0; s < res->config.n_strategies; s++)
		strbuf_adds(out, "---|");
	strbuf_addc(out, '\n');
	for (i = 0; i < res->n_scenarios; i++) {
		if (!report_scenario_applies(res, res->scenarios[i].id))
			continue;
		strbuf_adds(out, "| ");
		md_escape(out, res->scenarios[i].id);
		strbuf_adds(out, " |");
		for (s = 0; s < res->config.n_strategies; s++) {
			v = report_find_validation(res, backend,
			    res->config.strategies[s], res->scenarios[i].id);
			if (v == NULL)
				strbuf_adds(out, " - |");
			else if (v->verdict == VERDICT_ISOLATED ||
			         v->verdict == VERDICT_NA)
				strbuf_addf(out, " %s |",
				    verdict_names[v->verdict]);
			else
				strbuf_addf(out, " **%s** |",
				    verdict_names[v->verdict]);
		}
		strbuf_addc(out, '\n');
	}
}

/*
 * Each scenario that went wrong: where, what it is, what its cells
 * observed and the mitigation.
 */
static void
write_went_wrong(const struct run_result *res, struct strbuf *out)
{
	const struct scenario_info *sc;
	struct report_observation *g;
	struct strbuf where;
	size_t i, b, k, n;
	int header = 0;

	strbuf_init(&where);
	for (i = 0; i < res->n_scenarios; i++) {
		sc = &res->scenarios[i];
		strbuf_reset(&where);
		report_bad_cells(res, sc->id, &where);
		if (where.len == 0)
			continue;
		if (!header)
			strbuf_adds(out, "\n### Scenarios that leaked, passed "
			                 "falsely or errored\n\n");
		header = 1;
		strbuf_adds(out, "- **");
		md_escape(out, sc->id);
		strbuf_adds(out, "** (");
		md_escape(out, where.buf);
		strbuf_adds(out, "): ");
		md_escape(out, sc->title);
		strbuf_addc(out, '\n');
		for (b = 0; b < res->n_backends; b++) {
			n = report_observations(res, res->backends[b].name,
			    sc->id, 0, &g);
			for (k = 0; k < n; k++) {
				strbuf_adds(out, "  - observed on ");
				md_escape(out, res->backends[b].name);
				strbuf_adds(out, " under ");
				md_escape(out, g[k].strategies.buf);
				strbuf_addf(out, ": %s: ",
				    verdict_names[g[k].first->verdict]);
				md_escape(out, g[k].first->detail);
				strbuf_addc(out, '\n');
			}
			report_free_observations(g, n);
		}
		strbuf_adds(out, "  - mitigation: ");
		md_escape(out, sc->mitigation);
		strbuf_addc(out, '\n');
	}
	strbuf_fini(&where);
}

/* Scenarios whose verdict differs between the first backend and another. */
static void
write_migration_risks(const struct run_result *res, struct strbuf *out)
{
	struct migration_risk *risks;
	const struct migration_risk *r;
	size_t i, n;

	if (res->n_backends < 2 || res->n_validations == 0)
		return;
	n = report_migration_risks(res, &risks);
	strbuf_adds(out, "\n### Migration risks\n\nIsolation that differs "
	                 "between ");
	md_escape(out, res->backends[0].name);
	strbuf_adds(out, " and the other backends.\n\n");
	if (n == 0)
		strbuf_adds(out, "No scenario's verdict differs.\n");
	else
		strbuf_adds(out, "| scenario | strategy | from | to |\n"
		                 "|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		r = &risks[i];
		strbuf_adds(out, "| ");
		md_escape(out, r->from->scenario);
		strbuf_adds(out, " | ");
		md_escape(out, r->from->strategy);
		strbuf_adds(out, " | ");
		md_escape(out, r->from->backend);
		strbuf_addf(out, ": %s | ", verdict_names[r->from->verdict]);
		md_escape(out, r->to->backend);
		strbuf_addf(out, ": %s |\n", verdict_names[r->to->verdict]);
	}
	free(risks);
}

/* Per (backend, strategy): how many tests left the database different,
 * and how many failed under the strategy. */
static void
write_state_checks(const struct run_result *res, struct strbuf *out)
{
	struct report_state_cell *cells;
	const struct state_check *d;
	char sentence[256];
	size_t i, j, n;

	if (!res->config.check_state)
		return;
	n = report_state_cells(res, &cells);
	strbuf_adds(out, "\n### State checks\n\nDoes the next test start "
	                 "from what this one started from?  Every table's "
	                 "rows and every sequence, each test once in name "
	                 "order.\n\n");
	if (n == 0)
		strbuf_adds(out, "Nothing was checked.\n");
	for (i = 0; i < n; i++) {
		report_state_cell_sentence(&cells[i], sentence,
		    sizeof sentence);
		strbuf_adds(out, "- ");
		md_escape(out, cells[i].backend);
		strbuf_addc(out, ' ');
		md_escape(out, cells[i].strategy);
		strbuf_adds(out, ": ");
		md_escape(out, sentence);
		strbuf_addc(out, '\n');
		for (j = 0; j < res->n_state_checks; j++) {
			d = &res->state_checks[j];
			if (!report_state_check_in(d, &cells[i]) ||
			    (!d->leaked && d->error == NULL))
				continue;
			strbuf_adds(out, "  - ");
			md_escape(out, d->test);
			strbuf_adds(out, d->leaked ? ": " : ": failed: ");
			md_escape(out, d->leaked ? d->detail : d->error);
			strbuf_addc(out, '\n');
		}
	}
	free(cells);
}

static void
write_validation(const struct run_result *res, struct strbuf *out)
{
	size_t i;

	if (res->n_validations > 0) {
		for (i = 0; i < res->n_backends; i++)
			write_matrix(res, res->backends[i].name, out);
		strbuf_adds(out, "\nIsolated: nothing carried over and the "
		                 "code ran as in production.  Leak: state "
		                 "visible to the next test.  False pass: a "
		                 "check production would fail passes.  Error: "
		                 "the strategy cannot run that code.  n/a: does "
		                 "not apply to this backend or target (rows n/a "
		                 "everywhere are left out).\n");
		write_went_wrong(res, out);
		write_migration_risks(res, out);
	}
	write_state_checks(res, out);
}

static int
markdown_write(const struct run_result *res, const struct report_options *opts,
    struct strbuf *out, struct db_error *err)
{
	char **lines;
	size_t i, n;

	(void)opts;
	(void)err;
	write_title(res, out);
	write_header(res, out);
	for (i = 0; i < res->n_backends && res->n_cells > 0; i++)
		write_backend_table(res, res->backends[i].name, out);
	write_migration(res, out);
	write_validation(res, out);
	if (res->n_cells > 0)
		write_measurement(res, out);
	write_failures(res, out);
	lines = report_recommendations(res, &n);
	if (n > 0)
		strbuf_adds(out, "\n### Recommendations\n\n");
	for (i = 0; i < n; i++) {
		strbuf_adds(out, "- ");
		md_escape(out, lines[i]);
		strbuf_addc(out, '\n');
	}
	report_free_lines(lines, n);
	return DB_OK;
}

const struct report_ops report_markdown_ops = {
	.name = "markdown",
	.machine = 0,
	.write = markdown_write,
	.compare = compare_write_markdown,
};
