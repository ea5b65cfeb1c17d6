/*
 * suite_report_markdown.c - the Markdown report of `dbbench suite`
 *
 * The text report's content as GitHub-flavoured Markdown, for a pull
 * request or a wiki: a table of the configurations, the failing tests,
 * the isolation signal, the worker counts and the recommendation.  Names
 * that come from the user (strategies, tests) are escaped.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "suite.h"

static void
table(const struct suite_result *res, struct strbuf *out)
{
	struct suite_figures f;
	size_t i;

	strbuf_adds(out, "| configuration | wall (median) | 95% CI | runs | "
			 "tests | failing tests | CPU | peak RSS | per test | vs "
			 "best |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < res->n_configs; i++) {
		const struct suite_config *c = &res->configs[i];
		size_t tests = suite_config_tests(c);

		strbuf_adds(out, "| ");
		suite_label(res, c, report_markdown_escape, out);
		if (c->n_samples == 0) {
			strbuf_addf(out, " | no timed run%s | | 0 | | | | | | |\n",
			    c->timeouts ? " (timed out)" : "");
			continue;
		}
		suite_config_figures(c, "–", &f);
		strbuf_addf(out, " | %s | %s – %s | %zu | ", f.median,
		    f.ci_low, f.ci_high, c->n_samples);
		if (c->n_samples && c->samples[0].junit_read) {
			const struct suite_test **t;
			size_t nf = suite_failed_tests(c, &t);

			strbuf_addf(out, "%zu | %zu | ", tests, nf);
			free(t);
		} else {
			strbuf_adds(out, "– | – | ");
		}
		strbuf_addf(out, "%s | %.1f MiB | %s | %s |\n", f.cpu,
		    c->max_rss_kb / 1024.0, f.per_test, f.vs_best);
	}
}

static void
failing(const struct suite_result *res, struct strbuf *out)
{
	const struct suite_test **t;
	size_t i, k, n;
	int header = 0;

	for (i = 0; i < res->n_configs; i++) {
		n = suite_failed_tests(&res->configs[i], &t);
		for (k = 0; k < n; k++) {
			if (!header)
				strbuf_adds(out, "\n### Failing tests\n\n");
			header = 1;
			strbuf_adds(out, "- ");
			suite_label(res, &res->configs[i],
			    report_markdown_escape, out);
			strbuf_adds(out, ": `");
			strbuf_adds(out, t[k]->name);
			strbuf_addf(out, "` (failed in %u of %u runs)\n",
			    t[k]->failed, t[k]->runs);
		}
		free(t);
	}
}

static void
isolation(const struct suite_result *res, struct strbuf *out)
{
	size_t i;

	if (res->n_isolation == 0)
		return;
	strbuf_adds(out, "\n### Isolation: tests that pass under one "
			 "configuration and fail under another\n\n");
	for (i = 0; i < res->n_isolation; i++) {
		const struct suite_isolation *e = &res->isolation[i];

		strbuf_addf(out, "- `%s`: ", e->test);
		suite_isolation_where(res, e, "; ", report_markdown_escape,
		    out);
		strbuf_addc(out, '\n');
	}
}

static void
recommendation(const struct suite_result *res, struct strbuf *out)
{
	char mb[32];

	static const char *const strong[2] = { "**", "**" };

	strbuf_adds(out, "\n### Recommendation\n\n");
	if (!suite_recommended_lead(res, strong, report_markdown_escape,
	        out)) {
		strbuf_addc(out, '\n');
		return;
	}
	if (res->runner_up < 0) {
		strbuf_adds(out, " (the only one).\n");
		return;
	}
	report_format_ns(mb, sizeof mb,
	    res->configs[res->runner_up].wall.median);
	strbuf_addf(out, "; %.1f%% faster than ", suite_margin_pct(res));
	suite_label(res, &res->configs[res->runner_up],
	    report_markdown_escape, out);
	strbuf_addf(out, " (%s): %s (Mann–Whitney p = %.2g).\n", mb,
	    res->margin_p < 0.05 ? "significant" : "not significant",
	    res->margin_p);
}

static void
workers(const struct suite_result *res, struct strbuf *out)
{
	char per[32], n[32];
	size_t i, k;

	if (res->n_scaling == 0)
		return;
	strbuf_adds(out, "\n### Worker counts\n\n");
	for (i = 0; i < res->n_scaling; i++) {
		const struct suite_scaling *g = &res->scaling[i];
		const struct suite_config *c = &res->configs[g->pts[0].config];
		char label[160];

		suite_group_label(res, c, label, sizeof label);
		strbuf_adds(out, "- ");
		report_markdown_escape(out, label);
		strbuf_addf(out, ": fastest measured %u worker%s; %s fits "
				 "better",
		    g->best_measured, g->best_measured == 1 ? "" : "s",
		    g->model.usl_better ? "the Universal Scalability Law"
					: "Amdahl's law");
		if (g->has_startup) {
			report_format_ns(per, sizeof per,
			    g->startup_per_worker_ns);
			strbuf_addf(out, "; start-up %s per worker; predicted "
					 "best %u workers",
			    per, g->predicted_best);
		}
		for (k = 0; k < g->n_cross; k++) {
			report_format_count(n, sizeof n, g->cross[k].tests);
			strbuf_addf(out, "; %u workers up to ~%s tests, %u "
					 "beyond",
			    g->cross[k].from_workers, n,
			    g->cross[k].to_workers);
		}
		strbuf_adds(out, "\n");
	}
}

void
suite_report_markdown(const struct suite_result *res, struct strbuf *out)
{
	strbuf_adds(out, "## dbbench suite\n\n`");
	suite_command_line(res, strbuf_adds, out);
	strbuf_adds(out, "`: ");
	suite_run_summary(res, out);
	strbuf_adds(out, "\n\n");
	table(res, out);
	failing(res, out);
	isolation(res, out);
	workers(res, out);
	recommendation(res, out);
}
