/*
 * report_markup.h - the sections the Markdown and HTML reports share
 *
 * Both reports say the same things in the same order; only the markup
 * differs.  A struct report_markup holds what a format puts around a
 * heading, a paragraph, a list or a table cell, and the writers in
 * report_markup.c walk the run once for both: the migration table, the
 * isolation matrices and what went wrong, the migration risks, the state
 * checks, the measurement, the failures, the backends' table and each
 * backend's table of strategies.
 */
#ifndef DBBENCH_REPORT_MARKUP_H
#define DBBENCH_REPORT_MARKUP_H

#include "report.h"

/*
 * Table columns are given as a string of one letter each: 'n' plain (the
 * first column, or left-aligned without HTML's text class), 'l' text
 * (left-aligned), 'r' a figure (right-aligned).
 */
struct report_markup {
	/* Append s with the format's special characters made plain. */
	void (*escape)(struct strbuf *out, const char *s);
	const char *heading[2];  /* before and after a section heading */
	const char *note[2];     /* an explanatory paragraph */
	const char *para[2];     /* a paragraph of the report itself */
	const char *meta[2];     /* a line about the run (host, placement) */
	const char *list[2];     /* a bullet list */
	const char *item[2];     /* one of its items, without a sublist */
	const char *sublist[2];  /* a list inside an item ... */
	const char *subitem[2];  /* ... its items */
	const char *sublist_end; /* closes the item after its sublist */
	/* A scenario that went wrong: before its id, between id and where,
	 * before its title, and after the sublist of its observations. */
	const char *term[4];
	const char *terms[2];        /* around those scenarios */
	const char *best_row;        /* opens the cheapest strategy's row */
	const char *strong[2];       /* around its name and overhead */
	const char *no_success;      /* a row's cells when no test passed */
	const char *nothing_checked; /* the state checks found no cell */
	const char *legend;          /* the isolation verdicts explained */
	void (*table_open)(struct strbuf *out, const char *cls);
	const char *row[2];
	/* A cell; verdict is an enum verdict to colour it by, or -1. */
	void (*cell_open)(struct strbuf *out, int head, char align,
	    int verdict);
	const char *cell_close[2]; /* [head] */
	/* Ends the header row: Markdown's alignment line. */
	void (*head_end)(struct strbuf *out, const char *aligns);
	/* One cell of the isolation matrix; v NULL: not run. */
	void (*verdict_cell)(struct strbuf *out, const struct validation *v);
	const char *table_close;
};

void report_markup_backends(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out);
void report_markup_strategies(const struct run_result *res, const char *backend,
    const struct report_markup *m, struct strbuf *out);
void report_markup_migration(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out);
void report_markup_validation(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out);
void report_markup_measurement(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out);
void report_markup_failures(const struct run_result *res,
    const struct report_markup *m, struct strbuf *out);
/* Items between open and close, nothing when n is 0. */
void report_markup_lines(const struct report_markup *m, const char *open,
    char **lines, size_t n, const char *close, struct strbuf *out);
/* A section of bullets, nothing when n is 0. */
void report_markup_list(const struct report_markup *m, const char *heading,
    char **lines, size_t n, struct strbuf *out);
/* Text between two markup strings, escaped. */
void report_markup_wrap(const struct report_markup *m,
    const char *const around[2], const char *text, struct strbuf *out);

#endif
