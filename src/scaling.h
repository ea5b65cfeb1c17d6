/*
 * scaling.h - worker scaling: speedups, fitted models, a worker count
 *
 * For each backend and strategy measured at several worker counts,
 * scaling_analyse() gives the wall time of a suite run at each count, the
 * speedup and efficiency against one worker, Amdahl's law and the
 * Universal Scalability Law fitted to the speedups of the tests' part of
 * the wall time, and the worker count that minimises the predicted wall
 * time for a suite of a given size.
 */
#ifndef DBBENCH_SCALING_H
#define DBBENCH_SCALING_H

#include <stddef.h>

#include "result.h"

#define SCALING_MAX_POINTS 16

struct scaling_point {
	const struct cell *cell;
	unsigned workers;
	double wall_ns;	   /* median suite run, sessions included */
	double fixed_ns;   /* its session setup + teardown (medians) */
	double speedup;	   /* wall at the base count / wall here */
	double efficiency; /* speedup / (workers / base workers) */
};

struct scaling_model {
	const char *backend; /* borrowed from the cells */
	const char *strategy;
	struct scaling_point points[SCALING_MAX_POINTS];
	size_t n_points;      /* by worker count, ascending */
	unsigned base_workers; /* the speedups are against this count */
	double amdahl_p;      /* parallel fraction */
	double amdahl_sse;
	double usl_alpha;     /* contention */
	double usl_beta;      /* coherency */
	double usl_sse;
	int usl_better;	      /* USL fits the speedups better */
	unsigned best_measured; /* the count with the least wall time */
};

size_t scaling_analyse(const struct run_result *res,
    struct scaling_model **models);
void scaling_fit(struct scaling_model *m);
double scaling_model_speedup(const struct scaling_model *m,
    unsigned workers);
double scaling_predict_wall(const struct scaling_model *m, unsigned workers,
    unsigned tests, unsigned measured_tests);
unsigned scaling_recommend(const struct scaling_model *m, unsigned tests,
    unsigned measured_tests, unsigned cores, double *wall_ns);

#endif
