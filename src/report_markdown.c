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
#include "report_markup.h"

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

static void
md_table_open(struct strbuf *out, const char *cls)
{
	(void)cls;
	strbuf_addc(out, '\n');
}

static void
md_cell_open(struct strbuf *out, int head, char align, int verdict)
{
	(void)head;
	(void)align;
	(void)verdict;
	strbuf_addc(out, ' ');
}

/* The header row's end and the alignment line under it. */
static void
md_head_end(struct strbuf *out, const char *aligns)
{
	strbuf_adds(out, "\n|");
	for (; *aligns != '\0'; aligns++)
		strbuf_adds(out, *aligns == 'r' ? "--:|" : "---|");
	strbuf_addc(out, '\n');
}

/* A verdict in the isolation matrix, in bold where it went wrong. */
static void
md_verdict_cell(struct strbuf *out, const struct validation *v)
{
	if (v == NULL)
		strbuf_adds(out, " - |");
	else if (v->verdict == VERDICT_ISOLATED || v->verdict == VERDICT_NA)
		strbuf_addf(out, " %s |", verdict_names[v->verdict]);
	else
		strbuf_addf(out, " **%s** |", verdict_names[v->verdict]);
}

static const struct report_markup markdown_markup = {
	.escape = md_escape,
	.heading = { "\n### ", "\n" },
	.note = { "\n", "\n" },
	.para = { "\n", "\n" },
	.meta = { "\n", "\n" },
	.list = { "\n", "" },
	.item = { "- ", "\n" },
	.sublist = { "\n", "" },
	.subitem = { "  - ", "\n" },
	.sublist_end = "",
	.term = { "- **", "** (", "): ", "" },
	.terms = { "\n", "" },
	.best_row = "|",
	.strong = { "**", "**" },
	.no_success = " no successful test | | | | | | | |\n",
	.nothing_checked = "Nothing was checked.\n",
	.legend = "Isolated: nothing carried over and the code ran as in "
		  "production.  Leak: state visible to the next test.  False "
		  "pass: a check production would fail passes.  Error: the "
		  "strategy cannot run that code.  n/a: does not apply to this "
		  "backend or target (rows n/a everywhere are left out).",
	.table_open = md_table_open,
	.row = { "|", "\n" },
	.cell_open = md_cell_open,
	.cell_close = { " |", " |" },
	.head_end = md_head_end,
	.verdict_cell = md_verdict_cell,
	.table_close = "",
};

/* The heading, then the decision. */
static void
write_title(const struct run_result *res, struct strbuf *out)
{
	char **lines;
	size_t n;

	strbuf_addf(out, "## dbbench %s%s: workload ", res->tool_version,
	    res->n_cells == 0 ? " validate" : "");
	md_escape(out, res->config.workload);
	strbuf_addc(out, '\n');
	lines = report_decision(res, &n);
	report_markup_list(&markdown_markup, "Decision", lines, n, out);
	report_free_lines(lines, n);
}

static void
write_header(const struct run_result *res, struct strbuf *out)
{
	char cost[32], floor[32], res_ns[32];

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
	report_markup_backends(res, &markdown_markup, out);
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
		report_markup_strategies(res, res->backends[i].name,
		    &markdown_markup, out);
	report_markup_migration(res, &markdown_markup, out);
	report_markup_validation(res, &markdown_markup, out);
	if (res->n_cells > 0)
		report_markup_measurement(res, &markdown_markup, out);
	report_markup_failures(res, &markdown_markup, out);
	lines = report_recommendations(res, &n);
	report_markup_list(&markdown_markup, "Recommendations", lines, n, out);
	report_free_lines(lines, n);
	return DB_OK;
}

const struct report_ops report_markdown_ops = {
	.name = "markdown",
	.machine = 0,
	.write = markdown_write,
	.compare = compare_write_markdown,
};
