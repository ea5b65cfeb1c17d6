/*
 * scenario.c - the catalogue of isolation scenarios
 *
 * Each entry is the SQL of one pitfall of the fixture-strategy catalogue,
 * per backend (see scenario.h for what a step means).  The steps are the
 * code under test; the strategy under test supplies everything around
 * them.  Adding a scenario is one entry in scenarios[] below; doc/isolation.md
 * says what each one shows.
 */
#include "config.h"

#include <string.h>

#include "scenario.h"

/* Steps, as a list ending in SCN_END. */
#define STEPS(...) ((const struct scn_step[]){ __VA_ARGS__, { SCN_END } })
#define RUN(q) { .action = SCN_RUN, .sql = (q) }
#define RUN_IF_IDLE(q) { .action = SCN_RUN, .flags = SCN_IF_IDLE, .sql = (q) }
#define REJECT(q, why) { .action = SCN_REJECT, .sql = (q), .what = (why) }
#define OBSERVE(q, w, v, label)                                              \
	{                                                                    \
		.action = SCN_OBSERVE, .sql = (q), .want = (w), .bad = (v),  \
		.what = (label)                                              \
	}
#define PEER_RUN(q) { .action = SCN_RUN, .on = SCN_PEER, .sql = (q) }
#define PEER_OBSERVE(q, w, v, label)                                         \
	{                                                                    \
		.action = SCN_OBSERVE, .on = SCN_PEER, .sql = (q),           \
		.want = (w), .bad = (v), .what = (label)                     \
	}
#define PEER_NOTIFIED(w, v, label)                                           \
	{                                                                    \
		.action = SCN_NOTIFIED, .on = SCN_PEER, .want = (w),         \
		.bad = (v), .what = (label)                                  \
	}
#define WAIT(ms) { .action = SCN_WAIT, .wait_ms = (ms) }
#define VARIANTS(...)                                                        \
	((const struct scn_variant[]){ __VA_ARGS__, { NULL } })

/* Schemas and statements several scenarios share. */
#define PG_SERIAL "CREATE TABLE t (id serial PRIMARY KEY, v text NOT NULL)"
#define SQ_SERIAL                                                            \
	"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT "  \
	"NULL)"
#define KEYED "CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL)"
#define MY_SERIAL                                                            \
	"CREATE TABLE t (id integer AUTO_INCREMENT PRIMARY KEY, v "           \
	"varchar(20) NOT NULL) ENGINE = InnoDB"
#define MY_KEYED                                                             \
	"CREATE TABLE t (id integer PRIMARY KEY, v varchar(20) NOT NULL) "    \
	"ENGINE = InnoDB"
#define KEYED_SEED "INSERT INTO t VALUES (1, 'seed')"
#define NEXT_ID                                                              \
	OBSERVE("INSERT INTO t (v) VALUES ('next') RETURNING id", "1",        \
	    VERDICT_LEAK, "id of the next test's first row")
#define ROWS_NEXT(n)                                                         \
	OBSERVE("SELECT count(*) FROM t", (n), VERDICT_LEAK,                  \
	    "rows the next test sees")
#define PARENT_CHILD(fk)                                                     \
	"CREATE TABLE parent (id integer PRIMARY KEY); CREATE TABLE child "  \
	"(id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES "    \
	"parent (id)" fk ")"

static const struct scenario pg_seq = {
	.id = "PG-SEQ",
	.title = "nextval() is never rolled back: generated ids move on from "
		 "test to test",
	.mitigation = "do not assert on generated ids, or restart the "
		      "sequences after each test (TRUNCATE ... RESTART "
		      "IDENTITY, ALTER SEQUENCE ... RESTART), or start them "
		      "at random values so id-dependent tests fail at once",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = PG_SERIAL,
		.test1 = STEPS(RUN("INSERT INTO t (v) VALUES ('first')")),
		.test2 = STEPS(NEXT_ID) },
	    { .backend = "sqlite", .schema = SQ_SERIAL,
		.test1 = STEPS(RUN("INSERT INTO t (v) VALUES ('first')")),
		.test2 = STEPS(NEXT_ID) }),
};

static const struct scenario pg_setval = {
	.id = "PG-SETVAL",
	.title = "setval() survives ROLLBACK: a test that sets a sequence "
		 "moves it for every later test",
	.mitigation = "restart the sequences after each test, or let every "
		      "test set the sequences it relies on",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = PG_SERIAL,
		.test1 = STEPS(RUN("SELECT setval('t_id_seq', 1000)")),
		.test2 = STEPS(NEXT_ID) },
	    { .backend = "sqlite", .schema = SQ_SERIAL,
		.test1 = STEPS(RUN("INSERT INTO sqlite_sequence (name, seq) "
				   "VALUES ('t', 1000)")),
		.test2 = STEPS(NEXT_ID) }),
};

#define IDALIGN_TEST1                                                        \
	STEPS(RUN("INSERT INTO users (name) VALUES ('ann'), ('bob')"),        \
	    RUN("INSERT INTO orders (user_id) SELECT id FROM users WHERE "   \
		"name = 'ann'"))
#define IDALIGN_TEST2                                                        \
	STEPS(RUN("INSERT INTO users (name) VALUES ('cat')"),                 \
	    RUN("INSERT INTO orders (user_id) SELECT id FROM users WHERE "   \
		"name = 'cat'"),                                             \
	    OBSERVE("SELECT count(*) FROM users u JOIN orders o ON o.id = "  \
		    "u.id WHERE u.name = 'cat'",                             \
		"0", VERDICT_FALSE_PASS,                                     \
		"orders a join on the wrong column (o.id = u.id) finds for " \
		"cat"))

static const struct scenario pg_idalign = {
	.id = "PG-IDALIGN",
	.title = "identities that all start at 1 line up across tables, so "
		 "a join on the wrong column finds the right row",
	.mitigation = "start each table's identity at a different value "
		      "after every restart (ALTER SEQUENCE orders_id_seq "
		      "RESTART WITH 1000, or randomised starts) so a wrong "
		      "join finds nothing",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = "CREATE TABLE users (id serial PRIMARY KEY, name "
			  "text NOT NULL); CREATE TABLE orders (id serial "
			  "PRIMARY KEY, user_id integer NOT NULL REFERENCES "
			  "users (id))",
		.test1 = IDALIGN_TEST1, .test2 = IDALIGN_TEST2 },
	    { .backend = "sqlite",
		.schema = "CREATE TABLE users (id INTEGER PRIMARY KEY "
			  "AUTOINCREMENT, name TEXT NOT NULL); CREATE TABLE "
			  "orders (id INTEGER PRIMARY KEY AUTOINCREMENT, "
			  "user_id INTEGER NOT NULL REFERENCES users (id))",
		.test1 = IDALIGN_TEST1, .test2 = IDALIGN_TEST2 },
	    { .backend = "mysql",
		.schema = "CREATE TABLE users (id integer AUTO_INCREMENT "
			  "PRIMARY KEY, name varchar(20) NOT NULL); CREATE "
			  "TABLE orders (id integer AUTO_INCREMENT PRIMARY KEY, "
			  "user_id integer NOT NULL REFERENCES users (id))",
		.test1 = IDALIGN_TEST1, .test2 = IDALIGN_TEST2 }),
};

/* A driver's implicit BEGIN, the code's INSERT and its commit. */
#define COMMIT_TEST1                                                         \
	STEPS(RUN_IF_IDLE("BEGIN"),                                          \
	    RUN("INSERT INTO t (v) VALUES ('committed')"), RUN("COMMIT"))

static const struct scenario pg_commit = {
	.id = "PG-COMMIT",
	.title = "code that commits ends the test's transaction: its rows "
		 "stay for every later test",
	.mitigation = "route the application's commits through the fixture "
		      "(a savepoint release, as SQLAlchemy's "
		      "join_transaction_mode and Django's atomic do), or use "
		      "a strategy that commits and cleans up (truncate, "
		      "delete, per-test, template)",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = PG_SERIAL,
		.test1 = COMMIT_TEST1, .test2 = STEPS(ROWS_NEXT("0")) },
	    { .backend = "sqlite", .schema = SQ_SERIAL,
		.test1 = COMMIT_TEST1, .test2 = STEPS(ROWS_NEXT("0")) },
	    { .backend = "mysql", .schema = MY_SERIAL,
		.test1 = COMMIT_TEST1, .test2 = STEPS(ROWS_NEXT("0")) }),
};

#define NOW_WHAT "tokens still valid after they expired"

static const struct scenario pg_now = {
	.id = "PG-NOW",
	.title = "now() is frozen at the start of the test's transaction: "
		 "time does not pass inside a test",
	.mitigation = "compare with clock_timestamp() where the wall clock "
		      "matters, or inject the clock; test time-dependent "
		      "code under a strategy that commits",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = "CREATE TABLE token (id integer PRIMARY KEY, "
			  "expires_at timestamptz NOT NULL)",
		.test1 = STEPS(RUN("INSERT INTO token VALUES (1, now())"),
		    WAIT(3),
		    OBSERVE("SELECT count(*) FROM token WHERE expires_at >= "
			    "now()",
			"0", VERDICT_FALSE_PASS, NOW_WHAT)) },
	    { .backend = "sqlite",
		.schema = "CREATE TABLE token (id INTEGER PRIMARY KEY, "
			  "expires_at TEXT NOT NULL)",
		.test1 = STEPS(RUN("INSERT INTO token VALUES (1, "
				   "strftime('%Y-%m-%d %H:%M:%f', 'now'))"),
		    WAIT(3),
		    OBSERVE("SELECT count(*) FROM token WHERE expires_at >= "
			    "strftime('%Y-%m-%d %H:%M:%f', 'now')",
			"0", VERDICT_FALSE_PASS, NOW_WHAT)) },
	    { .backend = "mysql",
		.schema = "CREATE TABLE token (id integer PRIMARY KEY, "
			  "expires_at datetime(6) NOT NULL)",
		.test1 = STEPS(RUN("INSERT INTO token VALUES (1, NOW(6))"),
		    WAIT(3),
		    OBSERVE("SELECT count(*) FROM token WHERE expires_at >= "
			    "NOW(6)",
			"0", VERDICT_FALSE_PASS, NOW_WHAT)) }),
};

#define DEFER_TEST1                                                          \
	STEPS(REJECT("INSERT INTO child VALUES (1, 999)",                     \
	    "production checks the deferred foreign key at COMMIT"))

static const struct scenario pg_defer = {
	.id = "PG-DEFER",
	.title = "deferred constraints are checked at a COMMIT that never "
		 "comes: a violation passes",
	.mitigation = "run SET CONSTRAINTS ALL IMMEDIATE before the "
		      "rollback (Django's TestCase checks constraints at "
		      "teardown), or use a strategy that commits",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = PARENT_CHILD(" DEFERRABLE INITIALLY DEFERRED"),
		.seed = "INSERT INTO parent VALUES (1)", .test1 = DEFER_TEST1 },
	    { .backend = "sqlite",
		.schema = PARENT_CHILD(" DEFERRABLE INITIALLY DEFERRED"),
		.seed = "INSERT INTO parent VALUES (1)",
		.test1 = DEFER_TEST1 }),
};

static const struct scenario pg_ctrig = {
	.id = "PG-CTRIG",
	.title = "deferred constraint triggers (audit, outbox) never fire "
		 "inside the test",
	.mitigation = "SET CONSTRAINTS ALL IMMEDIATE in the test before "
		      "asserting on what the trigger writes, or use a "
		      "strategy that commits",
	.na = "PostgreSQL only: SQLite has no deferred triggers",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = "CREATE TABLE item (id integer PRIMARY KEY); "
			  "CREATE TABLE audit (item_id integer NOT NULL); "
			  "CREATE FUNCTION audit_item() RETURNS trigger "
			  "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit "
			  "VALUES (NEW.id); RETURN NULL; END $$; "
			  "CREATE CONSTRAINT TRIGGER item_audit AFTER INSERT "
			  "ON item DEFERRABLE INITIALLY DEFERRED FOR EACH "
			  "ROW EXECUTE FUNCTION audit_item()",
		.test1 = STEPS(RUN("INSERT INTO item VALUES (1)"),
		    OBSERVE("SELECT count(*) FROM audit", "1",
			VERDICT_FALSE_PASS,
			"audit rows the deferred trigger wrote")) }),
};

static const struct scenario pg_notify = {
	.id = "PG-NOTIFY",
	.title = "NOTIFY in a transaction that rolls back is never "
		 "delivered: listeners are never exercised",
	.mitigation = "capture notifications in the application layer "
		      "for assertions, and test listeners under a strategy "
		      "that commits",
	.na = "PostgreSQL only: SQLite has no LISTEN/NOTIFY",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED,
		.test1 = STEPS(PEER_RUN("LISTEN dbbench_scenario"),
		    RUN("NOTIFY dbbench_scenario, 'x'"),
		    PEER_NOTIFIED("1", VERDICT_FALSE_PASS,
			"notifications a listener received")) }),
};

static const struct scenario pg_advlock = {
	.id = "PG-ADVLOCK",
	.title = "session-level advisory locks survive ROLLBACK and stay "
		 "with the connection",
	.mitigation = "take pg_advisory_xact_lock() instead of "
		      "pg_advisory_lock(), or run SELECT "
		      "pg_advisory_unlock_all() after each test",
	.na = "PostgreSQL only: SQLite has no advisory locks",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED,
		.test1 = STEPS(RUN("SELECT pg_advisory_lock(hashtext("
				   "'dbbench PG-ADVLOCK'))")),
		.test2 = STEPS(OBSERVE("SELECT count(*) FROM pg_locks WHERE "
				       "locktype = 'advisory' AND pid = "
				       "pg_backend_pid()",
		    "0", VERDICT_LEAK,
		    "advisory locks the next test's session holds")) }),
};

#define SESSION_WHAT "session state the next test inherits"

static const struct scenario pg_session = {
	.id = "PG-SESSION",
	.title = "session state (prepared statements, SET, temp tables) "
		 "outlives the test on a connection that stays",
	.mitigation = "run DISCARD ALL after each test on PostgreSQL, use "
		      "SET LOCAL and ON COMMIT DROP temp tables, or give "
		      "each test a new connection",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED,
		.test1 = STEPS(RUN("PREPARE dbbench_q AS SELECT 1"),
		    RUN("SET application_name = 'dbbench_leak'"),
		    RUN("CREATE TEMP TABLE dbbench_tmp (x integer)")),
		.test2 = STEPS(OBSERVE(
		    "SELECT concat_ws(', ', CASE WHEN EXISTS (SELECT 1 FROM "
		    "pg_prepared_statements WHERE name = 'dbbench_q') THEN "
		    "'prepared statement dbbench_q' END, CASE WHEN "
		    "current_setting('application_name') = 'dbbench_leak' "
		    "THEN 'SET application_name' END, CASE WHEN "
		    "to_regclass('pg_temp.dbbench_tmp') IS NOT NULL THEN "
		    "'temp table dbbench_tmp' END)",
		    "", VERDICT_LEAK, SESSION_WHAT)) },
	    { .backend = "sqlite", .schema = KEYED,
		.test1 = STEPS(RUN("CREATE TEMP TABLE dbbench_tmp (x)")),
		.test2 = STEPS(OBSERVE(
		    "SELECT CASE WHEN count(*) > 0 THEN 'temp table "
		    "dbbench_tmp' ELSE '' END FROM sqlite_temp_schema WHERE "
		    "name = 'dbbench_tmp'",
		    "", VERDICT_LEAK, SESSION_WHAT)) },
	    { .backend = "mysql", .schema = MY_KEYED,
		.test1 = STEPS(RUN("SET @dbbench_leak = 1"),
		    RUN("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, "
			"',ANSI_QUOTES')")),
		.test2 = STEPS(OBSERVE(
		    "SELECT CONCAT_WS(', ', IF(@dbbench_leak IS NULL, NULL, "
		    "'user variable @dbbench_leak'), IF(@@SESSION.sql_mode "
		    "LIKE '%ANSI_QUOTES%', 'SET sql_mode', NULL))",
		    "", VERDICT_LEAK, SESSION_WHAT)) }),
};

#define ABORT_TEST1                                                          \
	STEPS(REJECT("INSERT INTO t VALUES (1, 'again')",                     \
		  "production rejects the duplicate key"),                   \
	    RUN("INSERT INTO t VALUES (2, 'after the error')"))

static const struct scenario pg_abort = {
	.id = "PG-ABORT",
	.title = "after an error the whole transaction is aborted: code that "
		 "catches the error and goes on fails",
	.mitigation = "wrap statements that may fail in a savepoint (as "
		      "Django's atomic() does), or test such code under a "
		      "strategy that does not wrap the test",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = ABORT_TEST1 },
	    { .backend = "sqlite", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = ABORT_TEST1 },
	    { .backend = "mysql", .schema = MY_KEYED, .seed = KEYED_SEED,
		.test1 = ABORT_TEST1 }),
};

static const struct scenario pg_iso = {
	.id = "PG-ISO",
	.title = "the code cannot choose its isolation level inside the "
		 "test's transaction",
	.mitigation = "test code that sets its isolation level under a "
		      "strategy that does not wrap the test (truncate, "
		      "delete, per-test, template)",
	.na = "PostgreSQL only: SQLite has no SET TRANSACTION",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(RUN("SELECT count(*) FROM t"),
		    RUN_IF_IDLE("BEGIN"),
		    RUN("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"),
		    RUN("SELECT count(*) FROM t"), RUN("COMMIT")) }),
};

static const struct scenario pg_nontx = {
	.id = "PG-NONTX",
	.title = "commands that cannot run in a transaction block fail; "
		 "where they run, their schema changes outlive the test",
	.mitigation = "keep CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD "
		      "VALUE and VACUUM in migrations, and test them against "
		      "a per-test or template database",
	.na = "PostgreSQL only (SQLite's VACUUM is SQ-PRAGMA-TX)",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = "CREATE TABLE t (x integer); CREATE TYPE mood AS "
			  "ENUM ('sad')",
		/* the timeout: CREATE INDEX CONCURRENTLY waits for other
		 * sessions' transactions in a database dbbench shares */
		.test1 = STEPS(RUN("SET lock_timeout = '10s'"),
		    RUN("CREATE INDEX CONCURRENTLY t_x_idx ON t (x)"),
		    RUN("ALTER TYPE mood ADD VALUE 'happy'"),
		    RUN("SELECT 'happy'::mood")),
		.test2 = STEPS(OBSERVE(
		    "SELECT concat_ws(', ', CASE WHEN EXISTS (SELECT 1 FROM "
		    "pg_indexes WHERE schemaname = current_schema() AND "
		    "indexname = 't_x_idx') THEN 'index t_x_idx' END, CASE "
		    "WHEN EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = "
		    "'mood'::regtype AND enumlabel = 'happy') THEN 'enum "
		    "value happy' END)",
		    "", VERDICT_LEAK,
		    "schema changes the next test inherits")) }),
};

static const struct scenario pg_vis = {
	.id = "PG-VIS",
	.title = "a second connection cannot see the test's uncommitted "
		 "rows",
	.mitigation = "give the code under test the test's connection "
		      "(Rails' shared connection, SQLAlchemy's StaticPool), "
		      "or use a strategy that commits",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (2, 'new')"),
		    PEER_OBSERVE("SELECT count(*) FROM t", "2", VERDICT_ERROR,
			"rows a second connection sees")) },
	    { .backend = "sqlite", .db = SCN_DB_FILE, .schema = KEYED,
		.seed = KEYED_SEED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (2, 'new')"),
		    PEER_OBSERVE("SELECT count(*) FROM t", "2", VERDICT_ERROR,
			"rows a second connection sees")) },
	    { .backend = "mysql", .schema = MY_KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (2, 'new')"),
		    PEER_OBSERVE("SELECT count(*) FROM t", "2", VERDICT_ERROR,
			"rows a second connection sees")) }),
};

static const struct scenario pg_spnest = {
	.id = "PG-SPNEST",
	.title = "a SAVEPOINT needs an enclosing transaction: code that "
		 "uses savepoints without BEGIN works only inside the "
		 "test's",
	.mitigation = "open the transaction in the code under test, and "
		      "test it under a strategy that does not wrap the test",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED,
		.test1 = STEPS(REJECT("SAVEPOINT sp",
				   "outside a transaction PostgreSQL rejects "
				   "SAVEPOINT"),
		    RUN("INSERT INTO t VALUES (1, 'x')"),
		    REJECT("RELEASE SAVEPOINT sp",
			"outside a transaction PostgreSQL rejects RELEASE")),
		.test2 = STEPS(ROWS_NEXT("0")) },
	    { .backend = "sqlite", .schema = KEYED,
		.test1 = STEPS(RUN("SAVEPOINT sp"),
		    RUN("INSERT INTO t VALUES (1, 'x')"),
		    RUN("RELEASE SAVEPOINT sp")),
		.test2 = STEPS(ROWS_NEXT("0")) }),
};

static const struct scenario pg_thread = {
	.id = "PG-THREAD",
	.title = "work done on another connection commits for real: the "
		 "test's rollback does not undo it",
	.mitigation = "give the other thread the test's connection, or use "
		      "a strategy that empties the tables (truncate, delete) "
		      "or starts from a fresh database (per-test, template)",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(PEER_RUN("INSERT INTO t VALUES (2, 'from "
					"another connection')")),
		.test2 = STEPS(ROWS_NEXT("1")) },
	    { .backend = "sqlite", .db = SCN_DB_FILE, .schema = KEYED,
		.seed = KEYED_SEED,
		.test1 = STEPS(PEER_RUN("INSERT INTO t VALUES (2, 'from "
					"another connection')")),
		.test2 = STEPS(ROWS_NEXT("1")) },
	    { .backend = "mysql", .schema = MY_KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(PEER_RUN("INSERT INTO t VALUES (2, 'from "
					"a worker')")),
		.test2 = STEPS(ROWS_NEXT("1")) }),
};

static const struct scenario sq_autoinc = {
	.id = "SQ-AUTOINC",
	.title = "AUTOINCREMENT counters live in sqlite_sequence: undone by "
		 "ROLLBACK, but not by DELETE FROM the table",
	.mitigation = "clear sqlite_sequence with the tables' rows (dbbench's "
		      "truncate and delete do), or do not assert on ids",
	.na = "SQLite only (PostgreSQL's identities are PG-SEQ)",
	.variants = VARIANTS(
	    { .backend = "sqlite",
		.schema = "CREATE TABLE plain (id INTEGER PRIMARY KEY, v "
			  "TEXT); CREATE TABLE auto (id INTEGER PRIMARY KEY "
			  "AUTOINCREMENT, v TEXT)",
		.test1 = STEPS(RUN("INSERT INTO plain (v) VALUES ('a')"),
		    RUN("INSERT INTO auto (v) VALUES ('a')")),
		.test2 = STEPS(RUN("INSERT INTO plain (v) VALUES ('b')"),
		    RUN("INSERT INTO auto (v) VALUES ('b')"),
		    OBSERVE("SELECT (SELECT max(id) FROM plain) || '/' || "
			    "(SELECT max(id) FROM auto)",
			"1/1", VERDICT_LEAK,
			"ids of the next test's rows (rowid/AUTOINCREMENT)"))
	    }),
};

static const struct scenario sq_fkpragma = {
	.id = "SQ-FKPRAGMA",
	.title = "PRAGMA foreign_keys is a no-op inside a transaction, and "
		 "sticks to the connection outside one",
	.mitigation = "set PRAGMA foreign_keys when a connection opens and "
		      "never in a test, or set it back after each test",
	.na = "SQLite only: PostgreSQL always enforces foreign keys",
	.variants = VARIANTS(
	    { .backend = "sqlite", .schema = KEYED,
		.test1 = STEPS(RUN("PRAGMA foreign_keys = OFF"),
		    OBSERVE("PRAGMA foreign_keys", "0", VERDICT_ERROR,
			"foreign_keys after the test turned it off")),
		.test2 = STEPS(OBSERVE("PRAGMA foreign_keys", "1",
		    VERDICT_LEAK, "foreign_keys in the next test")) }),
};

static const struct scenario sq_defer = {
	.id = "SQ-DEFER",
	.title = "PRAGMA defer_foreign_keys defers even immediate foreign "
		 "keys to a COMMIT that never comes",
	.mitigation = "run PRAGMA foreign_key_check before the rollback, or "
		      "use a strategy that commits",
	.na = "SQLite only (PostgreSQL's deferred constraints are PG-DEFER)",
	.variants = VARIANTS(
	    { .backend = "sqlite", .schema = PARENT_CHILD(""),
		.seed = "INSERT INTO parent VALUES (1)",
		.test1 = STEPS(RUN("PRAGMA defer_foreign_keys = ON"),
		    REJECT("INSERT INTO child VALUES (1, 999)",
			"production checks the deferred foreign key at "
			"COMMIT")) }),
};

static const struct scenario sq_pragma_tx = {
	.id = "SQ-PRAGMA-TX",
	.title = "VACUUM and journal mode changes cannot run inside a "
		 "transaction",
	.mitigation = "keep VACUUM and PRAGMA journal_mode out of tests, or "
		      "test that code under a strategy that does not wrap the "
		      "test",
	.na = "SQLite only (PostgreSQL's VACUUM is PG-NONTX)",
	.variants = VARIANTS(
	    { .backend = "sqlite", .schema = KEYED, .seed = KEYED_SEED,
		.test1 = STEPS(RUN("VACUUM")) }),
};

static const struct scenario sq_mem = {
	.id = "SQ-MEM",
	.title = "every :memory: connection is a database of its own: a "
		 "second connection sees none of the test's tables",
	.mitigation = "open file:NAME?mode=memory&cache=shared (as Django "
		      "does) or file:/NAME?vfs=memdb on every connection of a "
		      "test, or share one connection (SQLAlchemy's "
		      "StaticPool)",
	.na = "SQLite only",
	.variants = VARIANTS(
	    { .backend = "sqlite", .db = SCN_DB_TARGET, .schema = KEYED,
		.seed = KEYED_SEED,
		.test1 = STEPS(PEER_OBSERVE("SELECT count(*) FROM t", "1",
		    VERDICT_ERROR,
		    "rows a second connection to the target sees")) }),
};

static const struct scenario sq_shcache = {
	.id = "SQ-SHCACHE",
	.title = "a shared cache replaces isolation with table locks: a "
		 "second connection gets SQLITE_LOCKED",
	.mitigation = "prefer file:/NAME?vfs=memdb or one shared connection "
		      "(SQLite discourages shared cache)",
	.na = "SQLite only",
	.variants = VARIANTS(
	    { .backend = "sqlite", .db = SCN_DB_SHARED_CACHE, .schema = KEYED,
		.seed = KEYED_SEED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (2, 'new')"),
		    PEER_OBSERVE("SELECT count(*) FROM t", "2", VERDICT_ERROR,
			"rows a second connection sees")) }),
};

static const struct scenario sq_multi = {
	.id = "SQ-MULTI",
	.title = "a second connection to a file cannot write while the "
		 "test's transaction is open",
	.mitigation = "give the code under test the test's connection, or "
		      "use a strategy that commits; set a busy timeout so that "
		      "waits show",
	.na = "SQLite only (PostgreSQL's is PG-VIS)",
	.variants = VARIANTS(
	    { .backend = "sqlite", .db = SCN_DB_FILE, .schema = KEYED,
		.seed = KEYED_SEED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (2, 'new')"),
		    PEER_RUN("INSERT INTO t VALUES (3, 'other')")) }),
};

#define NEST_TEST1                                                           \
	STEPS(RUN("BEGIN"), RUN("INSERT INTO t (v) VALUES ('x')"),            \
	    RUN("COMMIT"))

static const struct scenario sq_nest = {
	.id = "SQ-NEST",
	.title = "code that opens its own transaction: SQLite refuses a "
		 "nested BEGIN, PostgreSQL warns and its COMMIT ends the "
		 "test's transaction",
	.mitigation = "let the code use savepoints (the framework's atomic "
		      "blocks) instead of BEGIN and COMMIT, or test it under a "
		      "strategy that does not wrap the test",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = PG_SERIAL, .test1 = NEST_TEST1,
		.test2 = STEPS(ROWS_NEXT("0")) },
	    { .backend = "sqlite", .schema = SQ_SERIAL, .test1 = NEST_TEST1,
		.test2 = STEPS(ROWS_NEXT("0")) },
	    { .backend = "mysql", .schema = MY_SERIAL, .test1 = NEST_TEST1,
		.test2 = STEPS(ROWS_NEXT("0")) }),
};

/* How many tables called name the connection's database has. */
#define MY_TABLE_EXISTS(name)                                                \
	"SELECT count(*) FROM information_schema.tables WHERE table_schema " \
	"= DATABASE() AND table_name = '" name "'"

static const struct scenario sq_ddl = {
	.id = "SQ-DDL",
	.title = "DDL is transactional on both engines; without a wrapping "
		 "transaction a table a test creates stays",
	.mitigation = "keep DDL out of tests or drop what a test creates; "
		      "per-test and template start from the schema again",
	.variants = VARIANTS(
	    { .backend = "postgres", .schema = KEYED,
		.test1 = STEPS(RUN("CREATE TABLE made_by_test (x integer)")),
		.test2 = STEPS(OBSERVE("SELECT count(*) FROM pg_tables WHERE "
				       "schemaname = current_schema() AND "
				       "tablename = 'made_by_test'",
		    "0", VERDICT_LEAK,
		    "tables the previous test created")) },
	    { .backend = "sqlite", .schema = KEYED,
		.test1 = STEPS(RUN("CREATE TABLE made_by_test (x integer)")),
		.test2 = STEPS(OBSERVE("SELECT count(*) FROM sqlite_schema "
				       "WHERE name = 'made_by_test'",
		    "0", VERDICT_LEAK,
		    "tables the previous test created")) },
	    { .backend = "mysql", .schema = MY_KEYED,
		.test1 = STEPS(RUN("CREATE TABLE made_by_test (x integer)")),
		.test2 = STEPS(OBSERVE(MY_TABLE_EXISTS("made_by_test"), "0",
		    VERDICT_LEAK, "tables the previous test created")) }),
};

/* Each check in a test of its own: on PostgreSQL a rejected statement
 * aborts the test's transaction (PG-ABORT). */
#define TYPES_TEST1                                                          \
	STEPS(REJECT("INSERT INTO ty (n, s) VALUES ('abc', 'x')",             \
	    "PostgreSQL rejects text in an integer column"))
#define TYPES_TEST2                                                          \
	STEPS(OBSERVE("SELECT CASE WHEN 'ABC' LIKE 'abc' THEN 1 ELSE 0 END",  \
		  "0", VERDICT_FALSE_PASS, "'ABC' LIKE 'abc'"),              \
	    REJECT("INSERT INTO ty (n, s) VALUES (1, 'toolongvalue')",       \
		"PostgreSQL rejects a value longer than VARCHAR(3)"))

static const struct scenario sq_types = {
	.id = "SQ-TYPES",
	.title = "SQLite accepts what PostgreSQL rejects: text in integer "
		 "columns, over-long VARCHAR, case-insensitive LIKE",
	.mitigation = "declare STRICT tables and CHECK constraints on SQLite, "
		      "and run the suite on PostgreSQL before migrating",
	.variants = VARIANTS(
	    { .backend = "postgres",
		.schema = "CREATE TABLE ty (n integer, s varchar(3))",
		.test1 = TYPES_TEST1, .test2 = TYPES_TEST2 },
	    { .backend = "sqlite",
		.schema = "CREATE TABLE ty (n INTEGER, s VARCHAR(3))",
		.test1 = TYPES_TEST1, .test2 = TYPES_TEST2 },
	    { .backend = "mysql",
		.schema = "CREATE TABLE ty (n integer, s varchar(3))",
		.test1 = TYPES_TEST1, .test2 = TYPES_TEST2 }),
};

static const struct scenario my_implicit = {
	.id = "MY-IMPLICIT",
	.title = "DDL commits implicitly on MySQL: a CREATE TABLE in a test "
		 "commits its rows and ends the test's transaction",
	.mitigation = "keep DDL out of tests (or use CREATE TEMPORARY TABLE, "
		      "which does not commit); per-test and template start "
		      "from the schema again",
	.na = "MySQL only: DDL is transactional on PostgreSQL and SQLite "
	      "(SQ-DDL)",
	.variants = VARIANTS(
	    { .backend = "mysql", .schema = MY_KEYED,
		.test1 = STEPS(RUN("INSERT INTO t VALUES (1, 'before ddl')"),
		    RUN("CREATE TABLE made_by_test (x integer)")),
		.test2 = STEPS(OBSERVE("SELECT CONCAT((SELECT count(*) FROM "
				       "t), '/', (" MY_TABLE_EXISTS(
					   "made_by_test") "))",
		    "0/0", VERDICT_LEAK,
		    "rows of t / tables the previous test created")) }),
};

static const struct scenario my_truncate = {
	.id = "MY-TRUNCATE",
	.title = "TRUNCATE commits implicitly on MySQL: a test that "
		 "truncates empties the table for every later test",
	.mitigation = "use DELETE FROM in tests instead of TRUNCATE, or a "
		      "strategy that reloads the seed (truncate, delete, "
		      "per-test, template)",
	.na = "MySQL only: TRUNCATE is transactional on PostgreSQL, and "
	      "SQLite has none",
	.variants = VARIANTS(
	    { .backend = "mysql", .schema = MY_KEYED,
		.seed = "INSERT INTO t VALUES (1, 'seed')",
		.test1 = STEPS(RUN("TRUNCATE TABLE t")),
		.test2 = STEPS(OBSERVE("SELECT count(*) FROM t", "1",
		    VERDICT_LEAK, "seed rows the next test sees")) }),
};

static const struct scenario my_autoinc = {
	.id = "MY-AUTOINC",
	.title = "AUTO_INCREMENT counters are never rolled back: generated "
		 "ids move on from test to test",
	.mitigation = "do not assert on generated ids, or reset the "
		      "counters after each test (TRUNCATE, or ALTER TABLE ... "
		      "AUTO_INCREMENT = 1 after DELETE)",
	.na = "MySQL only (PostgreSQL's sequences are PG-SEQ, SQLite's "
	      "counters SQ-AUTOINC)",
	.variants = VARIANTS(
	    { .backend = "mysql", .schema = MY_SERIAL,
		.test1 = STEPS(RUN("INSERT INTO t (v) VALUES ('first')")),
		.test2 = STEPS(RUN("INSERT INTO t (v) VALUES ('next')"),
		    OBSERVE("SELECT LAST_INSERT_ID()", "1", VERDICT_LEAK,
			"id of the next test's first row")) }),
};

static const struct scenario my_myisam = {
	.id = "MY-MYISAM",
	.title = "a non-transactional table (MyISAM) ignores ROLLBACK: its "
		 "rows stay for every later test",
	.mitigation = "convert the tables to InnoDB (ALTER TABLE ... ENGINE "
		      "= InnoDB), or use a strategy that empties tables "
		      "(truncate, delete, per-test, template)",
	.na = "MySQL only: every table of PostgreSQL and SQLite is "
	      "transactional",
	.variants = VARIANTS(
	    { .backend = "mysql",
		.schema = "CREATE TABLE t (id integer PRIMARY KEY, v "
			  "varchar(20) NOT NULL) ENGINE = MyISAM",
		.test1 = STEPS(RUN("INSERT INTO t VALUES (1, 'kept')")),
		.test2 = STEPS(ROWS_NEXT("0")) }),
};

static const struct scenario my_locks = {
	.id = "MY-LOCKS",
	.title = "the test's open transaction holds its row locks: a second "
		 "connection of the application waits on them and times "
		 "out",
	.mitigation = "run code that uses a second connection (workers, "
		      "threads) under a strategy that commits, or share the "
		      "test's connection with it",
	.na = "MySQL only (PostgreSQL's second connections are PG-THREAD)",
	.variants = VARIANTS(
	    { .backend = "mysql", .schema = MY_KEYED,
		.seed = "INSERT INTO t VALUES (1, 'seed')",
		.test1 = STEPS(PEER_RUN("SET SESSION innodb_lock_wait_timeout "
					"= 1"),
		    RUN("UPDATE t SET v = 'by the test' WHERE id = 1"),
		    PEER_RUN("UPDATE t SET v = 'by a worker' WHERE id = 1")) }),
};

/* In the order reports list them. */
static const struct scenario *const scenarios[] = {
	&pg_seq,
	&pg_setval,
	&pg_idalign,
	&pg_commit,
	&pg_now,
	&pg_defer,
	&pg_ctrig,
	&pg_notify,
	&pg_advlock,
	&pg_session,
	&pg_abort,
	&pg_iso,
	&pg_nontx,
	&pg_vis,
	&pg_spnest,
	&pg_thread,
	&sq_autoinc,
	&sq_fkpragma,
	&sq_defer,
	&sq_pragma_tx,
	&sq_mem,
	&sq_shcache,
	&sq_multi,
	&sq_nest,
	&sq_ddl,
	&sq_types,
	&my_implicit,
	&my_truncate,
	&my_autoinc,
	&my_myisam,
	&my_locks,
};

const struct scenario *const *
scenario_all(size_t *n)
{
	*n = sizeof scenarios / sizeof scenarios[0];
	return scenarios;
}

/* The scenario with this ID, or NULL. */
const struct scenario *
scenario_find(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		if (strcmp(scenarios[i]->id, id) == 0)
			return scenarios[i];
	return NULL;
}

/* The scenario's SQL for a backend, or NULL when it does not run there. */
const struct scn_variant *
scenario_variant(const struct scenario *sc, const char *backend)
{
	const struct scn_variant *v;

	for (v = sc->variants; v->backend != NULL; v++)
		if (strcmp(v->backend, backend) == 0)
			return v;
	return NULL;
}
