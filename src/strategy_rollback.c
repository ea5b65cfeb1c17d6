/*
 * strategy_rollback.c - one session connection, a transaction per test
 *
 * The pattern of Django's TestCase (per class), Rails transactional tests,
 * Laravel's DatabaseTransactions and most pytest fixtures: schema and seed
 * are built and committed once; each test runs inside BEGIN ... ROLLBACK.
 *
 * Timed phases: session setup = connect + schema + seed + commit; test
 * setup = BEGIN; test teardown = ROLLBACK; session teardown = disconnect
 * and remove the database.
 */
#include "config.h"

#include "strategy.h"

static int
rollback_test_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	return backend_run_builtin(ctx->conn, BUILTIN_BEGIN, err);
}

static int
rollback_test_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	return backend_run_builtin(ctx->conn, BUILTIN_ROLLBACK, err);
}

const struct strategy_ops strategy_rollback_ops = {
	.name = "rollback",
	.summary = "session connection; BEGIN before and ROLLBACK after "
		   "each test",
	.supports = strategy_supports_all,
	.one_connection = strategy_always,
	.session_setup = strategy_connect_and_build,
	.test_setup = rollback_test_setup,
	.test_teardown = rollback_test_teardown,
	.session_teardown = strategy_disconnect,
};
