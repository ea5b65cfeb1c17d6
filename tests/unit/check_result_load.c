/*
 * check_result_load.c - reading saved runs back: round trip and bad files
 *
 * A result built by hand is written as JSON, loaded, and written again:
 * the two texts must be the same.  Then the JSON is broken one field at a
 * time (removed, retyped, out of range) and each load must fail with
 * DB_EUSAGE and a message naming the file and the field; every prefix of
 * the text must fail with the file's name and a position, never crash.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "report.h"
#include "result_load.h"
#include "xmalloc.h"

static struct run_result res;
static char *json_text; /* res as JSON */

static void
add_round(struct cell *c, size_t n, int64_t setup, int64_t body,
    int64_t teardown)
{
	int64_t sum = 0, d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = (int64_t)(i % 5) * 3;
		sample_vec_push(&c->samples[SERIES_TEST_SETUP], setup + d);
		sample_vec_push(&c->samples[SERIES_BODY], body + d);
		sample_vec_push(&c->samples[SERIES_TEST_TEARDOWN], teardown);
		sample_vec_push(&c->samples[SERIES_OVERHEAD],
		    setup + d + teardown);
		sample_vec_push(&c->samples[SERIES_PER_TEST],
		    setup + 2 * d + body + teardown);
		sum += setup + d + teardown;
	}
	sample_vec_push(&c->suite_overhead, sum / (int64_t)n);
	sample_vec_push(&c->samples[SERIES_SESSION_SETUP], 350000 + setup);
	sample_vec_push(&c->samples[SERIES_SESSION_TEARDOWN], 5000);
	sample_vec_push(&c->wall, 1000000 + sum);
	c->tests_run += n;
	c->rounds++;
}

static char *
render_json(const struct run_result *r)
{
	struct strbuf sb;
	struct db_error err;

	strbuf_init(&sb);
	ck_assert_int_eq(report_json_ops.write(r, NULL, &sb, &err), DB_OK);
	return strbuf_detach(&sb);
}

static void
setup(void)
{
	struct cell *c;
	int round;

	memset(&res, 0, sizeof res);
	res.tool_version = xstrdup("9.9.9");
	res.host_cpu = xstrdup("Test CPU");
	res.host_cores = 4;
	res.host_os = xstrdup("Linux test");
	res.timer_cost_ns = 21.5;
	res.timer_resolution_ns = 1;
	res.harness_floor_ns = 44;
	res.started_unix = 1795705200; /* 2026-11-26T15:00:00Z */
	res.elapsed_ns = 123456789;
	res.config.workload = xstrdup("default");
	res.config.workload_dir = xstrdup("/x/fixtures/default");
	res.config.workload_tests = 27;
	res.config.tests = 30;
	res.config.rounds = 3;
	res.config.target_ci = 0.015;
	res.config.max_time = 2.5;
	res.config.warmup = 2;
	res.config.seed = UINT64_MAX - 5; /* above 2^63: stored negative */
	res.config.strict = 1;
	res.config.strategies = xcalloc(2, sizeof *res.config.strategies);
	res.config.strategies[0] = xstrdup("rollback");
	res.config.strategies[1] = xstrdup("per-test");
	res.config.n_strategies = 2;
	res.n_backends = 1;
	res.backends = xcalloc(1, sizeof *res.backends);
	res.backends[0].name = xstrdup("sqlite");
	res.backends[0].info.version = xstrdup("3.40.1");
	backend_info_add(&res.backends[0].info, "journal_mode", "memory");
	backend_info_add(&res.backends[0].info, "path", ":memory:");
	c = result_add_cell(&res, "sqlite", "rollback", "per-worker", 1);
	for (round = 0; round < 3; round++)
		add_round(c, 30, 100 + round, 17000, 1500);
	c->converged = 1;
	c->ci_rel = 0.01;
	c = result_add_cell(&res, "sqlite", "per-test", "per-worker", 1);
	for (round = 0; round < 3; round++)
		add_round(c, 30, 300000 + round * 1000, 20000, 30000);
	c->failed = 2;
	c->tests_run += 2;
	result_add_failure(&res, "sqlite", "per-test", "tests/05-x.sql",
	    "body", 3, "tests/05-x.sql:7: sqlite: no such table: nope");
	result_add_failure(&res, "sqlite", "per-test", "tests/05-x.sql",
	    "body", 3, "tests/05-x.sql:7: sqlite: no such table: nope");
	result_summarize(&res);
	json_text = render_json(&res);
}

static void
teardown(void)
{
	result_fini(&res);
	free(json_text);
}

START_TEST(test_round_trip)
{
	struct run_result back;
	struct db_error err;
	char *again;
	size_t i;
	int s;

	db_error_clear(&err);
	ck_assert_int_eq(result_load_text("t.json", json_text,
			     strlen(json_text), &back, &err),
	    DB_OK);
	again = render_json(&back);
	ck_assert_str_eq(again, json_text);
	ck_assert_uint_eq(back.n_cells, 2);
	for (i = 0; i < back.n_cells; i++) {
		for (s = 0; s < SERIES_COUNT; s++) {
			ck_assert_uint_eq(back.cells[i].samples[s].n,
			    res.cells[i].samples[s].n);
			ck_assert(memcmp(&back.cells[i].stats[s],
				      &res.cells[i].stats[s],
				      sizeof(struct stats)) == 0);
		}
		ck_assert(memcmp(&back.cells[i].suite_overhead_stats,
			      &res.cells[i].suite_overhead_stats,
			      sizeof(struct stats)) == 0);
		ck_assert_uint_eq(back.cells[i].workers, 1);
		ck_assert_str_eq(back.cells[i].pool, "per-worker");
	}
	ck_assert_uint_eq(back.cells[1].failed, 2);
	ck_assert_uint_eq(back.cells[1].tests_run, 92);
	ck_assert_uint_eq(back.n_failures, 1);
	ck_assert_uint_eq(back.failures[0].count, 2);
	ck_assert_uint_eq(back.config.seed, UINT64_MAX - 5);
	ck_assert_int_eq(back.started_unix, 1795705200);
	ck_assert_ptr_null(back.config.sqlite_path);
	ck_assert_double_eq_tol(back.config.target_ci, 0.015, 1e-12);
	ck_assert_uint_eq(back.backends[0].info.n_settings, 2);
	free(again);
	result_fini(&back);
}
END_TEST

/* A JSON object path: "cells.0.samples.body"; digits index arrays. */
static json_t *
walk(json_t *root, const char *path, char *last, size_t len)
{
	char buf[200], *seg, *next;
	json_t *v = root;

	snprintf(buf, sizeof buf, "%s", path);
	seg = buf;
	while ((next = strchr(seg, '.')) != NULL) {
		*next = '\0';
		v = json_is_array(v) ? json_array_get(v, strtoul(seg, NULL, 10))
				     : json_object_get(v, seg);
		ck_assert_msg(v != NULL, "no %s in %s", seg, path);
		seg = next + 1;
	}
	ck_assert_uint_lt(strlen(seg), len);
	memcpy(last, seg, strlen(seg) + 1);
	return v;
}

struct bad_field {
	const char *path;    /* the member to change */
	const char *value;   /* its new JSON value; NULL removes it */
	const char *message; /* must appear in the error */
};

static const struct bad_field bad_fields[] = {
	{ "schema_version", "2",
	    "t.json: schema_version: 2 is not supported (this dbbench reads 1)" },
	{ "schema_version", NULL, "t.json: schema_version: missing" },
	{ "schema_version", "\"1\"",
	    "t.json: schema_version: expected a whole number, got a string" },
	{ "tool.name", "\"other\"", "t.json: tool.name: 'other' is not dbbench" },
	{ "tool.version", NULL, "t.json: tool.version: missing" },
	{ "host", "[]", "t.json: host: expected an object, got an array" },
	{ "host.cores", "-1", "t.json: host.cores: -1 is out of range" },
	{ "started", "\"yesterday\"", "t.json: started: 'yesterday' is not a UTC "
				      "time" },
	{ "elapsed_ns", "1.5", "t.json: elapsed_ns: expected a whole number, "
			       "got a fractional number" },
	{ "timer.reading_ns", "\"fast\"",
	    "t.json: timer.reading_ns: expected a number, got a string" },
	{ "config", NULL, "t.json: config: missing" },
	{ "config.tests", "0", "t.json: config.tests: 0 is out of range" },
	{ "config.workload", NULL, "t.json: config.workload: missing" },
	{ "config.strategies.1", "7",
	    "t.json: config.strategies[1]: expected a string, got a whole "
	    "number" },
	{ "config.strict", "1",
	    "t.json: config.strict: expected true or false, got a whole "
	    "number" },
	{ "config.max_time_s", "-2", "t.json: config.max_time_s: -2 is "
				     "negative" },
	{ "backends", "[]", "t.json: backends: empty" },
	{ "backends", NULL, "t.json: backends: missing" },
	{ "backends.0", "\"sqlite\"",
	    "t.json: backends[0]: expected an object, got a string" },
	{ "backends.0.version", "null",
	    "t.json: backends[0].version: expected a string, got null" },
	{ "backends.0.settings.journal_mode", "3",
	    "t.json: backends[0].settings: journal_mode: expected a string, "
	    "got a whole number" },
	{ "cells", NULL, "t.json: cells: missing" },
	{ "cells", "[]", "t.json: cells: empty" },
	{ "cells", "{}", "t.json: cells: expected an array, got an object" },
	{ "cells.1", "\"x\"", "t.json: cells[1]: expected an object, got a "
			      "string" },
	{ "cells.0.workers", "\"1\"",
	    "t.json: cells[0].workers: expected a whole number, got a string" },
	{ "cells.0.workers", "0", "t.json: cells[0].workers: 0 is out of "
				  "range" },
	{ "cells.0.strategy", NULL, "t.json: cells[0].strategy: missing" },
	{ "cells.1.pool", "false",
	    "t.json: cells[1].pool: expected a string, got false" },
	{ "cells.0.backend", "\"oracle\"",
	    "t.json: cells[0].backend: 'oracle' is not one of the backends" },
	{ "cells.0.failed", "1000",
	    "t.json: cells[0].failed: 1000 is more than tests_run (90)" },
	{ "cells.0.samples", NULL, "t.json: cells[0].samples: missing" },
	{ "cells.0.samples.body", NULL, "t.json: cells[0].samples.body: "
					"missing" },
	{ "cells.1.samples.suite_overhead", "{}",
	    "t.json: cells[1].samples.suite_overhead: expected an array, got "
	    "an object" },
	{ "cells.0.samples.body.3", "1.5",
	    "t.json: cells[0].samples.body[3]: expected a whole number, got a "
	    "fractional number" },
	{ "cells.0.samples.overhead.0", "-5",
	    "t.json: cells[0].samples.overhead[0]: -5 is negative" },
	{ "cells.0.samples.per_test", "[1, 2]",
	    "t.json: cells[0].samples: per_test has 2 samples and test_setup "
	    "90" },
	{ "cells.1.strategy", "\"rollback\"",
	    "t.json: cells[1]: the same backend, strategy, workers, pool and "
	    "seed scale as "
	    "cells[0]" },
	{ "failures", "{}", "t.json: failures: expected an array, got an "
			    "object" },
	{ "failures.0.count", "0", "t.json: failures[0].count: 0 is out of "
				   "range" },
	{ "failures.0.error", NULL, "t.json: failures[0].error: missing" },
};

START_TEST(test_bad_field)
{
	const struct bad_field *b = &bad_fields[_i];
	struct run_result back;
	struct db_error err;
	json_error_t jerr;
	json_t *root, *parent, *value;
	char key[64], *text;
	int rc;

	root = json_loads(json_text, 0, &jerr);
	ck_assert_ptr_nonnull(root);
	parent = walk(root, b->path, key, sizeof key);
	if (b->value == NULL) {
		ck_assert_int_eq(json_object_del(parent, key), 0);
	} else {
		value = json_loads(b->value, JSON_DECODE_ANY, &jerr);
		ck_assert_ptr_nonnull(value);
		if (json_is_array(parent))
			ck_assert_int_eq(json_array_set_new(parent,
					     strtoul(key, NULL, 10), value),
			    0);
		else
			ck_assert_int_eq(json_object_set_new(parent, key,
					     value),
			    0);
	}
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	db_error_clear(&err);
	rc = result_load_text("t.json", text, strlen(text), &back, &err);
	ck_assert_int_eq(rc, DB_EUSAGE);
	ck_assert_msg(strstr(err.msg, b->message) != NULL,
	    "case %d (%s): '%s' lacks '%s'", _i, b->path, err.msg, b->message);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	/* the result is left empty */
	ck_assert_uint_eq(back.n_cells, 0);
	ck_assert_ptr_null(back.tool_version);
	free(text);
}
END_TEST

/*
 * Two processes' runs folded into one: samples and counts add up, each
 * cell records what each process gave, a failure seen by both is one entry
 * with both counts, and a note is kept once.  The record survives a JSON
 * round trip, and a record that does not add up is refused.
 */
START_TEST(test_merge_replicates)
{
	struct run_result a, b, back;
	struct db_error err;
	json_error_t jerr;
	json_t *root, *rounds;
	char *merged, *again, *text;

	db_error_clear(&err);
	ck_assert_int_eq(result_load_text("a.json", json_text,
			     strlen(json_text), &a, &err), DB_OK);
	ck_assert_int_eq(result_load_text("b.json", json_text,
			     strlen(json_text), &b, &err), DB_OK);
	result_add_note(&a, "a note");
	result_add_note(&b, "a note");
	result_merge_replicate(&a, &b);
	result_summarize(&a);
	a.replicates = 2;
	ck_assert_uint_eq(a.n_cells, 2);
	ck_assert_uint_eq(a.cells[0].rounds, 6);
	ck_assert_uint_eq(a.cells[0].suite_overhead.n, 6);
	ck_assert_uint_eq(a.cells[0].rep_rounds.n, 2);
	ck_assert_int_eq(a.cells[0].rep_rounds.v[0], 3);
	ck_assert_int_eq(a.cells[0].rep_rounds.v[1], 3);
	ck_assert_int_eq(a.cells[0].rep_tests.v[1], 90);
	ck_assert_int_eq(a.cells[0].rep_sessions.v[0], 3);
	ck_assert_uint_eq(a.cells[1].tests_run, 184);
	ck_assert_uint_eq(a.cells[1].failed, 4);
	ck_assert_uint_eq(a.n_failures, 1);
	ck_assert_uint_eq(a.failures[0].count, 4);
	ck_assert_uint_eq(a.n_notes, 1);
	/* identical processes: the interval is the order-statistic one */
	ck_assert_double_eq(a.cells[0].suite_overhead_stats.ci95_low,
	    a.cells[0].suite_overhead_stats.min);

	merged = render_json(&a);
	ck_assert_int_eq(result_load_text("m.json", merged, strlen(merged),
			     &back, &err), DB_OK);
	ck_assert_uint_eq(back.replicates, 2);
	ck_assert_uint_eq(back.cells[1].rep_tests.n, 2);
	again = render_json(&back);
	ck_assert_str_eq(again, merged);
	result_fini(&back);

	root = json_loads(merged, 0, &jerr);
	ck_assert_ptr_nonnull(root);
	rounds = json_object_get(json_object_get(json_array_get(
	    json_object_get(root, "cells"), 0), "replicates"), "rounds");
	ck_assert_int_eq(json_array_set_new(rounds, 1, json_integer(2)), 0);
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	ck_assert_int_eq(result_load_text("m.json", text, strlen(text), &back,
			     &err), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "m.json: cells[0].replicates: rounds: 2 "
	    "counts adding up to 5, for 6 samples in 2 processes");
	free(text);
	free(again);
	free(merged);
	result_fini(&a);
	result_fini(&b);
}
END_TEST

START_TEST(test_not_json)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{ "hello", "t.json:1:5: '[' or '{' expected near 'hello'" },
		{ "", "t.json:" },
		{ "[1, 2]", "t.json: expected a JSON object (a dbbench report), "
			    "got an array" },
		{ "{\"schema_version\": 1, \"schema_version\": 1}",
		    "t.json:1:" },
		{ "{\n\"schema_version\": 1,\n\"x\": tru\n}", "t.json:3:" },
	};
	struct run_result back;
	struct db_error err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		db_error_clear(&err);
		ck_assert_int_eq(result_load_text("t.json", cases[i].text,
				     strlen(cases[i].text), &back, &err),
		    DB_EUSAGE);
		ck_assert_msg(strstr(err.msg, cases[i].message) == err.msg,
		    "'%s' does not start with '%s'", err.msg,
		    cases[i].message);
	}
	ck_assert_ptr_nonnull(strstr(err.msg, "3:"));
}
END_TEST

/* Every prefix of a good file is a bad file with a position. */
START_TEST(test_truncated)
{
	struct run_result back;
	struct db_error err;
	size_t len, n = strlen(json_text);

	/* The document ends at its closing brace: a prefix that only drops
	 * trailing white space is the whole document. */
	while (n > 0 && strchr(" \t\r\n", json_text[n - 1]) != NULL)
		n--;
	for (len = 0; len < n; len += 7) {
		db_error_clear(&err);
		ck_assert_int_eq(result_load_text("t.json", json_text, len,
				     &back, &err),
		    DB_EUSAGE);
		ck_assert_msg(strncmp(err.msg, "t.json:1:", 9) == 0,
		    "prefix of %zu bytes: '%s'", len, err.msg);
	}
}
END_TEST

START_TEST(test_missing_file)
{
	struct run_result back;
	struct db_error err;

	db_error_clear(&err);
	ck_assert_int_eq(result_load_file("/no/such/run.json", &back, &err),
	    DB_EUSAGE);
	ck_assert_str_eq(err.msg, "/no/such/run.json: No such file or "
				  "directory");
	ck_assert_int_eq(result_load_file("/", &back, &err), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "/: is a directory");
}
END_TEST

static Suite *
load_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("result_load");
	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_merge_replicates);
	tcase_add_loop_test(tc, test_bad_field, 0,
	    (int)(sizeof bad_fields / sizeof bad_fields[0]));
	tcase_add_test(tc, test_not_json);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(load_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
