/*
 * suite_cli.c - the options of `dbbench suite`, parsed into a struct
 * suite_options
 *
 * Pure, like cli.c: reads argv, fills the options or one line naming the
 * first problem.  Whether the command's program exists and whether every
 * placeholder has a value are checked by cmd_suite.c before anything runs.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suite.h"
#include "xmalloc.h"

#define MAX_WARMUP 1000u
#define MAX_WORKERS 4096u
#define MAX_SECONDS 604800.0

enum suite_long_option {
	OPT_PARAM = 256,
	OPT_JUNIT,
	OPT_WARMUP,
	OPT_RUNS,
	OPT_TARGET_CI,
	OPT_MAX_TIME,
	OPT_TIMEOUT,
	OPT_PREPARE,
	OPT_STARTUP,
	OPT_SEED,
	OPT_SHOW_OUTPUT,
	OPT_SAVE,
	OPT_BASELINE,
	OPT_FAIL_THRESHOLD,
	OPT_DB_RUN,
};

static const struct option suite_options_table[] = {
	{ "strategy", required_argument, NULL, 's' },
	{ "workers", required_argument, NULL, 'j' },
	{ "param", required_argument, NULL, OPT_PARAM },
	{ "junit", no_argument, NULL, OPT_JUNIT },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "runs", required_argument, NULL, OPT_RUNS },
	{ "target-ci", required_argument, NULL, OPT_TARGET_CI },
	{ "max-time", required_argument, NULL, OPT_MAX_TIME },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "prepare", required_argument, NULL, OPT_PREPARE },
	{ "startup", required_argument, NULL, OPT_STARTUP },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "show-output", no_argument, NULL, OPT_SHOW_OUTPUT },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "save", required_argument, NULL, OPT_SAVE },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "fail-threshold", required_argument, NULL, OPT_FAIL_THRESHOLD },
	{ "db-run", required_argument, NULL, OPT_DB_RUN },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char suite_help_text[] =
    "usage: dbbench suite [options] -- COMMAND [ARG...]\n"
    "\n"
    "Runs your own test command under each configuration (strategy x "
    "workers x\n"
    "--param values), times each run as a whole process, reads its JUnit "
    "report,\n"
    "and recommends the fastest configuration whose tests all pass.\n"
    "\n"
    "In COMMAND's arguments {strategy}, {workers}, {NAME} (of --param) and "
    "{junit}\n"
    "are replaced by the configuration's values, which are also exported "
    "as\n"
    "DBBENCH_STRATEGY, DBBENCH_WORKERS, DBBENCH_PARAM_NAME and "
    "DBBENCH_JUNIT.\n"
    "{{ gives a literal {.  COMMAND is started directly (no shell).\n"
    "\n"
    "options:\n"
    "  -s, --strategy LIST     strategies, comma-separated: any names your "
    "suite's\n"
    "                          fixture understands\n"
    "  -j, --workers LIST      worker counts, e.g. 0,2,4 (0 is passed as "
    "is:\n"
    "                          pytest-xdist's -n 0 means no workers)\n"
    "      --param NAME=V1,V2  another dimension of the matrix; repeatable\n"
    "      --junit             give each run its own JUnit report path "
    "({junit})\n"
    "                          and read it: tests, failures, names, "
    "durations\n"
    "      --warmup N          untimed runs per configuration first "
    "(default: 1)\n"
    "      --runs N            exactly N timed runs per configuration\n"
    "                          (default: adaptive, at least 3)\n"
    "      --target-ci PCT     stop when each configuration's 95% CI of "
    "the median\n"
    "                          wall time, from 6 runs on, is within PCT% "
    "(default: 5)\n"
    "      --max-time SEC      stop adaptive runs after SEC seconds "
    "(default: 300)\n"
    "      --timeout SEC       kill a run's process group after SEC "
    "seconds;\n"
    "                          the configuration is not run again "
    "(default: none)\n"
    "      --prepare CMD       a shell line (/bin/sh -c) run untimed "
    "before each run\n"
    "      --startup CMD       a command that only starts up (e.g. "
    "pytest -n\n"
    "                          {workers} -k no_such_test), timed after each "
    "run,\n"
    "                          so the report splits start-up from the "
    "tests; split\n"
    "                          into words like sh does, started directly\n"
    "      --seed N            seed of the shuffled run order (default: "
    "1)\n"
    "      --show-output       let the command write to the terminal "
    "(default:\n"
    "                          its output goes to /dev/null)\n"
    "  -f, --format FMT        text, json, markdown, csv or html "
    "(default: text)\n"
    "  -o, --output FILE       write the report to FILE, atomically "
    "(default: stdout)\n"
    "      --save NAME         also save the JSON report as "
    "results/NAME.json\n"
    "      --baseline FILE     compare with a saved suite run after the "
    "report,\n"
    "                          as 'dbbench compare' does (exit 3 on a "
    "regression)\n"
    "      --fail-threshold PCT\n"
    "                          slower by more than PCT% with p < 0.05 is a "
    "regression\n"
    "                          (default: 20)\n"
    "      --db-run RUN.json   a saved 'dbbench run': how much of the "
    "difference\n"
    "                          between strategies is the database's "
    "(needs --junit)\n"
    "  -q, --quiet             no progress lines on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 runtime error (no configuration passed, a "
    "run\n"
    "timed out, interrupted), 2 usage error or bad input (a placeholder "
    "with no\n"
    "value, a command that does not exist, a missing or malformed JUnit "
    "report),\n"
    "3 --baseline found a regression, 4 a test passed under one "
    "configuration and\n"
    "failed under another.\n";

const char *
suite_help(void)
{
	return suite_help_text;
}

static int
parse_count(const char *opt, const char *arg, unsigned long min,
    unsigned long max, unsigned long *out, struct db_error *err)
{
	unsigned long long v = 0;
	int rc;

	rc = cli_parse_uint(opt, arg, min, max, &v, err);
	*out = (unsigned long)v; /* 0 when rc says why not */
	return rc;
}

/* Split "a,b,c": no empty item, no repeat; any names (a suite's
 * strategies are what its fixtures understand). */
static int
split_list(const char *opt, const char *arg, char ***items, size_t *n,
    struct db_error *err)
{
	return cli_split_list(opt, arg, NULL, NULL, NULL, items, n, err);
}

static void
free_list(char **items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static int
parse_workers(const char *arg, struct suite_options *opts,
    struct db_error *err)
{
	char **items = NULL;
	unsigned long v;
	size_t n = 0, i;
	int rc;

	if (opts->workers != NULL)
		return db_error_set(err, DB_EUSAGE,
		    "-j/--workers is given twice; give one list");
	rc = split_list("--workers", arg, &items, &n, err);
	for (i = 0; rc == DB_OK && i < n; i++) {
		rc = parse_count("--workers", items[i], 0, MAX_WORKERS, &v,
		    err);
		if (rc == DB_OK) {
			opts->workers = xreallocarray(opts->workers, i + 1,
			    sizeof *opts->workers);
			opts->workers[i] = (unsigned)v;
			opts->n_workers = i + 1;
		}
	}
	free_list(items, n);
	return rc;
}

static int
valid_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') ||
			     (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* --param NAME=V1,V2 */
static int
parse_param(const char *arg, struct suite_options *opts,
    struct db_error *err)
{
	const char *eq = strchr(arg, '=');
	struct suite_param *p;
	size_t len, i;

	if (eq == NULL || !valid_name(arg, (size_t)(eq - arg)))
		return db_error_set(err, DB_EUSAGE,
		    "--param: '%s' is not NAME=V1,V2 (NAME: letters, digits "
		    "and _)",
		    arg);
	len = (size_t)(eq - arg);
	if ((len == 8 && strncmp(arg, "strategy", 8) == 0) ||
	    (len == 7 && strncmp(arg, "workers", 7) == 0) ||
	    (len == 5 && strncmp(arg, "junit", 5) == 0))
		return db_error_set(err, DB_EUSAGE,
		    "--param: '%.*s' is taken; use -s, -j or --junit",
		    (int)len, arg);
	for (i = 0; i < opts->n_params; i++)
		if (strlen(opts->params[i].name) == len &&
		    strncmp(opts->params[i].name, arg, len) == 0)
			return db_error_set(err, DB_EUSAGE,
			    "--param: '%.*s' is given twice", (int)len, arg);
	opts->params = xreallocarray(opts->params, opts->n_params + 1,
	    sizeof *opts->params);
	p = &opts->params[opts->n_params++];
	memset(p, 0, sizeof *p);
	p->name = xstrndup(arg, len);
	return split_list("--param", eq + 1, &p->values, &p->n_values, err);
}

static int
parse_format(const char *arg, struct suite_options *opts,
    struct db_error *err)
{
	const struct report_ops *const *all;
	struct strbuf names;
	size_t i, n, k = 0, writes = 0;

	opts->format = report_find(arg);
	if (opts->format != NULL && suite_writes(opts->format))
		return DB_OK;
	opts->format = &report_text_ops;
	all = report_all(&n);
	for (i = 0; i < n; i++)
		writes += (size_t)suite_writes(all[i]);
	strbuf_init(&names);
	for (i = 0; i < n; i++) {
		if (!suite_writes(all[i]))
			continue;
		if (k > 0)
			strbuf_adds(&names, k + 1 == writes ? " or " : ", ");
		strbuf_adds(&names, all[i]->name);
		k++;
	}
	db_error_set(err, DB_EUSAGE, "suite: unknown format '%s' (%s)", arg,
	    names.buf);
	strbuf_fini(&names);
	return DB_EUSAGE;
}

static int
parse_save(const char *arg, struct suite_options *opts,
    struct db_error *err)
{
	if (arg[0] == '\0' || arg[0] == '.' || strchr(arg, '/') != NULL)
		return db_error_set(err, DB_EUSAGE,
		    "--save: '%s' is not a name (no '/', not starting with "
		    "'.')",
		    arg);
	free(opts->save);
	opts->save = xstrdup(arg);
	return DB_OK;
}

static int
parse_one(int opt, const char *arg, struct suite_options *opts,
    struct db_error *err)
{
	unsigned long v;
	int rc;

	switch (opt) {
	case 's':
		if (opts->strategies != NULL)
			return db_error_set(err, DB_EUSAGE,
			    "-s/--strategy is given twice; give one list");
		return split_list("--strategy", arg, &opts->strategies,
		    &opts->n_strategies, err);
	case 'j':
		return parse_workers(arg, opts, err);
	case OPT_PARAM:
		return parse_param(arg, opts, err);
	case OPT_JUNIT:
		opts->junit = 1;
		return DB_OK;
	case OPT_WARMUP:
		rc = parse_count("--warmup", arg, 0, MAX_WARMUP, &v, err);
		if (rc == DB_OK)
			opts->warmup = (unsigned)v;
		return rc;
	case OPT_RUNS:
		rc = parse_count("--runs", arg, 1, SUITE_MAX_RUNS, &v, err);
		if (rc == DB_OK)
			opts->runs = (unsigned)v;
		return rc;
	case OPT_TARGET_CI:
		rc = cli_parse_positive("--target-ci", arg, "%", 100,
		    &opts->target_ci, err);
		opts->target_ci /= 100;
		return rc;
	case OPT_MAX_TIME:
		return cli_parse_positive("--max-time", arg, "s", MAX_SECONDS,
		    &opts->max_time, err);
	case OPT_TIMEOUT:
		return cli_parse_positive("--timeout", arg, "s", MAX_SECONDS,
		    &opts->timeout, err);
	case OPT_PREPARE:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--prepare: empty command");
		free(opts->prepare);
		opts->prepare = xstrdup(arg);
		return DB_OK;
	case OPT_STARTUP:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--startup: empty command");
		free(opts->startup);
		opts->startup = xstrdup(arg);
		return DB_OK;
	case OPT_SEED:
		rc = parse_count("--seed", arg, 0, (unsigned long)-1, &v, err);
		opts->seed = v;
		return rc;
	case OPT_SHOW_OUTPUT:
		opts->show_output = 1;
		return DB_OK;
	case 'f':
		return parse_format(arg, opts, err);
	case 'o':
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--output: empty file name");
		free(opts->output);
		opts->output = strcmp(arg, "-") == 0 ? NULL : xstrdup(arg);
		return DB_OK;
	case OPT_SAVE:
		return parse_save(arg, opts, err);
	case OPT_BASELINE:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--baseline: empty file name");
		free(opts->baseline);
		opts->baseline = xstrdup(arg);
		return DB_OK;
	case OPT_DB_RUN:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--db-run: empty file name");
		free(opts->db_run);
		opts->db_run = xstrdup(arg);
		return DB_OK;
	case OPT_FAIL_THRESHOLD:
		rc = cli_parse_positive("--fail-threshold", arg, "%", 1000,
		    &opts->fail_threshold, err);
		opts->fail_threshold /= 100;
		opts->fail_threshold_set = 1;
		return rc;
	case 'q':
		opts->quiet = 1;
		return DB_OK;
	case 'h':
		opts->help = 1;
		return DB_OK;
	}
	return db_error_set(err, DB_EUSAGE, "suite: unknown option");
}

/*
 * argv[0] is "suite".  Options end at "--" or at the first argument that
 * is not one; the rest is the command.
 */
int
suite_parse(int argc, char **argv, struct suite_options *opts,
    struct db_error *err)
{
	int opt, rc;

	memset(opts, 0, sizeof *opts);
	opts->warmup = SUITE_DEFAULT_WARMUP;
	opts->target_ci = SUITE_DEFAULT_TARGET_CI;
	opts->max_time = SUITE_DEFAULT_MAX_TIME;
	opts->seed = 1;
	opts->format = &report_text_ops;
	opts->fail_threshold = 0.2;
	optind = 0; /* glibc: full reset */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:s:j:f:o:qh",
		    suite_options_table, NULL)) != -1) {
		if (opt == '?') {
			if (optopt != 0)
				return db_error_set(err, DB_EUSAGE,
				    "suite: unknown option '-%c'", optopt);
			return db_error_set(err, DB_EUSAGE,
			    "suite: unknown option '%s'", argv[optind - 1]);
		}
		if (opt == ':')
			return db_error_set(err, DB_EUSAGE,
			    "suite: option '%s' needs a value",
			    argv[optind - 1]);
		rc = parse_one(opt, optarg, opts, err);
		if (rc != DB_OK)
			return rc;
	}
	if (opts->help)
		return DB_OK;
	if (opts->db_run != NULL && (!opts->junit || opts->strategies == NULL))
		return db_error_set(err, DB_EUSAGE,
		    "--db-run: give -s with two strategies or more and --junit "
		    "(the suite's number of tests)");
	if (opts->fail_threshold_set && opts->baseline == NULL)
		return db_error_set(err, DB_EUSAGE,
		    "--fail-threshold: give --baseline FILE too (or use the "
		    "compare command)");
	if (opts->baseline != NULL && opts->format->machine &&
	    opts->output == NULL)
		return db_error_set(err, DB_EUSAGE,
		    "--baseline: the comparison is printed on standard "
		    "output; give -o FILE for the %s report",
		    opts->format->name);
	if (optind >= argc)
		return db_error_set(err, DB_EUSAGE,
		    "suite: give the test command after --: dbbench suite "
		    "[options] -- COMMAND [ARG...]");
	if (argv[optind][0] == '\0')
		return db_error_set(err, DB_EUSAGE, "suite: empty command");
	opts->command = argv + optind;
	opts->n_command = (size_t)(argc - optind);
	return DB_OK;
}

void
suite_options_fini(struct suite_options *opts)
{
	size_t i;

	free_list(opts->strategies, opts->n_strategies);
	free(opts->workers);
	for (i = 0; i < opts->n_params; i++) {
		free(opts->params[i].name);
		free_list(opts->params[i].values, opts->params[i].n_values);
	}
	free(opts->params);
	free(opts->prepare);
	free(opts->startup);
	free(opts->output);
	free(opts->save);
	free(opts->baseline);
	free(opts->db_run);
	memset(opts, 0, sizeof *opts);
}
