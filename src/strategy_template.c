/*
 * strategy_template.c - a copy of a template database for every test
 *
 * pytest-postgresql and Django's parallel runner on PostgreSQL (CREATE
 * DATABASE ... TEMPLATE), IntegreSQL; on SQLite, Django's in-memory clones
 * (sqlite3_backup) and restoring a serialized image.  The schema and seed
 * are built once into a template; each test gets a fresh copy of it.
 *
 *   PostgreSQL  test setup = CREATE DATABASE copy TEMPLATE tpl [STRATEGY
 *               --template-strategy] + connect; teardown = disconnect +
 *               DROP DATABASE copy.  Needs CREATEDB.
 *   SQLite      test setup = copy the in-memory template into the session
 *               connection, by sqlite3_backup or sqlite3_deserialize
 *               (--sqlite-clone); teardown = nothing, the next copy
 *               replaces the database.
 *
 * Timed phases: session setup = build the template (connect, schema, seed,
 * commit, seal); test setup and teardown as above; session teardown =
 * disconnect and drop the template.
 */
#include "config.h"

#include "strategy.h"

static int
template_session_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	const struct backend_ops *b = ctx->backend;
	struct backend_conn *building = NULL;
	int rc;

	rc = b->template_open(ctx->target, &building, err);
	if (rc != DB_OK)
		return rc;
	ctx->conn = building;
	rc = strategy_build(ctx, err);
	ctx->conn = NULL;
	if (rc != DB_OK) {
		backend_disconnect(building, NULL);
		return rc;
	}
	return b->template_seal(building, &ctx->tpl, err);
}

static int
template_test_setup(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->tpl == NULL)
		return db_error_set(err, DB_EBACKEND, "no template");
	return ctx->backend->template_clone(ctx->tpl, &ctx->conn, err);
}

static int
template_test_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	if (ctx->tpl == NULL || ctx->conn == NULL)
		return DB_OK;
	return ctx->backend->template_release(ctx->tpl, &ctx->conn, err);
}

static int
template_session_teardown(struct strategy_ctx *ctx, struct db_error *err)
{
	int rc;

	rc = strategy_disconnect(ctx, err);
	if (ctx->tpl != NULL)
		ctx->backend->template_drop(ctx->tpl);
	ctx->tpl = NULL;
	return rc;
}

static int
template_supports(const struct backend_ops *backend,
    const struct backend_target *target)
{
	return backend->can_template != NULL && backend->can_template(target);
}

/* SQLite copies into the session connection; PostgreSQL connects anew. */
static int
template_in_place(const struct backend_ops *backend)
{
	return backend->clones_in_place;
}

const struct strategy_ops strategy_template_ops = {
	.name = "template",
	.summary = "template built once; a fresh copy of it for each test "
		   "(CREATE DATABASE ... TEMPLATE, sqlite3_backup/deserialize)",
	.supports = template_supports,
	.one_connection = template_in_place,
	.session_setup = template_session_setup,
	.test_setup = template_test_setup,
	.test_teardown = template_test_teardown,
	.session_teardown = template_session_teardown,
};
