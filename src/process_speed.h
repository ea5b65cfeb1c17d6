/*
 * process_speed.h - whether a cell's processes were slow or fast together
 * with the run's other cells
 *
 * In a run measured in several processes (replicate.h), a process's median
 * in a cell differs from the cell's median for two kinds of reasons: what
 * the cell meets on its own (a stall of its server, a strategy whose cost
 * grows) and what meets the process as a whole (the machine running slower
 * for a while).  The second moves every cell the process measured, so a
 * cell's process medians then follow those of the run's other cells on the
 * same backend.  This measures how closely, so that the note on a short run
 * can say when whole processes slowed, not the cell alone.
 */
#ifndef DBBENCH_PROCESS_SPEED_H
#define DBBENCH_PROCESS_SPEED_H

#include <stddef.h>

#include "result.h"

/* The fewest processes a correlation is computed over. */
#define PROCESS_SPEED_MIN_PAIRS 5

/*
 * The correlation (Pearson's r), over the processes that measured cell c
 * of res and at least one other cell of c's backend, between c's median in
 * the process relative to c's median and the median of the process's
 * relative medians in those other cells.  *pairs gets the number of such
 * processes.  0 when there are fewer than PROCESS_SPEED_MIN_PAIRS, when
 * the run does not say which process measured what (rep_process), or when
 * either side does not vary.
 */
double process_speed_correlation(const struct run_result *res,
    const struct cell *c, size_t *pairs);

#endif
