/*
 * backend.c - the table of compiled-in backends and their shared helpers
 *
 * Adding a backend is one driver file and one line in backends[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "xmalloc.h"

static const struct backend_ops *const backends[] = {
	&backend_sqlite_ops,
#ifdef HAVE_LIBPQ
	&backend_pg_ops,
#endif
#ifdef HAVE_MYSQL
	&backend_mysql_ops,
#endif
};

/* The statements behind enum builtin_stmt, valid on SQLite and PostgreSQL. */
static const char *const builtin_text[BUILTIN_COUNT] = {
	[BUILTIN_BEGIN] = "BEGIN",
	[BUILTIN_COMMIT] = "COMMIT",
	[BUILTIN_ROLLBACK] = "ROLLBACK",
	[BUILTIN_SAVEPOINT] = "SAVEPOINT dbbench_test",
	[BUILTIN_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT dbbench_test",
	[BUILTIN_RELEASE] = "RELEASE SAVEPOINT dbbench_test",
	[BUILTIN_EXPECT_SAVEPOINT] = "SAVEPOINT dbbench_expect",
	[BUILTIN_EXPECT_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT dbbench_expect",
	[BUILTIN_EXPECT_RELEASE] = "RELEASE SAVEPOINT dbbench_expect",
};

/* The backend called name, or NULL when none is compiled in. */
const struct backend_ops *
backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

/* Every compiled-in backend, in the order they are listed to users. */
const struct backend_ops *const *
backend_all(size_t *n)
{
	*n = sizeof backends / sizeof backends[0];
	return backends;
}

/*
 * 1 when the backend takes option name with this value: "dsn" when
 * claims_dsn() claims the value (any value when value is NULL), another
 * name when it is in the backend's options.
 */
int
backend_takes_option(const struct backend_ops *ops, const char *name,
    const char *value)
{
	size_t i;

	if (strcmp(name, "dsn") == 0)
		return ops->claims_dsn != NULL &&
		    (value == NULL || ops->claims_dsn(value));
	for (i = 0; ops->options != NULL && ops->options[i] != NULL; i++)
		if (strcmp(ops->options[i], name) == 0)
			return 1;
	return 0;
}

/*
 * The position of value among the n words an option takes, or -1 with a
 * usage error naming them: "--protocol: unknown protocol 'x' (available:
 * simple, extended, prepared)".
 */
int
backend_pick_word(const char *option, const char *noun, const char *value,
    const char *const *words, size_t n, struct db_error *err)
{
	struct strbuf list;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(value, words[i]) == 0)
			return (int)i;
	strbuf_init(&list);
	for (i = 0; i < n; i++)
		strbuf_addf(&list, "%s%s", i > 0 ? ", " : "", words[i]);
	db_error_set(err, DB_EUSAGE, "--%s: unknown %s '%s' (available: %s)",
	    option, noun, value, list.buf);
	strbuf_fini(&list);
	return -1;
}

/* The last value given for option name among opts, or NULL. */
const char *
backend_option_value(const struct backend_setting *opts, size_t n,
    const char *name)
{
	const char *value = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].name, name) == 0)
			value = opts[i].value;
	return value;
}

/*
 * Give target every option of opts the backend takes, in order.  The
 * caller closes the target with backend_close_target() whatever this
 * returns.
 */
int
backend_set_options(const struct backend_ops *ops,
    struct backend_target *target, const struct backend_setting *opts,
    size_t n, struct db_error *err)
{
	size_t i;
	int rc = DB_OK;

	for (i = 0; rc == DB_OK && i < n; i++)
		if (backend_takes_option(ops, opts[i].name, opts[i].value))
			rc = ops->set_option(target, opts[i].name,
			    opts[i].value, err);
	return rc;
}

/* Undo open_target() and set_option() on target; NULL ops are ignored. */
void
backend_close_target(const struct backend_ops *ops,
    struct backend_target *target)
{
	if (ops != NULL && ops->close_target != NULL)
		ops->close_target(target);
}

/*
 * Order n tables so that every table comes before the tables it references
 * (children before parents: the order to empty them in).  Kahn's algorithm,
 * lowest index first among the ready ones; tables on a cycle follow in
 * index order.  order receives a permutation of 0..n-1.
 */
void
backend_delete_order(size_t n, const struct table_edge *edges,
    size_t n_edges, size_t *order)
{
	size_t *referrers, i, e, k = 0;
	unsigned char *done;
	int progress;

	referrers = xcalloc(n, sizeof *referrers);
	done = xcalloc(n, 1);
	for (e = 0; e < n_edges; e++)
		if (edges[e].child != edges[e].parent)
			referrers[edges[e].parent]++;
	do {
		progress = 0;
		for (i = 0; i < n; i++) {
			if (done[i] || referrers[i] != 0)
				continue;
			done[i] = 1;
			order[k++] = i;
			progress = 1;
			for (e = 0; e < n_edges; e++)
				if (edges[e].child == i && edges[e].parent != i)
					referrers[edges[e].parent]--;
			break;
		}
	} while (progress);
	for (i = 0; i < n; i++) /* what is left is on a cycle */
		if (!done[i])
			order[k++] = i;
	free(done);
	free(referrers);
}

/* Append name as an SQL identifier: in double quotes, inner ones doubled. */
void
backend_append_ident(struct strbuf *out, const char *name)
{
	const char *p;

	strbuf_addc(out, '"');
	for (p = name; *p != '\0'; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

/*
 * Append one INSERT ... SELECT that adds factor - 1 copies of every row of
 * table, in SQL both SQLite and PostgreSQL take: the copy numbers come from
 * a recursive CTE, and the SELECT reads the table as it was before the
 * INSERT.
 */
void
backend_scale_insert(struct strbuf *out, const char *table,
    const struct scale_column *cols, size_t n_cols, unsigned factor)
{
	size_t i, kept = 0;
	int first = 1;

	for (i = 0; i < n_cols; i++)
		kept += !cols[i].skip;
	if (factor < 2 || kept == 0)
		return;
	strbuf_adds(out, "INSERT INTO ");
	backend_append_ident(out, table);
	strbuf_adds(out, " (");
	for (i = 0; i < n_cols; i++) {
		if (cols[i].skip)
			continue;
		if (!first)
			strbuf_adds(out, ", ");
		backend_append_ident(out, cols[i].name);
		first = 0;
	}
	strbuf_adds(out, ") SELECT ");
	first = 1;
	for (i = 0; i < n_cols; i++) {
		if (cols[i].skip)
			continue;
		if (!first)
			strbuf_adds(out, ", ");
		first = 0;
		backend_append_ident(out, "dbbench_src");
		strbuf_addc(out, '.');
		backend_append_ident(out, cols[i].name);
		if (cols[i].distinct && cols[i].is_text)
			strbuf_adds(out, " || '#' || dbbench_copies.n");
		else if (cols[i].distinct)
			strbuf_adds(out, " + dbbench_copies.n * 1000000");
	}
	strbuf_adds(out, " FROM ");
	backend_append_ident(out, table);
	strbuf_addf(out, " AS dbbench_src, (WITH RECURSIVE c(n) AS (SELECT 1 "
			 "UNION ALL SELECT n + 1 FROM c WHERE n < %u) SELECT n "
			 "FROM c) AS dbbench_copies;\n",
	    factor - 1);
}

const char *
builtin_sql(enum builtin_stmt stmt)
{
	return builtin_text[stmt];
}

void
backend_info_add(struct backend_info *info, const char *name,
    const char *value)
{
	struct backend_setting *s;

	info->settings = xreallocarray(info->settings, info->n_settings + 1,
	    sizeof *info->settings);
	s = &info->settings[info->n_settings++];
	s->name = xstrdup(name);
	s->value = xstrdup(value);
}

void
backend_info_fini(struct backend_info *info)
{
	size_t i;

	for (i = 0; i < info->n_settings; i++) {
		free(info->settings[i].name);
		free(info->settings[i].value);
	}
	free(info->settings);
	free(info->version);
	memset(info, 0, sizeof *info);
}
