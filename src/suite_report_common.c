/*
 * suite_report_common.c - what the reports of `dbbench suite` share
 *
 * The text, Markdown and HTML reports of a suite run mark up the same
 * pieces: a list of configurations by label, a configuration's figures
 * as printed, and the margin of the recommended configuration over the
 * next one.  Each is formatted here once; the writers add their markup.
 */
#include "config.h"

#include <stdio.h>

#include "report.h"
#include "suite.h"

void
suite_command_line(const struct suite_result *res,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	size_t i;

	for (i = 0; i < res->opts->n_command; i++) {
		strbuf_adds(out, i ? " " : "");
		escape(out, res->opts->command[i]);
	}
}

void
suite_run_summary(const struct suite_result *res, struct strbuf *out)
{
	strbuf_addf(out, "%zu configurations in %.0f s (seed %llu)%s",
	    res->n_configs, res->elapsed_s, (unsigned long long)res->opts->seed,
	    res->interrupted ? ", interrupted" : "");
}

void
suite_label(const struct suite_result *res, const struct suite_config *c,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	char label[160];

	suite_config_label(res, c, label, sizeof label);
	escape(out, label);
}

void
suite_config_list(const struct suite_result *res, const size_t *idx, size_t n,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_adds(out, i ? ", (" : "(");
		suite_label(res, &res->configs[idx[i]], escape, out);
		strbuf_addc(out, ')');
	}
}

void
suite_config_figures(const struct suite_config *c, const char *none,
    struct suite_figures *f)
{
	report_format_ns(f->median, sizeof f->median, c->wall.median);
	report_format_ns(f->ci_low, sizeof f->ci_low, c->wall.ci95_low);
	report_format_ns(f->ci_high, sizeof f->ci_high, c->wall.ci95_high);
	report_format_ns(f->cpu, sizeof f->cpu,
	    c->cpu_user.median + c->cpu_sys.median);
	snprintf(f->per_test, sizeof f->per_test, "%s", none);
	if (c->per_test.n)
		report_format_ns(f->per_test, sizeof f->per_test,
		    c->per_test.median);
	if (c->vs_best == 0)
		snprintf(f->vs_best, sizeof f->vs_best, "best");
	else
		snprintf(f->vs_best, sizeof f->vs_best, "+%.1f%%",
		    c->vs_best * 100);
}

void
suite_isolation_where(const struct suite_result *res,
    const struct suite_isolation *e, const char *sep,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	strbuf_adds(out, "fails under ");
	suite_config_list(res, e->fails_in, e->n_fails_in, escape, out);
	strbuf_adds(out, sep);
	strbuf_adds(out, "passes under ");
	suite_config_list(res, e->passes_in, e->n_passes_in, escape, out);
}

int
suite_recommended_lead(const struct suite_result *res,
    const char *const strong[2],
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out)
{
	char median[32];

	if (res->recommended < 0) {
		strbuf_adds(out, "None: no configuration passed every timed "
		                 "run.");
		return 0;
	}
	report_format_ns(median, sizeof median,
	    res->configs[res->recommended].wall.median);
	strbuf_adds(out, strong[0]);
	suite_label(res, &res->configs[res->recommended], escape, out);
	strbuf_addf(out,
	    "%s (%s median), the fastest configuration whose "
	    "tests all passed",
	    strong[1], median);
	return 1;
}

double
suite_margin_pct(const struct suite_result *res)
{
	return (1 - res->configs[res->recommended].wall.median /
	                res->configs[res->runner_up].wall.median) *
	       100;
}
