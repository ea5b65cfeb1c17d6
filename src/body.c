/*
 * body.c - running a workload file statement by statement
 *
 * The first statement that fails stops the file, as the first failed
 * assertion stops a test; err then names the file, the line and the
 * backend's message, and *failed_stmt its 1-based statement number.
 */
#include "config.h"

#include "body.h"

/* Run a statement that must fail, inside a savepoint when in a transaction. */
static int
run_expecting_error(struct backend_conn *conn, const struct workload_stmt *st,
    struct db_error *err)
{
	struct db_error ignored;
	int in_tx, rc;

	in_tx = conn->ops->in_transaction(conn);
	if (in_tx) {
		rc = backend_run_builtin(conn, BUILTIN_EXPECT_SAVEPOINT, err);
		if (rc != DB_OK)
			return rc;
	}
	rc = backend_run(conn, st->id, st->text, &ignored);
	if (in_tx && rc != DB_OK) {
		rc = backend_run_builtin(conn, BUILTIN_EXPECT_ROLLBACK_TO, err);
		if (rc != DB_OK)
			return rc;
	} else if (rc == DB_OK) {
		if (in_tx)
			backend_run_builtin(conn, BUILTIN_EXPECT_RELEASE,
			    &ignored);
		return db_error_set(err, DB_EBACKEND,
		    "statement marked expect-error succeeded");
	}
	if (in_tx)
		return backend_run_builtin(conn, BUILTIN_EXPECT_RELEASE, err);
	return DB_OK;
}

int
body_run(struct backend_conn *conn, const struct workload_file *file,
    unsigned *failed_stmt, struct db_error *err)
{
	const struct workload_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < file->n; i++) {
		st = &file->stmts[i];
		if (st->expect_error)
			rc = run_expecting_error(conn, st, err);
		else
			rc = backend_run(conn, st->id, st->text, err);
		if (rc != DB_OK) {
			if (failed_stmt != NULL)
				*failed_stmt = (unsigned)i + 1;
			return db_error_prefix(err, "%s:%u: ", file->path,
			    st->line);
		}
	}
	return DB_OK;
}
