/*
 * strategy_savepoint.c - one outer transaction, a savepoint per test
 *
 * SQLAlchemy's "join the session into an external transaction" recipe and
 * Django's setUpTestData: schema and seed are committed, one outer
 * transaction stays open for the session, and each test runs inside
 * SAVEPOINT ... ROLLBACK TO ... RELEASE.
 *
 * Timed phases: session setup = connect + schema + seed + commit + BEGIN;
 * test setup = SAVEPOINT; test teardown = ROLLBACK TO + RELEASE; session
 * teardown = ROLLBACK + disconnect + remove the database.
 */
#include "config.h"

#include "strategy.h"

static int
savepoint_session_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	int rc;

	rc = strategy_connect_and_build(ctx, err);
	if (rc != DB_OK)
		return rc;
	return backend_run_builtin(ctx->conn, BUILTIN_BEGIN, err);
}

static int
savepoint_test_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	return backend_run_builtin(ctx->conn, BUILTIN_SAVEPOINT, err);
}

static int
savepoint_test_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	int rc;

	if (ctx->conn == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	rc = backend_run_builtin(ctx->conn, BUILTIN_ROLLBACK_TO, err);
	if (rc != DB_OK)
		return rc;
	return backend_run_builtin(ctx->conn, BUILTIN_RELEASE, err);
}

static int
savepoint_session_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	struct db_error ignored;

	if (ctx->conn != NULL && ctx->conn->ops->in_transaction(ctx->conn))
		backend_run_builtin(ctx->conn, BUILTIN_ROLLBACK, &ignored);
	return strategy_disconnect(ctx, err);
}

const struct strategy_ops strategy_savepoint_ops = {
	.name = "savepoint",
	.summary = "one outer transaction; SAVEPOINT before and ROLLBACK TO "
		   "+ RELEASE after each test",
	.supports = strategy_supports_all,
	.one_connection = strategy_always,
	.session_setup = savepoint_session_setup,
	.test_setup = savepoint_test_setup,
	.test_teardown = savepoint_test_teardown,
	.session_teardown = savepoint_session_teardown,
};
