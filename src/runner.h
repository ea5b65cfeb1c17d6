/*
 * runner.h - the measurement loop
 *
 * runner_run() measures every (backend, strategy) cell of a plan and fills a
 * struct run_result.  A round runs the modelled suite once under each cell
 * still measuring, in an order shuffled with the plan's seed, so that drift
 * of the machine hits every cell alike.  Each suite run is one session:
 * session setup, the tests, session teardown, every phase timed on its own.
 *
 * Rounds go on until every cell's 95% confidence interval of the median
 * suite overhead per test (a round's overhead / its tests, one value a
 * round) is within target_ci of the median (a cell that gets there stops
 * measuring) or max_time has passed; with rounds > 0, exactly that many
 * rounds run instead.  Warmup rounds run first and are discarded.
 */
#ifndef DBBENCH_RUNNER_H
#define DBBENCH_RUNNER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "error.h"
#include "result.h"
#include "strategy.h"
#include "workload.h"

/* One backend of a plan, with the workload as loaded for its dialect. */
struct plan_backend {
	const struct backend_ops *ops;
	struct backend_target target;
	const struct workload *wl;
};

struct run_plan {
	const struct plan_backend *backends;
	size_t n_backends;
	const struct strategy_ops *const *strategies;
	size_t n_strategies;
	unsigned tests;	   /* suite size per round */
	unsigned rounds;   /* 0: adaptive */
	unsigned warmup;   /* rounds per cell, discarded */
	double target_ci;  /* relative half-width, 0.02 = 2% */
	double max_time;   /* seconds, adaptive mode */
	uint64_t seed;
	int strict;	   /* the first failed test ends the run */
	int progress;	   /* draw a progress line on stderr */
};

/* Set from a signal handler to stop the run at the next test. */
extern volatile sig_atomic_t runner_stop_requested;

int runner_run(const struct run_plan *plan, struct run_result *res,
    struct db_error *err);
int runner_describe_backends(const struct run_plan *plan,
    struct run_result *res, struct db_error *err);
double runner_harness_floor_ns(void);

#endif
