/*
 * suite_report_html.c - the HTML report of `dbbench suite`: one
 * self-contained page with the configurations' table, a chart of the
 * median wall time (with its 95% CI) against the worker count, one line
 * per strategy (and --param values), the failing tests, the isolation
 * signal and the recommendation.  Inline SVG and CSS, no script, no
 * external resource.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "suite.h"

#define CHART_W 640
#define CHART_H 320
#define PAD_L 70
#define PAD_R 160
#define PAD_T 20
#define PAD_B 45

static const char *const colours[] = { "#2b6cb0", "#c05621", "#2f855a",
	"#6b46c1", "#b83280", "#4a5568" };

static void
esc(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			strbuf_adds(out, "&lt;");
		else if (*s == '>')
			strbuf_adds(out, "&gt;");
		else if (*s == '&')
			strbuf_adds(out, "&amp;");
		else if (*s == '"')
			strbuf_adds(out, "&quot;");
		else
			strbuf_addc(out, *s);
	}
}

static void
table(const struct suite_result *res, struct strbuf *out)
{
	struct suite_figures f;
	size_t i;

	strbuf_adds(out, "<table><tr><th>configuration</th><th>wall "
			 "(median)</th><th>95% CI</th><th>runs</th><th>tests"
			 "</th><th>failing tests</th><th>CPU</th><th>peak "
			 "RSS</th><th>per test</th><th>vs best</th></tr>\n");
	for (i = 0; i < res->n_configs; i++) {
		const struct suite_config *c = &res->configs[i];
		const struct suite_test **t;
		size_t nf = suite_failed_tests(c, &t);

		free(t);
		strbuf_adds(out, "<tr><td>");
		suite_label(res, c, esc, out);
		if (c->n_samples == 0) {
			strbuf_addf(out, "</td><td colspan=\"9\">no timed "
					 "run%s</td></tr>\n",
			    c->timeouts ? " (timed out)" : "");
			continue;
		}
		suite_config_figures(c, "-", &f);
		strbuf_addf(out, "</td><td>%s</td><td>%s – %s</td><td>%zu</td>",
		    f.median, f.ci_low, f.ci_high, c->n_samples);
		if (c->samples[0].junit_read)
			strbuf_addf(out, "<td>%zu</td><td>%zu</td>",
			    suite_config_tests(c), nf);
		else
			strbuf_adds(out, "<td>-</td><td>-</td>");
		strbuf_addf(out, "<td>%s</td><td>%.1f MiB</td><td>%s</td>"
				 "<td>%s</td></tr>\n",
		    f.cpu, c->max_rss_kb / 1024.0, f.per_test, f.vs_best);
	}
	strbuf_adds(out, "</table>\n");
}

static double
x_of(const struct suite_result *res, unsigned workers)
{
	size_t i, pos = 0, n = res->opts->n_workers;

	for (i = 0; i < n; i++)
		pos += res->opts->workers[i] < workers;
	return PAD_L + (n > 1 ? (double)pos / (double)(n - 1) : 0.5) *
	    (CHART_W - PAD_L - PAD_R);
}

static double
y_of(double ns, double top)
{
	return PAD_T + (1 - ns / top) * (CHART_H - PAD_T - PAD_B);
}

static void
axes(const struct suite_result *res, double top, struct strbuf *out)
{
	char v[32];
	size_t i;
	int k;

	strbuf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			 "stroke=\"#444\"/>\n",
	    PAD_L, CHART_H - PAD_B, CHART_W - PAD_R, CHART_H - PAD_B);
	for (k = 0; k <= 4; k++) {
		report_format_ns(v, sizeof v, top * k / 4);
		strbuf_addf(out, "<text x=\"%d\" y=\"%.1f\" "
				 "text-anchor=\"end\">%s</text>\n",
		    PAD_L - 6, y_of(top * k / 4, top) + 4, v);
	}
	for (i = 0; i < res->opts->n_workers; i++)
		strbuf_addf(out, "<text x=\"%.1f\" y=\"%d\" "
				 "text-anchor=\"middle\">%u</text>\n",
		    x_of(res, res->opts->workers[i]), CHART_H - PAD_B + 18,
		    res->opts->workers[i]);
	strbuf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
			 "workers</text>\n",
	    (CHART_W - PAD_R + PAD_L) / 2, CHART_H - 6);
}

/* One strategy's line, its points and CI whiskers, and its legend. */
static void
series(const struct suite_result *res, size_t first, size_t nth, double top,
    struct strbuf *out)
{
	const char *colour = colours[nth % (sizeof colours / sizeof *colours)];
	const struct suite_config *c = &res->configs[first], *d;
	size_t j;
	int any = 0;

	strbuf_addf(out, "<polyline fill=\"none\" stroke=\"%s\" "
			 "stroke-width=\"2\" points=\"",
	    colour);
	for (j = first; j < res->n_configs; j++) {
		d = &res->configs[j];
		if (suite_same_group(res, c, d) && d->wall.n > 0)
			strbuf_addf(out, "%s%.1f,%.1f", any++ ? " " : "",
			    x_of(res, d->workers), y_of(d->wall.median, top));
	}
	strbuf_adds(out, "\"/>\n");
	for (j = first; j < res->n_configs; j++) {
		d = &res->configs[j];
		if (!suite_same_group(res, c, d) || d->wall.n == 0)
			continue;
		strbuf_addf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				 "y2=\"%.1f\" stroke=\"%s\"/><circle "
				 "cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n",
		    x_of(res, d->workers), y_of(d->wall.ci95_low, top),
		    x_of(res, d->workers), y_of(d->wall.ci95_high, top), colour,
		    x_of(res, d->workers), y_of(d->wall.median, top), colour);
	}
	strbuf_addf(out, "<text x=\"%d\" y=\"%.0f\" fill=\"%s\">",
	    CHART_W - PAD_R + 12, PAD_T + 16.0 * (double)nth + 8, colour);
	if (c->strategy != NULL)
		esc(out, c->strategy);
	for (j = 0; j < res->opts->n_params; j++) {
		strbuf_adds(out, " ");
		esc(out, res->opts->params[j].name);
		strbuf_adds(out, "=");
		esc(out, c->param_values[j]);
	}
	strbuf_adds(out, "</text>\n");
}

static void
chart(const struct suite_result *res, struct strbuf *out)
{
	double top = 0;
	size_t i, j, nth = 0;
	int seen;

	if (res->opts->n_workers < 2)
		return;
	for (i = 0; i < res->n_configs; i++)
		if (res->configs[i].wall.n > 0 &&
		    res->configs[i].wall.ci95_high > top)
			top = res->configs[i].wall.ci95_high;
	if (!(top > 0))
		return;
	top *= 1.1;
	strbuf_addf(out, "<h2>Wall time against workers</h2>\n<svg "
			 "class=\"chart\" width=\"%d\" height=\"%d\" "
			 "role=\"img\" aria-label=\"median wall time per "
			 "worker count, one line per strategy\">\n",
	    CHART_W, CHART_H);
	axes(res, top, out);
	for (i = 0; i < res->n_configs; i++) {
		for (seen = 0, j = 0; j < i; j++)
			seen |= suite_same_group(res, &res->configs[j],
			    &res->configs[i]);
		if (!seen)
			series(res, i, nth++, top, out);
	}
	strbuf_adds(out, "</svg>\n<p class=\"note\">Points: median wall "
			 "time; bars: its 95% confidence interval.</p>\n");
}

static void
findings(const struct suite_result *res, struct strbuf *out)
{
	static const char *const strong[2] = { "<strong>", "</strong>" };
	const struct suite_test **t;
	size_t i, k, n;

	for (i = 0; i < res->n_isolation; i++) {
		strbuf_adds(out, i ? "" : "<h2>Isolation</h2>\n<ul>\n");
		strbuf_adds(out, "<li><code>");
		esc(out, res->isolation[i].test);
		strbuf_adds(out, "</code>: ");
		suite_isolation_where(res, &res->isolation[i], "; ", esc, out);
		strbuf_adds(out, "</li>\n");
	}
	if (res->n_isolation)
		strbuf_adds(out, "</ul>\n");
	for (i = 0; i < res->n_configs; i++) {
		n = suite_failed_tests(&res->configs[i], &t);
		for (k = 0; k < n; k++) {
			strbuf_adds(out, "<p class=\"fail\">");
			suite_label(res, &res->configs[i], esc, out);
			strbuf_adds(out, ": <code>");
			esc(out, t[k]->name);
			strbuf_addf(out, "</code> failed in %u of %u runs</p>\n",
			    t[k]->failed, t[k]->runs);
		}
		free(t);
	}
	strbuf_adds(out, "<h2>Recommendation</h2>\n<p>");
	if (!suite_recommended_lead(res, strong, esc, out)) {
		strbuf_adds(out, "</p>\n");
		return;
	}
	if (res->runner_up >= 0)
		strbuf_addf(out, "; %.1f%% faster than the next, %s "
				 "(Mann&ndash;Whitney p = %.2g)",
		    suite_margin_pct(res),
		    res->margin_p < 0.05 ? "significant" : "not significant",
		    res->margin_p);
	strbuf_adds(out, ".</p>\n");
}

void
suite_report_html(const struct suite_result *res, struct strbuf *out)
{
	strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
			 "charset=\"utf-8\"><title>dbbench suite</title>\n"
			 "<style>body{font-family:sans-serif;margin:2em}"
			 "table{border-collapse:collapse}td,th{border:1px "
			 "solid #ccc;padding:4px 8px;text-align:right}"
			 "td:first-child{text-align:left}.chart text{font-"
			 "size:12px}.fail{color:#9b2c2c}.note{color:#555}"
			 "</style></head><body>\n<h1>dbbench suite</h1>\n"
			 "<p><code>");
	suite_command_line(res, esc, out);
	strbuf_adds(out, "</code>: ");
	suite_run_summary(res, out);
	strbuf_adds(out, "</p>\n");
	table(res, out);
	chart(res, out);
	findings(res, out);
	strbuf_adds(out, "</body></html>\n");
}
