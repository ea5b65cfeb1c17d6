/*
 * report_markup.c - the sections the Markdown and HTML reports share
 *
 * Each writer here walks the run once and asks the format's struct
 * report_markup (report_markup.h) for the markup around every heading,
 * paragraph, list item and table cell, so that the two reports cannot
 * drift apart in what they say.  Every piece of text that comes from the
 * run goes through the format's escape().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_markup.h"
#include "xmalloc.h"

void
report_markup_wrap(const struct report_markup *m, const char *const around[2],
    const char *text, struct strbuf *out)
{
	strbuf_adds(out, around[0]);
	m->escape(out, text);
	strbuf_adds(out, around[1]);
}

/* A block of fixed text, nothing in it to escape. */
static void
block(const char *const around[2], const char *text, struct strbuf *out)
{
	strbuf_adds(out, around[0]);
	strbuf_adds(out, text);
	strbuf_adds(out, around[1]);
}

/* A cell holding fixed text. */
static void
cell(const struct report_markup *m, int head, char align, const char *text,
    struct strbuf *out)
{
	m->cell_open(out, head, align, -1);
	strbuf_adds(out, text);
	strbuf_adds(out, m->cell_close[head]);
}

/* A cell holding text from the run, escaped. */
static void
cell_escaped(const struct report_markup *m, char align, const char *text,
    struct strbuf *out)
{
	m->cell_open(out, 0, align, -1);
	m->escape(out, text);
	strbuf_adds(out, m->cell_close[0]);
}

/* The header row of a table: one fixed label a column. */
static void
head_row(const struct report_markup *m, const char *aligns,
    const char *const *labels, struct strbuf *out)
{
	size_t k;

	strbuf_adds(out, m->row[0]);
	for (k = 0; aligns[k] != '\0'; k++)
		cell(m, 1, aligns[k], labels[k], out);
	m->head_end(out, aligns);
}

void
report_markup_lines(const struct report_markup *m, const char *open,
    char **lines, size_t n, const char *close, struct strbuf *out)
{
	size_t i;

	if (n == 0)
		return;
	strbuf_adds(out, open);
	for (i = 0; i < n; i++)
		report_markup_wrap(m, m->item, lines[i], out);
	strbuf_adds(out, close);
}

void
report_markup_list(const struct report_markup *m, const char *heading,
    char **lines, size_t n, struct strbuf *out)
{
	if (n == 0)
		return;
	block(m->heading, heading, out);
	report_markup_lines(m, m->list[0], lines, n, m->list[1], out);
}

/* The backends' versions and settings, then where their servers ran. */
void
report_markup_backends(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	static const char *const labels[] = { "backend", "version",
		"settings" };
	const struct backend_result *b;
	struct strbuf place;
	size_t i, j;

	m->table_open(out, NULL);
	head_row(m, "nnl", labels, out);
	for (i = 0; i < res->n_backends; i++) {
		b = &res->backends[i];
		strbuf_adds(out, m->row[0]);
		cell_escaped(m, 'n', b->name, out);
		cell_escaped(m, 'n',
		    b->info.version != NULL ? b->info.version : "", out);
		m->cell_open(out, 0, 'l', -1);
		for (j = 0; j < b->info.n_settings; j++) {
			strbuf_adds(out, j > 0 ? ", " : "");
			m->escape(out, b->info.settings[j].name);
			strbuf_addc(out, '=');
			m->escape(out, b->info.settings[j].value);
		}
		strbuf_adds(out, m->cell_close[0]);
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
	if (res->n_cells == 0)
		return;
	strbuf_init(&place);
	report_placement(res, &place);
	strbuf_adds(out, m->meta[0]);
	strbuf_adds(out, "Placement: ");
	m->escape(out, place.buf);
	strbuf_addc(out, '.');
	strbuf_adds(out, m->meta[1]);
	strbuf_fini(&place);
}

/* A row per strategy measured on backend, the cheapest marked. */
void
report_markup_strategies(const struct run_result *res, const char *backend,
    const struct report_markup *m, struct strbuf *out)
{
	static const char *const labels[] = { "strategy", "setup", "body",
		"teardown", "overhead", "95% CI", "share", NULL, "vs best" };
	const char *head[REPORT_COLUMNS + 1];
	const struct cell *best, *c;
	struct report_row row;
	char suite[32];
	size_t i;
	int k, strong;

	best = report_cheapest_cell(res, backend, report_base_scale(res));
	strbuf_adds(out, m->heading[0]);
	m->escape(out, backend);
	if (res->config.n_workers > 1)
		strbuf_addf(out, ", %u worker%s", report_base_workers(res),
		    report_base_workers(res) == 1 ? "" : "s");
	strbuf_adds(out, m->heading[1]);
	m->table_open(out, "strategies");
	memcpy(head, labels, sizeof head);
	snprintf(suite, sizeof suite, "suite (%u)", res->config.tests);
	head[1 + REPORT_COL_SUITE] = suite;
	head_row(m, "nrrrrrrrr", head, out);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    !report_main_cell(res, c, report_base_scale(res)))
			continue;
		strong = c == best;
		strbuf_adds(out, strong ? m->best_row : m->row[0]);
		m->cell_open(out, 0, 'n', -1);
		strbuf_adds(out, strong ? m->strong[0] : "");
		m->escape(out, c->strategy);
		strbuf_adds(out, strong ? m->strong[1] : "");
		strbuf_adds(out, m->cell_close[0]);
		if (c->suite_overhead_stats.n == 0) {
			strbuf_adds(out, m->no_success);
			continue;
		}
		report_row_figures(res, c, &row);
		for (k = 0; k < REPORT_COLUMNS; k++) {
			strong = c == best && k == REPORT_COL_OVERHEAD;
			m->cell_open(out, 0, 'r', -1);
			strbuf_adds(out, strong ? m->strong[0] : "");
			strbuf_adds(out, row.col[k]);
			strbuf_adds(out, strong ? m->strong[1] : "");
			strbuf_adds(out, m->cell_close[0]);
		}
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
	strbuf_adds(out, m->note[0]);
	report_phase_note(res, out);
	strbuf_adds(out, m->note[1]);
}

/* A header cell: a fixed word, then a backend's name. */
static void
head_cell_backend(const struct report_markup *m, const char *word,
    const char *backend, struct strbuf *out)
{
	m->cell_open(out, 1, 'r', -1);
	strbuf_adds(out, word);
	m->escape(out, backend);
	strbuf_adds(out, m->cell_close[1]);
}

static void
migration_table(const struct report_migration *g, const struct report_markup *m,
    struct strbuf *out)
{
	const struct migration_row *r = &g->rows[0];
	char figure[40];
	size_t i;

	m->table_open(out, "migration");
	strbuf_adds(out, m->row[0]);
	cell(m, 1, 'n', "strategy", out);
	head_cell_backend(m, "overhead ", r->from->backend, out);
	head_cell_backend(m, "overhead ", r->to->backend, out);
	cell(m, 1, 'r', "ratio", out);
	cell(m, 1, 'r', "per-test ratio", out);
	head_cell_backend(m, "suite ", r->from->backend, out);
	head_cell_backend(m, "suite ", r->to->backend, out);
	m->head_end(out, "nrrrrrr");
	for (i = 0; i < g->n_rows; i++) {
		r = &g->rows[i];
		strbuf_adds(out, m->row[0]);
		cell_escaped(m, 'n', r->from->strategy, out);
		cell(m, 0, 'r', r->from_overhead, out);
		cell(m, 0, 'r', r->to_overhead, out);
		snprintf(figure, sizeof figure, "%sx", r->overhead_x);
		cell(m, 0, 'r', figure, out);
		snprintf(figure, sizeof figure, "%sx", r->per_test_x);
		cell(m, 0, 'r', figure, out);
		cell(m, 0, 'r', r->from_suite, out);
		cell(m, 0, 'r', r->to_suite, out);
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
}

/* The same strategies on two backends; the statements one of them fails. */
void
report_markup_migration(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	struct report_migration g;
	const struct failure *f;
	char note[96];
	size_t i;

	if (report_migration(res, &g) == 0) {
		report_migration_free(&g);
		return;
	}
	strbuf_adds(out, m->heading[0]);
	strbuf_adds(out, "Migration: ");
	m->escape(out, g.rows[0].from->backend);
	strbuf_adds(out, " to ");
	m->escape(out, g.rows[0].to->backend);
	strbuf_adds(out, m->heading[1]);
	snprintf(note, sizeof note,
	    "Same workload, suite of %u tests, fixtures included.",
	    res->config.tests);
	block(m->note, note, out);
	migration_table(&g, m, out);
	if (g.n_dialect == 0)
		block(m->para, "No statement fails on one backend only.", out);
	else
		block(m->para,
		    "Statements that fail on one backend only:", out);
	if (g.n_dialect > 0)
		strbuf_adds(out, m->list[0]);
	for (i = 0; i < g.n_dialect; i++) {
		f = g.dialect[i];
		strbuf_adds(out, m->item[0]);
		m->escape(out, f->backend);
		strbuf_adds(out, ": ");
		m->escape(out, f->test);
		strbuf_addf(out, " statement %u: ", f->statement);
		m->escape(out, f->error);
		strbuf_adds(out, m->item[1]);
	}
	if (g.n_dialect > 0)
		strbuf_adds(out, m->list[1]);
	report_migration_free(&g);
}

/* The isolation matrix of one backend, rows n/a everywhere left out. */
static void
write_matrix(const struct run_result *res, const char *backend,
    const struct report_markup *m, struct strbuf *out)
{
	const char *scenario;
	char *aligns;
	size_t i, s;

	strbuf_adds(out, m->heading[0]);
	strbuf_adds(out, "Isolation on ");
	m->escape(out, backend);
	strbuf_adds(out, m->heading[1]);
	block(m->note, "Each scenario run as two tests under each strategy.",
	    out);
	m->table_open(out, "matrix");
	strbuf_adds(out, m->row[0]);
	cell(m, 1, 'n', "scenario", out);
	for (s = 0; s < res->config.n_strategies; s++) {
		m->cell_open(out, 1, 'n', -1);
		m->escape(out, res->config.strategies[s]);
		strbuf_adds(out, m->cell_close[1]);
	}
	aligns = xmalloc(res->config.n_strategies + 2);
	memset(aligns, 'n', res->config.n_strategies + 1);
	aligns[res->config.n_strategies + 1] = '\0';
	m->head_end(out, aligns);
	free(aligns);
	for (i = 0; i < res->n_scenarios; i++) {
		scenario = res->scenarios[i].id;
		if (!report_scenario_applies(res, scenario))
			continue;
		strbuf_adds(out, m->row[0]);
		cell_escaped(m, 'n', scenario, out);
		for (s = 0; s < res->config.n_strategies; s++)
			m->verdict_cell(out,
			    report_find_validation(res, backend,
			        res->config.strategies[s], scenario));
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
}

/* One scenario that went wrong: where, observations, mitigation. */
static void
write_scenario(const struct run_result *res, const struct scenario_info *sc,
    const char *where, const struct report_markup *m, struct strbuf *out)
{
	struct report_observation *g;
	const char *backend;
	size_t b, k, n;

	strbuf_adds(out, m->term[0]);
	m->escape(out, sc->id);
	strbuf_adds(out, m->term[1]);
	m->escape(out, where);
	strbuf_adds(out, m->term[2]);
	m->escape(out, sc->title);
	strbuf_adds(out, m->sublist[0]);
	for (b = 0; b < res->n_backends; b++) {
		backend = res->backends[b].name;
		n = report_observations(res, backend, sc->id, 0, &g);
		for (k = 0; k < n; k++) {
			strbuf_adds(out, m->subitem[0]);
			strbuf_adds(out, "observed on ");
			m->escape(out, backend);
			strbuf_adds(out, " under ");
			m->escape(out, g[k].strategies.buf);
			strbuf_addf(out,
			    ": %s: ", verdict_names[g[k].first->verdict]);
			m->escape(out, g[k].first->detail);
			strbuf_adds(out, m->subitem[1]);
		}
		report_free_observations(g, n);
	}
	strbuf_adds(out, m->subitem[0]);
	strbuf_adds(out, "mitigation: ");
	m->escape(out, sc->mitigation);
	strbuf_adds(out, m->subitem[1]);
	strbuf_adds(out, m->sublist[1]);
	strbuf_adds(out, m->term[3]);
}

static void
write_went_wrong(const struct run_result *res, const struct report_markup *m,
    struct strbuf *out)
{
	struct strbuf where;
	size_t i;
	int header = 0;

	strbuf_init(&where);
	for (i = 0; i < res->n_scenarios; i++) {
		strbuf_reset(&where);
		report_bad_cells(res, res->scenarios[i].id, &where);
		if (where.len == 0)
			continue;
		if (!header) {
			block(m->heading,
			    "Scenarios that leaked, passed falsely or errored",
			    out);
			strbuf_adds(out, m->terms[0]);
		}
		header = 1;
		write_scenario(res, &res->scenarios[i], where.buf, m, out);
	}
	if (header)
		strbuf_adds(out, m->terms[1]);
	strbuf_fini(&where);
}

/* Scenarios whose verdict differs between the first backend and another. */
static void
write_migration_risks(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	static const char *const labels[] = { "scenario", "strategy", "from",
		"to" };
	struct migration_risk *risks;
	const struct validation *v;
	size_t i, k, n;

	if (res->n_backends < 2 || res->n_validations == 0)
		return;
	n = report_migration_risks(res, &risks);
	block(m->heading, "Migration risks", out);
	strbuf_adds(out, m->note[0]);
	strbuf_adds(out, "Isolation that differs between ");
	m->escape(out, res->backends[0].name);
	strbuf_adds(out, " and the other backends.");
	strbuf_adds(out, m->note[1]);
	if (n == 0) {
		block(m->para, "No scenario's verdict differs.", out);
		free(risks);
		return;
	}
	m->table_open(out, "risks");
	head_row(m, "nlll", labels, out);
	for (i = 0; i < n; i++) {
		strbuf_adds(out, m->row[0]);
		cell_escaped(m, 'n', risks[i].from->scenario, out);
		cell_escaped(m, 'l', risks[i].from->strategy, out);
		for (k = 0; k < 2; k++) {
			v = k == 0 ? risks[i].from : risks[i].to;
			m->cell_open(out, 0, 'l', (int)v->verdict);
			m->escape(out, v->backend);
			strbuf_addf(out, ": %s", verdict_names[v->verdict]);
			strbuf_adds(out, m->cell_close[0]);
		}
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
	free(risks);
}

/* Per (backend, strategy): how many tests left the database different,
 * and how many failed under the strategy; then those tests. */
static void
write_state_checks(const struct run_result *res, const struct report_markup *m,
    struct strbuf *out)
{
	struct report_state_cell *cells;
	const struct state_check *d;
	size_t i, j, n;

	if (!res->config.check_state)
		return;
	n = report_state_cells(res, &cells);
	block(m->heading, "State checks", out);
	block(m->note,
	    "Does the next test start from what this one started from?  "
	    "Every table's rows and every sequence, each test once in name "
	    "order.",
	    out);
	strbuf_adds(out, m->list[0]);
	if (n == 0)
		strbuf_adds(out, m->nothing_checked);
	for (i = 0; i < n; i++) {
		strbuf_adds(out, m->item[0]);
		m->escape(out, cells[i].backend);
		strbuf_addc(out, ' ');
		m->escape(out, cells[i].strategy);
		strbuf_adds(out, ": ");
		m->escape(out, cells[i].sentence);
		if (cells[i].leaked == 0 && cells[i].failed == 0) {
			strbuf_adds(out, m->item[1]);
			continue;
		}
		strbuf_adds(out, m->sublist[0]);
		j = 0;
		while ((d = report_state_cell_next(res, &cells[i], &j))) {
			strbuf_adds(out, m->subitem[0]);
			m->escape(out, d->test);
			strbuf_adds(out, d->leaked ? ": " : ": failed: ");
			m->escape(out, d->leaked ? d->detail : d->error);
			strbuf_adds(out, m->subitem[1]);
		}
		strbuf_adds(out, m->sublist[1]);
		strbuf_adds(out, m->sublist_end);
	}
	strbuf_adds(out, m->list[1]);
	free(cells);
}

/*
 * The matrices and what they mean, the scenarios that went wrong and the
 * migration risks (when scenarios ran); the state checks.
 */
void
report_markup_validation(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	size_t i;

	if (res->n_validations > 0) {
		for (i = 0; i < res->n_backends; i++)
			write_matrix(res, res->backends[i].name, m, out);
		block(m->note, m->legend, out);
		write_went_wrong(res, m, out);
		write_migration_risks(res, m, out);
	}
	write_state_checks(res, m, out);
}

/* How much was measured, then every cell's measurement. */
void
report_markup_measurement(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	const struct cell *c;
	struct strbuf line;
	size_t i;

	strbuf_init(&line);
	block(m->heading, "Measurement", out);
	report_measured_in(res, &line);
	strbuf_adds(out, m->para[0]);
	m->escape(out, line.buf);
	strbuf_addc(out, '.');
	strbuf_adds(out, m->para[1]);
	strbuf_adds(out, m->list[0]);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		strbuf_reset(&line);
		report_cell_label(res, c, &line);
		strbuf_adds(&line, ": ");
		report_cell_measurement(res, c, &line);
		report_markup_wrap(m, m->item, line.buf, out);
	}
	strbuf_adds(out, m->list[1]);
	strbuf_fini(&line);
}

/* Every distinct failure: where, the statement and how often. */
void
report_markup_failures(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out)
{
	static const char *const labels[] = { "backend", "strategy", "phase",
		"test", "statement", "error", "times" };
	const struct failure *f;
	char figure[32];
	size_t i;

	if (res->n_failures == 0)
		return;
	strbuf_adds(out, m->heading[0]);
	strbuf_addf(out, "Failures (%zu distinct)", res->n_failures);
	strbuf_adds(out, m->heading[1]);
	m->table_open(out, "failures");
	head_row(m, "nlllrlr", labels, out);
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		strbuf_adds(out, m->row[0]);
		cell_escaped(m, 'n', f->backend, out);
		cell_escaped(m, 'l', f->strategy, out);
		cell_escaped(m, 'l', f->phase, out);
		cell_escaped(m, 'l', f->test, out);
		snprintf(figure, sizeof figure, "%u", f->statement);
		cell(m, 0, 'r', figure, out);
		cell_escaped(m, 'l', f->error, out);
		snprintf(figure, sizeof figure, "%zu", f->count);
		cell(m, 0, 'r', figure, out);
		strbuf_adds(out, m->row[1]);
	}
	strbuf_adds(out, m->table_close);
}
