/*
 * clock.h - the benchmark clock
 *
 * CLOCK_MONOTONIC read through the vDSO: about 20 ns a reading here.  The
 * cost of a reading and of the runner's own per-test loop are measured at
 * start (clock_calibrate) and reported with every run, so a reader can see
 * how much of the smallest figures is the harness.
 */
#ifndef DBBENCH_CLOCK_H
#define DBBENCH_CLOCK_H

#include <stdint.h>
#include <time.h>

#define NS_PER_SEC INT64_C(1000000000)

static inline int64_t
clock_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

double clock_reading_cost_ns(void);
double clock_resolution_ns(void);

#endif
