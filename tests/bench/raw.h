/*
 * raw.h - the hand-written libsqlite3 loops dbbench's figures are held to
 *
 * Straight libsqlite3, no dbbench code on the timed path: a :memory:
 * connection with a workload's schema and seed, every statement prepared
 * once (on first use) with SQLITE_PREPARE_PERSISTENT.  The workload files
 * are read with dbbench's loader (untimed), so both sides run exactly the
 * same statements.  Used by rawloop.c (a process of its own) and agree.c
 * (in the same process as dbbench's runner).
 *
 * The timed loops, each giving a median in nanoseconds:
 *
 *   raw_begin_rollback  BEGIN; ROLLBACK, timed as one region;
 *   raw_body            each test body in turn, timed inside an untimed
 *                       BEGIN ... ROLLBACK;
 *   raw_savepoint       SAVEPOINT; ROLLBACK TO; RELEASE inside an outer
 *                       transaction, one region;
 *   raw_pertest         open a :memory: database, schema, seed, commit,
 *                       close, one region (statements prepared anew each
 *                       time);
 *   raw_per_test        BEGIN; a body; ROLLBACK, the bodies in turn, one
 *                       region: a rollback fixture's whole test.
 *
 * Failures fill a struct db_error and return its status; nothing here
 * prints or exits.
 */
#ifndef DBBENCH_BENCH_RAW_H
#define DBBENCH_BENCH_RAW_H

#include <sqlite3.h>

#include "error.h"
#include "workload.h"

struct raw {
	sqlite3 *db;
	sqlite3_stmt **stmts; /* by workload statement id */
	unsigned n_stmts;
	sqlite3_stmt *begin, *rollback, *sp, *sp_rollback, *sp_release;
};

void raw_configure(void);
int raw_open_built(struct raw *r, const struct workload *wl,
    struct db_error *err);
int raw_open(struct raw *r, const struct workload *wl, struct db_error *err);
void raw_close(struct raw *r);
int raw_test(struct raw *r, const struct workload_file *body,
    struct db_error *err);

int raw_per_test(struct raw *r, const struct workload *wl, long n,
    double *median, struct db_error *err);
int raw_begin_rollback(struct raw *r, long n, double *median,
    struct db_error *err);
int raw_body(struct raw *r, const struct workload *wl, long n, double *median,
    struct db_error *err);
int raw_savepoint(struct raw *r, long n, double *median, struct db_error *err);
int raw_pertest(const struct workload *wl, long n, double *median,
    struct db_error *err);

#endif
