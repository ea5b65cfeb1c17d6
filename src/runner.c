/*
 * runner.c - rounds of suite runs under each cell, and their samples
 *
 * The life of a cell:
 *
 *   warmup    run_round() with recording off, --warmup times, each cut
 *             short after WARMUP_MAX_NS.
 *   measuring each round, run_round() once with recording on: the session
 *             module runs the suite on the cell's workers, and the workers'
 *             samples are merged into the cell after they are joined.  When
 *             enough new rounds have come in, the overhead's CI is
 *             computed and a cell within --target-ci stops.
 *   done      converged, out of rounds, or out of time.  In one process
 *             of a run measured in several (max_rounds set, adaptive),
 *             each cell has the seconds of measuring the parent gave it
 *             (plan->shares), or else max_time / cells, or the first
 *             round's time / cells if more: it stops when it has used
 *             that or has max_rounds rounds, after at least one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "progress.h"
#include "rng.h"
#include "runner.h"
#include "sampling.h"
#include "xmalloc.h"

#define MIN_ROUNDS 10 /* adaptive mode never stops before this */
/* A warmup round of a cell takes no new test after this long: enough to
 * warm the code, the caches and the connections, and no second full round
 * of a cell whose round takes seconds (PostgreSQL per-test, template). */
#define WARMUP_MAX_NS (NS_PER_SEC / 20)

/* A cell being measured. */
struct cell_run {
	size_t cell;	/* index into res->cells */
	const struct plan_backend *pb;
	const struct strategy_ops *st;
	const char *scale_sql; /* multiplies the seed, or NULL */
	unsigned workers;
	int active;	/* still measuring */
	size_t next_check; /* rounds at which to test the CI */
	int64_t spent_ns; /* measuring this cell, this process */
	int64_t share_ns; /* what it may spend (plan->shares), or 0 */
};

/* Describe a failure as the one line --strict stops with. */
static int
strict_error(struct db_error *err, const struct cell *c, const char *test,
    int phase, const struct db_error *cause)
{
	return db_error_set(err, DB_EBACKEND, "%s %s: %s failed in %s: %s",
	    c->backend, c->strategy, test[0] != '\0' ? test : "session",
	    series_names[phase], cause->msg);
}

/* Merge a session's workers into the cell: samples, failures, the round. */
static int
merge_session(const struct run_plan *plan, struct run_result *res,
    struct cell *c, const struct session_out *so, struct db_error *err)
{
	const struct worker_out *w;
	const struct session_failure *f;
	struct sample_share old;
	int64_t overhead_sum = 0;
	size_t timed = 0, j;
	unsigned i;
	int s, status = DB_OK;

	sampling_before(c, &old);
	for (i = 0; i < so->n; i++) {
		w = &so->workers[i];
		for (s = 0; s < SERIES_COUNT; s++)
			sample_vec_append(&c->samples[s], &w->series[s]);
		sample_vec_append(&c->connect, &w->connect);
		sample_vec_append(&c->test_index, &w->test_index);
		for (j = 0; j < w->series[SERIES_OVERHEAD].n; j++)
			overhead_sum += w->series[SERIES_OVERHEAD].v[j];
		timed += w->series[SERIES_OVERHEAD].n;
		c->tests_run += w->tests_run;
		c->failed += w->failed;
		for (j = 0; j < w->n_failures; j++) {
			f = &w->failures[j];
			result_add_failure(res, c->backend, c->strategy,
			    f->test, series_names[f->phase], f->statement,
			    f->err.msg);
			if (plan->strict && status == DB_OK)
				status = strict_error(err, c, f->test,
				    f->phase, &f->err);
		}
	}
	sampling_bound(c, &old, NULL, res->config.sample_cap);
	c->client_cpu = so->n > 0 ? so->workers[0].client_cpu : -1;
	c->server_cpu = so->n > 0 ? so->workers[0].server_cpu : -1;
	sample_vec_push(&c->wall, so->wall_ns);
	if (timed > 0)
		sample_vec_push(&c->suite_overhead,
		    (overhead_sum + (int64_t)timed / 2) / (int64_t)timed);
	c->rounds++;
	return status;
}

/*
 * Run the modelled suite once under a cell.  With record set the samples
 * and failures go into the cell.  Returns DB_OK, or an error when a session
 * could not be set up, --strict met a failure, or a stop was requested.
 */
static int
run_round(const struct run_plan *plan, struct cell_run *cr,
    struct run_result *res, int record, struct db_error *err)
{
	struct session_spec spec;
	struct session_out so;
	struct cell *c = &res->cells[cr->cell];
	int rc;

	memset(&spec, 0, sizeof spec);
	spec.st = cr->st;
	spec.backend = cr->pb->ops;
	spec.targets = cr->pb->targets;
	spec.wl = cr->pb->wl;
	spec.scale_sql = cr->scale_sql;
	spec.tests = plan->tests;
	spec.workers = cr->workers;
	spec.chunk = plan->chunk;
	spec.static_pool = plan->static_pool;
	spec.strict = plan->strict;
	if (!record)
		spec.deadline_ns = clock_now_ns() + WARMUP_MAX_NS;
	rc = session_run(&spec, &so, err);
	if (rc != DB_OK && rc != DB_EINTR)
		db_error_prefix(err, "%s %s: session setup: ", c->backend,
		    c->strategy);
	if (rc == DB_OK && record)
		rc = merge_session(plan, res, c, &so, err);
	session_out_fini(&so);
	return rc;
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

/*
 * The progress line on stderr, a terminal: the round, the time spent
 * measuring, the cell about to run with its suite overhead per test so far
 * and the 95% CI of that median, and the cells done.  Drawn between
 * sessions, never inside a timed phase; cut to the terminal's width so
 * that the carriage return brings the cursor back to its start.
 */
static void
draw_progress(const struct run_plan *plan, const struct run_result *res,
    const struct cell_run *runs, size_t n, const struct cell_run *cur,
    unsigned round, int warmup, double elapsed)
{
	const struct cell *c = &res->cells[cur->cell];
	char line[256], where[64], med[32], target[32];
	struct stats s;
	size_t i, done = 0, len;

	for (i = 0; i < n; i++)
		if (!runs[i].active)
			done++;
	if (warmup)
		snprintf(where, sizeof where, "warmup %u of %u", round,
		    plan->warmup);
	else if (plan->rounds > 0)
		snprintf(where, sizeof where, "round %u of %u", round,
		    plan->rounds);
	else
		snprintf(where, sizeof where, "round %u", round);
	len = (size_t)snprintf(line, sizeof line, "dbbench: %s, %.1f s; %s %s",
	    where, elapsed, c->backend, c->strategy);
	stats_summarize(c->suite_overhead.v, c->suite_overhead.n, &s);
	target[0] = '\0';
	if (plan->rounds == 0)
		snprintf(target, sizeof target, " (target %.3g%%)",
		    100 * plan->target_ci);
	if (len < sizeof line && s.n >= 2) {
		progress_format_ns(med, sizeof med, s.median);
		len += (size_t)snprintf(line + len, sizeof line - len,
		    ": overhead %s, CI \xc2\xb1%.1f%%%s", med,
		    100 * stats_ci_halfwidth_rel(&s), target);
	} else if (len < sizeof line && s.n == 1) {
		progress_format_ns(med, sizeof med, s.median);
		len += (size_t)snprintf(line + len, sizeof line - len,
		    ": overhead %s, CI after 2 rounds", med);
	}
	if (len < sizeof line)
		snprintf(line + len, sizeof line - len, "; %zu of %zu cells "
							"done",
		    done, n);
	progress_draw(line);
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

struct backend_prep;
static int prepare_backends(const struct run_plan *plan,
    struct run_result *res, struct backend_prep *preps,
    struct db_error *err);

/*
 * Connect once to each backend to check it works and record its settings,
 * for commands that describe the backends without measuring (validate).
 */
int
runner_describe_backends(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	return prepare_backends(plan, res, NULL, err);
}

/* Between rounds, untimed: each backend's housekeeping on each target. */
static int
maintain_backends(const struct run_plan *plan, struct db_error *err)
{
	const struct plan_backend *pb;
	size_t b;
	unsigned w;
	int rc;

	for (b = 0; b < plan->n_backends; b++) {
		pb = &plan->backends[b];
		if (pb->ops->maintain == NULL)
			continue;
		for (w = 0; w < pb->n_targets; w++) {
			rc = pb->ops->maintain(&pb->targets[w], err);
			if (rc != DB_OK)
				return rc;
		}
	}
	return DB_OK;
}

/* What the runner learns about a backend before measuring. */
struct backend_prep {
	char **scale_sql; /* per --seed-scale entry; NULL for a factor of 1 */
};

/*
 * Build the workload on ctx's connection, count the seed's rows and write
 * the scripts that multiply them (--seed-scale) into prep.
 */
static int
measure_seed(const struct run_plan *plan, struct strategy_ctx *ctx,
    struct backend_result *br, struct backend_prep *prep,
    struct db_error *err)
{
	const struct backend_ops *ops = ctx->backend;
	struct strbuf sql;
	size_t k;
	int rc;

	prep->scale_sql = xcalloc(plan->n_seed_scales, sizeof *prep->scale_sql);
	rc = strategy_build(ctx, err);
	if (rc == DB_OK)
		rc = ops->count_rows(ctx->conn, &br->seed_rows, err);
	for (k = 0; rc == DB_OK && k < plan->n_seed_scales; k++) {
		if (plan->seed_scales[k] < 2)
			continue;
		if (ops->scale_sql == NULL) { /* optional in backend_ops */
			rc = db_error_set(err, DB_EUSAGE,
			    "--seed-scale: %s cannot multiply a seed",
			    ops->title);
			break;
		}
		strbuf_init(&sql);
		rc = ops->scale_sql(ctx->conn, plan->seed_scales[k], &sql, err);
		prep->scale_sql[k] = strbuf_detach(&sql);
	}
	return rc;
}

/*
 * Connect once to each backend: check it works and record its settings;
 * with preps, also build the workload to count the seed's rows and to write
 * the scripts that multiply them (--seed-scale), all before any timing.
 */
static int
prepare_backends(const struct run_plan *plan, struct run_result *res,
    struct backend_prep *preps, struct db_error *err)
{
	const struct plan_backend *pb;
	struct backend_result *br;
	struct strategy_ctx ctx;
	struct db_error e;
	size_t i;
	int rc;

	res->backends = xcalloc(plan->n_backends, sizeof *res->backends);
	for (i = 0; i < plan->n_backends; i++) {
		pb = &plan->backends[i];
		br = &res->backends[res->n_backends++];
		br->name = xstrdup(pb->ops->name);
		memset(&ctx, 0, sizeof ctx);
		ctx.backend = pb->ops;
		ctx.target = &pb->targets[0];
		ctx.wl = pb->wl;
		rc = pb->ops->connect(&pb->targets[0], &ctx.conn, err);
		if (rc != DB_OK)
			return rc;
		rc = pb->ops->describe(ctx.conn, &br->info, err);
		if (rc == DB_OK && preps != NULL)
			rc = measure_seed(plan, &ctx, br, &preps[i], err);
		if (rc != DB_OK && preps != NULL)
			db_error_prefix(err, "%s: ", pb->ops->name);
		if (backend_disconnect(ctx.conn, &e) != DB_OK && rc == DB_OK) {
			*err = e;
			rc = e.code;
		}
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

static void
free_preps(struct backend_prep *preps, size_t n_backends, size_t n_scales)
{
	size_t i, k;

	for (i = 0; i < n_backends; i++) {
		for (k = 0; preps[i].scale_sql != NULL && k < n_scales; k++)
			free(preps[i].scale_sql[k]);
		free(preps[i].scale_sql);
	}
	free(preps);
}

/*
 * 1 when strategy st does not run on backend pb (a static pool and a
 * strategy that opens a connection per test, or a strategy the backend
 * or target cannot take); with first set, res notes why.
 */
static int
skip_cell(const struct run_plan *plan, const struct plan_backend *pb,
    const struct strategy_ops *st, int first, struct run_result *res)
{
	const char *why = NULL;

	if (plan->static_pool && !st->one_connection(pb->ops)) {
		if (first)
			result_add_note(res,
			    "%s not run on %s: --pool static shares one "
			    "connection, and it opens one per test",
			    st->name, pb->ops->name);
		return 1;
	}
	if (st->supports(pb->ops, &pb->targets[0]))
		return 0;
	if (!first)
		return 1;
	if (pb->ops->why_unsupported != NULL)
		why = pb->ops->why_unsupported(&pb->targets[0], st->name);
	result_add_note(res, "%s not run on %s: not available there%s%s%s",
	    st->name, pb->ops->name, why != NULL ? " (" : "",
	    why != NULL ? why : "", why != NULL ? ")" : "");
	return 1;
}

/*
 * Add the plan's cells to res, seed scales outermost, then worker counts,
 * backends and strategies; runs receives each one's run state.  Returns
 * how many.
 */
static size_t
plan_cells(const struct run_plan *plan, struct run_result *res,
    const struct backend_prep *preps, struct cell_run *runs)
{
	const struct plan_backend *pb;
	const struct strategy_ops *st;
	const struct cell_share *share;
	struct cell *c;
	size_t n = 0, b, s, k, wc;

	for (k = 0; k < plan->n_seed_scales; k++)
	for (wc = 0; wc < plan->n_workers; wc++)
	for (b = 0; b < plan->n_backends; b++)
		for (s = 0; s < plan->n_strategies; s++) {
			pb = &plan->backends[b];
			st = plan->strategies[s];
			if (skip_cell(plan, pb, st, k == 0 && wc == 0, res))
				continue;
			share = plan->shares == NULL ? NULL :
			    cell_shares_find(plan->shares, pb->ops->name,
				st->name, plan->workers[wc],
				plan->seed_scales[k]);
			if (plan->shares != NULL && share == NULL)
				continue; /* done, or not this process's */
			c = result_add_cell(res, pb->ops->name, st->name,
			    plan->static_pool ? "static" : "per-worker",
			    plan->seed_scales[k]);
			c->workers = plan->workers[wc];
			c->seed_rows = res->backends[b].seed_rows *
			    plan->seed_scales[k];
			runs[n].cell = res->n_cells - 1;
			runs[n].pb = pb;
			runs[n].st = st;
			runs[n].scale_sql = preps[b].scale_sql[k];
			runs[n].workers = plan->workers[wc];
			runs[n].active = 1;
			runs[n].share_ns = share == NULL ? 0 :
			    (int64_t)(share->seconds * 1e9);
			n++;
		}
	return n;
}

/* The warm-up rounds of every cell, measured but not kept. */
static int
warm_up(const struct run_plan *plan, struct run_result *res,
    struct cell_run *runs, size_t n, struct db_error *err)
{
	int64_t start, now, last_draw = 0;
	unsigned w;
	size_t i;
	int rc = DB_OK;

	start = clock_now_ns();
	for (w = 0; w < plan->warmup && rc == DB_OK; w++)
		for (i = 0; i < n && rc == DB_OK; i++) {
			now = clock_now_ns();
			if (plan->progress && now - last_draw > NS_PER_SEC / 10) {
				draw_progress(plan, res, runs, n, &runs[i],
				    w + 1, 1, (double)(now - start) / 1e9);
				last_draw = now;
			}
			rc = run_round(plan, &runs[i], res, 0, err);
		}
	return rc;
}

/*
 * The measured rounds: every active cell once a round, in a shuffled
 * order, until each is done (its rounds, its confidence interval or its
 * share of the time) or the time is up.
 */
static int
measure_rounds(const struct run_plan *plan, struct run_result *res,
    struct cell_run *runs, size_t n, struct db_error *err)
{
	struct rng rng;
	size_t *order, i, active;
	int64_t start, now, last_draw = 0;
	unsigned round;
	int rc = DB_OK, sharing, uniform;

	order = xcalloc(n, sizeof *order);
	rng.state = plan->seed;
	/* one process's share of a run measured in several: each cell
	 * measures until it has had its part of max_time, or of its first
	 * round of every cell if that took longer, or max_rounds rounds, so
	 * that a cheap cell gets its rounds while a dear one gets one; or
	 * as long as the parent gave it (plan->shares) */
	sharing = plan->rounds == 0 && plan->max_rounds > 0 && n > 0;
	uniform = sharing && plan->shares == NULL;
	for (i = 0; uniform && i < n; i++)
		runs[i].share_ns = (int64_t)(plan->max_time * 1e9 /
		    (double)n) + 1;
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

			now = clock_now_ns();
			if (plan->progress && now - last_draw > NS_PER_SEC / 10) {
				draw_progress(plan, res, runs, n, cr, round, 0,
				    (double)(now - start) / 1e9);
				last_draw = now;
			}
			rc = run_round(plan, cr, res, 1, err);
			cr->spent_ns += clock_now_ns() - now;
			if (sharing)
				cr->active = round == 1 ||
				    cr->spent_ns < cr->share_ns;
			else if (plan->rounds == 0)
				check_convergence(plan, cr,
				    &res->cells[cr->cell]);
			else if (round >= plan->rounds)
				cr->active = 0;
		}
		if (rc == DB_OK && plan->vacuum)
			rc = maintain_backends(plan, err);
		now = clock_now_ns();
		if (round == 1 && uniform &&
		    (now - start) / (int64_t)n > runs[0].share_ns)
			for (i = 0; i < n; i++)
				runs[i].share_ns = (now - start) / (int64_t)n;
		for (i = 0; round == 1 && sharing && i < n; i++)
			runs[i].active = runs[i].spent_ns < runs[i].share_ns;
		if (plan->rounds == 0 && !sharing &&
		    (double)(now - start) / 1e9 >= plan->max_time)
			break;
		if (plan->max_rounds > 0 && round >= plan->max_rounds)
			break;
	}
	res->elapsed_ns = clock_now_ns() - start;
	free(order);
	return rc;
}

int
runner_run(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	struct backend_prep *preps;
	struct cell_run *runs;
	size_t n;
	int rc;

	res->timer_cost_ns = clock_reading_cost_ns();
	res->timer_resolution_ns = clock_resolution_ns();
	res->harness_floor_ns = session_harness_floor_ns();
	preps = xcalloc(plan->n_backends, sizeof *preps);
	rc = prepare_backends(plan, res, preps, err);
	if (rc != DB_OK) {
		free_preps(preps, plan->n_backends, plan->n_seed_scales);
		return rc;
	}
	runs = xcalloc(plan->n_backends * plan->n_strategies *
		plan->n_seed_scales * plan->n_workers,
	    sizeof *runs);
	n = plan_cells(plan, res, preps, runs);
	rc = warm_up(plan, res, runs, n, err);
	res->started_unix = (int64_t)time(NULL);
	if (rc == DB_OK)
		rc = measure_rounds(plan, res, runs, n, err);
	if (plan->progress)
		progress_clear();
	free(runs);
	free_preps(preps, plan->n_backends, plan->n_seed_scales);
	if (rc != DB_OK)
		return rc;
	result_summarize(res);
	return DB_OK;
}
