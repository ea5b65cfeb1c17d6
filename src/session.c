/*
 * session.c - running the suite once: workers, the test queue, samples
 *
 * A worker's life:
 *
 *   setup     session setup on its own connection (skipped with the static
 *             pool: the one session is set up before the workers start).
 *   testing   take the next test index, from the shared counter or from
 *             its chunk; stop when there is none, when a stop was
 *             requested, when the session's deadline has passed after
 *             its first test (a warmup cut short), or, with --strict,
 *             when any worker failed.
 *   teardown  session teardown, recorded even after a failure.
 *
 * run_test() reads the clock four times around test setup, body and test
 * teardown, and besides the phases does nothing but pick up how long a
 * connection opened in setup took (two memory accesses): failures are
 * looked at, and samples stored, only after the last reading.  On a
 * worker's first test of a round it also reads where the server backend
 * runs, outside every timed phase.  The same
 * run_test() timed with phases that do nothing gives the harness floor.
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "clock.h"
#include "session.h"
#include "xmalloc.h"

#define FLOOR_TESTS 20000 /* tests timed for the harness floor */

volatile sig_atomic_t runner_stop_requested;

/* The outcome of one test: clock readings and what failed, if anything. */
struct test_outcome {
	int64_t t[4];	      /* before setup, before body, before teardown,
				 after teardown */
	int failed_phase;     /* SERIES_* of the first failure, or -1 */
	unsigned failed_stmt; /* statement number for a body failure */
	int64_t connect_ns;   /* a connection opened in setup took this */
	struct db_error err;  /* the first failure */
};

/* What the workers of one session share. */
struct shared {
	const struct session_spec *spec;
	unsigned next;		  /* --dist load: the next test index */
	int stop;		  /* --strict met a failure */
	pthread_mutex_t lock;	  /* static pool: one test at a time */
	struct strategy_ctx *pool_ctx; /* static pool: the one session */
};

struct worker {
	struct shared *shared;
	unsigned index;
	struct worker_out *out;
	int status;
	struct db_error err;
};

/* Where the connection's server backend runs, or -1 (none, or embedded). */
static int
server_cpu_of(const struct strategy_ctx *ctx)
{
	if (ctx->conn == NULL || ctx->conn->ops->server_cpu == NULL)
		return -1;
	return ctx->conn->ops->server_cpu(ctx->conn);
}

/*
 * Run one test: setup, body, teardown, each timed.  The body is skipped when
 * setup failed; teardown always runs.  With server_cpu set, where the
 * server backend runs is read between body and teardown, while the test's
 * connection is open; the readings before it are moved on by the time that
 * took, so that no phase includes it.
 */
static inline void
run_test(struct strategy_ctx *ctx, const struct strategy_ops *st,
    const struct workload_file *body, struct test_outcome *out,
    int *server_cpu)
{
	struct db_error e;
	int rc_setup, rc_body = DB_OK, rc_teardown;
	int64_t paused;

	out->failed_stmt = 0;
	out->t[0] = clock_now_ns();
	rc_setup = st->test_setup(ctx, &out->err);
	out->t[1] = clock_now_ns();
	out->connect_ns = 0;
	if (ctx->conn != NULL) {
		out->connect_ns = ctx->conn->connect_ns;
		ctx->conn->connect_ns = 0;
	}
	if (rc_setup == DB_OK)
		rc_body = body_run(ctx->conn, body, &out->failed_stmt,
		    &out->err);
	out->t[2] = clock_now_ns();
	if (server_cpu != NULL) {
		*server_cpu = server_cpu_of(ctx);
		paused = clock_now_ns() - out->t[2];
		out->t[0] += paused;
		out->t[1] += paused;
		out->t[2] += paused;
	}
	rc_teardown = st->test_teardown(ctx, &e);
	out->t[3] = clock_now_ns();

	if (rc_setup != DB_OK)
		out->failed_phase = SERIES_TEST_SETUP;
	else if (rc_body != DB_OK)
		out->failed_phase = SERIES_BODY;
	else if (rc_teardown != DB_OK) {
		out->failed_phase = SERIES_TEST_TEARDOWN;
		out->err = e;
	} else
		out->failed_phase = -1;
}

static void
add_failure(struct worker_out *out, const char *test, int phase,
    unsigned statement, const struct db_error *err)
{
	struct session_failure *f;

	out->failures = xreallocarray(out->failures, out->n_failures + 1,
	    sizeof *out->failures);
	f = &out->failures[out->n_failures++];
	f->test = test;
	f->phase = phase;
	f->statement = statement;
	f->err = *err;
}

/* Keep a test's samples, or its failure. */
static void
record_test(struct worker_out *out, const char *test, unsigned index,
    const struct test_outcome *o)
{
	out->tests_run++;
	if (o->connect_ns > 0)
		sample_vec_push(&out->connect, o->connect_ns);
	if (o->failed_phase >= 0) {
		out->failed++;
		add_failure(out, test, o->failed_phase,
		    o->failed_phase == SERIES_BODY ? o->failed_stmt : 0,
		    &o->err);
		return;
	}
	sample_vec_push(&out->series[SERIES_TEST_SETUP], o->t[1] - o->t[0]);
	sample_vec_push(&out->series[SERIES_BODY], o->t[2] - o->t[1]);
	sample_vec_push(&out->series[SERIES_TEST_TEARDOWN], o->t[3] - o->t[2]);
	sample_vec_push(&out->series[SERIES_OVERHEAD],
	    (o->t[1] - o->t[0]) + (o->t[3] - o->t[2]));
	sample_vec_push(&out->series[SERIES_PER_TEST], o->t[3] - o->t[0]);
	sample_vec_push(&out->test_index, index);
}

/* The next test index for a worker, or UINT_MAX when it is done. */
static unsigned
next_test(struct worker *w, unsigned *chunk_next, unsigned chunk_end)
{
	const struct session_spec *spec = w->shared->spec;

	if (runner_stop_requested ||
	    __atomic_load_n(&w->shared->stop, __ATOMIC_RELAXED))
		return UINT32_MAX;
	if (spec->deadline_ns > 0 && w->out->tests_run > 0 &&
	    clock_now_ns() > spec->deadline_ns)
		return UINT32_MAX;
	if (spec->chunk)
		return *chunk_next < chunk_end ? (*chunk_next)++ : UINT32_MAX;
	return __atomic_fetch_add(&w->shared->next, 1, __ATOMIC_RELAXED);
}

static void
set_ctx(struct strategy_ctx *ctx, const struct session_spec *spec,
    unsigned worker)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->backend = spec->backend;
	ctx->target = &spec->targets[worker];
	ctx->wl = spec->wl;
	ctx->scale_sql = spec->scale_sql;
}

/* Session setup, timed into out; the session's connect is not a test's. */
static int
timed_session_setup(const struct session_spec *spec,
    struct strategy_ctx *ctx, struct worker_out *out, struct db_error *err)
{
	int64_t t0;
	int rc;

	t0 = clock_now_ns();
	rc = spec->st->session_setup(ctx, err);
	sample_vec_push(&out->series[SERIES_SESSION_SETUP],
	    clock_now_ns() - t0);
	if (ctx->conn != NULL)
		ctx->conn->connect_ns = 0;
	return rc;
}

static void
timed_session_teardown(const struct session_spec *spec,
    struct strategy_ctx *ctx, struct worker_out *out)
{
	struct db_error e;
	int64_t t0;
	int rc;

	t0 = clock_now_ns();
	rc = spec->st->session_teardown(ctx, &e);
	sample_vec_push(&out->series[SERIES_SESSION_TEARDOWN],
	    clock_now_ns() - t0);
	if (rc != DB_OK)
		add_failure(out, "", SERIES_SESSION_TEARDOWN, 0, &e);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->shared;
	const struct session_spec *spec = sh->spec;
	struct strategy_ctx own, *ctx;
	struct test_outcome o;
	const struct workload_file *body;
	const struct backend_target *target;
	unsigned i, chunk_next, chunk_end;
	int seen = 0;

	chunk_next = (unsigned)((uint64_t)spec->tests * w->index /
	    spec->workers);
	chunk_end = (unsigned)((uint64_t)spec->tests * (w->index + 1) /
	    spec->workers);
	/* the static pool has one target, shared; otherwise one a worker */
	target = &spec->targets[spec->static_pool ? 0 : w->index];
	w->out->server_cpu = -1;
	if (target->pin_cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(target->pin_cpu, &set);
		sched_setaffinity(0, sizeof set, &set);
	}
	if (sh->pool_ctx != NULL)
		ctx = sh->pool_ctx;
	else {
		ctx = &own;
		set_ctx(ctx, spec, w->index);
		w->status = timed_session_setup(spec, ctx, w->out, &w->err);
		if (w->status != DB_OK) {
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			timed_session_teardown(spec, ctx, w->out);
			return NULL;
		}
	}
	for (;;) {
		i = next_test(w, &chunk_next, chunk_end);
		if (i >= spec->tests)
			break;
		body = &spec->wl->tests[i % spec->wl->n_tests];
		if (sh->pool_ctx != NULL)
			pthread_mutex_lock(&sh->lock);
		run_test(ctx, spec->st, body, &o,
		    seen++ == 0 ? &w->out->server_cpu : NULL);
		if (sh->pool_ctx != NULL)
			pthread_mutex_unlock(&sh->lock);
		record_test(w->out, body->path, i, &o);
		if (o.failed_phase >= 0 && spec->strict) {
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	w->out->client_cpu = sched_getcpu();
	if (sh->pool_ctx != NULL) /* the shared connection is in use */
		pthread_mutex_lock(&sh->lock);
	/* the session's connection at the end of the round; a strategy
	 * that closes it after every test keeps its first test's reading */
	if (ctx->conn != NULL)
		w->out->server_cpu = server_cpu_of(ctx);
	if (sh->pool_ctx != NULL)
		pthread_mutex_unlock(&sh->lock);
	if (sh->pool_ctx == NULL)
		timed_session_teardown(spec, ctx, w->out);
	return NULL;
}

/*
 * Run the suite once.  Returns DB_OK with every worker's samples in out, or
 * the first session setup error (teardown has run everywhere), or DB_EINTR
 * when a stop was requested.  Failed tests are not errors here: they are in
 * out, and the caller applies --strict.
 */
int
session_run(const struct session_spec *spec, struct session_out *out,
    struct db_error *err)
{
	struct shared sh;
	struct worker *ws;
	struct strategy_ctx pool_ctx;
	pthread_t *threads;
	int64_t t0;
	unsigned i, started = 0;
	int rc = DB_OK;

	memset(out, 0, sizeof *out);
	memset(&sh, 0, sizeof sh);
	sh.spec = spec;
	pthread_mutex_init(&sh.lock, NULL);
	out->n = spec->workers;
	out->workers = xcalloc(spec->workers, sizeof *out->workers);
	ws = xcalloc(spec->workers, sizeof *ws);
	threads = xcalloc(spec->workers, sizeof *threads);
	for (i = 0; i < spec->workers; i++) {
		ws[i].shared = &sh;
		ws[i].index = i;
		ws[i].out = &out->workers[i];
	}

	t0 = clock_now_ns();
	if (spec->static_pool) {
		set_ctx(&pool_ctx, spec, 0);
		rc = timed_session_setup(spec, &pool_ctx, &out->workers[0],
		    err);
		if (rc != DB_OK)
			timed_session_teardown(spec, &pool_ctx,
			    &out->workers[0]);
		else
			sh.pool_ctx = &pool_ctx;
	}
	if (rc == DB_OK && spec->workers == 1)
		worker_main(&ws[0]);
	else if (rc == DB_OK) {
		for (i = 0; i < spec->workers; i++) {
			if (pthread_create(&threads[i], NULL, worker_main,
				&ws[i]) != 0)
				break;
			started++;
		}
		if (started < spec->workers) {
			__atomic_store_n(&sh.stop, 1, __ATOMIC_RELAXED);
			rc = db_error_set(err, DB_EIO,
			    "could not start worker %u of %u", started + 1,
			    spec->workers);
		}
		for (i = 0; i < started; i++)
			pthread_join(threads[i], NULL);
	}
	if (sh.pool_ctx != NULL)
		timed_session_teardown(spec, &pool_ctx, &out->workers[0]);
	out->wall_ns = clock_now_ns() - t0;

	for (i = 0; rc == DB_OK && i < spec->workers; i++)
		if (ws[i].status != DB_OK) {
			*err = ws[i].err;
			rc = ws[i].status;
		}
	if (rc == DB_OK && runner_stop_requested)
		rc = db_error_set(err, DB_EINTR, "interrupted");
	pthread_mutex_destroy(&sh.lock);
	free(threads);
	free(ws);
	return rc;
}

void
session_out_fini(struct session_out *out)
{
	unsigned i;
	int s;

	for (i = 0; i < out->n; i++) {
		for (s = 0; s < SERIES_COUNT; s++)
			sample_vec_fini(&out->workers[i].series[s]);
		sample_vec_fini(&out->workers[i].connect);
		sample_vec_fini(&out->workers[i].test_index);
		free(out->workers[i].failures);
	}
	free(out->workers);
	memset(out, 0, sizeof *out);
}

static int
floor_nothing(struct strategy_ctx *ctx, struct db_error *err)
{
	(void)ctx;
	(void)err;
	return DB_OK;
}

/*
 * The overhead the harness itself reports for phases that do nothing: two
 * timed regions around an indirect call, and the loop around them.  This is
 * the floor under every overhead figure (median, nanoseconds).
 */
double
session_harness_floor_ns(void)
{
	static const struct strategy_ops null_ops = {
		.name = "null",
		.test_setup = floor_nothing,
		.test_teardown = floor_nothing,
	};
	struct workload_file empty;
	struct strategy_ctx ctx;
	struct test_outcome o;
	struct stats s;
	int64_t *v;
	size_t i;

	memset(&empty, 0, sizeof empty);
	memset(&ctx, 0, sizeof ctx);
	v = xcalloc(FLOOR_TESTS, sizeof *v);
	for (i = 0; i < FLOOR_TESTS; i++) {
		run_test(&ctx, &null_ops, &empty, &o, NULL);
		v[i] = (o.t[1] - o.t[0]) + (o.t[3] - o.t[2]);
	}
	stats_summarize(v, FLOOR_TESTS, &s);
	free(v);
	return s.median;
}
