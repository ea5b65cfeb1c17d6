/*
 * check_cli.c - the command line: defaults, values, and every usage error
 *
 * Table-driven: each bad case is an argument vector, the status expected
 * and a piece of the one-line message that must name what was wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "backend.h"
#include "cell_share.h"
#include "cli.h"
#include "command.h"
#include "report.h"
#include "strbuf.h"

#define MAX_ARGS 12

struct bad_case {
	const char *args[MAX_ARGS]; /* after argv[0], NULL-terminated */
	const char *message;	    /* must appear in err.msg */
};

static const struct bad_case bad_cases[] = {
	{ { "--bogus" }, "unknown option '--bogus'" },
	{ { "-Z" }, "unknown option '-Z'" },
	{ { "frobnicate" }, "unknown command 'frobnicate'" },
	{ { "--backend", "oracle" }, "unknown backend 'oracle' (available: " },
	{ { "--backend", "sqlite,sqlite" }, "'sqlite' is given twice" },
	{ { "--backend", "" }, "--backend: empty name" },
	{ { "--backend", "sqlite," }, "--backend: empty name" },
	{ { "--strategy", "teleport" }, "unknown strategy 'teleport'" },
	{ { "--strategy", "rollback,,per-test" }, "empty name" },
	{ { "--format", "yaml" },
	    "unknown format 'yaml' (available: text, json, markdown, csv, html)" },
	{ { "--protocol", "carrier-pigeon" }, "unknown protocol" },
	{ { "--pool", "shared" }, "--pool: unknown pool 'shared'" },
	{ { "--seed-scale", "0" }, "--seed-scale: 0 is out of range" },
	{ { "--seed-scale", "1,1" }, "--seed-scale: 1 given twice" },
	{ { "--seed-scale", "1,x" }, "--seed-scale: 'x' is not a whole number" },
	{ { "--seed-scale", "" }, "--seed-scale: '' is not a whole number" },
	{ { "--seed-scale", "1," }, "--seed-scale: '' is not a whole number" },
	{ { "--seed-scale", "1,2,3,4,5,6,7,8,9,10,11" }, "at most 10" },
	{ { "--workers", "0" }, "--workers: 0 is out of range" },
	{ { "--workers", "1,2,2" }, "--workers: 2 given twice" },
	{ { "-j", "two" }, "--workers: 'two' is not a whole number" },
	{ { "--workers", "257" }, "out of range" },
	{ { "--dist", "random" }, "--dist: unknown distribution 'random'" },
	{ { "--seed-scale", "100000" }, "out of range" },
	{ { "--template-strategy", "clone" }, "unknown strategy 'clone'" },
	{ { "--sqlite-clone", "cp" }, "unknown method 'cp'" },
	{ { "--tests", "abc" }, "--tests: 'abc' is not a whole number" },
	{ { "--tests", "0" }, "--tests: 0 is out of range" },
	{ { "--tests", "-5" }, "--tests: '-5' is not a whole number" },
	{ { "--tests", "12x" }, "--tests: '12x' is not a whole number" },
	{ { "--tests", "" }, "--tests: '' is not a whole number" },
	{ { "--tests", "99999999999999999999999" }, "out of range" },
	{ { "--tests", " 5" }, "not a whole number" },
	{ { "--rounds", "0" }, "--rounds: 0 is out of range" },
	{ { "--warmup", "1e3" }, "--warmup: '1e3' is not a whole number" },
	{ { "--seed", "-1" }, "--seed: '-1' is not a whole number" },
	{ { "--target-ci", "0" }, "--target-ci: 0 is out of range" },
	{ { "--target-ci", "101" }, "--target-ci: 101 is out of range" },
	{ { "--target-ci", "nan" }, "--target-ci: 'nan' is not a number" },
	{ { "--target-ci", "2pc" }, "--target-ci: '2pc' is not a number" },
	{ { "--max-time", "-1" }, "--max-time: -1 is out of range" },
	{ { "--max-time", "inf" }, "--max-time: 'inf' is not a number" },
	{ { "--max-time", "1e300" }, "--max-time: 1e300 is out of range" },
	{ { "--tests" }, "option '--tests' needs a value" },
	{ { "-t" }, "option '-t' needs a value" },
	{ { "--output", "" }, "--output: empty file name" },
	{ { "--workload", "" }, "--workload: empty name" },
	{ { "--sqlite-path", "" }, "--sqlite-path: empty path" },
	{ { "run", "extra" }, "unexpected argument 'extra'" },
	{ { "--quiet", "stray" }, "unexpected argument 'stray'" },
	{ { "--color", "sometimes" },
	    "--color: unknown value 'sometimes' (available: auto, always, "
	    "never)" },
	{ { "--save", "" }, "--save: empty name" },
	{ { "--save", ".json" }, "--save: empty name" },
	{ { "--save", "x/y" }, "--save: 'x/y' is not a plain file name" },
	{ { "--save", ".." }, "--save: '..' is not a plain file name" },
	{ { "report", "a.json", "--save", "x" },
	    "report: --save does not apply to this command" },
	{ { "report" }, "report: give the saved run to render" },
	{ { "compare", "a.json" }, "compare: give two saved runs" },
	{ { "compare", "a", "b", "c" }, "unexpected argument 'c'" },
	{ { "compare", "a", "b", "-f", "html" },
	    "compare: --format html is not available" },
	{ { "compare", "a", "b", "--save", "x" },
	    "compare: --save does not apply to this command" },
	{ { "compare", "a", "b", "--fail-threshold", "-1" },
	    "--fail-threshold: -1 is out of range" },
	{ { "--fail-threshold", "5" },
	    "--fail-threshold: give --baseline NAME too" },
	{ { "--baseline", "" }, "--baseline: empty file name" },
	{ { "--baseline", "b.json", "-f", "csv" },
	    "--baseline: the comparison is printed on standard output; give -o "
	    "FILE for the csv report" },
	{ { "report", "a.json", "b.json" }, "unexpected argument 'b.json'" },
	{ { "report", "" }, "report: empty file name" },
	{ { "report", "a.json", "--rounds", "3" },
	    "report: --rounds does not apply to this command" },
	{ { "report", "-t", "3", "a.json" },
	    "report: --tests does not apply to this command" },
	{ { "--fail-on-leak", "--no-check-state" },
	    "--fail-on-leak needs the state checks" },
	{ { "validate", "--no-validate", "--no-check-state" },
	    "leave nothing to do" },
	{ { "validate", "extra" }, "unexpected argument 'extra'" },
	{ { "-b", "sqlite", "--dsn", "host=/x" },
	    "--dsn applies to PostgreSQL only, and -b names no PostgreSQL "
	    "backend" },
	{ { "--protocol", "simple" },
	    "--protocol applies to PostgreSQL" },
	{ { "validate", "--template-strategy", "wal_log" },
	    "--template-strategy applies to PostgreSQL only" },
	{ { "--dsn", "nonsense" },
	    "--dsn: 'nonsense' is neither keyword=value pairs" },
	{ { "--dsn", "host=/a", "--dsn", "postgresql:///b" },
	    "--dsn: two DSNs are for postgres; give one DSN per backend" },
	{ { "-b", "postgres", "--sqlite-path", "x.db" },
	    "--sqlite-path applies to SQLite only, and -b names no SQLite "
	    "backend: add sqlite to -b" },
	{ { "--sqlite-memstatus", "sometimes" },
	    "--sqlite-memstatus: unknown setting 'sometimes' (available: "
	    "library, on, off)" },
	{ { "--rounds", "3", "--target-ci", "5" },
	    "--rounds 3 runs exactly that many rounds; --target-ci only ends" },
	{ { "--max-time", "5", "--rounds", "3" },
	    "--max-time only ends adaptive rounds" },
};

/* Parse args (after argv[0]) into cfg, from copies getopt may permute;
 * returns the status. */
static int
parse(const char *const *args, struct config *cfg, struct db_error *err)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0, i, rc;

	argv[argc++] = strdup("dbbench");
	while (argc <= MAX_ARGS && args[argc - 1] != NULL) {
		argv[argc] = strdup(args[argc - 1]);
		argc++;
	}
	argv[argc] = NULL;
	db_error_clear(err);
	rc = cli_parse(argc, argv, cfg, err);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

START_TEST(test_bad_arguments)
{
	const struct bad_case *c = &bad_cases[_i];
	struct config cfg;
	struct db_error err;
	int rc;

	rc = parse(c->args, &cfg, &err);
	ck_assert_msg(rc == DB_EUSAGE, "case %d (%s): status %d", _i,
	    c->args[0], rc);
	ck_assert_msg(strstr(err.msg, c->message) != NULL,
	    "case %d: message '%s' lacks '%s'", _i, err.msg, c->message);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	cli_config_fini(&cfg);
}
END_TEST

START_TEST(test_defaults)
{
	const char *const args[] = { NULL };
	struct config cfg;
	struct db_error err;

	ck_assert_int_eq(parse(args, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_run_entry);
	ck_assert_uint_eq(cfg.n_backends, 1);
	ck_assert_str_eq(cfg.backends[0], "sqlite");
	ck_assert_uint_eq(cfg.n_strategies, 0);
	ck_assert_str_eq(cfg.workload, "default");
	ck_assert_uint_eq(cfg.tests, 0);
	ck_assert_uint_eq(cfg.rounds, 0);
	ck_assert_double_eq_tol(cfg.target_ci, 0.02, 1e-12);
	/* 0: set from the run's first measuring process */
	ck_assert_double_eq_tol(cfg.max_time, 0, 1e-12);
	ck_assert_uint_eq(cfg.warmup, 1);
	ck_assert_uint_eq(cfg.seed, 1);
	ck_assert_ptr_eq(cfg.format, &report_text_ops);
	ck_assert_int_eq(cfg.color, COLOR_AUTO);
	ck_assert_ptr_null(cfg.output);
	ck_assert_uint_eq(cfg.n_backend_options, 0);
	ck_assert_int_eq(cfg.validate, 1);
	ck_assert_int_eq(cfg.check_state, 0);
	ck_assert_int_eq(cfg.fail_on_leak, 0);
	cli_config_fini(&cfg);
}
END_TEST

/* validate turns the state checks on; options override either way. */
START_TEST(test_validation_options)
{
	const char *const validate[] = { "validate", NULL };
	const char *const validate_off[] = { "validate", "--no-check-state",
		NULL };
	const char *const run_on[] = { "--check-state", "--no-validate",
		NULL };
	const char *const leak[] = { "run", "--fail-on-leak", NULL };
	const char *const last_wins[] = { "--check-state", "--no-check-state",
		NULL };
	struct config cfg;
	struct db_error err;

	ck_assert_int_eq(parse(validate, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_validate_entry);
	ck_assert_int_eq(cfg.validate, 1);
	ck_assert_int_eq(cfg.check_state, 1);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(validate_off, &cfg, &err), DB_OK);
	ck_assert_int_eq(cfg.check_state, 0);
	ck_assert_int_eq(cfg.validate, 1);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(run_on, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_run_entry);
	ck_assert_int_eq(cfg.check_state, 1);
	ck_assert_int_eq(cfg.validate, 0);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(leak, &cfg, &err), DB_OK);
	ck_assert_int_eq(cfg.fail_on_leak, 1);
	ck_assert_int_eq(cfg.check_state, 1); /* implied */
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(last_wins, &cfg, &err), DB_OK);
	ck_assert_int_eq(cfg.check_state, 0);
	cli_config_fini(&cfg);
}
END_TEST

START_TEST(test_values)
{
	const char *const args[] = { "run", "-b", "sqlite", "-s",
		"per-test,rollback", "-t", "421", "--target-ci=1.5%",
		"--max-time=2.5", NULL };
	const char *const more[] = { "--rounds", "7", "--warmup", "0",
		"--seed", "18446744073709551615", "-f", "json", NULL };
	const char *const markdown[] = { "--format=markdown", NULL };
	const char *const save[] = { "--save", "main.json", "--color=never",
		NULL };
	struct config cfg;
	struct db_error err;

	ck_assert_int_eq(parse(args, &cfg, &err), DB_OK);
	ck_assert_uint_eq(cfg.n_strategies, 2);
	ck_assert_str_eq(cfg.strategies[0], "per-test");
	ck_assert_str_eq(cfg.strategies[1], "rollback");
	ck_assert_uint_eq(cfg.tests, 421);
	ck_assert_double_eq_tol(cfg.target_ci, 0.015, 1e-12);
	ck_assert_double_eq_tol(cfg.max_time, 2.5, 1e-12);
	cli_config_fini(&cfg);

	ck_assert_int_eq(parse(more, &cfg, &err), DB_OK);
	ck_assert_uint_eq(cfg.rounds, 7);
	ck_assert_uint_eq(cfg.warmup, 0);
	ck_assert_uint_eq(cfg.seed, UINT64_MAX);
	ck_assert_ptr_eq(cfg.format, &report_json_ops);
	cli_config_fini(&cfg);

	ck_assert_int_eq(parse(save, &cfg, &err), DB_OK);
	ck_assert_str_eq(cfg.save, "main");
	ck_assert_int_eq(cfg.color, COLOR_NEVER);
	cli_config_fini(&cfg);

	ck_assert_int_eq(parse(markdown, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.format, &report_markdown_ops);
	ck_assert_str_eq(cfg.format->name, "markdown");
	cli_config_fini(&cfg);
}
END_TEST

START_TEST(test_strategy_all_and_commands)
{
	const char *const all[] = { "-s", "rollback", "--strategy", "all",
		NULL };
	const char *const list[] = { "list", NULL };
	const char *const help[] = { "--tests", "3", "-h", NULL };
	const char *const version[] = { "-V", NULL };
	const char *const report[] = { "report", "-f", "html", "saved.json",
		"-o", "page.html", NULL };
	const char *const compare[] = { "compare", "old.json",
		"--fail-threshold=7.5%", "new.json", NULL };
	const char *const baseline[] = { "--baseline", "main.json", "--save",
		"x", "-f", "json", "-o", "new.json", NULL };
	struct config cfg;
	struct db_error err;

	ck_assert_int_eq(parse(all, &cfg, &err), DB_OK);
	ck_assert_uint_eq(cfg.n_strategies, 0);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(list, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_list_entry);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(help, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_help_entry);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(version, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_version_entry);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(compare, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_compare_entry);
	ck_assert_uint_eq(cfg.n_files, 2);
	ck_assert_str_eq(cfg.files[0], "old.json");
	ck_assert_str_eq(cfg.files[1], "new.json");
	ck_assert_double_eq_tol(cfg.fail_threshold, 0.075, 1e-12);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(baseline, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_run_entry);
	ck_assert_str_eq(cfg.baseline, "main.json");
	ck_assert_str_eq(cfg.save, "x");
	ck_assert_double_eq_tol(cfg.fail_threshold, 0.2, 1e-12);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(report, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_report_entry);
	ck_assert_uint_eq(cfg.n_files, 1);
	ck_assert_str_eq(cfg.files[0], "saved.json");
	ck_assert_ptr_eq(cfg.format, &report_html_ops);
	ck_assert_str_eq(cfg.output, "page.html");
	cli_config_fini(&cfg);
}
END_TEST

/* --dsn without -b picks the backend its form names; --help after a
 * command word asks for that command's page. */
START_TEST(test_dsn_backend_and_command_help)
{
	const char *const keyword[] = { "--dsn", "host=/tmp port=5433", NULL };
	const char *const uri[] = { "--dsn", "postgresql://u@h/db", "-q",
		NULL };
	const char *const both[] = { "-b", "sqlite,postgres", "--protocol",
		"simple", NULL };
	const char *const each[] = { "-b", "sqlite,postgres", "--dsn",
		"host=/x", "--sqlite-clone", "deserialize", NULL };
	const char *const compare_help[] = { "compare", "--help", NULL };
	const char *const global_help[] = { "--help", NULL };
	struct config cfg;
	struct db_error err;

	if (backend_find("postgres") != NULL) {
		ck_assert_int_eq(parse(keyword, &cfg, &err), DB_OK);
		ck_assert_uint_eq(cfg.n_backends, 1);
		ck_assert_str_eq(cfg.backends[0], "postgres");
		cli_config_fini(&cfg);
		ck_assert_int_eq(parse(uri, &cfg, &err), DB_OK);
		ck_assert_str_eq(cfg.backends[0], "postgres");
		cli_config_fini(&cfg);
		ck_assert_int_eq(parse(both, &cfg, &err), DB_OK);
		ck_assert_uint_eq(cfg.n_backends, 2);
		cli_config_fini(&cfg);
		/* each backend's own options, kept for its driver */
		ck_assert_int_eq(parse(each, &cfg, &err), DB_OK);
		ck_assert_uint_eq(cfg.n_backend_options, 2);
		ck_assert_str_eq(cfg.backend_options[0].name, "dsn");
		ck_assert_str_eq(cfg.backend_options[1].value, "deserialize");
		cli_config_fini(&cfg);
	}
	ck_assert_int_eq(parse(compare_help, &cfg, &err), DB_OK);
	ck_assert_ptr_eq(cfg.command, &cmd_help_entry);
	ck_assert_ptr_eq(cfg.help_command, &cmd_compare_entry);
	cli_config_fini(&cfg);
	ck_assert_int_eq(parse(global_help, &cfg, &err), DB_OK);
	ck_assert_ptr_null(cfg.help_command);
	cli_config_fini(&cfg);
}
END_TEST

/* The help names every long option the parser accepts, with defaults. */
START_TEST(test_help_lists_every_option)
{
	static const char *const options[] = { "--backend", "--sqlite-path",
		"--strategy", "--workload", "--tests", "--rounds",
		"--target-ci", "--max-time", "--warmup", "--seed", "--strict",
		"--format", "--output", "--quiet", "--help", "--version",
		"--dsn", "--protocol", "--template-strategy", "--sqlite-clone",
		"--pool", "--seed-scale", "--workers", "--dist",
		"--save", "--baseline",
		"--fail-threshold", "--color", "dbbench report",
		"dbbench compare",
		"--check-state", "--no-check-state",
		"--no-validate", "--fail-on-leak" };
	const char *help = cli_help();
	size_t i;

	for (i = 0; i < sizeof options / sizeof options[0]; i++)
		ck_assert_msg(strstr(help, options[i]) != NULL, "%s missing",
		    options[i]);
	ck_assert_ptr_nonnull(strstr(help, "(default: 2)"));
	ck_assert_ptr_nonnull(strstr(help, "(default: 10)"));
	ck_assert_ptr_nonnull(strstr(help, "dbbench validate"));
	ck_assert_ptr_nonnull(strstr(help, "(default: on in validate, off "
					   "in run)"));
	ck_assert_ptr_nonnull(strstr(help, "4 --fail-on-leak"));
}
END_TEST

/* --child-cells: what the parent writes, a process reads back. */
START_TEST(test_cell_shares)
{
	static const char *const bad[] = { "", "sqlite", "sqlite/rollback",
		"sqlite/rollback/1/1", "sqlite/rollback/1/1=",
		"sqlite/rollback/0/1=1", "sqlite/rollback/1/x=1",
		"/rollback/1/1=1", "sqlite//1/1=1", "sqlite/rollback/1/1=-1",
		"sqlite/rollback/1/1=nan", "sqlite/rollback/1/1=1,",
		"sqlite/rollback/1/1=1;x", "sqlite/roll=back/1/1=1" };
	struct cell_shares shares = { NULL, 0 };
	const struct cell_share *found;
	struct db_error err;
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	cell_shares_add(&sb, "postgres", "template", 1, 1, 1.8404);
	cell_shares_add(&sb, "sqlite", "rollback", 8, 10, 0.05);
	ck_assert_str_eq(sb.buf, "postgres/template/1/1=1.840,"
				 "sqlite/rollback/8/10=0.050");
	ck_assert_int_eq(cell_shares_parse("--child-cells", sb.buf, &shares,
			     &err), DB_OK);
	ck_assert_uint_eq(shares.n, 2);
	found = cell_shares_find(&shares, "sqlite", "rollback", 8, 10);
	ck_assert_ptr_nonnull(found);
	ck_assert_double_eq_tol(found->seconds, 0.05, 1e-9);
	found = cell_shares_find(&shares, "postgres", "template", 1, 1);
	ck_assert_ptr_nonnull(found);
	ck_assert_double_eq_tol(found->seconds, 1.84, 1e-9);
	ck_assert_ptr_null(cell_shares_find(&shares, "sqlite", "rollback", 1,
	    10));
	ck_assert_ptr_null(cell_shares_find(&shares, "postgres", "rollback",
	    1, 1));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(cell_shares_parse("--child-cells", bad[i],
				  &shares, &err) == DB_EUSAGE,
		    "'%s' accepted", bad[i]);
		ck_assert_uint_eq(shares.n, 0);
		ck_assert_ptr_nonnull(strstr(err.msg, "--child-cells"));
	}
	cell_shares_fini(&shares);
	strbuf_fini(&sb);
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("cli");
	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad_arguments, 0,
	    (int)(sizeof bad_cases / sizeof bad_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("values");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_strategy_all_and_commands);
	tcase_add_test(tc, test_validation_options);
	tcase_add_test(tc, test_help_lists_every_option);
	tcase_add_test(tc, test_dsn_backend_and_command_help);
	tcase_add_test(tc, test_cell_shares);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(cli_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
