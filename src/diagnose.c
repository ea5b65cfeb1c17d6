/*
 * diagnose.c - one line that says why a run gave no figures
 *
 * A cell whose every test failed has no sample to show: the run is an
 * error naming the cell and its first failure, as the report lists it.
 *
 * A backend rejecting schema.sql with a syntax error (or a token it does
 * not know; MySQL's "error in your SQL syntax") is often running a schema
 * written for the backend its ops name as dialect_peer (SQLite's and
 * MySQL's is PostgreSQL): when the folder has that backend's schema file,
 * or the schema uses IDENTITY, SERIAL or dollar quoting, the error says to
 * add the backend's own schema file (used instead of schema.sql) or to run
 * on the other backend.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "backend.h"
#include "diagnose.h"
#include "xmalloc.h"

/* The first failure of the cell's backend and strategy, or NULL. */
static const struct failure *
first_failure(const struct run_result *res, const struct cell *c)
{
	size_t i;

	for (i = 0; i < res->n_failures; i++)
		if (strcmp(res->failures[i].backend, c->backend) == 0 &&
		    strcmp(res->failures[i].strategy, c->strategy) == 0)
			return &res->failures[i];
	return NULL;
}

int
diagnose_all_failed(const struct run_result *res, struct db_error *err)
{
	const struct failure *f;
	const struct cell *c;
	size_t i;

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->tests_run == 0 || c->failed < c->tests_run)
			continue;
		f = first_failure(res, c);
		if (f == NULL)
			return db_error_set(err, DB_EBACKEND,
			    "%s %s: all %zu tests failed, nothing was measured",
			    c->backend, c->strategy, c->tests_run);
		return db_error_set(err, DB_EBACKEND,
		    "%s %s: all %zu tests failed, nothing was measured; the "
		    "first failure, %s%s%s: %s",
		    c->backend, c->strategy, c->tests_run, f->phase,
		    f->test[0] != '\0' ? " of " : "", f->test, f->error);
	}
	return DB_OK;
}

/* 1 when word (upper case) is in text as a word of its own. */
static int
has_word(const char *text, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = text; *p != '\0'; p++) {
		if (strncasecmp(p, word, len) != 0)
			continue;
		if ((p == text || !(isalnum((unsigned char)p[-1]) ||
					p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[len]) || p[len] == '_'))
			return 1;
	}
	return 0;
}

/* 1 when a statement of the schema is in another database's dialect. */
static int
looks_foreign(const struct workload_file *schema)
{
	static const char *const words[] = { "IDENTITY", "SERIAL",
		"BIGSERIAL", "SMALLSERIAL" };
	size_t i, k;

	for (i = 0; i < schema->n; i++) {
		if (strstr(schema->stmts[i].text, "$$") != NULL)
			return 1;
		for (k = 0; k < sizeof words / sizeof words[0]; k++)
			if (has_word(schema->stmts[i].text, words[k]))
				return 1;
	}
	return 0;
}

void
diagnose_dialect(const struct workload *wl, struct db_error *err)
{
	const struct backend_ops *backend;
	char *other, *where;
	struct stat st;
	size_t len;
	int has_other;

	backend = wl != NULL && wl->backend != NULL ? backend_find(wl->backend)
						    : NULL;
	if (backend == NULL || backend->dialect_peer == NULL ||
	    wl->schema.path == NULL ||
	    strcmp(wl->schema.path, "schema.sql") != 0 ||
	    (strstr(err->msg, "syntax error") == NULL &&
		strstr(err->msg, "unrecognized token") == NULL &&
		strstr(err->msg, "error in your SQL syntax") == NULL) ||
	    strstr(err->msg, "add schema.sqlite.sql") != NULL)
		return;
	where = xasprintf("%s:", wl->schema.path);
	if (strstr(err->msg, where) == NULL) {
		free(where);
		return;
	}
	free(where);
	other = xasprintf("%s/schema.%s.sql", wl->dir, backend->dialect_peer);
	has_other = stat(other, &st) == 0;
	free(other);
	if (!has_other && !looks_foreign(&wl->schema))
		return;
	len = strlen(err->msg);
	if (has_other)
		snprintf(err->msg + len, sizeof err->msg - len,
		    " (schema.sql is not %s's and the folder has "
		    "schema.%s.sql: add schema.%s.sql for %s, or use -b %s)",
		    backend->title, backend->dialect_peer, backend->name,
		    backend->title, backend->dialect_peer);
	else
		snprintf(err->msg + len, sizeof err->msg - len,
		    " (schema.sql looks written for another database: add "
		    "schema.%s.sql for %s, or use -b %s)",
		    backend->name, backend->title, backend->dialect_peer);
}
