/*
 * suite_report_csv.c - one CSV row per configuration of `dbbench suite`
 *
 * The columns: strategy, workers, one per --param (named param_NAME),
 * runs, timeouts, the wall time's median and 95% CI, the median user
 * and system CPU, the peak RSS in KiB, the JUnit counts, the per-test and
 * start-up medians, whether every run passed, vs best and whether it is
 * the recommendation.  Times are nanoseconds.  A figure that was not
 * measured is an empty field.  Fields are quoted as RFC 4180 asks; lines
 * end with LF.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"

static void
field(struct strbuf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_adds(out, s);
		return;
	}
	strbuf_addc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

static void
number(struct strbuf *out, int have, double v)
{
	strbuf_addc(out, ',');
	if (have && isfinite(v))
		strbuf_addf(out, "%.10g", v);
}

static void
row(const struct suite_result *res, size_t i, struct strbuf *out)
{
	const struct suite_config *c = &res->configs[i];
	const struct suite_test **t;
	size_t k, nf, tests = suite_config_tests(c);
	int junit = c->n_samples > 0 && c->samples[0].junit_read;

	field(out, c->strategy ? c->strategy : "");
	strbuf_addc(out, ',');
	if (c->has_workers)
		strbuf_addf(out, "%u", c->workers);
	for (k = 0; k < res->opts->n_params; k++) {
		strbuf_addc(out, ',');
		field(out, c->param_values[k]);
	}
	strbuf_addf(out, ",%zu,%zu", c->n_samples, c->timeouts);
	number(out, c->wall.n, c->wall.median);
	number(out, c->wall.n, c->wall.ci95_low);
	number(out, c->wall.n, c->wall.ci95_high);
	number(out, c->cpu_user.n, c->cpu_user.median);
	number(out, c->cpu_sys.n, c->cpu_sys.median);
	number(out, c->n_samples, (double)c->max_rss_kb);
	nf = suite_failed_tests(c, &t);
	number(out, junit, (double)tests);
	number(out, junit, (double)nf);
	free(t);
	number(out, c->per_test.n, c->per_test.median);
	number(out, c->startup.n, c->startup.median);
	strbuf_addf(out, ",%d", c->all_passed);
	number(out, c->wall.n, c->vs_best);
	strbuf_addf(out, ",%d\n", res->recommended == (long)i);
}

void
suite_report_csv(const struct suite_result *res, struct strbuf *out)
{
	size_t i;

	strbuf_adds(out, "strategy,workers");
	for (i = 0; i < res->opts->n_params; i++) {
		strbuf_addf(out, ",param_%s", res->opts->params[i].name);
	}
	strbuf_adds(out, ",runs,timeouts,wall_median_ns,wall_ci95_low_ns,"
			 "wall_ci95_high_ns,cpu_user_median_ns,"
			 "cpu_sys_median_ns,max_rss_kb,tests,failed_tests,"
			 "per_test_median_ns,startup_median_ns,all_passed,"
			 "vs_best,recommended\n");
	for (i = 0; i < res->n_configs; i++)
		row(res, i, out);
}
