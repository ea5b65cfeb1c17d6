/*
 * diagnose.h - one line that says why a run gave no figures
 *
 * diagnose_all_failed() turns a run in which every test of a cell failed
 * into an error naming the first failure (exit 1), instead of a report of
 * empty figures that exits 0.  diagnose_dialect() adds to the error of a
 * SQLite syntax error in a workload's schema.sql what to do when the schema
 * is written for another database.
 */
#ifndef DBBENCH_DIAGNOSE_H
#define DBBENCH_DIAGNOSE_H

#include "error.h"
#include "result.h"
#include "workload.h"

int diagnose_all_failed(const struct run_result *res, struct db_error *err);
void diagnose_dialect(const struct workload *wl, struct db_error *err);

#endif
