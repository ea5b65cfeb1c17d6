/*
 * strategy.h - how each test gets a clean database
 *
 * A strategy is a table of functions, one per phase of a suite:
 *
 *   session_setup     once, before the first test
 *   test_setup        before each test       } their sum is the fixture
 *   test_teardown     after each test        } overhead of a test
 *   session_teardown  once, after the last test
 *
 * The runner times each call on its own and runs the test body between
 * test_setup and test_teardown on ctx->conn.  A phase that fails fills err
 * and returns its status; the runner records it and carries on with the next
 * phase, so every phase must cope with the state a failed one left (a NULL
 * connection, say).  Session teardown always leaves nothing behind.
 */
#ifndef DBBENCH_STRATEGY_H
#define DBBENCH_STRATEGY_H

#include <stddef.h>

#include "backend.h"
#include "error.h"
#include "workload.h"

struct strategy_ctx {
	const struct backend_ops *backend;     /* the engine */
	const struct backend_target *target;   /* where connections go */
	const struct workload *wl;	       /* schema and seed to build */
	struct backend_conn *conn;	       /* the bodies' connection */
	char *reset_sql;		       /* truncate, delete: owned */
	const char *scale_sql;		       /* run after the seed, or NULL */
	struct backend_template *tpl;	       /* template: the template */
};

struct strategy_ops {
	const char *name;    /* "rollback" */
	const char *summary; /* one line for "dbbench list" */
	int (*supports)(const struct backend_ops *backend,
	    const struct backend_target *target);
	/* 1 when every test runs on the session's one connection, so the
	 * strategy can run over a static pool. */
	int (*one_connection)(const struct backend_ops *backend);
	int (*session_setup)(struct strategy_ctx *ctx, struct db_error *err);
	int (*test_setup)(struct strategy_ctx *ctx, struct db_error *err);
	int (*test_teardown)(struct strategy_ctx *ctx, struct db_error *err);
	int (*session_teardown)(struct strategy_ctx *ctx,
	    struct db_error *err);
};

/* The strategies (strategy_<name>.c). */
extern const struct strategy_ops strategy_rollback_ops;
extern const struct strategy_ops strategy_savepoint_ops;
extern const struct strategy_ops strategy_pertest_ops;
extern const struct strategy_ops strategy_truncate_ops;
extern const struct strategy_ops strategy_delete_ops;
extern const struct strategy_ops strategy_template_ops;

const struct strategy_ops *strategy_find(const char *name);
const struct strategy_ops *const *strategy_all(size_t *n);

/* Shared steps the strategies are made of (strategy.c). */
int strategy_build(struct strategy_ctx *ctx, struct db_error *err);
int strategy_load(struct strategy_ctx *ctx, int schema, int seed,
    struct db_error *err);
int strategy_connect_and_build(struct strategy_ctx *ctx,
    struct db_error *err);
int strategy_disconnect(struct strategy_ctx *ctx,
    struct db_error *err);
int strategy_supports_all(const struct backend_ops *backend,
    const struct backend_target *target);
int strategy_always(const struct backend_ops *backend);

#endif
