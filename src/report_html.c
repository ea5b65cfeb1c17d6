/*
 * report_html.c - one self-contained page with tables and SVG charts
 *
 * Everything the page needs is in it: a <style> element, the decision and
 * the tables of the text report (the isolation matrix coloured by verdict,
 * each scenario that went wrong with its observations and mitigation, the
 * migration risks and the state checks), and charts drawn here as inline
 * SVG, labelled with the worker count when several ran:
 *
 *   overhead   every cell's suite overhead per test on a log scale, a bar
 *              to the median with its 95% CI as whiskers;
 *   scaling    the wall time of a suite run against the worker count, for
 *              every (backend, strategy, pool) the run measured at more
 *              than one worker count; left out when there is none;
 *   latency    per cell, a histogram of per-test times (setup + body +
 *              teardown) from the raw samples, in log-spaced bins, with
 *              the median marked.
 *
 * No script, font, image or style sheet is loaded from anywhere.  Every
 * piece of text that comes from the run is escaped.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_markup.h"
#include "xmalloc.h"

#define CHART_WIDTH 820
#define HIST_WIDTH 400
#define HIST_HEIGHT 190
#define HIST_MIN_BINS 8
#define HIST_MAX_BINS 48
#define HIST_BINS_PER_DECADE 12

/* One colour a backend, in the order of the run's backends. */
static const char *const palette[] = { "#2b6cb0", "#c05621", "#2f855a",
	"#6b46c1" };

static const char page_style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1a202c;background:#fff;max-width:1100px;margin:2em auto;"
    "padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;"
    "margin-top:1.8em;border-bottom:1px solid #e2e8f0;padding-bottom:.2em}\n"
    "p.meta{color:#4a5568;margin:.2em 0}\n"
    "table{border-collapse:collapse;margin:.8em 0;font-size:.92em}\n"
    "th,td{padding:.3em .7em;border-bottom:1px solid #e2e8f0;"
    "text-align:right;white-space:nowrap}\n"
    "th{background:#f7fafc}th:first-child,td:first-child{text-align:left}\n"
    "th.text,td.text{text-align:left;white-space:normal}\n"
    "tr.best td{font-weight:600;color:#22543d;background:#f0fff4}\n"
    "p.note{color:#4a5568;font-size:.9em}\n"
    "svg{display:block;margin:.6em 0;max-width:100%;height:auto}\n"
    "svg text{font-family:inherit;font-size:12px;fill:#2d3748}\n"
    "svg .grid{stroke:#e2e8f0;stroke-width:1}\n"
    "svg .axis{stroke:#a0aec0;stroke-width:1}\n"
    "svg .whisker{stroke:#1a202c;stroke-width:1.5}\n"
    "svg .median{stroke:#1a202c;stroke-width:1.5;stroke-dasharray:4 3}\n"
    "svg .title{font-weight:600}\n"
    "div.hists{display:flex;flex-wrap:wrap;gap:0 1.5em}\n"
    "div.decision{border-left:4px solid #2b6cb0;background:#ebf8ff;"
    "padding:.4em 1em;margin:1em 0}\n"
    "div.decision ul{margin:.3em 0;padding-left:1.2em}\n"
    "table.matrix th,table.matrix td{text-align:left}\n"
    "td.v-isolated{background:#c6f6d5;color:#22543d}\n"
    "td.v-leak{background:#fed7d7;color:#822727;font-weight:600}\n"
    "td.v-false-pass{background:#feebc8;color:#7b341e;font-weight:600}\n"
    "td.v-error{background:#e9d8fd;color:#44337a;font-weight:600}\n"
    "td.v-na{background:#edf2f7;color:#718096}\n"
    "dl.scenarios dt{font-weight:600;margin-top:.6em}\n"
    "dl.scenarios dd{margin-left:1.5em}\n";

/* Append s with &, <, >, " and ' replaced by character references. */
static void
html_escape(struct strbuf *out, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\'':
			strbuf_adds(out, "&#39;");
			break;
		default:
			strbuf_addc(out, *s);
		}
}

static const char *
backend_colour(const struct run_result *res, const char *backend)
{
	size_t i;

	for (i = 0; i < res->n_backends; i++)
		if (strcmp(res->backends[i].name, backend) == 0)
			return palette[i % (sizeof palette / sizeof *palette)];
	return palette[0];
}

/* "1 ns", "10 µs", "1 s": the label of the power of ten 10^k ns. */
static void
decade_label(char *buf, size_t len, int k)
{
	static const char *const units[] = { "ns", "\xc2\xb5s", "ms", "s" };
	int u = k / 3;

	if (k < 0)
		u = 0;
	if (u > 3)
		u = 3;
	snprintf(buf, len, "%g %s", pow(10, k - 3 * u), units[u]);
}

/* <text> at (x, y) with an anchor and an optional class, escaped. */
static void
svg_text(struct strbuf *out, double x, double y, const char *anchor,
    const char *cls, const char *text)
{
	strbuf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x,
	    y, anchor);
	if (cls != NULL)
		strbuf_addf(out, " class=\"%s\"", cls);
	strbuf_addc(out, '>');
	html_escape(out, text);
	strbuf_adds(out, "</text>\n");
}

static void
svg_open(struct strbuf *out, const char *cls, int width, int height,
    const char *label)
{
	strbuf_addf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"",
	    cls, width, height, width, height);
	html_escape(out, label);
	strbuf_adds(out, "\">\n");
}

/* A log10 axis from 10^lo to 10^hi mapped onto [x0, x1]. */
struct log_axis {
	double lo, hi; /* log10 of the ends */
	double x0, x1;
};

static double
log_x(const struct log_axis *a, double v)
{
	double l = log10(v < 1 ? 1 : v);

	if (l < a->lo)
		l = a->lo;
	if (l > a->hi)
		l = a->hi;
	return a->x0 + (l - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

/* "sqlite rollback 2 workers": report_cell_label into a buffer. */
static void
cell_label(const struct run_result *res, const struct cell *c, char *buf,
    size_t len)
{
	struct strbuf sb;

	strbuf_init(&sb);
	report_cell_label(res, c, &sb);
	snprintf(buf, len, "%s", sb.buf);
	strbuf_fini(&sb);
}

static int
has_overhead(const struct cell *c)
{
	return c->suite_overhead_stats.n > 0;
}

/*
 * The overhead chart: a row a cell, a bar from the axis to the median suite
 * overhead per test, whiskers over its 95% CI, on a log scale in whole
 * decades.
 */
static void
chart_overhead(const struct run_result *res, struct strbuf *out)
{
	const struct cell *c;
	const struct stats *s;
	struct log_axis ax;
	char label[96], ci[72], med[32];
	double vmin = 0, vmax = 0, y, xm, xl, xh;
	size_t i, n = 0;
	int k, height, row = 26, top = 10;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (!has_overhead(c))
			continue;
		s = &c->suite_overhead_stats;
		if (n == 0 || fmin(s->ci95_low, s->median) < vmin)
			vmin = fmin(s->ci95_low, s->median);
		if (n == 0 || fmax(s->ci95_high, s->median) > vmax)
			vmax = fmax(s->ci95_high, s->median);
		n++;
	}
	if (n == 0)
		return;
	ax.lo = floor(log10(vmin < 1 ? 1 : vmin));
	ax.hi = ceil(log10(vmax < 1 ? 1 : vmax));
	if (ax.hi <= ax.lo)
		ax.hi = ax.lo + 1;
	ax.x0 = 190;
	ax.x1 = CHART_WIDTH - 90;
	height = top + (int)n * row + 40;
	strbuf_adds(out, "<h2>Overhead per test</h2>\n");
	svg_open(out, "chart-overhead", CHART_WIDTH, height,
	    "Fixture overhead per test of each strategy, log scale, with 95% "
	    "confidence intervals");
	for (k = (int)ax.lo; k <= (int)ax.hi; k++) {
		xm = log_x(&ax, pow(10, k));
		strbuf_addf(out,
		    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%d\"/>\n",
		    xm, top, xm, top + (int)n * row);
		decade_label(label, sizeof label, k);
		svg_text(out, xm, top + (double)n * row + 16, "middle", NULL,
		    label);
	}
	svg_text(out, (ax.x0 + ax.x1) / 2, height - 6, "middle", NULL,
	    "suite overhead per test, median of rounds (log scale); "
	    "whiskers: 95% CI");
	n = 0;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (!has_overhead(c))
			continue;
		s = &c->suite_overhead_stats;
		y = top + (double)n * row;
		xm = log_x(&ax, s->median);
		xl = log_x(&ax, s->ci95_low);
		xh = log_x(&ax, s->ci95_high);
		report_format_ns(med, sizeof med, s->median);
		cell_label(res, c, label, sizeof label);
		svg_text(out, ax.x0 - 8, y + row / 2.0 + 4, "end", NULL, label);
		strbuf_addf(out,
		    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%d\" fill=\"%s\"><title>",
		    ax.x0, y + 5, xm - ax.x0 < 1 ? 1 : xm - ax.x0, row - 10,
		    backend_colour(res, c->backend));
		html_escape(out, label);
		report_format_ci(ci, sizeof ci, c);
		strbuf_addf(out, ": %s per test, %s%s</title></rect>\n", med,
		    report_has_ci(c) ? "95% CI " : "", ci);
		if (report_has_ci(c))
			strbuf_addf(out,
			    "<path class=\"whisker\" d=\"M%.1f %.1fH%.1f"
			    "M%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>\n",
			    xl, y + row / 2.0, xh, xl, y + 8, y + row - 8, xh,
			    y + 8, y + row - 8);
		svg_text(out, fmax(xm, xh) + 6, y + row / 2.0 + 4, "start",
		    NULL, med);
		n++;
	}
	strbuf_addf(out,
	    "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
	    "y2=\"%d\"/>\n",
	    ax.x0, top, ax.x0, top + (int)n * row);
	strbuf_adds(out, "</svg>\n");
}

/* 1 when cells a and b are the same configuration but for workers. */
static int
same_series(const struct cell *a, const struct cell *b)
{
	return strcmp(a->backend, b->backend) == 0 &&
	    strcmp(a->strategy, b->strategy) == 0 &&
	    strcmp(a->pool, b->pool) == 0;
}

/* 1 when cell i starts a series measured at two or more worker counts. */
static int
scaling_series_start(const struct run_result *res, size_t i)
{
	const struct cell *c = &res->cells[i];
	size_t j;
	int other = 0;

	if (c->wall_stats.n == 0)
		return 0;
	for (j = 0; j < res->n_cells; j++) {
		if (!same_series(c, &res->cells[j]) ||
		    res->cells[j].wall_stats.n == 0)
			continue;
		if (j < i)
			return 0; /* an earlier cell starts it */
		if (res->cells[j].workers != c->workers)
			other = 1;
	}
	return other;
}

/*
 * The scaling chart: median wall time of a suite run against the worker
 * count, a line a (backend, strategy, pool).  Drawn only when some series
 * has two or more worker counts.
 */
static void
chart_scaling(const struct run_result *res, struct strbuf *out)
{
	const struct cell *c, *d;
	char label[96], value[32];
	double ymax = 0, px, py, x0 = 80, x1 = CHART_WIDTH - 250, y0, y1 = 14;
	unsigned wmax = 1, w;
	size_t i, j, series = 0, legend = 0;
	int height = 300, k;

	for (i = 0; i < res->n_cells; i++)
		if (scaling_series_start(res, i))
			series++;
	if (series == 0)
		return;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->wall_stats.n == 0)
			continue;
		if (c->wall_stats.median > ymax)
			ymax = c->wall_stats.median;
		if (c->workers > wmax)
			wmax = c->workers;
	}
	ymax *= 1.1;
	if (!(ymax > 0))
		ymax = 1;
	y0 = height - 46;
	strbuf_adds(out, "<h2>Scaling with workers</h2>\n");
	svg_open(out, "chart-scaling", CHART_WIDTH, height,
	    "Wall time of a suite run by number of workers");
	for (k = 0; k <= 4; k++) {
		py = y0 - (y0 - y1) * k / 4.0;
		strbuf_addf(out,
		    "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\"/>\n",
		    x0, py, x1, py);
		report_format_ns(value, sizeof value, ymax * k / 4.0);
		svg_text(out, x0 - 6, py + 4, "end", NULL, value);
	}
	for (w = 1; w <= wmax; w++) {
		for (i = 0; i < res->n_cells; i++)
			if (res->cells[i].workers == w &&
			    res->cells[i].wall_stats.n > 0)
				break;
		if (i == res->n_cells)
			continue;
		px = wmax > 1 ? x0 + (x1 - x0) * (w - 1) / (double)(wmax - 1)
			      : x0;
		snprintf(value, sizeof value, "%u", w);
		svg_text(out, px, y0 + 16, "middle", NULL, value);
	}
	svg_text(out, (x0 + x1) / 2, height - 8, "middle", NULL,
	    "workers; wall time of a suite run, median of rounds");
	for (i = 0; i < res->n_cells; i++) {
		if (!scaling_series_start(res, i))
			continue;
		c = &res->cells[i];
		strbuf_addf(out, "<g class=\"series\" stroke=\"%s\" fill=\"%s\">"
				 "\n<polyline fill=\"none\" stroke-width=\"2\" "
				 "points=\"",
		    palette[legend % (sizeof palette / sizeof *palette)],
		    palette[legend % (sizeof palette / sizeof *palette)]);
		for (w = 1; w <= wmax; w++)
			for (j = 0; j < res->n_cells; j++) {
				d = &res->cells[j];
				if (!same_series(c, d) || d->workers != w ||
				    d->wall_stats.n == 0)
					continue;
				px = wmax > 1 ? x0 + (x1 - x0) * (w - 1) /
						(double)(wmax - 1)
					      : x0;
				py = y0 - (y0 - y1) * d->wall_stats.median /
				    ymax;
				strbuf_addf(out, "%.1f,%.1f ", px, py);
			}
		strbuf_adds(out, "\"/>\n");
		for (j = 0; j < res->n_cells; j++) {
			d = &res->cells[j];
			if (!same_series(c, d) || d->wall_stats.n == 0)
				continue;
			px = wmax > 1 ? x0 + (x1 - x0) * (d->workers - 1) /
					(double)(wmax - 1)
				      : x0;
			py = y0 - (y0 - y1) * d->wall_stats.median / ymax;
			report_format_ns(value, sizeof value,
			    d->wall_stats.median);
			strbuf_addf(out,
			    "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"4\"><title>%u workers: %s</title></circle>\n",
			    px, py, d->workers, value);
		}
		strbuf_adds(out, "</g>\n");
		snprintf(label, sizeof label, "%s %s (%s)", c->backend,
		    c->strategy, c->pool);
		strbuf_addf(out,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/>\n",
		    x1 + 16, y1 + (double)legend * 20,
		    palette[legend % (sizeof palette / sizeof *palette)]);
		svg_text(out, x1 + 34, y1 + (double)legend * 20 + 10, "start",
		    NULL, label);
		legend++;
	}
	strbuf_adds(out, "</svg>\n");
}

/*
 * A histogram of a cell's per-test times: bins of equal width in log10
 * between the fastest and the slowest test, about a dozen a decade.
 */
static void
chart_histogram(const struct run_result *res, const struct cell *c,
    struct strbuf *out)
{
	const struct sample_vec *v = &c->samples[SERIES_PER_TEST];
	const struct stats *s = &c->stats[SERIES_PER_TEST];
	struct log_axis ax;
	size_t *count, i, peak = 0;
	char label[160], name[96], a[32], b[32];
	double vlo, vhi, x, y0 = HIST_HEIGHT - 34, y1 = 30, bx0, bx1, h;
	int nb, k, decades = 0;

	vlo = s->min < 1 ? 1 : s->min;
	vhi = s->max < vlo ? vlo : s->max;
	nb = (int)ceil(log10(vhi / vlo) * HIST_BINS_PER_DECADE);
	if (nb < HIST_MIN_BINS)
		nb = HIST_MIN_BINS;
	if (nb > HIST_MAX_BINS)
		nb = HIST_MAX_BINS;
	ax.lo = log10(vlo);
	ax.hi = log10(vhi);
	if (ax.hi - ax.lo < 1e-9) {
		ax.lo -= 0.05;
		ax.hi += 0.05;
	}
	ax.x0 = 44;
	ax.x1 = HIST_WIDTH - 12;
	count = xcalloc((size_t)nb, sizeof *count);
	for (i = 0; i < v->n; i++) {
		x = log10(v->v[i] < 1 ? 1 : (double)v->v[i]);
		k = (int)floor((x - ax.lo) / (ax.hi - ax.lo) * nb);
		if (k < 0)
			k = 0;
		if (k >= nb)
			k = nb - 1;
		if (++count[k] > peak)
			peak = count[k];
	}
	cell_label(res, c, name, sizeof name);
	snprintf(label, sizeof label, "%s: per-test time of %zu tests", name,
	    v->n);
	svg_open(out, "histogram", HIST_WIDTH, HIST_HEIGHT, label);
	svg_text(out, ax.x0, 14, "start", "title", label);
	snprintf(a, sizeof a, "%zu", peak);
	svg_text(out, ax.x0 - 6, y1 + 4, "end", NULL, a);
	svg_text(out, ax.x0 - 6, y0, "end", NULL, "0");
	for (k = (int)ceil(ax.lo); k <= (int)floor(ax.hi); k++)
		decades++;
	if (decades >= 2) {
		for (k = (int)ceil(ax.lo); k <= (int)floor(ax.hi); k++) {
			x = log_x(&ax, pow(10, k));
			strbuf_addf(out,
			    "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\"/>\n",
			    x, y1, x, y0);
			decade_label(a, sizeof a, k);
			svg_text(out, x, y0 + 14, "middle", NULL, a);
		}
	} else {
		report_format_ns(a, sizeof a, vlo);
		report_format_ns(b, sizeof b, vhi);
		svg_text(out, ax.x0, y0 + 14, "start", NULL, a);
		svg_text(out, ax.x1, y0 + 14, "end", NULL, b);
	}
	svg_text(out, (ax.x0 + ax.x1) / 2, HIST_HEIGHT - 4, "middle", NULL,
	    "setup + body + teardown (log scale); bars: tests");
	for (k = 0; k < nb; k++) {
		if (count[k] == 0)
			continue;
		bx0 = ax.x0 + (ax.x1 - ax.x0) * k / nb;
		bx1 = ax.x0 + (ax.x1 - ax.x0) * (k + 1) / nb;
		h = (y0 - y1) * (double)count[k] / (double)peak;
		report_format_ns(a, sizeof a,
		    pow(10, ax.lo + (ax.hi - ax.lo) * k / nb));
		report_format_ns(b, sizeof b,
		    pow(10, ax.lo + (ax.hi - ax.lo) * (k + 1) / nb));
		strbuf_addf(out,
		    "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"><title>%s \xe2\x80\x93 %s: %zu "
		    "tests</title></rect>\n",
		    bx0 + 0.5, y0 - h, bx1 - bx0 - 1 < 1 ? 1 : bx1 - bx0 - 1,
		    h, backend_colour(res, c->backend), a, b, count[k]);
	}
	strbuf_addf(out,
	    "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\"/>\n",
	    ax.x0, y0, ax.x1, y0);
	x = log_x(&ax, s->median);
	strbuf_addf(out,
	    "<line class=\"median\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\"/>\n",
	    x, y1 - 6, x, y0);
	report_format_ns(a, sizeof a, s->median);
	snprintf(label, sizeof label, "median %s", a);
	if (x > (ax.x0 + ax.x1) / 2)
		svg_text(out, x - 4, y1 - 2, "end", NULL, label);
	else
		svg_text(out, x + 4, y1 - 2, "start", NULL, label);
	strbuf_adds(out, "</svg>\n");
	free(count);
}

static void
charts_latency(const struct run_result *res, struct strbuf *out)
{
	size_t i;
	int any = 0;

	for (i = 0; i < res->n_cells; i++) {
		if (res->cells[i].samples[SERIES_PER_TEST].n == 0)
			continue;
		if (!any)
			strbuf_adds(out, "<h2>Per-test time</h2>\n"
					 "<div class=\"hists\">\n");
		any = 1;
		chart_histogram(res, &res->cells[i], out);
	}
	if (any)
		strbuf_adds(out, "</div>\n");
}

/* "v-false-pass": the class of a verdict's matrix cell. */
static void
verdict_class(struct strbuf *out, enum verdict v)
{
	const char *p;

	strbuf_adds(out, "v-");
	for (p = v == VERDICT_NA ? "na" : verdict_names[v]; *p != '\0'; p++)
		strbuf_addc(out, *p == ' ' ? '-' : *p);
}

static void
html_table_open(struct strbuf *out, const char *cls)
{
	if (cls == NULL)
		strbuf_adds(out, "<table>\n");
	else
		strbuf_addf(out, "<table class=\"%s\">\n", cls);
}

/* <th> or <td>, of class text for a left-aligned column after the first
 * and coloured by verdict. */
static void
html_cell_open(struct strbuf *out, int head, char align, int verdict)
{
	strbuf_adds(out, head ? "<th" : "<td");
	if (align == 'l' || verdict >= 0) {
		strbuf_adds(out, " class=\"");
		strbuf_adds(out, align == 'l' ? "text" : "");
		if (verdict >= 0) {
			strbuf_adds(out, align == 'l' ? " " : "");
			verdict_class(out, (enum verdict)verdict);
		}
		strbuf_addc(out, '"');
	}
	strbuf_addc(out, '>');
}

static void
html_head_end(struct strbuf *out, const char *aligns)
{
	(void)aligns;
	strbuf_adds(out, "</tr>\n");
}

/* A matrix cell coloured by verdict, what it observed on hover. */
static void
html_verdict_cell(struct strbuf *out, const struct validation *v)
{
	if (v == NULL) {
		strbuf_adds(out, "<td>-</td>");
		return;
	}
	strbuf_adds(out, "<td class=\"");
	verdict_class(out, v->verdict);
	strbuf_adds(out, "\" title=\"");
	html_escape(out, v->detail);
	strbuf_addf(out, "\">%s</td>", verdict_names[v->verdict]);
}

static const struct report_markup html_markup = {
	.escape = html_escape,
	.heading = { "<h2>", "</h2>\n" },
	.note = { "<p class=\"note\">", "</p>\n" },
	.para = { "<p>", "</p>\n" },
	.meta = { "<p class=\"meta\">", "</p>\n" },
	.list = { "<ul>\n", "</ul>\n" },
	.item = { "<li>", "</li>\n" },
	.sublist = { "<ul>\n", "</ul>" },
	.subitem = { "<li>", "</li>\n" },
	.sublist_end = "</li>\n",
	.term = { "<dt>", " (", ")</dt>\n<dd>", "</dd>\n" },
	.terms = { "<dl class=\"scenarios\">\n", "</dl>\n" },
	.best_row = "<tr class=\"best\">",
	.strong = { "", "" },
	.no_success = "<td colspan=\"8\" class=\"text\">no successful test"
		      "</td></tr>\n",
	.nothing_checked = "<li>nothing was checked</li>\n",
	.legend = "Isolated: nothing carried over and the code ran as in "
		  "production; leak: state visible to the next test; false "
		  "pass: a check production would fail passes; error: the "
		  "strategy cannot run that code; n/a: does not apply to this "
		  "backend or target (rows n/a everywhere are left out).  "
		  "Hover a cell for what it observed.",
	.table_open = html_table_open,
	.row = { "<tr>", "</tr>\n" },
	.cell_open = html_cell_open,
	.cell_close = { "</td>", "</th>" },
	.head_end = html_head_end,
	.verdict_cell = html_verdict_cell,
	.table_close = "</table>\n",
};

/* The decision: the strategy to use per backend, and why. */
static void
write_decision(const struct run_result *res, struct strbuf *out)
{
	char **lines;
	size_t n;

	lines = report_decision(res, &n);
	report_markup_lines(&html_markup, "<div class=\"decision\"><strong>"
	    "Decision</strong>\n<ul>\n", lines, n, "</ul></div>\n", out);
	report_free_lines(lines, n);
}

static void
write_head(const struct run_result *res, struct strbuf *out)
{
	char cost[32], floor[32], res_ns[32];

	strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
			 "content=\"width=device-width, initial-scale=1\">\n"
			 "<title>dbbench: workload ");
	html_escape(out, res->config.workload);
	strbuf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    page_style);
	strbuf_adds(out, "<h1>dbbench ");
	html_escape(out, res->tool_version);
	strbuf_adds(out, ": workload ");
	html_escape(out, res->config.workload);
	strbuf_adds(out, "</h1>\n");
	write_decision(res, out);
	strbuf_addf(out, "<p class=\"meta\">%u test bodies, suite of %u "
			 "tests a round.</p>\n<p class=\"meta\">Host: ",
	    res->config.workload_tests, res->config.tests);
	html_escape(out, res->host_cpu);
	strbuf_addf(out, ", %u cores, ", res->host_cores);
	html_escape(out, res->host_os);
	report_format_ns(cost, sizeof cost, res->timer_cost_ns);
	report_format_ns(floor, sizeof floor, res->harness_floor_ns);
	report_format_ns(res_ns, sizeof res_ns, res->timer_resolution_ns);
	strbuf_adds(out, ".</p>\n");
	if (res->n_cells > 0)
		strbuf_addf(out,
		    "<p class=\"meta\">Clock: CLOCK_MONOTONIC, resolution "
		    "%s, %s a reading; harness floor %s of overhead a test "
		    "(included below).</p>\n",
		    res_ns, cost, floor);
	report_markup_backends(res, &html_markup, out);
}

static int
html_write(const struct run_result *res, const struct report_options *opts,
    struct strbuf *out, struct db_error *err)
{
	char **lines;
	size_t i, n;

	(void)opts;
	(void)err;
	write_head(res, out);
	for (i = 0; i < res->n_backends && res->n_cells > 0; i++)
		report_markup_strategies(res, res->backends[i].name,
		    &html_markup, out);
	chart_overhead(res, out);
	report_markup_migration(res, &html_markup, out);
	chart_scaling(res, out);
	report_markup_validation(res, &html_markup, out);
	charts_latency(res, out);
	if (res->n_cells > 0)
		report_markup_measurement(res, &html_markup, out);
	report_markup_failures(res, &html_markup, out);
	lines = report_recommendations(res, &n);
	report_markup_list(&html_markup, "Recommendations", lines, n, out);
	report_free_lines(lines, n);
	strbuf_adds(out, "</body>\n</html>\n");
	return DB_OK;
}

const struct report_ops report_html_ops = {
	.name = "html",
	.machine = 1,
	.write = html_write,
	.compare = NULL,
};
