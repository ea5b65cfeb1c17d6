/*
 * result.c - building and freeing a struct run_result
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "sampling.h"
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

const char *const verdict_names[VERDICT_COUNT] = {
	[VERDICT_ISOLATED] = "isolated",
	[VERDICT_LEAK] = "leak",
	[VERDICT_FALSE_PASS] = "false pass",
	[VERDICT_ERROR] = "error",
	[VERDICT_NA] = "n/a",
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

void
sample_vec_append(struct sample_vec *to, const struct sample_vec *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		sample_vec_push(to, from->v[i]);
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
 * Count n occurrences of a failure, merged with an earlier one at the same
 * place with the same message.
 */
static void
add_failures(struct run_result *res, const char *backend,
    const char *strategy, const char *test, const char *phase,
    unsigned statement, const char *error, size_t n)
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
			f->count += n;
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
	f->count = n;
}

void
result_add_failure(struct run_result *res, const char *backend,
    const char *strategy, const char *test, const char *phase,
    unsigned statement, const char *error)
{
	add_failures(res, backend, strategy, test, phase, statement, error, 1);
}

void
result_add_note(struct run_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xstrv_addv(&res->notes, &res->n_notes, 512, fmt, ap);
	va_end(ap);
}

void
result_add_validation(struct run_result *res, const char *backend,
    const char *strategy, const char *scenario, enum verdict verdict,
    const char *detail)
{
	struct validation *v;

	res->validations = xreallocarray(res->validations,
	    res->n_validations + 1, sizeof *res->validations);
	v = &res->validations[res->n_validations++];
	v->backend = xstrdup(backend);
	v->strategy = xstrdup(strategy);
	v->scenario = xstrdup(scenario);
	v->verdict = verdict;
	v->detail = xstrdup(detail);
}

/* Remember a scenario that ran; a second call with the same id is a no-op. */
void
result_add_scenario(struct run_result *res, const char *id, const char *title,
    const char *mitigation)
{
	struct scenario_info *s;
	size_t i;

	for (i = 0; i < res->n_scenarios; i++)
		if (strcmp(res->scenarios[i].id, id) == 0)
			return;
	res->scenarios = xreallocarray(res->scenarios, res->n_scenarios + 1,
	    sizeof *res->scenarios);
	s = &res->scenarios[res->n_scenarios++];
	s->id = xstrdup(id);
	s->title = xstrdup(title);
	s->mitigation = xstrdup(mitigation);
}

void
result_add_state_check(struct run_result *res, const char *backend,
    const char *strategy, const char *test, int leaked, const char *detail)
{
	struct state_check *c;

	res->state_checks = xreallocarray(res->state_checks,
	    res->n_state_checks + 1, sizeof *res->state_checks);
	c = &res->state_checks[res->n_state_checks++];
	c->backend = xstrdup(backend);
	c->strategy = xstrdup(strategy);
	c->test = xstrdup(test);
	c->leaked = leaked;
	c->detail = xstrdup(detail);
	c->error = NULL;
}

/* A state check whose test failed under the strategy, with the error. */
void
result_add_failed_state_check(struct run_result *res, const char *backend,
    const char *strategy, const char *test, int leaked, const char *detail,
    const char *error)
{
	result_add_state_check(res, backend, strategy, test, leaked, detail);
	res->state_checks[res->n_state_checks - 1].error = xstrdup(error);
}

/* The state checks that found a test leaking, over every cell. */
size_t
result_leaked_tests(const struct run_result *res)
{
	size_t i, n = 0;

	for (i = 0; i < res->n_state_checks; i++)
		if (res->state_checks[i].leaked)
			n++;
	return n;
}

/* The state checks whose test failed under its strategy. */
size_t
result_failed_state_checks(const struct run_result *res)
{
	size_t i, n = 0;

	for (i = 0; i < res->n_state_checks; i++)
		if (res->state_checks[i].error != NULL)
			n++;
	return n;
}

/*
 * Widen st's median interval by the spread between the processes that
 * measured v, when counts (one per process) account for every sample.
 */
static void
widen_by_replicates(struct stats *st, const struct sample_vec *v,
    const struct sample_vec *counts)
{
	int64_t total = 0;
	size_t i;

	if (counts->n < 2)
		return;
	for (i = 0; i < counts->n; i++)
		total += counts->v[i];
	if (total != (int64_t)v->n)
		return;
	stats_widen_ci_by_groups(st, v->v, counts->v, counts->n);
}

/*
 * Only the headline, each cell's suite overhead per test, as
 * result_summarize() computes it: what deciding whether to measure on
 * needs, without sorting every test's samples again.
 */
void
result_summarize_suite_overhead(struct run_result *res)
{
	struct cell *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		stats_summarize(c->suite_overhead.v, c->suite_overhead.n,
		    &c->suite_overhead_stats);
		widen_by_replicates(&c->suite_overhead_stats,
		    &c->suite_overhead, &c->rep_rounds);
	}
}

/*
 * A sampled cell's location figures from the sketch of every test timed:
 * the percentiles within SKETCH_ALPHA, the extremes exact; spread, interval
 * and outliers stay those of the sample.
 */
static void
percentiles_of_all(struct stats *st, const struct sketch *sk)
{
	if (sk->n == 0)
		return;
	st->min = (double)sk->min;
	st->max = (double)sk->max;
	st->median = sketch_quantile(sk, 0.5);
	st->p95 = sketch_quantile(sk, 0.95);
	st->p99 = sketch_quantile(sk, 0.99);
	if (st->ci95_low > st->median)
		st->ci95_low = st->median;
	if (st->ci95_high < st->median)
		st->ci95_high = st->median;
}

/*
 * Compute every cell's statistics from its raw samples.  A cell measured by
 * several processes gets intervals that also hold the spread between them
 * (stats_widen_ci_by_groups()).
 */
void
result_summarize(struct run_result *res)
{
	static const int per_test[] = { SERIES_TEST_SETUP, SERIES_BODY,
		SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
	struct cell *c;
	size_t i, k;
	int s;

	result_summarize_suite_overhead(res);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		for (s = 0; s < SERIES_COUNT; s++)
			stats_summarize(c->samples[s].v, c->samples[s].n,
			    &c->stats[s]);
		if (sampling_is_sample(c))
			for (k = 0; k < sizeof per_test / sizeof per_test[0];
			     k++)
				percentiles_of_all(&c->stats[per_test[k]],
				    &c->sketch[per_test[k]]);
		stats_summarize(c->wall.v, c->wall.n, &c->wall_stats);
		stats_summarize(c->connect.v, c->connect.n, &c->connect_stats);

		widen_by_replicates(&c->wall_stats, &c->wall, &c->rep_rounds);
		for (k = 0; k < sizeof per_test / sizeof per_test[0]; k++)
			widen_by_replicates(&c->stats[per_test[k]],
			    &c->samples[per_test[k]], &c->rep_tests);
		widen_by_replicates(&c->stats[SERIES_SESSION_SETUP],
		    &c->samples[SERIES_SESSION_SETUP], &c->rep_sessions);
		widen_by_replicates(&c->stats[SERIES_SESSION_TEARDOWN],
		    &c->samples[SERIES_SESSION_TEARDOWN], &c->rep_sessions);
		widen_by_replicates(&c->connect_stats, &c->connect,
		    &c->rep_connects);
	}
}

/* Record what c holds so far as one process's share. */
static void
push_replicate(struct cell *c, unsigned process, size_t rounds,
    size_t sessions, size_t tests, size_t connects)
{
	sample_vec_push(&c->rep_process, (int64_t)process);
	sample_vec_push(&c->rep_rounds, (int64_t)rounds);
	sample_vec_push(&c->rep_sessions, (int64_t)sessions);
	sample_vec_push(&c->rep_tests, (int64_t)tests);
	sample_vec_push(&c->rep_connects, (int64_t)connects);
}

static struct cell *
find_cell(struct run_result *res, const struct cell *like)
{
	struct cell *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->backend, like->backend) == 0 &&
		    strcmp(c->strategy, like->strategy) == 0 &&
		    strcmp(c->pool, like->pool) == 0 &&
		    c->workers == like->workers &&
		    c->seed_scale == like->seed_scale)
			return c;
	}
	return NULL;
}

/*
 * Fold a run that another process measured into this one.  Each of from's
 * cells is appended to the cell of into with the same backend, strategy,
 * pool, workers and seed scale (a new cell if there is none), and what it
 * added is recorded as one more replicate, of process into->merged + 1; a
 * cell of into that holds samples but no replicate record yet is first
 * recorded as one, of process 1.  Failures add up; notes are kept once.
 * The statistics are stale until result_summarize().
 */
void
result_merge_replicate(struct run_result *into, const struct run_result *from)
{
	const struct failure *f;
	const struct cell *fc;
	struct sample_share old;
	struct cell *c;
	size_t i, j;
	int s;

	into->merged++;
	for (i = 0; i < into->n_cells; i++) {
		c = &into->cells[i];
		if (c->rep_rounds.n == 0 && c->suite_overhead.n > 0)
			push_replicate(c, 1, c->suite_overhead.n,
			    c->samples[SERIES_SESSION_SETUP].n,
			    c->samples[SERIES_PER_TEST].n, c->connect.n);
	}
	for (i = 0; i < from->n_cells; i++) {
		fc = &from->cells[i];
		c = find_cell(into, fc);
		if (c == NULL) {
			c = result_add_cell(into, fc->backend, fc->strategy,
			    fc->pool, fc->seed_scale);
			c->workers = fc->workers;
			c->seed_rows = fc->seed_rows;
		}
		sampling_before(c, &old);
		for (s = 0; s < SERIES_COUNT; s++)
			sample_vec_append(&c->samples[s], &fc->samples[s]);
		sample_vec_append(&c->wall, &fc->wall);
		sample_vec_append(&c->suite_overhead, &fc->suite_overhead);
		sample_vec_append(&c->connect, &fc->connect);
		sample_vec_append(&c->test_index, &fc->test_index);
		push_replicate(c, into->merged + 1, fc->suite_overhead.n,
		    fc->samples[SERIES_SESSION_SETUP].n,
		    fc->samples[SERIES_PER_TEST].n, fc->connect.n);
		c->tests_run += fc->tests_run;
		c->failed += fc->failed;
		c->rounds += fc->rounds;
		c->client_cpu = fc->client_cpu;
		c->server_cpu = fc->server_cpu;
		sampling_bound(c, &old, fc, into->config.sample_cap);
	}
	for (i = 0; i < from->n_failures; i++) {
		f = &from->failures[i];
		add_failures(into, f->backend, f->strategy, f->test, f->phase,
		    f->statement, f->error, f->count);
	}
	for (i = 0; i < from->n_notes; i++) {
		for (j = 0; j < into->n_notes; j++)
			if (strcmp(into->notes[j], from->notes[i]) == 0)
				break;
		if (j == into->n_notes)
			result_add_note(into, "%s", from->notes[i]);
	}
}

void
result_config_fini(struct run_config *cfg)
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
	memset(cfg, 0, sizeof *cfg);
}

void
result_fini(struct run_result *res)
{
	struct failure *f;
	size_t i;
	int s;

	for (i = 0; i < res->n_cells; i++) {
		for (s = 0; s < SERIES_COUNT; s++) {
			sample_vec_fini(&res->cells[i].samples[s]);
			sketch_fini(&res->cells[i].sketch[s]);
		}
		sample_vec_fini(&res->cells[i].wall);
		sample_vec_fini(&res->cells[i].suite_overhead);
		sample_vec_fini(&res->cells[i].connect);
		sample_vec_fini(&res->cells[i].test_index);
		sample_vec_fini(&res->cells[i].rep_rounds);
		sample_vec_fini(&res->cells[i].rep_sessions);
		sample_vec_fini(&res->cells[i].rep_tests);
		sample_vec_fini(&res->cells[i].rep_connects);
		sample_vec_fini(&res->cells[i].rep_process);
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
	for (i = 0; i < res->n_validations; i++) {
		free(res->validations[i].backend);
		free(res->validations[i].strategy);
		free(res->validations[i].scenario);
		free(res->validations[i].detail);
	}
	free(res->validations);
	for (i = 0; i < res->n_scenarios; i++) {
		free(res->scenarios[i].id);
		free(res->scenarios[i].title);
		free(res->scenarios[i].mitigation);
	}
	free(res->scenarios);
	for (i = 0; i < res->n_state_checks; i++) {
		free(res->state_checks[i].backend);
		free(res->state_checks[i].strategy);
		free(res->state_checks[i].test);
		free(res->state_checks[i].detail);
		free(res->state_checks[i].error);
	}
	free(res->state_checks);
	for (i = 0; i < res->n_backends; i++) {
		free(res->backends[i].name);
		backend_info_fini(&res->backends[i].info);
	}
	free(res->backends);
	result_config_fini(&res->config);
	free(res->tool_version);
	free(res->git_commit);
	free(res->git_branch);
	free(res->host_cpu);
	free(res->host_os);
	memset(res, 0, sizeof *res);
}
