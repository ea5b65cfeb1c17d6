/*
 * suite_report_json.c - the JSON report of `dbbench suite` (jansson)
 *
 * {"schema_version": 1, "tool": {...}, "started": "...", "elapsed_ns": N,
 *  "suite": {"command": [...], "configs": [CONFIG, ...],
 *            "recommended": {...} or null, "isolation": [...]}}
 *
 * Times are nanoseconds; STATS is the object of doc/json.md.  A figure
 * that was not measured (no JUnit report read, no timed run) is null or
 * absent, never zero.  Described in doc/json.md and doc/result-schema.json.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "suite.h"
#include "xmalloc.h"

#define SUITE_JSON_SCHEMA_VERSION 1

static json_t *
stats_or_null(const struct stats *s)
{
	if (s->n == 0)
		return json_null();
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, "
			 "s:f, s:I}",
	    "n", (json_int_t)s->n, "min", s->min, "median", s->median, "mean",
	    s->mean, "p95", s->p95, "p99", s->p99, "max", s->max, "stddev",
	    s->stddev, "mad", s->mad, "ci95_low", s->ci95_low, "ci95_high",
	    s->ci95_high, "outliers", (json_int_t)s->outliers);
}

static json_t *
number_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* strategy, workers and params of a configuration. */
static void
identity(const struct suite_result *res, const struct suite_config *c,
    json_t *o)
{
	json_t *params = json_object();
	size_t i;

	json_object_set_new(o, "strategy",
	    c->strategy ? json_string(c->strategy) : json_null());
	json_object_set_new(o, "workers",
	    c->has_workers ? json_integer(c->workers) : json_null());
	for (i = 0; i < res->opts->n_params; i++)
		json_object_set_new(params, res->opts->params[i].name,
		    json_string(c->param_values[i]));
	json_object_set_new(o, "params", params);
}

static const char *
end_name(enum suite_end end)
{
	switch (end) {
	case SUITE_EXITED:
		return "exited";
	case SUITE_SIGNALED:
		return "signaled";
	case SUITE_TIMEOUT:
		return "timeout";
	}
	return "exited";
}

static json_t *
sample_json(const struct suite_sample *s)
{
	json_t *o;

	o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:i}", "wall_ns",
	    (json_int_t)s->wall_ns, "cpu_user_ns", (json_int_t)s->user_ns,
	    "cpu_sys_ns", (json_int_t)s->sys_ns, "max_rss_kb",
	    (json_int_t)s->max_rss_kb, "end", end_name(s->end),
	    s->end == SUITE_SIGNALED ? "signal" : "exit_code", s->status);
	if (s->junit_read)
		json_object_update_new(o,
		    json_pack("{s:I, s:I, s:I, s:I}", "tests",
			(json_int_t)s->tests, "failures",
			(json_int_t)s->failures, "errors",
			(json_int_t)s->errors, "skipped",
			(json_int_t)s->skipped));
	return o;
}

static int
by_name(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

static json_t *
failed_tests_json(const struct suite_config *c)
{
	const char **names;
	json_t *a = json_array();
	size_t k, n = 0;

	names = xcalloc(c->tests.n + 1, sizeof *names);
	for (k = 0; k < c->tests.cap; k++)
		if (c->tests.slots[k].name != NULL &&
		    c->tests.slots[k].failed > 0)
			names[n++] = c->tests.slots[k].name;
	qsort(names, n, sizeof *names, by_name);
	for (k = 0; k < n; k++)
		json_array_append_new(a, json_string(names[k]));
	free(names);
	return a;
}

/* The same tests with the runs that reported and failed each. */
static json_t *
failed_test_runs_json(const struct suite_config *c)
{
	const struct suite_test **t;
	json_t *a = json_array();
	size_t k, n;

	n = suite_failed_tests(c, &t);
	for (k = 0; k < n; k++)
		json_array_append_new(a,
		    json_pack("{s:s, s:I, s:I}", "name", t[k]->name, "runs",
			(json_int_t)t[k]->runs, "failed",
			(json_int_t)t[k]->failed));
	free(t);
	return a;
}

/* The most any one timed run reported, per JUnit count. */
static void
junit_counts(const struct suite_config *c, json_t *o)
{
	size_t i, t = 0, f = 0, e = 0, s = 0;
	int read = 0;

	for (i = 0; i < c->n_samples; i++) {
		const struct suite_sample *x = &c->samples[i];

		if (!x->junit_read)
			continue;
		read = 1;
		t = x->tests > t ? x->tests : t;
		f = x->failures > f ? x->failures : f;
		e = x->errors > e ? x->errors : e;
		s = x->skipped > s ? x->skipped : s;
	}
	if (!read)
		return;
	json_object_update_new(o,
	    json_pack("{s:I, s:I, s:I, s:I}", "tests", (json_int_t)t,
		"failures", (json_int_t)f, "errors", (json_int_t)e, "skipped",
		(json_int_t)s));
	json_object_set_new(o, "failed_tests", failed_tests_json(c));
	json_object_set_new(o, "failed_test_runs", failed_test_runs_json(c));
	json_object_set_new(o, "per_test", stats_or_null(&c->per_test));
}

static json_t *
config_json(const struct suite_result *res, const struct suite_config *c)
{
	json_t *o = json_object(), *codes = json_array(),
	       *samples = json_array();
	size_t i;

	identity(res, c, o);
	for (i = 0; i < c->n_samples; i++) {
		json_array_append_new(codes,
		    json_integer(c->samples[i].end == SUITE_EXITED
			    ? c->samples[i].status
			    : 128 + c->samples[i].status));
		json_array_append_new(samples, sample_json(&c->samples[i]));
	}
	json_object_set_new(o, "runs", json_integer((json_int_t)c->n_samples));
	json_object_set_new(o, "timeouts",
	    json_integer((json_int_t)c->timeouts));
	json_object_set_new(o, "wall", stats_or_null(&c->wall));
	json_object_set_new(o, "cpu_user", stats_or_null(&c->cpu_user));
	json_object_set_new(o, "cpu_sys", stats_or_null(&c->cpu_sys));
	if (res->opts->startup != NULL)
		json_object_set_new(o, "startup", stats_or_null(&c->startup));
	json_object_set_new(o, "max_rss_kb",
	    c->n_samples ? json_integer(c->max_rss_kb) : json_null());
	json_object_set_new(o, "exit_codes", codes);
	junit_counts(c, o);
	json_object_set_new(o, "all_passed", json_boolean(c->all_passed));
	json_object_set_new(o, "vs_best", number_or_null(c->vs_best));
	json_object_set_new(o, "samples", samples);
	return o;
}

static json_t *
recommended_json(const struct suite_result *res)
{
	const struct suite_config *a;
	json_t *o;

	if (res->recommended < 0)
		return json_null();
	a = &res->configs[res->recommended];
	o = json_object();
	identity(res, a, o);
	json_object_set_new(o, "wall_median_ns", json_real(a->wall.median));
	if (res->runner_up >= 0) {
		json_t *r = json_object();

		identity(res, &res->configs[res->runner_up], r);
		json_object_set_new(r, "wall_median_ns",
		    json_real(res->configs[res->runner_up].wall.median));
		json_object_set_new(o, "runner_up", r);
		json_object_set_new(o, "margin", number_or_null(res->margin));
		json_object_set_new(o, "p", number_or_null(res->margin_p));
		json_object_set_new(o, "significant",
		    json_boolean(res->margin_p < 0.05));
	}
	return o;
}

static json_t *
config_refs(const struct suite_result *res, const size_t *idx, size_t n)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		o = json_object();
		identity(res, &res->configs[idx[i]], o);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
isolation_json(const struct suite_result *res)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < res->n_isolation; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:o, s:o}", "test", res->isolation[i].test,
			"fails_in",
			config_refs(res, res->isolation[i].fails_in,
			    res->isolation[i].n_fails_in),
			"passes_in",
			config_refs(res, res->isolation[i].passes_in,
			    res->isolation[i].n_passes_in)));
	return a;
}

static json_t *
scaling_json(const struct suite_result *res)
{
	const struct suite_scaling *g;
	json_t *a = json_array(), *o, *pts, *cross;
	size_t i, k;

	for (i = 0; i < res->n_scaling; i++) {
		g = &res->scaling[i];
		o = json_object();
		identity(res, &res->configs[g->pts[0].config], o);
		json_object_del(o, "workers");
		pts = json_array();
		for (k = 0; k < g->n; k++)
			json_array_append_new(pts,
			    json_pack("{s:i, s:f, s:o}", "workers",
				(int)g->pts[k].workers, "wall_ns",
				g->pts[k].wall_ns, "startup_ns",
				number_or_null(g->pts[k].startup_ns)));
		json_object_set_new(o, "points", pts);
		json_object_set_new(o, "tests",
		    g->tests ? json_integer((json_int_t)g->tests)
			     : json_null());
		json_object_set_new(o, "model",
		    json_string(g->model.usl_better ? "usl" : "amdahl"));
		json_object_set_new(o, "amdahl_p",
		    json_real(g->model.amdahl_p));
		json_object_set_new(o, "usl_alpha",
		    json_real(g->model.usl_alpha));
		json_object_set_new(o, "usl_beta", json_real(g->model.usl_beta));
		json_object_set_new(o, "best_measured_workers",
		    json_integer(g->best_measured));
		if (!g->has_startup) {
			json_array_append_new(a, o);
			continue;
		}
		json_object_set_new(o, "startup_per_worker_ns",
		    json_real(g->startup_per_worker_ns));
		json_object_set_new(o, "predicted_best_workers",
		    json_integer(g->predicted_best));
		json_object_set_new(o, "predicted_wall_ns",
		    number_or_null(g->predicted_wall_ns));
		cross = json_array();
		for (k = 0; k < g->n_cross; k++)
			json_array_append_new(cross,
			    json_pack("{s:f, s:i, s:i}", "tests",
				g->cross[k].tests, "from_workers",
				(int)g->cross[k].from_workers, "to_workers",
				(int)g->cross[k].to_workers));
		json_object_set_new(o, "crossovers", cross);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
dbshare_json(const struct suite_result *res)
{
	const struct suite_dbshare *r;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < res->n_dbshare; i++) {
		r = &res->dbshare[i];
		o = json_object();
		identity(res, &res->configs[r->config], o);
		json_object_set_new(o, "reference",
		    json_string(res->configs[r->reference].strategy));
		json_object_set_new(o, "backend", json_string(r->backend));
		json_object_set_new(o, "tests",
		    json_integer((json_int_t)r->tests));
		json_object_set_new(o, "suite_diff_ns",
		    json_real(r->suite_diff_ns));
		json_object_set_new(o, "db_diff_ns", json_real(r->db_diff_ns));
		json_object_set_new(o, "db_per_test_ns",
		    json_real(r->db_per_test_ns));
		json_object_set_new(o, "reference_db_per_test_ns",
		    json_real(r->ref_db_per_test_ns));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
suite_json(const struct suite_result *res)
{
	const struct suite_options *opts = res->opts;
	json_t *o = json_object(), *cmd = json_array(), *configs = json_array();
	size_t i;

	for (i = 0; i < opts->n_command; i++)
		json_array_append_new(cmd, json_string(opts->command[i]));
	for (i = 0; i < res->n_configs; i++)
		json_array_append_new(configs,
		    config_json(res, &res->configs[i]));
	json_object_set_new(o, "command", cmd);
	json_object_set_new(o, "prepare",
	    opts->prepare ? json_string(opts->prepare) : json_null());
	json_object_set_new(o, "startup",
	    opts->startup ? json_string(opts->startup) : json_null());
	json_object_set_new(o, "junit", json_boolean(opts->junit));
	json_object_set_new(o, "seed", json_integer((json_int_t)opts->seed));
	json_object_set_new(o, "warmup", json_integer(opts->warmup));
	json_object_set_new(o, "timeout_s",
	    opts->timeout > 0 ? json_real(opts->timeout) : json_null());
	json_object_set_new(o, "interrupted", json_boolean(res->interrupted));
	json_object_set_new(o, "configs", configs);
	json_object_set_new(o, "recommended", recommended_json(res));
	json_object_set_new(o, "isolation", isolation_json(res));
	json_object_set_new(o, "scaling", scaling_json(res));
	if (opts->db_run != NULL) {
		json_object_set_new(o, "db_run", json_string(opts->db_run));
		json_object_set_new(o, "db_share", dbshare_json(res));
	}
	return o;
}

int
suite_report_json(const struct suite_result *res, struct strbuf *out,
    struct db_error *err)
{
	json_t *root;
	char started[32];
	struct tm tm;
	time_t t = (time_t)res->started_unix;

	gmtime_r(&t, &tm);
	strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
	root = json_pack("{s:i, s:{s:s, s:s}, s:{s:i}, s:s, s:I}",
	    "schema_version", SUITE_JSON_SCHEMA_VERSION, "tool", "name",
	    "dbbench", "version", PACKAGE_VERSION, "host", "cores",
	    (int)res->cores, "started", started, "elapsed_ns",
	    (json_int_t)(res->elapsed_s * 1e9));
	if (root != NULL)
		json_object_set_new(root, "suite", suite_json(res));
	return report_json_dump(root, out, err);
}
