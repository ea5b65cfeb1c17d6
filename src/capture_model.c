/*
 * capture_model.c - from the statements a suite ran to a workload
 *
 * The rules (doc/capture.md says the same for users):
 *
 * - Order: statements are taken in the order they started, across
 *   processes by their start time, within a process by its own count.
 * - Which test: the runner's name (PYTEST_CURRENT_TEST, with its phase, or
 *   DBBENCH_TEST), else the last marker statement SELECT 'dbbench:test
 *   NAME' the process ran (the marker itself is dropped).
 * - Schema and seed: what ran before the first test body, outside any
 *   test's call phase, in the process of that body or in a process that
 *   runs no test body (a migration run first; with a PostgreSQL log a
 *   "process" is a session): its DDL is the schema, its
 *   data writes (INSERT, UPDATE, DELETE, REPLACE) the seed; the rest of it
 *   (transaction control, reads, PRAGMAs) is the fixture's and dropped.
 * - Every other statement outside a call phase is the fixture's (a setup
 *   or teardown phase, another worker's own schema build) and dropped.
 * - A test's body keeps its statements in order, transaction control
 *   included, except a transaction the body opens and never commits (the
 *   driver's BEGIN before a write, ended by ROLLBACK or left to the
 *   fixture's teardown): its BEGIN and ROLLBACK are dropped, since nothing
 *   of it outlives the test in the captured run, and the strategies undo
 *   a test themselves.  A transaction the body commits is kept whole: a
 *   test that commits is what the state checks must find.  A ROLLBACK of
 *   a transaction the body did not open (the fixture's) is dropped when it
 *   is the body's last statement (nothing of the test runs after it); one
 *   with statements after it is kept, and the state checks will see it.
 * - A statement that failed in the captured run is marked expect-error.
 * - Tests with no statement of their own are counted and left out; bodies
 *   equal statement for statement are kept once, with a weight.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "capture.h"
#include "strbuf.h"
#include "xmalloc.h"

enum stmt_kind { KIND_OTHER, KIND_DDL, KIND_WRITE, KIND_BEGIN, KIND_COMMIT,
	KIND_ROLLBACK };

/* The first word of sql, past blanks and comments, into word. */
static void
first_word(const char *sql, char *word, size_t size)
{
	const char *p = sql;
	size_t n = 0;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p = strchr(p, '\n');
			if (p == NULL)
				p = "";
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			p = p != NULL ? p + 2 : "";
			continue;
		}
		break;
	}
	while (isalpha((unsigned char)*p) && n + 1 < size)
		word[n++] = (char)toupper((unsigned char)*p++);
	word[n] = '\0';
}

static enum stmt_kind
classify(const char *sql)
{
	char w[16], rest[16];
	const char *p;

	first_word(sql, w, sizeof w);
	if (strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0 ||
	    strcmp(w, "ALTER") == 0) {
		/* a database, role or the server's settings: not a schema */
		p = strcasestr(sql, w) + strlen(w);
		first_word(p, rest, sizeof rest);
		if (strcmp(rest, "DATABASE") == 0 || strcmp(rest, "ROLE") == 0 ||
		    strcmp(rest, "USER") == 0 || strcmp(rest, "SYSTEM") == 0 ||
		    strcmp(rest, "TABLESPACE") == 0)
			return KIND_OTHER;
		return KIND_DDL;
	}
	if (strcmp(w, "INSERT") == 0 || strcmp(w, "UPDATE") == 0 ||
	    strcmp(w, "DELETE") == 0 || strcmp(w, "REPLACE") == 0)
		return KIND_WRITE;
	if (strcmp(w, "BEGIN") == 0 || strcmp(w, "START") == 0)
		return KIND_BEGIN;
	if (strcmp(w, "COMMIT") == 0 || strcmp(w, "END") == 0)
		return KIND_COMMIT;
	if (strcmp(w, "ROLLBACK") == 0 || strcmp(w, "ABORT") == 0) {
		/* ROLLBACK [TRANSACTION] TO [SAVEPOINT] x is not the end */
		p = strcasestr(sql, w) + strlen(w);
		first_word(p, rest, sizeof rest);
		if (strcmp(rest, "TRANSACTION") == 0 ||
		    strcmp(rest, "WORK") == 0) {
			p = strcasestr(p, rest) + strlen(rest);
			first_word(p, rest, sizeof rest);
		}
		return strcmp(rest, "TO") == 0 ? KIND_OTHER : KIND_ROLLBACK;
	}
	return KIND_OTHER;
}

/* NAME when sql is the marker SELECT 'dbbench:test NAME', else NULL. */
static char *
marker_name(const char *sql)
{
	static const char prefix[] = "'dbbench:test ";
	const char *p = sql, *q, *end;
	char w[16];

	first_word(sql, w, sizeof w);
	if (strcmp(w, "SELECT") != 0)
		return NULL;
	p = strcasestr(p, "SELECT") + 6;
	while (isspace((unsigned char)*p))
		p++;
	if (strncmp(p, prefix, sizeof prefix - 1) != 0)
		return NULL;
	q = p + sizeof prefix - 1;
	end = strchr(q, '\'');
	if (end == NULL || end == q)
		return NULL;
	for (p = end + 1; *p != '\0'; p++)
		if (!isspace((unsigned char)*p) && *p != ';')
			return NULL;
	return xstrndup(q, (size_t)(end - q));
}

static int
by_start(const void *a, const void *b)
{
	const struct capture_stmt *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	if (x->process != y->process)
		return x->process < y->process ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return 0;
}

static void
push(char ***list, size_t *n, char *s)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = s;
}

static void
drop(struct capture_workload *wl, const struct capture_stmt *st,
    const char *why)
{
	struct capture_drop *d;

	wl->drops = xreallocarray(wl->drops, wl->n_drops + 1,
	    sizeof *wl->drops);
	d = &wl->drops[wl->n_drops++];
	d->sql = xstrdup(st->sql);
	d->test = xstrdup(st->test);
	d->why = why;
}

/* The statement as written to a file: marked when it failed. */
static char *
written(const struct capture_stmt *st)
{
	if (st->failed)
		return xasprintf("-- dbbench: expect-error\n%s", st->sql);
	return xstrdup(st->sql);
}

/* Markers: name the statements of processes that name no test. */
static void
apply_markers(struct capture_log *log, struct capture_workload *wl)
{
	char **current = NULL, *name;
	size_t i, n_proc = 0;
	struct capture_stmt *st;

	for (i = 0; i < log->n; i++)
		if (log->stmts[i].process >= n_proc)
			n_proc = log->stmts[i].process + 1;
	current = xcalloc(n_proc > 0 ? n_proc : 1, sizeof *current);
	for (i = 0; i < log->n; i++) {
		st = &log->stmts[i];
		name = marker_name(st->sql);
		if (name != NULL) {
			free(current[st->process]);
			current[st->process] = name;
			drop(wl, st, "a marker statement naming the test");
			st->phase = PHASE_NONE;
			free(st->test);
			st->test = xstrdup(name);
			st->marker = 1;
			continue;
		}
		if (st->test[0] == '\0' && current[st->process] != NULL) {
			free(st->test);
			st->test = xstrdup(current[st->process]);
			st->phase = PHASE_CALL;
		}
	}
	for (i = 0; i < n_proc; i++)
		free(current[i]);
	free(current);
}

/* The fixture's work before the first body: schema, seed or dropped. */
static void
take_fixture(const struct capture_stmt *st, struct capture_workload *wl)
{
	enum stmt_kind k = classify(st->sql);

	if (st->failed)
		drop(wl, st, "failed in the fixture before the first test");
	else if (k == KIND_DDL)
		push(&wl->schema, &wl->n_schema, xstrdup(st->sql));
	else if (k == KIND_WRITE)
		push(&wl->seed, &wl->n_seed, xstrdup(st->sql));
	else
		drop(wl, st, "the fixture's own (transaction control, a read "
			     "or a setting) before the first test");
}

/* Which names the run saw; a test is counted once however it was seen. */
static void
count_tests(const struct capture_log *log, struct capture_workload *wl)
{
	char **seen = NULL;
	size_t i, j, n = 0;

	for (i = 0; i < log->n; i++) {
		if (log->stmts[i].test[0] == '\0')
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(seen[j], log->stmts[i].test) == 0)
				break;
		if (j == n)
			push(&seen, &n, log->stmts[i].test);
	}
	wl->tests_seen = n;
	free(seen);
}

/* A test's body as it ran: the call-phase statements, in order. */
struct body {
	char *name;
	const struct capture_stmt **s;
	size_t n;
};

/*
 * Drop the transactions a body opens and never commits (see the top of
 * this file); keep[] says which statements stay.
 */
static void
drop_uncommitted(const struct body *b, int *keep, struct capture_workload *wl)
{
	static const char why[] = "the test's own transaction, never "
				  "committed (the driver's BEGIN and its "
				  "ROLLBACK): the strategy undoes the test";
	static const char why_last[] = "a ROLLBACK of the fixture's "
				       "transaction as the test's last "
				       "statement (a rollback recipe after a "
				       "failed flush): the strategy ends the "
				       "test itself";
	enum stmt_kind k;
	long open = -1;
	size_t j;

	for (j = 0; j < b->n; j++) {
		keep[j] = 1;
		k = classify(b->s[j]->sql);
		if (b->s[j]->failed)
			continue;
		if (k == KIND_BEGIN && open < 0)
			open = (long)j;
		else if (k == KIND_COMMIT)
			open = -1;
		else if (k == KIND_ROLLBACK && open >= 0) {
			keep[open] = keep[j] = 0;
			drop(wl, b->s[open], why);
			drop(wl, b->s[j], why);
			open = -1;
		} else if (k == KIND_ROLLBACK && j + 1 == b->n) {
			keep[j] = 0;
			drop(wl, b->s[j], why_last);
		}
	}
	if (open >= 0) {
		keep[open] = 0;
		drop(wl, b->s[open], why);
	}
}

static int
same_body(const struct capture_test *a, const struct capture_test *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->stmts[i], b->stmts[i]) != 0)
			return 0;
	return 1;
}

/* Turn a body into a test of wl, or fold it into an equal earlier one. */
static void
add_test(const struct body *b, struct capture_workload *wl)
{
	struct capture_test t;
	int *keep;
	size_t j;

	memset(&t, 0, sizeof t);
	keep = xcalloc(b->n, sizeof *keep);
	drop_uncommitted(b, keep, wl);
	for (j = 0; j < b->n; j++) {
		if (!keep[j])
			continue;
		if (b->s[j]->failed)
			wl->expected_errors++;
		push(&t.stmts, &t.n, written(b->s[j]));
	}
	free(keep);
	if (t.n == 0) {
		wl->tests_empty++;
		free(t.stmts);
		return;
	}
	t.weight = 1;
	for (j = 0; j < wl->n_tests; j++)
		if (same_body(&wl->tests[j], &t)) {
			wl->tests[j].weight++;
			wl->duplicates++;
			for (j = 0; j < t.n; j++)
				free(t.stmts[j]);
			free(t.stmts);
			return;
		}
	t.name = xstrdup(b->name);
	wl->tests = xreallocarray(wl->tests, wl->n_tests + 1,
	    sizeof *wl->tests);
	wl->tests[wl->n_tests++] = t;
}

static const char *
why_dropped(const struct capture_stmt *st)
{
	if (st->phase == PHASE_SETUP)
		return "a fixture's setup phase (the first test's, after the "
		       "schema and seed, or a later one's)";
	if (st->phase == PHASE_TEARDOWN)
		return "a fixture's teardown phase";
	return "outside any test";
}

/* Group the call-phase statements into bodies, in their first order. */
static size_t
collect_bodies(const struct capture_log *log, struct body **out)
{
	struct body *bodies = NULL, *b;
	const struct capture_stmt *st;
	size_t i, j, n = 0;

	for (i = 0; i < log->n; i++) {
		st = &log->stmts[i];
		if (st->marker || st->phase != PHASE_CALL)
			continue;
		for (j = n; j > 0; j--)
			if (strcmp(bodies[j - 1].name, st->test) == 0)
				break;
		if (j == 0) {
			bodies = xreallocarray(bodies, n + 1, sizeof *bodies);
			b = &bodies[n++];
			b->name = st->test;
			b->s = NULL;
			b->n = 0;
		} else {
			b = &bodies[j - 1];
		}
		b->s = xreallocarray(b->s, b->n + 1, sizeof *b->s);
		b->s[b->n++] = st;
	}
	*out = bodies;
	return n;
}

void
capture_model_build(struct capture_log *log, struct capture_workload *wl)
{
	const struct capture_stmt *st;
	struct body *bodies;
	size_t i, first, n_bodies;
	char *has_body;

	memset(wl, 0, sizeof *wl);
	if (log->n > 0)
		qsort(log->stmts, log->n, sizeof *log->stmts, by_start);
	apply_markers(log, wl);
	count_tests(log, wl);
	for (first = 0; first < log->n; first++)
		if (log->stmts[first].phase == PHASE_CALL &&
		    !log->stmts[first].marker)
			break;
	has_body = xcalloc(log->n + 1, sizeof *has_body);
	for (i = 0; i < log->n; i++)
		if (log->stmts[i].phase == PHASE_CALL && !log->stmts[i].marker &&
		    log->stmts[i].process < log->n)
			has_body[log->stmts[i].process] = 1;
	for (i = 0; i < log->n; i++) {
		st = &log->stmts[i];
		if (st->marker || st->phase == PHASE_CALL)
			continue;
		if (first < log->n && i < first &&
		    (st->process == log->stmts[first].process ||
			(st->process < log->n && !has_body[st->process])))
			take_fixture(st, wl);
		else
			drop(wl, st, why_dropped(st));
	}
	free(has_body);
	n_bodies = collect_bodies(log, &bodies);
	for (i = 0; i < n_bodies; i++) {
		add_test(&bodies[i], wl);
		free(bodies[i].s);
	}
	free(bodies);
	if (wl->tests_seen > n_bodies)
		wl->tests_empty += wl->tests_seen - n_bodies;
}

void
capture_workload_fini(struct capture_workload *wl)
{
	size_t i, j;

	for (i = 0; i < wl->n_schema; i++)
		free(wl->schema[i]);
	for (i = 0; i < wl->n_seed; i++)
		free(wl->seed[i]);
	free(wl->schema);
	free(wl->seed);
	for (i = 0; i < wl->n_tests; i++) {
		for (j = 0; j < wl->tests[i].n; j++)
			free(wl->tests[i].stmts[j]);
		free(wl->tests[i].stmts);
		free(wl->tests[i].name);
	}
	free(wl->tests);
	for (i = 0; i < wl->n_drops; i++) {
		free(wl->drops[i].sql);
		free(wl->drops[i].test);
	}
	free(wl->drops);
	memset(wl, 0, sizeof *wl);
}
