/*
 * statecheck.h - which tests of a workload leave the database different
 *
 * The rule, the same for every strategy: the database is dumped (the
 * backend's snapshot op: every table's rows and every sequence's value) as
 * each test starts, after its test setup and before its body, and once
 * more after the last test (one more test setup and teardown, no body).
 * Each table and sequence of a dump is reduced to a digest (64-bit FNV-1a
 * of its rows) and a row count.  A test left the database different when
 * the dump the next test starts from differs from its own; the detail
 * names every table and sequence that changed.
 *
 * Why the next test's start rather than this test's end: per-test and
 * PostgreSQL's template have no database left after teardown, and SQLite's
 * template keeps the test's writes until the next copy replaces them.
 * What the next test starts from is exactly what a leak can reach, under
 * every strategy alike.  So a clean test is never named (two consecutive
 * starts are equal), a leaking one always is (its successor starts from
 * other content), and a leak that stays is not blamed on the tests after
 * it.
 *
 * A check has three outcomes: clean, leaked (what changed), or failed
 * under the strategy: the test's setup or body failed (a test that sends
 * its own BEGIN under rollback on SQLite), and the check carries the error,
 * since a body that stopped half-way says nothing about a clean database.
 *
 * The checks run after the measurements, each test body once in name
 * order, and nothing is timed.
 */
#ifndef DBBENCH_STATECHECK_H
#define DBBENCH_STATECHECK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "result.h"
#include "runner.h"
#include "strbuf.h"

/* One table or sequence of a dump. */
struct state_section {
	char *name;	 /* "table users", "sequence users_id_seq"; owned */
	uint64_t digest; /* FNV-1a of its rows */
	size_t rows;
	char *value;	 /* its first row, quotes dropped (a sequence's
			    value); owned */
};

struct state_digest {
	struct state_section *sections; /* in the dump's order; owned */
	size_t n;
};

void statecheck_digest(const char *dump, struct state_digest *out);
void statecheck_digest_fini(struct state_digest *d);
int statecheck_diff(const struct state_digest *before,
    const struct state_digest *after, struct strbuf *detail);
int statecheck_all(const struct run_plan *plan, struct run_result *res,
    struct db_error *err);

#endif
