/*
 * strategy_pertest.c - a new database for every test
 *
 * Laravel's RefreshDatabase on in-memory SQLite, and every fixture that
 * opens a fresh connection and runs the migrations per test: each test gets
 * a new connection to a new database with the schema and seed built, and
 * the database is thrown away after it.  The test body runs in autocommit
 * mode, as application code would.
 *
 * Timed phases: session setup and teardown do nothing; test setup =
 * connect + schema + seed + commit; test teardown = disconnect + remove the
 * database.
 */
#include "config.h"

#include "strategy.h"

static int
pertest_nothing(struct strategy_ctx *ctx, struct db_error *err)
{
	(void)ctx;
	(void)err;
	return DB_OK;
}

static int
pertest_never(const struct backend_ops *backend)
{
	(void)backend;
	return 0;
}

static int
pertest_session_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL)
		return DB_OK;
	return strategy_disconnect(ctx, err);
}

const struct strategy_ops strategy_pertest_ops = {
	.name = "per-test",
	.summary = "new connection and database per test: connect, schema, "
		   "seed; disconnect and drop after",
	.supports = strategy_supports_all,
	.one_connection = pertest_never,
	.session_setup = pertest_nothing,
	.test_setup = strategy_connect_and_build,
	.test_teardown = strategy_disconnect,
	.session_teardown = pertest_session_teardown,
};
