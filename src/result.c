/*
 * result.c - building and freeing a struct run_result
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "xmalloc.h"

const char *const series_names[SERIES_COUNT] = {
	[SERIES_SESSION_SETUP] = "session_setup",
	[SERIES_TEST_SETUP] = "test_setup",
	[SERIES_BODY] = "body",
	[SERIES_TEST_TEARDOWN] = "test_teardown",
	[SERIES_SESSION_TEARDOWN] = "session_teardown",
	[SERIES_OVERHEAD] = "overhead",
	[SERIES_PER_TEST] = "per_test",
};

void
sample_vec_push(struct sample_vec *vec, int64_t value)
{
	if (vec->n == vec->cap) {
		vec->cap = vec->cap == 0 ? 256 : vec->cap * 2;
		vec->v = xreallocarray(vec->v, vec->cap, sizeof *vec->v);
	}
	vec->v[vec->n++] = value;
}

void
sample_vec_fini(struct sample_vec *vec)
{
	free(vec->v);
	memset(vec, 0, sizeof *vec);
}

/* Append an empty cell; the pointer is valid until the next call. */
struct cell *
result_add_cell(struct run_result *res, const char *backend,
    const char *strategy, const char *pool, unsigned seed_scale)
{
	struct cell *c;

	res->cells = xreallocarray(res->cells, res->n_cells + 1,
	    sizeof *res->cells);
	c = &res->cells[res->n_cells++];
	memset(c, 0, sizeof *c);
	c->backend = xstrdup(backend);
	c->strategy = xstrdup(strategy);
	c->workers = 1;
	c->pool = xstrdup(pool);
	c->seed_scale = seed_scale;
	return c;
}

/*
 * Count a failure, merging it with an earlier one at the same place with the
 * same message.
 */
void
result_add_failure(struct run_result *res, const char *backend,
    const char *strategy, const char *test, const char *phase,
    unsigned statement, const char *error)
{
	struct failure *f;
	size_t i;

	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		if (f->statement == statement &&
		    strcmp(f->backend, backend) == 0 &&
		    strcmp(f->strategy, strategy) == 0 &&
		    strcmp(f->test, test) == 0 &&
		    strcmp(f->phase, phase) == 0 &&
		    strcmp(f->error, error) == 0) {
			f->count++;
			return;
		}
	}
	res->failures = xreallocarray(res->failures, res->n_failures + 1,
	    sizeof *res->failures);
	f = &res->failures[res->n_failures++];
	f->backend = xstrdup(backend);
	f->strategy = xstrdup(strategy);
	f->test = xstrdup(test);
	f->phase = xstrdup(phase);
	f->statement = statement;
	f->error = xstrdup(error);
	f->count = 1;
}

void
result_add_note(struct run_result *res, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	res->notes = xreallocarray(res->notes, res->n_notes + 1,
	    sizeof *res->notes);
	res->notes[res->n_notes++] = xstrdup(buf);
}

/* Compute every cell's statistics from its raw samples. */
void
result_summarize(struct run_result *res)
{
	struct cell *c;
	size_t i;
	int s;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		for (s = 0; s < SERIES_COUNT; s++)
			stats_summarize(c->samples[s].v, c->samples[s].n,
			    &c->stats[s]);
		stats_summarize(c->wall.v, c->wall.n, &c->wall_stats);
		stats_summarize(c->suite_overhead.v, c->suite_overhead.n,
		    &c->suite_overhead_stats);
		stats_summarize(c->connect.v, c->connect.n, &c->connect_stats);
	}
}

static void
config_fini(struct run_config *cfg)
{
	size_t i;

	free(cfg->workload);
	free(cfg->workload_dir);
	for (i = 0; i < cfg->n_strategies; i++)
		free(cfg->strategies[i]);
	free(cfg->strategies);
	free(cfg->sqlite_path);
	free(cfg->seed_scales);
	free(cfg->pool);
	free(cfg->workers);
}

void
result_fini(struct run_result *res)
{
	struct failure *f;
	size_t i;
	int s;

	for (i = 0; i < res->n_cells; i++) {
		for (s = 0; s < SERIES_COUNT; s++)
			sample_vec_fini(&res->cells[i].samples[s]);
		sample_vec_fini(&res->cells[i].wall);
		sample_vec_fini(&res->cells[i].suite_overhead);
		sample_vec_fini(&res->cells[i].connect);
		free(res->cells[i].backend);
		free(res->cells[i].strategy);
		free(res->cells[i].pool);
	}
	free(res->cells);
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		free(f->backend);
		free(f->strategy);
		free(f->test);
		free(f->phase);
		free(f->error);
	}
	free(res->failures);
	for (i = 0; i < res->n_notes; i++)
		free(res->notes[i]);
	free(res->notes);
	for (i = 0; i < res->n_backends; i++) {
		free(res->backends[i].name);
		backend_info_fini(&res->backends[i].info);
	}
	free(res->backends);
	config_fini(&res->config);
	free(res->tool_version);
	free(res->host_cpu);
	free(res->host_os);
	memset(res, 0, sizeof *res);
}
