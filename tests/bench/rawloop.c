/*
 * rawloop.c - the hand-written C loop dbbench's own figures are held to
 *
 * Straight libsqlite3, no dbbench code on the timed path: one :memory:
 * connection with the workload's schema and seed, every statement prepared
 * once (on first use) with SQLITE_PREPARE_PERSISTENT, then
 *
 *   begin_rollback  BEGIN; ROLLBACK, timed as one region;
 *   body            each test body in turn, timed inside an untimed
 *                   BEGIN ... ROLLBACK;
 *   savepoint       SAVEPOINT; ROLLBACK TO; RELEASE inside an outer
 *                   transaction, one region;
 *   pertest         open a :memory: database, schema, seed, commit, close,
 *                   one region (statements prepared anew each time).
 *
 * The workload files are read with dbbench's loader (untimed), so both
 * sides run exactly the same statements.  Prints the median of each, in
 * nanoseconds, as "name value" lines.
 *
 * With THREADS, instead: that many threads, each with its own connection,
 * run ITERATIONS tests between them (BEGIN, body, ROLLBACK, bodies in
 * turn) and the line "throughput N" gives tests per second, the raw limit
 * for dbbench's --workers.
 *
 * usage: rawloop FIXTURES_DIR ITERATIONS [THREADS]
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "stats.h"
#include "workload.h"
#include "xmalloc.h"

struct raw {
	sqlite3 *db;
	sqlite3_stmt **stmts; /* by workload statement id */
	sqlite3_stmt *begin, *rollback, *sp, *sp_rollback, *sp_release;
};

static sqlite3_stmt *
prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
		NULL) != SQLITE_OK) {
		fprintf(stderr, "rawloop: prepare %s: %s\n", sql,
		    sqlite3_errmsg(db));
		exit(1);
	}
	return stmt;
}

/* Step to the end and reset; returns the step result. */
static int
step(sqlite3_stmt *stmt)
{
	int rc;

	do
		rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW);
	sqlite3_reset(stmt);
	return rc;
}

/* The prepared statement of a workload statement, prepared on first use. */
static sqlite3_stmt *
stmt_of(struct raw *r, const struct workload_stmt *st)
{
	if (r->stmts[st->id] == NULL)
		r->stmts[st->id] = prepare(r->db, st->text);
	return r->stmts[st->id];
}

static void
run_file(struct raw *r, const struct workload_file *f, int must_succeed)
{
	size_t i;
	int rc;

	for (i = 0; i < f->n; i++) {
		if (f->stmts[i].expect_error) {
			/* as dbbench: a savepoint when in a transaction */
			int in_tx = !sqlite3_get_autocommit(r->db);

			if (in_tx)
				step(r->sp);
			rc = step(stmt_of(r, &f->stmts[i]));
			if (in_tx) {
				step(r->sp_rollback);
				step(r->sp_release);
			}
			if (rc == SQLITE_DONE) {
				fprintf(stderr, "rawloop: %s:%u succeeded\n",
				    f->path, f->stmts[i].line);
				exit(1);
			}
			continue;
		}
		rc = step(stmt_of(r, &f->stmts[i]));
		if (rc != SQLITE_DONE && must_succeed) {
			fprintf(stderr, "rawloop: %s:%u: %s\n", f->path,
			    f->stmts[i].line, sqlite3_errmsg(r->db));
			exit(1);
		}
	}
}

/* Open a connection and build the schema and seed in one transaction. */
static void
raw_open_built(struct raw *r, const struct workload *wl)
{
	memset(r, 0, sizeof *r);
	sqlite3_open_v2(":memory:", &r->db, /* the flags dbbench uses */
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	sqlite3_exec(r->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	r->stmts = xcalloc(wl->n_stmts, sizeof *r->stmts);
	r->begin = prepare(r->db, "BEGIN");
	r->rollback = prepare(r->db, "ROLLBACK");
	r->sp = prepare(r->db, "SAVEPOINT dbbench_expect");
	r->sp_rollback = prepare(r->db, "ROLLBACK TO SAVEPOINT dbbench_expect");
	r->sp_release = prepare(r->db, "RELEASE SAVEPOINT dbbench_expect");
	step(r->begin);
	run_file(r, &wl->schema, 1);
	if (wl->has_seed)
		run_file(r, &wl->seed, 1);
	sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
}

/* Open a connection with the schema and seed, every body prepared. */
static void
raw_open(struct raw *r, const struct workload *wl)
{
	size_t t;

	raw_open_built(r, wl);
	for (t = 0; t < wl->n_tests; t++) {
		step(r->begin);
		run_file(r, &wl->tests[t], 1);
		step(r->rollback);
	}
}

static void
raw_close(struct raw *r, const struct workload *wl)
{
	size_t t;

	sqlite3_finalize(r->begin);
	sqlite3_finalize(r->rollback);
	sqlite3_finalize(r->sp);
	sqlite3_finalize(r->sp_rollback);
	sqlite3_finalize(r->sp_release);
	for (t = 0; t < wl->n_stmts; t++)
		sqlite3_finalize(r->stmts[t]);
	free(r->stmts);
	sqlite3_close(r->db);
}

struct thread_arg {
	const struct workload *wl;
	long tests;
	pthread_barrier_t *ready;
};

static void *
raw_thread(void *p)
{
	struct thread_arg *a = p;
	struct raw r;
	long i;

	raw_open(&r, a->wl);
	pthread_barrier_wait(a->ready);
	for (i = 0; i < a->tests; i++) {
		step(r.begin);
		run_file(&r, &a->wl->tests[(size_t)i % a->wl->n_tests], 1);
		step(r.rollback);
	}
	raw_close(&r, a->wl);
	return NULL;
}

/* Tests per second with n threads sharing the tests. */
static void
throughput(const struct workload *wl, long tests, int n)
{
	pthread_barrier_t ready;
	struct thread_arg *args;
	pthread_t *threads;
	int64_t t0;
	int i;

	pthread_barrier_init(&ready, NULL, (unsigned)n + 1);
	args = xcalloc((size_t)n, sizeof *args);
	threads = xcalloc((size_t)n, sizeof *threads);
	for (i = 0; i < n; i++) {
		args[i].wl = wl;
		args[i].tests = tests / n;
		args[i].ready = &ready;
		pthread_create(&threads[i], NULL, raw_thread, &args[i]);
	}
	pthread_barrier_wait(&ready);
	t0 = clock_now_ns();
	for (i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	printf("throughput %.0f\n",
	    (double)(tests / n * n) / ((double)(clock_now_ns() - t0) / 1e9));
	pthread_barrier_destroy(&ready);
	free(args);
	free(threads);
}

int
main(int argc, char **argv)
{
	struct workload wl;
	struct db_error err;
	struct raw r;
	struct stats s;
	int64_t *samples, t0, t1;
	char *dir;
	long n, i;

	if (argc < 3 || argc > 4 || atol(argv[2]) <= 0 ||
	    (argc == 4 && atoi(argv[3]) <= 0)) {
		fprintf(stderr,
		    "usage: rawloop FIXTURES_DIR ITERATIONS [THREADS]\n");
		return 2;
	}
	n = atol(argv[2]);
	if (workload_resolve("default", argv[1], &dir, &err) != DB_OK ||
	    workload_load("default", dir, "sqlite", SQL_DIALECT_SQLITE, &wl,
		&err) != DB_OK) {
		fprintf(stderr, "rawloop: %s\n", err.msg);
		return 1;
	}
	/* as dbbench does, so that threads share no allocator lock */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (argc == 4) {
		throughput(&wl, n, atoi(argv[3]));
		workload_fini(&wl);
		free(dir);
		return 0;
	}
	raw_open(&r, &wl);

	samples = xcalloc((size_t)n, sizeof *samples);
	for (i = 0; i < n / 10; i++) { /* warmup */
		step(r.begin);
		step(r.rollback);
	}
	for (i = 0; i < n; i++) {
		t0 = clock_now_ns();
		step(r.begin);
		step(r.rollback);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
	}
	stats_summarize(samples, (size_t)n, &s);
	printf("begin_rollback %.1f\n", s.median);

	for (i = 0; i < n; i++) {
		step(r.begin);
		t0 = clock_now_ns();
		run_file(&r, &wl.tests[(size_t)i % wl.n_tests], 1);
		t1 = clock_now_ns();
		step(r.rollback);
		samples[i] = t1 - t0;
	}
	stats_summarize(samples, (size_t)n, &s);
	printf("body %.1f\n", s.median);

	/* an empty savepoint inside one outer transaction, prepared */
	step(r.begin);
	for (i = 0; i < n; i++) {
		t0 = clock_now_ns();
		step(r.sp);
		step(r.sp_rollback);
		step(r.sp_release);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
	}
	step(r.rollback);
	stats_summarize(samples, (size_t)n, &s);
	printf("savepoint %.1f\n", s.median);

	/* a new database per test: open, schema, seed, commit, close */
	for (i = 0; i < n / 100 + 10; i++) {
		struct raw fresh;

		t0 = clock_now_ns();
		raw_open_built(&fresh, &wl);
		raw_close(&fresh, &wl);
		t1 = clock_now_ns();
		samples[i] = t1 - t0;
	}
	stats_summarize(samples, (size_t)(n / 100 + 10), &s);
	printf("pertest %.1f\n", s.median);

	free(samples);
	raw_close(&r, &wl);
	workload_fini(&wl);
	free(dir);
	return 0;
}
