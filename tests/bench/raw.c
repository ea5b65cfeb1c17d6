/*
 * raw.c - the hand-written libsqlite3 loops dbbench's figures are held to
 *
 * See raw.h.  Statements are stepped to the end and reset, as dbbench's
 * SQLite driver does; an expect-error statement runs inside a savepoint
 * when a transaction is open, as dbbench's body runner does.  Return codes
 * of statements on a timed path are looked at only after the region's
 * last clock reading.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "raw.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * Once, before SQLite initialises: no memory statistics, as dbbench's
 * --sqlite-memstatus off configures it, so that threads share no allocator
 * lock.  Not called for the loop held to the library's own configuration
 * (rawloop --library).
 */
void
raw_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static int
raw_error(struct db_error *err, sqlite3 *db, const char *what)
{
	return db_error_set(err, DB_EBACKEND, "raw loop: %s: %s", what,
	    db != NULL ? sqlite3_errmsg(db) : "out of memory");
}

static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, struct db_error *err)
{
	*stmt = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt,
	        NULL) != SQLITE_OK)
		return db_error_set(err, DB_EBACKEND,
		    "raw loop: prepare %s: %s", sql, sqlite3_errmsg(db));
	return DB_OK;
}

/* Step to the end and reset; returns the step result. */
static inline int
step(sqlite3_stmt *stmt)
{
	int rc;

	do
		rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW);
	sqlite3_reset(stmt);
	return rc;
}

/* Run a workload statement, prepared on first use; the step result. */
static inline int
step_stmt(struct raw *r, const struct workload_stmt *st, struct db_error *err)
{
	if (r->stmts[st->id] == NULL &&
	    prepare(r->db, st->text, &r->stmts[st->id], err) != DB_OK)
		return SQLITE_ERROR;
	if (r->stmts[st->id] == NULL) /* only comments or blanks */
		return SQLITE_DONE;
	return step(r->stmts[st->id]);
}

/* A statement that must fail: atomically, as dbbench runs it. */
static int
run_expected_error(struct raw *r, const struct workload_file *f,
    const struct workload_stmt *st, struct db_error *err)
{
	int in_tx = !sqlite3_get_autocommit(r->db);
	int rc;

	if (in_tx)
		step(r->sp);
	rc = step_stmt(r, st, err);
	if (in_tx) {
		step(r->sp_rollback);
		step(r->sp_release);
	}
	if (rc == SQLITE_DONE)
		return db_error_set(err, DB_EBACKEND,
		    "raw loop: %s:%u succeeded; it must fail", f->path,
		    st->line);
	return DB_OK;
}

/* Every statement of a workload file, each of which must succeed. */
static int
run_file(struct raw *r, const struct workload_file *f, struct db_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < f->n; i++) {
		if (f->stmts[i].expect_error) {
			rc = run_expected_error(r, f, &f->stmts[i], err);
			if (rc != DB_OK)
				return rc;
			continue;
		}
		if (step_stmt(r, &f->stmts[i], err) != SQLITE_DONE)
			return db_error_set(err, DB_EBACKEND,
			    "raw loop: %s:%u: %s", f->path, f->stmts[i].line,
			    sqlite3_errmsg(r->db));
	}
	return DB_OK;
}

static int
prepare_builtins(struct raw *r, struct db_error *err)
{
	int rc;

	rc = prepare(r->db, "BEGIN", &r->begin, err);
	if (rc == DB_OK)
		rc = prepare(r->db, "ROLLBACK", &r->rollback, err);
	if (rc == DB_OK)
		rc = prepare(r->db, "SAVEPOINT dbbench_expect", &r->sp, err);
	if (rc == DB_OK)
		rc = prepare(r->db, "ROLLBACK TO SAVEPOINT dbbench_expect",
		    &r->sp_rollback, err);
	if (rc == DB_OK)
		rc = prepare(r->db, "RELEASE SAVEPOINT dbbench_expect",
		    &r->sp_release, err);
	return rc;
}

/* Open the connection, with the flags and pragma dbbench uses. */
static int
open_db(struct raw *r, struct db_error *err)
{
	if (sqlite3_open_v2(":memory:", &r->db,
	        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	            SQLITE_OPEN_NOMUTEX,
	        NULL) != SQLITE_OK)
		return raw_error(err, r->db, "open :memory:");
	if (sqlite3_exec(r->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return raw_error(err, r->db, "enable foreign keys");
	return DB_OK;
}

/*
 * Open a connection and build the schema and seed in one transaction.  On
 * failure nothing is left open.
 */
int
raw_open_built(struct raw *r, const struct workload *wl, struct db_error *err)
{
	int rc;

	memset(r, 0, sizeof *r);
	r->n_stmts = wl->n_stmts;
	r->stmts = xcalloc(wl->n_stmts, sizeof *r->stmts);
	rc = open_db(r, err);
	if (rc == DB_OK)
		rc = prepare_builtins(r, err);
	if (rc == DB_OK && step(r->begin) != SQLITE_DONE)
		rc = raw_error(err, r->db, "BEGIN");
	if (rc == DB_OK)
		rc = run_file(r, &wl->schema, err);
	if (rc == DB_OK && wl->has_seed)
		rc = run_file(r, &wl->seed, err);
	if (rc == DB_OK &&
	    sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = raw_error(err, r->db, "COMMIT");
	if (rc != DB_OK)
		raw_close(r);
	return rc;
}

/* One test: BEGIN, the body, ROLLBACK. */
int
raw_test(struct raw *r, const struct workload_file *body, struct db_error *err)
{
	int rc;

	if (step(r->begin) != SQLITE_DONE)
		return raw_error(err, r->db, "BEGIN");
	rc = run_file(r, body, err);
	if (step(r->rollback) != SQLITE_DONE && rc == DB_OK)
		rc = raw_error(err, r->db, "ROLLBACK");
	return rc;
}

/* Open a connection with the schema and seed, every body prepared. */
int
raw_open(struct raw *r, const struct workload *wl, struct db_error *err)
{
	size_t t;
	int rc;

	rc = raw_open_built(r, wl, err);
	for (t = 0; rc == DB_OK && t < wl->n_tests; t++)
		rc = raw_test(r, &wl->tests[t], err);
	if (rc != DB_OK && r->db != NULL)
		raw_close(r);
	return rc;
}

void
raw_close(struct raw *r)
{
	unsigned i;

	sqlite3_finalize(r->begin);
	sqlite3_finalize(r->rollback);
	sqlite3_finalize(r->sp);
	sqlite3_finalize(r->sp_rollback);
	sqlite3_finalize(r->sp_release);
	for (i = 0; i < r->n_stmts; i++)
		sqlite3_finalize(r->stmts[i]);
	free(r->stmts);
	sqlite3_close(r->db);
	memset(r, 0, sizeof *r);
}

static double
median_ns(const int64_t *samples, size_t n)
{
	struct stats s;

	stats_summarize(samples, n, &s);
	return s.median;
}

/*
 * A whole test as one region: BEGIN, the body, ROLLBACK, the bodies in
 * turn, after one pass over them untimed; what an application's rollback
 * fixture pays a test.
 */
int
raw_per_test(struct raw *r, const struct workload *wl, long n,
    double *median, struct db_error *err)
{
	int64_t *samples, t0;
	size_t t;
	long i;
	int rc = DB_OK;

	samples = xcalloc((size_t)n, sizeof *samples);
	for (t = 0; t < wl->n_tests && rc == DB_OK; t++)
		rc = raw_test(r, &wl->tests[t], err);
	for (i = 0; i < n && rc == DB_OK; i++) {
		t0 = clock_now_ns();
		rc = raw_test(r, &wl->tests[(size_t)i % wl->n_tests], err);
		samples[i] = clock_now_ns() - t0;
	}
	if (rc == DB_OK)
		*median = median_ns(samples, (size_t)n);
	free(samples);
	return rc;
}

/* BEGIN; ROLLBACK as one region, after n / 10 untimed. */
int
raw_begin_rollback(struct raw *r, long n, double *median, struct db_error *err)
{
	int64_t *samples, t0, t1;
	long i;
	int rc_begin, rc_rollback, rc = DB_OK;

	samples = xcalloc((size_t)n, sizeof *samples);
	for (i = 0; i < n / 10; i++) { /* warmup */
		step(r->begin);
		step(r->rollback);
	}
	for (i = 0; i < n && rc == DB_OK; i++) {
		t0 = clock_now_ns();
		rc_begin = step(r->begin);
		rc_rollback = step(r->rollback);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
		if (rc_begin != SQLITE_DONE || rc_rollback != SQLITE_DONE)
			rc = raw_error(err, r->db, "BEGIN; ROLLBACK");
	}
	if (rc == DB_OK)
		*median = median_ns(samples, (size_t)n);
	free(samples);
	return rc;
}

/* n bodies, the workload's in turn, each inside an untimed transaction. */
int
raw_body(struct raw *r, const struct workload *wl, long n, double *median,
    struct db_error *err)
{
	int64_t *samples, t0, t1;
	long i;
	int rc = DB_OK;

	samples = xcalloc((size_t)n, sizeof *samples);
	for (i = 0; i < n && rc == DB_OK; i++) {
		if (step(r->begin) != SQLITE_DONE) {
			rc = raw_error(err, r->db, "BEGIN");
			break;
		}
		t0 = clock_now_ns();
		rc = run_file(r, &wl->tests[(size_t)i % wl->n_tests], err);
		t1 = clock_now_ns();
		if (step(r->rollback) != SQLITE_DONE && rc == DB_OK)
			rc = raw_error(err, r->db, "ROLLBACK");
		samples[i] = t1 - t0;
	}
	if (rc == DB_OK)
		*median = median_ns(samples, (size_t)n);
	free(samples);
	return rc;
}

/* An empty savepoint inside one outer transaction, prepared. */
int
raw_savepoint(struct raw *r, long n, double *median, struct db_error *err)
{
	int64_t *samples, t0, t1;
	long i;
	int rc_sp, rc_to, rc_release, rc;

	if (step(r->begin) != SQLITE_DONE)
		return raw_error(err, r->db, "BEGIN");
	samples = xcalloc((size_t)n, sizeof *samples);
	rc = DB_OK;
	for (i = 0; i < n && rc == DB_OK; i++) {
		t0 = clock_now_ns();
		rc_sp = step(r->sp);
		rc_to = step(r->sp_rollback);
		rc_release = step(r->sp_release);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
		if (rc_sp != SQLITE_DONE || rc_to != SQLITE_DONE ||
		    rc_release != SQLITE_DONE)
			rc = raw_error(err, r->db,
			    "SAVEPOINT; ROLLBACK TO; RELEASE");
	}
	if (step(r->rollback) != SQLITE_DONE && rc == DB_OK)
		rc = raw_error(err, r->db, "ROLLBACK");
	if (rc == DB_OK)
		*median = median_ns(samples, (size_t)n);
	free(samples);
	return rc;
}

/* n new databases: open, schema, seed, commit, close, one region each. */
int
raw_pertest(const struct workload *wl, long n, double *median,
    struct db_error *err)
{
	struct raw fresh;
	int64_t *samples, t0, t1;
	long i;
	int rc = DB_OK;

	samples = xcalloc((size_t)n, sizeof *samples);
	for (i = 0; i < n && rc == DB_OK; i++) {
		t0 = clock_now_ns();
		rc = raw_open_built(&fresh, wl, err);
		if (rc == DB_OK)
			raw_close(&fresh);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
	}
	if (rc == DB_OK)
		*median = median_ns(samples, (size_t)n);
	free(samples);
	return rc;
}
