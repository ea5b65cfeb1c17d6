/*
 * clock.c - calibrating the benchmark clock
 *
 * The cost of one reading is the median gap between two back-to-back
 * readings over many tries: the median, because a preemption in the middle
 * of one try must not count.
 */
#include "config.h"

#include <stdlib.h>

#include "clock.h"
#include "stats.h"
#include "xmalloc.h"

#define CALIBRATION_TRIES 20001

/* Median nanoseconds between two consecutive clock_now_ns() calls. */
double
clock_reading_cost_ns(void)
{
	struct stats s;
	int64_t *gaps, t0, t1;
	size_t i;

	gaps = xcalloc(CALIBRATION_TRIES, sizeof *gaps);
	for (i = 0; i < CALIBRATION_TRIES; i++) {
		t0 = clock_now_ns();
		t1 = clock_now_ns();
		gaps[i] = t1 - t0;
	}
	stats_summarize(gaps, CALIBRATION_TRIES, &s);
	free(gaps);
	return s.median;
}

/* The resolution the kernel reports for CLOCK_MONOTONIC. */
double
clock_resolution_ns(void)
{
	struct timespec ts;

	if (clock_getres(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
