/*
 * rawloop.c - the hand-written C loop dbbench's own figures are held to,
 * in a process of its own
 *
 * Straight libsqlite3, no dbbench code on the timed path (raw.h): one
 * :memory: connection with the default workload's schema and seed, every
 * statement prepared once, then begin_rollback, body, savepoint and
 * pertest (see raw.h for what each times).  The workload files are read
 * with dbbench's loader (untimed), so both sides run exactly the same
 * statements.  Prints the median of each, in nanoseconds, as "name value"
 * lines.
 *
 * With THREADS, instead: that many threads, each with its own connection,
 * run ITERATIONS tests between them (BEGIN, body, ROLLBACK, bodies in
 * turn) and the line "throughput N" gives tests per second, the raw limit
 * for dbbench's --workers.
 *
 * With --library, instead: SQLite left in the library's own configuration
 * (memory statistics as built, as an application linking it runs), and
 * the line "per_test N": the median of BEGIN; body; ROLLBACK timed as one
 * region, the bodies in turn, what dbbench's SQLite rollback per-test
 * figure is held to.
 *
 * usage: rawloop [--library] FIXTURES_DIR ITERATIONS [THREADS]
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "raw.h"
#include "workload.h"
#include "xmalloc.h"

struct thread_arg {
	const struct workload *wl;
	long tests;
	pthread_barrier_t *ready;
	int status;
	struct db_error err;
};

static void *
raw_thread(void *p)
{
	struct thread_arg *a = p;
	struct raw r;
	long i;

	a->status = raw_open(&r, a->wl, &a->err);
	pthread_barrier_wait(a->ready);
	if (a->status != DB_OK)
		return NULL;
	for (i = 0; i < a->tests && a->status == DB_OK; i++)
		a->status = raw_test(&r,
		    &a->wl->tests[(size_t)i % a->wl->n_tests], &a->err);
	raw_close(&r);
	return NULL;
}

/* Tests per second with n threads sharing the tests. */
static int
throughput(const struct workload *wl, long tests, int n, struct db_error *err)
{
	pthread_barrier_t ready;
	struct thread_arg *args;
	pthread_t *threads;
	int64_t t0;
	double seconds;
	int i, started, rc = DB_OK;

	pthread_barrier_init(&ready, NULL, (unsigned)n + 1);
	args = xcalloc((size_t)n, sizeof *args);
	threads = xcalloc((size_t)n, sizeof *threads);
	for (started = 0; started < n; started++) {
		args[started].wl = wl;
		args[started].tests = tests / n;
		args[started].ready = &ready;
		if (pthread_create(&threads[started], NULL, raw_thread,
		        &args[started]) != 0) {
			/* the barrier waits for every thread: give up */
			fprintf(stderr, "rawloop: could not start thread %d\n",
			    started + 1);
			exit(1);
		}
	}
	pthread_barrier_wait(&ready);
	t0 = clock_now_ns();
	for (i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	seconds = (double)(clock_now_ns() - t0) / 1e9;
	for (i = 0; i < n && rc == DB_OK; i++)
		if (args[i].status != DB_OK) {
			*err = args[i].err;
			rc = args[i].status;
		}
	if (rc == DB_OK)
		printf("throughput %.0f\n", (double)(tests / n * n) / seconds);
	pthread_barrier_destroy(&ready);
	free(args);
	free(threads);
	return rc;
}

/*
 * The four medians, on one connection (the per-test one on new ones),
 * printed once all are measured.
 */
static int
medians(const struct workload *wl, long n, struct db_error *err)
{
	struct raw r;
	double begin_rollback, body, savepoint, pertest;
	int rc;

	rc = raw_open(&r, wl, err);
	if (rc != DB_OK)
		return rc;
	rc = raw_begin_rollback(&r, n, &begin_rollback, err);
	if (rc == DB_OK)
		rc = raw_body(&r, wl, n, &body, err);
	if (rc == DB_OK)
		rc = raw_savepoint(&r, n, &savepoint, err);
	if (rc == DB_OK)
		rc = raw_pertest(wl, n / 100 + 10, &pertest, err);
	raw_close(&r);
	if (rc == DB_OK)
		printf("begin_rollback %.1f\nbody %.1f\nsavepoint %.1f\n"
		       "pertest %.1f\n",
		    begin_rollback, body, savepoint, pertest);
	return rc;
}

/* SQLite as the library configures itself: a whole test's median. */
static int
library_per_test(const struct workload *wl, long n, struct db_error *err)
{
	struct raw r;
	double per_test;
	int rc;

	rc = raw_open(&r, wl, err);
	if (rc != DB_OK)
		return rc;
	rc = raw_per_test(&r, wl, n, &per_test, err);
	raw_close(&r);
	if (rc == DB_OK)
		printf("per_test %.1f\n", per_test);
	return rc;
}

int
main(int argc, char **argv)
{
	struct workload wl;
	struct db_error err;
	char *dir;
	long n;
	int rc, library = 0;

	if (argc > 1 && strcmp(argv[1], "--library") == 0) {
		library = 1;
		argv++;
		argc--;
	}
	if (argc < 3 || argc > 4 || atol(argv[2]) <= 0 ||
	    (argc == 4 && (atoi(argv[3]) <= 0 || library))) {
		fprintf(stderr, "usage: rawloop [--library] FIXTURES_DIR "
				"ITERATIONS [THREADS]\n");
		return 2;
	}
	n = atol(argv[2]);
	db_error_clear(&err);
	if (workload_resolve("default", argv[1], &dir, &err) != DB_OK)
		goto fail;
	if (workload_load("default", dir, "sqlite", SQL_DIALECT_SQLITE, &wl,
	        &err) != DB_OK) {
		free(dir);
		goto fail;
	}
	if (library)
		rc = library_per_test(&wl, n, &err);
	else {
		raw_configure();
		if (argc == 4)
			rc = throughput(&wl, n, atoi(argv[3]), &err);
		else
			rc = medians(&wl, n, &err);
	}
	workload_fini(&wl);
	free(dir);
	if (rc == DB_OK)
		return 0;
fail:
	fprintf(stderr, "rawloop: %s\n", err.msg);
	return 1;
}
