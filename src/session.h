/*
 * session.h - one run of the modelled suite under a strategy, on 1..N workers
 *
 * session_run() runs --tests tests under a strategy and hands back every
 * worker's samples and failures, for the runner to merge into a cell.  Each
 * worker is a thread with its own connection and database (its own
 * backend_target), like a pytest-xdist worker: it runs session setup, takes
 * tests from one shared queue (--dist load) or its own contiguous chunk
 * (--dist chunk), and runs session teardown.  With the static pool there is
 * one session on one connection, and the workers take turns on it, one
 * test at a time, as threads sharing SQLAlchemy's StaticPool do.
 *
 * Workers share nothing but the queue counter, the stop flag and, with the
 * static pool, the connection and its mutex; every sample and failure is
 * kept per worker and merged after the threads are joined.
 */
#ifndef DBBENCH_SESSION_H
#define DBBENCH_SESSION_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "error.h"
#include "result.h"
#include "strategy.h"
#include "workload.h"

struct session_spec {
	const struct strategy_ops *st;
	const struct backend_ops *backend;
	const struct backend_target *targets; /* one per worker */
	const struct workload *wl;
	const char *scale_sql;	/* multiplies the seed, or NULL */
	unsigned tests;		/* the suite size */
	unsigned workers;	/* 1 or more */
	int chunk;		/* --dist chunk: fixed contiguous shares */
	int static_pool;	/* one shared connection */
	int strict;		/* the first failed test stops every worker */
	int64_t deadline_ns;	/* 0, or no test starts after this clock
				   reading (a warmup cut short) */
};

/* A failed test, as a worker saw it. */
struct session_failure {
	const char *test;	/* borrowed from the workload, or "" */
	int phase;		/* enum series */
	unsigned statement;	/* 1-based, body failures only */
	struct db_error err;
};

struct worker_out {
	struct sample_vec series[SERIES_COUNT]; /* as in struct cell */
	struct sample_vec connect;
	struct sample_vec test_index; /* aligned with the per-test series */
	struct session_failure *failures;
	size_t n_failures;
	size_t tests_run;	/* attempted, failed ones included */
	size_t failed;
	int client_cpu;		/* where it ran when its tests were done */
	int server_cpu;		/* where its server backend ran while its
				 * connection was open (the session's at the
				 * end, else the first test's), or -1, or
				 * BACKEND_CPU_REMOTE */
};

struct session_out {
	struct worker_out *workers; /* n of them; owned */
	unsigned n;
	int64_t wall_ns;	    /* first setup started to last teardown */
};

int session_run(const struct session_spec *spec, struct session_out *out,
    struct db_error *err);
void session_out_fini(struct session_out *out);
double session_harness_floor_ns(void);

/* Set from a signal handler to stop every worker at its next test. */
extern volatile sig_atomic_t runner_stop_requested;

#endif
