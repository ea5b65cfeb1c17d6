/*
 * runner.c - running suites under each strategy and keeping the samples
 *
 * The life of a cell:
 *
 *   warmup    run_session() with recording off, --warmup times.
 *   measuring each round, run_session() once with recording on; after the
 *             round, when enough new samples have come in, the overhead's
 *             CI is computed and a cell within --target-ci stops.
 *   done      converged, out of rounds, or out of time.
 *
 * Inside a session, run_test() reads the clock four times around test setup,
 * body and test teardown and nothing else: failures are looked at, and
 * samples stored, only after the last reading.  The same run_test() measured
 * with phases that do nothing gives the harness floor that reports print.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "body.h"
#include "clock.h"
#include "rng.h"
#include "runner.h"
#include "xmalloc.h"

#define MIN_ROUNDS 10	       /* adaptive mode never stops before this */
#define FLOOR_TESTS 20000      /* tests timed for the harness floor */

volatile sig_atomic_t runner_stop_requested;

/* A cell being measured. */
struct cell_run {
	size_t cell;	/* index into res->cells */
	const struct plan_backend *pb;
	const struct strategy_ops *st;
	int active;	/* still measuring */
	size_t next_check; /* overhead samples at which to test the CI */
};

/* The outcome of one test: clock readings and what failed, if anything. */
struct test_outcome {
	int64_t t[4];	     /* before setup, before body, before teardown,
				after teardown */
	int failed_phase;    /* SERIES_* of the first failure, or -1 */
	unsigned failed_stmt; /* statement number for a body failure */
	struct db_error err; /* the first failure */
};

/*
 * Run one test: setup, body, teardown, each timed.  The body is skipped when
 * setup failed; teardown always runs.
 */
static inline void
run_test(struct strategy_ctx *ctx, const struct strategy_ops *st,
    const struct workload_file *body, struct test_outcome *out)
{
	struct db_error e;
	int rc_setup, rc_body = DB_OK, rc_teardown;

	out->t[0] = clock_now_ns();
	rc_setup = st->test_setup(ctx, &out->err);
	out->t[1] = clock_now_ns();
	if (rc_setup == DB_OK)
		rc_body = body_run(ctx->conn, body, &out->failed_stmt,
		    &out->err);
	out->t[2] = clock_now_ns();
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
record_failure(struct run_result *res, const struct cell *c,
    const char *test, int phase, unsigned stmt, const struct db_error *err)
{
	result_add_failure(res, c->backend, c->strategy, test,
	    series_names[phase], stmt, err->msg);
}

/* Describe a failure as the one line --strict stops with. */
static int
strict_error(struct db_error *err, const struct cell *c, const char *test,
    int phase, const struct db_error *cause)
{
	return db_error_set(err, DB_EBACKEND, "%s %s: %s failed in %s: %s",
	    c->backend, c->strategy, test, series_names[phase], cause->msg);
}

/*
 * Run the modelled suite once under a cell's strategy.  With record set the
 * samples and failures go into the cell.  Returns DB_OK, or an error when the
 * session could not be set up, --strict met a failure, or a stop was
 * requested; session teardown has run in every case.
 */
static int
run_session(const struct run_plan *plan, struct cell_run *cr,
    struct run_result *res, int record, struct db_error *err)
{
	const struct workload *wl = cr->pb->wl;
	const struct workload_file *body;
	struct strategy_ctx ctx;
	struct test_outcome o;
	struct db_error e;
	struct cell *c = &res->cells[cr->cell];
	int64_t t0, t1, t2, t3, overhead_sum = 0;
	unsigned i, timed = 0;
	int rc, status = DB_OK;

	memset(&ctx, 0, sizeof ctx);
	ctx.backend = cr->pb->ops;
	ctx.target = &cr->pb->target;
	ctx.wl = wl;

	t0 = clock_now_ns();
	rc = cr->st->session_setup(&ctx, err);
	t1 = clock_now_ns();
	if (rc != DB_OK) {
		cr->st->session_teardown(&ctx, &e);
		return db_error_prefix(err, "%s %s: session setup: ",
		    c->backend, c->strategy);
	}
	for (i = 0; i < plan->tests; i++) {
		if (runner_stop_requested) {
			status = db_error_set(err, DB_EINTR, "interrupted");
			break;
		}
		body = &wl->tests[i % wl->n_tests];
		o.failed_stmt = 0;
		run_test(&ctx, cr->st, body, &o);
		if (!record)
			continue;
		c->tests_run++;
		if (o.failed_phase >= 0) {
			c->failed++;
			record_failure(res, c, body->path, o.failed_phase,
			    o.failed_phase == SERIES_BODY ? o.failed_stmt : 0,
			    &o.err);
			if (plan->strict) {
				status = strict_error(err, c, body->path,
				    o.failed_phase, &o.err);
				break;
			}
			continue;
		}
		sample_vec_push(&c->samples[SERIES_TEST_SETUP],
		    o.t[1] - o.t[0]);
		sample_vec_push(&c->samples[SERIES_BODY], o.t[2] - o.t[1]);
		sample_vec_push(&c->samples[SERIES_TEST_TEARDOWN],
		    o.t[3] - o.t[2]);
		sample_vec_push(&c->samples[SERIES_OVERHEAD],
		    (o.t[1] - o.t[0]) + (o.t[3] - o.t[2]));
		sample_vec_push(&c->samples[SERIES_PER_TEST], o.t[3] - o.t[0]);
		overhead_sum += (o.t[1] - o.t[0]) + (o.t[3] - o.t[2]);
		timed++;
	}
	t2 = clock_now_ns();
	rc = cr->st->session_teardown(&ctx, &e);
	t3 = clock_now_ns();
	if (rc != DB_OK && record) {
		record_failure(res, c, "", SERIES_SESSION_TEARDOWN, 0, &e);
		if (status == DB_OK && plan->strict)
			status = strict_error(err, c, "session", 
			    SERIES_SESSION_TEARDOWN, &e);
	}
	if (record) {
		sample_vec_push(&c->samples[SERIES_SESSION_SETUP], t1 - t0);
		sample_vec_push(&c->samples[SERIES_SESSION_TEARDOWN], t3 - t2);
		sample_vec_push(&c->wall, t3 - t0);
		if (timed > 0)
			sample_vec_push(&c->suite_overhead,
			    (overhead_sum + timed / 2) / timed);
		c->rounds++;
	}
	return status;
}

/*
 * In adaptive mode, decide whether a cell has measured enough: the 95% CI
 * of its median suite overhead per test (one sample a round) is within the
 * target.  The CI is recomputed only once the rounds have grown by a tenth
 * since the last look, so the sorting stays a small share of the run.
 */
static void
check_convergence(const struct run_plan *plan, struct cell_run *cr,
    struct cell *c)
{
	const struct sample_vec *ov = &c->suite_overhead;
	struct stats s;

	if (c->rounds < MIN_ROUNDS || ov->n < cr->next_check)
		return;
	stats_summarize(ov->v, ov->n, &s);
	c->ci_rel = stats_ci_halfwidth_rel(&s);
	cr->next_check = ov->n + ov->n / 10 + 1;
	if (c->ci_rel <= plan->target_ci) {
		c->converged = 1;
		cr->active = 0;
	}
}

static void
draw_progress(const struct run_result *res, const struct cell_run *runs,
    size_t n, unsigned round, double elapsed)
{
	size_t i, converged = 0;
	double widest = 0;

	for (i = 0; i < n; i++) {
		const struct cell *c = &res->cells[runs[i].cell];

		if (c->converged)
			converged++;
		else if (c->ci_rel > widest)
			widest = c->ci_rel;
	}
	fprintf(stderr, "\rdbbench: round %u, %.1f s, %zu/%zu cells within "
			"target, widest CI \xc2\xb1%.1f%%   ",
	    round, elapsed, converged, n, widest * 100);
}

/* Fisher-Yates shuffle of the round's order. */
static void
shuffle(size_t *order, size_t n, struct rng *rng)
{
	size_t i, j, tmp;

	for (i = n; i > 1; i--) {
		j = rng_below(rng, i);
		tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
}

/* Connect once to each backend to check it works and record its settings. */
int
runner_describe_backends(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	const struct plan_backend *pb;
	struct backend_result *br;
	struct backend_conn *conn;
	struct db_error e;
	size_t i;
	int rc;

	res->backends = xcalloc(plan->n_backends, sizeof *res->backends);
	for (i = 0; i < plan->n_backends; i++) {
		pb = &plan->backends[i];
		br = &res->backends[res->n_backends++];
		br->name = xstrdup(pb->ops->name);
		rc = pb->ops->connect(&pb->target, &conn, err);
		if (rc != DB_OK)
			return rc;
		rc = pb->ops->describe(conn, &br->info, err);
		if (backend_disconnect(conn, &e) != DB_OK && rc == DB_OK) {
			*err = e;
			rc = e.code;
		}
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

int
runner_run(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	struct cell_run *runs;
	struct rng rng;
	size_t *order, n = 0, i, b, s, active;
	int64_t start, now, last_draw = 0;
	unsigned round, w;
	int rc = DB_OK;

	res->timer_cost_ns = clock_reading_cost_ns();
	res->timer_resolution_ns = clock_resolution_ns();
	res->harness_floor_ns = runner_harness_floor_ns();
	rc = runner_describe_backends(plan, res, err);
	if (rc != DB_OK)
		return rc;

	runs = xcalloc(plan->n_backends * plan->n_strategies, sizeof *runs);
	for (b = 0; b < plan->n_backends; b++)
		for (s = 0; s < plan->n_strategies; s++) {
			if (!plan->strategies[s]->supports(
				plan->backends[b].ops,
				&plan->backends[b].target)) {
				result_add_note(res,
				    "%s not run on %s: not available there "
				    "(the template strategy on PostgreSQL "
				    "needs CREATEDB)",
				    plan->strategies[s]->name,
				    plan->backends[b].ops->name);
				continue;
			}
			result_add_cell(res, plan->backends[b].ops->name,
			    plan->strategies[s]->name);
			runs[n].cell = res->n_cells - 1;
			runs[n].pb = &plan->backends[b];
			runs[n].st = plan->strategies[s];
			runs[n].active = 1;
			n++;
		}
	order = xcalloc(n, sizeof *order);
	rng.state = plan->seed;

	start = clock_now_ns();
	for (w = 0; w < plan->warmup && rc == DB_OK; w++)
		for (i = 0; i < n && rc == DB_OK; i++)
			rc = run_session(plan, &runs[i], res, 0, err);
	res->started_unix = (int64_t)time(NULL);

	start = clock_now_ns();
	for (round = 1; rc == DB_OK; round++) {
		active = 0;
		for (i = 0; i < n; i++)
			if (runs[i].active)
				order[active++] = i;
		if (active == 0)
			break;
		shuffle(order, active, &rng);
		for (i = 0; i < active && rc == DB_OK; i++) {
			struct cell_run *cr = &runs[order[i]];

			rc = run_session(plan, cr, res, 1, err);
			if (plan->rounds == 0)
				check_convergence(plan, cr,
				    &res->cells[cr->cell]);
			else if (round >= plan->rounds)
				cr->active = 0;
		}
		now = clock_now_ns();
		if (plan->progress && now - last_draw > NS_PER_SEC / 10) {
			draw_progress(res, runs, n, round,
			    (double)(now - start) / 1e9);
			last_draw = now;
		}
		if (plan->rounds == 0 &&
		    (double)(now - start) / 1e9 >= plan->max_time)
			break;
	}
	res->elapsed_ns = clock_now_ns() - start;
	if (plan->progress)
		fprintf(stderr, "\r\033[K");
	free(order);
	free(runs);
	if (rc != DB_OK)
		return rc;
	result_summarize(res);
	return DB_OK;
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
runner_harness_floor_ns(void)
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
		run_test(&ctx, &null_ops, &empty, &o);
		v[i] = (o.t[1] - o.t[0]) + (o.t[3] - o.t[2]);
	}
	stats_summarize(v, FLOOR_TESTS, &s);
	free(v);
	return s.median;
}
