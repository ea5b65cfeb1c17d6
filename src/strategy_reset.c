/*
 * strategy_reset.c - empty every table after each test: truncate, delete
 *
 * database_cleaner's :truncation and :deletion, Django's TransactionTestCase
 * (flush after each test) and Laravel's DatabaseTruncation: the schema is
 * built once, every test commits for real (its body runs in autocommit
 * mode), and afterwards every table is emptied and the identity counters
 * restarted, so the seed can be loaded again with the same keys.
 *
 *   truncate  PostgreSQL: one TRUNCATE of every table RESTART IDENTITY
 *             CASCADE.  SQLite has no TRUNCATE: a DELETE of every table
 *             (SQLite's truncate optimisation) and sqlite_sequence cleared.
 *   delete    a DELETE of every table, children first, and the sequences
 *             restarted, sent as one script: one round trip.  On SQLite it
 *             is the same script as truncate.
 *
 * Timed phases: session setup = connect + schema + commit + reading the
 * tables and foreign keys to write the reset script; test setup = seed +
 * commit; test teardown = the reset script; session teardown = disconnect
 * and remove the database.
 */
#include "config.h"

#include <stdlib.h>

#include "strategy.h"
#include "xmalloc.h"

static int
reset_session_setup(struct strategy_ctx *ctx, int truncate,
    struct db_error *err)
{
	struct strbuf sql;
	int rc;

	rc = ctx->backend->connect(ctx->target, &ctx->conn, err);
	if (rc == DB_OK)
		rc = strategy_load(ctx, 1, 0, err);
	if (rc != DB_OK)
		return rc;
	strbuf_init(&sql);
	rc = ctx->backend->reset_sql(ctx->conn, truncate, &sql, err);
	if (rc == DB_OK)
		ctx->reset_sql = strbuf_detach(&sql);
	else
		strbuf_fini(&sql);
	return rc;
}

static int
truncate_session_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	return reset_session_setup(ctx, 1, err);
}

static int
delete_session_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	return reset_session_setup(ctx, 0, err);
}

static int
reset_test_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	return strategy_load(ctx, 0, 1, err);
}

static int
reset_test_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->conn == NULL || ctx->reset_sql == NULL)
		return db_error_set(err, DB_EBACKEND, "no session connection");
	return backend_exec(ctx->conn, ctx->reset_sql, err);
}

static int
reset_session_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	free(ctx->reset_sql);
	ctx->reset_sql = NULL;
	return strategy_disconnect(ctx, err);
}

static int
reset_supports(const struct backend_ops *backend,
    const struct backend_target *target)
{
	(void)target;
	return backend->reset_sql != NULL;
}

const struct strategy_ops strategy_truncate_ops = {
	.name = "truncate",
	.summary = "seed committed before each test; every table truncated "
		   "and identities restarted after",
	.supports = reset_supports,
	.one_connection = strategy_always,
	.session_setup = truncate_session_setup,
	.test_setup = reset_test_setup,
	.test_teardown = reset_test_teardown,
	.session_teardown = reset_session_teardown,
};

const struct strategy_ops strategy_delete_ops = {
	.name = "delete",
	.summary = "seed committed before each test; DELETE FROM every table "
		   "and sequences restarted after, in one round trip",
	.supports = reset_supports,
	.one_connection = strategy_always,
	.session_setup = delete_session_setup,
	.test_setup = reset_test_setup,
	.test_teardown = reset_test_teardown,
	.session_teardown = reset_session_teardown,
};
