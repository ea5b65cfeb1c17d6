/*
 * suite_compare.c - two suite runs side by side: `dbbench compare OLD.json
 * NEW.json` on saved suite runs, and `dbbench suite --baseline FILE`
 *
 * Configurations are matched by strategy, workers and --param values.
 * For each one in both runs: the median wall time before and after, its
 * relative change, and the two-sided Mann-Whitney U p-value of the two
 * runs' wall times.  The verdicts are those of compare.h: regression
 * (slower by more than the threshold, p < 0.05), improvement, within
 * threshold (p < 0.05, a smaller change), no significant change, no data.
 * A regression makes the status DB_EREGRESS (exit 3).  Both sides are
 * read from the JSON report, the live run's too, so a saved run compares
 * exactly as the run that wrote it.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "output.h"
#include "report.h"
#include "suite.h"
#include "xmalloc.h"

void
suite_json_label(json_t *c, int workers, char *buf, size_t len)
{
	json_t *s = json_object_get(c, "strategy"), *w, *v;
	const char *k;
	size_t used = 0;

	buf[0] = '\0';
	if (json_is_string(s))
		used += (size_t)snprintf(buf, len, "%s", json_string_value(s));
	w = json_object_get(c, "workers");
	if (workers && json_is_integer(w) && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    "%s%lld worker%s", used ? ", " : "",
		    (long long)json_integer_value(w),
		    json_integer_value(w) == 1 ? "" : "s");
	json_object_foreach(json_object_get(c, "params"), k, v)
	{
		if (used < len && json_is_string(v))
			used += (size_t)snprintf(buf + used, len - used,
			    "%s%s=%s", used ? ", " : "", k,
			    json_string_value(v));
	}
	if (used == 0)
		snprintf(buf, len, "the command");
}

static int
same_config(json_t *a, json_t *b)
{
	return json_equal(json_object_get(a, "strategy"),
		   json_object_get(b, "strategy")) &&
	    json_equal(json_object_get(a, "workers"),
		json_object_get(b, "workers")) &&
	    json_equal(json_object_get(a, "params"),
		json_object_get(b, "params"));
}

/* The wall times of c's runs; the count. */
static size_t
walls(json_t *c, int64_t **out)
{
	json_t *samples = json_object_get(c, "samples"), *w;
	size_t i, n = 0;

	*out = xcalloc(json_array_size(samples) + 1, sizeof **out);
	for (i = 0; i < json_array_size(samples); i++) {
		w = json_object_get(json_array_get(samples, i), "wall_ns");
		if (json_is_integer(w))
			(*out)[n++] = (int64_t)json_integer_value(w);
	}
	return n;
}

static double
median_of(const int64_t *v, size_t n)
{
	struct stats s;

	stats_summarize(v, n, &s);
	return s.median;
}

/* One matched configuration: its row of the comparison. */
static json_t *
compare_config(json_t *before, json_t *after, double threshold)
{
	char label[160];
	int64_t *vb, *va;
	size_t nb, na;
	double mb, ma, change, p;
	enum compare_verdict v;
	json_t *row;

	suite_json_label(after, 1, label, sizeof label);
	row = json_pack("{s:O, s:O, s:O, s:s}", "strategy",
	    json_object_get(after, "strategy"), "workers",
	    json_object_get(after, "workers"), "params",
	    json_object_get(after, "params"), "label", label);
	nb = walls(before, &vb);
	na = walls(after, &va);
	if (nb == 0 || na == 0) {
		json_object_update_new(row,
		    json_pack("{s:n, s:n, s:n, s:n, s:s}", "before_median_ns",
			"after_median_ns", "change", "p", "verdict",
			compare_verdict_name(VERDICT_NO_DATA)));
		free(vb);
		free(va);
		return row;
	}
	mb = median_of(vb, nb);
	ma = median_of(va, na);
	change = ma / mb - 1;
	p = stats_mann_whitney_p(vb, nb, va, na);
	if (!(p < COMPARE_ALPHA))
		v = VERDICT_SAME;
	else if (change > threshold)
		v = VERDICT_REGRESSION;
	else if (change < -threshold)
		v = VERDICT_IMPROVEMENT;
	else
		v = VERDICT_WITHIN;
	json_object_update_new(row,
	    json_pack("{s:f, s:f, s:f, s:f, s:s}", "before_median_ns", mb,
		"after_median_ns", ma, "change", change, "p", p, "verdict",
		compare_verdict_name(v)));
	free(vb);
	free(va);
	return row;
}

static json_t *
find_config(json_t *configs, json_t *c)
{
	size_t i;

	for (i = 0; i < json_array_size(configs); i++)
		if (same_config(json_array_get(configs, i), c))
			return json_array_get(configs, i);
	return NULL;
}

/* The labels of the configurations of these that others lack. */
static json_t *
only_in(json_t *these, json_t *others)
{
	char label[160];
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < json_array_size(these); i++)
		if (find_config(others, json_array_get(these, i)) == NULL) {
			suite_json_label(json_array_get(these, i), 1, label,
			    sizeof label);
			json_array_append_new(a, json_string(label));
		}
	return a;
}

static json_t *
configs_of(json_t *root)
{
	return json_object_get(json_object_get(root, "suite"), "configs");
}

/*
 * Compare two suite reports: the comparison as the JSON object the
 * writers below render (doc/json.md); *regressions counts the
 * configurations that regressed.
 */
static json_t *
compare_roots(json_t *before, const char *before_name, json_t *after,
    const char *after_name, double threshold, size_t *regressions)
{
	json_t *cb = configs_of(before), *ca = configs_of(after), *m, *rows,
	       *row;
	size_t i;

	*regressions = 0;
	rows = json_array();
	for (i = 0; i < json_array_size(ca); i++) {
		m = find_config(cb, json_array_get(ca, i));
		if (m == NULL)
			continue;
		row = compare_config(m, json_array_get(ca, i), threshold);
		*regressions += strcmp(json_string_value(json_object_get(row,
					   "verdict")),
				    compare_verdict_name(VERDICT_REGRESSION)) ==
		    0;
		json_array_append_new(rows, row);
	}
	return json_pack("{s:s, s:s, s:f, s:f, s:o, s:o, s:o, s:I}", "before",
	    before_name, "after", after_name, "threshold", threshold, "alpha",
	    COMPARE_ALPHA, "configs", rows, "only_in_before", only_in(cb, ca),
	    "only_in_after", only_in(ca, cb), "regressions",
	    (json_int_t)*regressions);
}

static double
num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void
compare_text(json_t *cmp, struct strbuf *out)
{
	char b[32], a[32];
	json_t *row, *label;
	size_t i;

	strbuf_addf(out,
	    "suite comparison: %s -> %s (a regression: slower by more than "
	    "%g%%, p < %g)\n  %-28s %9s %9s %8s %7s  %s\n",
	    str(cmp, "before"), str(cmp, "after"), num(cmp, "threshold") * 100,
	    COMPARE_ALPHA, "configuration", "before", "after", "change", "p",
	    "verdict");
	json_array_foreach(json_object_get(cmp, "configs"), i, row)
	{
		if (json_is_null(json_object_get(row, "p"))) {
			strbuf_addf(out, "  %-28s %s\n", str(row, "label"),
			    str(row, "verdict"));
			continue;
		}
		report_format_ns(b, sizeof b, num(row, "before_median_ns"));
		report_format_ns(a, sizeof a, num(row, "after_median_ns"));
		strbuf_addf(out, "  %-28s %9s %9s %+7.1f%% %7.2g  %s\n",
		    str(row, "label"), b, a, num(row, "change") * 100,
		    num(row, "p"), str(row, "verdict"));
	}
	json_array_foreach(json_object_get(cmp, "only_in_before"), i, label)
		strbuf_addf(out, "  only in %s: %s\n", str(cmp, "before"),
		    json_string_value(label));
	json_array_foreach(json_object_get(cmp, "only_in_after"), i, label)
		strbuf_addf(out, "  only in %s: %s\n", str(cmp, "after"),
		    json_string_value(label));
}

/* A Markdown cell: | and line breaks would break the table. */
static void
md_cell(const char *s, struct strbuf *out)
{
	for (; *s; s++)
		if (*s == '|')
			strbuf_adds(out, "\\|");
		else
			strbuf_addc(out, *s == '\n' ? ' ' : *s);
}

static void
compare_markdown(json_t *cmp, struct strbuf *out)
{
	char b[32], a[32];
	json_t *row, *label;
	size_t i;

	strbuf_adds(out, "## Suite comparison: `");
	md_cell(str(cmp, "before"), out);
	strbuf_adds(out, "` → `");
	md_cell(str(cmp, "after"), out);
	strbuf_addf(out,
	    "`\n\nA regression: slower by more than %g%%, p < %g.\n\n"
	    "| configuration | before | after | change | p | verdict |\n"
	    "|---|---:|---:|---:|---:|---|\n",
	    num(cmp, "threshold") * 100, COMPARE_ALPHA);
	json_array_foreach(json_object_get(cmp, "configs"), i, row)
	{
		strbuf_adds(out, "| ");
		md_cell(str(row, "label"), out);
		if (json_is_null(json_object_get(row, "p"))) {
			strbuf_addf(out, " | - | - | - | - | %s |\n",
			    str(row, "verdict"));
			continue;
		}
		report_format_ns(b, sizeof b, num(row, "before_median_ns"));
		report_format_ns(a, sizeof a, num(row, "after_median_ns"));
		strbuf_addf(out, " | %s | %s | %+.1f%% | %.2g | %s%s%s |\n", b,
		    a, num(row, "change") * 100, num(row, "p"),
		    strcmp(str(row, "verdict"), "regression") == 0 ? "**" : "",
		    str(row, "verdict"),
		    strcmp(str(row, "verdict"), "regression") == 0 ? "**" : "");
	}
	json_array_foreach(json_object_get(cmp, "only_in_before"), i, label)
	{
		strbuf_addf(out, "%sOnly in `%s`: ", i ? "" : "\n",
		    str(cmp, "before"));
		md_cell(json_string_value(label), out);
		strbuf_adds(out, "\n");
	}
	json_array_foreach(json_object_get(cmp, "only_in_after"), i, label)
	{
		strbuf_addf(out, "%sOnly in `%s`: ", i ? "" : "\n",
		    str(cmp, "after"));
		md_cell(json_string_value(label), out);
		strbuf_adds(out, "\n");
	}
}

/* The comparison in format: text, markdown or json. */
static int
render_comparison(json_t *cmp, const struct report_ops *format,
    struct strbuf *out, struct db_error *err)
{
	if (format == &report_markdown_ops) {
		compare_markdown(cmp, out);
		return DB_OK;
	}
	if (format != &report_json_ops) {
		compare_text(cmp, out);
		return DB_OK;
	}
	return report_json_text(cmp, JSON_INDENT(2) | JSON_REAL_PRECISION(10),
	    "comparison", out, err);
}

static json_t *
load(const char *path, struct db_error *err)
{
	json_error_t jerr;
	json_t *root;

	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		db_error_set(err, DB_EUSAGE, "%s:%d:%d: %s", path, jerr.line,
		    jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_array(configs_of(root))) {
		json_decref(root);
		db_error_set(err, DB_EUSAGE,
		    "%s: not a dbbench suite report (no suite.configs)", path);
		return NULL;
	}
	return root;
}

static int
finish(size_t regressions, struct db_error *err)
{
	if (regressions > 0)
		return db_error_set(err, DB_EREGRESS,
		    "suite: %zu configuration%s regressed", regressions,
		    regressions == 1 ? "" : "s");
	return DB_OK;
}

/*
 * The comparison of before with after in format, after lead, written to
 * output (NULL: standard output); exit status 3 on a regression.  Takes
 * before and after.
 */
static int
compare_and_write(json_t *before, const char *before_name, json_t *after,
    const char *after_name, double threshold, const struct report_ops *format,
    const char *lead, const char *output, struct db_error *err)
{
	json_t *cmp;
	struct strbuf out;
	size_t regressions;
	int rc;

	strbuf_init(&out);
	cmp = compare_roots(before, before_name, after, after_name, threshold,
	    &regressions);
	strbuf_adds(&out, lead);
	rc = render_comparison(cmp, format, &out, err);
	if (rc == DB_OK)
		rc = output_write(output, out.buf, out.len, err);
	strbuf_fini(&out);
	json_decref(cmp);
	json_decref(before);
	json_decref(after);
	return rc == DB_OK ? finish(regressions, err) : rc;
}

int
suite_compare_files(const char *before_path, const char *after_path,
    double threshold, const struct report_ops *format, const char *output,
    struct db_error *err)
{
	json_t *before, *after;

	if (format->compare == NULL)
		return db_error_set(err, DB_EUSAGE,
		    "compare: suite runs are compared in text, markdown or "
		    "json, not %s",
		    format->name);
	before = load(before_path, err);
	if (before == NULL)
		return err->code;
	after = load(after_path, err);
	if (after == NULL) {
		json_decref(before);
		return err->code;
	}
	return compare_and_write(before, before_path, after, after_path,
	    threshold, format, "", output, err);
}

/* --baseline: the comparison of this run, on standard output; Markdown
 * after a Markdown report, text otherwise. */
int
suite_compare_baseline(const struct suite_result *res, const char *path,
    double threshold, struct db_error *err)
{
	json_t *before, *after;
	struct strbuf js;
	int rc;

	before = load(path, err);
	if (before == NULL)
		return err->code;
	strbuf_init(&js);
	rc = suite_report_json(res, &js, err);
	after = rc == DB_OK ? json_loads(js.buf, 0, NULL) : NULL;
	strbuf_fini(&js);
	if (after == NULL) {
		json_decref(before);
		return rc != DB_OK ? rc
				   : db_error_set(err, DB_EIO,
					 "suite: cannot read this run's report");
	}
	if (res->opts->format == &report_markdown_ops)
		return compare_and_write(before, path, after, "this run",
		    threshold, &report_markdown_ops, "\n", NULL, err);
	return compare_and_write(before, path, after, "this run", threshold,
	    &report_text_ops, "", NULL, err);
}

/* Is path a suite report dbbench can compare against?  Before measuring. */
int
suite_check_baseline(const char *path, struct db_error *err)
{
	json_t *root = load(path, err);

	if (root == NULL)
		return db_error_prefix(err, "--baseline: ");
	json_decref(root);
	return DB_OK;
}
