/*
 * suite_load.c - a saved suite run (results/NAME.json of `dbbench suite
 * --save`) read back into a struct suite_result, for `dbbench report`
 *
 * The file is the document suite_report_json.c writes.  Its samples, its
 * statistics and the figures derived from them (passed, vs best, the
 * recommendation, isolation, the --db-run shares) are read as written, so
 * that every writer renders the report the run printed; the scaling models
 * are fitted again from the points, as the run fitted them.  Strings stay
 * in the jansson document, which lives as long as the result.  An error
 * is one line naming the file and the field (DB_EUSAGE).
 */
#define _GNU_SOURCE
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "suite.h"
#include "xmalloc.h"

#define FIELD_MAX 160

struct sload {
	const char *file;
	struct db_error *err;
	struct suite_saved *out;
};

static int
bad(struct sload *ld, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct sload *ld, const char *field, const char *fmt, ...)
{
	char msg[DB_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return db_error_set(ld->err, DB_EUSAGE, "%s: %s: %s", ld->file, field,
	    msg);
}

/* A field's path into buf (FIELD_MAX bytes), cut short when too long. */
static void
fieldf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fieldf(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, FIELD_MAX, fmt, ap);
	va_end(ap);
}

static void
field(char *buf, const char *where, const char *key)
{
	fieldf(buf, "%s%s%s", where, where[0] ? "." : "", key);
}

/* Member key of o, of the JSON type t (a real also takes an integer);
 * NULL members are refused unless nullable. */
static int
get(struct sload *ld, json_t *o, const char *where, const char *key,
    json_type t, int nullable, json_t **v)
{
	char f[FIELD_MAX];

	field(f, where, key);
	*v = json_object_get(o, key);
	if (*v == NULL)
		return bad(ld, f, "missing");
	if (json_is_null(*v) && nullable)
		return DB_OK;
	if (json_typeof(*v) == t || (t == JSON_REAL && json_is_integer(*v)) ||
	    (t == JSON_TRUE && json_is_boolean(*v)))
		return DB_OK;
	return bad(ld, f, "not %s",
	    t == JSON_OBJECT      ? "an object"
		: t == JSON_ARRAY  ? "an array"
		: t == JSON_STRING ? "a string"
		: t == JSON_INTEGER ? "a whole number"
		: t == JSON_REAL   ? "a number"
				   : "true or false");
}

static int
get_count(struct sload *ld, json_t *o, const char *where, const char *key,
    json_int_t max, json_int_t *n)
{
	char f[FIELD_MAX];
	json_t *v;
	int rc = get(ld, o, where, key, JSON_INTEGER, 0, &v);

	if (rc != DB_OK)
		return rc;
	*n = json_integer_value(v);
	field(f, where, key);
	if (*n < 0 || *n > max)
		return bad(ld, f, "%lld is out of range", (long long)*n);
	return DB_OK;
}

static int
get_real(struct sload *ld, json_t *o, const char *where, const char *key,
    double *x)
{
	json_t *v;
	int rc = get(ld, o, where, key, JSON_REAL, 1, &v);

	if (rc == DB_OK)
		*x = json_is_null(v) ? NAN : json_number_value(v);
	return rc;
}

static int
read_stats(struct sload *ld, json_t *o, const char *where, const char *key,
    struct stats *s)
{
	static const char *const names[] = { "min", "median", "mean", "p95",
		"p99", "max", "stddev", "mad", "ci95_low", "ci95_high" };
	double *dst[] = { &s->min, &s->median, &s->mean, &s->p95, &s->p99,
		&s->max, &s->stddev, &s->mad, &s->ci95_low, &s->ci95_high };
	char f[FIELD_MAX];
	json_t *v;
	json_int_t n = 0;
	size_t i;
	int rc;

	memset(s, 0, sizeof *s);
	rc = get(ld, o, where, key, JSON_OBJECT, 1, &v);
	if (rc != DB_OK || json_is_null(v))
		return rc;
	field(f, where, key);
	rc = get_count(ld, v, f, "n", SUITE_MAX_RUNS * 1000000LL, &n);
	s->n = (size_t)n;
	for (i = 0; rc == DB_OK && i < sizeof names / sizeof *names; i++)
		rc = get_real(ld, v, f, names[i], dst[i]);
	if (rc == DB_OK)
		rc = get_count(ld, v, f, "outliers", (json_int_t)s->n, &n);
	s->outliers = (size_t)n;
	return rc;
}

/* The string of a member, NULL when null; an error when not a string. */
static int
get_str(struct sload *ld, json_t *o, const char *where, const char *key,
    int nullable, const char **s)
{
	json_t *v;
	int rc = get(ld, o, where, key, JSON_STRING, nullable, &v);

	if (rc == DB_OK)
		*s = json_is_string(v) ? json_string_value(v) : NULL;
	return rc;
}

static int
read_sample(struct sload *ld, json_t *o, const char *where,
    struct suite_sample *s)
{
	json_int_t n[4] = { 0, 0, 0, 0 };
	const char *end;
	json_t *v;
	int rc;

	memset(s, 0, sizeof s[0]);
	if (!json_is_object(o))
		return bad(ld, where, "not an object");
	rc = get_count(ld, o, where, "wall_ns", INT64_MAX, &n[0]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "cpu_user_ns", INT64_MAX, &n[1]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "cpu_sys_ns", INT64_MAX, &n[2]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "max_rss_kb", INT32_MAX, &n[3]);
	if (rc == DB_OK)
		rc = get_str(ld, o, where, "end", 0, &end);
	if (rc != DB_OK)
		return rc;
	s->wall_ns = n[0];
	s->user_ns = n[1];
	s->sys_ns = n[2];
	s->max_rss_kb = (long)n[3];
	if (strcmp(end, "exited") == 0)
		s->end = SUITE_EXITED;
	else if (strcmp(end, "signaled") == 0)
		s->end = SUITE_SIGNALED;
	else if (strcmp(end, "timeout") == 0)
		s->end = SUITE_TIMEOUT;
	else {
		char f[FIELD_MAX];

		field(f, where, "end");
		return bad(ld, f, "\"%s\" is not exited, signaled or timeout",
		    end);
	}
	rc = get_count(ld, o, where,
	    s->end == SUITE_SIGNALED ? "signal" : "exit_code", 255, &n[0]);
	s->status = (int)n[0];
	if (rc != DB_OK || (v = json_object_get(o, "tests")) == NULL)
		return rc;
	s->junit_read = 1;
	rc = get_count(ld, o, where, "tests", INT32_MAX, &n[0]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "failures", INT32_MAX, &n[1]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "errors", INT32_MAX, &n[2]);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "skipped", INT32_MAX, &n[3]);
	s->tests = (size_t)n[0];
	s->failures = (size_t)n[1];
	s->errors = (size_t)n[2];
	s->skipped = (size_t)n[3];
	return rc;
}

/* s into list (xstrdup'd when new); the list's copy. */
static char *
intern(char ***list, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return (*list)[i];
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[*n] = xstrdup(s);
	return (*list)[(*n)++];
}

/* strategy, workers and params of a configuration into c. */
static int
read_identity(struct sload *ld, json_t *o, const char *where,
    struct suite_config *c)
{
	struct suite_options *opts = &ld->out->opts;
	char f[FIELD_MAX];
	const char *s, *k;
	json_t *w, *params, *v;
	size_t i;
	int rc;

	rc = get_str(ld, o, where, "strategy", 1, &s);
	if (rc == DB_OK && s != NULL)
		c->strategy = intern(&opts->strategies, &opts->n_strategies, s);
	if (rc == DB_OK)
		rc = get(ld, o, where, "workers", JSON_INTEGER, 1, &w);
	if (rc == DB_OK && json_is_integer(w)) {
		field(f, where, "workers");
		if (json_integer_value(w) < 0 || json_integer_value(w) > 100000)
			return bad(ld, f, "out of range");
		c->has_workers = 1;
		c->workers = (unsigned)json_integer_value(w);
		for (i = 0; i < opts->n_workers; i++)
			if (opts->workers[i] == c->workers)
				break;
		if (i == opts->n_workers) {
			opts->workers = xreallocarray(opts->workers,
			    opts->n_workers + 1, sizeof *opts->workers);
			opts->workers[opts->n_workers++] = c->workers;
		}
	}
	if (rc == DB_OK)
		rc = get(ld, o, where, "params", JSON_OBJECT, 0, &params);
	if (rc != DB_OK)
		return rc;
	field(f, where, "params");
	if (json_object_size(params) != opts->n_params)
		return bad(ld, f, "not the parameters of the first "
				  "configuration");
	c->param_values = xcalloc(opts->n_params + 1, sizeof *c->param_values);
	i = 0;
	json_object_foreach(params, k, v)
	{
		struct suite_param *p = &opts->params[i];

		if (strcmp(k, p->name) != 0 || !json_is_string(v))
			return bad(ld, f, "\"%s\" is not the parameter \"%s\" "
					  "with a string value", k, p->name);
		c->param_values[i++] = intern(&p->values, &p->n_values,
		    json_string_value(v));
	}
	return DB_OK;
}

/* The parameter names, from the first configuration. */
static int
read_param_names(struct sload *ld, json_t *configs)
{
	struct suite_options *opts = &ld->out->opts;
	json_t *params = json_object_get(json_array_get(configs, 0), "params"),
	       *v;
	const char *k;

	if (!json_is_object(params))
		return bad(ld, "suite.configs[0].params", "not an object");
	opts->params = xcalloc(json_object_size(params) + 1,
	    sizeof *opts->params);
	json_object_foreach(params, k, v)
	{
		(void)v;
		opts->params[opts->n_params++].name = xstrdup(k);
	}
	return DB_OK;
}

/* failed_tests and their counts into the configuration's table. */
static int
read_failed(struct sload *ld, json_t *o, const char *where,
    struct suite_config *c)
{
	char f[FIELD_MAX];
	json_t *names = json_object_get(o, "failed_tests"), *counts, *e;
	struct suite_test *t;
	json_int_t runs = 0, failed = 0;
	const char *name;
	size_t i;
	int rc = DB_OK;

	if (names == NULL || json_array_size(names) == 0)
		return DB_OK;
	rc = get(ld, o, where, "failed_test_runs", JSON_ARRAY, 0, &counts);
	if (rc != DB_OK)
		return rc;
	for (i = 0; rc == DB_OK && i < json_array_size(counts); i++) {
		e = json_array_get(counts, i);
		fieldf(f, "%s.failed_test_runs[%zu]", where, i);
		if (!json_is_object(e))
			return bad(ld, f, "not an object");
		rc = get_str(ld, e, f, "name", 0, &name);
		if (rc == DB_OK)
			rc = get_count(ld, e, f, "runs", SUITE_MAX_RUNS, &runs);
		if (rc == DB_OK)
			rc = get_count(ld, e, f, "failed", runs, &failed);
		if (rc != DB_OK)
			return rc;
		t = suite_tests_add(&c->tests, name);
		t->runs = (unsigned)runs;
		t->failed = (unsigned)failed;
	}
	return rc;
}

static int
read_config(struct sload *ld, json_t *o, const char *where,
    struct suite_config *c)
{
	char f[FIELD_MAX];
	json_t *samples, *v;
	json_int_t n = 0;
	size_t i;
	int rc;

	if (!json_is_object(o))
		return bad(ld, where, "not an object");
	rc = read_identity(ld, o, where, c);
	if (rc == DB_OK)
		rc = get(ld, o, where, "samples", JSON_ARRAY, 0, &samples);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "runs", SUITE_MAX_RUNS, &n);
	if (rc != DB_OK)
		return rc;
	if ((size_t)n != json_array_size(samples)) {
		field(f, where, "runs");
		return bad(ld, f, "%lld, but %zu samples", (long long)n,
		    json_array_size(samples));
	}
	c->samples = xcalloc((size_t)n + 1, sizeof *c->samples);
	c->cap_samples = (size_t)n + 1;
	for (i = 0; rc == DB_OK && i < (size_t)n; i++) {
		fieldf(f, "%s.samples[%zu]", where, i);
		rc = read_sample(ld, json_array_get(samples, i), f,
		    &c->samples[i]);
		c->n_samples += rc == DB_OK;
	}
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "timeouts", SUITE_MAX_RUNS, &n);
	c->timeouts = (size_t)n;
	c->stopped = c->timeouts > 0;
	if (rc == DB_OK)
		rc = read_stats(ld, o, where, "wall", &c->wall);
	if (rc == DB_OK)
		rc = read_stats(ld, o, where, "cpu_user", &c->cpu_user);
	if (rc == DB_OK)
		rc = read_stats(ld, o, where, "cpu_sys", &c->cpu_sys);
	if (rc == DB_OK && ld->out->opts.startup != NULL)
		rc = read_stats(ld, o, where, "startup", &c->startup);
	if (rc == DB_OK && json_object_get(o, "per_test") != NULL)
		rc = read_stats(ld, o, where, "per_test", &c->per_test);
	if (rc == DB_OK)
		rc = get(ld, o, where, "max_rss_kb", JSON_INTEGER, 1, &v);
	if (rc == DB_OK)
		c->max_rss_kb = json_is_integer(v) ? (long)json_integer_value(v)
						   : 0;
	if (rc == DB_OK)
		rc = get(ld, o, where, "all_passed", JSON_TRUE, 0, &v);
	if (rc == DB_OK)
		c->all_passed = json_is_true(v);
	if (rc == DB_OK)
		rc = get_real(ld, o, where, "vs_best", &c->vs_best);
	if (rc == DB_OK)
		rc = read_failed(ld, o, where, c);
	return rc;
}

/* The configuration o names (strategy, params and, unless workers is
 * given, workers); its index, or an error naming where. */
static int
find_config(struct sload *ld, json_t *configs, json_t *o, const json_t *workers,
    const char *where, size_t *idx)
{
	json_t *c;
	size_t i;

	if (!json_is_object(o))
		return bad(ld, where, "not an object");
	if (workers == NULL)
		workers = json_object_get(o, "workers");
	json_array_foreach(configs, i, c)
	{
		if (json_equal(json_object_get(c, "strategy"),
			json_object_get(o, "strategy")) &&
		    json_equal(json_object_get(c, "workers"), workers) &&
		    json_equal(json_object_get(c, "params"),
			json_object_get(o, "params"))) {
			*idx = i;
			return DB_OK;
		}
	}
	return bad(ld, where, "names no configuration of the run");
}

static int
read_recommended(struct sload *ld, json_t *suite, json_t *configs)
{
	struct suite_result *res = &ld->out->res;
	json_t *o, *r;
	size_t i;
	int rc;

	res->recommended = res->runner_up = -1;
	res->margin = res->margin_p = NAN;
	rc = get(ld, suite, "suite", "recommended", JSON_OBJECT, 1, &o);
	if (rc != DB_OK || json_is_null(o))
		return rc;
	rc = find_config(ld, configs, o, NULL, "suite.recommended", &i);
	res->recommended = (long)i;
	if (rc != DB_OK || (r = json_object_get(o, "runner_up")) == NULL)
		return rc;
	rc = find_config(ld, configs, r, NULL, "suite.recommended.runner_up",
	    &i);
	res->runner_up = (long)i;
	if (rc == DB_OK)
		rc = get_real(ld, o, "suite.recommended", "margin", &res->margin);
	if (rc == DB_OK)
		rc = get_real(ld, o, "suite.recommended", "p", &res->margin_p);
	return rc;
}

static int
read_refs(struct sload *ld, json_t *o, const char *where, const char *key,
    json_t *configs, size_t **idx, size_t *n)
{
	char f[FIELD_MAX];
	json_t *a, *e;
	size_t i;
	int rc = get(ld, o, where, key, JSON_ARRAY, 0, &a);

	*idx = xcalloc(json_array_size(a) + 1, sizeof **idx);
	json_array_foreach(a, i, e)
	{
		if (rc != DB_OK)
			break;
		fieldf(f, "%s.%s[%zu]", where, key, i);
		rc = find_config(ld, configs, e, NULL, f, &(*idx)[i]);
		*n += rc == DB_OK;
	}
	return rc;
}

static int
read_isolation(struct sload *ld, json_t *suite, json_t *configs)
{
	struct suite_result *res = &ld->out->res;
	struct suite_isolation *e;
	char f[FIELD_MAX];
	json_t *a;
	size_t i;
	int rc = get(ld, suite, "suite", "isolation", JSON_ARRAY, 0, &a);

	if (rc != DB_OK)
		return rc;
	res->isolation = xcalloc(json_array_size(a) + 1, sizeof *res->isolation);
	for (i = 0; rc == DB_OK && i < json_array_size(a); i++) {
		fieldf(f, "suite.isolation[%zu]", i);
		e = &res->isolation[res->n_isolation++];
		if (!json_is_object(json_array_get(a, i)))
			return bad(ld, f, "not an object");
		rc = get_str(ld, json_array_get(a, i), f, "test", 0, &e->test);
		if (rc == DB_OK)
			rc = read_refs(ld, json_array_get(a, i), f, "fails_in",
			    configs, &e->fails_in, &e->n_fails_in);
		if (rc == DB_OK)
			rc = read_refs(ld, json_array_get(a, i), f, "passes_in",
			    configs, &e->passes_in, &e->n_passes_in);
	}
	return rc;
}

/* A worker scan: its points, and the models fitted again. */
static int
read_group(struct sload *ld, json_t *o, const char *where, json_t *configs)
{
	struct suite_result *res = &ld->out->res;
	struct suite_scaling g;
	char f[FIELD_MAX];
	json_t *pts, *p, *w, *t;
	size_t i;
	int rc;

	memset(&g, 0, sizeof g);
	if (!json_is_object(o))
		return bad(ld, where, "not an object");
	rc = get(ld, o, where, "points", JSON_ARRAY, 0, &pts);
	if (rc == DB_OK)
		rc = get(ld, o, where, "tests", JSON_INTEGER, 1, &t);
	if (rc != DB_OK)
		return rc;
	if (json_array_size(pts) < 2 || json_array_size(pts) > SUITE_SCALE_MAX)
		return bad(ld, where, "not 2 to %d points", SUITE_SCALE_MAX);
	g.tests = json_is_integer(t) && json_integer_value(t) > 0
	    ? (size_t)json_integer_value(t)
	    : 0;
	json_array_foreach(pts, i, p)
	{
		fieldf(f, "%s.points[%zu]", where, i);
		if (!json_is_object(p))
			return bad(ld, f, "not an object");
		rc = get(ld, p, f, "workers", JSON_INTEGER, 0, &w);
		if (rc == DB_OK)
			rc = find_config(ld, configs, o, w, f,
			    &g.pts[i].config);
		if (rc == DB_OK)
			rc = get_real(ld, p, f, "wall_ns", &g.pts[i].wall_ns);
		if (rc == DB_OK)
			rc = get_real(ld, p, f, "startup_ns",
			    &g.pts[i].startup_ns);
		if (rc != DB_OK)
			return rc;
		g.pts[i].workers = res->configs[g.pts[i].config].workers;
		g.n++;
	}
	suite_scaling_compute(&g, res->cores);
	res->scaling[res->n_scaling++] = g;
	return DB_OK;
}

static int
read_scaling(struct sload *ld, json_t *suite, json_t *configs)
{
	struct suite_result *res = &ld->out->res;
	char f[FIELD_MAX];
	json_t *a;
	size_t i;
	int rc = get(ld, suite, "suite", "scaling", JSON_ARRAY, 0, &a);

	if (rc != DB_OK)
		return rc;
	res->scaling = xcalloc(json_array_size(a) + 1, sizeof *res->scaling);
	for (i = 0; rc == DB_OK && i < json_array_size(a); i++) {
		fieldf(f, "suite.scaling[%zu]", i);
		rc = read_group(ld, json_array_get(a, i), f, configs);
	}
	return rc;
}

static int
read_share(struct sload *ld, json_t *o, const char *where, json_t *configs,
    struct suite_dbshare *r)
{
	json_t *ref;
	json_int_t n = 0;
	int rc;

	if (!json_is_object(o))
		return bad(ld, where, "not an object");
	rc = find_config(ld, configs, o, NULL, where, &r->config);
	if (rc == DB_OK)
		rc = get(ld, o, where, "reference", JSON_STRING, 0, &ref);
	if (rc == DB_OK) {
		/* the same configuration under the reference strategy */
		json_t *id = json_deep_copy(o);

		json_object_set(id, "strategy", ref);
		rc = find_config(ld, configs, id, NULL, where, &r->reference);
		json_decref(id);
	}
	if (rc == DB_OK)
		rc = get_str(ld, o, where, "backend", 0, &r->backend);
	if (rc == DB_OK)
		rc = get_count(ld, o, where, "tests", INT32_MAX, &n);
	r->tests = (size_t)n;
	if (rc == DB_OK)
		rc = get_real(ld, o, where, "suite_diff_ns", &r->suite_diff_ns);
	if (rc == DB_OK)
		rc = get_real(ld, o, where, "db_diff_ns", &r->db_diff_ns);
	if (rc == DB_OK)
		rc = get_real(ld, o, where, "db_per_test_ns",
		    &r->db_per_test_ns);
	if (rc == DB_OK)
		rc = get_real(ld, o, where, "reference_db_per_test_ns",
		    &r->ref_db_per_test_ns);
	return rc;
}

static int
read_dbshare(struct sload *ld, json_t *suite, json_t *configs)
{
	struct suite_result *res = &ld->out->res;
	char f[FIELD_MAX];
	const char *path;
	json_t *a;
	size_t i;
	int rc;

	if (json_object_get(suite, "db_run") == NULL)
		return DB_OK;
	rc = get_str(ld, suite, "suite", "db_run", 0, &path);
	if (rc == DB_OK)
		rc = get(ld, suite, "suite", "db_share", JSON_ARRAY, 0, &a);
	if (rc != DB_OK)
		return rc;
	ld->out->opts.db_run = xstrdup(path);
	res->dbshare = xcalloc(json_array_size(a) + 1, sizeof *res->dbshare);
	for (i = 0; rc == DB_OK && i < json_array_size(a); i++) {
		fieldf(f, "suite.db_share[%zu]", i);
		rc = read_share(ld, json_array_get(a, i), f, configs,
		    &res->dbshare[i]);
		res->n_dbshare += rc == DB_OK;
	}
	return rc;
}

/* schema_version, tool, host.cores, started, elapsed_ns */
static int
read_header(struct sload *ld, json_t *root)
{
	struct suite_result *res = &ld->out->res;
	const char *name, *started;
	json_t *tool, *host;
	json_int_t n = 0;
	struct tm tm;
	char *end;
	double e;
	int rc;

	rc = get_count(ld, root, "", "schema_version", 1000, &n);
	if (rc == DB_OK && n != 1)
		return bad(ld, "schema_version", "%lld is not 1",
		    (long long)n);
	if (rc == DB_OK)
		rc = get(ld, root, "", "tool", JSON_OBJECT, 0, &tool);
	if (rc == DB_OK)
		rc = get_str(ld, tool, "tool", "name", 0, &name);
	if (rc == DB_OK && strcmp(name, "dbbench") != 0)
		return bad(ld, "tool.name", "\"%s\" is not dbbench", name);
	if (rc == DB_OK)
		rc = get(ld, root, "", "host", JSON_OBJECT, 0, &host);
	if (rc == DB_OK)
		rc = get_count(ld, host, "host", "cores", 1000000, &n);
	res->cores = n > 0 ? (unsigned)n : 1;
	if (rc == DB_OK)
		rc = get_str(ld, root, "", "started", 0, &started);
	if (rc != DB_OK)
		return rc;
	memset(&tm, 0, sizeof tm);
	end = strptime(started, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return bad(ld, "started", "\"%s\" is not YYYY-MM-DDTHH:MM:SSZ",
		    started);
	res->started_unix = (int64_t)timegm(&tm);
	rc = get_count(ld, root, "", "elapsed_ns", INT64_MAX, &n);
	/* the seconds that give back the same nanoseconds when written */
	for (e = (double)n / 1e9; (json_int_t)(e * 1e9) < n;)
		e = nextafter(e, INFINITY);
	res->elapsed_s = e;
	return rc;
}

/* command, prepare, startup, junit, seed, warmup, timeout_s, interrupted */
static int
read_options(struct sload *ld, json_t *suite)
{
	struct suite_options *opts = &ld->out->opts;
	const char *s;
	json_t *cmd, *v;
	json_int_t n = 0;
	size_t i;
	int rc;

	rc = get(ld, suite, "suite", "command", JSON_ARRAY, 0, &cmd);
	if (rc == DB_OK && json_array_size(cmd) == 0)
		return bad(ld, "suite.command", "empty");
	if (rc != DB_OK)
		return rc;
	opts->command = xcalloc(json_array_size(cmd) + 1,
	    sizeof *opts->command);
	json_array_foreach(cmd, i, v)
	{
		if (!json_is_string(v))
			return bad(ld, "suite.command", "not strings");
		opts->command[opts->n_command++] =
		    xstrdup(json_string_value(v));
	}
	rc = get_str(ld, suite, "suite", "prepare", 1, &s);
	opts->prepare = rc == DB_OK && s != NULL ? xstrdup(s) : NULL;
	if (rc == DB_OK)
		rc = get_str(ld, suite, "suite", "startup", 1, &s);
	opts->startup = rc == DB_OK && s != NULL ? xstrdup(s) : NULL;
	if (rc == DB_OK)
		rc = get(ld, suite, "suite", "junit", JSON_TRUE, 0, &v);
	opts->junit = rc == DB_OK && json_is_true(v);
	if (rc == DB_OK)
		rc = get(ld, suite, "suite", "seed", JSON_INTEGER, 0, &v);
	opts->seed = rc == DB_OK ? (uint64_t)json_integer_value(v) : 0;
	if (rc == DB_OK)
		rc = get_count(ld, suite, "suite", "warmup", 1000000, &n);
	opts->warmup = (unsigned)n;
	if (rc == DB_OK)
		rc = get_real(ld, suite, "suite", "timeout_s", &opts->timeout);
	if (rc == DB_OK && !(opts->timeout > 0))
		opts->timeout = 0;
	if (rc == DB_OK)
		rc = get(ld, suite, "suite", "interrupted", JSON_TRUE, 0, &v);
	ld->out->res.interrupted = rc == DB_OK && json_is_true(v);
	return rc;
}

static int
read_suite(struct sload *ld, json_t *root)
{
	struct suite_result *res = &ld->out->res;
	char f[FIELD_MAX];
	json_t *suite, *configs;
	size_t i;
	int rc;

	rc = read_header(ld, root);
	if (rc == DB_OK)
		rc = get(ld, root, "", "suite", JSON_OBJECT, 0, &suite);
	if (rc == DB_OK)
		rc = read_options(ld, suite);
	if (rc == DB_OK)
		rc = get(ld, suite, "suite", "configs", JSON_ARRAY, 0, &configs);
	if (rc == DB_OK && json_array_size(configs) == 0)
		return bad(ld, "suite.configs", "empty");
	if (rc == DB_OK)
		rc = read_param_names(ld, configs);
	if (rc != DB_OK)
		return rc;
	res->configs = xcalloc(json_array_size(configs), sizeof *res->configs);
	for (i = 0; rc == DB_OK && i < json_array_size(configs); i++) {
		fieldf(f, "suite.configs[%zu]", i);
		res->n_configs++;
		rc = read_config(ld, json_array_get(configs, i), f,
		    &res->configs[i]);
	}
	if (rc == DB_OK)
		rc = read_recommended(ld, suite, configs);
	if (rc == DB_OK)
		rc = read_isolation(ld, suite, configs);
	if (rc == DB_OK)
		rc = read_scaling(ld, suite, configs);
	if (rc == DB_OK)
		rc = read_dbshare(ld, suite, configs);
	return rc;
}

int
suite_load(const char *path, struct suite_saved *out, struct db_error *err)
{
	struct sload ld = { path, err, out };
	json_error_t jerr;
	json_t *root;
	int rc;

	memset(out, 0, sizeof *out);
	out->res.opts = &out->opts;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return db_error_set(err, DB_EUSAGE, "%s: line %d: %s", path,
		    jerr.line, jerr.text);
	out->json = root;
	rc = json_is_object(root) ? read_suite(&ld, root)
				   : bad(&ld, "(top)", "not an object");
	if (rc != DB_OK)
		suite_saved_fini(out);
	return rc;
}

void
suite_saved_fini(struct suite_saved *s)
{
	size_t i;

	for (i = 0; i < s->opts.n_command; i++)
		free(s->opts.command[i]);
	free(s->opts.command);
	s->opts.command = NULL;
	suite_result_fini(&s->res);
	suite_options_fini(&s->opts);
	json_decref(s->json);
	memset(s, 0, sizeof *s);
}

int
suite_report_saved(const char *path, const struct report_ops *format,
    const char *output, struct db_error *err)
{
	struct suite_saved s;
	struct strbuf out;
	int rc;

	rc = suite_load(path, &s, err);
	if (rc != DB_OK)
		return rc;
	strbuf_init(&out);
	rc = suite_render(&s.res, format, &out, err);
	if (rc == DB_OK)
		rc = output_write(output, out.buf, out.len, err);
	strbuf_fini(&out);
	suite_saved_fini(&s);
	return rc;
}
