/*
 * cli.c - parsing the command line with getopt_long
 *
 * Every option's value is checked here: a number must be all digits and in
 * range, a list must name known backends or strategies without repeats.  The
 * first problem found is the error, one line naming the option and the
 * value.  Defaults live in cli_defaults() and are quoted by the help text;
 * keep the two together.
 *
 * Options are data: each is a row of option_specs[] naming the config
 * field it sets and its parser (a flag, a word of a keyword table, a
 * number in a range, a string, or its own), and getopt's tables are made
 * from the rows.  Which options a command takes, and how many files follow
 * them, is the command's entry (command.h).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "cli.h"
#include "command.h"
#include "report.h"
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
	OPT_CHILD_CELLS,
};

static void
cli_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->command = &cmd_run_entry;
	cfg->target_ci = DEFAULT_TARGET_CI;
	cfg->max_time = DEFAULT_MAX_TIME;
	cfg->warmup = DEFAULT_WARMUP;
	cfg->seed = DEFAULT_SEED;
	cfg->replicates = DEFAULT_REPLICATES;
	cfg->pin = 1;
	cfg->format = &report_text_ops;
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

/* See cli.h. */
int
cli_split_list(const char *opt, const char *arg, int (*known)(const char *),
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
			    "%s: empty %s in '%s'", opt,
			    known != NULL ? "name" : "item", arg);
		name = xstrndup(p, len);
		if (known != NULL && !known(name)) {
			db_error_set(err, DB_EUSAGE,
			    "%s: unknown %s '%s' (available: %s)", opt, what,
			    name, available);
			free(name);
			return DB_EUSAGE;
		}
		for (i = 0; i < *n; i++)
			if (strcmp((*items)[i], name) == 0) {
				db_error_set(err, DB_EUSAGE,
				    "%s: '%s' is given twice", opt, name);
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

/* A word a keyword option takes, and the value it stands for. */
struct keyword {
	const char *word;
	int value;
};

/*
 * arg as one of words (ending with a NULL word): *out is its value;
 * otherwise one line naming the option, what the word names and the
 * accepted words.
 */
static int
parse_keyword(const char *opt, const char *what, const char *arg,
    const struct keyword *words, int *out, struct db_error *err)
{
	struct strbuf sb;
	size_t i;

	for (i = 0; words[i].word != NULL; i++)
		if (strcmp(words[i].word, arg) == 0) {
			*out = words[i].value;
			return DB_OK;
		}
	strbuf_init(&sb);
	for (i = 0; words[i].word != NULL; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", words[i].word);
	db_error_set(err, DB_EUSAGE, "%s: unknown %s '%s' (available: %s)",
	    opt, what, arg, sb.buf);
	strbuf_fini(&sb);
	return DB_EUSAGE;
}

static const struct keyword dist_words[] = {
	{ "load", 0 },
	{ "chunk", 1 },
	{ NULL, 0 },
};

static const struct keyword pool_words[] = {
	{ "per-worker", 0 },
	{ "static", 1 },
	{ NULL, 0 },
};

static const struct keyword color_words[] = {
	{ "auto", COLOR_AUTO },
	{ "always", COLOR_ALWAYS },
	{ "never", COLOR_NEVER },
	{ NULL, 0 },
};

/*
 * One option: its names, and how its value is read into the config.  The
 * parser gets "--name" for messages.  Which fields of the entry it reads
 * depends on the parser: set_flag sets value; set_keyword reads a word of
 * words (naming what); set_text keeps a string (an empty one is refused,
 * naming what it lacks, unless what is NULL); set_count a whole number in
 * [min, max]; the others are the options' own.
 */
struct option_spec;
typedef int option_parser(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err);

struct option_spec {
	const char *name; /* long name, without "--" */
	int has_arg;	  /* getopt's no_argument or required_argument */
	int val;	  /* its letter, or an OPT_* */
	option_parser *parse; /* NULL: read by cli_parse() (--help,
				 --version) */
	size_t field;	  /* offsetof(struct config, what it sets) */
	int value;
	const struct keyword *words;
	const char *what;
	unsigned long long min, max;
};

#define FIELD(f) offsetof(struct config, f)

static void *
field_of(const struct option_spec *spec, struct config *cfg)
{
	return (char *)cfg + spec->field;
}

static int
set_flag(const struct option_spec *spec, const char *opt, const char *arg,
    struct config *cfg, struct db_error *err)
{
	(void)opt;
	(void)arg;
	(void)err;
	*(int *)field_of(spec, cfg) = spec->value;
	return DB_OK;
}

static int
set_keyword(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	return parse_keyword(opt, spec->what, arg, spec->words,
	    (int *)field_of(spec, cfg), err);
}

static int
set_text(const struct option_spec *spec, const char *opt, const char *arg,
    struct config *cfg, struct db_error *err)
{
	char **text = field_of(spec, cfg);

	if (spec->what != NULL && arg[0] == '\0')
		return db_error_set(err, DB_EUSAGE, "%s: empty %s", opt,
		    spec->what);
	free(*text);
	*text = xstrdup(arg);
	return DB_OK;
}

static int
set_count(const struct option_spec *spec, const char *opt, const char *arg,
    struct config *cfg, struct db_error *err)
{
	unsigned long long v;
	int rc;

	rc = cli_parse_uint(opt, arg, spec->min, spec->max, &v, err);
	if (rc == DB_OK)
		*(unsigned *)field_of(spec, cfg) = (unsigned)v;
	return rc;
}

static int
set_seed(const struct option_spec *spec, const char *opt, const char *arg,
    struct config *cfg, struct db_error *err)
{
	unsigned long long v;
	int rc;

	(void)spec;
	rc = cli_parse_uint(opt, arg, 0, UINT64_MAX, &v, err);
	if (rc == DB_OK)
		cfg->seed = v;
	return rc;
}

static int
set_sample_cap(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	unsigned long long v;
	int rc;

	(void)spec;
	rc = cli_parse_uint(opt, arg, 0, SIZE_MAX / 64, &v, err);
	if (rc == DB_OK && v > 0 && v < SAMPLE_CAP_MIN)
		rc = db_error_set(err, DB_EUSAGE,
		    "%s: %llu is too few to read percentiles from (at least "
		    "%d, or 0 for all)",
		    opt, v, SAMPLE_CAP_MIN);
	cfg->sample_cap = (size_t)v;
	cfg->sample_cap_given = 1;
	return rc;
}

/* --target-ci and --fail-threshold: a percentage, kept as a fraction. */
static int
set_percent(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	double *fraction = field_of(spec, cfg);
	int rc;

	rc = cli_parse_positive(opt, arg, "%", (double)spec->max, fraction,
	    err);
	*fraction /= 100;
	if (spec->field == FIELD(fail_threshold))
		cfg->fail_threshold_set = 1;
	return rc;
}

static int
set_seconds(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	return cli_parse_positive(opt, arg, "s", (double)spec->max,
	    (double *)field_of(spec, cfg), err);
}

static int
set_backends(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	char *names = backend_names();
	int rc;

	(void)spec;
	rc = cli_split_list(opt, arg, known_backend, "backend", names,
	    &cfg->backends, &cfg->n_backends, err);
	free(names);
	return rc;
}

static int
set_strategies(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	char *names;
	size_t i;
	int rc;

	(void)spec;
	if (strcmp(arg, "all") == 0) {
		for (i = 0; i < cfg->n_strategies; i++)
			free(cfg->strategies[i]);
		free(cfg->strategies);
		cfg->strategies = NULL;
		cfg->n_strategies = 0;
		return DB_OK;
	}
	names = strategy_names();
	rc = cli_split_list(opt, arg, known_strategy, "strategy", names,
	    &cfg->strategies, &cfg->n_strategies, err);
	free(names);
	return rc;
}

static int
set_seed_scales(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	return parse_counts(opt, arg, (unsigned)spec->max, &cfg->seed_scales,
	    &cfg->n_seed_scales, err);
}

static int
set_workers(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	return parse_counts(opt, arg, (unsigned)spec->max, &cfg->workers,
	    &cfg->n_workers, err);
}

static int
set_format(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	char *names;

	(void)spec;
	cfg->format = report_find(arg);
	if (cfg->format != NULL)
		return DB_OK;
	cfg->format = &report_text_ops;
	names = report_names(0, ", ");
	db_error_set(err, DB_EUSAGE, "%s: unknown format '%s' (available: %s)",
	    opt, arg, names);
	free(names);
	return DB_EUSAGE;
}

static int
set_save(const struct option_spec *spec, const char *opt, const char *arg,
    struct config *cfg, struct db_error *err)
{
	(void)spec;
	(void)opt;
	return parse_save_name(arg, cfg, err);
}

/*
 * A backend's own option (--sqlite-path, --dsn, --protocol ...): checked
 * by every compiled-in backend that takes it and kept, as given, for the
 * drivers (backend_set_options()).  A DSN is checked when the run's
 * backends are known (resolve_backend_options()).
 */
static int
set_backend_option(const struct option_spec *spec, const char *opt,
    const char *arg, struct config *cfg, struct db_error *err)
{
	const struct backend_ops *const *all;
	struct backend_setting *o;
	size_t i, n;
	int rc = DB_OK;

	(void)opt;
	all = backend_all(&n);
	for (i = 0; rc == DB_OK && i < n; i++)
		if (spec->val != OPT_DSN &&
		    backend_takes_option(all[i], spec->name, NULL))
			rc = all[i]->set_option(NULL, spec->name, arg, err);
	if (rc != DB_OK)
		return rc;
	cfg->backend_options = xreallocarray(cfg->backend_options,
	    cfg->n_backend_options + 1, sizeof *cfg->backend_options);
	o = &cfg->backend_options[cfg->n_backend_options++];
	o->name = xstrdup(spec->name);
	o->value = xstrdup(arg);
	return DB_OK;
}

#define REQ required_argument
#define NONE no_argument

/* Every option, in the order of the help page. */
static const struct option_spec option_specs[] = {
	{ "backend", REQ, 'b', set_backends, 0, 0, NULL, NULL, 0, 0 },
	{ "sqlite-path", REQ, OPT_SQLITE_PATH, set_backend_option, 0, 0,
	    NULL, NULL, 0, 0 },
	{ "dsn", REQ, OPT_DSN, set_backend_option, 0, 0, NULL, NULL, 0, 0 },
	{ "protocol", REQ, OPT_PROTOCOL, set_backend_option, 0, 0, NULL,
	    NULL, 0, 0 },
	{ "template-strategy", REQ, OPT_TEMPLATE_STRATEGY, set_backend_option,
	    0, 0, NULL, NULL, 0, 0 },
	{ "sqlite-clone", REQ, OPT_SQLITE_CLONE, set_backend_option, 0, 0,
	    NULL, NULL, 0, 0 },
	{ "sqlite-memstatus", REQ, OPT_SQLITE_MEMSTATUS, set_backend_option, 0,
	    0, NULL, NULL, 0, 0 },
	{ "sample-cap", REQ, OPT_SAMPLE_CAP, set_sample_cap, 0, 0, NULL, NULL,
	    0, 0 },
	{ "seed-scale", REQ, OPT_SEED_SCALE, set_seed_scales, 0, 0, NULL,
	    NULL, 1, MAX_SEED_SCALE },
	{ "pool", REQ, OPT_POOL, set_keyword, FIELD(static_pool), 0,
	    pool_words, "pool", 0, 0 },
	{ "workers", REQ, 'j', set_workers, 0, 0, NULL, NULL, 1,
	    MAX_WORKERS },
	{ "dist", REQ, OPT_DIST, set_keyword, FIELD(chunk), 0, dist_words,
	    "distribution", 0, 0 },
	{ "no-vacuum", NONE, OPT_NO_VACUUM, set_flag, FIELD(no_vacuum), 1,
	    NULL, NULL, 0, 0 },
	{ "pin", NONE, OPT_PIN, set_flag, FIELD(pin), 1, NULL, NULL, 0, 0 },
	{ "no-pin", NONE, OPT_NO_PIN, set_flag, FIELD(pin), 0, NULL, NULL, 0,
	    0 },
	{ "strategy", REQ, 's', set_strategies, 0, 0, NULL, NULL, 0, 0 },
	{ "workload", REQ, 'w', set_text, FIELD(workload), 0, NULL, "name", 0,
	    0 },
	{ "tests", REQ, 't', set_count, FIELD(tests), 0, NULL, NULL, 1,
	    MAX_TESTS },
	{ "rounds", REQ, OPT_ROUNDS, set_count, FIELD(rounds), 0, NULL, NULL,
	    1, MAX_ROUNDS },
	{ "replicates", REQ, OPT_REPLICATES, set_count, FIELD(replicates), 0,
	    NULL, NULL, 1, MAX_REPLICATES },
	/* internal: one process's share of a run, and which process it is,
	 * from 1 (replicate.h) */
	{ "child-rounds", REQ, OPT_CHILD_ROUNDS, set_count,
	    FIELD(child_rounds), 0, NULL, NULL, 1, MAX_ROUNDS },
	{ "child-index", REQ, OPT_CHILD_INDEX, set_count, FIELD(child_index),
	    0, NULL, NULL, 1, MAX_REPLICATES },
	{ "child-cells", REQ, OPT_CHILD_CELLS, set_text, FIELD(child_cells),
	    0, NULL, "list of cells", 0, 0 },
	{ "target-ci", REQ, OPT_TARGET_CI, set_percent, FIELD(target_ci), 0,
	    NULL, NULL, 0, 100 },
	{ "max-time", REQ, OPT_MAX_TIME, set_seconds, FIELD(max_time), 0,
	    NULL, NULL, 0, MAX_MAX_TIME },
	{ "warmup", REQ, OPT_WARMUP, set_count, FIELD(warmup), 0, NULL, NULL,
	    0, MAX_WARMUP },
	{ "seed", REQ, OPT_SEED, set_seed, 0, 0, NULL, NULL, 0, 0 },
	{ "strict", NONE, OPT_STRICT, set_flag, FIELD(strict), 1, NULL, NULL,
	    0, 0 },
	{ "check-state", NONE, OPT_CHECK_STATE, set_flag, FIELD(check_state),
	    1, NULL, NULL, 0, 0 },
	{ "no-check-state", NONE, OPT_NO_CHECK_STATE, set_flag,
	    FIELD(check_state), 0, NULL, NULL, 0, 0 },
	{ "no-validate", NONE, OPT_NO_VALIDATE, set_flag, FIELD(validate), 0,
	    NULL, NULL, 0, 0 },
	{ "fail-on-leak", NONE, OPT_FAIL_ON_LEAK, set_flag,
	    FIELD(fail_on_leak), 1, NULL, NULL, 0, 0 },
	{ "format", REQ, 'f', set_format, 0, 0, NULL, NULL, 0, 0 },
	{ "output", REQ, 'o', set_text, FIELD(output), 0, NULL, "file name",
	    0, 0 },
	{ "save", REQ, OPT_SAVE, set_save, 0, 0, NULL, NULL, 0, 0 },
	{ "baseline", REQ, OPT_BASELINE, set_text, FIELD(baseline), 0, NULL,
	    "file name", 0, 0 },
	{ "fail-threshold", REQ, OPT_FAIL_THRESHOLD, set_percent,
	    FIELD(fail_threshold), 0, NULL, NULL, 0, MAX_FAIL_THRESHOLD },
	{ "quiet", NONE, 'q', set_flag, FIELD(quiet), 1, NULL, NULL, 0, 0 },
	{ "verbose", NONE, 'v', set_flag, FIELD(verbose), 1, NULL, NULL, 0,
	    0 },
	{ "color", REQ, OPT_COLOR, set_keyword, FIELD(color), 0, color_words,
	    "value", 0, 0 },
	{ "help", NONE, 'h', NULL, 0, 0, NULL, NULL, 0, 0 },
	{ "version", NONE, 'V', NULL, 0, 0, NULL, NULL, 0, 0 },
};

#define N_OPTIONS (sizeof option_specs / sizeof option_specs[0])

/* The option whose getopt value is opt, or NULL. */
static const struct option_spec *
find_option(int opt)
{
	size_t i;

	for (i = 0; i < N_OPTIONS; i++)
		if (option_specs[i].val == opt)
			return &option_specs[i];
	return NULL;
}

/* getopt_long's tables, made from option_specs: the letters ("b:s:...")
 * after a leading ':' in shortopts, and longopts (N_OPTIONS + 1 of them,
 * the last all zero). */
static void
getopt_tables(char *shortopts, size_t size, struct option *longopts)
{
	size_t i, len = 0;

	memset(longopts, 0, (N_OPTIONS + 1) * sizeof *longopts);
	shortopts[len++] = ':';
	for (i = 0; i < N_OPTIONS; i++) {
		longopts[i].name = option_specs[i].name;
		longopts[i].has_arg = option_specs[i].has_arg;
		longopts[i].val = option_specs[i].val;
		if (option_specs[i].val >= 256 || len + 3 > size)
			continue;
		shortopts[len++] = (char)option_specs[i].val;
		if (option_specs[i].has_arg == required_argument)
			shortopts[len++] = ':';
	}
	shortopts[len] = '\0';
}

static int
parse_option(int opt, const char *arg, struct config *cfg,
    struct db_error *err)
{
	const struct option_spec *spec = find_option(opt);
	char name[40];

	if (spec == NULL || spec->parse == NULL)
		return db_error_set(err, DB_EUSAGE, "unhandled option");
	snprintf(name, sizeof name, "--%s", spec->name);
	return spec->parse(spec, name, arg, cfg, err);
}

/* "--rounds" or "-q": how the user wrote option opt, for messages. */
static const char *
option_name(int opt, char *buf, size_t len)
{
	const struct option_spec *spec = find_option(opt);

	if (spec != NULL)
		snprintf(buf, len, "--%s", spec->name);
	else
		snprintf(buf, len, "-%c", opt);
	return buf;
}

/*
 * 1 when option opt means something to the command: a run takes them all;
 * the commands that read saved runs take only those about output.
 */
static int
option_applies(const struct command_entry *command, int opt)
{
	const struct option_spec *spec = find_option(opt);

	return spec == NULL || command_takes(command, spec->name);
}

/* The command word, if argv[1] is one; *first is where options start. */
static int
parse_command(int argc, char **argv, struct config *cfg, int *first,
    struct db_error *err)
{
	const struct command_entry *cmd;
	char *names;

	*first = 1;
	if (argc < 2 || argv[1][0] == '-')
		return DB_OK;
	*first = 2;
	cmd = command_find(argv[1]);
	if (cmd != NULL && cmd->exec != NULL) {
		cfg->command = cmd;
		return DB_OK;
	}
	names = command_names();
	db_error_set(err, DB_EUSAGE, "unknown command '%s' (commands: %s)",
	    argv[1], names);
	free(names);
	return DB_EUSAGE;
}

/*
 * The arguments left after the options: the saved run of report, the two
 * of compare; none for the other commands.
 */
static int
parse_files(struct config *cfg, int argc, char **argv,
    struct db_error *err)
{
	const struct command_entry *cmd = cfg->command;
	size_t want = 0;
	int i;

	if (cmd->files == COMMAND_FILES_IGNORED)
		return DB_OK;
	if (cmd->files == COMMAND_FILES_ONE)
		want = 1;
	else if (cmd->files == COMMAND_FILES_TWO)
		want = 2;
	if ((size_t)argc > want)
		return db_error_set(err, DB_EUSAGE, "unexpected argument '%s'",
		    argv[want]);
	if ((size_t)argc < want)
		return db_error_set(err, DB_EUSAGE, "%s: %s", cmd->name,
		    cmd->files_hint);
	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "%s: empty file name", cmd->name);
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
	char *names;

	if (cfg->command == &cmd_compare_entry && cfg->format->compare == NULL) {
		names = report_names(1, " or ");
		db_error_set(err, DB_EUSAGE,
		    "compare: --format %s is not available (%s)",
		    cfg->format->name, names);
		free(names);
		return DB_EUSAGE;
	}
	if (cfg->command != &cmd_run_entry)
		return DB_OK;
	if (cfg->fail_threshold_set && cfg->baseline == NULL)
		return db_error_set(err, DB_EUSAGE,
		    "--fail-threshold: give --baseline NAME too (or use the "
		    "compare command)");
	if (cfg->baseline != NULL && cfg->format->machine &&
	    (cfg->output == NULL || strcmp(cfg->output, "-") == 0))
		return db_error_set(err, DB_EUSAGE,
		    "--baseline: the comparison is printed on standard "
		    "output; give -o FILE for the %s report",
		    cfg->format->name);
	return DB_OK;
}

/* The compiled-in backend a DSN's form says it is for, or NULL. */
static const struct backend_ops *
dsn_backend(const char *dsn)
{
	const struct backend_ops *const *all;
	size_t i, n;

	all = backend_all(&n);
	for (i = 0; i < n; i++)
		if (backend_takes_option(all[i], "dsn", dsn))
			return all[i];
	return NULL;
}

/* A DSN no backend claims: name the forms they take. */
static int
unclaimed_dsn(const char *dsn, struct db_error *err)
{
	const struct backend_ops *const *all;
	const char *forms[16];
	struct strbuf list;
	size_t i, j, n, k = 0;

	all = backend_all(&n);
	for (i = 0; i < n; i++)
		for (j = 0; all[i]->dsn_forms != NULL &&
		     all[i]->dsn_forms[j] != NULL && k < 16;
		     j++)
			forms[k++] = all[i]->dsn_forms[j];
	if (k == 0)
		return db_error_set(err, DB_EUSAGE,
		    "--dsn: this dbbench was built without a backend that "
		    "takes a DSN");
	strbuf_init(&list);
	for (i = 0; i < k; i++)
		strbuf_addf(&list, "%s%s",
		    i == 0 ? "" : i + 1 == k ? " nor " : ", ", forms[i]);
	db_error_set(err, DB_EUSAGE, "--dsn: '%s' is neither %s", dsn,
	    list.buf);
	strbuf_fini(&list);
	return DB_EUSAGE;
}

/*
 * Every --dsn is for one backend, and no backend has two (the message
 * names no DSN: it may hold a password).
 */
static int
check_dsns(const struct config *cfg, struct db_error *err)
{
	const struct backend_setting *o = cfg->backend_options;
	const struct backend_ops *b;
	size_t i, j;

	for (i = 0; i < cfg->n_backend_options; i++) {
		if (strcmp(o[i].name, "dsn") != 0)
			continue;
		b = dsn_backend(o[i].value);
		if (b == NULL)
			return unclaimed_dsn(o[i].value, err);
		for (j = 0; j < i; j++)
			if (strcmp(o[j].name, "dsn") == 0 &&
			    dsn_backend(o[j].value) == b)
				return db_error_set(err, DB_EUSAGE,
				    "--dsn: two DSNs are for %s; give one DSN "
				    "per backend",
				    b->name);
	}
	return DB_OK;
}

/* --dsn without -b: the run's backends are those the DSNs are for. */
static void
pick_dsn_backends(struct config *cfg)
{
	const struct backend_setting *o = cfg->backend_options;
	size_t i;

	for (i = 0; i < cfg->n_backend_options; i++) {
		if (strcmp(o[i].name, "dsn") != 0)
			continue;
		cfg->backends = xreallocarray(cfg->backends,
		    cfg->n_backends + 1, sizeof *cfg->backends);
		cfg->backends[cfg->n_backends++] =
		    xstrdup(dsn_backend(o[i].value)->name);
	}
}

/* The option as the run's backends see it: 1 when one of them takes it. */
static int
run_takes(const struct config *cfg, const struct backend_setting *o)
{
	const struct backend_ops *const *all;
	size_t i, n;

	if (cfg->n_backends == 0) {
		all = backend_all(&n);
		return backend_takes_option(all[0], o->name, o->value);
	}
	for (i = 0; i < cfg->n_backends; i++)
		if (backend_takes_option(backend_find(cfg->backends[i]),
			o->name, o->value))
			return 1;
	return 0;
}

/*
 * An option no backend of the run takes: name the backends that would
 * ("PostgreSQL"), and how to add the first of them.
 */
static int
not_taken(const struct config *cfg, const struct backend_setting *o,
    struct db_error *err)
{
	const struct backend_ops *const *all;
	const char *first = NULL;
	struct strbuf titles;
	size_t i, n;

	all = backend_all(&n);
	strbuf_init(&titles);
	for (i = 0; i < n; i++) {
		if (!backend_takes_option(all[i], o->name, o->value))
			continue;
		strbuf_addf(&titles, "%s%s", first != NULL ? " or " : "",
		    all[i]->title);
		if (first == NULL)
			first = all[i]->name;
	}
	if (cfg->n_backends == 0)
		db_error_set(err, DB_EUSAGE,
		    "--%s applies to %s only, and the backend is %s (the "
		    "default): add -b %s",
		    o->name, titles.buf, all[0]->name, first);
	else
		db_error_set(err, DB_EUSAGE,
		    "--%s applies to %s only, and -b names no %s backend: "
		    "add %s to -b",
		    o->name, titles.buf, titles.buf, first);
	strbuf_fini(&titles);
	return DB_EUSAGE;
}

/*
 * The backends' own options: each --dsn is for the backend its form says,
 * one per backend; --dsn without -b picks the backends it is for; and with
 * a run, an option none of its backends takes is an error, not a silent
 * no-op.
 */
static int
resolve_backend_options(struct config *cfg, struct db_error *err)
{
	size_t i;
	int rc;

	rc = check_dsns(cfg, err);
	if (rc != DB_OK || (cfg->command != &cmd_run_entry &&
			       cfg->command != &cmd_validate_entry))
		return rc;
	if (cfg->n_backends == 0 &&
	    backend_option_value(cfg->backend_options,
		cfg->n_backend_options, "dsn") != NULL)
		pick_dsn_backends(cfg);
	for (i = 0; i < cfg->n_backend_options; i++)
		if (!run_takes(cfg, &cfg->backend_options[i]))
			return not_taken(cfg, &cfg->backend_options[i], err);
	return DB_OK;
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
		    cfg->command == &cmd_validate_entry;
	if (cfg->command == &cmd_validate_entry && !cfg->validate &&
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
	struct option longopts[N_OPTIONS + 1];
	char shortopts[64];
	int first, opt, rc, adaptive_opt = 0;
	size_t n;

	cli_defaults(cfg);
	cfg->argc = argc;
	cfg->argv = argv;
	rc = parse_command(argc, argv, cfg, &first, err);
	if (rc != DB_OK)
		return rc;
	getopt_tables(shortopts, sizeof shortopts, longopts);
	optind = 0; /* glibc: full reset */
	opterr = 0;
	for (;;) {
		opt = getopt_long(argc - first + 1, argv + first - 1, shortopts,
		    longopts, NULL);
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
			if (first == 2 && cfg->command != &cmd_help_entry)
				cfg->help_command = cfg->command;
			cfg->command = &cmd_help_entry;
			continue;
		}
		if (opt == 'V') {
			cfg->command = &cmd_version_entry;
			continue;
		}
		if (!option_applies(cfg->command, opt)) {
			char name[40];

			return db_error_set(err, DB_EUSAGE,
			    "%s: %s does not apply to this command",
			    cfg->command->name,
			    option_name(opt, name, sizeof name));
		}
		rc = parse_option(opt, optarg, cfg, err);
		if (rc != DB_OK)
			return rc;
		if (opt == OPT_TARGET_CI || opt == OPT_MAX_TIME)
			adaptive_opt = opt;
	}
	rc = parse_files(cfg, argc - (first - 1 + optind),
	    argv + first - 1 + optind, err);
	if (rc != DB_OK)
		return rc;
	rc = check_combinations(cfg, err);
	if (rc == DB_OK)
		rc = resolve_backend_options(cfg, err);
	if (rc == DB_OK)
		rc = check_rounds(cfg, adaptive_opt, err);
	if (rc != DB_OK)
		return rc;
	if (cfg->n_backends == 0) { /* the first compiled-in backend */
		cfg->backends = xcalloc(1, sizeof *cfg->backends);
		cfg->backends[0] = xstrdup(backend_all(&n)[0]->name);
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
	for (i = 0; i < cfg->n_backend_options; i++) {
		free(cfg->backend_options[i].name);
		free(cfg->backend_options[i].value);
	}
	free(cfg->backend_options);
	free(cfg->seed_scales);
	free(cfg->workers);
	free(cfg->workload);
	free(cfg->output);
	free(cfg->save);
	free(cfg->baseline);
	free(cfg->child_cells);
	for (i = 0; i < cfg->n_files; i++)
		free(cfg->files[i]);
	free(cfg->files);
	memset(cfg, 0, sizeof *cfg);
}
