/*
 * suite.h - `dbbench suite`: the user's own test command, timed as a whole
 * process under each configuration of a matrix
 *
 * A configuration is one strategy (-s), one worker count (-j) and one
 * value of each --param.  Each run of the command is one struct
 * suite_sample: its wall time (CLOCK_MONOTONIC around spawn and wait),
 * the user and system CPU and peak memory wait4() reports, its exit
 * status and, with --junit, the tests of the JUnit report it wrote.
 * The modules:
 *
 *   suite_cli.c      options into struct suite_options
 *   suite_spawn.c    placeholders, environment, spawning and waiting
 *   suite_measure.c  warmup, interleaved runs, the stopping rule
 *   suite_tests.c    a configuration's tests over its runs (JUnit)
 *   suite_analysis.c figures per configuration and the recommendation
 *   suite_report_*.c the writers: text and JSON
 *   cmd_suite.c      the command: parse, measure, report, exit status
 */
#ifndef DBBENCH_SUITE_H
#define DBBENCH_SUITE_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "error.h"
#include "stats.h"
#include "strbuf.h"
#include "suite_scaling.h"

#define SUITE_DEFAULT_TARGET_CI 0.05
#define SUITE_DEFAULT_MAX_TIME 300.0
#define SUITE_DEFAULT_WARMUP 1
#define SUITE_MIN_RUNS 3
/* Fewer runs have no pair of order statistics covering the median with
 * 95% (stats.c): the CI is not read before this many. */
#define SUITE_CI_MIN_RUNS 6
#define SUITE_MAX_RUNS 10000u

/* --param NAME=V1,V2 */
struct suite_param {
	char *name;
	char **values;
	size_t n_values;
};

struct suite_options {
	char **strategies;	    /* -s; NULL: none given */
	size_t n_strategies;
	unsigned *workers;	    /* -j; NULL: none given */
	size_t n_workers;
	struct suite_param *params;
	size_t n_params;
	char **command;		    /* after --, borrowed from argv */
	size_t n_command;
	char *prepare;		    /* shell line run before each run */
	char *startup;		    /* start-up only: split like sh, timed */
	int junit;		    /* --junit */
	unsigned warmup;
	unsigned runs;		    /* 0: adaptive */
	double target_ci;	    /* relative */
	double max_time;	    /* seconds */
	double timeout;		    /* seconds; 0: none */
	uint64_t seed;
	int show_output;	    /* the command's output to ours */
	int quiet;
	int help;
	const struct report_ops *format;
	char *output;		    /* NULL: stdout */
	char *save;		    /* results/NAME.json */
	char *baseline;		    /* a saved suite run to compare with */
	char *db_run;		    /* a saved `dbbench run` */
	double fail_threshold;	    /* relative: 0.2 */
	int fail_threshold_set;
};

/* How one run of the command ended. */
enum suite_end {
	SUITE_EXITED,	/* exit status in status */
	SUITE_SIGNALED, /* killed by signal status */
	SUITE_TIMEOUT,	/* killed by dbbench after --timeout */
};

/* One timed run. */
struct suite_sample {
	int64_t wall_ns;
	int64_t user_ns;   /* the command and the children it waited for */
	int64_t sys_ns;
	long max_rss_kb;   /* largest single process, not a sum */
	enum suite_end end;
	int status;
	int junit_read;	   /* the JUnit figures below are set */
	size_t tests, failures, errors, skipped;
};

/* A test seen under one configuration, over its runs. */
struct suite_test {
	char *name;
	unsigned runs;	   /* runs that reported it */
	unsigned failed;   /* of those, failure or error */
	unsigned skipped;
};

/* A configuration's tests: a small open-addressing table by name. */
struct suite_tests {
	struct suite_test *slots;
	size_t cap, n;
	int64_t *durations; /* every test case's time, ns, measured runs */
	size_t n_durations, cap_durations;
};

struct suite_config {
	const char *strategy;	    /* NULL: no -s */
	int has_workers;
	unsigned workers;
	const char **param_values;  /* one per option param */
	struct suite_sample *samples;
	size_t n_samples, cap_samples;
	size_t timeouts;	    /* runs killed by --timeout */
	int stopped;		    /* not run again (timed out) */
	struct suite_tests tests;
	int64_t *startup_ns;	    /* --startup, one per timed run */
	size_t n_startup;
	/* filled by suite_analyse() */
	struct stats wall, cpu_user, cpu_sys, per_test, startup;
	long max_rss_kb;
	int all_passed;		    /* runs, every one exit 0, no failures */
	double vs_best;		    /* wall median / best - 1; NAN: none */
};

/* A test that passes under one configuration and fails under another. */
struct suite_isolation {
	const char *test;	    /* borrowed from a configuration's table */
	size_t *fails_in;	    /* configuration indices */
	size_t n_fails_in;
	size_t *passes_in;
	size_t n_passes_in;
};

/* --db-run: one configuration against the fastest other strategy. */
struct suite_dbshare {
	size_t config, reference;   /* configuration indices */
	const char *backend;	    /* of the saved run; borrowed */
	size_t tests;		    /* the suite's (JUnit) */
	double db_per_test_ns;	    /* the saved run's, per strategy */
	double ref_db_per_test_ns;
	double suite_diff_ns;	    /* wall medians' difference */
	double db_diff_ns;	    /* per-test difference x tests */
};

struct suite_result {
	const struct suite_options *opts;
	struct suite_config *configs;
	size_t n_configs;
	int64_t started_unix;	    /* time(NULL) at start */
	double elapsed_s;
	int interrupted;	    /* SIGINT/SIGTERM stopped it */
	size_t warmups_failed;	    /* warmup runs with exit status != 0 */
	size_t warmups;
	/* filled by suite_analyse() */
	long recommended;	    /* configuration index; -1: none passed */
	long runner_up;		    /* the next fastest passing one; -1 */
	double margin;		    /* runner-up median / recommended - 1 */
	double margin_p;	    /* Mann-Whitney over the runs' walls */
	struct suite_isolation *isolation;
	size_t n_isolation;
	struct suite_scaling *scaling; /* groups with 2+ worker counts */
	size_t n_scaling;
	unsigned cores;		    /* online CPUs, for the predictions */
	struct suite_dbshare *dbshare; /* --db-run */
	size_t n_dbshare;
};

/* suite_cli.c */
int suite_parse(int argc, char **argv, struct suite_options *opts,
    struct db_error *err);
void suite_options_fini(struct suite_options *opts);
const char *suite_help(void);

/* suite_spawn.c */
/* The placeholders of arg replaced for cfg; DB_EUSAGE when one has no
 * value.  *out is the caller's to free. */
int suite_substitute(const char *arg, const struct suite_options *opts,
    const struct suite_config *cfg, const char *junit_path, char **out,
    struct db_error *err);
/* Check every placeholder of the command and --prepare has a value. */
int suite_check_placeholders(const struct suite_options *opts,
    struct db_error *err);
/* Is the command's program there?  DB_EUSAGE naming it when not. */
int suite_check_program(const char *program, struct db_error *err);
/* Run the command once for cfg (after --prepare) and fill *s. */
int suite_spawn_run(const struct suite_options *opts,
    const struct suite_config *cfg, const char *junit_path,
    struct suite_sample *s, struct db_error *err);

/* --startup split into words, placeholders replaced, run and timed. */
int suite_spawn_startup(const struct suite_options *opts,
    const struct suite_config *cfg, struct suite_sample *s,
    struct db_error *err);

/* suite_tests.c */
void suite_tests_fini(struct suite_tests *t);
/* Read the JUnit report at path into s and, when measured, into t. */
int suite_tests_read(const char *path, struct suite_sample *s,
    struct suite_tests *t, int measured, struct db_error *err);
struct suite_test *suite_tests_find(const struct suite_tests *t,
    const char *name);
/* The test called name, added (no runs) when new. */
struct suite_test *suite_tests_add(struct suite_tests *t, const char *name);

/* suite_measure.c */
int suite_measure(const struct suite_options *opts, struct suite_result *res,
    struct db_error *err);
void suite_result_fini(struct suite_result *res);
void suite_config_label(const struct suite_result *res,
    const struct suite_config *c, char *buf, size_t len);
void suite_group_label(const struct suite_result *res,
    const struct suite_config *c, char *buf, size_t len);

/* suite_analysis.c */
void suite_analyse(struct suite_result *res);
/* The most tests any timed run of c reported (JUnit); 0: none read. */
size_t suite_config_tests(const struct suite_config *c);
size_t suite_failed_tests(const struct suite_config *c,
    const struct suite_test ***out);
/* Whether a and b have the same --param values; and the same strategy
 * too (one line of a worker scan). */
int suite_same_params(const struct suite_result *res,
    const struct suite_config *a, const struct suite_config *b);
int suite_same_group(const struct suite_result *res,
    const struct suite_config *a, const struct suite_config *b);

/* suite_report_common.c: the pieces the reports share. */
/* The command the suite ran, its words through escape; "3 configurations
 * in 12 s (seed 1)", and ", interrupted" when it was. */
void suite_command_line(const struct suite_result *res,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out);
void suite_run_summary(const struct suite_result *res, struct strbuf *out);
/* c's label (suite_config_label) through escape. */
void suite_label(const struct suite_result *res, const struct suite_config *c,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out);
/* "(rollback, 2 workers), (per-test)": the labels of configs idx[],
 * each through escape (strbuf_adds: as they are). */
void suite_config_list(const struct suite_result *res, const size_t *idx,
    size_t n, void (*escape)(struct strbuf *out, const char *s),
    struct strbuf *out);
/* A configuration's figures as printed; per_test is none when no JUnit
 * time was read.  Only for a configuration with timed runs. */
struct suite_figures {
	char median[32], ci_low[32], ci_high[32], cpu[32], per_test[32],
	    vs_best[24];
};

void suite_config_figures(const struct suite_config *c, const char *none,
    struct suite_figures *f);
/* "fails under (a), (b)" sep "passes under (c)". */
void suite_isolation_where(const struct suite_result *res,
    const struct suite_isolation *e, const char *sep,
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out);
/* "**rollback** (1.2 s median), the fastest configuration whose tests all
 * passed", the label between strong[0] and strong[1]; or, returning 0,
 * that none passed. */
int suite_recommended_lead(const struct suite_result *res,
    const char *const strong[2],
    void (*escape)(struct strbuf *out, const char *s), struct strbuf *out);
/* How much faster, in percent, the recommended configuration is than the
 * runner-up (both must exist). */
double suite_margin_pct(const struct suite_result *res);

/* suite_report_text.c, suite_report_json.c, suite_report_markdown.c,
 * suite_report_csv.c, suite_report_html.c */
void suite_report_text(const struct suite_result *res, struct strbuf *out);
void suite_report_markdown(const struct suite_result *res,
    struct strbuf *out);
void suite_report_csv(const struct suite_result *res, struct strbuf *out);
void suite_report_html(const struct suite_result *res, struct strbuf *out);
/* cmd_suite.c: whether the suite writes format, and res in it. */
int suite_writes(const struct report_ops *format);
int suite_render(const struct suite_result *res,
    const struct report_ops *format, struct strbuf *out,
    struct db_error *err);
int suite_report_json(const struct suite_result *res, struct strbuf *out,
    struct db_error *err);

/* suite_load.c: a saved suite run (suite_report_json.c) read back.  The
 * result's strings live in json; free with suite_saved_fini(). */
struct suite_saved {
	struct suite_options opts;
	struct suite_result res;
	void *json;		    /* the jansson document */
};
int suite_load(const char *path, struct suite_saved *out,
    struct db_error *err);
void suite_saved_fini(struct suite_saved *s);
/* report RUN.json on a saved suite run: cfg's format and output. */
int suite_report_saved(const char *path, const struct report_ops *format,
    const char *output, struct db_error *err);

/* suite_compare.c: a saved configuration's label, as suite_config_label()
 * gives it; without the worker count unless workers. */
struct json_t;
void suite_json_label(struct json_t *config, int workers, char *buf,
    size_t len);
/* suite_recommend.c: `dbbench recommend --tests N SUITE.json` */
int suite_saved_run(const char *path);
int suite_recommend(const char *path, unsigned tests, const char *output,
    struct db_error *err);

/* suite_compare.c: compare on saved suite runs, and --baseline */
int suite_compare_files(const char *before_path, const char *after_path,
    double threshold, const struct report_ops *format, const char *output,
    struct db_error *err);
int suite_compare_baseline(const struct suite_result *res, const char *path,
    double threshold, struct db_error *err);
int suite_check_baseline(const char *path, struct db_error *err);

/* suite_dbshare.c: --db-run */
struct run_result;
int suite_dbshare_load(const char *path, struct run_result *run,
    struct db_error *err);
void suite_dbshare(struct suite_result *res, const struct run_result *run);
void suite_dbshare_text(const struct suite_result *res, struct strbuf *out);

/* cmd_suite.c */
int suite_command(int argc, char **argv, struct db_error *err);

#endif
