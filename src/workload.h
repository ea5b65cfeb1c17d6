/*
 * workload.h - a workload: schema, optional seed and test bodies
 *
 * A workload is a folder holding schema.sql (or schema.<backend>.sql, used
 * instead on that backend), an optional seed.sql and tests/ *.sql, one test
 * body a file, loaded in name order.  workload_load() reads and splits every
 * file up front, so that nothing is parsed while timing.
 *
 * Every statement of the workload gets a distinct index (struct
 * workload_stmt.id, 0 .. n_stmts-1 over all files of one backend's view) so
 * that a backend can keep a prepared handle per statement per connection.
 */
#ifndef DBBENCH_WORKLOAD_H
#define DBBENCH_WORKLOAD_H

#include <stddef.h>

#include "error.h"
#include "sqlsplit.h"

struct workload_stmt {
	const char *text;  /* borrowed from the owning script */
	unsigned line;	   /* line in the file */
	unsigned id;	   /* unique within the workload (see above) */
	int expect_error;  /* the statement must fail */
};

struct workload_file {
	char *path;		    /* as shown in messages: "tests/03-x.sql" */
	struct workload_stmt *stmts; /* owned */
	size_t n;		    /* statements */
	struct sql_script script;   /* storage behind stmts[].text */
};

struct workload {
	char *name;		   /* "default" or the folder's path as given */
	char *dir;		   /* resolved folder */
	char *backend;		   /* backend this view was loaded for */
	struct workload_file schema;  /* schema.sql or schema.<backend>.sql */
	struct workload_file seed;    /* seed.sql; n == 0 when absent */
	int has_seed;		   /* seed.sql exists */
	struct workload_file *tests;  /* tests/ *.sql in name order; owned */
	size_t n_tests;
	unsigned n_stmts;	   /* statements over all files */
};

int workload_resolve(const char *name_or_dir, const char *fixtures_dir,
    char **dir_out, struct db_error *err);
int workload_load(const char *name, const char *dir, const char *backend,
    enum sql_dialect dialect, struct workload *wl, struct db_error *err);
int workload_from_text(const char *name, const char *backend,
    enum sql_dialect dialect, const char *schema, const char *seed,
    struct workload *wl, struct db_error *err);
void workload_fini(struct workload *wl);
int workload_list(const char *fixtures_dir, char ***names_out,
    size_t *n_out, struct db_error *err);

#endif
