/*
 * cli.h - the command line, parsed into a struct config
 *
 * cli_parse() is pure: it reads argv, fills the config or an error, and
 * touches neither files nor databases.  Checks that need those (does the
 * workload exist?) happen where the thing is used.
 */
#ifndef DBBENCH_CLI_H
#define DBBENCH_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct backend_setting;
struct command_entry; /* command.h */
struct report_ops;    /* report.h */

enum color_mode {
	COLOR_AUTO,   /* when stdout is a terminal and NO_COLOR is unset */
	COLOR_ALWAYS,
	COLOR_NEVER,
};

struct config {
	const struct command_entry *command;
	const struct command_entry *help_command; /* --help after a command
						     word: its page; NULL:
						     the whole page */
	char **backends;       /* names, validated; owned */
	size_t n_backends;
	struct backend_setting *backend_options; /* the backends' own options
				  (--sqlite-path, --dsn, --protocol ...):
				  name without "--" and value, in the order
				  given, for backend_set_options(); owned */
	size_t n_backend_options;
	size_t sample_cap;     /* --sample-cap: per-test samples a cell
				  keeps, 0: all */
	int sample_cap_given;  /* report: draw the saved run down to it */
	unsigned *seed_scales; /* --seed-scale; default { 1 } */
	size_t n_seed_scales;
	int static_pool;       /* --pool static */
	unsigned *workers;     /* --workers; default { 1 } */
	size_t n_workers;
	int chunk;	       /* --dist chunk */
	char **strategies;     /* NULL: every one the backends support */
	size_t n_strategies;
	char *workload;	       /* name or folder */
	unsigned tests;	       /* 0: the workload's test count */
	unsigned rounds;       /* 0: adaptive */
	unsigned replicates;   /* --replicates: processes, at least */
	unsigned child_rounds; /* internal: rounds cap of one process's
				     share of a run (replicate.h); 0: no */
	unsigned child_index;  /* internal: which process of the run, from 1;
				  0: not one */
	char *child_cells;     /* internal: the cells that process measures,
				  and for how long (cell_share.h) */
	double target_ci;      /* relative: 0.02 */
	double max_time;       /* seconds; 0: set from the first process */
	unsigned warmup;       /* rounds */
	uint64_t seed;
	int strict;
	int no_vacuum;	       /* --no-vacuum */
	int pin;	       /* --pin (default) or --no-pin */
	int validate;	       /* run the isolation scenarios (default on) */
	int check_state;       /* state checks: on in validate, off in run */
	int fail_on_leak;      /* exit 4 when a state check names a test */
	const struct report_ops *format; /* --format */
	char *output;	       /* NULL: stdout */
	char *save;	       /* run: results/<save>.json; NULL: not saved */
	char *baseline;	       /* run: compare with this saved run */
	double fail_threshold; /* relative: 0.2 */
	int fail_threshold_set;
	int quiet;
	int verbose;	       /* -v: the text report's details */
	int color;	       /* enum color_mode */
	char **files;	       /* report: the saved run; compare: old, new */
	size_t n_files;
	int argc;	       /* the command line, for the processes of a */
	char **argv;	       /* run (not owned) */
};

int cli_parse(int argc, char **argv, struct config *cfg,
    struct db_error *err);
void cli_config_fini(struct config *cfg);
const char *cli_help(void);
/* The option-value parsers the commands share: one line on error, naming
 * the option and the value. */
int cli_parse_uint(const char *opt, const char *arg, unsigned long long min,
    unsigned long long max, unsigned long long *out, struct db_error *err);
int cli_parse_positive(const char *opt, const char *arg, const char *suffix,
    double max, double *out, struct db_error *err);
char *cli_command_help(const struct command_entry *command);
/*
 * Split a comma-separated list into *items (freeing what they held),
 * refusing empty ("empty name", or with NULL known "empty item") and
 * repeated items; with known, each must be a name it accepts, and an
 * unknown one's message names what it is and the available ones; NULL
 * known takes anything.
 */
int cli_split_list(const char *opt, const char *arg,
    int (*known)(const char *), const char *what, const char *available,
    char ***items, size_t *n, struct db_error *err);

#endif
