/*
 * result.h - what a run measured
 *
 * A run holds one cell per (backend, strategy, workers) combination.  Each
 * cell keeps the raw samples (every one, or past --sample-cap a sample of
 * them, see sampling.h), in the order measured, for each series: the
 * five phases, and two per-test sums derived as the tests ran (overhead =
 * test setup + test teardown; per test = setup + body + teardown).  The
 * per-test series are index-aligned: sample i of test_setup, body,
 * test_teardown, overhead and per_test belong to the same test.  A test with
 * a failed phase contributes no per-test sample; it is counted in failed and
 * described in the run's failures.
 *
 * Validation adds a verdict per (backend, strategy, scenario) with what was
 * observed, and the state checks a line per (backend, strategy, test).
 *
 * The report writers read a struct run_result and nothing else, so a saved
 * run renders exactly as a fresh one.
 */
#ifndef DBBENCH_RESULT_H
#define DBBENCH_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "sketch.h"
#include "stats.h"

enum series {
	SERIES_SESSION_SETUP,
	SERIES_TEST_SETUP,
	SERIES_BODY,
	SERIES_TEST_TEARDOWN,
	SERIES_SESSION_TEARDOWN,
	SERIES_OVERHEAD,
	SERIES_PER_TEST,
	SERIES_COUNT
};

/* What an isolation scenario showed under a strategy (see validate.h). */
enum verdict {
	VERDICT_ISOLATED,   /* nothing carried over; the code ran as in
			       production */
	VERDICT_LEAK,	    /* state visible to the next test */
	VERDICT_FALSE_PASS, /* a check production would fail passes */
	VERDICT_ERROR,	    /* the strategy cannot run that code */
	VERDICT_NA,	    /* does not apply to this backend or target */
	VERDICT_COUNT
};

struct sample_vec {
	int64_t *v; /* nanoseconds; owned */
	size_t n;
	size_t cap;
};

struct cell {
	char *backend;	/* "sqlite"; owned */
	char *strategy; /* "rollback"; owned */
	unsigned workers;
	char *pool;	/* "per-worker" or "static" */
	unsigned seed_scale; /* the seed multiplied by this (--seed-scale) */
	long long seed_rows; /* rows after loading the scaled seed */
	struct sample_vec samples[SERIES_COUNT];
	struct stats stats[SERIES_COUNT]; /* filled by result_summarize */
	struct sample_vec wall; /* one suite run, session setup to teardown */
	struct stats wall_stats; /* filled by result_summarize */
	/* Per round: the round's total overhead / its successful tests.  The
	 * headline figure: it is what a suite pays per test, and unlike the
	 * median of single tests it stays put when the bodies' costs differ
	 * (a median falling between a cheap and a dear group of tests). */
	struct sample_vec suite_overhead;
	struct stats suite_overhead_stats; /* filled by result_summarize */
	/* Opening a connection, for tests whose setup opened one (per-test,
	 * template on PostgreSQL): the part of test setup pgbench -C times. */
	struct sample_vec connect;
	/* Per timed test, aligned with the per-test series: its position in
	 * its session (0 .. --tests - 1), for the drift analysis. */
	struct sample_vec test_index;
	struct stats connect_stats; /* filled by result_summarize */
	/* When the run was measured in several processes (--replicates):
	 * what each process added, in order, one entry per process that
	 * measured the cell.  Rounds count the suite_overhead and wall
	 * samples, sessions the session series, tests the per-test series
	 * and test_index, connects the connect series.  Empty when one
	 * process measured it all. */
	struct sample_vec rep_rounds, rep_sessions, rep_tests, rep_connects;
	/* Which process added each of those entries, from 1: the run's
	 * first process, then one more for each result_merge_replicate().
	 * Empty in a run loaded from JSON. */
	struct sample_vec rep_process;
	/* The tests and connections the per-test and connect series stand
	 * for: as many as they hold, until a cap drew them down to a
	 * sample (sampling.h). */
	size_t tests_timed, connects_timed;
	/* Every timed test's per-test figures (the per-test series only),
	 * whatever the samples kept: the percentiles of a sampled cell. */
	struct sketch sketch[SERIES_COUNT];
	size_t tests_run;  /* tests attempted, failed ones included */
	size_t failed;	   /* tests with a failed phase */
	unsigned rounds;   /* suite runs measured (warmup excluded) */
	int client_cpu;	   /* worker 0's CPU at the end of the last round */
	int server_cpu;	   /* its server backend's, seen while its
			    * connection was open; -1 unknown or embedded,
			    * -2 (BACKEND_CPU_REMOTE) on another host */
	int converged;	   /* suite overhead CI reached --target-ci */
	double ci_rel;	   /* last suite overhead CI half-width / median */
};

/* A distinct failure: the same statement failing every round is one entry. */
struct failure {
	char *backend;	  /* owned, as are the strings below */
	char *strategy;
	char *test;	  /* "tests/03-x.sql", or "" for a strategy's own step */
	char *phase;	  /* "test_setup", "body", ... */
	unsigned statement; /* 1-based in the file; 0 when not a statement */
	char *error;	  /* the message, file and line included */
	size_t count;	  /* occurrences */
};

/* One scenario under one strategy on one backend. */
struct validation {
	char *backend;	/* owned, as are the strings below */
	char *strategy;
	char *scenario;	/* "PG-SEQ" */
	enum verdict verdict;
	char *detail;	/* one line: what was observed */
};

/* A scenario that ran: what it checks and how to live with it. */
struct scenario_info {
	char *id;	  /* owned, as are the strings below */
	char *title;	  /* what leaks or passes falsely */
	char *mitigation; /* what a suite can do about it */
};

/* Did one test of the workload leave the database different? */
struct state_check {
	char *backend;	/* owned, as are the strings below */
	char *strategy;
	char *test;	/* "tests/02-x.sql" */
	int leaked;	/* the next test started from other content */
	char *detail;	/* which tables or sequences differed, or "" */
	char *error;	/* why the test failed under the strategy (its
			   setup or body), or NULL: it ran */
};

struct backend_result {
	char *name;		 /* owned */
	struct backend_info info;
	long long seed_rows;	 /* rows in a database built with the seed */
};

struct run_config {
	char *workload;		/* name as given */
	char *workload_dir;	/* resolved folder */
	unsigned workload_tests; /* test bodies in the workload */
	unsigned tests;		/* suite size modelled per round */
	unsigned rounds;	/* fixed rounds, or 0 for adaptive */
	double target_ci;	/* relative, 0.02 = 2% */
	double max_time;	/* seconds */
	unsigned warmup;	/* warmup rounds per cell */
	uint64_t seed;		/* shuffle seed */
	int strict;
	char **strategies;	/* as run; owned */
	size_t n_strategies;
	char *sqlite_path;	/* NULL for :memory: */
	unsigned *seed_scales;	/* owned */
	size_t n_seed_scales;
	char *pool;		/* owned */
	unsigned *workers;	/* --workers counts; owned */
	size_t n_workers;
	int chunk;		/* --dist chunk */
	int vacuum;		/* housekeeping between rounds */
	int benchmark;		/* the strategies were timed (run command) */
	int validate;		/* the scenarios ran */
	int check_state;	/* the state checks ran */
	int fail_on_leak;
	unsigned replicates;	/* --replicates: processes, at least */
	size_t sample_cap;	/* --sample-cap: per-test samples a cell
				 * keeps, 0: all */
};

struct run_result {
	char *tool_version;
	char *git_commit;	  /* HEAD of the working folder; NULL: none */
	char *git_branch;	  /* its branch; NULL: none or detached */
	char *host_cpu;
	unsigned host_cores;
	char *host_os;
	double timer_cost_ns;	  /* one clock reading */
	double timer_resolution_ns;
	double harness_floor_ns;  /* overhead measured with no-op phases */
	int64_t started_unix;	  /* seconds since the epoch */
	int64_t elapsed_ns;	  /* the whole measurement */
	struct run_config config;
	struct backend_result *backends;
	size_t n_backends;
	struct cell *cells;
	size_t n_cells;
	struct failure *failures;
	size_t n_failures;
	int pinned;	/* --pin: workers and their backends pinned */
	unsigned replicates; /* processes that measured; 0 or 1: one */
	unsigned merged;     /* result_merge_replicate() calls so far */
	char **notes;	/* one-line remarks on how the run went; owned */
	size_t n_notes;
	struct validation *validations; /* in the order they ran */
	size_t n_validations;
	struct scenario_info *scenarios; /* each scenario that ran, once */
	size_t n_scenarios;
	struct state_check *state_checks;
	size_t n_state_checks;
};

extern const char *const series_names[SERIES_COUNT];
extern const char *const verdict_names[VERDICT_COUNT];

void sample_vec_push(struct sample_vec *vec, int64_t value);
void sample_vec_fini(struct sample_vec *vec);
void sample_vec_append(struct sample_vec *to, const struct sample_vec *from);

struct cell *result_add_cell(struct run_result *res, const char *backend,
    const char *strategy, const char *pool, unsigned seed_scale);
void result_add_failure(struct run_result *res, const char *backend,
    const char *strategy, const char *test, const char *phase,
    unsigned statement, const char *error);
void result_add_note(struct run_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void result_merge_replicate(struct run_result *into,
    const struct run_result *from);
void result_add_validation(struct run_result *res, const char *backend,
    const char *strategy, const char *scenario, enum verdict verdict,
    const char *detail);
void result_add_scenario(struct run_result *res, const char *id,
    const char *title, const char *mitigation);
void result_add_state_check(struct run_result *res, const char *backend,
    const char *strategy, const char *test, int leaked, const char *detail);
void result_add_failed_state_check(struct run_result *res,
    const char *backend, const char *strategy, const char *test, int leaked,
    const char *detail, const char *error);
size_t result_leaked_tests(const struct run_result *res);
size_t result_failed_state_checks(const struct run_result *res);
void result_summarize(struct run_result *res);
void result_summarize_suite_overhead(struct run_result *res);
void result_fini(struct run_result *res);
void result_config_fini(struct run_config *cfg);

#endif
