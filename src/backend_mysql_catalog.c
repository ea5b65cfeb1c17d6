/*
 * backend_mysql_catalog.c - names and statements read from a MySQL
 * server's catalog: identifiers quoted, lists of names, and the script
 * that copies a template database (see backend_mysql_int.h)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend_mysql_int.h"
#include "xmalloc.h"

/* `name` with embedded backticks doubled. */
char *
my_quote_ident(const char *name)
{
	struct strbuf sb;
	const char *p;

	strbuf_init(&sb);
	strbuf_addc(&sb, '`');
	for (p = name; *p != '\0'; p++) {
		if (*p == '`')
			strbuf_addc(&sb, '`');
		strbuf_addc(&sb, *p);
	}
	strbuf_addc(&sb, '`');
	return strbuf_detach(&sb);
}

/* The names sql lists (one column), as a NULL-terminated array. */
char **
my_list_names(MYSQL *my, const char *sql)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	char **names;
	size_t n = 0;

	if (mysql_real_query(my, sql, strlen(sql)) != 0)
		return NULL;
	res = mysql_store_result(my);
	if (res == NULL)
		return NULL;
	names = xcalloc(mysql_num_rows(res) + 1, sizeof *names);
	while ((row = mysql_fetch_row(res)) != NULL)
		if (row[0] != NULL)
			names[n++] = xstrdup(row[0]);
	mysql_free_result(res);
	return names;
}

void
my_free_names(char **names)
{
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++)
		free(names[i]);
	free(names);
}

/* Column col of the first row sql returns, or NULL. */
static char *
first_field(MYSQL *my, const char *sql, unsigned col)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	char *v = NULL;

	if (mysql_real_query(my, sql, strlen(sql)) == 0 &&
	    (res = mysql_store_result(my)) != NULL) {
		row = mysql_fetch_row(res);
		if (row != NULL && mysql_num_fields(res) > col &&
		    row[col] != NULL)
			v = xstrdup(row[col]);
		mysql_free_result(res);
	}
	return v;
}

/* "SHOW CREATE kind name"'s statement (in column col), or NULL. */
static char *
show_create(MYSQL *my, const char *kind, const char *name, unsigned col)
{
	char *quoted, *sql, *v;

	quoted = my_quote_ident(name);
	sql = xasprintf("SHOW CREATE %s %s", kind, quoted);
	v = first_field(my, sql, col);
	free(sql);
	free(quoted);
	return v;
}

/* The columns of table a copy fills, quoted, comma-separated: all but the
 * generated ones, which the server computes.  NULL on error. */
static char *
copy_columns(MYSQL *my, const char *table)
{
	struct strbuf sb, sql;
	char **names;
	char *quoted;
	size_t i;

	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT column_name FROM information_schema.columns "
			  "WHERE table_schema = DATABASE() AND table_name = '");
	for (; *table != '\0'; table++) {
		if (*table == '\'' || *table == '\\')
			strbuf_addc(&sql, *table);
		strbuf_addc(&sql, *table);
	}
	strbuf_adds(&sql, "' AND extra NOT LIKE '%GENERATED%' ORDER BY "
			  "ordinal_position");
	names = my_list_names(my, sql.buf);
	strbuf_fini(&sql);
	if (names == NULL)
		return NULL;
	strbuf_init(&sb);
	for (i = 0; names[i] != NULL; i++) {
		quoted = my_quote_ident(names[i]);
		strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", quoted);
		free(quoted);
	}
	my_free_names(names);
	return strbuf_detach(&sb);
}

/* Append to out each table's statement and the copy of its rows. */
static int
copy_tables(MYSQL *my, const char *qdb, char **tables, struct strbuf *out)
{
	char *quoted, *create, *cols;
	size_t i;
	int ok = 1;

	for (i = 0; ok && tables[i] != NULL; i++) {
		quoted = my_quote_ident(tables[i]);
		create = show_create(my, "TABLE", tables[i], 1);
		cols = copy_columns(my, tables[i]);
		ok = create != NULL && cols != NULL;
		if (ok)
			strbuf_addf(out, "; %s; INSERT INTO %s (%s) SELECT %s "
					 "FROM %s.%s",
			    create, quoted, cols, cols, qdb, quoted);
		free(cols);
		free(create);
		free(quoted);
	}
	return ok;
}

/* text without every "qdb." in it: a view's statement names the template's
 * tables with their database, and the copy's are its own. */
static char *
unqualify(const char *text, const char *qdb)
{
	struct strbuf sb;
	size_t len = strlen(qdb);
	const char *p;

	strbuf_init(&sb);
	for (p = text; *p != '\0'; p++) {
		if (strncmp(p, qdb, len) == 0 && p[len] == '.') {
			p += len;
			continue;
		}
		strbuf_addc(&sb, *p);
	}
	return strbuf_detach(&sb);
}

/*
 * Append every view, each after the views it names (a view's statement
 * names another as `db`.`name`): passes over those left until none can
 * go.  A cycle cannot be, so what is left then is an error.
 */
static int
copy_views(MYSQL *my, const char *qdb, struct strbuf *out)
{
	char **names, **creates, *quoted, *ref;
	size_t i, j, n, left;
	int *done, progress = 1, ok = 1, waits;

	names = my_list_names(my, "SELECT table_name FROM information_schema."
			       "views WHERE table_schema = DATABASE() ORDER "
			       "BY table_name");
	if (names == NULL)
		return 0;
	for (n = 0; names[n] != NULL; n++)
		;
	creates = xcalloc(n + 1, sizeof *creates);
	done = xcalloc(n + 1, sizeof *done);
	for (i = 0; ok && i < n; i++)
		ok = (creates[i] = show_create(my, "VIEW", names[i], 1)) !=
		    NULL;
	for (left = n; ok && left > 0 && progress;) {
		progress = 0;
		for (i = 0; i < n; i++) {
			if (done[i])
				continue;
			for (j = 0, waits = 0; j < n && !waits; j++) {
				if (done[j] || j == i)
					continue;
				quoted = my_quote_ident(names[j]);
				ref = xasprintf("%s.%s", qdb, quoted);
				waits = strstr(creates[i], ref) != NULL;
				free(ref);
				free(quoted);
			}
			if (waits)
				continue;
			ref = unqualify(creates[i], qdb);
			strbuf_addf(out, "; %s", ref);
			free(ref);
			done[i] = 1;
			left--;
			progress = 1;
		}
	}
	for (i = 0; i < n; i++)
		free(creates[i]);
	free(creates);
	free(done);
	my_free_names(names);
	return ok && progress;
}

/* Append every procedure and function, then every trigger: after the
 * rows are in, so that copying them fires none. */
static int
copy_code(MYSQL *my, struct strbuf *out)
{
	static const struct {
		const char *kind, *list;
		unsigned col;
	} parts[] = {
		{ "PROCEDURE", "SELECT routine_name FROM information_schema."
			       "routines WHERE routine_schema = DATABASE() AND "
			       "routine_type = 'PROCEDURE' ORDER BY "
			       "routine_name", 2 },
		{ "FUNCTION", "SELECT routine_name FROM information_schema."
			      "routines WHERE routine_schema = DATABASE() AND "
			      "routine_type = 'FUNCTION' ORDER BY "
			      "routine_name", 2 },
		{ "TRIGGER", "SELECT trigger_name FROM information_schema."
			     "triggers WHERE trigger_schema = DATABASE() ORDER "
			     "BY event_object_table, action_order", 2 },
	};
	char **names, *create;
	size_t i, k;
	int ok = 1;

	for (k = 0; ok && k < sizeof parts / sizeof parts[0]; k++) {
		names = my_list_names(my, parts[k].list);
		if (names == NULL)
			return 0;
		for (i = 0; ok && names[i] != NULL; i++) {
			create = show_create(my, parts[k].kind, names[i],
			    parts[k].col);
			ok = create != NULL;
			if (ok)
				strbuf_addf(out, "; %s", create);
			free(create);
		}
		my_free_names(names);
	}
	return ok;
}

int
my_copy_script(MYSQL *my, const char *database, char **tables,
    struct strbuf *out)
{
	char *qdb;
	int ok;

	qdb = my_quote_ident(database);
	strbuf_adds(out, "SET FOREIGN_KEY_CHECKS = 0");
	ok = copy_tables(my, qdb, tables, out) && copy_views(my, qdb, out) &&
	    copy_code(my, out);
	strbuf_adds(out, "; SET FOREIGN_KEY_CHECKS = 1");
	free(qdb);
	return ok;
}
