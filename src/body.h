/*
 * body.h - run a workload file's statements on a connection
 *
 * Used for schema, seed and test bodies alike.  A statement marked
 * "-- dbbench: expect-error" runs atomically, the way Django's atomic()
 * does: inside a savepoint when a transaction is open, so that its failure
 * does not abort the transaction, and on its own otherwise.  It must fail;
 * if it succeeds, that is the failure reported.
 */
#ifndef DBBENCH_BODY_H
#define DBBENCH_BODY_H

#include "backend.h"
#include "error.h"
#include "workload.h"

int body_run(struct backend_conn *conn, const struct workload_file *file,
    unsigned *failed_stmt, struct db_error *err);

#endif
