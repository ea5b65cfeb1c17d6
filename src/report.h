/*
 * report.h - turning a struct run_result into text, JSON, ...
 *
 * Each format is a struct report_ops whose write() is a pure function of
 * the result and the rendering options: it appends the whole report to a
 * strbuf and writes nothing anywhere, so a report can be checked against a
 * fixed result and is written to its destination in one piece.
 *
 * The figures every format shares (the cheapest cell of a backend, shares,
 * projections) and the recommendation sentences are computed here too, so
 * that every format says the same thing.
 */
#ifndef DBBENCH_REPORT_H
#define DBBENCH_REPORT_H

#include <stddef.h>

#include "error.h"
#include "result.h"
#include "strbuf.h"

/* How a report is rendered, beyond the result itself; NULL: defaults. */
struct report_options {
	int color;   /* ANSI colours (the text format; others ignore it) */
	int verbose; /* -v: every cell's measurement, what each isolation
			cell that went wrong observed and the mitigations
			(the text format; the others always carry them) */
};

struct comparison; /* compare.h */

/*
 * A format: one file report_NAME.c defines its ops, and report.c's table
 * lists it.  machine: meant for programs, not a terminal (--baseline then
 * wants the report in a file, since the comparison goes to standard
 * output).  compare: how `compare` writes two runs in it; NULL: compare
 * does not take the format.
 */
struct report_ops {
	const char *name; /* as given to --format */
	int machine;
	int (*write)(const struct run_result *res,
	    const struct report_options *opts, struct strbuf *out,
	    struct db_error *err);
	int (*compare)(const struct comparison *cmp,
	    const struct report_options *opts, struct strbuf *out,
	    struct db_error *err);
};

/* The escape sequences of --color. */
#define REPORT_ANSI_GOOD  "\033[1;32m" /* bold green */
#define REPORT_ANSI_BAD   "\033[1;31m" /* bold red */
#define REPORT_ANSI_WARN  "\033[33m"   /* yellow */
#define REPORT_ANSI_RESET "\033[0m"

extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_markdown_ops;
extern const struct report_ops report_csv_ops;
extern const struct report_ops report_html_ops;

/* The format called name, or NULL; every format, in the order --help
 * names them. */
const struct report_ops *report_find(const char *name);
const struct report_ops *const *report_all(size_t *n);
/*
 * The names for a message, allocated: every format in table order
 * ("text, json, markdown, csv, html" with last ", "), or those that can
 * compare, the ones for people first ("text, markdown or json" with last
 * " or ").
 */
char *report_names(int compare_only, const char *last);

/* root (a jansson document, consumed; NULL: it could not be built)
 * serialized as one line of compact JSON (report_json.c). */
struct json_t;
int report_json_dump(struct json_t *root, struct strbuf *out,
    struct db_error *err);
/* root dumped with jansson's flags and a newline; on failure, "json: could
 * not serialize the WHAT". */
int report_json_text(const struct json_t *root, size_t flags,
    const char *what, struct strbuf *out, struct db_error *err);

/* Markdown text with its punctuation escaped (report_markdown.c). */
void report_markdown_escape(struct strbuf *out, const char *s);

/*
 * One strategy row of a backend's table, every figure formatted once for
 * all the writers: setup, body and teardown medians, overhead per test,
 * its 95% CI, share of test time, suite overhead, and ratio to the best.
 */
enum report_column {
	REPORT_COL_SETUP,
	REPORT_COL_BODY,
	REPORT_COL_TEARDOWN,
	REPORT_COL_OVERHEAD,
	REPORT_COL_CI,
	REPORT_COL_SHARE,
	REPORT_COL_SUITE,
	REPORT_COL_VS_BEST,
	REPORT_COLUMNS
};

struct report_row {
	char col[REPORT_COLUMNS][72];
};

void report_row_figures(const struct run_result *res, const struct cell *c,
    struct report_row *row);

/* Shared figures. */
const struct cell *report_cheapest_cell(const struct run_result *res,
    const char *backend, unsigned seed_scale);
unsigned report_base_scale(const struct run_result *res);
unsigned report_base_workers(const struct run_result *res);
int report_main_cell(const struct run_result *res, const struct cell *c,
    unsigned seed_scale);
double report_overhead_share(const struct cell *c);
double report_suite_overhead_ns(const struct run_result *res,
    const struct cell *c);
double report_vs_best(const struct run_result *res, const struct cell *c);
void report_format_ns(char *buf, size_t len, double ns);
/* v (a figure of s) as report_format_ns() gives it; "-" when s is empty. */
void report_format_stat(char *buf, size_t len, const struct stats *s,
    double v);
void report_format_count(char *buf, size_t len, double value);

/*
 * The migration assessment: the same strategy on two backends.  from is the
 * first backend of the run, to each other one.
 */
struct migration_row {
	const struct cell *from; /* the same strategy on each backend */
	const struct cell *to;
	double overhead_ratio; /* to / from, suite overhead per test */
	double per_test_ratio; /* to / from, mean per-test time */
	double from_suite_ns;  /* projected suite time on each */
	double to_suite_ns;
	/* the same, as every writer prints them: "1.52 µs", "3.1" */
	char from_overhead[32], to_overhead[32], overhead_x[32], per_test_x[32],
	    from_suite[32], to_suite[32];
};

size_t report_migration_rows(const struct run_result *res,
    struct migration_row **rows);
int report_fails_only_on(const struct run_result *res, const struct failure *f);
/*
 * The migration section every writer marks up: the rows, and the statements
 * that fail on one backend only, each listed once whatever the strategy.
 * Release with report_migration_free().
 */
struct report_migration {
	struct migration_row *rows;
	size_t n_rows;
	const struct failure **dialect;
	size_t n_dialect;
};

size_t report_migration(const struct run_result *res,
    struct report_migration *m);
void report_migration_free(struct report_migration *m);
double report_suite_time_ns(const struct run_result *res, const struct cell *c);

/* A strategy's overhead fitted over data size (--seed-scale). */
struct cost_model {
	const char *backend; /* borrowed from the cells */
	const char *strategy;
	double fixed_ns;    /* intercept: overhead with no rows */
	double per_row_ns;  /* slope: per seed row */
	double r2;          /* of the least-squares fit */
	size_t points;      /* seed scales measured */
	long long max_rows; /* the largest data size measured */
};

void report_change(char *buf, size_t len, double speedup);
/* The worker count m's better fit predicts the least wall time for, the
 * run's suite on its host; that time formatted into buf. */
struct scaling_model;
unsigned report_scaling_prediction(const struct run_result *res,
    const struct scaling_model *m, char *buf, size_t len);
size_t report_cost_models(const struct run_result *res,
    struct cost_model **models);
/* The sentences describing how much was measured, without markup. */
void report_measured_in(const struct run_result *res, struct strbuf *out);
void report_cell_measurement(const struct run_result *res, const struct cell *c,
    struct strbuf *out);
void report_cell_label(const struct run_result *res, const struct cell *c,
    struct strbuf *out);
/* What the columns of a backend's table mean, without markup. */
void report_phase_note(const struct run_result *res, struct strbuf *out);
/*
 * Isolation that differs between backends: a scenario whose verdict under
 * a strategy is not the same on the run's first backend and another one
 * (n/a on either side does not count).
 */
struct migration_risk {
	const struct validation *from; /* on the first backend */
	const struct validation *to;   /* the same cell on another one */
};

size_t report_migration_risks(const struct run_result *res,
    struct migration_risk **risks);
const struct scenario_info *report_scenario(const struct run_result *res,
    const char *id);
/* Where one backend's server processes were seen, over its cells. */
struct placement_summary {
	const char *backend;	/* borrowed from the first cell */
	size_t cells;		/* cells of this backend */
	size_t on_client;	/* backend on its client's CPU */
	size_t elsewhere;	/* on another CPU of this host */
	size_t remote;		/* the server is on another host */
	size_t unknown;		/* on this host, CPU not read */
	int cpu;		/* the CPU, when every cell saw the same one;
				 * else -1 */
	int client_cpu;		/* the first cell's client */
};

size_t report_placement_backends(const struct run_result *res,
    struct placement_summary **out);
int report_placement_note(const struct run_result *res, char *buf,
    size_t len);
void report_placement(const struct run_result *res, struct strbuf *out);
const struct validation *report_find_validation(const struct run_result *res,
    const char *backend, const char *strategy, const char *scenario);
/*
 * "sqlite: leak under rollback, savepoint; postgres: error under every
 * strategy": where a scenario went wrong, appended to sb (nothing when
 * it went wrong nowhere).
 */
void report_bad_cells(const struct run_result *res, const char *scenario,
    struct strbuf *sb);

/* Cells of a scenario on a backend with the same verdict and detail. */
struct report_observation {
	const struct validation *first; /* its verdict and detail */
	struct strbuf strategies;	/* "rollback, savepoint" */
};

size_t report_observations(const struct run_result *res, const char *backend,
    const char *scenario, int all, struct report_observation **groups);
void report_free_observations(struct report_observation *groups, size_t n);
/* The state checks of one (backend, strategy). */
struct report_state_cell {
	const char *backend; /* borrowed from the checks */
	const char *strategy;
	size_t checked;	     /* tests checked */
	size_t leaked;	     /* of them, those that left it different */
	size_t failed;	     /* those that failed under the strategy */
	/* "no test of 27 left the database different", or "2 of 27 tests
	 * left the database different; 1 of 27 failed under rollback" */
	char sentence[256];
};

size_t report_state_cells(const struct run_result *res,
    struct report_state_cell **cells);
/* The next check of cell from *pos on that left the database different
 * or failed, *pos moved past it; NULL after the last. */
const struct state_check *report_state_cell_next(const struct run_result *res,
    const struct report_state_cell *cell, size_t *pos);
int report_scenario_applies(const struct run_result *res, const char *id);
size_t report_isolated_count(const struct run_result *res, const char *backend,
    const char *strategy, size_t *applicable);

/*
 * The decision the reports open with: per backend, the strategy to use,
 * its cost against its isolation verdicts (report_decision.c); caller
 * frees with report_free_lines().
 */
char **report_decision(const struct run_result *res, size_t *n);

/*
 * A cell's overhead CI as "1.37 µs – 1.79 µs", or "no CI (1 round)" when
 * fewer than two rounds measured it (report_has_ci() is 0); the same as a
 * relative half-width, "±13.42%" (decimals: 1 or 2).
 */
int report_has_ci(const struct cell *c);
void report_format_ci(char *buf, size_t len, const struct cell *c);
void report_format_ci_rel(char *buf, size_t len, const struct cell *c,
    int decimals);

/* Plain-language findings quoting the measured numbers; caller frees. */
char **report_recommendations(const struct run_result *res, size_t *n);
/* The same without what the table and the decision say (the text report
 * without -v). */
char **report_recommendations_brief(const struct run_result *res, size_t *n);
void report_free_lines(char **lines, size_t n);

#endif
