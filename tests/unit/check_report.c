/*
 * check_report.c - the report writers over a fixed result
 *
 * A run_result is built by hand with known samples, so every figure the
 * reports print can be worked out here: the JSON is parsed back with
 * jansson and checked field by field against the contract, and the text
 * report and recommendations must quote the same numbers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "report.h"
#include "xmalloc.h"

static struct run_result res;

/* Push n tests with the given setup, body and teardown times. */
static void
add_tests(struct cell *c, size_t n, int64_t setup, int64_t body,
    int64_t teardown)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		/* vary by +-i%3 ns so the statistics are not degenerate */
		int64_t d = (int64_t)(i % 3);

		sample_vec_push(&c->samples[SERIES_TEST_SETUP], setup + d);
		sample_vec_push(&c->samples[SERIES_BODY], body);
		sample_vec_push(&c->samples[SERIES_TEST_TEARDOWN], teardown);
		sample_vec_push(&c->samples[SERIES_OVERHEAD],
		    setup + d + teardown);
		sample_vec_push(&c->samples[SERIES_PER_TEST],
		    setup + d + body + teardown);
		sum += setup + d + teardown;
	}
	/* one round: its overhead per test, rounded as the runner does */
	sample_vec_push(&c->suite_overhead, (sum + (int64_t)n / 2) /
		(int64_t)n);
	c->tests_run += n;
	sample_vec_push(&c->samples[SERIES_SESSION_SETUP], 350000);
	sample_vec_push(&c->samples[SERIES_SESSION_TEARDOWN], 5000);
	sample_vec_push(&c->wall, 1000000);
	c->rounds = 1;
	c->converged = 1;
}

static void
build_result(void)
{
	struct cell *c;

	memset(&res, 0, sizeof res);
	res.tool_version = xstrdup("9.9.9");
	res.host_cpu = xstrdup("Test CPU \"quoted\"");
	res.host_cores = 2;
	res.host_os = xstrdup("Linux test");
	res.timer_cost_ns = 21;
	res.timer_resolution_ns = 1;
	res.harness_floor_ns = 44;
	res.config.workload = xstrdup("default");
	res.config.workload_dir = xstrdup("/x/fixtures/default");
	res.config.workload_tests = 27;
	res.config.tests = 421;
	res.config.target_ci = 0.02;
	res.config.max_time = 10;
	res.config.warmup = 1;
	res.config.seed = 1;
	res.config.benchmark = 1;
	res.n_backends = 1;
	res.backends = xcalloc(1, sizeof *res.backends);
	res.backends[0].name = xstrdup("sqlite");
	res.backends[0].info.version = xstrdup("3.40.1");
	backend_info_add(&res.backends[0].info, "journal_mode", "memory");
	c = result_add_cell(&res, "sqlite", "rollback", "per-worker", 1);
	add_tests(c, 100, 100, 17000, 100);
	c = result_add_cell(&res, "sqlite", "per-test", "per-worker", 1);
	add_tests(c, 100, 300000, 20000, 30000);
	c->failed = 2;
	c->tests_run += 2;
	result_add_failure(&res, "sqlite", "per-test", "tests/05-x.sql",
	    "body", 3, "tests/05-x.sql:7: sqlite: no such table: nope");
	result_add_failure(&res, "sqlite", "per-test", "tests/05-x.sql",
	    "body", 3, "tests/05-x.sql:7: sqlite: no such table: nope");
	result_summarize(&res);
}

static void
free_result(void)
{
	result_fini(&res);
}

static char *
render(const struct report_ops *ops)
{
	struct strbuf sb;
	struct db_error err;

	strbuf_init(&sb);
	ck_assert_int_eq(ops->write(&res, NULL, &sb, &err), DB_OK);
	return strbuf_detach(&sb);
}

/* The text report with -v. */
static char *
render_verbose(void)
{
	struct report_options opts = { .verbose = 1 };
	struct strbuf sb;
	struct db_error err;

	strbuf_init(&sb);
	ck_assert_int_eq(report_text_ops.write(&res, &opts, &sb, &err),
	    DB_OK);
	return strbuf_detach(&sb);
}

/* Lines of text as a terminal of width columns shows them. */
static size_t
screen_lines(const char *text, size_t width)
{
	size_t lines = 0, cols = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n') {
			lines += cols == 0 ? 1 : (cols + width - 1) / width;
			cols = 0;
		} else if ((*p & 0xc0) != 0x80) {
			cols++;
		}
	}
	return lines;
}

static void
check_stats_object(json_t *o, const struct stats *s)
{
	static const char *const keys[] = { "n", "min", "median", "mean",
		"p95", "p99", "max", "stddev", "mad", "ci95_low", "ci95_high",
		"outliers" };
	size_t i;

	ck_assert_ptr_nonnull(o);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ck_assert_msg(json_object_get(o, keys[i]) != NULL, "no %s",
		    keys[i]);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "n")),
	    (json_int_t)s->n);
	ck_assert_double_eq_tol(json_number_value(json_object_get(o, "median")),
	    s->median, 1e-6);
	/* under 2 samples there is no interval: null, not low == high */
	if (s->n < 2) {
		ck_assert(json_is_null(json_object_get(o, "ci95_low")));
		ck_assert(json_is_null(json_object_get(o, "ci95_high")));
		return;
	}
	ck_assert_double_eq_tol(
	    json_number_value(json_object_get(o, "ci95_high")), s->ci95_high,
	    1e-6);
}

/*
 * The placement line speaks up only when a pinned run's server backend was
 * not on its client's CPU, and says why; SQLite has no backend to pin.
 */
START_TEST(test_placement_note)
{
	char note[256], *text;
	struct cell *c;

	res.pinned = 1;
	res.cells[0].client_cpu = 1;
	res.cells[0].server_cpu = -1; /* embedded: no server process */
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 0);
	ck_assert_str_eq(note, "");
	/* every report gives the placement */
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "\nplacement: pinned, worker N and "
	    "its server backends on the Nth CPU the run may use; seen while "
	    "the tests ran: client on CPU 1\n"));
	free(text);
	text = render(&report_markdown_ops);
	ck_assert_ptr_nonnull(strstr(text, "\nPlacement: pinned, worker N and "
	    "its server backends on the Nth CPU the run may use; seen while "
	    "the tests ran: client on CPU 1.\n"));
	free(text);
	text = render(&report_html_ops);
	ck_assert_ptr_nonnull(strstr(text, "<p class=\"meta\">Placement: "
	    "pinned, worker N"));
	free(text);
	text = render(&report_csv_ops);
	ck_assert_ptr_nonnull(strstr(text, ",outliers,pinned,client_cpu,"
	    "server_cpu,storage\n"));
	ck_assert_ptr_nonnull(strstr(text, ",1,1,-1,\n"));
	free(text);
#ifdef HAVE_LIBPQ
	c = result_add_cell(&res, "postgres", "rollback", "per-worker", 1);
	c->client_cpu = 1;
	c->server_cpu = 1;
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 0);
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "seen while the tests ran: client "
	    "on CPU 1, postgres backend on CPU 1\n"));
	free(text);
	c->server_cpu = 0;
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 1);
	ck_assert_str_eq(note, "postgres backend seen away from its client's "
	    "CPU in 1 of 1 cells: the server's process could not be moved "
	    "(that takes the server's user or CAP_SYS_NICE)");
	/* per backend: a second cell on its client's CPU */
	c = result_add_cell(&res, "postgres", "per-test", "per-worker", 1);
	c->client_cpu = 2;
	c->server_cpu = 2;
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "client on CPU 1, postgres backend "
	    "on its client's CPU in 1 of 2 cells; postgres backend seen away "
	    "from its client's CPU in 1 of 2 cells"));
	free(text);
	c->server_cpu = -1; /* on this host, not read */
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 1);
	ck_assert_str_eq(note, "postgres backend's CPU not read in 1 of 2 "
	    "cells (/proc/PID/stat not readable)");
	res.cells[res.n_cells - 2].server_cpu = BACKEND_CPU_REMOTE;
	c->server_cpu = BACKEND_CPU_REMOTE;
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 1);
	ck_assert_str_eq(note, "postgres backends not pinned: the server is "
	    "not on this host");
	text = render(&report_json_ops);
	ck_assert_ptr_nonnull(strstr(text, "\"note\":\"postgres backends "
	    "not pinned: the server is not on this host\""));
	ck_assert_ptr_nonnull(strstr(text, "\"backends\":[{\"backend\":"
	    "\"postgres\",\"server\":\"another host\",\"cells\":2,"));
	free(text);
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "client on CPU 1, postgres server "
	    "on another host; postgres backends not pinned"));
	free(text);
	res.pinned = 0;
	ck_assert_int_eq(report_placement_note(&res, note, sizeof note), 0);
#else
	(void)c;
#endif
}
END_TEST

START_TEST(test_json_contract)
{
	static const char *const phases[] = { "session_setup", "test_setup",
		"body", "test_teardown", "session_teardown" };
	static const char *const sections[] = { "validation", "state_checks",
		"scaling", "failures", "cost_models", "drift",
		"recommendations" };
	json_error_t jerr;
	json_t *root, *cell, *f;
	char *text;
	size_t i;

	text = render(&report_json_ops);
	root = json_loads(text, 0, &jerr);
	ck_assert_msg(root != NULL, "%s at %d", jerr.text, jerr.position);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(root, "schema_version")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(
			     json_object_get(root, "tool"), "version")),
	    "9.9.9");
	ck_assert_str_eq(json_string_value(json_object_get(
			     json_object_get(root, "host"), "cpu")),
	    "Test CPU \"quoted\"");
	ck_assert_int_eq(json_integer_value(json_object_get(
			     json_object_get(root, "config"), "tests")),
	    421);
	ck_assert_str_eq(
	    json_string_value(json_object_get(
		json_object_get(json_array_get(json_object_get(root,
						   "backends"),
				    0),
		    "settings"),
		"journal_mode")),
	    "memory");
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		ck_assert_msg(json_is_array(json_object_get(root,
				  sections[i])),
		    "no %s array", sections[i]);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "cells")), 2);
	cell = json_array_get(json_object_get(root, "cells"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(cell, "strategy")),
	    "per-test");
	ck_assert_int_eq(json_integer_value(json_object_get(cell, "failed")),
	    2);
	ck_assert_int_eq(json_integer_value(json_object_get(cell,
			     "tests_run")),
	    102);
	for (i = 0; i < 5; i++)
		check_stats_object(json_object_get(json_object_get(cell,
						       "phases"),
				       phases[i]),
		    &res.cells[1].stats[i]);
	check_stats_object(json_object_get(cell, "overhead"),
	    &res.cells[1].stats[SERIES_OVERHEAD]);
	check_stats_object(json_object_get(cell, "per_test"),
	    &res.cells[1].stats[SERIES_PER_TEST]);
	ck_assert_uint_eq(json_array_size(json_object_get(json_object_get(cell,
							      "samples"),
			      "body")),
	    100);
	f = json_array_get(json_object_get(root, "failures"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "failures")),
	    1);
	ck_assert_int_eq(json_integer_value(json_object_get(f, "count")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(f, "statement")),
	    3);
	ck_assert_str_eq(json_string_value(json_object_get(f, "test")),
	    "tests/05-x.sql");
	json_decref(root);
	free(text);
}
END_TEST

START_TEST(test_text_quotes_measured_figures)
{
	char *text, **lines;
	size_t n;

	text = render(&report_text_ops);
	/* rollback overhead median: setups 100..102 -> median 101 + 100 */
	ck_assert_double_eq_tol(res.cells[0].stats[SERIES_OVERHEAD].median,
	    201, 1e-9);
	ck_assert_ptr_nonnull(strstr(text, "\nrollback      101 ns   17.0 "));
	ck_assert_ptr_nonnull(strstr(text, "\nper-test"));
	ck_assert_ptr_nonnull(strstr(text, "201 ns"));
	ck_assert_ptr_nonnull(strstr(text, "\nclock: CLOCK_MONOTONIC"));
	/* the decision comes first, after the title line */
	ck_assert_ptr_nonnull(strstr(text, "suite of 421 tests a round\n\n"
	    "decision\n  sqlite: use rollback, 201 ns a test, the cheapest. "));
	lines = report_decision(&res, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_msg(strstr(lines[0], "a test, the cheapest. Isolation was not "
	    "checked (--no-validate): run dbbench validate before relying "
	    "on it.") != NULL, "%s", lines[0]);
	report_free_lines(lines, n);
	/* one round a cell: no CI, never a CI of zero width */
	ck_assert_ptr_nonnull(strstr(text, "  no CI (1 round)  "));
	ck_assert_ptr_null(strstr(text, "\xc2\xb1" "0.00%"));
	/* nothing validated: no matrix, no state checks */
	ck_assert_ptr_null(strstr(text, "isolation on"));
	ck_assert_ptr_null(strstr(text, "state checks"));
	/* per-test: 300 µs + 30 µs = 330 µs, 1,642x rollback */
	ck_assert_ptr_nonnull(strstr(text, "330 \xc2\xb5s"));
	ck_assert_ptr_nonnull(strstr(text, "  1,642x\n"));
	/* the table says it: only -v repeats it as a sentence */
	ck_assert_ptr_null(strstr(text, "(1,642x;"));
	free(text);
	text = render_verbose();
	ck_assert_ptr_nonnull(strstr(text, "sqlite: against rollback, "
	    "per-test costs 330 \xc2\xb5s per test (1,642x; 139 ms over 421"));
	ck_assert_ptr_nonnull(strstr(text, "overhead no CI (1 round);"));
	/* suite of 421 tests x 330 µs mean = 139 ms */
	ck_assert_ptr_nonnull(strstr(text, "139 ms"));
	ck_assert_ptr_nonnull(strstr(text, "2 of 102 tests failed"));
	ck_assert_ptr_nonnull(strstr(text, "no such table: nope (2 times)"));
	ck_assert_ptr_nonnull(strstr(text, "sqlite 3.40.1: journal_mode="
					   "memory"));
	free(text);
}
END_TEST

/* Unescaped '|' in a line: the cell separators of a Markdown table row. */
static int
md_pipes(const char *line, size_t len)
{
	size_t i;
	int n = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		if (line[i] == '|')
			n++;
	}
	return n;
}

/* Every row of the table whose header line starts with header has the
 * header's number of cells. */
static void
check_md_table(const char *text, const char *header)
{
	const char *line, *end;
	int want, rows = 0;

	line = strstr(text, header);
	ck_assert_msg(line != NULL, "no table '%s'", header);
	end = strchr(line, '\n');
	want = md_pipes(line, (size_t)(end - line));
	for (line = end + 1; *line == '|'; line = end + 1) {
		end = strchr(line, '\n');
		ck_assert_int_eq(md_pipes(line, (size_t)(end - line)), want);
		rows++;
	}
	ck_assert_int_ge(rows, 2); /* the alignment row and a row of data */
}

START_TEST(test_markdown_tables)
{
	char *text;

	free(res.config.workload);
	res.config.workload = xstrdup("shop|<b>*x*");
	text = render(&report_markdown_ops);
	ck_assert_ptr_nonnull(strstr(text, "workload shop\\|\\<b\\>\\*x\\*\n"));
	ck_assert_ptr_null(strstr(text, "<b>"));
	check_md_table(text, "| strategy | setup |");
	check_md_table(text, "| backend | version |");
	check_md_table(text, "| backend | strategy | phase |");
	/* the cheapest in bold; per-test: 300 µs + 30 µs, 1,642x rollback */
	ck_assert_ptr_nonnull(strstr(text, "| **rollback** | 101 ns | 17.0 "
					   "\xc2\xb5s | 100 ns | **201 ns** |"));
	ck_assert_ptr_nonnull(strstr(text, "| per-test | 300 \xc2\xb5s | "
					   "20.0 \xc2\xb5s | 30.0 \xc2\xb5s | "
					   "330 \xc2\xb5s |"));
	ck_assert_ptr_nonnull(strstr(text, "| 139 ms | 1,642x |\n"));
	ck_assert_ptr_nonnull(strstr(text, "| sqlite | per-test | body | "
					   "tests/05-x.sql | 3 | tests/05-x.sql:7: "
					   "sqlite: no such table: nope | 2 |\n"));
	ck_assert_ptr_nonnull(strstr(text, "### Recommendations\n\n- sqlite: "
					   "rollback is the cheapest strategy"));
	ck_assert_ptr_nonnull(strstr(text, "2 of 102 tests failed"));
	/* one backend: no migration table */
	ck_assert_ptr_null(strstr(text, "Migration"));
	free(text);
}
END_TEST

START_TEST(test_csv_rows_and_quoting)
{
	const char *line;
	char *text;
	size_t lines = 0;

	free(res.cells[1].pool);
	res.cells[1].pool = xstrdup("odd, \"quoted\"\npool");
	text = render(&report_csv_ops);
	for (line = text; *line != '\0'; line++)
		if (*line == '\n')
			lines++;
	/* a header, 8 series x 2 cells, and the line break inside the pool
	 * field of each of the 8 per-test rows */
	ck_assert_uint_eq(lines, 1 + 8 * 2 + 8);
	ck_assert_ptr_eq(strstr(text, "backend,strategy,workers,pool,"
				      "seed_scale,phase,n,min,median,mean,p95,"
				      "p99,max,stddev,mad,ci95_low,ci95_high,"
				      "outliers,pinned,client_cpu,server_cpu,"
				      "storage\n"),
	    text);
	/* rollback overhead: 100 tests, 200..202 ns, median 201 */
	ck_assert_ptr_nonnull(strstr(text, "\nsqlite,rollback,1,per-worker,1,"
					   "overhead,100,200,201,"));
	ck_assert_ptr_nonnull(strstr(text, "\nsqlite,rollback,1,per-worker,1,"
					   "suite_overhead,1,201,201,201,"));
	ck_assert_ptr_nonnull(strstr(text, "\nsqlite,per-test,1,\"odd, "
					   "\"\"quoted\"\"\npool\",1,session_setup,"
					   "1,350000,350000,"));
	free(text);
}
END_TEST

/* Occurrences of needle in haystack. */
static int
count_of(const char *haystack, const char *needle)
{
	const char *p;
	int n = 0;

	for (p = strstr(haystack, needle); p != NULL;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

START_TEST(test_html_page)
{
	char *text;

	free(res.config.workload);
	res.config.workload = xstrdup("<script>alert('x')</script>&");
	text = render(&report_html_ops);
	ck_assert_ptr_eq(strstr(text, "<!DOCTYPE html>"), text);
	ck_assert_ptr_nonnull(strstr(text, "</html>\n"));
	/* escaped everywhere; nothing loaded from elsewhere */
	ck_assert_ptr_null(strstr(text, "<script"));
	ck_assert_ptr_nonnull(strstr(text, "&lt;script&gt;alert(&#39;x&#39;)"
					   "&lt;/script&gt;&amp;</h1>"));
	ck_assert_ptr_nonnull(strstr(text, "Test CPU &quot;quoted&quot;"));
	ck_assert_ptr_null(strstr(text, "<link"));
	ck_assert_ptr_null(strstr(text, "src="));
	ck_assert_ptr_null(strstr(text, "href="));
	/* the overhead chart: a bar a cell; one round, so no whiskers */
	ck_assert_int_eq(count_of(text, "<svg "), 3);
	ck_assert_int_eq(count_of(text, "class=\"chart-overhead\""), 1);
	ck_assert_int_eq(count_of(text, "<rect class=\"bar\""), 2);
	ck_assert_int_eq(count_of(text, "<path class=\"whisker\""), 0);
	ck_assert_ptr_nonnull(strstr(text, "<title>sqlite per-test: 330 "
					   "\xc2\xb5s per test, no CI (1 round)"
					   "</title>"));
	ck_assert_ptr_nonnull(strstr(text, "<td>no CI (1 round)</td>"));
	/* the decision opens the page, before any table */
	ck_assert_ptr_nonnull(strstr(text, "<div class=\"decision\">"));
	ck_assert(strstr(text, "<div class=\"decision\">") <
	    strstr(text, "<table"));
	/* one worker count: no scaling chart */
	ck_assert_ptr_null(strstr(text, "chart-scaling"));
	/* a histogram a cell; rollback's 100 tests take 3 values */
	ck_assert_int_eq(count_of(text, "class=\"histogram\""), 2);
	ck_assert_ptr_nonnull(strstr(text, "sqlite rollback: per-test time of "
					   "100 tests"));
	ck_assert_ptr_nonnull(strstr(text, "median 17.2 \xc2\xb5s"));
	ck_assert_int_eq(count_of(text, ": 34 tests</title>") +
		count_of(text, ": 33 tests</title>"),
	    3 + 3);
	ck_assert_ptr_nonnull(strstr(text, "<tr class=\"best\"><td>rollback"));
	ck_assert_ptr_nonnull(strstr(text, "no such table: nope</td>"
					   "<td>2</td>"));
	free(text);
}
END_TEST

/* The same strategy at 1, 2 and 4 workers: the scaling chart appears. */
START_TEST(test_html_scaling_chart)
{
	struct cell *c;
	unsigned w;
	char *text;

	for (w = 2; w <= 4; w += 2) {
		c = result_add_cell(&res, "sqlite", "rollback", "per-worker", 1);
		c->workers = w;
		add_tests(c, 10, 100, 17000, 100);
		add_tests(c, 10, 100, 17000, 100); /* two rounds: a CI */
	}
	res.config.workers = xcalloc(3, sizeof *res.config.workers);
	res.config.workers[0] = 1;
	res.config.workers[1] = 2;
	res.config.workers[2] = 4;
	res.config.n_workers = 3;
	result_summarize(&res);
	text = render(&report_html_ops);
	/* every chart names the worker count: they differ only in it */
	ck_assert_ptr_nonnull(strstr(text, ">sqlite rollback 1 worker</text>"));
	ck_assert_ptr_nonnull(strstr(text, ">sqlite rollback 4 workers</text>"));
	ck_assert_ptr_nonnull(strstr(text, "<title>sqlite rollback 2 workers: "));
	ck_assert_ptr_nonnull(strstr(text, ">sqlite rollback 4 workers: "
					   "per-test time of 20 tests</text>"));
	ck_assert_int_eq(count_of(text, "<path class=\"whisker\""), 2);
	ck_assert_ptr_nonnull(strstr(text, "<h2>sqlite, 1 worker</h2>"));
	ck_assert_int_eq(count_of(text, "class=\"chart-scaling\""), 1);
	ck_assert_int_eq(count_of(text, "<g class=\"series\""), 1);
	ck_assert_int_eq(count_of(text, "<circle class=\"point\""), 3);
	ck_assert_ptr_nonnull(strstr(text, "<title>4 workers: 1.00 ms"));
	ck_assert_ptr_nonnull(strstr(text, ">sqlite rollback (per-worker)<"));
	free(text);
}
END_TEST

/* A second backend: the migration table and dialect failures. */
START_TEST(test_migration_sections)
{
	struct cell *c;
	char *md, *html;

	res.backends = xreallocarray(res.backends, 2, sizeof *res.backends);
	memset(&res.backends[1], 0, sizeof res.backends[1]);
	res.backends[1].name = xstrdup("postgres");
	res.backends[1].info.version = xstrdup("15.1");
	res.n_backends = 2;
	c = result_add_cell(&res, "postgres", "rollback", "per-worker", 1);
	add_tests(c, 100, 1000, 34000, 1000);
	result_add_failure(&res, "postgres", "rollback", "tests/07-y.sql",
	    "body", 2, "tests/07-y.sql:4: postgres: function datetime does "
		       "not exist");
	result_summarize(&res);
	md = render(&report_markdown_ops);
	html = render(&report_html_ops);
	ck_assert_ptr_nonnull(strstr(md, "### Migration: sqlite to postgres"));
	check_md_table(md, "| strategy | overhead sqlite | overhead postgres");
	/* 2001 / 201 ns = 10.0x; (2001 + 34000) / (201 + 17000) = 2.1x */
	ck_assert_ptr_nonnull(strstr(md, "| rollback | 201 ns | 2.00 "
					 "\xc2\xb5s | 10.0x | 2.1x |"));
	ck_assert_ptr_nonnull(strstr(md, "- postgres: tests/07-y.sql statement "
					 "2: tests/07-y.sql:4: postgres: "
					 "function datetime does not exist\n"));
	ck_assert_ptr_nonnull(strstr(html, "<h2>Migration: sqlite to "
					   "postgres</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "<li>postgres: tests/07-y.sql "
					   "statement 2: "));
	ck_assert_int_eq(count_of(html, "<rect class=\"bar\""), 3);
	free(md);
	free(html);
}
END_TEST

/* s without its ANSI escape sequences (ESC [ ... m), in place. */
static char *
strip_ansi(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (r[0] == '\033' && r[1] == '[') {
			r = strchr(r, 'm');
			ck_assert_ptr_nonnull(r);
			r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

START_TEST(test_text_color)
{
	struct report_options opts = { .color = 1 };
	struct strbuf sb;
	struct db_error err;
	char *plain, *colored;

	res.config.rounds = 0; /* adaptive, and per-test short of target */
	res.cells[1].converged = 0;
	plain = render(&report_text_ops);
	ck_assert_ptr_null(strchr(plain, '\033'));
	strbuf_init(&sb);
	ck_assert_int_eq(report_text_ops.write(&res, &opts, &sb, &err), DB_OK);
	colored = strbuf_detach(&sb);
	/* the cheapest strategy, its overhead, the CI warning, failures */
	ck_assert_ptr_nonnull(strstr(colored, REPORT_ANSI_GOOD "rollback"
	    REPORT_ANSI_RESET "  "));
	ck_assert_ptr_nonnull(strstr(colored, REPORT_ANSI_GOOD "201 ns"
	    REPORT_ANSI_RESET));
	ck_assert_ptr_nonnull(strstr(colored, "\nper-test  "));
	ck_assert_ptr_nonnull(strstr(colored, REPORT_ANSI_WARN
	    "no CI (1 round)" REPORT_ANSI_RESET));
	ck_assert_ptr_nonnull(strstr(colored, "\n" REPORT_ANSI_BAD
	    "failures (1 distinct)" REPORT_ANSI_RESET "\n"));
	/* colour adds escapes and nothing else: the columns stay put */
	ck_assert_str_eq(strip_ansi(colored), plain);
	/* JSON, CSV, Markdown and HTML ignore it */
	strbuf_init(&sb);
	ck_assert_int_eq(report_markdown_ops.write(&res, &opts, &sb, &err),
	    DB_OK);
	ck_assert_ptr_null(strchr(sb.buf, '\033'));
	strbuf_fini(&sb);
	free(plain);
	free(colored);
}
END_TEST

START_TEST(test_format_ns)
{
	static const struct {
		double ns;
		const char *text;
	} cases[] = { { 0, "0 ns" }, { 212.4, "212 ns" }, { 999, "999 ns" },
		{ 1000, "1.00 \xc2\xb5s" }, { 17400, "17.4 \xc2\xb5s" },
		{ 333000, "333 \xc2\xb5s" }, { 1250000, "1.25 ms" },
		{ 2.5e9, "2.50 s" }, { 125e9, "125 s" } };
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report_format_ns(buf, sizeof buf, cases[i].ns);
		ck_assert_str_eq(buf, cases[i].text);
	}
	report_format_count(buf, sizeof buf, 1642.4);
	ck_assert_str_eq(buf, "1,642");
	report_format_count(buf, sizeof buf, 1234567);
	ck_assert_str_eq(buf, "1,234,567");
	report_format_count(buf, sizeof buf, 2.44);
	ck_assert_str_eq(buf, "2.4");
	report_format_count(buf, sizeof buf, 100);
	ck_assert_str_eq(buf, "100");
}
END_TEST

START_TEST(test_shares_and_projection)
{
	const struct cell *best;

	best = report_cheapest_cell(&res, "sqlite", 1);
	ck_assert_str_eq(best->strategy, "rollback");
	ck_assert_ptr_null(report_cheapest_cell(&res, "postgres", 1));
	/* per-test: mean overhead 330001 of mean per test 350001 */
	ck_assert_double_eq_tol(report_overhead_share(&res.cells[1]),
	    330001.0 / 350001.0, 1e-4);
	ck_assert_double_eq_tol(report_suite_overhead_ns(&res, &res.cells[1]),
	    421 * 330000.99, 421 * 0.02);
}
END_TEST

/*
 * A validation over two backends, built by hand: three scenarios, two
 * strategies, and state checks of two tests.
 */
static void
add_validations(void)
{
	static const struct {
		const char *backend, *strategy, *scenario;
		enum verdict v;
		const char *detail;
	} cells[] = {
		{ "sqlite", "rollback", "PG-SEQ", VERDICT_ISOLATED, "id: 1" },
		{ "sqlite", "per-test", "PG-SEQ", VERDICT_ISOLATED, "id: 1" },
		{ "sqlite", "rollback", "SQ-NEST", VERDICT_ERROR,
		    "`BEGIN` failed: nested" },
		{ "sqlite", "per-test", "SQ-NEST", VERDICT_ISOLATED,
		    "rows: 0" },
		{ "sqlite", "rollback", "PG-NOTIFY", VERDICT_NA, "PG only" },
		{ "sqlite", "per-test", "PG-NOTIFY", VERDICT_NA, "PG only" },
		{ "postgres", "rollback", "PG-SEQ", VERDICT_LEAK,
		    "id: 2, expected 1" },
		{ "postgres", "per-test", "PG-SEQ", VERDICT_ISOLATED, "id: 1" },
		{ "postgres", "rollback", "SQ-NEST", VERDICT_LEAK,
		    "rows: 1, expected 0" },
		{ "postgres", "per-test", "SQ-NEST", VERDICT_ISOLATED,
		    "rows: 0" },
		{ "postgres", "rollback", "PG-NOTIFY", VERDICT_FALSE_PASS,
		    "notified: 0, expected 1" },
		{ "postgres", "per-test", "PG-NOTIFY", VERDICT_ISOLATED,
		    "notified: 1" },
	};
	size_t i;

	res.backends = xreallocarray(res.backends, 2, sizeof *res.backends);
	memset(&res.backends[1], 0, sizeof res.backends[1]);
	res.backends[1].name = xstrdup("postgres");
	res.n_backends = 2;
	res.config.strategies = xcalloc(2, sizeof *res.config.strategies);
	res.config.strategies[0] = xstrdup("rollback");
	res.config.strategies[1] = xstrdup("per-test");
	res.config.n_strategies = 2;
	res.config.validate = 1;
	res.config.check_state = 1;
	for (i = 0; i < sizeof cells / sizeof cells[0]; i++)
		result_add_validation(&res, cells[i].backend,
		    cells[i].strategy, cells[i].scenario, cells[i].v,
		    cells[i].detail);
	result_add_scenario(&res, "PG-SEQ", "nextval is not undone",
	    "restart the sequences");
	result_add_scenario(&res, "PG-NOTIFY", "NOTIFY is not delivered",
	    "capture notifications");
	result_add_scenario(&res, "SQ-NEST", "nested BEGIN",
	    "use savepoints");
	result_add_scenario(&res, "SQ-NEST", "a second call", "is ignored");
	result_add_state_check(&res, "postgres", "rollback", "tests/01.sql", 1,
	    "sequence t_id_seq: next value 3, was 2");
	result_add_state_check(&res, "postgres", "rollback", "tests/02.sql", 0,
	    "");
	result_add_state_check(&res, "postgres", "per-test", "tests/01.sql", 0,
	    "");
	result_add_state_check(&res, "postgres", "per-test", "tests/02.sql", 0,
	    "");
}

START_TEST(test_validation_json)
{
	json_error_t jerr;
	json_t *root, *a, *e;
	char *text;

	add_validations();
	ck_assert_uint_eq(res.n_scenarios, 3); /* the repeat was ignored */
	ck_assert_uint_eq(result_leaked_tests(&res), 1);
	text = render(&report_json_ops);
	root = json_loads(text, 0, &jerr);
	ck_assert_msg(root != NULL, "%s", jerr.text);
	a = json_object_get(root, "validation");
	ck_assert_uint_eq(json_array_size(a), 12);
	e = json_array_get(a, 6);
	ck_assert_str_eq(json_string_value(json_object_get(e, "backend")),
	    "postgres");
	ck_assert_str_eq(json_string_value(json_object_get(e, "strategy")),
	    "rollback");
	ck_assert_str_eq(json_string_value(json_object_get(e, "scenario")),
	    "PG-SEQ");
	ck_assert_str_eq(json_string_value(json_object_get(e, "verdict")),
	    "leak");
	ck_assert_str_eq(json_string_value(json_object_get(e, "detail")),
	    "id: 2, expected 1");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(a,
							       2),
			     "verdict")),
	    "error");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(a,
							       4),
			     "verdict")),
	    "n/a");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(a,
							       10),
			     "verdict")),
	    "false pass");
	/* the cells that differ, n/a excluded: PG-SEQ and SQ-NEST rollback */
	a = json_object_get(root, "migration_risks");
	ck_assert_uint_eq(json_array_size(a), 2);
	e = json_array_get(a, 1);
	ck_assert_str_eq(json_string_value(json_object_get(e, "scenario")),
	    "SQ-NEST");
	ck_assert_str_eq(json_string_value(json_object_get(e, "strategy")),
	    "rollback");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(e,
							       "verdicts"),
			     "sqlite")),
	    "error");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(e,
							       "verdicts"),
			     "postgres")),
	    "leak");
	a = json_object_get(root, "state_checks");
	ck_assert_uint_eq(json_array_size(a), 4);
	e = json_array_get(a, 0);
	ck_assert(json_is_true(json_object_get(e, "leaked")));
	ck_assert_str_eq(json_string_value(json_object_get(e, "test")),
	    "tests/01.sql");
	ck_assert(json_is_false(json_object_get(json_array_get(a, 1),
	    "leaked")));
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
						 json_object_get(root,
						     "scenarios"),
						 1),
			     "mitigation")),
	    "capture notifications");
	ck_assert(json_is_true(json_object_get(json_object_get(root, "config"),
	    "check_state")));
	json_decref(root);
	free(text);
}
END_TEST

START_TEST(test_validation_text)
{
	char *text, **lines;
	size_t n;

	add_validations();
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "\nisolation on postgres: "));
	ck_assert_ptr_nonnull(strstr(text,
	    "\nscenario      rollback   per-test\n"
	    "PG-SEQ        leak       isolated\n"
	    "PG-NOTIFY     false pass isolated\n"
	    "SQ-NEST       leak       isolated\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nPG-NOTIFY     n/a        n/a\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nlegend: isolated = "));
	/* one line a backend, and the isolation that differs */
	ck_assert_ptr_nonnull(strstr(text, "\ndecision\n  sqlite: use "));
	lines = report_decision(&res, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(lines[0], "sqlite: use rollback, 201 ns a test, "
	    "isolates 1 of 2 scenarios; per-test isolates 2 at 330 \xc2\xb5s "
	    "(1,642x).");
	ck_assert_str_eq(lines[1], "migration: 2 (scenario, strategy) "
	    "verdicts differ between sqlite and postgres (migration risks "
	    "below).");
	report_free_lines(lines, n);
	/* without -v: the scenarios that went wrong, named */
	ck_assert_ptr_nonnull(strstr(text, "\nwent wrong (details: -v): PG-SEQ, "
	    "PG-NOTIFY, SQ-NEST\n"));
	ck_assert_ptr_null(strstr(text, "mitigation: use savepoints"));
	ck_assert_ptr_null(strstr(text, "observed\n"));
	free(text);
	text = render_verbose();
	/* a run describes only the cells that went wrong */
	ck_assert_ptr_nonnull(strstr(text, "\n  PG-SEQ       rollback: leak: "
					   "id: 2, expected 1\n"));
	ck_assert_ptr_null(strstr(text, "isolated: id: 1"));
	ck_assert_ptr_nonnull(strstr(text,
	    "\n  SQ-NEST (sqlite: error under rollback; postgres: leak under "
	    "rollback): nested BEGIN\n    mitigation: use savepoints\n"));
	ck_assert_ptr_null(strstr(text, "  PG-SEQ (sqlite"));
	ck_assert_ptr_nonnull(strstr(text, "\n  PG-SEQ under rollback: "
					   "sqlite isolated, postgres leak\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  postgres rollback: 1 of 2 "
					   "tests left the database "
					   "different\n    tests/01.sql: "
					   "sequence t_id_seq: next value 3, "
					   "was 2\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  postgres per-test: no test of "
					   "2 left the database different\n"));
	ck_assert_ptr_nonnull(strstr(text, "postgres: scenarios isolated of "
					   "those that apply: rollback 0/3, "
					   "per-test 3/3"));
	ck_assert_ptr_nonnull(strstr(text, "postgres rollback: 1 of 2 tests "
					   "left the database different: "
					   "tests/01.sql; the tests after it"));
	free(text);
}
END_TEST

/*
 * The decision weighs cost against isolation: a strategy isolating more
 * is picked while a test under it takes at most 1.25x as long; dearer ones
 * are named with their price; rows n/a everywhere are left out.
 */
START_TEST(test_decision_weighs_isolation)
{
	static const struct {
		const char *scenario;
		enum verdict rollback, template, pertest;
	} rows[] = {
		{ "SC-A", VERDICT_LEAK, VERDICT_ISOLATED, VERDICT_ISOLATED },
		{ "SC-B", VERDICT_ISOLATED, VERDICT_ISOLATED, VERDICT_ISOLATED },
		{ "SC-C", VERDICT_FALSE_PASS, VERDICT_FALSE_PASS,
		    VERDICT_FALSE_PASS },
		{ "SC-D", VERDICT_NA, VERDICT_NA, VERDICT_NA },
		{ "SC-F", VERDICT_LEAK, VERDICT_LEAK, VERDICT_ISOLATED },
	};
	struct cell *c;
	char *text, **lines;
	const char *p, *eol;
	size_t i, n;

	/* template: 2 µs more overhead, a test 19.2 µs against 17.2 µs */
	c = result_add_cell(&res, "sqlite", "template", "per-worker", 1);
	add_tests(c, 100, 2000, 17000, 100);
	result_summarize(&res);
	res.config.strategies = xcalloc(3, sizeof *res.config.strategies);
	res.config.strategies[0] = xstrdup("rollback");
	res.config.strategies[1] = xstrdup("per-test");
	res.config.strategies[2] = xstrdup("template");
	res.config.n_strategies = 3;
	res.config.validate = 1;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		result_add_scenario(&res, rows[i].scenario, "title",
		    "mitigation");
		result_add_validation(&res, "sqlite", "rollback",
		    rows[i].scenario, rows[i].rollback, "d");
		result_add_validation(&res, "sqlite", "per-test",
		    rows[i].scenario, rows[i].pertest, "d");
		result_add_validation(&res, "sqlite", "template",
		    rows[i].scenario, rows[i].template, "d");
	}
	lines = report_decision(&res, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_msg(strstr(lines[0], "sqlite: use template, 2.10 "
	    "\xc2\xb5s a test, 10x the cheapest, rollback. It "
	    "isolates 2 of the 4 scenarios that apply (rollback isolates 1; a "
	    "test takes 1.1x as long) and fails 1 that another strategy isolates: "
	    "SC-F. SC-C fails under every strategy (see its mitigation). More "
	    "isolation costs more: per-test isolates 3 at 330 \xc2\xb5s "
	    "(157x).") != NULL, "%s", lines[0]);
	report_free_lines(lines, n);
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "\nSC-C          false pass"));
	ck_assert_ptr_null(strstr(text, "\nSC-D "));
	ck_assert_msg(strstr(text, "row left out)") != NULL, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "\nwent wrong (details: -v): SC-A, SC-C, SC-F\n"));
	/* the decision, the matrix, the legend and the scenarios that went
	 * wrong are broken to fit 100 columns */
	for (p = strstr(text, "\ndecision\n"); *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		ck_assert_uint_le(screen_lines(p, 100) - screen_lines(eol + 1,
		    100), 1);
		if (eol[1] == '\n')
			break; /* the end of the decision */
	}
	for (p = strstr(text, "\nisolation on "); *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		ck_assert_uint_le(screen_lines(p, 100) - screen_lines(eol + 1,
		    100), 1);
		if (eol[1] == '\n')
			break;
	}
	free(text);
}
END_TEST

/*
 * Markdown and HTML carry what the text report does: the decision, the
 * matrix, each scenario that went wrong with observations and mitigation,
 * the migration risks and the state checks.
 */
START_TEST(test_validation_markdown_html)
{
	char *text;

	add_validations();
	text = render(&report_markdown_ops);
	ck_assert_ptr_nonnull(strstr(text, "\n### Decision\n\n- sqlite: use "
					   "rollback, 201 ns a test, isolates 1 "
					   "of 2 scenarios;"));
	ck_assert_ptr_nonnull(strstr(text, "\n### Isolation on postgres\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n| scenario | rollback | "
					   "per-test |\n|---|---|---|\n"));
	/* verdicts that went wrong in bold */
	ck_assert_ptr_nonnull(strstr(text, "\n| PG-SEQ | **leak** | isolated "
					   "|\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n| PG-NOTIFY | n/a | n/a |\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n- **SQ-NEST** (sqlite: error "
					   "under rollback; postgres: leak under "
					   "rollback): nested BEGIN\n  - observed "
					   "on sqlite under rollback: error: "
					   "\\`BEGIN\\` failed: nested\n  - "
					   "observed on postgres under rollback: "
					   "leak: rows: 1, expected 0\n  - "
					   "mitigation: use savepoints\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n| SQ-NEST | rollback | sqlite: "
					   "error | postgres: leak |\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n- postgres rollback: 1 of 2 "
					   "tests left the database different\n"
					   "  - tests/01.sql: sequence t\\_id\\_seq: "
					   "next value 3, was 2\n"));
	ck_assert_ptr_null(strstr(text, "mitigations above"));
	free(text);
	text = render(&report_html_ops);
	ck_assert_ptr_nonnull(strstr(text, "<td class=\"v-leak\" title=\"id: "
					   "2, expected 1\">leak</td>"));
	ck_assert_ptr_nonnull(strstr(text, "<td class=\"v-false-pass\""));
	ck_assert_ptr_nonnull(strstr(text, "<td class=\"v-na\" title=\"PG "
					   "only\">n/a</td>"));
	ck_assert_ptr_nonnull(strstr(text, "<li>mitigation: use savepoints"
					   "</li>"));
	ck_assert_ptr_nonnull(strstr(text, "<h2>Migration risks</h2>"));
	ck_assert_ptr_nonnull(strstr(text, "<h2>State checks</h2>"));
	ck_assert_ptr_nonnull(strstr(text, "<li>tests/01.sql: sequence "
					   "t_id_seq: next value 3, was 2</li>"));
	free(text);
}
END_TEST

/*
 * The Markdown and HTML reports say so when a section has nothing to list:
 * no statement that fails on one backend only, no verdict that differs
 * between the backends, no state check.
 */
START_TEST(test_markup_empty_sections)
{
	static const char *const backends[] = { "sqlite", "postgres" };
	struct cell *c;
	char *md, *html;
	size_t i;

	res.backends = xreallocarray(res.backends, 2, sizeof *res.backends);
	memset(&res.backends[1], 0, sizeof res.backends[1]);
	res.backends[1].name = xstrdup("postgres");
	res.n_backends = 2;
	c = result_add_cell(&res, "postgres", "rollback", "per-worker", 1);
	add_tests(c, 100, 1000, 34000, 1000);
	/* the statement sqlite fails fails on postgres too: no dialect */
	result_add_failure(&res, "postgres", "per-test", "tests/05-x.sql",
	    "body", 3, "tests/05-x.sql:7: postgres: relation does not exist");
	res.config.strategies = xcalloc(1, sizeof *res.config.strategies);
	res.config.strategies[0] = xstrdup("rollback");
	res.config.n_strategies = 1;
	res.config.check_state = 1;
	for (i = 0; i < 2; i++)
		result_add_validation(&res, backends[i], "rollback", "PG-SEQ",
		    VERDICT_ISOLATED, "id: 1");
	result_add_scenario(&res, "PG-SEQ", "nextval is not undone",
	    "restart the sequences");
	result_summarize(&res);
	md = render(&report_markdown_ops);
	html = render(&report_html_ops);
	ck_assert_ptr_nonnull(strstr(md, "|\n\nNo statement fails on one "
					 "backend only.\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n### Migration risks\n\nIsolation "
					 "that differs between sqlite and the "
					 "other backends.\n\nNo scenario's "
					 "verdict differs.\n"));
	ck_assert_ptr_nonnull(strstr(md, "name order.\n\nNothing was "
					 "checked.\n"));
	ck_assert_ptr_nonnull(strstr(html, "</table>\n<p>No statement fails "
					   "on one backend only.</p>\n"));
	ck_assert_ptr_nonnull(strstr(html, "other backends.</p>\n<p>No "
					   "scenario's verdict differs.</p>\n"));
	ck_assert_ptr_null(strstr(html, "<table class=\"risks\">"));
	ck_assert_ptr_nonnull(strstr(html, "name order.</p>\n<ul>\n<li>"
					   "nothing was checked</li>\n</ul>\n"));
	free(md);
	free(html);
}
END_TEST

/* A validate report: no measurements, every cell described. */
START_TEST(test_validate_only_text)
{
	char *text;

	result_fini(&res); /* the fixture's, with measured cells */
	memset(&res, 0, sizeof res);
	res.tool_version = xstrdup("9.9.9");
	res.host_cpu = xstrdup("cpu");
	res.host_os = xstrdup("os");
	res.config.workload = xstrdup("default");
	res.config.workload_dir = xstrdup("/x");
	res.n_backends = 1;
	res.backends = xcalloc(1, sizeof *res.backends);
	res.backends[0].name = xstrdup("sqlite");
	add_validations();
	text = render(&report_text_ops);
	ck_assert_ptr_nonnull(strstr(text, "dbbench 9.9.9 validate: workload "
					   "'default'"));
	ck_assert_ptr_null(strstr(text, "clock:"));
	ck_assert_ptr_null(strstr(text, "measured in"));
	ck_assert_ptr_nonnull(strstr(text, "\nwhat each cell on sqlite "
					   "observed\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  PG-SEQ       rollback, "
					   "per-test: isolated: id: 1\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  PG-NOTIFY    rollback, "
					   "per-test: n/a: PG only\n"));
	free(text);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("report");
	tc = tcase_create("writers");
	tcase_add_checked_fixture(tc, build_result, free_result);
	tcase_add_test(tc, test_json_contract);
	tcase_add_test(tc, test_decision_weighs_isolation);
	tcase_add_test(tc, test_validation_markdown_html);
	tcase_add_test(tc, test_placement_note);
	tcase_add_test(tc, test_text_quotes_measured_figures);
	tcase_add_test(tc, test_shares_and_projection);
	tcase_add_test(tc, test_markdown_tables);
	tcase_add_test(tc, test_csv_rows_and_quoting);
	tcase_add_test(tc, test_html_page);
	tcase_add_test(tc, test_html_scaling_chart);
	tcase_add_test(tc, test_migration_sections);
	tcase_add_test(tc, test_text_color);
	tcase_add_test(tc, test_validation_json);
	tcase_add_test(tc, test_validation_text);
	tcase_add_test(tc, test_validate_only_text);
	tcase_add_test(tc, test_markup_empty_sections);
	suite_add_tcase(s, tc);
	tc = tcase_create("format");
	tcase_add_test(tc, test_format_ns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(report_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
