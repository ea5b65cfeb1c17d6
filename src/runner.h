/*
 * runner.h - the measurement loop
 *
 * runner_run() measures every cell of a plan (backend x strategy x seed
 * scale x worker count) and fills a struct run_result.  A round runs the
 * modelled suite once under each cell still measuring, in an order shuffled
 * with the plan's seed, so that drift of the machine hits every cell alike.
 * Each suite run is one session per worker (session.h).
 *
 * Rounds go on until every cell's 95% confidence interval of the median
 * suite overhead per test (a round's overhead / its tests, one value a
 * round) is within target_ci of the median (a cell that gets there stops
 * measuring) or max_time has passed; with rounds > 0, exactly that many
 * rounds run instead.  max_rounds caps adaptive rounds as well (one
 * process's share of a run measured in several, replicate.h); there the
 * cells share max_time (or the first round's time, if longer) instead of
 * racing it: each measures its part after its first round.  Warmup rounds
 * run first and are discarded, each cut short after a quarter second.
 */
#ifndef DBBENCH_RUNNER_H
#define DBBENCH_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "cell_share.h"
#include "error.h"
#include "result.h"
#include "session.h"
#include "strategy.h"
#include "workload.h"

/* One backend of a plan, with the workload as loaded for its dialect. */
struct plan_backend {
	const struct backend_ops *ops;
	struct backend_target *targets; /* one per worker, opened */
	unsigned n_targets;
	const struct workload *wl;
};

struct run_plan {
	const struct plan_backend *backends;
	size_t n_backends;
	const struct strategy_ops *const *strategies;
	size_t n_strategies;
	unsigned tests;	   /* suite size per round */
	unsigned rounds;   /* 0: adaptive */
	unsigned max_rounds; /* adaptive: stop after this many too (0: no
				limit) */
	unsigned warmup;   /* rounds per cell, discarded */
	double target_ci;  /* relative half-width, 0.02 = 2% */
	double max_time;   /* seconds, adaptive mode */
	uint64_t seed;
	const unsigned *seed_scales; /* seed multipliers, e.g. 1, 10, 100 */
	size_t n_seed_scales;
	const unsigned *workers;     /* worker counts, e.g. 1, 2, 4, 8 */
	size_t n_workers;
	int chunk;	   /* --dist chunk */
	int static_pool;   /* --pool static */
	int strict;	   /* the first failed test ends the run */
	int vacuum;	   /* backend housekeeping between rounds */
	int progress;	   /* draw a progress line on stderr */
	const struct cell_shares *shares; /* one process of several: only
					     these cells, each for its
					     seconds; NULL: every cell */
};

int runner_run(const struct run_plan *plan, struct run_result *res,
    struct db_error *err);
int runner_describe_backends(const struct run_plan *plan,
    struct run_result *res, struct db_error *err);

#endif
