/*
 * replicate.h - a run measured in several processes
 *
 * Rounds measured in one process share its address-space layout, the
 * physical pages it was given and its start-up state.  These move a cell's
 * median by a few percent from one process to the next (20% for a SQLite
 * template copy on the machines measured, doc/performance.md), more than
 * the rounds of one process spread, so an interval built from one process
 * does not hold the next run.  replicate_measure() measures the run in
 * child processes instead, each a fresh exec of this program with the
 * user's options and --child-rounds: a child measures a few rounds of
 * the cells still open and writes its JSON report to a pipe.  The parent
 * folds the children's cells into one result (result_merge_replicate()),
 * whose intervals then hold the spread between processes.
 *
 * Adaptive mode adds processes until every cell's 95% CI of the median
 * suite overhead is within the target, after at least min_replicates of
 * them and REPLICATE_MIN_ROUNDS rounds, or until the next process would
 * end past max_time, but never before every cell has
 * REPLICATE_FLOOR_ROUNDS rounds.  The first process has a time slice that
 * its cells share (runner.c): a cheap cell measures up to REPLICATE_ROUNDS
 * rounds in it, a dear one (a PostgreSQL template round of seconds) one.
 * Each later one is told how long each open cell may measure
 * (--child-cells, cell_share.h): a round of each, or REPLICATE_CELL_FLOOR,
 * and more for the cells whose rounds are still spread wider than the
 * target, by what they need to reach it (replicate.c, plan_cells()).
 * Without a max_time the first process sets it: the run may take
 * REPLICATE_AUTO_FACTOR x min_replicates processes like the first, and
 * says so on stderr (replicate_auto_budget()).  With rounds > 0, exactly that many rounds are spread
 * over min(min_replicates, rounds) processes.  Process k pins its workers
 * from the kth CPU on (cmd_run.c), so the processes take turns on the CPUs.
 */
#ifndef DBBENCH_REPLICATE_H
#define DBBENCH_REPLICATE_H

#include <stdint.h>

#include "error.h"
#include "result.h"

struct replicate_plan {
	int argc;		/* the command line as given, argv[0] too */
	char **argv;
	unsigned min_replicates; /* processes before a cell may stop */
	unsigned rounds;	/* total over the processes; 0: adaptive */
	double target_ci;	/* relative half-width */
	double max_time;	/* seconds, adaptive mode; 0: set from the
				   first process (replicate_auto_budget()) */
	double max_time_used;	/* out: the limit the run kept to */
	uint64_t seed;		/* the first process's; then seed + 1, ... */
	const char *const *strategies; /* as the run resolved them */
	size_t n_strategies;
	int progress;		/* draw a progress line on stderr */
	int announce;		/* say on stderr how long it will take */
};

/* Rounds a child measures at most in adaptive mode, if a cell's are
 * cheap enough to fit its part of the slice. */
#define REPLICATE_ROUNDS 20
/* Adaptive mode, after the first process: the least time a process gives
 * an open cell (seconds), when a round of it takes less. */
#define REPLICATE_CELL_FLOOR 0.05
/* Adaptive mode: no cell converges before this many rounds in all. */
#define REPLICATE_MIN_ROUNDS 10
/* No adaptive interval comes from fewer rounds (an interval of the median
 * from 2 rounds is their range): a run goes on past max_time until every
 * cell has this many. */
#define REPLICATE_FLOOR_ROUNDS 5
/* The first process's time slice in adaptive mode when the limit is set
 * from it: what a cheap cell needs for its rounds, one round of a dear
 * one. */
#define REPLICATE_PILOT_SLICE 0.5
/* An automatic limit: this many processes like the first per process the
 * run must have (--replicates), within these bounds (seconds). */
#define REPLICATE_AUTO_FACTOR 4
#define REPLICATE_AUTO_MIN 10.0
#define REPLICATE_AUTO_MAX 135.0

int replicate_measure(struct replicate_plan *rp, struct run_result *res,
    struct db_error *err);
double replicate_auto_budget(unsigned min_replicates, double first_s,
    double *wanted);
void replicate_child_init(void);

#endif
