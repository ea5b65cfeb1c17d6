/*
 * capture.h - "dbbench capture": a suite's own SQL turned into a workload
 *
 * The pieces, one job each:
 *   capture_trace.c  reads the record files the preload library wrote
 *                    (src/preload/dbbench_trace.c) into a capture_log
 *   capture_model.c  decides, statement by statement, what is schema, seed,
 *                    a test's body or a fixture's own work (dropped)
 *   capture_write.c  writes the workload folder and capture.json, whole or
 *                    not at all
 *   cmd_capture.c    the command: options, running the suite, the summary
 */
#ifndef DBBENCH_CAPTURE_H
#define DBBENCH_CAPTURE_H

#include <stddef.h>

#include "error.h"

enum capture_phase {
	PHASE_NONE,	/* no test named yet */
	PHASE_SETUP,	/* pytest's "(setup)": the fixture's */
	PHASE_CALL,	/* the test's own body */
	PHASE_TEARDOWN, /* pytest's "(teardown)": the fixture's */
};

/* One statement as the program ran it. */
struct capture_stmt {
	char *sql;		 /* with bound values inlined; owned */
	char *test;		 /* the test's name, "" when none; owned */
	enum capture_phase phase;
	int failed;		 /* it failed in the captured run */
	int marker;		 /* a marker statement naming its test */
	unsigned process;	 /* which record file */
	unsigned conn;		 /* the connection, within the process */
	unsigned long long seq;	 /* start order within the process */
	long long ns;		 /* start time, for the order across
				    processes */
};

struct capture_log {
	struct capture_stmt *stmts; /* owned */
	size_t n;
	size_t processes;	    /* record files read */
	size_t processes_with_sql;  /* of those, with a connection */
	size_t connections;
	unsigned long long lib_errors; /* the library's own, swallowed */
};

/* A statement dropped from the workload, and why. */
struct capture_drop {
	char *sql;    /* owned */
	char *test;   /* owned; "" outside any test */
	const char *why;
};

struct capture_test {
	char *name;   /* the runner's name; owned */
	char **stmts; /* owned, each owned, with "-- dbbench: expect-error"
			 lines where the statement failed */
	size_t n;
	unsigned weight; /* tests with this very body (1: no duplicate) */
};

struct capture_workload {
	char **schema, **seed; /* statements, owned */
	size_t n_schema, n_seed;
	struct capture_test *tests; /* in the order they first ran; owned */
	size_t n_tests;
	size_t tests_seen;	    /* every test named, with SQL or not */
	size_t tests_empty;	    /* of those, no statement of its own */
	size_t duplicates;	    /* bodies folded into an earlier one */
	struct capture_drop *drops; /* owned */
	size_t n_drops;
	size_t expected_errors;
};

struct strbuf;
int capture_read_file(const char *path, struct strbuf *sb,
    struct db_error *err);
int capture_trace_parse(const char *data, size_t len, unsigned process,
    struct capture_log *log, struct db_error *err);
int capture_trace_read_dir(const char *dir, struct capture_log *log,
    struct db_error *err);
void capture_log_fini(struct capture_log *log);

void capture_model_build(struct capture_log *log, struct capture_workload *wl);
void capture_workload_fini(struct capture_workload *wl);

/* What capture.json records of the run. */
struct capture_meta {
	char **command;	   /* NULL-terminated; not owned */
	const char *source; /* "sqlite-trace" or "postgres-log" */
	int exit_status;    /* the command's, or -1 */
	const struct capture_log *log;
};

void capture_remove_tree(const char *path);
int capture_check_target(const char *dir, int force, struct db_error *err);
int capture_write(const char *dir, int force, const struct capture_workload *wl,
    const struct capture_meta *meta, struct db_error *err);

int capture_command(int argc, char **argv, struct db_error *err);

#endif
