/*
 * suite_scaling.h - worker counts for a suite (suite_scaling.c): the
 * start-up and execution parts of a run per worker count, the models
 * fitted to them, the best count and the crossovers for other sizes
 *
 * Used on a measured suite run (suite_analysis.c) and on a saved one
 * (`dbbench recommend --tests N`, suite_recommend.c).
 */
#ifndef DBBENCH_SUITE_SCALING_H
#define DBBENCH_SUITE_SCALING_H

#include <stddef.h>

#include "scaling.h"
#include "stats.h"

#define SUITE_SCALE_MAX SCALING_MAX_POINTS

struct suite_scale_point {
	unsigned workers;     /* as given: 0 is no workers */
	double wall_ns;	      /* median of the runs */
	double startup_ns;    /* median of --startup; NAN: not measured */
	size_t config;	      /* index of its configuration */
};

/* A suite of `tests` tests: the count with the lowest line changes. */
struct suite_crossover {
	double tests;
	unsigned from_workers, to_workers;
};

struct suite_scaling {
	struct suite_scale_point pts[SUITE_SCALE_MAX];
	size_t n;
	size_t tests;		 /* the suite's size (JUnit); 0: unknown */
	/* filled by suite_scaling_compute() */
	int has_startup;	 /* every point has a start-up time */
	struct scaling_model model;
	int startup_fitted;
	double startup_per_worker_ns, startup_base_ns;
	unsigned best_measured;	 /* lowest measured wall */
	unsigned predicted_best; /* by the models, up to the cores */
	double predicted_wall_ns;
	unsigned first_best;	 /* best count for a 1-test suite */
	struct suite_crossover cross[SUITE_SCALE_MAX];
	size_t n_cross;
};

void suite_scaling_compute(struct suite_scaling *g, unsigned cores);
/* The wall time a suite of tests tests would take at workers; NAN when
 * that cannot be said (an unmeasured count without --startup). */
double suite_scaling_predict(const struct suite_scaling *g, unsigned workers,
    double tests);
unsigned suite_scaling_best(const struct suite_scaling *g, double tests,
    unsigned cores, double *wall_ns);

#endif
