/*
 * suite_report_text.c - the text report of `dbbench suite`
 *
 * One table row per configuration (wall median and its 95% CI, runs,
 * tests and failures from JUnit, CPU, peak memory, the per-test median,
 * vs best), then the failing tests per configuration, the tests that
 * pass under one configuration and fail under another, runs that timed
 * out, and the recommendation.  A pure function of the analysed result.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "suite.h"
#include "xmalloc.h"

#define MAX_NAMES_SHOWN 10

static void
config_row(const struct suite_result *res, const struct suite_config *c,
    int width, struct strbuf *out)
{
	char label[160], med[32], lo[32], hi[32], cpu[32], pt[32], tests[24],
	    fails[24], rss[24], vs[24];
	const struct suite_sample *last = c->n_samples ? &c->samples[0] : NULL;
	size_t i, f = 0;

	suite_config_label(res, c, label, sizeof label);
	if (c->n_samples == 0) {
		strbuf_addf(out, "  %-*s %9s\n", width, label,
		    c->timeouts ? "no timed run: timed out" : "no timed run");
		return;
	}
	report_format_stat(med, sizeof med, &c->wall, c->wall.median);
	report_format_stat(lo, sizeof lo, &c->wall, c->wall.ci95_low);
	report_format_stat(hi, sizeof hi, &c->wall, c->wall.ci95_high);
	report_format_stat(cpu, sizeof cpu, &c->cpu_user,
	    c->cpu_user.median + c->cpu_sys.median);
	report_format_stat(pt, sizeof pt, &c->per_test, c->per_test.median);
	snprintf(tests, sizeof tests, "-");
	snprintf(fails, sizeof fails, "-");
	if (last != NULL && last->junit_read) {
		for (i = 0; i < c->n_samples; i++)
			if (c->samples[i].failures + c->samples[i].errors > f)
				f = c->samples[i].failures +
				    c->samples[i].errors;
		snprintf(tests, sizeof tests, "%zu", last->tests);
		snprintf(fails, sizeof fails, "%zu", f);
	}
	if (c->n_samples)
		snprintf(rss, sizeof rss, "%.1f MiB", c->max_rss_kb / 1024.0);
	else
		snprintf(rss, sizeof rss, "-");
	if (isnan(c->vs_best))
		snprintf(vs, sizeof vs, "-");
	else if (c->vs_best == 0)
		snprintf(vs, sizeof vs, "best");
	else
		snprintf(vs, sizeof vs, "+%.1f%%", c->vs_best * 100);
	strbuf_addf(out, "  %-*s %9s  %9s - %-9s %4zu %6s %5s %9s %10s %9s %7s\n",
	    width, label, med, lo, hi, c->n_samples, tests, fails, cpu, rss, pt,
	    vs);
}

/* Runs of c that did not exit 0 and named no failing test. */
static void
failed_runs(const struct suite_result *res, const struct suite_config *c,
    int *header, struct strbuf *out)
{
	char label[160];
	size_t i, bad = 0, first = 0;

	for (i = 0; i < c->n_samples; i++)
		if (c->samples[i].end != SUITE_EXITED ||
		    c->samples[i].status != 0) {
			if (bad++ == 0)
				first = i;
		}
	if (bad == 0)
		return;
	if (!*header)
		strbuf_adds(out, "\nfailing tests:\n");
	*header = 1;
	suite_config_label(res, c, label, sizeof label);
	strbuf_addf(out, "  %s: %zu of %zu runs did not pass (%s %d in the "
			 "first)\n",
	    label, bad, c->n_samples,
	    c->samples[first].end == SUITE_EXITED ? "exit status" : "signal",
	    c->samples[first].status);
}

static void
failing_section(const struct suite_result *res, struct strbuf *out)
{
	const struct suite_test **t;
	char label[160];
	size_t i, k, n;
	int header = 0;

	for (i = 0; i < res->n_configs; i++) {
		const struct suite_config *c = &res->configs[i];

		n = suite_failed_tests(c, &t);
		if (n == 0)
			failed_runs(res, c, &header, out);
		if (n > 0 && !header) {
			strbuf_adds(out, "\nfailing tests:\n");
			header = 1;
		}
		suite_config_label(res, c, label, sizeof label);
		for (k = 0; k < n && k < MAX_NAMES_SHOWN; k++)
			strbuf_addf(out, "  %s: %s (failed in %u of %u runs)\n",
			    label, t[k]->name, t[k]->failed, t[k]->runs);
		if (n > MAX_NAMES_SHOWN)
			strbuf_addf(out, "  %s: and %zu more (-f json lists "
					 "them all)\n",
			    label, n - MAX_NAMES_SHOWN);
		free(t);
	}
}

static void
isolation_section(const struct suite_result *res, struct strbuf *out)
{
	size_t i;

	if (res->n_isolation == 0)
		return;
	strbuf_addf(out,
	    "\nisolation: %zu test%s pass%s under one configuration and "
	    "fail%s under another:\n",
	    res->n_isolation, res->n_isolation == 1 ? "" : "s",
	    res->n_isolation == 1 ? "es" : "", res->n_isolation == 1 ? "s" : "");
	for (i = 0; i < res->n_isolation; i++) {
		strbuf_addf(out, "  %s\n    ", res->isolation[i].test);
		suite_isolation_where(res, &res->isolation[i], "\n    ",
		    strbuf_adds, out);
		strbuf_addc(out, '\n');
	}
}

static void
startup_section(const struct suite_result *res, struct strbuf *out)
{
	char label[160], s[32], e[32];
	size_t i;

	if (res->opts->startup == NULL)
		return;
	strbuf_adds(out, "\nstart-up (--startup, medians) against the tests' "
			 "execution:\n");
	for (i = 0; i < res->n_configs; i++) {
		const struct suite_config *c = &res->configs[i];
		double exec;

		if (c->startup.n == 0 || c->wall.n == 0)
			continue;
		suite_config_label(res, c, label, sizeof label);
		exec = c->wall.median - c->startup.median;
		report_format_ns(s, sizeof s, c->startup.median);
		report_format_ns(e, sizeof e, exec > 0 ? exec : 0);
		strbuf_addf(out,
		    "  %s: start-up %s (%.0f%% of the run), tests %s\n", label,
		    s, 100 * c->startup.median / c->wall.median, e);
	}
}

/* Two significant digits: a crossover is an estimate ("~1,900"). */
static double
round2(double v)
{
	double m;

	if (!(v >= 100))
		return round(v);
	m = pow(10, floor(log10(v)) - 1);
	return round(v / m) * m;
}

static void
crossover_line(const struct suite_scaling *g, struct strbuf *out)
{
	char n[32];
	size_t k;

	if (g->n_cross == 0) {
		strbuf_addf(out, "    %u worker%s from 1 test to 1000 times "
				 "this suite's size\n",
		    g->first_best, g->first_best == 1 ? "" : "s");
		return;
	}
	strbuf_adds(out, "    ");
	for (k = 0; k < g->n_cross; k++) {
		report_format_count(n, sizeof n, round2(g->cross[k].tests));
		strbuf_addf(out, "%s%u worker%s up to ~%s tests",
		    k ? "; " : "", g->cross[k].from_workers,
		    g->cross[k].from_workers == 1 ? "" : "s", n);
	}
	strbuf_addf(out, "; %u worker%s beyond\n",
	    g->cross[g->n_cross - 1].to_workers,
	    g->cross[g->n_cross - 1].to_workers == 1 ? "" : "s");
}

static void
scaling_section(const struct suite_result *res, struct strbuf *out)
{
	const struct suite_scaling *g;
	char label[160], w[32], per[32];
	size_t i;

	if (res->n_scaling == 0)
		return;
	strbuf_adds(out, "\nworker counts:\n");
	for (i = 0; i < res->n_scaling; i++) {
		g = &res->scaling[i];
		suite_group_label(res, &res->configs[g->pts[0].config], label,
		    sizeof label);
		strbuf_addf(out, "  %s: fastest measured %u worker%s; %s "
				 "fits the %s speedups better",
		    label, g->best_measured, g->best_measured == 1 ? "" : "s",
		    g->model.usl_better ? "the Universal Scalability Law"
					: "Amdahl's law",
		    g->has_startup ? "tests'" : "whole runs'");
		if (g->model.usl_better)
			strbuf_addf(out, " (contention %.3g, coherency %.3g)",
			    g->model.usl_alpha, g->model.usl_beta);
		else
			strbuf_addf(out, " (parallel fraction %.2f)",
			    g->model.amdahl_p);
		strbuf_adds(out, "\n");
		if (!g->has_startup) {
			strbuf_adds(out, "    give --startup to split start-up "
					 "from the tests and predict other "
					 "counts and suite sizes\n");
			continue;
		}
		report_format_ns(per, sizeof per, g->startup_per_worker_ns);
		report_format_ns(w, sizeof w, g->predicted_wall_ns);
		strbuf_addf(out, "    start-up costs %s per worker; predicted "
				 "best for this suite: %u worker%s (%s)\n",
		    per, g->predicted_best, g->predicted_best == 1 ? "" : "s",
		    w);
		if (g->tests > 0)
			crossover_line(g, out);
	}
}

static void
recommendation(const struct suite_result *res, struct strbuf *out)
{
	const struct suite_config *a, *b;
	char la[160], lb[160], ma[32], mb[32];

	strbuf_addc(out, '\n');
	if (res->recommended < 0) {
		strbuf_adds(out, "recommended: none: no configuration passed "
				 "every timed run\n");
		return;
	}
	a = &res->configs[res->recommended];
	suite_config_label(res, a, la, sizeof la);
	report_format_ns(ma, sizeof ma, a->wall.median);
	if (res->runner_up < 0) {
		strbuf_addf(out,
		    "recommended: %s (%s median), the only configuration "
		    "whose tests all passed\n",
		    la, ma);
		return;
	}
	b = &res->configs[res->runner_up];
	suite_config_label(res, b, lb, sizeof lb);
	report_format_ns(mb, sizeof mb, b->wall.median);
	strbuf_addf(out,
	    "recommended: %s (%s median), the fastest whose tests all "
	    "passed;\n  %.1f%% faster than %s (%s): %s (Mann-Whitney p = "
	    "%.2g, %zu and %zu runs)\n",
	    la, ma, (1 - a->wall.median / b->wall.median) * 100, lb, mb,
	    res->margin_p < 0.05 ? "significant" : "not significant",
	    res->margin_p, a->n_samples, b->n_samples);
}

static void
notes(const struct suite_result *res, struct strbuf *out)
{
	char label[160];
	size_t i;
	int small = 0;

	for (i = 0; i < res->n_configs; i++) {
		const struct suite_config *c = &res->configs[i];

		if (c->n_samples > 0 && c->n_samples <= 10)
			small = 1;
		if (c->timeouts == 0)
			continue;
		suite_config_label(res, c, label, sizeof label);
		strbuf_addf(out,
		    "\n%s: a run timed out after %g s (--timeout): its "
		    "process group was killed, the run is not timed, and the "
		    "configuration was not run again",
		    label, res->opts->timeout);
	}
	if (small)
		strbuf_adds(out, "\nnote: with 10 runs or fewer the 95% CI "
				 "shown is the range of the runs");
	if (res->interrupted)
		strbuf_adds(out, "\nnote: interrupted; the figures are those "
				 "of the runs finished before it");
}

void
suite_report_text(const struct suite_result *res, struct strbuf *out)
{
	char label[160];
	size_t i, runs = 0;
	int width = 13;

	strbuf_adds(out, "dbbench suite: ");
	suite_command_line(res, strbuf_adds, out);
	for (i = 0; i < res->n_configs; i++) {
		suite_config_label(res, &res->configs[i], label, sizeof label);
		if ((int)strlen(label) > width)
			width = (int)strlen(label);
		runs += res->configs[i].n_samples;
	}
	strbuf_addf(out, "\n%zu configuration%s, %zu timed runs in %.0f s "
			 "(seed %llu)\n\n",
	    res->n_configs, res->n_configs == 1 ? "" : "s", runs,
	    res->elapsed_s, (unsigned long long)res->opts->seed);
	strbuf_addf(out,
	    "  %-*s %9s  %-21s %4s %6s %5s %9s %10s %9s %7s\n", width,
	    "configuration", "wall", "95% CI of the median", "runs", "tests",
	    "fail", "CPU", "peak RSS", "per test", "vs best");
	for (i = 0; i < res->n_configs; i++)
		config_row(res, &res->configs[i], width, out);
	strbuf_adds(out,
	    "  (wall: median of the runs; CPU: user + system of the command "
	    "and its\n  children; peak RSS: the largest single process; per "
	    "test: median JUnit time)\n");
	failing_section(res, out);
	isolation_section(res, out);
	startup_section(res, out);
	scaling_section(res, out);
	suite_dbshare_text(res, out);
	recommendation(res, out);
	notes(res, out);
	if (out->len > 0 && out->buf[out->len - 1] != '\n')
		strbuf_addc(out, '\n');
}
