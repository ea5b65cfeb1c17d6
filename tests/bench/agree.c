/*
 * agree.c - dbbench's figures against the raw C loop, in one process
 *
 * Two processes running the same code differ by a few percent for reasons
 * that have nothing to do with it (address-space layout, page placement),
 * so the agreement figures are measured in one process: dbbench's own
 * measurement code (runner_run() with the SQLite backend and the real
 * strategies, as 'dbbench run' calls it) and the raw loops of raw.c take
 * turns, dbbench then raw, PAIRS times:
 *
 *   rollback overhead   dbbench's rollback overhead median on the noop
 *                       workload (body SELECT 1, so the fixture is BEGIN
 *                       and ROLLBACK) / raw BEGIN; ROLLBACK;
 *   savepoint overhead  dbbench's savepoint overhead median on the noop
 *                       workload / raw SAVEPOINT; ROLLBACK TO; RELEASE in
 *                       an outer transaction;
 *   per-test overhead   dbbench's per-test overhead median on the default
 *                       workload / raw open, schema, seed, commit, close;
 *   body                dbbench's rollback body median on the default
 *                       workload / the raw body median.
 *
 * dbbench models 10,000-test suites on noop and 2,700-test suites on the
 * default workload (each body 100 times a session), so that, as in the raw
 * loop, nearly every statement run reuses a prepared statement; the raw
 * rollback and savepoint loops run on a noop database too.  Prints a line
 * per pair and then the median of each figure's ratios.  Not a test: the
 * figures are reported, never asserted.
 *
 * usage: agree FIXTURES_DIR NOOP_WORKLOAD_DIR [PAIRS [ITERATIONS]]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "raw.h"
#include "report.h"
#include "result.h"
#include "runner.h"
#include "strategy.h"
#include "workload.h"
#include "xmalloc.h"

#define NOOP_TESTS         10000 /* dbbench's suite size on the noop workload */
#define BODY_TESTS         2700  /* and for the body, on the default workload */
#define ROUNDS             20    /* rounds of each dbbench cell */
#define WARMUP             1     /* discarded rounds before them */
#define DEFAULT_PAIRS      5
#define DEFAULT_ITERATIONS 200000 /* raw loop runs of each timed region */

enum figure { FIG_ROLLBACK, FIG_SAVEPOINT, FIG_PERTEST, FIG_BODY, FIG_COUNT };

static const char *const figure_names[FIG_COUNT] = {
	"rollback overhead",
	"savepoint overhead",
	"per-test overhead",
	"body",
};

/* Goals the figures are held to, or NULL (doc/performance.md). */
static const char *const figure_goals[FIG_COUNT] = {
	"<= 1.5",
	NULL,
	NULL,
	"<= 1.10",
};

/* A workload loaded once for both sides, and dbbench's one target for it. */
struct bench_wl {
	struct workload wl;
	struct backend_target target;
	struct plan_backend pb;
	int loaded;
	int opened; /* open_target() was called: close_target() is due */
};

/* Load a workload for SQLite and open dbbench's target for it. */
static int
bench_wl_open(struct bench_wl *b, const char *name, const char *fixtures,
    struct db_error *err)
{
	const struct backend_ops *ops;
	char *dir;
	int rc;

	memset(b, 0, sizeof *b);
	ops = backend_find("sqlite");
	if (ops == NULL)
		return db_error_set(err, DB_ENOTSUP, "no sqlite backend");
	rc = workload_resolve(name, fixtures, &dir, err);
	if (rc != DB_OK)
		return rc;
	rc = workload_load(name, dir, ops->name, ops->dialect, &b->wl, err);
	free(dir);
	if (rc != DB_OK)
		return rc;
	b->loaded = 1;
	/* as cmd_run.c's init_targets() for one worker and the defaults */
	/* no options: :memory: and the defaults */
	b->target.n_stmts = b->wl.n_stmts;
	b->target.worker = 0;
	b->target.pin_cpu = -1;
	b->pb.ops = ops;
	b->pb.targets = &b->target;
	b->pb.n_targets = 1;
	b->pb.wl = &b->wl;
	b->opened = 1;
	if (ops->open_target != NULL)
		rc = ops->open_target(&b->target, err);
	return rc;
}

static void
bench_wl_close(struct bench_wl *b)
{
	if (b->opened && b->pb.ops->close_target != NULL)
		b->pb.ops->close_target(&b->target);
	if (b->loaded)
		workload_fini(&b->wl);
	memset(b, 0, sizeof *b);
}

/*
 * One dbbench run of the given strategies on one backend, as cmd_run.c builds
 * the plan: one worker, seed scale 1, fixed rounds, default shuffle seed.
 */
static int
dbbench_run(const struct plan_backend *pb,
    const struct strategy_ops *const *strategies, size_t n_strategies,
    unsigned tests, struct run_result *res, struct db_error *err)
{
	static const unsigned one = 1;
	struct run_plan plan;
	int rc;

	memset(&plan, 0, sizeof plan);
	plan.backends = pb;
	plan.n_backends = 1;
	plan.strategies = strategies;
	plan.n_strategies = n_strategies;
	plan.tests = tests;
	plan.rounds = ROUNDS;
	plan.warmup = WARMUP;
	plan.target_ci = 0.02;
	plan.max_time = 10;
	plan.seed = 1;
	plan.seed_scales = &one;
	plan.n_seed_scales = 1;
	plan.workers = &one;
	plan.n_workers = 1;
	plan.vacuum = 1;
	memset(res, 0, sizeof *res);
	rc = runner_run(&plan, res, err);
	if (rc != DB_OK)
		result_fini(res);
	return rc;
}

/* The median of a series of a strategy's cell; an error if a test failed. */
static int
cell_median(const struct run_result *res, const char *strategy,
    enum series series, double *out, struct db_error *err)
{
	const struct cell *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (strcmp(c->strategy, strategy) != 0)
			continue;
		if (c->failed > 0)
			return db_error_set(err, DB_EBACKEND,
			    "dbbench %s: %zu failed tests, first: %s", strategy,
			    c->failed,
			    res->n_failures > 0 ? res->failures[0].error : "?");
		if (c->stats[series].n == 0)
			return db_error_set(err, DB_EBACKEND,
			    "dbbench %s: no %s samples", strategy,
			    series_names[series]);
		*out = c->stats[series].median;
		return DB_OK;
	}
	return db_error_set(err, DB_EBACKEND, "dbbench %s: no cell", strategy);
}

/* dbbench's rollback and savepoint overheads on the noop workload. */
static int
dbbench_noop(const struct bench_wl *noop, double *fig, struct db_error *err)
{
	static const struct strategy_ops *const sts[] = {
		&strategy_rollback_ops, &strategy_savepoint_ops
	};
	struct run_result res;
	int rc;

	rc = dbbench_run(&noop->pb, sts, 2, NOOP_TESTS, &res, err);
	if (rc != DB_OK)
		return rc;
	rc = cell_median(&res, "rollback", SERIES_OVERHEAD, &fig[FIG_ROLLBACK],
	    err);
	if (rc == DB_OK)
		rc = cell_median(&res, "savepoint", SERIES_OVERHEAD,
		    &fig[FIG_SAVEPOINT], err);
	result_fini(&res);
	return rc;
}

/* A series' median of one strategy run on its own. */
static int
dbbench_one(const struct bench_wl *b, const struct strategy_ops *st,
    unsigned tests, enum series series, double *out, struct db_error *err)
{
	const struct strategy_ops *const sts[] = { st };
	struct run_result res;
	int rc;

	rc = dbbench_run(&b->pb, sts, 1, tests, &res, err);
	if (rc != DB_OK)
		return rc;
	rc = cell_median(&res, st->name, series, out, err);
	result_fini(&res);
	return rc;
}

/* The A side of a pair: every figure as dbbench measures it. */
static int
measure_dbbench(const struct bench_wl *noop, const struct bench_wl *def,
    double *fig, struct db_error *err)
{
	int rc;

	rc = dbbench_noop(noop, fig, err);
	if (rc == DB_OK)
		rc = dbbench_one(def, &strategy_rollback_ops, BODY_TESTS,
		    SERIES_BODY, &fig[FIG_BODY], err);
	if (rc == DB_OK)
		rc = dbbench_one(def, &strategy_pertest_ops,
		    (unsigned)def->wl.n_tests, SERIES_OVERHEAD,
		    &fig[FIG_PERTEST], err);
	return rc;
}

/* The B side of a pair: every figure from the raw loop. */
static int
measure_raw(const struct bench_wl *noop, const struct bench_wl *def, long n,
    double *fig, struct db_error *err)
{
	struct raw r;
	int rc;

	rc = raw_open(&r, &noop->wl, err);
	if (rc != DB_OK)
		return rc;
	rc = raw_begin_rollback(&r, n, &fig[FIG_ROLLBACK], err);
	if (rc == DB_OK)
		rc = raw_savepoint(&r, n, &fig[FIG_SAVEPOINT], err);
	raw_close(&r);
	if (rc != DB_OK)
		return rc;
	rc = raw_open(&r, &def->wl, err);
	if (rc != DB_OK)
		return rc;
	rc = raw_body(&r, &def->wl, n, &fig[FIG_BODY], err);
	raw_close(&r);
	if (rc == DB_OK)
		rc =
		    raw_pertest(&def->wl, n / 100 + 10, &fig[FIG_PERTEST], err);
	return rc;
}

/* "pair 1: rollback overhead 171 ns / 170 ns = 1.006, ..." */
static void
print_pair(int pair, const double *db, const double *raw)
{
	char a[32], b[32];
	int f;

	printf("pair %d:", pair);
	for (f = 0; f < FIG_COUNT; f++) {
		report_format_ns(a, sizeof a, db[f]);
		report_format_ns(b, sizeof b, raw[f]);
		printf("%s %s %s / %s = %.3f", f > 0 ? "," : "",
		    figure_names[f], a, b, db[f] / raw[f]);
	}
	printf("\n");
	fflush(stdout);
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static double
median_of(const double *v, int n)
{
	double *sorted, m;

	sorted = xcalloc((size_t)n, sizeof *sorted);
	memcpy(sorted, v, (size_t)n * sizeof *sorted);
	qsort(sorted, (size_t)n, sizeof *sorted, cmp_double);
	m = n % 2 == 1 ? sorted[n / 2]
	               : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	free(sorted);
	return m;
}

/* The one summary line: each figure's median ratio and its pairs. */
static void
print_summary(double *const *ratios, int pairs)
{
	int f, i;

	printf("agreement (same process), dbbench / raw loop, median of %d "
	       "pair%s:",
	    pairs, pairs == 1 ? "" : "s");
	for (f = 0; f < FIG_COUNT; f++) {
		printf("%s %s %.2f", f > 0 ? "," : "", figure_names[f],
		    median_of(ratios[f], pairs));
		if (figure_goals[f] != NULL)
			printf(" (goal %s)", figure_goals[f]);
		printf(" (pairs");
		for (i = 0; i < pairs; i++)
			printf("%s %.3f", i > 0 ? "," : "", ratios[f][i]);
		printf(")");
	}
	printf("\n");
}

/* PAIRS pairs, dbbench then the raw loop, and the summary. */
static int
run_pairs(const struct bench_wl *noop, const struct bench_wl *def, int pairs,
    long iterations, struct db_error *err)
{
	double db[FIG_COUNT], raw[FIG_COUNT], *ratios[FIG_COUNT];
	int f, i, rc = DB_OK;

	for (f = 0; f < FIG_COUNT; f++)
		ratios[f] = xcalloc((size_t)pairs, sizeof *ratios[f]);
	printf("dbbench vs raw C loop in one process, SQLite :memory:, "
	       "dbbench then raw, %d pair%s\n",
	    pairs, pairs == 1 ? "" : "s");
	for (i = 0; i < pairs && rc == DB_OK; i++) {
		rc = measure_dbbench(noop, def, db, err);
		if (rc == DB_OK)
			rc = measure_raw(noop, def, iterations, raw, err);
		if (rc != DB_OK)
			break;
		print_pair(i + 1, db, raw);
		for (f = 0; f < FIG_COUNT; f++)
			ratios[f][i] = db[f] / raw[f];
	}
	if (rc == DB_OK)
		print_summary(ratios, pairs);
	for (f = 0; f < FIG_COUNT; f++)
		free(ratios[f]);
	return rc;
}

int
main(int argc, char **argv)
{
	struct bench_wl noop, def;
	struct db_error err;
	long iterations = DEFAULT_ITERATIONS;
	int pairs = DEFAULT_PAIRS, rc;

	if (argc < 3 || argc > 5 || (argc > 3 && atoi(argv[3]) <= 0) ||
	    (argc > 4 && atol(argv[4]) <= 0)) {
		fprintf(stderr, "usage: agree FIXTURES_DIR NOOP_WORKLOAD_DIR "
		                "[PAIRS [ITERATIONS]]\n");
		return 2;
	}
	if (argc > 3)
		pairs = atoi(argv[3]);
	if (argc > 4)
		iterations = atol(argv[4]);
	db_error_clear(&err);
	raw_configure(); /* before SQLite is first used, as dbbench does */
	rc = bench_wl_open(&noop, argv[2], argv[1], &err);
	if (rc == DB_OK) {
		rc = bench_wl_open(&def, "default", argv[1], &err);
		if (rc == DB_OK)
			rc = run_pairs(&noop, &def, pairs, iterations, &err);
		bench_wl_close(&def);
	}
	bench_wl_close(&noop);
	if (rc != DB_OK) {
		fprintf(stderr, "agree: %s\n", err.msg);
		return 1;
	}
	return 0;
}
