/*
 * cli.c - parsing the command line with getopt_long
 *
 * Every option's value is checked here: a number must be all digits and in
 * range, a list must name known backends or strategies without repeats.  The
 * first problem found is the error, one line naming the option and the
 * value.  Defaults live in cli_defaults() and are quoted by the help text;
 * keep the two together.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "cli.h"
#include "sampling.h"
#include "strategy.h"
#include "strbuf.h"
#include "xmalloc.h"

#define DEFAULT_TARGET_CI 0.02
#define DEFAULT_MAX_TIME 0.0 /* set from the run's first process */
#define DEFAULT_WARMUP 1
#define DEFAULT_SEED 1
#define DEFAULT_REPLICATES 10
#define MAX_REPLICATES 10000u
#define MAX_TESTS 100000000u
#define MAX_ROUNDS 10000000u
#define MAX_WARMUP 100000u
#define MAX_MAX_TIME 86400.0
#define DEFAULT_FAIL_THRESHOLD 0.2
#define MAX_FAIL_THRESHOLD 1000.0

enum long_only_option {
	OPT_SQLITE_PATH = 256,
	OPT_DSN,
	OPT_PROTOCOL,
	OPT_TEMPLATE_STRATEGY,
	OPT_SQLITE_CLONE,
	OPT_SQLITE_MEMSTATUS,
	OPT_SAMPLE_CAP,
	OPT_SEED_SCALE,
	OPT_POOL,
	OPT_DIST,
	OPT_NO_VACUUM,
	OPT_PIN,
	OPT_NO_PIN,
	OPT_ROUNDS,
	OPT_TARGET_CI,
	OPT_MAX_TIME,
	OPT_WARMUP,
	OPT_SEED,
	OPT_STRICT,
	OPT_SAVE,
	OPT_COLOR,
	OPT_BASELINE,
	OPT_FAIL_THRESHOLD,
	OPT_CHECK_STATE,
	OPT_NO_CHECK_STATE,
	OPT_NO_VALIDATE,
	OPT_FAIL_ON_LEAK,
	OPT_REPLICATES,
	OPT_CHILD_ROUNDS,
	OPT_CHILD_INDEX,
};

static const struct option long_options[] = {
	{ "backend", required_argument, NULL, 'b' },
	{ "sqlite-path", required_argument, NULL, OPT_SQLITE_PATH },
	{ "dsn", required_argument, NULL, OPT_DSN },
	{ "protocol", required_argument, NULL, OPT_PROTOCOL },
	{ "template-strategy", required_argument, NULL,
	    OPT_TEMPLATE_STRATEGY },
	{ "sqlite-clone", required_argument, NULL, OPT_SQLITE_CLONE },
	{ "sqlite-memstatus", required_argument, NULL, OPT_SQLITE_MEMSTATUS },
	{ "sample-cap", required_argument, NULL, OPT_SAMPLE_CAP },
	{ "seed-scale", required_argument, NULL, OPT_SEED_SCALE },
	{ "pool", required_argument, NULL, OPT_POOL },
	{ "workers", required_argument, NULL, 'j' },
	{ "dist", required_argument, NULL, OPT_DIST },
	{ "no-vacuum", no_argument, NULL, OPT_NO_VACUUM },
	{ "pin", no_argument, NULL, OPT_PIN },
	{ "no-pin", no_argument, NULL, OPT_NO_PIN },
	{ "strategy", required_argument, NULL, 's' },
	{ "workload", required_argument, NULL, 'w' },
	{ "tests", required_argument, NULL, 't' },
	{ "rounds", required_argument, NULL, OPT_ROUNDS },
	{ "replicates", required_argument, NULL, OPT_REPLICATES },
	{ "child-rounds", required_argument, NULL, OPT_CHILD_ROUNDS },
	{ "child-index", required_argument, NULL, OPT_CHILD_INDEX },
	{ "target-ci", required_argument, NULL, OPT_TARGET_CI },
	{ "max-time", required_argument, NULL, OPT_MAX_TIME },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "check-state", no_argument, NULL, OPT_CHECK_STATE },
	{ "no-check-state", no_argument, NULL, OPT_NO_CHECK_STATE },
	{ "no-validate", no_argument, NULL, OPT_NO_VALIDATE },
	{ "fail-on-leak", no_argument, NULL, OPT_FAIL_ON_LEAK },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "save", required_argument, NULL, OPT_SAVE },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "fail-threshold", required_argument, NULL, OPT_FAIL_THRESHOLD },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char help_text[] =
    "usage: dbbench [run] [options]   benchmark fixture strategies "
    "(default)\n"
    "       dbbench validate [options] isolation scenarios and state checks "
    "only\n"

    "       dbbench report RUN.json [-f FMT] [-o FILE]\n"
    "                                 render a saved run (a JSON report) "
    "again\n"
    "       dbbench compare OLD.json NEW.json [--fail-threshold PCT]\n"
    "                                 per-cell change and its "
    "significance;\n"
    "                                 exit 3 on a regression\n"
    "       dbbench recommend [--tests N] RUN.json\n"
    "                                 worker count for a suite of N tests, "
    "from a\n"
    "                                 saved run measured with --workers\n"
    "       dbbench cleanup [--dsn DSN]\n"
    "                                 drop the scratch databases and "
    "schemas that\n"
    "                                 killed runs left (yours, by name and "
    "owner)\n"
    "       dbbench suite [options] -- COMMAND [ARG...]\n"
    "                                 time your own test command per "
    "strategy and\n"
    "                                 worker count (dbbench suite --help)\n"
    "       dbbench capture -o DIR [--force] -- COMMAND...\n"
    "       dbbench capture -o DIR [--force] --pg-log FILE\n"
    "                                 run a test suite and write the SQL "
    "it sent\n"
    "                                 to SQLite, or read a PostgreSQL log, "
    "as a\n"
    "                                 workload (capture --help)\n"
    "       dbbench list              backends, strategies, workloads and "
    "scenarios\n"
    "\n"
    "Measures what each way of giving a test a clean database costs, on the\n"
    "same test bodies, and reports it per phase with confidence intervals;\n"
    "then checks whether each strategy really isolates the tests.\n"
    "\n"
    "options:\n"
    "  -b, --backend LIST      backends to run, comma-separated "
    "(default: sqlite)\n"
    "      --sqlite-path PATH  SQLite database: :memory: or a file that "
    "does not\n"
    "                          exist yet; dbbench creates it and removes it "
    "after\n"
    "                          (default: :memory:)\n"
    "      --dsn DSN           PostgreSQL server: keyword=value pairs or a\n"
    "                          postgresql:// URI (default: the PG* "
    "environment\n"
    "                          variables, as psql uses them); without -b "
    "it\n"
    "                          selects -b postgres; mysql://USER:PASSWORD@"
    "HOST:PORT/\n"
    "                          DB?socket=PATH is the MySQL server's "
    "(default:\n"
    "                          the client option files) and selects -b "
    "mysql\n"
    "      --protocol P        how statements reach PostgreSQL: simple,\n"
    "                          extended or prepared (default: prepared); "
    "MySQL:\n"
    "                          simple or prepared\n"
    "      --template-strategy S  how PostgreSQL copies the template: "
    "wal_log\n"
    "                          or file_copy (default: the server's own)\n"
    "      --sqlite-clone M    how SQLite copies the template: backup or\n"
    "                          deserialize (default: backup)\n"
    "      --sqlite-memstatus M  SQLite's memory statistics: library (its own\n"
    "                          configuration, as applications run), on or off\n"
    "                          (to show what they cost) (default: library)\n"
    "  -j, --workers LIST      worker counts to run the suite with, e.g. "
    "1,2,4,8;\n"
    "                          each worker has its own connection and "
    "database\n"
    "                          (default: 1)\n"
    "      --dist D            load (one shared queue of tests) or chunk\n"
    "                          (fixed shares) (default: load)\n"
    "      --pool P            per-worker (each worker its own connection)"
    " or\n"
    "                          static (one shared connection; strategies "
    "that\n"
    "                          open connections per test do not run) "
    "(default:\n"
    "                          per-worker)\n"
    "      --seed-scale LIST   rerun with the seed's rows multiplied, e.g."
    "\n"
    "                          1,10,100, and fit each strategy's cost to "
    "the\n"
    "                          data size (default: 1)\n"
    "  -s, --strategy LIST     strategies, comma-separated, or 'all' "
    "(default: all)\n"
    "  -w, --workload NAME|DIR workload name or folder (default: default)\n"
    "  -t, --tests N           suite size to model, cycling the test bodies\n"
    "                          (default: the workload's test count)\n"
    "      --rounds N          run exactly N rounds, not with --target-ci "
    "or\n"
    "                          --max-time (default: adaptive)\n"
    "      --sample-cap N      per-test samples a cell keeps: all up to N, then\n"
    "                          a random sample of N in proportion to what\n"
    "                          was measured; 0 keeps all (default: 10000)\n"
    "      --replicates N      measure in N or more separate processes, "
    "so that\n"
    "                          the CIs hold what differs between processes"
    "\n"
    "                          (address layout, memory); 1: all in this one"
    "\n"
    "                          (default: 10)\n"
    "      --target-ci PCT     stop when every cell's 95% CI of the median\n"
    "                          overhead is within PCT% (default: 2)\n"
    "      --max-time SEC      stop adaptive rounds after SEC seconds "
    "(default:\n"
    "                          room for twice --replicates processes like "
    "the\n"
    "                          first, 10 to 120 s, said on stderr; 10 with"
    "\n"
    "                          --replicates 1)\n"
    "      --warmup N          warmup rounds per cell, discarded, each "
    "cut\n"
    "                          short after 0.25 s (default: 1)\n"
    "      --seed N            seed for the order of cells in a round "
    "(default: 1)\n"
    "      --strict            stop at the first failed test (exit 1)\n"
    "      --pin, --no-pin     pin worker N and its PostgreSQL backends to "
    "the\n"
    "                          Nth CPU this process may use, or let the "
    "scheduler\n"
    "                          place them (default: pinned; the placement "
    "seen\n"
    "                          is reported)\n"
    "      --no-vacuum         no VACUUM of PostgreSQL's scratch database "
    "between\n"
    "                          rounds (default: vacuum, untimed)\n"
    "      --no-validate       skip the isolation scenarios (default: they "
    "run,\n"
    "                          after the measurements)\n"
    "      --check-state       name each test of the workload that leaves "
    "the\n"
    "                          database different, under each strategy\n"
    "                          (default: on in validate, off in run)\n"
    "      --no-check-state    skip the state checks\n"
    "      --fail-on-leak      exit 4 when a state check names a test "
    "(default:\n"
    "                          off; turns --check-state on)\n"

    "  -f, --format FMT        text, json, markdown, csv or html "
    "(default: text)\n"
    "  -o, --output FILE       write the report to FILE, atomically "
    "(default: stdout)\n"
    "      --save NAME         also save the run as results/NAME.json "
    "(the JSON\n"
    "                          report; results/ is created when missing)\n"
    "      --baseline NAME|FILE\n"
    "                          compare the run with a saved run "
    "(results/NAME.json\n"
    "                          from --save NAME, or a file), as 'compare' "
    "does,\n"
    "                          after the report (on standard output)\n"
    "      --fail-threshold PCT\n"
    "                          a cell slower by more than PCT% with p < "
    "0.05 is a\n"
    "                          regression: exit 3 (default: 20)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -v, --verbose           text report: every cell's measurement, what "
    "each\n"
    "                          isolation cell that went wrong observed and "
    "the\n"
    "                          mitigations (default: on in validate)\n"
    "      --color WHEN        colour the text report: auto, always or "
    "never\n"
    "                          (default: auto: when standard output is a\n"
    "                          terminal and NO_COLOR is not set)\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "exit status: 0 success, 1 runtime error (database, I/O), 2 usage "
    "error or\n"
    "bad input (arguments, workload files, saved runs), 3 regression "
    "found by a\n"
    "baseline comparison, 4 --fail-on-leak and a test leaked or failed.\n"
    "\n"
    "environment: DBBENCH_FIXTURES (where workloads are), NO_COLOR, and "
    "libpq's\n"
    "PG* variables for PostgreSQL.  See dbbench(1).\n";

const char *
cli_help(void)
{
	return help_text;
}

static const char *const format_names[FORMAT_COUNT] = {
	[FORMAT_TEXT] = "text",
	[FORMAT_JSON] = "json",
	[FORMAT_MARKDOWN] = "markdown",
	[FORMAT_CSV] = "csv",
	[FORMAT_HTML] = "html",
};

const char *
report_format_name(enum report_format format)
{
	return format < FORMAT_COUNT ? format_names[format] : "text";
}

/* The format called name, or -1. */
static int
find_format(const char *name)
{
	int i;

	for (i = 0; i < FORMAT_COUNT; i++)
		if (strcmp(format_names[i], name) == 0)
			return i;
	return -1;
}

/* "text, json, ...": every format, for messages. */
static char *
format_list(void)
{
	struct strbuf sb;
	int i;

	strbuf_init(&sb);
	for (i = 0; i < FORMAT_COUNT; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", format_names[i]);
	return strbuf_detach(&sb);
}

static void
cli_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->command = COMMAND_RUN;
	cfg->help_command = COMMAND_HELP;
	cfg->target_ci = DEFAULT_TARGET_CI;
	cfg->max_time = DEFAULT_MAX_TIME;
	cfg->warmup = DEFAULT_WARMUP;
	cfg->seed = DEFAULT_SEED;
	cfg->replicates = DEFAULT_REPLICATES;
	cfg->pin = 1;
	cfg->format = FORMAT_TEXT;
	cfg->protocol = PG_PROTOCOL_PREPARED;
	cfg->pg_clone = CLONE_DEFAULT;
	cfg->sqlite_clone = CLONE_BACKUP;
	cfg->sample_cap = SAMPLE_CAP_DEFAULT;
	cfg->fail_threshold = DEFAULT_FAIL_THRESHOLD;
	cfg->validate = 1;
	cfg->check_state = -1; /* resolved by the command, in cli_parse() */
}

/* Parse a whole decimal number in [min, max]. */
int
cli_parse_uint(const char *opt, const char *arg, unsigned long long min,
    unsigned long long max, unsigned long long *out, struct db_error *err)
{
	unsigned long long v;
	char *end;

	if (arg[0] < '0' || arg[0] > '9')
		return db_error_set(err, DB_EUSAGE,
		    "%s: '%s' is not a whole number", opt, arg);
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end != '\0')
		return db_error_set(err, DB_EUSAGE,
		    "%s: '%s' is not a whole number", opt, arg);
	if (errno == ERANGE || v < min || v > max)
		return db_error_set(err, DB_EUSAGE,
		    "%s: %s is out of range (%llu to %llu)", opt, arg, min,
		    max);
	*out = v;
	return DB_OK;
}

/* Parse a finite decimal number in (0, max], with an optional suffix. */
int
cli_parse_positive(const char *opt, const char *arg, const char *suffix,
    double max, double *out, struct db_error *err)
{
	double v;
	char *end;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || (*end != '\0' && strcmp(end, suffix) != 0) ||
	    !isfinite(v) || errno == ERANGE)
		return db_error_set(err, DB_EUSAGE, "%s: '%s' is not a number",
		    opt, arg);
	if (!(v > 0) || v > max)
		return db_error_set(err, DB_EUSAGE,
		    "%s: %s is out of range (more than 0, at most %g)", opt,
		    arg, max);
	*out = v;
	return DB_OK;
}

/*
 * Split a comma-separated list into *items, checking each with known() and
 * refusing empty and repeated names; an unknown name's message lists the
 * available ones.
 */
static int
parse_list(const char *opt, const char *arg, int (*known)(const char *),
    const char *what, const char *available, char ***items, size_t *n,
    struct db_error *err)
{
	const char *p, *comma;
	char *name;
	size_t i, len;

	for (i = 0; i < *n; i++)
		free((*items)[i]);
	free(*items);
	*items = NULL;
	*n = 0;
	p = arg;
	for (;;) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (len == 0)
			return db_error_set(err, DB_EUSAGE,
			    "%s: empty name in '%s'", opt, arg);
		name = xstrndup(p, len);
		if (!known(name)) {
			db_error_set(err, DB_EUSAGE,
			    "%s: unknown %s '%s' (available: %s)", opt, what,
			    name, available);
			free(name);
			return DB_EUSAGE;
		}
		for (i = 0; i < *n; i++)
			if (strcmp((*items)[i], name) == 0) {
				db_error_set(err, DB_EUSAGE,
				    "%s: '%s' given twice", opt, name);
				free(name);
				return DB_EUSAGE;
			}
		*items = xreallocarray(*items, *n + 1, sizeof **items);
		(*items)[(*n)++] = name;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return DB_OK;
}

#define MAX_SEED_SCALE 10000u
#define MAX_WORKERS 256u
#define MAX_COUNTS 10

/*
 * A comma-separated list of distinct whole numbers 1..max, at most
 * MAX_COUNTS of them, in the order given (--seed-scale, --workers).
 */
static int
parse_counts(const char *opt, const char *arg, unsigned max,
    unsigned **list, size_t *n, struct db_error *err)
{
	unsigned long long v;
	const char *p;
	char *item, *comma;
	size_t i, len;
	int rc;

	free(*list);
	*list = NULL;
	*n = 0;
	for (p = arg;;) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		item = xstrndup(p, len);
		rc = cli_parse_uint(opt, item, 1, max, &v, err);
		free(item);
		if (rc != DB_OK)
			return rc;
		for (i = 0; i < *n; i++)
			if ((*list)[i] == v)
				return db_error_set(err, DB_EUSAGE,
				    "%s: %llu given twice", opt, v);
		if (*n == MAX_COUNTS)
			return db_error_set(err, DB_EUSAGE,
			    "%s: at most %d values", opt, MAX_COUNTS);
		*list = xreallocarray(*list, *n + 1, sizeof **list);
		(*list)[(*n)++] = (unsigned)v;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return DB_OK;
}

static int
known_backend(const char *name)
{
	return backend_find(name) != NULL;
}

static int
known_strategy(const char *name)
{
	return strategy_find(name) != NULL;
}

/* "sqlite, postgres": the compiled-in backends, for messages. */
static char *
backend_names(void)
{
	const struct backend_ops *const *all;
	struct strbuf sb;
	size_t i, n;

	all = backend_all(&n);
	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", all[i]->name);
	return strbuf_detach(&sb);
}

/* "rollback, savepoint, ...": every strategy, for messages. */
static char *
strategy_names(void)
{
	const struct strategy_ops *const *all;
	struct strbuf sb;
	size_t i, n;

	all = strategy_all(&n);
	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", all[i]->name);
	strbuf_adds(&sb, ", all");
	return strbuf_detach(&sb);
}

/*
 * --save NAME: a plain file name, saved as results/NAME.json; a ".json"
 * the user typed is not doubled.
 */
static int
parse_save_name(const char *arg, struct config *cfg, struct db_error *err)
{
	size_t len = strlen(arg);

	if (len > 5 && strcmp(arg + len - 5, ".json") == 0)
		len -= 5;
	else if (strcmp(arg, ".json") == 0)
		len = 0;
	if (len == 0)
		return db_error_set(err, DB_EUSAGE, "--save: empty name");
	if (strchr(arg, '/') != NULL || strcmp(arg, ".") == 0 ||
	    strcmp(arg, "..") == 0)
		return db_error_set(err, DB_EUSAGE,
		    "--save: '%s' is not a plain file name (the run is saved "
		    "as results/NAME.json)",
		    arg);
	free(cfg->save);
	cfg->save = xstrndup(arg, len);
	return DB_OK;
}

static int
parse_option(int opt, const char *arg, struct config *cfg,
    struct db_error *err)
{
	unsigned long long v;
	char *names;
	int rc;

	switch (opt) {
	case 'b':
		names = backend_names();
		rc = parse_list("--backend", arg, known_backend, "backend",
		    names, &cfg->backends, &cfg->n_backends, err);
		free(names);
		return rc;
	case OPT_SQLITE_PATH:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--sqlite-path: empty path");
		free(cfg->sqlite_path);
		cfg->sqlite_path = xstrdup(arg);
		return DB_OK;
	case OPT_DSN:
		if (strncmp(arg, "mysql://", 8) == 0) {
			free(cfg->mysql_dsn);
			cfg->mysql_dsn = xstrdup(arg);
			return DB_OK;
		}
		free(cfg->dsn);
		cfg->dsn = xstrdup(arg);
		return DB_OK;
	case OPT_PROTOCOL:
		if (strcmp(arg, "simple") == 0)
			cfg->protocol = PG_PROTOCOL_SIMPLE;
		else if (strcmp(arg, "extended") == 0)
			cfg->protocol = PG_PROTOCOL_EXTENDED;
		else if (strcmp(arg, "prepared") == 0)
			cfg->protocol = PG_PROTOCOL_PREPARED;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--protocol: unknown protocol '%s' (available: "
			    "simple, extended, prepared)",
			    arg);
		return DB_OK;
	case OPT_TEMPLATE_STRATEGY:
		if (strcmp(arg, "wal_log") == 0)
			cfg->pg_clone = CLONE_WAL_LOG;
		else if (strcmp(arg, "file_copy") == 0)
			cfg->pg_clone = CLONE_FILE_COPY;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--template-strategy: unknown strategy '%s' "
			    "(available: wal_log, file_copy)",
			    arg);
		return DB_OK;
	case OPT_SQLITE_CLONE:
		if (strcmp(arg, "backup") == 0)
			cfg->sqlite_clone = CLONE_BACKUP;
		else if (strcmp(arg, "deserialize") == 0)
			cfg->sqlite_clone = CLONE_DESERIALIZE;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--sqlite-clone: unknown method '%s' (available: "
			    "backup, deserialize)",
			    arg);
		return DB_OK;
	case OPT_SQLITE_MEMSTATUS:
		if (strcmp(arg, "library") == 0)
			cfg->sqlite_memstatus = SQLITE_MEMSTATUS_LIBRARY;
		else if (strcmp(arg, "on") == 0)
			cfg->sqlite_memstatus = SQLITE_MEMSTATUS_ON;
		else if (strcmp(arg, "off") == 0)
			cfg->sqlite_memstatus = SQLITE_MEMSTATUS_OFF;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--sqlite-memstatus: unknown setting '%s' "
			    "(available: library, on, off)",
			    arg);
		return DB_OK;
	case OPT_SEED_SCALE:
		return parse_counts("--seed-scale", arg, MAX_SEED_SCALE,
		    &cfg->seed_scales, &cfg->n_seed_scales, err);
	case 'j':
		return parse_counts("--workers", arg, MAX_WORKERS,
		    &cfg->workers, &cfg->n_workers, err);
	case OPT_NO_VACUUM:
		cfg->no_vacuum = 1;
		return DB_OK;
	case OPT_PIN:
		cfg->pin = 1;
		return DB_OK;
	case OPT_NO_PIN:
		cfg->pin = 0;
		return DB_OK;
	case OPT_DIST:
		if (strcmp(arg, "load") == 0)
			cfg->chunk = 0;
		else if (strcmp(arg, "chunk") == 0)
			cfg->chunk = 1;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--dist: unknown distribution '%s' (available: "
			    "load, chunk)",
			    arg);
		return DB_OK;
	case OPT_POOL:
		if (strcmp(arg, "static") == 0)
			cfg->static_pool = 1;
		else if (strcmp(arg, "per-worker") == 0)
			cfg->static_pool = 0;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--pool: unknown pool '%s' (available: per-worker, "
			    "static)",
			    arg);
		return DB_OK;
	case 's':
		if (strcmp(arg, "all") == 0) {
			size_t i;

			for (i = 0; i < cfg->n_strategies; i++)
				free(cfg->strategies[i]);
			free(cfg->strategies);
			cfg->strategies = NULL;
			cfg->n_strategies = 0;
			return DB_OK;
		}
		names = strategy_names();
		rc = parse_list("--strategy", arg, known_strategy, "strategy",
		    names, &cfg->strategies, &cfg->n_strategies, err);
		free(names);
		return rc;
	case 'w':
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--workload: empty name");
		free(cfg->workload);
		cfg->workload = xstrdup(arg);
		return DB_OK;
	case 't':
		rc = cli_parse_uint("--tests", arg, 1, MAX_TESTS, &v, err);
		cfg->tests = (unsigned)v;
		return rc;
	case OPT_SAMPLE_CAP:
		rc = cli_parse_uint("--sample-cap", arg, 0, SIZE_MAX / 64, &v, err);
		if (rc == DB_OK && v > 0 && v < SAMPLE_CAP_MIN)
			rc = db_error_set(err, DB_EUSAGE,
			    "--sample-cap: %llu is too few to read percentiles "
			    "from (at least %d, or 0 for all)",
			    v, SAMPLE_CAP_MIN);
		cfg->sample_cap = (size_t)v;
		cfg->sample_cap_given = 1;
		return rc;
	case OPT_ROUNDS:
		rc = cli_parse_uint("--rounds", arg, 1, MAX_ROUNDS, &v, err);
		cfg->rounds = (unsigned)v;
		return rc;
	case OPT_REPLICATES:
		rc = cli_parse_uint("--replicates", arg, 1, MAX_REPLICATES, &v,
		    err);
		cfg->replicates = (unsigned)v;
		return rc;
	case OPT_CHILD_ROUNDS:
		/* internal: one process's share of a run (replicate.h) */
		rc = cli_parse_uint("--child-rounds", arg, 1, MAX_ROUNDS, &v,
		    err);
		cfg->child_rounds = (unsigned)v;
		return rc;
	case OPT_CHILD_INDEX:
		/* internal: which of a run's processes this is, from 1 */
		rc = cli_parse_uint("--child-index", arg, 1, MAX_REPLICATES, &v,
		    err);
		cfg->child_index = (unsigned)v;
		return rc;
	case OPT_TARGET_CI:
		rc = cli_parse_positive("--target-ci", arg, "%", 100,
		    &cfg->target_ci, err);
		cfg->target_ci /= 100;
		return rc;
	case OPT_MAX_TIME:
		return cli_parse_positive("--max-time", arg, "s", MAX_MAX_TIME,
		    &cfg->max_time, err);
	case OPT_WARMUP:
		rc = cli_parse_uint("--warmup", arg, 0, MAX_WARMUP, &v, err);
		cfg->warmup = (unsigned)v;
		return rc;
	case OPT_SEED:
		rc = cli_parse_uint("--seed", arg, 0, UINT64_MAX, &v, err);
		cfg->seed = v;
		return rc;
	case OPT_STRICT:
		cfg->strict = 1;
		return DB_OK;
	case OPT_CHECK_STATE:
		cfg->check_state = 1;
		return DB_OK;
	case OPT_NO_CHECK_STATE:
		cfg->check_state = 0;
		return DB_OK;
	case OPT_NO_VALIDATE:
		cfg->validate = 0;
		return DB_OK;
	case OPT_FAIL_ON_LEAK:
		cfg->fail_on_leak = 1;
		return DB_OK;
	case 'f':
		rc = find_format(arg);
		if (rc < 0) {
			names = format_list();
			db_error_set(err, DB_EUSAGE,
			    "--format: unknown format '%s' (available: %s)", arg,
			    names);
			free(names);
			return DB_EUSAGE;
		}
		cfg->format = (enum report_format)rc;
		return DB_OK;
	case 'o':
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--output: empty file name");
		free(cfg->output);
		cfg->output = xstrdup(arg);
		return DB_OK;
	case OPT_SAVE:
		return parse_save_name(arg, cfg, err);
	case OPT_BASELINE:
		if (arg[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--baseline: empty file name");
		free(cfg->baseline);
		cfg->baseline = xstrdup(arg);
		return DB_OK;
	case OPT_FAIL_THRESHOLD:
		rc = cli_parse_positive("--fail-threshold", arg, "%",
		    MAX_FAIL_THRESHOLD, &cfg->fail_threshold, err);
		cfg->fail_threshold /= 100;
		cfg->fail_threshold_set = 1;
		return rc;
	case 'q':
		cfg->quiet = 1;
		return DB_OK;
	case 'v':
		cfg->verbose = 1;
		return DB_OK;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			cfg->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			cfg->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			cfg->color = COLOR_NEVER;
		else
			return db_error_set(err, DB_EUSAGE,
			    "--color: unknown value '%s' (available: auto, "
			    "always, never)",
			    arg);
		return DB_OK;
	}
	return db_error_set(err, DB_EUSAGE, "unhandled option");
}

/* "--rounds" or "-q": how the user wrote option opt, for messages. */
static const char *
option_name(int opt, char *buf, size_t len)
{
	size_t i;

	for (i = 0; long_options[i].name != NULL; i++)
		if (long_options[i].val == opt) {
			snprintf(buf, len, "--%s", long_options[i].name);
			return buf;
		}
	snprintf(buf, len, "-%c", opt);
	return buf;
}

/*
 * 1 when option opt means something to the command.  A run takes them all;
 * the commands that read saved runs take only those about output.
 */
static int
option_applies(enum command command, int opt)
{
	switch (command) {
	case COMMAND_REPORT:
		return opt == 'f' || opt == 'o' || opt == 'q' ||
		    opt == OPT_COLOR || opt == 'v' || opt == OPT_SAMPLE_CAP;
	case COMMAND_COMPARE:
		return opt == 'f' || opt == 'o' || opt == 'q' ||
		    opt == OPT_COLOR || opt == OPT_FAIL_THRESHOLD;
	case COMMAND_RECOMMEND:
		return opt == 't' || opt == 'o' || opt == 'q';
	case COMMAND_CLEANUP:
		return opt == OPT_DSN || opt == 'o' || opt == 'q';
	case COMMAND_RUN:
	case COMMAND_VALIDATE:
	case COMMAND_LIST:
	case COMMAND_HELP:
	case COMMAND_VERSION:
		break;
	}
	return 1;
}

static const char *
command_name(enum command command)
{
	switch (command) {
	case COMMAND_REPORT:
		return "report";
	case COMMAND_COMPARE:
		return "compare";
	case COMMAND_RECOMMEND:
		return "recommend";
	case COMMAND_CLEANUP:
		return "cleanup";
	case COMMAND_VALIDATE:
		return "validate";
	case COMMAND_LIST:
		return "list";
	case COMMAND_RUN:
	case COMMAND_HELP:
	case COMMAND_VERSION:
		break;
	}
	return "run";
}

/* The command word, if argv[1] is one; *first is where options start. */
static int
parse_command(int argc, char **argv, struct config *cfg, int *first,
    struct db_error *err)
{
	*first = 1;
	if (argc < 2 || argv[1][0] == '-')
		return DB_OK;
	*first = 2;
	if (strcmp(argv[1], "run") == 0)
		cfg->command = COMMAND_RUN;
	else if (strcmp(argv[1], "validate") == 0)
		cfg->command = COMMAND_VALIDATE;
	else if (strcmp(argv[1], "list") == 0)
		cfg->command = COMMAND_LIST;
	else if (strcmp(argv[1], "report") == 0)
		cfg->command = COMMAND_REPORT;
	else if (strcmp(argv[1], "compare") == 0)
		cfg->command = COMMAND_COMPARE;
	else if (strcmp(argv[1], "recommend") == 0)
		cfg->command = COMMAND_RECOMMEND;
	else if (strcmp(argv[1], "cleanup") == 0)
		cfg->command = COMMAND_CLEANUP;
	else if (strcmp(argv[1], "help") == 0)
		cfg->command = COMMAND_HELP;
	else
		return db_error_set(err, DB_EUSAGE,
		    "unknown command '%s' (commands: run, validate, report, "
		    "compare, recommend, cleanup, suite, list, help)",
		    argv[1]);
	return DB_OK;
}

/*
 * The arguments left after the options: the saved run of report, the two
 * of compare; none for the other commands.
 */
static int
parse_files(struct config *cfg, int argc, char **argv,
    struct db_error *err)
{
	size_t want = 0;
	int i;

	if (cfg->command == COMMAND_HELP || cfg->command == COMMAND_VERSION)
		return DB_OK;
	if (cfg->command == COMMAND_REPORT ||
	    cfg->command == COMMAND_RECOMMEND)
		want = 1;
	else if (cfg->command == COMMAND_COMPARE)
		want = 2;
	if ((size_t)argc > want)
		return db_error_set(err, DB_EUSAGE, "unexpected argument '%s'",
		    argv[want]);
	if ((size_t)argc < want && cfg->command == COMMAND_REPORT)
		return db_error_set(err, DB_EUSAGE,
		    "report: give the saved run to render: dbbench report "
		    "RUN.json");
	if ((size_t)argc < want && cfg->command == COMMAND_RECOMMEND)
		return db_error_set(err, DB_EUSAGE,
		    "recommend: give a saved run with several worker counts: "
		    "dbbench recommend --tests N RUN.json");
	if ((size_t)argc < want)
		return db_error_set(err, DB_EUSAGE,
		    "compare: give two saved runs: dbbench compare OLD.json "
		    "NEW.json");
	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "%s: empty file name", command_name(cfg->command));
		cfg->files = xreallocarray(cfg->files, cfg->n_files + 1,
		    sizeof *cfg->files);
		cfg->files[cfg->n_files++] = xstrdup(argv[i]);
	}
	return DB_OK;
}

/* Options that only make sense together. */
static int
check_combinations(const struct config *cfg, struct db_error *err)
{
	int machine = cfg->format == FORMAT_JSON ||
	    cfg->format == FORMAT_CSV || cfg->format == FORMAT_HTML;

	if (cfg->command == COMMAND_COMPARE &&
	    (cfg->format == FORMAT_CSV || cfg->format == FORMAT_HTML))
		return db_error_set(err, DB_EUSAGE,
		    "compare: --format %s is not available (text, markdown "
		    "or json)",
		    report_format_name(cfg->format));
	if (cfg->command != COMMAND_RUN)
		return DB_OK;
	if (cfg->fail_threshold_set && cfg->baseline == NULL)
		return db_error_set(err, DB_EUSAGE,
		    "--fail-threshold: give --baseline NAME too (or use the "
		    "compare command)");
	if (cfg->baseline != NULL && machine &&
	    (cfg->output == NULL || strcmp(cfg->output, "-") == 0))
		return db_error_set(err, DB_EUSAGE,
		    "--baseline: the comparison is printed on standard "
		    "output; give -o FILE for the %s report",
		    report_format_name(cfg->format));
	return DB_OK;
}

/* 1 when the DSN has the form of a PostgreSQL connection string. */
static int
postgres_dsn(const char *dsn)
{
	return strncmp(dsn, "postgresql://", 13) == 0 ||
	    strncmp(dsn, "postgres://", 11) == 0 || strchr(dsn, '=') != NULL;
}

/* 1 when -b names the backend called name. */
static int
names_backend(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_backends; i++)
		if (strcmp(cfg->backends[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Options that only PostgreSQL reads (pg_opt: the last one given, 0 for
 * none) need a PostgreSQL backend (--dsn mysql://... and --protocol a
 * MySQL one too): --dsn without -b picks the backend its form names; with
 * -b naming no backend that reads them they are an error, not a silent
 * no-op.
 */
static int
resolve_postgres_options(struct config *cfg, int pg_opt,
    struct db_error *err)
{
	char name[40];

	if (pg_opt == 0 || (cfg->command != COMMAND_RUN &&
			       cfg->command != COMMAND_VALIDATE))
		return DB_OK;
	if (cfg->n_backends == 0 && cfg->mysql_dsn != NULL &&
	    cfg->dsn == NULL && pg_opt != OPT_TEMPLATE_STRATEGY) {
		if (backend_find("mysql") == NULL)
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: this dbbench was built without MySQL");
		cfg->backends = xcalloc(1, sizeof *cfg->backends);
		cfg->backends[0] = xstrdup("mysql");
		cfg->n_backends = 1;
		return DB_OK;
	}
	if (cfg->mysql_dsn != NULL && !names_backend(cfg, "mysql"))
		return db_error_set(err, DB_EUSAGE,
		    "--dsn mysql://... applies to MySQL only, and -b names no "
		    "MySQL backend: add mysql to -b");
	if (cfg->n_backends == 0 && cfg->dsn != NULL) {
		if (!postgres_dsn(cfg->dsn))
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: '%s' is neither keyword=value pairs nor a "
			    "postgresql:// URI",
			    cfg->dsn);
		if (backend_find("postgres") == NULL)
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: this dbbench was built without "
			    "PostgreSQL");
		cfg->backends = xcalloc(1, sizeof *cfg->backends);
		cfg->backends[0] = xstrdup("postgres");
		cfg->n_backends = 1;
		return DB_OK;
	}
	if (names_backend(cfg, "postgres") ||
	    (names_backend(cfg, "mysql") && pg_opt != OPT_TEMPLATE_STRATEGY &&
		(pg_opt != OPT_DSN || cfg->dsn == NULL)))
		return DB_OK;
	option_name(pg_opt, name, sizeof name);
	if (cfg->n_backends == 0)
		return db_error_set(err, DB_EUSAGE,
		    "%s applies to PostgreSQL only, and the backend is sqlite "
		    "(the default): add -b postgres",
		    name);
	return db_error_set(err, DB_EUSAGE,
	    "%s applies to PostgreSQL only, and -b names no PostgreSQL "
	    "backend: add postgres to -b",
	    name);
}

/*
 * --rounds fixes the number of rounds; --target-ci and --max-time end
 * adaptive rounds.  Together one of them would be ignored.
 */
static int
check_rounds(const struct config *cfg, int adaptive_opt,
    struct db_error *err)
{
	char name[40];

	if (cfg->rounds == 0 || adaptive_opt == 0 || cfg->child_rounds > 0)
		return DB_OK;
	return db_error_set(err, DB_EUSAGE,
	    "--rounds %u runs exactly that many rounds; %s only ends adaptive "
	    "rounds: give one or the other",
	    cfg->rounds, option_name(adaptive_opt, name, sizeof name));
}

/*
 * The state checks are on in validate and off in run unless an option says
 * otherwise; --fail-on-leak needs them.
 */
static int
resolve_checks(struct config *cfg, struct db_error *err)
{
	if (cfg->fail_on_leak && cfg->check_state == 0)
		return db_error_set(err, DB_EUSAGE,
		    "--fail-on-leak needs the state checks: drop "
		    "--no-check-state");
	if (cfg->check_state < 0)
		cfg->check_state = cfg->fail_on_leak ||
		    cfg->command == COMMAND_VALIDATE;
	if (cfg->command == COMMAND_VALIDATE && !cfg->validate &&
	    !cfg->check_state)
		return db_error_set(err, DB_EUSAGE,
		    "validate: --no-validate and --no-check-state leave "
		    "nothing to do");
	return DB_OK;
}

/*
 * Fill cfg from argv.  On error cfg holds what was parsed so far (free it
 * with cli_config_fini) and err names the problem.  Resets getopt, so it can
 * be called more than once in a process.
 */
int
cli_parse(int argc, char **argv, struct config *cfg, struct db_error *err)
{
	char shortopts[] = ":b:s:w:t:j:f:o:qvhV";
	int first, opt, rc, pg_opt = 0, adaptive_opt = 0;

	cli_defaults(cfg);
	cfg->argc = argc;
	cfg->argv = argv;
	rc = parse_command(argc, argv, cfg, &first, err);
	if (rc != DB_OK)
		return rc;
	optind = 0; /* glibc: full reset */
	opterr = 0;
	for (;;) {
		opt = getopt_long(argc - first + 1, argv + first - 1, shortopts,
		    long_options, NULL);
		if (opt == -1)
			break;
		if (opt == '?') {
			if (optopt != 0)
				return db_error_set(err, DB_EUSAGE,
				    "unknown option '-%c'", optopt);
			return db_error_set(err, DB_EUSAGE,
			    "unknown option '%s'",
			    argv[first - 1 + optind - 1]);
		}
		if (opt == ':')
			return db_error_set(err, DB_EUSAGE,
			    "option '%s' needs a value",
			    argv[first - 1 + optind - 1]);
		if (opt == 'h') {
			if (first == 2 && cfg->command != COMMAND_HELP)
				cfg->help_command = cfg->command;
			cfg->command = COMMAND_HELP;
			continue;
		}
		if (opt == 'V') {
			cfg->command = COMMAND_VERSION;
			continue;
		}
		if (!option_applies(cfg->command, opt)) {
			char name[40];

			return db_error_set(err, DB_EUSAGE,
			    "%s: %s does not apply to this command",
			    command_name(cfg->command),
			    option_name(opt, name, sizeof name));
		}
		rc = parse_option(opt, optarg, cfg, err);
		if (rc != DB_OK)
			return rc;
		if (opt == OPT_DSN || opt == OPT_PROTOCOL ||
		    opt == OPT_TEMPLATE_STRATEGY)
			pg_opt = opt;
		if (opt == OPT_TARGET_CI || opt == OPT_MAX_TIME)
			adaptive_opt = opt;
	}
	rc = parse_files(cfg, argc - (first - 1 + optind),
	    argv + first - 1 + optind, err);
	if (rc != DB_OK)
		return rc;
	rc = check_combinations(cfg, err);
	if (rc == DB_OK)
		rc = resolve_postgres_options(cfg, pg_opt, err);
	if (rc == DB_OK)
		rc = check_rounds(cfg, adaptive_opt, err);
	if (rc != DB_OK)
		return rc;
	if (cfg->n_backends == 0) {
		cfg->backends = xcalloc(1, sizeof *cfg->backends);
		cfg->backends[0] = xstrdup("sqlite");
		cfg->n_backends = 1;
	}
	if (cfg->workload == NULL)
		cfg->workload = xstrdup("default");
	if (cfg->n_seed_scales == 0) {
		cfg->seed_scales = xcalloc(1, sizeof *cfg->seed_scales);
		cfg->seed_scales[0] = 1;
		cfg->n_seed_scales = 1;
	}
	if (cfg->n_workers == 0) {
		cfg->workers = xcalloc(1, sizeof *cfg->workers);
		cfg->workers[0] = 1;
		cfg->n_workers = 1;
	}
	return resolve_checks(cfg, err);
}

void
cli_config_fini(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_backends; i++)
		free(cfg->backends[i]);
	free(cfg->backends);
	for (i = 0; i < cfg->n_strategies; i++)
		free(cfg->strategies[i]);
	free(cfg->strategies);
	free(cfg->sqlite_path);
	free(cfg->dsn);
	free(cfg->mysql_dsn);
	free(cfg->seed_scales);
	free(cfg->workers);
	free(cfg->workload);
	free(cfg->output);
	free(cfg->save);
	free(cfg->baseline);
	for (i = 0; i < cfg->n_files; i++)
		free(cfg->files[i]);
	free(cfg->files);
	memset(cfg, 0, sizeof *cfg);
}
