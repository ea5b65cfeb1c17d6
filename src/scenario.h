/*
 * scenario.h - the isolation scenarios, as data
 *
 * A scenario is one pitfall of the fixture-strategy catalogue; its ID (PG-SEQ,
 * SQ-AUTOINC, ...) names where it was catalogued, and it runs on every
 * backend where its code means something, each with its own SQL (a
 * variant):
 *
 *   schema, seed   built by the strategy under test, as a workload's are;
 *   test 1         the steps of the first test;
 *   test 2         the steps of the test after it (NULL: none).
 *
 * A step runs one statement on the test's connection or on a peer (a second
 * connection to the same database, as another thread or process of the
 * application would open) and says what production does with it: runs it,
 * rejects it, or returns a value to compare.  "Production" is the code
 * running on its own, one statement at a time in autocommit mode unless it
 * opens a transaction itself; for SQ-TYPES it is PostgreSQL.
 *
 * validate.c runs the steps through the strategy's own phases and derives
 * the verdict from what happens.  Nothing here says what the verdict of any
 * strategy is.
 */
#ifndef DBBENCH_SCENARIO_H
#define DBBENCH_SCENARIO_H

#include <stddef.h>

#include "result.h"

enum scn_action {
	SCN_END,      /* ends a list of steps */
	SCN_RUN,      /* production runs it: it must succeed */
	SCN_REJECT,   /* production rejects it: it must fail, and the code
			 goes on (it caught the error) */
	SCN_OBSERVE,  /* a query: its first row must equal want */
	SCN_NOTIFIED, /* notifications received must number want */
	SCN_WAIT,     /* time passes: wait_ms milliseconds */
};

enum scn_on {
	SCN_TEST, /* the test's connection */
	SCN_PEER, /* a second connection to the test's database */
};

/* Step flags. */
#define SCN_IF_IDLE 0x1 /* only outside a transaction, as a driver's
			   implicit BEGIN */

struct scn_step {
	enum scn_action action;
	enum scn_on on;
	unsigned flags;	   /* SCN_IF_IDLE */
	unsigned wait_ms;  /* SCN_WAIT */
	const char *sql;
	const char *want;  /* SCN_OBSERVE, SCN_NOTIFIED: production's value */
	enum verdict bad;  /* SCN_OBSERVE, SCN_NOTIFIED: when it differs */
	const char *what;  /* SCN_OBSERVE, SCN_NOTIFIED: what the value is;
			      SCN_REJECT: why production rejects it */
};

/* Where a SQLite variant's database lives (PostgreSQL: always the target). */
enum scn_db {
	SCN_DB_TARGET,	     /* the run's target: :memory: or --sqlite-path */
	SCN_DB_FILE,	     /* a new file in the temp folder */
	SCN_DB_SHARED_CACHE, /* a named shared-cache memory database */
};

struct scn_variant {
	const char *backend; /* "sqlite", "postgres", "mysql"; NULL ends */
	enum scn_db db;
	const char *schema;
	const char *seed;	       /* NULL: none */
	const struct scn_step *test1;
	const struct scn_step *test2; /* NULL: test 1 decides alone */
};

struct scenario {
	const char *id;		/* "PG-SEQ" */
	const char *title;	/* what leaks or passes falsely, one line */
	const char *mitigation; /* what a suite can do about it */
	const char *na;		/* why it does not apply where it has no
				   variant */
	const struct scn_variant *variants;
};

const struct scenario *const *scenario_all(size_t *n);
const struct scenario *scenario_find(const char *id);
const struct scn_variant *scenario_variant(const struct scenario *sc,
    const char *backend);

#endif
