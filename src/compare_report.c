/*
 * compare_report.c - a comparison of two runs as text, Markdown or JSON
 *
 * A row per cell in both runs: old and new median suite overhead per test
 * and its change, old and new median per-test time and its change, the
 * Mann-Whitney p-value and the verdict; then the cells in one run only and
 * a count of the verdicts; a line for each cell with too few rounds for
 * the test to reach p < 0.05 ("not enough data").  Warnings are not written here: the caller
 * prints them on stderr.  With colour, a regression is red and an
 * improvement green.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "compare.h"

/* "0.0123", or "<0.0001". */
static void
format_p(char *buf, size_t len, double p)
{
	if (p < 0.0001)
		snprintf(buf, len, "<0.0001");
	else
		snprintf(buf, len, "%.4f", p);
}

/* "+50.0%", "-3.1%". */
static void
format_change(char *buf, size_t len, double change)
{
	snprintf(buf, len, "%+.1f%%", 100 * change);
}

/* "2026-11-26 15:00 UTC", or "" when the run does not say. */
static void
format_started(char *buf, size_t len, const struct run_result *res)
{
	struct tm tm;
	time_t t;

	buf[0] = '\0';
	if (res->started_unix == 0)
		return;
	t = (time_t)res->started_unix;
	gmtime_r(&t, &tm);
	strftime(buf, len, ", %Y-%m-%d %H:%M UTC", &tm);
}

/* The per-test change, "-" when a side has no successful test. */
static void
format_per_test_change(char *buf, size_t len, const struct compare_row *r)
{
	if (r->before->stats[SERIES_PER_TEST].n == 0 ||
	    r->after->stats[SERIES_PER_TEST].n == 0)
		snprintf(buf, len, "-");
	else
		format_change(buf, len, r->per_test_change);
}

static const char *
verdict_style(enum compare_verdict v)
{
	if (v == VERDICT_REGRESSION)
		return REPORT_ANSI_BAD;
	if (v == VERDICT_IMPROVEMENT)
		return REPORT_ANSI_GOOD;
	return NULL;
}

/* "1 regression, 0 improvements, 1 within threshold, 1 with no ..." */
static void
summary(const struct comparison *cmp, struct strbuf *out)
{
	size_t i, same = 0, within = 0, nodata = 0;

	for (i = 0; i < cmp->n_rows; i++)
		if (cmp->rows[i].verdict == VERDICT_SAME)
			same++;
		else if (cmp->rows[i].verdict == VERDICT_WITHIN)
			within++;
		else if (cmp->rows[i].verdict == VERDICT_NO_DATA)
			nodata++;
	strbuf_addf(out,
	    "%zu regression%s, %zu improvement%s, %zu within threshold, %zu "
	    "with no significant change",
	    cmp->regressions, cmp->regressions == 1 ? "" : "s",
	    cmp->improvements, cmp->improvements == 1 ? "" : "s", within,
	    same);
	if (cmp->too_few > 0)
		strbuf_addf(out, ", %zu with not enough data", cmp->too_few);
	if (nodata > 0)
		strbuf_addf(out, ", %zu without successful tests on one side",
		    nodata);
	strbuf_addf(out, " (threshold %g%%, p < %g)", 100 * cmp->threshold,
	    COMPARE_ALPHA);
}

/*
 * "not enough data: sqlite rollback: 2 rounds against 2 give p = 0.12 at
 * best, never p < 0.05; measure 4 or more rounds a side": one line for each
 * cell with too few rounds, lead before each.
 */
static void
too_few_lines(const struct comparison *cmp, const char *lead,
    struct strbuf *out)
{
	const struct compare_row *r;
	char name[160], p[32];
	size_t i;

	for (i = 0; i < cmp->n_rows; i++) {
		r = &cmp->rows[i];
		if (r->verdict != VERDICT_TOO_FEW)
			continue;
		compare_cell_name(name, sizeof name, r->after);
		format_p(p, sizeof p, r->min_p);
		strbuf_addf(out,
		    "%snot enough data: %s: %zu %s%s against %zu give p = "
		    "%s at best, never p < %g; measure more %s a side "
		    "(adaptive rounds, or --rounds 10)\n",
		    lead, name, r->before_n,
		    r->over_processes ? "process" : "round",
		    r->before_n == 1 ? "" : (r->over_processes ? "es" : "s"),
		    r->after_n, p, COMPARE_ALPHA,
		    r->over_processes ? "processes" : "rounds");
	}
}

static const char explanation[] =
    "overhead: suite fixture overhead per test, median of rounds; per test: "
    "median time of a test;\np: two-sided Mann-Whitney U over the "
    "processes' medians of it (the rounds' when a run had one process)";

/* Append s padded to width columns (a UTF-8 sequence is one column). */
/* "only in OLD.json: sqlite rollback": the cells of one run only, each
 * line after lead, the names through escape. */
static void
only_in_lines(const struct comparison *cmp, const char *lead,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	const char *side;
	char name[160];
	size_t i, n;
	int k;

	for (k = 0; k < 2; k++) {
		side = k == 0 ? cmp->before_name : cmp->after_name;
		n = k == 0 ? cmp->n_only_before : cmp->n_only_after;
		for (i = 0; i < n; i++) {
			compare_cell_name(name, sizeof name,
			    k == 0 ? cmp->only_before[i] : cmp->only_after[i]);
			strbuf_adds(out, lead);
			strbuf_adds(out, "only in ");
			escape(out, side);
			strbuf_adds(out, ": ");
			escape(out, name);
			strbuf_addc(out, '\n');
		}
	}
}

static void
pad_text(struct strbuf *out, const char *s, size_t width, int right)
{
	const unsigned char *p;
	size_t cols = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			cols++;
	if (right && cols < width)
		strbuf_pad(out, ' ', width - cols);
	strbuf_adds(out, s);
	if (!right && cols < width)
		strbuf_pad(out, ' ', width - cols);
}

/* The compare writers of the text, markdown and json formats
 * (struct report_ops.compare). */
int
compare_write_text(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err)
{
	const struct compare_row *r;
	char name[160], a[32], b[32], ch[32], p[32], when[48];
	const char *style;
	size_t i, width = 4, len;
	int color = opts != NULL && opts->color;

	(void)err;
	format_started(when, sizeof when, cmp->before);
	strbuf_addf(out, "comparing %s (dbbench %s%s)\n", cmp->before_name,
	    cmp->before->tool_version, when);
	format_started(when, sizeof when, cmp->after);
	strbuf_addf(out, "     with %s (dbbench %s%s)\n", cmp->after_name,
	    cmp->after->tool_version, when);
	strbuf_adds(out, explanation);
	strbuf_addf(out, ";\nregression or improvement: a change beyond %g%% "
			 "with p < %g; within threshold: p < %g, a smaller "
			 "change\n\n",
	    100 * cmp->threshold, COMPARE_ALPHA, COMPARE_ALPHA);
	for (i = 0; i < cmp->n_rows; i++) {
		compare_cell_name(name, sizeof name, cmp->rows[i].after);
		len = strlen(name);
		if (len > width)
			width = len;
	}
	pad_text(out, "cell", width + 2, 0);
	strbuf_adds(out, "old overhead  new overhead   change  old per test"
			 "  new per test   change        p  verdict\n");
	for (i = 0; i < cmp->n_rows; i++) {
		r = &cmp->rows[i];
		compare_cell_name(name, sizeof name, r->after);
		pad_text(out, name, width + 2, 0);
		report_format_stat(a, sizeof a, &r->before->suite_overhead_stats,
		    r->before_overhead);
		report_format_stat(b, sizeof b, &r->after->suite_overhead_stats,
		    r->after_overhead);
		pad_text(out, a, 12, 1);
		pad_text(out, b, 14, 1);
		format_change(ch, sizeof ch, r->overhead_change);
		pad_text(out, r->verdict == VERDICT_NO_DATA ? "-" : ch, 9, 1);
		report_format_stat(a, sizeof a, &r->before->stats[SERIES_PER_TEST],
		    r->before_per_test);
		report_format_stat(b, sizeof b, &r->after->stats[SERIES_PER_TEST],
		    r->after_per_test);
		pad_text(out, a, 14, 1);
		pad_text(out, b, 14, 1);
		format_per_test_change(ch, sizeof ch, r);
		pad_text(out, ch, 9, 1);
		format_p(p, sizeof p, r->p);
		pad_text(out, r->verdict == VERDICT_NO_DATA ? "-" : p, 9, 1);
		strbuf_adds(out, "  ");
		style = color ? verdict_style(r->verdict) : NULL;
		if (style != NULL)
			strbuf_adds(out, style);
		strbuf_adds(out, compare_verdict_name(r->verdict));
		if (style != NULL)
			strbuf_adds(out, REPORT_ANSI_RESET);
		strbuf_addc(out, '\n');
	}
	if (cmp->n_rows == 0)
		strbuf_adds(out, "(no cell is in both runs)\n");
	only_in_lines(cmp, "", strbuf_adds, out);
	too_few_lines(cmp, "", out);
	strbuf_addc(out, '\n');
	summary(cmp, out);
	strbuf_adds(out, "\n");
	return DB_OK;
}

int
compare_write_markdown(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err)
{
	const struct compare_row *r;
	char name[160], a[32], b[32], ch[32], p[32];
	size_t i;

	(void)opts;
	(void)err;
	strbuf_adds(out, "### Comparison: ");
	report_markdown_escape(out, cmp->before_name);
	strbuf_adds(out, " \xe2\x86\x92 ");
	report_markdown_escape(out, cmp->after_name);
	strbuf_adds(out, "\n\n| cell | old overhead | new overhead | change | "
			 "old per test | new per test | change | p | verdict "
			 "|\n|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
	for (i = 0; i < cmp->n_rows; i++) {
		r = &cmp->rows[i];
		compare_cell_name(name, sizeof name, r->after);
		strbuf_adds(out, "| ");
		report_markdown_escape(out, name);
		report_format_stat(a, sizeof a, &r->before->suite_overhead_stats,
		    r->before_overhead);
		report_format_stat(b, sizeof b, &r->after->suite_overhead_stats,
		    r->after_overhead);
		format_change(ch, sizeof ch, r->overhead_change);
		strbuf_addf(out, " | %s | %s | %s |", a, b,
		    r->verdict == VERDICT_NO_DATA ? "-" : ch);
		report_format_stat(a, sizeof a, &r->before->stats[SERIES_PER_TEST],
		    r->before_per_test);
		report_format_stat(b, sizeof b, &r->after->stats[SERIES_PER_TEST],
		    r->after_per_test);
		format_per_test_change(ch, sizeof ch, r);
		format_p(p, sizeof p, r->p);
		strbuf_addf(out, " %s | %s | %s | %s | %s%s%s |\n", a, b, ch,
		    r->verdict == VERDICT_NO_DATA ? "-" : p,
		    r->verdict == VERDICT_REGRESSION ? "**" : "",
		    compare_verdict_name(r->verdict),
		    r->verdict == VERDICT_REGRESSION ? "**" : "");
	}
	if (cmp->n_only_before + cmp->n_only_after > 0)
		strbuf_addc(out, '\n');
	only_in_lines(cmp, "- ", report_markdown_escape, out);
	if (cmp->too_few > 0)
		strbuf_addc(out, '\n');
	too_few_lines(cmp, "- ", out);
	strbuf_adds(out, "\n**");
	summary(cmp, out);
	strbuf_adds(out, ".**\n\nOverhead: suite fixture overhead per test, "
			 "median of rounds.  Per test: median time of a "
			 "test.  p: two-sided Mann-Whitney U over the "
			 "processes' medians of it (the rounds' when a run "
			 "had one process).\n");
	return DB_OK;
}

static json_t *
cell_key_json(const struct cell *c)
{
	return json_pack("{s:s, s:s, s:i, s:s}", "backend", c->backend,
	    "strategy", c->strategy, "workers", (int)c->workers, "pool",
	    c->pool);
}

static json_t *
side_json(const char *name, const struct run_result *res)
{
	char started[32];
	struct tm tm;
	time_t t;

	t = (time_t)res->started_unix;
	gmtime_r(&t, &tm);
	strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:s, s:s}", "file", name, "tool_version",
	    res->tool_version, "started", started);
}

int
compare_write_json(const struct comparison *cmp,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err)
{
	const struct compare_row *r;
	json_t *root, *cells, *only, *o, *warnings;
	size_t i;
	int rc;

	(void)opts;
	cells = json_array();
	for (i = 0; i < cmp->n_rows; i++) {
		r = &cmp->rows[i];
		o = json_pack("{s:s, s:s, s:i, s:s, s:f, s:f, s:f, s:f, s:f, "
			      "s:f, s:f, s:s, s:I, s:I}",
			"backend", r->after->backend, "strategy",
			r->after->strategy, "workers", (int)r->after->workers,
			"pool", r->after->pool,
			"old_overhead_ns", r->before_overhead,
			"new_overhead_ns", r->after_overhead,
			"overhead_change_pct", 100 * r->overhead_change,
			"old_per_test_ns", r->before_per_test,
			"new_per_test_ns", r->after_per_test,
			"per_test_change_pct", 100 * r->per_test_change, "p",
			r->p, "verdict", compare_verdict_name(r->verdict),
			"old_rounds", (json_int_t)r->before->suite_overhead.n,
			"new_rounds", (json_int_t)r->after->suite_overhead.n);
		json_object_set_new(o, "min_p", json_real(r->min_p));
		json_array_append_new(cells, o);
	}
	root = json_pack("{s:i, s:o, s:o, s:f, s:f, s:o, s:I, s:I}",
	    "schema_version", 1, "old", side_json(cmp->before_name,
					    cmp->before),
	    "new", side_json(cmp->after_name, cmp->after), "threshold_pct",
	    100 * cmp->threshold, "alpha", COMPARE_ALPHA, "cells", cells,
	    "regressions", (json_int_t)cmp->regressions, "improvements",
	    (json_int_t)cmp->improvements);
	if (root != NULL)
		json_object_set_new(root, "not_enough_data",
		    json_integer((json_int_t)cmp->too_few));
	if (root == NULL)
		return db_error_set(err, DB_EIO,
		    "json: could not build the comparison");
	only = json_array();
	for (i = 0; i < cmp->n_only_before; i++)
		json_array_append_new(only, cell_key_json(cmp->only_before[i]));
	json_object_set_new(root, "only_old", only);
	only = json_array();
	for (i = 0; i < cmp->n_only_after; i++)
		json_array_append_new(only, cell_key_json(cmp->only_after[i]));
	json_object_set_new(root, "only_new", only);
	warnings = json_array();
	for (i = 0; i < cmp->n_warnings; i++)
		json_array_append_new(warnings,
		    json_string(cmp->warnings[i]));
	json_object_set_new(root, "warnings", warnings);
	rc = report_json_text(root, JSON_COMPACT | JSON_REAL_PRECISION(10),
	    "comparison", out, err);
	json_decref(root);
	return rc;
}

int
compare_write(const struct comparison *cmp, const struct report_ops *format,
    const struct report_options *opts, struct strbuf *out,
    struct db_error *err)
{
	char *names;

	if (format->compare != NULL)
		return format->compare(cmp, opts, out, err);
	names = report_names(1, " or ");
	db_error_set(err, DB_EUSAGE,
	    "compare: --format %s is not available (%s)", format->name,
	    names);
	free(names);
	return DB_EUSAGE;
}
