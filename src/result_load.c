/*
 * result_load.c - a saved JSON report, checked and turned back into a run
 *
 * Read with jansson (duplicate keys refused), then walked field by field.
 * What is read:
 *
 *   schema_version               must be 1
 *   tool.name, tool.version      name must be "dbbench"
 *   host.cpu, .cores, .os
 *   started, elapsed_ns, timer   optional
 *   config.tests, .workload      the rest of config optional
 *   backends[]                   name, version, settings (strings)
 *   cells[]                      backend (one of backends), strategy,
 *                                workers, pool, tests_run, failed, and
 *                                every series under samples; rounds,
 *                                converged and ci_rel optional (ci_rel
 *                                null: no interval, one round)
 *   failures[]                   optional
 *
 * The statistics, shares, migration and recommendations in the file are
 * derived figures and are not read: result_summarize() computes them again
 * from the samples.  Fields not named here are ignored, so files from later
 * versions of schema 1 still load.  The first error is kept and every read
 * after it does nothing; on an error the result is freed and left empty.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "result_load.h"
#include "sampling.h"
#include "xmalloc.h"

#define LOAD_SCHEMA_VERSION 1
#define LOAD_MAX_WORKERS 1000000u
#define PATH_MAX_LEN 160

/*
 * The error is sticky: the first one is kept in rc and err, and every read
 * after it does nothing and finds nothing, so the steps read on without
 * looking and the caller looks once, at the end.
 */
struct loader {
	const char *file; /* for messages */
	struct db_error *err;
	int rc; /* DB_OK, or the first error's code */
};

static int
ok(const struct loader *ld)
{
	return ld->rc == DB_OK;
}

/* Record "FILE: where: message" unless an error came first. */
static void
bad(struct loader *ld, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad(struct loader *ld, const char *where, const char *fmt, ...)
{
	char msg[DB_ERROR_MSG_MAX];
	va_list ap;

	if (!ok(ld))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ld->rc = db_error_set(ld->err, DB_EUSAGE, "%s: %s: %s", ld->file,
	    where, msg);
}

static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "a whole number";
	case JSON_REAL:
		return "a fractional number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

/*
 * "cells[0]" + "workers" = "cells[0].workers"; "" + "cells" = "cells".  A
 * path too long for buf (only keys of this file's own choosing go in, so
 * never in practice) ends in "...".
 */
static void
field_path(char *buf, size_t len, const char *where, const char *key)
{
	int n;

	n = snprintf(buf, len, "%s%s%s", where, where[0] != '\0' ? "." : "",
	    key);
	if (n < 0 || (size_t)n >= len)
		memcpy(buf + len - 4, "...", 4);
}

/*
 * The member key of obj, of the given type (a number also takes a whole
 * number, true also false).  NULL when it is missing (an error when
 * required), has another type (an error) or an error came first.
 */
static json_t *
member(struct loader *ld, json_t *obj, const char *where, const char *key,
    int required, json_type type)
{
	static const char *const wanted[] = {
		[JSON_OBJECT] = "an object",
		[JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string",
		[JSON_INTEGER] = "a whole number",
		[JSON_REAL] = "a number",
		[JSON_TRUE] = "true or false",
		[JSON_FALSE] = "true or false",
		[JSON_NULL] = "null",
	};
	char path[PATH_MAX_LEN];
	json_t *v;

	if (!ok(ld))
		return NULL;
	field_path(path, sizeof path, where, key);
	v = json_object_get(obj, key);
	if (v == NULL) {
		if (required)
			bad(ld, path, "missing");
		return NULL;
	}
	if (json_typeof(v) != type &&
	    !(type == JSON_REAL && json_is_integer(v)) &&
	    !(type == JSON_TRUE && json_is_boolean(v))) {
		bad(ld, path, "expected %s, got %s", wanted[type],
		    type_name(v));
		return NULL;
	}
	return v;
}

/* A string member into *out (a copy), left alone when absent. */
static void
get_string(struct loader *ld, json_t *obj, const char *where,
    const char *key, int required, char **out)
{
	json_t *v = member(ld, obj, where, key, required, JSON_STRING);

	if (v != NULL) {
		free(*out);
		*out = xstrdup(json_string_value(v));
	}
}

/* A required string member, as the document holds it; NULL on error. */
static const char *
string_member(struct loader *ld, json_t *obj, const char *where,
    const char *key)
{
	json_t *v = member(ld, obj, where, key, 1, JSON_STRING);

	return v != NULL ? json_string_value(v) : NULL;
}

/* A whole number in [min, max]; dflt when absent or on error. */
static json_int_t
get_whole(struct loader *ld, json_t *obj, const char *where, const char *key,
    int required, json_int_t min, json_int_t max, json_int_t dflt)
{
	char path[PATH_MAX_LEN];
	json_t *v;
	json_int_t x;

	v = member(ld, obj, where, key, required, JSON_INTEGER);
	if (v == NULL)
		return dflt;
	x = json_integer_value(v);
	if (x < min || x > max) {
		field_path(path, sizeof path, where, key);
		bad(ld, path, "%lld is out of range (%lld to %lld)",
		    (long long)x, (long long)min, (long long)max);
		return dflt;
	}
	return x;
}

/* A finite number, not negative, into *out; left alone when absent. */
static void
get_number(struct loader *ld, json_t *obj, const char *where,
    const char *key, int required, double *out)
{
	char path[PATH_MAX_LEN];
	json_t *v;
	double x;

	v = member(ld, obj, where, key, required, JSON_REAL);
	if (v == NULL)
		return;
	x = json_number_value(v);
	if (!(x >= 0)) {
		field_path(path, sizeof path, where, key);
		bad(ld, path, "%g is negative", x);
		return;
	}
	*out = x;
}

/* An optional true or false into *out; left alone when absent. */
static void
get_bool(struct loader *ld, json_t *obj, const char *where, const char *key,
    int *out)
{
	json_t *v = member(ld, obj, where, key, 0, JSON_TRUE);

	if (v != NULL)
		*out = json_is_true(v);
}

/* Element i of an array of strings, named "name[i]" in messages. */
static const char *
string_at(struct loader *ld, json_t *list, size_t i, const char *name)
{
	char path[PATH_MAX_LEN];
	json_t *v = json_array_get(list, i);

	if (!json_is_string(v)) {
		snprintf(path, sizeof path, "%s[%zu]", name, i);
		bad(ld, path, "expected a string, got %s", type_name(v));
		return NULL;
	}
	return json_string_value(v);
}

/* One object of an array of them, read into res; where is "name[i]". */
typedef void load_element_fn(struct loader *ld, json_t *o, const char *where,
    struct run_result *res);

/* Every element of list (named name), an object each, through fn. */
static void
each_object(struct loader *ld, json_t *list, const char *name,
    load_element_fn *fn, struct run_result *res)
{
	char where[PATH_MAX_LEN];
	json_t *o;
	size_t i;

	for (i = 0; ok(ld) && i < json_array_size(list); i++) {
		o = json_array_get(list, i);
		snprintf(where, sizeof where, "%s[%zu]", name, i);
		if (!json_is_object(o))
			bad(ld, where, "expected an object, got %s",
			    type_name(o));
		else
			fn(ld, o, where, res);
	}
}

/* "git": {"commit", "branch"}, both optional, for a run in a checkout. */
static void
load_git(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *git = member(ld, root, "", "git", 0, JSON_OBJECT);

	if (git == NULL)
		return;
	get_string(ld, git, "git", "commit", 1, &res->git_commit);
	get_string(ld, git, "git", "branch", 0, &res->git_branch);
}

/* "started": a UTC time, optional. */
static void
load_started(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *v = member(ld, root, "", "started", 0, JSON_STRING);
	struct tm tm;
	char *end;

	if (v == NULL)
		return;
	memset(&tm, 0, sizeof tm);
	end = strptime(json_string_value(v), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		bad(ld, "started",
		    "'%s' is not a UTC time like 2026-11-26T15:00:00Z",
		    json_string_value(v));
	else
		res->started_unix = (int64_t)timegm(&tm);
}

static void
load_host(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *tool, *host, *timer;
	char *name = NULL;

	tool = member(ld, root, "", "tool", 1, JSON_OBJECT);
	get_string(ld, tool, "tool", "name", 1, &name);
	if (name != NULL && strcmp(name, "dbbench") != 0)
		bad(ld, "tool.name", "'%s' is not dbbench", name);
	free(name);
	get_string(ld, tool, "tool", "version", 1, &res->tool_version);
	host = member(ld, root, "", "host", 1, JSON_OBJECT);
	get_string(ld, host, "host", "cpu", 1, &res->host_cpu);
	res->host_cores = (unsigned)get_whole(ld, host, "host", "cores", 1, 0,
	    UINT32_MAX, 0);
	get_string(ld, host, "host", "os", 1, &res->host_os);
	load_git(ld, root, res);
	load_started(ld, root, res);
	res->elapsed_ns = (int64_t)get_whole(ld, root, "", "elapsed_ns", 0, 0,
	    INT64_MAX, 0);
	res->replicates = (unsigned)get_whole(ld, root, "", "replicates", 0, 1,
	    UINT32_MAX, 1);
	timer = member(ld, root, "", "timer", 0, JSON_OBJECT);
	if (timer == NULL)
		return;
	get_number(ld, timer, "timer", "reading_ns", 0, &res->timer_cost_ns);
	get_number(ld, timer, "timer", "resolution_ns", 0,
	    &res->timer_resolution_ns);
	get_number(ld, timer, "timer", "harness_floor_ns", 0,
	    &res->harness_floor_ns);
}

/*
 * An optional list of whole numbers 1..max (config.seed_scales,
 * config.workers); absent means the single value 1.
 */
static void
get_counts(struct loader *ld, json_t *obj, const char *key, json_int_t max,
    unsigned **list, size_t *n)
{
	json_t *a = member(ld, obj, "config", key, 0, JSON_ARRAY), *v;
	char path[PATH_MAX_LEN];
	size_t i;

	if (!ok(ld))
		return;
	if (a == NULL || json_array_size(a) == 0) {
		*list = xcalloc(1, sizeof **list);
		(*list)[0] = 1;
		*n = 1;
		return;
	}
	*list = xcalloc(json_array_size(a), sizeof **list);
	for (i = 0; ok(ld) && i < json_array_size(a); i++) {
		v = json_array_get(a, i);
		snprintf(path, sizeof path, "config.%s[%zu]", key, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > max)
			bad(ld, path, "expected a whole number from 1 to %lld",
			    (long long)max);
		else
			(*list)[(*n)++] = (unsigned)json_integer_value(v);
	}
}

/* config.strategies: an optional list of names. */
static void
load_strategy_list(struct loader *ld, json_t *o, struct run_config *cfg)
{
	json_t *list = member(ld, o, "config", "strategies", 0, JSON_ARRAY);
	const char *name;
	size_t i;

	if (list == NULL)
		return;
	cfg->strategies = xcalloc(json_array_size(list) + 1,
	    sizeof *cfg->strategies);
	for (i = 0; i < json_array_size(list); i++) {
		name = string_at(ld, list, i, "config.strategies");
		if (name == NULL)
			return;
		cfg->strategies[cfg->n_strategies++] = xstrdup(name);
	}
}

/* A string member compared with one value: 1 when equal, 0 otherwise. */
static int
string_is(struct loader *ld, json_t *o, const char *key, const char *value)
{
	char *s = NULL;
	int equal;

	get_string(ld, o, "config", key, 0, &s);
	equal = s != NULL && strcmp(s, value) == 0;
	free(s);
	return equal;
}

static void
load_config(struct loader *ld, json_t *root, struct run_config *cfg)
{
	json_t *o;
	double pct = 0;

	o = member(ld, root, "", "config", 1, JSON_OBJECT);
	if (o == NULL)
		return;
	cfg->tests = (unsigned)get_whole(ld, o, "config", "tests", 1, 1,
	    UINT32_MAX, 0);
	get_string(ld, o, "config", "workload", 1, &cfg->workload);
	get_string(ld, o, "config", "workload_dir", 0, &cfg->workload_dir);
	cfg->workload_tests = (unsigned)get_whole(ld, o, "config",
	    "workload_tests", 0, 0, UINT32_MAX, 0);
	cfg->rounds = (unsigned)get_whole(ld, o, "config", "rounds", 0, 0,
	    UINT32_MAX, 0);
	get_number(ld, o, "config", "target_ci_pct", 0, &pct);
	cfg->target_ci = pct / 100;
	get_number(ld, o, "config", "max_time_s", 0, &cfg->max_time);
	cfg->warmup = (unsigned)get_whole(ld, o, "config", "warmup", 0, 0,
	    UINT32_MAX, 0);
	/* written as a signed 64-bit integer: seeds above 2^63 wrap */
	cfg->seed = (uint64_t)get_whole(ld, o, "config", "seed", 0, INT64_MIN,
	    INT64_MAX, 0);
	get_bool(ld, o, "config", "strict", &cfg->strict);
	get_string(ld, o, "config", "sqlite_path", 0, &cfg->sqlite_path);
	if (cfg->sqlite_path != NULL &&
	    strcmp(cfg->sqlite_path, ":memory:") == 0) {
		free(cfg->sqlite_path);
		cfg->sqlite_path = NULL;
	}
	get_counts(ld, o, "seed_scales", 10000, &cfg->seed_scales,
	    &cfg->n_seed_scales);
	get_counts(ld, o, "workers", LOAD_MAX_WORKERS, &cfg->workers,
	    &cfg->n_workers);
	get_string(ld, o, "config", "pool", 0, &cfg->pool);
	cfg->chunk = string_is(ld, o, "dist", "chunk");
	cfg->benchmark = !string_is(ld, o, "command", "validate");
	get_bool(ld, o, "config", "validate", &cfg->validate);
	get_bool(ld, o, "config", "vacuum", &cfg->vacuum);
	cfg->replicates = (unsigned)get_whole(ld, o, "config", "replicates", 0,
	    1, UINT32_MAX, 1);
	cfg->sample_cap = (size_t)get_whole(ld, o, "config", "sample_cap", 0,
	    0, INT64_MAX, 0);
	get_bool(ld, o, "config", "check_state", &cfg->check_state);
	get_bool(ld, o, "config", "fail_on_leak", &cfg->fail_on_leak);
	load_strategy_list(ld, o, cfg);
}

static void
load_backend(struct loader *ld, json_t *b, const char *where,
    struct run_result *res)
{
	struct backend_result *br = &res->backends[res->n_backends++];
	char path[PATH_MAX_LEN];
	json_t *settings, *v;
	const char *key;
	size_t j;

	get_string(ld, b, where, "name", 1, &br->name);
	get_string(ld, b, where, "version", 1, &br->info.version);
	br->seed_rows = (long long)get_whole(ld, b, where, "seed_rows", 0, 0,
	    INT64_MAX, 0);
	settings = member(ld, b, where, "settings", 1, JSON_OBJECT);
	if (!ok(ld))
		return;
	for (j = 0; j + 1 < res->n_backends; j++)
		if (strcmp(res->backends[j].name, br->name) == 0) {
			bad(ld, where, "backend '%s' listed twice", br->name);
			return;
		}
	json_object_foreach(settings, key, v) {
		if (!json_is_string(v)) {
			field_path(path, sizeof path, where, "settings");
			bad(ld, path, "%s: expected a string, got %s", key,
			    type_name(v));
			return;
		}
		backend_info_add(&br->info, key, json_string_value(v));
	}
}

static void
load_backends(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *list = member(ld, root, "", "backends", 1, JSON_ARRAY);

	if (list == NULL)
		return;
	if (json_array_size(list) == 0) {
		bad(ld, "backends", "empty");
		return;
	}
	res->backends = xcalloc(json_array_size(list), sizeof *res->backends);
	each_object(ld, list, "backends", load_backend, res);
}

/* A series of samples: whole numbers of nanoseconds, none negative. */
static void
load_samples(struct loader *ld, json_t *samples, const char *where,
    const char *name, struct sample_vec *vec)
{
	char path[PATH_MAX_LEN], at[PATH_MAX_LEN + 24];
	json_t *list, *v;
	size_t i;

	list = member(ld, samples, where, name, 1, JSON_ARRAY);
	field_path(path, sizeof path, where, name);
	for (i = 0; ok(ld) && i < json_array_size(list); i++) {
		v = json_array_get(list, i);
		snprintf(at, sizeof at, "%s[%zu]", path, i);
		if (!json_is_integer(v))
			bad(ld, at, "expected a whole number, got %s",
			    type_name(v));
		else if (json_integer_value(v) < 0)
			bad(ld, at, "%lld is negative",
			    (long long)json_integer_value(v));
		else
			sample_vec_push(vec, (int64_t)json_integer_value(v));
	}
}

/*
 * The optional record of what each process added to a cell: four series of
 * counts, one entry per process, each adding up to the series it counts.
 */
static void
load_replicates(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	json_t *reps;
	struct {
		const char *name;
		struct sample_vec *counts;
		const struct sample_vec *counted;
	} parts[] = {
		{ "rounds", &c->rep_rounds, &c->suite_overhead },
		{ "sessions", &c->rep_sessions,
		    &c->samples[SERIES_SESSION_SETUP] },
		{ "tests", &c->rep_tests, &c->samples[SERIES_PER_TEST] },
		{ "connects", &c->rep_connects, &c->connect },
	};
	char rw[PATH_MAX_LEN];
	int64_t total;
	size_t i, j;

	reps = member(ld, o, where, "replicates", 0, JSON_OBJECT);
	if (reps == NULL)
		return;
	field_path(rw, sizeof rw, where, "replicates");
	for (i = 0; ok(ld) && i < sizeof parts / sizeof parts[0]; i++) {
		load_samples(ld, reps, rw, parts[i].name, parts[i].counts);
		total = 0;
		for (j = 0; j < parts[i].counts->n; j++)
			total += parts[i].counts->v[j];
		if (total != (int64_t)parts[i].counted->n ||
		    parts[i].counts->n != c->rep_rounds.n)
			bad(ld, rw,
			    "%s: %zu counts adding up to %lld, for %zu "
			    "samples in %zu processes",
			    parts[i].name, parts[i].counts->n,
			    (long long)total, parts[i].counted->n,
			    c->rep_rounds.n);
	}
}

static void
load_sketch(struct loader *ld, json_t *o, const char *where,
    struct sketch *s)
{
	char cw[PATH_MAX_LEN], at[PATH_MAX_LEN + 24];
	json_t *counts, *v;
	uint64_t total = 0;
	size_t i;

	s->n = (uint64_t)get_whole(ld, o, where, "n", 1, 0, INT64_MAX, 0);
	s->zeros = (uint64_t)get_whole(ld, o, where, "zeros", 1, 0, INT64_MAX,
	    0);
	s->min = (int64_t)get_whole(ld, o, where, "min", 1, 0, INT64_MAX, 0);
	s->max = (int64_t)get_whole(ld, o, where, "max", 1, s->min, INT64_MAX,
	    0);
	s->first = (int32_t)get_whole(ld, o, where, "first", 1, -100000, 100000,
	    0);
	counts = member(ld, o, where, "counts", 1, JSON_ARRAY);
	if (counts == NULL)
		return;
	field_path(cw, sizeof cw, where, "counts");
	if (json_array_size(counts) > 200000) {
		bad(ld, cw, "%zu buckets; a sketch has far fewer",
		    json_array_size(counts));
		return;
	}
	for (i = 0; ok(ld) && i < json_array_size(counts); i++) {
		v = json_array_get(counts, i);
		snprintf(at, sizeof at, "%s[%zu]", cw, i);
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			bad(ld, at, "expected a count");
			return;
		}
		sketch_add_count(s, s->first + (int32_t)i,
		    (uint64_t)json_integer_value(v));
		total += (uint64_t)json_integer_value(v);
	}
	if (total + s->zeros != s->n)
		bad(ld, cw, "counts add up to %llu with %llu zeros, for n %llu",
		    (unsigned long long)total, (unsigned long long)s->zeros,
		    (unsigned long long)s->n);
}

/* The per-test series: element i of each is the same test. */
static const int per_test_series[] = { SERIES_TEST_SETUP, SERIES_BODY,
	SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
#define N_PER_TEST (sizeof per_test_series / sizeof per_test_series[0])

/*
 * The sketches of every test a sampled cell timed; a cell that kept every
 * sample has none, and they are counted from its samples.
 */
static void
load_sketches(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	char sw[PATH_MAX_LEN], ow[PATH_MAX_LEN];
	json_t *sk, *one;
	double alpha = 0;
	const char *name;
	size_t k;

	sk = member(ld, o, where, "sketches", 0, JSON_OBJECT);
	if (!ok(ld))
		return;
	if (sk == NULL) {
		sampling_sketch_samples(c, 0);
		return;
	}
	field_path(sw, sizeof sw, where, "sketches");
	get_number(ld, sk, sw, "alpha", 1, &alpha);
	if (ok(ld) && fabs(alpha - SKETCH_ALPHA) > 1e-12)
		bad(ld, sw, "alpha %g; this dbbench reads %g", alpha,
		    SKETCH_ALPHA);
	for (k = 0; ok(ld) && k < N_PER_TEST; k++) {
		name = series_names[per_test_series[k]];
		one = member(ld, sk, sw, name, 1, JSON_OBJECT);
		field_path(ow, sizeof ow, sw, name);
		if (one != NULL)
			load_sketch(ld, one, ow,
			    &c->sketch[per_test_series[k]]);
	}
}

/*
 * What the per-test and connect series stand for: the tests and
 * connections timed, at least as many as kept (a run that kept every
 * sample, or one saved before samples were capped, has no "sampling").
 */
static void
load_sampling(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	json_t *sampling;
	char sw[PATH_MAX_LEN];

	c->tests_timed = c->samples[SERIES_PER_TEST].n;
	c->connects_timed = c->connect.n;
	sampling = member(ld, o, where, "sampling", 0, JSON_OBJECT);
	if (sampling != NULL) {
		field_path(sw, sizeof sw, where, "sampling");
		c->tests_timed = (size_t)get_whole(ld, sampling, sw,
		    "tests_timed", 0, (json_int_t)c->tests_timed, INT64_MAX,
		    (json_int_t)c->tests_timed);
		c->connects_timed = (size_t)get_whole(ld, sampling, sw,
		    "connects_timed", 0, (json_int_t)c->connects_timed,
		    INT64_MAX, (json_int_t)c->connects_timed);
	}
	load_sketches(ld, o, where, c);
}

/* The cell's samples: every series, then the per-process and sampling
 * records that describe them. */
static void
load_cell_samples(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	char sw[PATH_MAX_LEN];
	json_t *samples;
	size_t i;
	int s;

	samples = member(ld, o, where, "samples", 1, JSON_OBJECT);
	field_path(sw, sizeof sw, where, "samples");
	for (s = 0; s < SERIES_COUNT; s++)
		load_samples(ld, samples, sw, series_names[s], &c->samples[s]);
	load_samples(ld, samples, sw, "wall", &c->wall);
	load_samples(ld, samples, sw, "suite_overhead", &c->suite_overhead);
	if (json_object_get(samples, "connect") != NULL)
		load_samples(ld, samples, sw, "connect", &c->connect);
	if (json_object_get(samples, "test_index") != NULL)
		load_samples(ld, samples, sw, "test_index", &c->test_index);
	load_replicates(ld, o, where, c);
	load_sampling(ld, o, where, c);
	for (i = 1; ok(ld) && i < N_PER_TEST; i++)
		if (c->samples[per_test_series[i]].n !=
		    c->samples[per_test_series[0]].n)
			bad(ld, sw,
			    "%s has %zu samples and %s %zu; the per-test "
			    "series must be as long as each other",
			    series_names[per_test_series[i]],
			    c->samples[per_test_series[i]].n,
			    series_names[per_test_series[0]],
			    c->samples[per_test_series[0]].n);
}

static int
known_backend(const struct run_result *res, const char *name)
{
	size_t i;

	for (i = 0; i < res->n_backends; i++)
		if (strcmp(res->backends[i].name, name) == 0)
			return 1;
	return 0;
}

/* A new cell for the backend and strategy o names; NULL on error. */
static struct cell *
add_cell(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	const char *backend, *strategy;
	char path[PATH_MAX_LEN];
	struct cell *c;

	backend = string_member(ld, o, where, "backend");
	strategy = string_member(ld, o, where, "strategy");
	if (backend != NULL && !known_backend(res, backend)) {
		field_path(path, sizeof path, where, "backend");
		bad(ld, path, "'%s' is not one of the backends", backend);
	}
	if (!ok(ld))
		return NULL;
	c = result_add_cell(res, backend, strategy, "per-worker", 1);
	free(c->pool);
	c->pool = NULL;
	return c;
}

/* An error when cell c repeats the coordinates of an earlier one. */
static void
check_cell_unique(struct loader *ld, const char *where,
    const struct run_result *res, const struct cell *c)
{
	const struct cell *d;
	size_t i;

	for (i = 0; ok(ld) && i + 1 < res->n_cells; i++) {
		d = &res->cells[i];
		if (strcmp(d->backend, c->backend) == 0 &&
		    strcmp(d->strategy, c->strategy) == 0 &&
		    d->workers == c->workers &&
		    d->seed_scale == c->seed_scale &&
		    strcmp(d->pool, c->pool) == 0)
			bad(ld, where,
			    "the same backend, strategy, workers, pool and "
			    "seed scale as cells[%zu]",
			    i);
	}
}

static void
load_cell(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	struct cell *c = add_cell(ld, o, where, res);
	char path[PATH_MAX_LEN];

	if (c == NULL)
		return;
	c->workers = (unsigned)get_whole(ld, o, where, "workers", 1, 1,
	    LOAD_MAX_WORKERS, 0);
	get_string(ld, o, where, "pool", 1, &c->pool);
	c->seed_scale = (unsigned)get_whole(ld, o, where, "seed_scale", 0, 1,
	    10000, 1);
	c->seed_rows = (long long)get_whole(ld, o, where, "seed_rows", 0, 0,
	    INT64_MAX, 0);
	c->client_cpu = (int)get_whole(ld, o, where, "client_cpu", 0, -1,
	    INT32_MAX, -1);
	c->server_cpu = (int)get_whole(ld, o, where, "server_cpu", 0, -2,
	    INT32_MAX, -1);
	c->tests_run = (size_t)get_whole(ld, o, where, "tests_run", 1, 0,
	    INT64_MAX, 0);
	c->failed = (size_t)get_whole(ld, o, where, "failed", 1, 0, INT64_MAX,
	    0);
	if (c->failed > c->tests_run) {
		field_path(path, sizeof path, where, "failed");
		bad(ld, path, "%zu is more than tests_run (%zu)", c->failed,
		    c->tests_run);
	}
	c->rounds = (unsigned)get_whole(ld, o, where, "rounds", 0, 0,
	    UINT32_MAX, 0);
	get_bool(ld, o, where, "converged", &c->converged);
	if (!json_is_null(json_object_get(o, "ci_rel")))
		get_number(ld, o, where, "ci_rel", 0, &c->ci_rel);
	load_cell_samples(ld, o, where, c);
	check_cell_unique(ld, where, res, c);
}

static void
load_cells(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *list = member(ld, root, "", "cells", 1, JSON_ARRAY);

	if (list != NULL && json_array_size(list) == 0)
		bad(ld, "cells", "empty: the run measured nothing");
	each_object(ld, list, "cells", load_cell, res);
}

static void
load_failure(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	const char *backend, *strategy, *test, *phase, *error;
	json_int_t stmt, count;

	backend = string_member(ld, o, where, "backend");
	strategy = string_member(ld, o, where, "strategy");
	test = string_member(ld, o, where, "test");
	phase = string_member(ld, o, where, "phase");
	stmt = get_whole(ld, o, where, "statement", 1, 0, UINT32_MAX, 0);
	error = string_member(ld, o, where, "error");
	count = get_whole(ld, o, where, "count", 1, 1, INT64_MAX, 0);
	if (!ok(ld))
		return;
	result_add_failure(res, backend, strategy, test, phase,
	    (unsigned)stmt, error);
	res->failures[res->n_failures - 1].count = (size_t)count;
}

static void
load_validation(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	const char *backend, *strategy, *scenario, *verdict, *detail;
	int v;

	backend = string_member(ld, o, where, "backend");
	strategy = string_member(ld, o, where, "strategy");
	scenario = string_member(ld, o, where, "scenario");
	verdict = string_member(ld, o, where, "verdict");
	detail = string_member(ld, o, where, "detail");
	if (!ok(ld))
		return;
	for (v = 0; v < VERDICT_COUNT; v++)
		if (strcmp(verdict_names[v], verdict) == 0)
			break;
	if (v == VERDICT_COUNT)
		bad(ld, where, "unknown verdict '%s'", verdict);
	else
		result_add_validation(res, backend, strategy, scenario,
		    (enum verdict)v, detail);
}

static void
load_scenario(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	const char *id, *title, *mitigation;

	id = string_member(ld, o, where, "id");
	title = string_member(ld, o, where, "title");
	mitigation = string_member(ld, o, where, "mitigation");
	if (ok(ld))
		result_add_scenario(res, id, title, mitigation);
}

static void
load_state_check(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	const char *backend, *strategy, *test, *detail;
	json_t *leaked, *error;

	backend = string_member(ld, o, where, "backend");
	strategy = string_member(ld, o, where, "strategy");
	test = string_member(ld, o, where, "test");
	detail = string_member(ld, o, where, "detail");
	leaked = member(ld, o, where, "leaked", 1, JSON_TRUE);
	error = member(ld, o, where, "error", 0, JSON_STRING);
	if (!ok(ld))
		return;
	if (error != NULL)
		result_add_failed_state_check(res, backend, strategy, test,
		    json_is_true(leaked), detail, json_string_value(error));
	else
		result_add_state_check(res, backend, strategy, test,
		    json_is_true(leaked), detail);
}

/* An optional array of objects, root.name, each read by fn. */
static void
load_objects(struct loader *ld, json_t *root, const char *name,
    load_element_fn *fn, struct run_result *res)
{
	each_object(ld, member(ld, root, "", name, 0, JSON_ARRAY), name, fn,
	    res);
}

/* The optional "notes": one-line remarks, strings. */
static void
load_notes(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *list = member(ld, root, "", "notes", 0, JSON_ARRAY);
	const char *note;
	size_t i;

	for (i = 0; ok(ld) && i < json_array_size(list); i++) {
		note = string_at(ld, list, i, "notes");
		if (note != NULL)
			result_add_note(res, "%s", note);
	}
}

static void
load_root(struct loader *ld, json_t *root, struct run_result *res)
{
	json_int_t version;
	json_t *placement;

	if (!json_is_object(root)) {
		ld->rc = db_error_set(ld->err, DB_EUSAGE,
		    "%s: expected a JSON object (a dbbench report), got %s",
		    ld->file, type_name(root));
		return;
	}
	version = get_whole(ld, root, "", "schema_version", 1, INT64_MIN,
	    INT64_MAX, LOAD_SCHEMA_VERSION);
	if (version != LOAD_SCHEMA_VERSION)
		bad(ld, "schema_version",
		    "%lld is not supported (this dbbench reads %d)",
		    (long long)version, LOAD_SCHEMA_VERSION);
	load_host(ld, root, res);
	load_config(ld, root, &res->config);
	load_backends(ld, root, res);
	load_cells(ld, root, res);
	load_objects(ld, root, "failures", load_failure, res);
	load_notes(ld, root, res);
	/* the isolation sections: verdicts, the scenarios they name, and
	 * the state checks */
	load_objects(ld, root, "validation", load_validation, res);
	load_objects(ld, root, "scenarios", load_scenario, res);
	load_objects(ld, root, "state_checks", load_state_check, res);
	placement = member(ld, root, "", "placement", 0, JSON_OBJECT);
	if (placement != NULL)
		get_bool(ld, placement, "placement", "pinned", &res->pinned);
	if (!ok(ld))
		return;
	if (res->config.workload_dir == NULL)
		res->config.workload_dir = xstrdup("");
	result_summarize(res);
}

/* The jansson error as "FILE:LINE:COLUMN: text". */
static int
parse_error(struct loader *ld, const json_error_t *jerr)
{
	if (jerr->line < 1)
		return db_error_set(ld->err, DB_EUSAGE, "%s: %s", ld->file,
		    jerr->text);
	return db_error_set(ld->err, DB_EUSAGE, "%s:%d:%d: %s", ld->file,
	    jerr->line, jerr->column, jerr->text);
}

static int
finish(struct loader *ld, json_t *root, struct run_result *res)
{
	load_root(ld, root, res);
	json_decref(root);
	if (!ok(ld))
		result_fini(res);
	return ld->rc;
}

int
result_load_text(const char *name, const char *text, size_t len,
    struct run_result *res, struct db_error *err)
{
	struct loader ld = { name, err, DB_OK };
	json_error_t jerr;
	json_t *root;

	memset(res, 0, sizeof *res);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return parse_error(&ld, &jerr);
	return finish(&ld, root, res);
}

int
result_load_file(const char *path, struct run_result *res,
    struct db_error *err)
{
	struct loader ld = { path, err, DB_OK };
	json_error_t jerr;
	struct stat st;
	json_t *root;
	FILE *fp;

	memset(res, 0, sizeof *res);
	fp = fopen(path, "r");
	if (fp == NULL)
		return db_error_set(err, DB_EUSAGE, "%s: %s", path,
		    strerror(errno));
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		return db_error_set(err, DB_EUSAGE, "%s: is a directory", path);
	}
	root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	fclose(fp);
	if (root == NULL)
		return parse_error(&ld, &jerr);
	return finish(&ld, root, res);
}
