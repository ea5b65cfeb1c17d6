/*
 * strategy.c - the table of strategies and the steps they share
 *
 * Adding a strategy is one file defining its struct strategy_ops and one
 * line in strategies[] below, in the order reports list them.
 */
#include "config.h"

#include <string.h>

#include "body.h"
#include "strategy.h"

static const struct strategy_ops *const strategies[] = {
	&strategy_rollback_ops,
	&strategy_savepoint_ops,
	&strategy_pertest_ops,
	&strategy_truncate_ops,
	&strategy_delete_ops,
	&strategy_template_ops,
};

const struct strategy_ops *
strategy_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof strategies / sizeof strategies[0]; i++)
		if (strcmp(strategies[i]->name, name) == 0)
			return strategies[i];
	return NULL;
}

const struct strategy_ops *const *
strategy_all(size_t *n)
{
	*n = sizeof strategies / sizeof strategies[0];
	return strategies;
}

int
strategy_supports_all(const struct backend_ops *backend,
    const struct backend_target *target)
{
	(void)backend;
	(void)target;
	return 1;
}

int
strategy_always(const struct backend_ops *backend)
{
	(void)backend;
	return 1;
}

/*
 * Run the schema, the seed or both on ctx->conn in one transaction, as a
 * fixture that creates its tables would, and commit.  With --seed-scale,
 * the script multiplying the seed's rows runs right after the seed.  On failure the
 * transaction is rolled back and err names the file and line.
 */
int
strategy_load(struct strategy_ctx *ctx, int schema, int seed,
    struct db_error *err)
{
	struct db_error ignored;
	int rc;

	rc = backend_run_builtin(ctx->conn, BUILTIN_BEGIN, err);
	if (rc != DB_OK)
		return rc;
	if (schema)
		rc = body_run(ctx->conn, &ctx->wl->schema, NULL, err);
	if (rc == DB_OK && seed && ctx->wl->has_seed)
		rc = body_run(ctx->conn, &ctx->wl->seed, NULL, err);
	if (rc == DB_OK && seed && ctx->scale_sql != NULL)
		rc = backend_exec(ctx->conn, ctx->scale_sql, err);
	if (rc != DB_OK) {
		backend_run_builtin(ctx->conn, BUILTIN_ROLLBACK, &ignored);
		return rc;
	}
	return backend_run_builtin(ctx->conn, BUILTIN_COMMIT, err);
}

/* Build the schema and load the seed, in one transaction. */
int
strategy_build(struct strategy_ctx *ctx, struct db_error *err)
{
	return strategy_load(ctx, 1, 1, err);
}

/* Open a connection to a new database and build it. */
int
strategy_connect_and_build(struct strategy_ctx *ctx, struct db_error *err)
{
	int rc;

	rc = ctx->backend->connect(ctx->target, &ctx->conn, err);
	if (rc != DB_OK)
		return rc;
	return strategy_build(ctx, err);
}

/* Close the connection, if any, and remove the database it made. */
int
strategy_disconnect(struct strategy_ctx *ctx, struct db_error *err)
{
	int rc;

	rc = backend_disconnect(ctx->conn, err);
	ctx->conn = NULL;
	return rc;
}
