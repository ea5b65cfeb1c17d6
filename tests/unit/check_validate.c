/*
 * check_validate.c - the isolation scenarios on SQLite, and the engine
 *
 * Every scenario runs under every strategy on SQLite and its verdict must
 * be the one measured and explained in doc/isolation.md: for instance
 * SQLite's AUTOINCREMENT counters are rolled back with the transaction
 * (PG-SEQ isolated everywhere), a COMMIT in the test escapes rollback and
 * savepoint (PG-COMMIT leak), and the connection that truncate, delete and
 * template keep carries PRAGMAs and temp tables to the next test.  Small
 * scenarios written here check the engine's rules one at a time.  Also the
 * state checks: dump digests and their differences, and the leaky
 * workload's tests named on SQLite.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "statecheck.h"
#include "validate.h"
#include "workload.h"
#include "xmalloc.h"

/*
 * Expected SQLite verdicts, keyed by scenario and strategy name: the
 * verdict under every strategy, then up to two exceptions, each a verdict
 * and the comma-separated strategies it holds under.  A new strategy
 * edits only the rows where it differs.
 */
#define EVERY(v) v, { { VERDICT_COUNT, NULL } }
static const struct expected {
	const char *id;
	enum verdict every;
	struct {
		enum verdict verdict;
		const char *under; /* "rollback,savepoint" */
	} except[2];
} sqlite_expected[] = {
	/* sqlite_sequence rolls back */
	{ "PG-SEQ", EVERY(VERDICT_ISOLATED) },
	{ "PG-SETVAL", EVERY(VERDICT_ISOLATED) },
	/* every strategy restarts at 1 */
	{ "PG-IDALIGN", EVERY(VERDICT_FALSE_PASS) },
	{ "PG-COMMIT", VERDICT_ISOLATED,
	    { { VERDICT_LEAK, "rollback,savepoint" } } },
	/* 'now' moves per statement */
	{ "PG-NOW", EVERY(VERDICT_ISOLATED) },
	{ "PG-DEFER", VERDICT_ISOLATED,
	    { { VERDICT_FALSE_PASS, "rollback,savepoint" } } },
	{ "PG-CTRIG", EVERY(VERDICT_NA) },
	{ "PG-NOTIFY", EVERY(VERDICT_NA) },
	{ "PG-ADVLOCK", EVERY(VERDICT_NA) },
	/* temp tables stay on a kept connection */
	{ "PG-SESSION", VERDICT_ISOLATED,
	    { { VERDICT_LEAK, "truncate,delete,template" } } },
	/* statement-level rollback */
	{ "PG-ABORT", EVERY(VERDICT_ISOLATED) },
	{ "PG-ISO", EVERY(VERDICT_NA) },
	{ "PG-NONTX", EVERY(VERDICT_NA) },
	{ "PG-VIS", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" } } },
	/* a SAVEPOINT outside BEGIN is fine */
	{ "PG-SPNEST", EVERY(VERDICT_ISOLATED) },
	{ "PG-THREAD", VERDICT_ISOLATED,
	    { { VERDICT_LEAK, "rollback,savepoint" } } },
	{ "SQ-AUTOINC", EVERY(VERDICT_ISOLATED) },
	{ "SQ-FKPRAGMA", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" },
		{ VERDICT_LEAK, "truncate,delete,template" } } },
	{ "SQ-DEFER", VERDICT_ISOLATED,
	    { { VERDICT_FALSE_PASS, "rollback,savepoint" } } },
	{ "SQ-PRAGMA-TX", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" } } },
	/* :memory: target */
	{ "SQ-MEM", EVERY(VERDICT_ERROR) },
	{ "SQ-SHCACHE", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" } } },
	{ "SQ-MULTI", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" } } },
	{ "SQ-NEST", VERDICT_ISOLATED,
	    { { VERDICT_ERROR, "rollback,savepoint" } } },
	{ "SQ-DDL", VERDICT_ISOLATED,
	    { { VERDICT_LEAK, "truncate,delete" } } },
	{ "SQ-TYPES", EVERY(VERDICT_FALSE_PASS) },
	{ "MY-IMPLICIT", EVERY(VERDICT_NA) },
	{ "MY-TRUNCATE", EVERY(VERDICT_NA) },
	{ "MY-AUTOINC", EVERY(VERDICT_NA) },
	{ "MY-MYISAM", EVERY(VERDICT_NA) },
	{ "MY-LOCKS", EVERY(VERDICT_NA) },
};
#define N_EXPECTED (sizeof sqlite_expected / sizeof sqlite_expected[0])
#define N_EXCEPT 2

/* The expectation for scenario id; NULL when it has none. */
static const struct expected *
expected_for(const char *id)
{
	size_t i;

	for (i = 0; i < N_EXPECTED; i++)
		if (strcmp(sqlite_expected[i].id, id) == 0)
			return &sqlite_expected[i];
	return NULL;
}

/* Whether the comma-separated list names strategy. */
static int
list_names(const char *list, const char *strategy)
{
	size_t len;

	for (;;) {
		len = strcspn(list, ",");
		if (len == strlen(strategy) &&
		    strncmp(list, strategy, len) == 0)
			return 1;
		if (list[len] == '\0')
			return 0;
		list += len + 1;
	}
}

/* Whether every name in the comma-separated list is a strategy. */
static int
all_strategies(const char *list)
{
	char name[64];
	size_t len;

	for (;;) {
		len = strcspn(list, ",");
		if (len >= sizeof name)
			return 0;
		memcpy(name, list, len);
		name[len] = '\0';
		if (strategy_find(name) == NULL)
			return 0;
		if (list[len] == '\0')
			return 1;
		list += len + 1;
	}
}

/* The verdict expected of e under the strategy called strategy. */
static enum verdict
expected_verdict(const struct expected *e, const char *strategy)
{
	size_t k;

	for (k = 0; k < N_EXCEPT && e->except[k].under != NULL; k++)
		if (list_names(e->except[k].under, strategy))
			return e->except[k].verdict;
	return e->every;
}

/* Run one scenario under one strategy on a target; detail is the caller's. */
static enum verdict
run(const struct scenario *sc, const struct strategy_ops *st,
    const struct backend_target *t, char **detail)
{
	struct strbuf sb;
	enum verdict v;

	strbuf_init(&sb);
	v = validate_scenario(sc, &backend_sqlite_ops, t, st, &sb);
	*detail = strbuf_detach(&sb);
	return v;
}

START_TEST(test_catalogue_is_complete)
{
	const struct scenario *const *all;
	const struct scn_variant *v;
	size_t i, j, n, pg = 0, sq = 0;

	all = scenario_all(&n);
	ck_assert_uint_ge(n, 20);
	/* one expectation a scenario, found by its id */
	ck_assert_uint_eq(n, N_EXPECTED);
	for (i = 0; i < n; i++) {
		ck_assert_msg(expected_for(all[i]->id) != NULL,
		    "no expected verdicts for %s", all[i]->id);
		ck_assert_ptr_eq(scenario_find(all[i]->id), all[i]);
		ck_assert(strlen(all[i]->title) > 20);
		ck_assert(strlen(all[i]->mitigation) > 20);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(all[i]->id, all[j]->id);
		ck_assert_ptr_nonnull(all[i]->variants[0].backend);
		pg += scenario_variant(all[i], "postgres") != NULL;
		sq += scenario_variant(all[i], "sqlite") != NULL;
		/* a scenario missing somewhere says why */
		if (scenario_variant(all[i], "postgres") == NULL ||
		    scenario_variant(all[i], "sqlite") == NULL)
			ck_assert_ptr_nonnull(all[i]->na);
		for (v = all[i]->variants; v->backend != NULL; v++)
			ck_assert_ptr_nonnull(v->test1);
	}
	ck_assert_uint_ge(pg, 15);
	ck_assert_uint_ge(sq, 15);
	ck_assert_ptr_null(scenario_find("PG-NOPE"));
}
END_TEST

START_TEST(test_sqlite_verdicts)
{
	const struct strategy_ops *const *sts;
	const struct scenario *sc;
	struct backend_target t;
	enum verdict v, want;
	char *detail;
	size_t i, k, s, ns;

	sts = strategy_all(&ns);
	ck_assert_uint_gt(ns, 0);
	memset(&t, 0, sizeof t);
	for (i = 0; i < N_EXPECTED; i++) {
		sc = scenario_find(sqlite_expected[i].id);
		ck_assert_ptr_nonnull(sc);
		/* every strategy an exception names exists */
		for (k = 0; k < N_EXCEPT && sqlite_expected[i].except[k].under;
		     k++)
			ck_assert_msg(
			    all_strategies(sqlite_expected[i].except[k].under),
			    "%s: not a list of strategies: %s", sc->id,
			    sqlite_expected[i].except[k].under);
		for (s = 0; s < ns; s++) {
			want = expected_verdict(&sqlite_expected[i],
			    sts[s]->name);
			v = run(sc, sts[s], &t, &detail);
			ck_assert_msg(v == want,
			    "%s under %s: %s (%s), want %s", sc->id, sts[s]->name, verdict_names[v], detail,
			    verdict_names[want]);
			ck_assert(detail[0] != '\0');
			ck_assert_ptr_null(strchr(detail, '\n'));
			free(detail);
		}
	}
}
END_TEST

/* The details say what was seen, not only the verdict. */
START_TEST(test_sqlite_details)
{
	struct backend_target t;
	char *d;

	memset(&t, 0, sizeof t);
	ck_assert_int_eq(run(scenario_find("PG-COMMIT"),
			     &strategy_rollback_ops, &t, &d),
	    VERDICT_LEAK);
	ck_assert_str_eq(d, "rows the next test sees: 1, expected 0; test "
			    "teardown failed: sqlite: cannot rollback - no "
			    "transaction is active");
	free(d);
	ck_assert_int_eq(run(scenario_find("SQ-FKPRAGMA"),
			     &strategy_truncate_ops, &t, &d),
	    VERDICT_LEAK);
	ck_assert_str_eq(d, "foreign_keys in the next test: 0, expected 1");
	free(d);
	ck_assert_int_eq(run(scenario_find("SQ-NEST"),
			     &strategy_savepoint_ops, &t, &d),
	    VERDICT_ERROR);
	ck_assert_str_eq(d, "`BEGIN` failed: sqlite: cannot start a "
			    "transaction within a transaction");
	free(d);
	ck_assert_int_eq(run(scenario_find("SQ-SHCACHE"),
			     &strategy_rollback_ops, &t, &d),
	    VERDICT_ERROR);
	ck_assert_str_eq(d, "`SELECT count(*) FROM t` failed on a second "
			    "connection: sqlite: database table is locked: t");
	free(d);
	ck_assert_int_eq(run(scenario_find("PG-NOTIFY"),
			     &strategy_rollback_ops, &t, &d),
	    VERDICT_NA);
	ck_assert_str_eq(d, "PostgreSQL only: SQLite has no LISTEN/NOTIFY");
	free(d);
	ck_assert_int_eq(run(scenario_find("PG-DEFER"),
			     &strategy_pertest_ops, &t, &d),
	    VERDICT_ISOLATED);
	ck_assert_str_eq(d, "`INSERT INTO child VALUES (1, 999)` failed as "
			    "in production: sqlite: FOREIGN KEY constraint "
			    "failed");
	free(d);
}
END_TEST

/* On a file target a second connection sees the test's database. */
START_TEST(test_memory_scenario_on_a_file)
{
	const struct strategy_ops *const *sts;
	struct backend_target t;
	struct stat sb;
	char dir[] = "/tmp/dbbench-check.XXXXXX";
	char *detail, *path;
	size_t s, ns;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&t, 0, sizeof t);
	path = xasprintf("%s/target.db", dir);
	ck_assert_int_eq(backend_sqlite_ops.set_option(&t, "sqlite-path", path,
			     NULL),
	    DB_OK);
	sts = strategy_all(&ns);
	for (s = 0; s < ns; s++) {
		ck_assert_int_eq(run(scenario_find("SQ-MEM"), sts[s], &t,
				     &detail),
		    VERDICT_ISOLATED);
		ck_assert_str_eq(detail, "rows a second connection to the "
					 "target sees: 1");
		free(detail);
		ck_assert_int_ne(stat(path, &sb), 0);
	}
	backend_close_target(&backend_sqlite_ops, &t);
	free(path);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* Scenarios written for the engine's rules, one rule each. */
#define STEPS(...) ((const struct scn_step[]){ __VA_ARGS__, { SCN_END } })

static const struct scenario engine_run_fails = {
	.id = "T-RUN",
	.title = "a statement production runs fails here",
	.mitigation = "none needed",
	.variants = (const struct scn_variant[]){
	    { .backend = "sqlite", .schema = "CREATE TABLE t (x)",
		.test1 = STEPS({ .action = SCN_RUN,
		    .sql = "INSERT INTO nope VALUES (1)" },
		    { .action = SCN_OBSERVE, .sql = "SELECT 2", .want = "1",
			.bad = VERDICT_LEAK, .what = "never reached" }) },
	    { NULL } },
};

static const struct scenario engine_if_idle = {
	.id = "T-IDLE",
	.title = "an implicit BEGIN runs only outside a transaction",
	.mitigation = "none needed",
	.variants = (const struct scn_variant[]){
	    { .backend = "sqlite", .schema = "CREATE TABLE t (x)",
		.test1 = STEPS({ .action = SCN_RUN, .flags = SCN_IF_IDLE,
				   .sql = "BEGIN" },
		    { .action = SCN_WAIT, .wait_ms = 1 },
		    { .action = SCN_RUN, .sql = "INSERT INTO t VALUES (1)" }) },
	    { NULL } },
};

static const struct scenario engine_reject = {
	.id = "T-REJECT",
	.title = "a statement production rejects succeeds here",
	.mitigation = "none needed",
	.variants = (const struct scn_variant[]){
	    { .backend = "sqlite", .schema = "CREATE TABLE t (x NOT NULL)",
		.test1 = STEPS({ .action = SCN_REJECT,
				   .sql = "INSERT INTO t VALUES (NULL)",
				   .what = "NULL is refused" },
		    { .action = SCN_REJECT, .sql = "INSERT INTO t VALUES (1)",
			.what = "production refuses 1" }) },
	    { NULL } },
};

static const struct scenario engine_elsewhere = {
	.id = "T-NA",
	.title = "a scenario for another backend",
	.mitigation = "none needed",
	.na = "not on SQLite",
	.variants = (const struct scn_variant[]){
	    { .backend = "postgres", .schema = "CREATE TABLE t (x int)",
		.test1 = STEPS({ .action = SCN_RUN, .sql = "SELECT 1" }) },
	    { NULL } },
};

START_TEST(test_engine_rules)
{
	struct backend_target t;
	char *d;

	memset(&t, 0, sizeof t);
	/* a failing SCN_RUN is an error and stops the test */
	ck_assert_int_eq(run(&engine_run_fails, &strategy_rollback_ops, &t,
			     &d),
	    VERDICT_ERROR);
	ck_assert_str_eq(d, "`INSERT INTO nope VALUES (1)` failed: sqlite: no "
			    "such table: nope");
	free(d);
	/* the implicit BEGIN is skipped inside the test's transaction (a
	 * nested BEGIN would fail) and runs in autocommit mode, where it
	 * leaves a transaction open that truncate's reset cannot start in */
	ck_assert_int_eq(run(&engine_if_idle, &strategy_rollback_ops, &t, &d),
	    VERDICT_ISOLATED);
	ck_assert_str_eq(d, "every statement ran as in production");
	free(d);
	ck_assert_int_eq(run(&engine_if_idle, &strategy_truncate_ops, &t, &d),
	    VERDICT_ISOLATED);
	ck_assert_str_eq(d, "every statement ran as in production; test "
			    "teardown failed: sqlite: cannot start a "
			    "transaction within a transaction");
	free(d);
	/* a rejection as in production goes on; a success is a false pass */
	ck_assert_int_eq(run(&engine_reject, &strategy_pertest_ops, &t, &d),
	    VERDICT_FALSE_PASS);
	ck_assert_str_eq(d, "`INSERT INTO t VALUES (1)` succeeded; production "
			    "refuses 1");
	free(d);
	/* a scenario without a variant for the backend is n/a, with why */
	ck_assert_int_eq(run(&engine_elsewhere, &strategy_rollback_ops, &t,
			     &d),
	    VERDICT_NA);
	ck_assert_str_eq(d, "not on SQLite");
	free(d);
}
END_TEST

/* validate_all(): every scenario and strategy, in order, described once. */
START_TEST(test_validate_all)
{
	const struct strategy_ops *sts[2] = { &strategy_rollback_ops,
		&strategy_template_ops };
	struct plan_backend pb;
	struct run_plan plan;
	struct backend_target target;
	struct run_result res;
	struct db_error err;
	size_t n;

	scenario_all(&n);
	memset(&pb, 0, sizeof pb);
	memset(&target, 0, sizeof target);
	pb.ops = &backend_sqlite_ops;
	pb.targets = &target;
	memset(&plan, 0, sizeof plan);
	plan.backends = &pb;
	plan.n_backends = 1;
	plan.strategies = sts;
	plan.n_strategies = 2;
	memset(&res, 0, sizeof res);
	ck_assert_int_eq(validate_all(&plan, &res, &err), DB_OK);
	ck_assert_uint_eq(res.n_validations, 2 * n);
	ck_assert_uint_eq(res.n_scenarios, n);
	ck_assert_str_eq(res.validations[0].scenario, "PG-SEQ");
	ck_assert_str_eq(res.validations[0].strategy, "rollback");
	ck_assert_str_eq(res.validations[1].strategy, "template");
	ck_assert_str_eq(res.validations[0].backend, "sqlite");
	ck_assert_str_eq(res.scenarios[0].id, "PG-SEQ");
	ck_assert_str_eq(res.scenarios[n - 1].id, "MY-LOCKS");
	result_fini(&res);
}
END_TEST

static char *
diff(const char *before, const char *after, int *changed)
{
	struct state_digest a, b;
	struct strbuf sb;

	statecheck_digest(before, &a);
	statecheck_digest(after, &b);
	strbuf_init(&sb);
	*changed = statecheck_diff(&a, &b, &sb);
	statecheck_digest_fini(&a);
	statecheck_digest_fini(&b);
	return strbuf_detach(&sb);
}

START_TEST(test_digest_differences)
{
	static const char base[] = "table a\n\t1|'x'\n\t2|'y'\ntable b\n"
				   "sequence s\n\t'7'|'t'\n";
	struct state_digest d;
	int changed;
	char *t;

	statecheck_digest(base, &d);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.sections[0].name, "table a");
	ck_assert_uint_eq(d.sections[0].rows, 2);
	ck_assert_uint_eq(d.sections[1].rows, 0);
	ck_assert_str_eq(d.sections[2].value, "7|t");
	statecheck_digest_fini(&d);
	t = diff(base, base, &changed);
	ck_assert_int_eq(changed, 0);
	ck_assert_str_eq(t, "");
	free(t);
	/* the same count, other content */
	t = diff(base, "table a\n\t1|'x'\n\t2|'z'\ntable b\nsequence s\n"
		       "\t'7'|'t'\n",
	    &changed);
	ck_assert_int_eq(changed, 1);
	ck_assert_str_eq(t, "table a: rows changed (2)");
	free(t);
	/* a row more, a table gone, a sequence moved on, a table new */
	t = diff(base, "table a\n\t1|'x'\n\t2|'y'\n\t3|'z'\nsequence s\n"
		       "\t'9'|'t'\ntable c\n\t1\n",
	    &changed);
	ck_assert_int_eq(changed, 1);
	ck_assert_str_eq(t, "table a: 3 rows, was 2; sequence s: next value "
			    "10, was 8; table c: new, 1 row; table b: gone");
	free(t);
	/* a sequence reset to its start (is_called false) */
	t = diff(base, "table a\n\t1|'x'\n\t2|'y'\ntable b\nsequence s\n"
		       "\t'1'|'f'\n",
	    &changed);
	ck_assert_str_eq(t, "sequence s: next value 1, was 8");
	free(t);
	/* more than four changes: the rest are counted */
	t = diff("", "table p\ntable q\ntable r\ntable s\ntable t\n"
		     "table u\n",
	    &changed);
	ck_assert_int_eq(changed, 1);
	ck_assert_str_eq(t, "table p: new, 0 rows; table q: new, 0 rows; "
			    "table r: new, 0 rows; table s: new, 0 rows; and 2 "
			    "more");
	free(t);
}
END_TEST

/* The leaky workload on SQLite: only the committing test, only where the
 * test runs in a transaction the strategy rolls back. */
START_TEST(test_leaky_workload_on_sqlite)
{
	const struct strategy_ops *const *sts;
	const char *tests_dir = getenv("TESTS_DIR");
	struct plan_backend pb;
	struct backend_target target;
	struct run_plan plan;
	struct run_result res;
	struct workload wl;
	struct db_error err;
	char *dir;
	size_t i, ns, named = 0;

	dir = xasprintf("%s/data/leaky", tests_dir != NULL ? tests_dir :
							      "tests");
	ck_assert_int_eq(workload_load("leaky", dir, "sqlite",
			     SQL_DIALECT_SQLITE, &wl, &err),
	    DB_OK);
	memset(&pb, 0, sizeof pb);
	memset(&target, 0, sizeof target);
	pb.ops = &backend_sqlite_ops;
	pb.wl = &wl;
	target.n_stmts = wl.n_stmts;
	pb.targets = &target;
	sts = strategy_all(&ns);
	memset(&plan, 0, sizeof plan);
	plan.backends = &pb;
	plan.n_backends = 1;
	plan.strategies = sts;
	plan.n_strategies = ns;
	memset(&res, 0, sizeof res);
	ck_assert_int_eq(statecheck_all(&plan, &res, &err), DB_OK);
	ck_assert_uint_eq(res.n_state_checks, ns * 4);
	for (i = 0; i < res.n_state_checks; i++) {
		if (!res.state_checks[i].leaked) {
			ck_assert_str_eq(res.state_checks[i].detail, "");
			continue;
		}
		named++;
		ck_assert_str_eq(res.state_checks[i].test,
		    "tests/03-commit.sql");
		ck_assert(strcmp(res.state_checks[i].strategy, "rollback") ==
			0 ||
		    strcmp(res.state_checks[i].strategy, "savepoint") == 0);
		ck_assert_str_eq(res.state_checks[i].detail,
		    "table settings: 1 row, was 0");
	}
	ck_assert_uint_eq(named, 2);
	ck_assert_uint_eq(res.n_notes, 0);
	result_fini(&res);
	workload_fini(&wl);
	free(dir);
}
END_TEST

/* A body that fails under a strategy is a failed check with the error,
 * never a clean one: the committing workload's BEGIN under rollback and
 * savepoint. */
START_TEST(test_failed_body_on_sqlite)
{
	const struct strategy_ops *const *sts;
	const char *tests_dir = getenv("TESTS_DIR");
	const struct state_check *c;
	struct plan_backend pb;
	struct backend_target target;
	struct run_plan plan;
	struct run_result res;
	struct workload wl;
	struct db_error err;
	char *dir;
	size_t i, ns, failed = 0;

	dir = xasprintf("%s/data/commits", tests_dir != NULL ? tests_dir :
							       "tests");
	ck_assert_int_eq(workload_load("commits", dir, "sqlite",
			     SQL_DIALECT_SQLITE, &wl, &err),
	    DB_OK);
	memset(&pb, 0, sizeof pb);
	memset(&target, 0, sizeof target);
	pb.ops = &backend_sqlite_ops;
	pb.wl = &wl;
	target.n_stmts = wl.n_stmts;
	pb.targets = &target;
	sts = strategy_all(&ns);
	memset(&plan, 0, sizeof plan);
	plan.backends = &pb;
	plan.n_backends = 1;
	plan.strategies = sts;
	plan.n_strategies = ns;
	memset(&res, 0, sizeof res);
	ck_assert_int_eq(statecheck_all(&plan, &res, &err), DB_OK);
	ck_assert_uint_eq(res.n_state_checks, ns * 2);
	for (i = 0; i < res.n_state_checks; i++) {
		c = &res.state_checks[i];
		ck_assert(!c->leaked);
		if (c->error == NULL)
			continue;
		failed++;
		ck_assert_str_eq(c->test, "tests/01-commit.sql");
		ck_assert(strcmp(c->strategy, "rollback") == 0 ||
		    strcmp(c->strategy, "savepoint") == 0);
		ck_assert_str_eq(c->error,
		    "tests/01-commit.sql:2: sqlite: cannot start a "
		    "transaction within a transaction");
	}
	ck_assert_uint_eq(failed, 2);
	ck_assert_uint_eq(result_failed_state_checks(&res), 2);
	result_fini(&res);
	workload_fini(&wl);
	free(dir);
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("validate");
	tc = tcase_create("catalogue");
	tcase_add_test(tc, test_catalogue_is_complete);
	suite_add_tcase(s, tc);
	tc = tcase_create("sqlite");
	tcase_add_test(tc, test_sqlite_verdicts);
	tcase_add_test(tc, test_sqlite_details);
	tcase_add_test(tc, test_memory_scenario_on_a_file);
	tcase_add_test(tc, test_validate_all);
	suite_add_tcase(s, tc);
	tc = tcase_create("engine");
	tcase_add_test(tc, test_engine_rules);
	suite_add_tcase(s, tc);
	tc = tcase_create("statecheck");
	tcase_add_test(tc, test_digest_differences);
	tcase_add_test(tc, test_leaky_workload_on_sqlite);
	tcase_add_test(tc, test_failed_body_on_sqlite);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(validate_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
