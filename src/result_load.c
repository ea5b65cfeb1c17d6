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
 * versions of schema 1 still load.  On any error the result is freed and
 * left empty.
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

struct loader {
	const char *file; /* for messages */
	struct db_error *err;
};

/* Record "FILE: where: message" and return DB_EUSAGE. */
static int
bad(struct loader *ld, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct loader *ld, const char *where, const char *fmt, ...)
{
	char msg[DB_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return db_error_set(ld->err, DB_EUSAGE, "%s: %s: %s", ld->file, where,
	    msg);
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
 * The member key of obj with the given type into *out.  A missing member
 * is an error when required and leaves *out alone otherwise.
 */
static int
member(struct loader *ld, json_t *obj, const char *where, const char *key,
    int required, json_type type, json_t **out)
{
	char path[PATH_MAX_LEN];
	json_t *v;

	field_path(path, sizeof path, where, key);
	v = json_object_get(obj, key);
	if (v == NULL) {
		if (required)
			return bad(ld, path, "missing");
		return DB_OK;
	}
	if (json_typeof(v) != type &&
	    !(type == JSON_REAL && json_is_integer(v)) &&
	    !(type == JSON_TRUE && json_is_boolean(v))) {
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
		return bad(ld, path, "expected %s, got %s", wanted[type],
		    type_name(v));
	}
	*out = v;
	return DB_OK;
}

static int
get_string(struct loader *ld, json_t *obj, const char *where,
    const char *key, int required, char **out)
{
	json_t *v = NULL;
	int rc;

	rc = member(ld, obj, where, key, required, JSON_STRING, &v);
	if (rc == DB_OK && v != NULL) {
		free(*out);
		*out = xstrdup(json_string_value(v));
	}
	return rc;
}

/* A whole number in [min, max]. */
static int
get_whole(struct loader *ld, json_t *obj, const char *where, const char *key,
    int required, json_int_t min, json_int_t max, json_int_t *out)
{
	char path[PATH_MAX_LEN];
	json_t *v = NULL;
	json_int_t x;
	int rc;

	rc = member(ld, obj, where, key, required, JSON_INTEGER, &v);
	if (rc != DB_OK || v == NULL)
		return rc;
	x = json_integer_value(v);
	if (x < min || x > max) {
		field_path(path, sizeof path, where, key);
		return bad(ld, path, "%lld is out of range (%lld to %lld)",
		    (long long)x, (long long)min, (long long)max);
	}
	*out = x;
	return DB_OK;
}

/* A finite number, not negative. */
static int
get_number(struct loader *ld, json_t *obj, const char *where,
    const char *key, int required, double *out)
{
	char path[PATH_MAX_LEN];
	json_t *v = NULL;
	double x;
	int rc;

	rc = member(ld, obj, where, key, required, JSON_REAL, &v);
	if (rc != DB_OK || v == NULL)
		return rc;
	x = json_number_value(v);
	if (!(x >= 0)) {
		field_path(path, sizeof path, where, key);
		return bad(ld, path, "%g is negative", x);
	}
	*out = x;
	return DB_OK;
}

static int
get_bool(struct loader *ld, json_t *obj, const char *where, const char *key,
    int *out)
{
	json_t *v = NULL;
	int rc;

	rc = member(ld, obj, where, key, 0, JSON_TRUE, &v);
	if (rc == DB_OK && v != NULL)
		*out = json_is_true(v);
	return rc;
}

/* "git": {"commit", "branch"}, both optional, for a run in a checkout. */
static int
load_git(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *git = NULL;
	int rc;

	rc = member(ld, root, "", "git", 0, JSON_OBJECT, &git);
	if (rc != DB_OK || git == NULL)
		return rc;
	rc = get_string(ld, git, "git", "commit", 1, &res->git_commit);
	if (rc == DB_OK)
		rc = get_string(ld, git, "git", "branch", 0, &res->git_branch);
	return rc;
}

static int
load_host(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *tool = NULL, *host = NULL, *timer = NULL, *v = NULL;
	char *name = NULL;
	json_int_t x = 0;
	struct tm tm;
	char *end;
	int rc;

	rc = member(ld, root, "", "tool", 1, JSON_OBJECT, &tool);
	if (rc == DB_OK)
		rc = get_string(ld, tool, "tool", "name", 1, &name);
	if (rc == DB_OK && strcmp(name, "dbbench") != 0)
		rc = bad(ld, "tool.name", "'%s' is not dbbench", name);
	free(name);
	if (rc == DB_OK)
		rc = get_string(ld, tool, "tool", "version", 1,
		    &res->tool_version);
	if (rc == DB_OK)
		rc = member(ld, root, "", "host", 1, JSON_OBJECT, &host);
	if (rc == DB_OK)
		rc = get_string(ld, host, "host", "cpu", 1, &res->host_cpu);
	if (rc == DB_OK)
		rc = get_whole(ld, host, "host", "cores", 1, 0, UINT32_MAX, &x);
	res->host_cores = (unsigned)x;
	if (rc == DB_OK)
		rc = get_string(ld, host, "host", "os", 1, &res->host_os);
	if (rc == DB_OK)
		rc = load_git(ld, root, res);
	if (rc == DB_OK)
		rc = member(ld, root, "", "started", 0, JSON_STRING, &v);
	if (rc == DB_OK && v != NULL) {
		memset(&tm, 0, sizeof tm);
		end = strptime(json_string_value(v), "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (end == NULL || *end != '\0')
			return bad(ld, "started", "'%s' is not a UTC time like "
						  "2026-11-26T15:00:00Z",
			    json_string_value(v));
		res->started_unix = (int64_t)timegm(&tm);
	}
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, root, "", "elapsed_ns", 0, 0, INT64_MAX, &x);
	res->elapsed_ns = (int64_t)x;
	x = 1;
	if (rc == DB_OK)
		rc = get_whole(ld, root, "", "replicates", 0, 1, UINT32_MAX,
		    &x);
	res->replicates = (unsigned)x;
	if (rc == DB_OK)
		rc = member(ld, root, "", "timer", 0, JSON_OBJECT, &timer);
	if (rc == DB_OK && timer != NULL) {
		rc = get_number(ld, timer, "timer", "reading_ns", 0,
		    &res->timer_cost_ns);
		if (rc == DB_OK)
			rc = get_number(ld, timer, "timer", "resolution_ns", 0,
			    &res->timer_resolution_ns);
		if (rc == DB_OK)
			rc = get_number(ld, timer, "timer", "harness_floor_ns",
			    0, &res->harness_floor_ns);
	}
	return rc;
}

/*
 * An optional list of whole numbers 1..max (config.seed_scales,
 * config.workers); absent means the single value 1.
 */
static int
get_counts(struct loader *ld, json_t *obj, const char *key, json_int_t max,
    unsigned **list, size_t *n)
{
	json_t *a = NULL, *v;
	char path[PATH_MAX_LEN];
	size_t i;
	int rc;

	rc = member(ld, obj, "config", key, 0, JSON_ARRAY, &a);
	if (rc != DB_OK)
		return rc;
	if (a == NULL || json_array_size(a) == 0) {
		*list = xcalloc(1, sizeof **list);
		(*list)[0] = 1;
		*n = 1;
		return DB_OK;
	}
	*list = xcalloc(json_array_size(a), sizeof **list);
	json_array_foreach(a, i, v) {
		snprintf(path, sizeof path, "config.%s[%zu]", key, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > max)
			return bad(ld, path, "expected a whole number from 1 "
					     "to %lld",
			    (long long)max);
		(*list)[(*n)++] = (unsigned)json_integer_value(v);
	}
	return DB_OK;
}

static int
load_config(struct loader *ld, json_t *root, struct run_config *cfg)
{
	json_t *o = NULL, *list = NULL, *v;
	json_int_t x;
	char path[PATH_MAX_LEN];
	double pct;
	size_t i;
	int rc;

	rc = member(ld, root, "", "config", 1, JSON_OBJECT, &o);
	if (rc != DB_OK)
		return rc;
	x = 0;
	rc = get_whole(ld, o, "config", "tests", 1, 1, UINT32_MAX, &x);
	cfg->tests = (unsigned)x;
	if (rc == DB_OK)
		rc = get_string(ld, o, "config", "workload", 1,
		    &cfg->workload);
	if (rc == DB_OK)
		rc = get_string(ld, o, "config", "workload_dir", 0,
		    &cfg->workload_dir);
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "workload_tests", 0, 0,
		    UINT32_MAX, &x);
	cfg->workload_tests = (unsigned)x;
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "rounds", 0, 0, UINT32_MAX, &x);
	cfg->rounds = (unsigned)x;
	pct = 0;
	if (rc == DB_OK)
		rc = get_number(ld, o, "config", "target_ci_pct", 0, &pct);
	cfg->target_ci = pct / 100;
	if (rc == DB_OK)
		rc = get_number(ld, o, "config", "max_time_s", 0,
		    &cfg->max_time);
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "warmup", 0, 0, UINT32_MAX, &x);
	cfg->warmup = (unsigned)x;
	/* written as a signed 64-bit integer: seeds above 2^63 wrap */
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "seed", 0, INT64_MIN, INT64_MAX,
		    &x);
	cfg->seed = (uint64_t)x;
	if (rc == DB_OK)
		rc = get_bool(ld, o, "config", "strict", &cfg->strict);
	if (rc == DB_OK)
		rc = get_string(ld, o, "config", "sqlite_path", 0,
		    &cfg->sqlite_path);
	if (rc == DB_OK && cfg->sqlite_path != NULL &&
	    strcmp(cfg->sqlite_path, ":memory:") == 0) {
		free(cfg->sqlite_path);
		cfg->sqlite_path = NULL;
	}
	if (rc == DB_OK)
		rc = get_counts(ld, o, "seed_scales", 10000, &cfg->seed_scales,
		    &cfg->n_seed_scales);
	if (rc == DB_OK)
		rc = get_counts(ld, o, "workers", LOAD_MAX_WORKERS,
		    &cfg->workers, &cfg->n_workers);
	if (rc == DB_OK)
		rc = get_string(ld, o, "config", "pool", 0, &cfg->pool);
	if (rc == DB_OK) {
		char *dist = NULL, *command = NULL;

		rc = get_string(ld, o, "config", "dist", 0, &dist);
		cfg->chunk = dist != NULL && strcmp(dist, "chunk") == 0;
		free(dist);
		if (rc == DB_OK)
			rc = get_string(ld, o, "config", "command", 0,
			    &command);
		cfg->benchmark = command == NULL ||
		    strcmp(command, "validate") != 0;
		free(command);
	}
	if (rc == DB_OK)
		rc = get_bool(ld, o, "config", "validate", &cfg->validate);
	if (rc == DB_OK)
		rc = get_bool(ld, o, "config", "vacuum", &cfg->vacuum);
	x = 1;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "replicates", 0, 1, UINT32_MAX,
		    &x);
	cfg->replicates = (unsigned)x;
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, "config", "sample_cap", 0, 0, INT64_MAX,
		    &x);
	cfg->sample_cap = (size_t)x;
	if (rc == DB_OK)
		rc = get_bool(ld, o, "config", "check_state",
		    &cfg->check_state);
	if (rc == DB_OK)
		rc = get_bool(ld, o, "config", "fail_on_leak",
		    &cfg->fail_on_leak);
	if (rc == DB_OK)
		rc = member(ld, o, "config", "strategies", 0, JSON_ARRAY,
		    &list);
	if (rc != DB_OK || list == NULL)
		return rc;
	cfg->strategies = xcalloc(json_array_size(list) + 1,
	    sizeof *cfg->strategies);
	json_array_foreach(list, i, v) {
		if (!json_is_string(v)) {
			snprintf(path, sizeof path, "config.strategies[%zu]",
			    i);
			return bad(ld, path, "expected a string, got %s",
			    type_name(v));
		}
		cfg->strategies[cfg->n_strategies++] =
		    xstrdup(json_string_value(v));
	}
	return DB_OK;
}

static int
load_backends(struct loader *ld, json_t *root, struct run_result *res)
{
	struct backend_result *br;
	json_t *list = NULL, *b, *settings = NULL, *v;
	const char *key;
	char where[PATH_MAX_LEN], path[PATH_MAX_LEN];
	size_t i, j;
	int rc;

	rc = member(ld, root, "", "backends", 1, JSON_ARRAY, &list);
	if (rc != DB_OK)
		return rc;
	if (json_array_size(list) == 0)
		return bad(ld, "backends", "empty");
	res->backends = xcalloc(json_array_size(list), sizeof *res->backends);
	json_array_foreach(list, i, b) {
		snprintf(where, sizeof where, "backends[%zu]", i);
		if (!json_is_object(b))
			return bad(ld, where, "expected an object, got %s",
			    type_name(b));
		br = &res->backends[res->n_backends++];
		rc = get_string(ld, b, where, "name", 1, &br->name);
		if (rc == DB_OK)
			rc = get_string(ld, b, where, "version", 1,
			    &br->info.version);
		if (rc == DB_OK) {
			json_int_t rows = 0;

			rc = get_whole(ld, b, where, "seed_rows", 0, 0,
			    INT64_MAX, &rows);
			br->seed_rows = (long long)rows;
		}
		if (rc == DB_OK)
			rc = member(ld, b, where, "settings", 1, JSON_OBJECT,
			    &settings);
		if (rc != DB_OK)
			return rc;
		for (j = 0; j < i; j++)
			if (strcmp(res->backends[j].name, br->name) == 0)
				return bad(ld, where,
				    "backend '%s' listed twice", br->name);
		json_object_foreach(settings, key, v) {
			if (!json_is_string(v)) {
				field_path(path, sizeof path, where,
				    "settings");
				return bad(ld, path,
				    "%s: expected a string, got %s", key,
				    type_name(v));
			}
			backend_info_add(&br->info, key, json_string_value(v));
		}
	}
	return DB_OK;
}

/* A series of samples: whole numbers of nanoseconds, none negative. */
static int
load_samples(struct loader *ld, json_t *samples, const char *where,
    const char *name, struct sample_vec *vec)
{
	char path[PATH_MAX_LEN], at[PATH_MAX_LEN + 24];
	json_t *list = NULL, *v;
	size_t i;
	int rc;

	rc = member(ld, samples, where, name, 1, JSON_ARRAY, &list);
	if (rc != DB_OK)
		return rc;
	field_path(path, sizeof path, where, name);
	json_array_foreach(list, i, v) {
		snprintf(at, sizeof at, "%s[%zu]", path, i);
		if (!json_is_integer(v))
			return bad(ld, at, "expected a whole number, got %s",
			    type_name(v));
		if (json_integer_value(v) < 0)
			return bad(ld, at, "%lld is negative",
			    (long long)json_integer_value(v));
		sample_vec_push(vec, (int64_t)json_integer_value(v));
	}
	return DB_OK;
}

/*
 * The optional record of what each process added to a cell: four series of
 * counts, one entry per process, each adding up to the series it counts.
 */
static int
load_replicates(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	json_t *reps = NULL;
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
	int rc;

	rc = member(ld, o, where, "replicates", 0, JSON_OBJECT, &reps);
	if (rc != DB_OK || reps == NULL)
		return rc;
	field_path(rw, sizeof rw, where, "replicates");
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		rc = load_samples(ld, reps, rw, parts[i].name,
		    parts[i].counts);
		if (rc != DB_OK)
			return rc;
		total = 0;
		for (j = 0; j < parts[i].counts->n; j++)
			total += parts[i].counts->v[j];
		if (total != (int64_t)parts[i].counted->n ||
		    parts[i].counts->n != c->rep_rounds.n)
			return bad(ld, rw,
			    "%s: %zu counts adding up to %lld, for %zu "
			    "samples in %zu processes",
			    parts[i].name, parts[i].counts->n,
			    (long long)total, parts[i].counted->n,
			    c->rep_rounds.n);
	}
	return DB_OK;
}

static int
load_sketch(struct loader *ld, json_t *o, const char *where,
    struct sketch *s)
{
	json_t *counts = NULL, *v;
	char cw[PATH_MAX_LEN], at[PATH_MAX_LEN + 24];
	json_int_t x = 0;
	uint64_t total = 0;
	size_t i;
	int rc;

	rc = get_whole(ld, o, where, "n", 1, 0, INT64_MAX, &x);
	s->n = (uint64_t)x;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "zeros", 1, 0, INT64_MAX, &x);
	s->zeros = (uint64_t)x;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "min", 1, 0, INT64_MAX, &x);
	s->min = (int64_t)x;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "max", 1, s->min, INT64_MAX, &x);
	s->max = (int64_t)x;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "first", 1, -100000, 100000, &x);
	s->first = (int32_t)x;
	if (rc == DB_OK)
		rc = member(ld, o, where, "counts", 1, JSON_ARRAY, &counts);
	if (rc != DB_OK)
		return rc;
	field_path(cw, sizeof cw, where, "counts");
	if (json_array_size(counts) > 200000)
		return bad(ld, cw, "%zu buckets; a sketch has far fewer",
		    json_array_size(counts));
	json_array_foreach(counts, i, v) {
		snprintf(at, sizeof at, "%s[%zu]", cw, i);
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return bad(ld, at, "expected a count");
		sketch_add_count(s, s->first + (int32_t)i,
		    (uint64_t)json_integer_value(v));
		total += (uint64_t)json_integer_value(v);
	}
	if (total + s->zeros != s->n)
		return bad(ld, cw, "counts add up to %llu with %llu zeros, "
		    "for n %llu", (unsigned long long)total,
		    (unsigned long long)s->zeros, (unsigned long long)s->n);
	return DB_OK;
}

/*
 * The sketches of every test a sampled cell timed; a cell that kept every
 * sample has none, and they are counted from its samples.
 */
static int
load_sketches(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	static const int per_test[] = { SERIES_TEST_SETUP, SERIES_BODY,
		SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
	json_t *sk = NULL, *one = NULL;
	char sw[PATH_MAX_LEN], ow[PATH_MAX_LEN];
	double alpha = 0;
	size_t k;
	int rc;

	rc = member(ld, o, where, "sketches", 0, JSON_OBJECT, &sk);
	if (rc != DB_OK)
		return rc;
	if (sk == NULL) {
		sampling_sketch_samples(c, 0);
		return DB_OK;
	}
	field_path(sw, sizeof sw, where, "sketches");
	rc = get_number(ld, sk, sw, "alpha", 1, &alpha);
	if (rc == DB_OK && fabs(alpha - SKETCH_ALPHA) > 1e-12)
		return bad(ld, sw, "alpha %g; this dbbench reads %g", alpha,
		    SKETCH_ALPHA);
	for (k = 0; rc == DB_OK && k < sizeof per_test / sizeof per_test[0];
	     k++) {
		rc = member(ld, sk, sw, series_names[per_test[k]], 1,
		    JSON_OBJECT, &one);
		field_path(ow, sizeof ow, sw, series_names[per_test[k]]);
		if (rc == DB_OK)
			rc = load_sketch(ld, one, ow, &c->sketch[per_test[k]]);
	}
	return rc;
}

/*
 * What the per-test and connect series stand for: the tests and
 * connections timed, at least as many as kept (a run that kept every
 * sample, or one saved before samples were capped, has no "sampling").
 */
static int
load_sampling(struct loader *ld, json_t *o, const char *where,
    struct cell *c)
{
	json_t *sampling = NULL;
	char sw[PATH_MAX_LEN];
	json_int_t x;
	int rc;

	c->tests_timed = c->samples[SERIES_PER_TEST].n;
	c->connects_timed = c->connect.n;
	rc = member(ld, o, where, "sampling", 0, JSON_OBJECT, &sampling);
	if (rc != DB_OK)
		return rc;
	if (sampling == NULL)
		return load_sketches(ld, o, where, c);
	field_path(sw, sizeof sw, where, "sampling");
	x = (json_int_t)c->tests_timed;
	rc = get_whole(ld, sampling, sw, "tests_timed", 0,
	    (json_int_t)c->tests_timed, INT64_MAX, &x);
	c->tests_timed = (size_t)x;
	x = (json_int_t)c->connects_timed;
	if (rc == DB_OK)
		rc = get_whole(ld, sampling, sw, "connects_timed", 0,
		    (json_int_t)c->connects_timed, INT64_MAX, &x);
	c->connects_timed = (size_t)x;
	if (rc == DB_OK)
		rc = load_sketches(ld, o, where, c);
	return rc;
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

static int
load_cell(struct loader *ld, json_t *o, const char *where,
    struct run_result *res)
{
	static const int per_test[] = { SERIES_TEST_SETUP, SERIES_BODY,
		SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
	char *backend = NULL, *strategy = NULL, sw[PATH_MAX_LEN];
	json_t *samples = NULL;
	struct cell *c, *d;
	json_int_t x;
	size_t i;
	int rc, s;

	rc = get_string(ld, o, where, "backend", 1, &backend);
	if (rc == DB_OK)
		rc = get_string(ld, o, where, "strategy", 1, &strategy);
	if (rc == DB_OK && !known_backend(res, backend)) {
		field_path(sw, sizeof sw, where, "backend");
		rc = bad(ld, sw, "'%s' is not one of the backends", backend);
	}
	if (rc != DB_OK) {
		free(backend);
		free(strategy);
		return rc;
	}
	c = result_add_cell(res, backend, strategy, "per-worker", 1);
	free(backend);
	free(strategy);
	free(c->pool);
	c->pool = NULL;
	x = 0;
	rc = get_whole(ld, o, where, "workers", 1, 1, LOAD_MAX_WORKERS, &x);
	c->workers = (unsigned)x;
	if (rc == DB_OK)
		rc = get_string(ld, o, where, "pool", 1, &c->pool);
	x = 1;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "seed_scale", 0, 1, 10000, &x);
	c->seed_scale = (unsigned)x;
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "seed_rows", 0, 0, INT64_MAX, &x);
	c->seed_rows = (long long)x;
	x = -1;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "client_cpu", 0, -1, INT32_MAX, &x);
	c->client_cpu = (int)x;
	x = -1;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "server_cpu", 0, -2, INT32_MAX, &x);
	c->server_cpu = (int)x;
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "tests_run", 1, 0, INT64_MAX, &x);
	c->tests_run = (size_t)x;
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "failed", 1, 0, INT64_MAX, &x);
	c->failed = (size_t)x;
	if (rc == DB_OK && c->failed > c->tests_run) {
		field_path(sw, sizeof sw, where, "failed");
		rc = bad(ld, sw, "%zu is more than tests_run (%zu)", c->failed,
		    c->tests_run);
	}
	x = 0;
	if (rc == DB_OK)
		rc = get_whole(ld, o, where, "rounds", 0, 0, UINT32_MAX, &x);
	c->rounds = (unsigned)x;
	if (rc == DB_OK)
		rc = get_bool(ld, o, where, "converged", &c->converged);
	if (rc == DB_OK && !json_is_null(json_object_get(o, "ci_rel")))
		rc = get_number(ld, o, where, "ci_rel", 0, &c->ci_rel);
	if (rc == DB_OK)
		rc = member(ld, o, where, "samples", 1, JSON_OBJECT, &samples);
	field_path(sw, sizeof sw, where, "samples");
	for (s = 0; rc == DB_OK && s < SERIES_COUNT; s++)
		rc = load_samples(ld, samples, sw, series_names[s],
		    &c->samples[s]);
	if (rc == DB_OK)
		rc = load_samples(ld, samples, sw, "wall", &c->wall);
	if (rc == DB_OK)
		rc = load_samples(ld, samples, sw, "suite_overhead",
		    &c->suite_overhead);
	if (rc == DB_OK && json_object_get(samples, "connect") != NULL)
		rc = load_samples(ld, samples, sw, "connect", &c->connect);
	if (rc == DB_OK && json_object_get(samples, "test_index") != NULL)
		rc = load_samples(ld, samples, sw, "test_index",
		    &c->test_index);
	if (rc == DB_OK)
		rc = load_replicates(ld, o, where, c);
	if (rc == DB_OK)
		rc = load_sampling(ld, o, where, c);
	if (rc != DB_OK)
		return rc;
	/* element i of each per-test series is the same test */
	for (i = 1; i < sizeof per_test / sizeof per_test[0]; i++)
		if (c->samples[per_test[i]].n != c->samples[per_test[0]].n)
			return bad(ld, sw,
			    "%s has %zu samples and %s %zu; the per-test "
			    "series must be as long as each other",
			    series_names[per_test[i]],
			    c->samples[per_test[i]].n,
			    series_names[per_test[0]],
			    c->samples[per_test[0]].n);
	for (i = 0; i + 1 < res->n_cells; i++) {
		d = &res->cells[i];
		if (strcmp(d->backend, c->backend) == 0 &&
		    strcmp(d->strategy, c->strategy) == 0 &&
		    d->workers == c->workers && d->seed_scale == c->seed_scale &&
		    strcmp(d->pool, c->pool) == 0)
			return bad(ld, where,
			    "the same backend, strategy, workers, pool and "
			    "seed scale as cells[%zu]",
			    i);
	}
	return DB_OK;
}

static int
load_cells(struct loader *ld, json_t *root, struct run_result *res)
{
	char where[PATH_MAX_LEN];
	json_t *list = NULL, *o;
	size_t i;
	int rc;

	rc = member(ld, root, "", "cells", 1, JSON_ARRAY, &list);
	if (rc != DB_OK)
		return rc;
	if (json_array_size(list) == 0)
		return bad(ld, "cells", "empty: the run measured nothing");
	json_array_foreach(list, i, o) {
		snprintf(where, sizeof where, "cells[%zu]", i);
		if (!json_is_object(o))
			return bad(ld, where, "expected an object, got %s",
			    type_name(o));
		rc = load_cell(ld, o, where, res);
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

static int
load_failures(struct loader *ld, json_t *root, struct run_result *res)
{
	char where[PATH_MAX_LEN];
	char *backend = NULL, *strategy = NULL, *test = NULL, *phase = NULL;
	char *error = NULL;
	json_t *list = NULL, *o;
	json_int_t stmt = 0, count = 0;
	size_t i;
	int rc;

	rc = member(ld, root, "", "failures", 0, JSON_ARRAY, &list);
	if (rc != DB_OK || list == NULL)
		return rc;
	json_array_foreach(list, i, o) {
		snprintf(where, sizeof where, "failures[%zu]", i);
		if (!json_is_object(o))
			return bad(ld, where, "expected an object, got %s",
			    type_name(o));
		rc = get_string(ld, o, where, "backend", 1, &backend);
		if (rc == DB_OK)
			rc = get_string(ld, o, where, "strategy", 1, &strategy);
		if (rc == DB_OK)
			rc = get_string(ld, o, where, "test", 1, &test);
		if (rc == DB_OK)
			rc = get_string(ld, o, where, "phase", 1, &phase);
		if (rc == DB_OK)
			rc = get_whole(ld, o, where, "statement", 1, 0,
			    UINT32_MAX, &stmt);
		if (rc == DB_OK)
			rc = get_string(ld, o, where, "error", 1, &error);
		if (rc == DB_OK)
			rc = get_whole(ld, o, where, "count", 1, 1, INT64_MAX,
			    &count);
		if (rc == DB_OK) {
			result_add_failure(res, backend, strategy, test, phase,
			    (unsigned)stmt, error);
			res->failures[res->n_failures - 1].count =
			    (size_t)count;
		}
		free(backend);
		free(strategy);
		free(test);
		free(phase);
		free(error);
		backend = strategy = test = phase = error = NULL;
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* One string member of an array element, required. */
static int
elem_string(struct loader *ld, json_t *o, const char *where, const char *key,
    const char **out)
{
	json_t *v = NULL;
	int rc;

	rc = member(ld, o, where, key, 1, JSON_STRING, &v);
	if (rc == DB_OK)
		*out = json_string_value(v);
	return rc;
}

/*
 * The optional isolation sections: "validation" verdicts, the "scenarios"
 * they name, and "state_checks".
 */
static int
load_isolation(struct loader *ld, json_t *root, struct run_result *res)
{
	const char *backend, *strategy, *scenario, *verdict, *detail, *title;
	const char *mitigation, *test;
	json_t *list = NULL, *o, *leaked, *error;
	char where[PATH_MAX_LEN];
	size_t i;
	int rc, v;

	rc = member(ld, root, "", "validation", 0, JSON_ARRAY, &list);
	for (i = 0; rc == DB_OK && list != NULL && i < json_array_size(list);
	     i++) {
		o = json_array_get(list, i);
		snprintf(where, sizeof where, "validation[%zu]", i);
		if (!json_is_object(o))
			return bad(ld, where, "expected an object, got %s",
			    type_name(o));
		rc = elem_string(ld, o, where, "backend", &backend);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "strategy", &strategy);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "scenario", &scenario);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "verdict", &verdict);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "detail", &detail);
		if (rc != DB_OK)
			return rc;
		for (v = 0; v < VERDICT_COUNT; v++)
			if (strcmp(verdict_names[v], verdict) == 0)
				break;
		if (v == VERDICT_COUNT)
			return bad(ld, where, "unknown verdict '%s'", verdict);
		result_add_validation(res, backend, strategy, scenario,
		    (enum verdict)v, detail);
	}
	list = NULL;
	if (rc == DB_OK)
		rc = member(ld, root, "", "scenarios", 0, JSON_ARRAY, &list);
	for (i = 0; rc == DB_OK && list != NULL && i < json_array_size(list);
	     i++) {
		o = json_array_get(list, i);
		snprintf(where, sizeof where, "scenarios[%zu]", i);
		if (!json_is_object(o))
			return bad(ld, where, "expected an object, got %s",
			    type_name(o));
		rc = elem_string(ld, o, where, "id", &scenario);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "title", &title);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "mitigation",
			    &mitigation);
		if (rc == DB_OK)
			result_add_scenario(res, scenario, title, mitigation);
	}
	list = NULL;
	if (rc == DB_OK)
		rc = member(ld, root, "", "state_checks", 0, JSON_ARRAY, &list);
	for (i = 0; rc == DB_OK && list != NULL && i < json_array_size(list);
	     i++) {
		o = json_array_get(list, i);
		snprintf(where, sizeof where, "state_checks[%zu]", i);
		if (!json_is_object(o))
			return bad(ld, where, "expected an object, got %s",
			    type_name(o));
		rc = elem_string(ld, o, where, "backend", &backend);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "strategy", &strategy);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "test", &test);
		if (rc == DB_OK)
			rc = elem_string(ld, o, where, "detail", &detail);
		leaked = error = NULL;
		if (rc == DB_OK)
			rc = member(ld, o, where, "leaked", 1, JSON_TRUE,
			    &leaked);
		if (rc == DB_OK)
			rc = member(ld, o, where, "error", 0, JSON_STRING,
			    &error);
		if (rc == DB_OK && error != NULL)
			result_add_failed_state_check(res, backend, strategy,
			    test, json_is_true(leaked), detail,
			    json_string_value(error));
		else if (rc == DB_OK)
			result_add_state_check(res, backend, strategy, test,
			    json_is_true(leaked), detail);
	}
	return rc;
}

/* The optional "notes": one-line remarks, strings. */
static int
load_notes(struct loader *ld, json_t *root, struct run_result *res)
{
	json_t *list = NULL, *v;
	char path[PATH_MAX_LEN];
	size_t i;
	int rc;

	rc = member(ld, root, "", "notes", 0, JSON_ARRAY, &list);
	if (rc != DB_OK || list == NULL)
		return rc;
	json_array_foreach(list, i, v) {
		if (!json_is_string(v)) {
			snprintf(path, sizeof path, "notes[%zu]", i);
			return bad(ld, path, "expected a string, got %s",
			    type_name(v));
		}
		result_add_note(res, "%s", json_string_value(v));
	}
	return DB_OK;
}

static int
load_root(struct loader *ld, json_t *root, struct run_result *res)
{
	json_int_t version = 0;
	int rc;

	if (!json_is_object(root))
		return db_error_set(ld->err, DB_EUSAGE,
		    "%s: expected a JSON object (a dbbench report), got %s",
		    ld->file, type_name(root));
	rc = get_whole(ld, root, "", "schema_version", 1, INT64_MIN, INT64_MAX,
	    &version);
	if (rc == DB_OK && version != LOAD_SCHEMA_VERSION)
		rc = bad(ld, "schema_version",
		    "%lld is not supported (this dbbench reads %d)",
		    (long long)version, LOAD_SCHEMA_VERSION);
	if (rc == DB_OK)
		rc = load_host(ld, root, res);
	if (rc == DB_OK)
		rc = load_config(ld, root, &res->config);
	if (rc == DB_OK)
		rc = load_backends(ld, root, res);
	if (rc == DB_OK)
		rc = load_cells(ld, root, res);
	if (rc == DB_OK)
		rc = load_failures(ld, root, res);
	if (rc == DB_OK)
		rc = load_notes(ld, root, res);
	if (rc == DB_OK)
		rc = load_isolation(ld, root, res);
	if (rc == DB_OK) {
		json_t *placement = NULL;

		rc = member(ld, root, "", "placement", 0, JSON_OBJECT,
		    &placement);
		if (rc == DB_OK && placement != NULL)
			rc = get_bool(ld, placement, "placement", "pinned",
			    &res->pinned);
	}
	if (rc != DB_OK)
		return rc;
	if (res->config.workload_dir == NULL)
		res->config.workload_dir = xstrdup("");
	result_summarize(res);
	return DB_OK;
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
	int rc;

	rc = load_root(ld, root, res);
	json_decref(root);
	if (rc != DB_OK)
		result_fini(res);
	return rc;
}

int
result_load_text(const char *name, const char *text, size_t len,
    struct run_result *res, struct db_error *err)
{
	struct loader ld = { name, err };
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
	struct loader ld = { path, err };
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
