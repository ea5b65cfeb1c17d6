/*
 * backend_sqlite.c - the SQLite backend
 *
 * A connection opens the target (":memory:" by default, a fresh private
 * database every time; or a file that dbbench creates and disconnect
 * removes, journals included; or, for validation only, a "file:" URI such
 * as a named shared-cache memory database, which is never removed) and
 * turns foreign keys on, as applications do.  Statements are prepared
 * with SQLITE_PREPARE_PERSISTENT the first time their slot runs and are
 * reset, not finalized, after each use.
 *
 * A peer connection opens the same target again and owns nothing: it never
 * removes the file, and on ":memory:" it is a database of its own, which
 * is what an application's second connection would get.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "backend.h"
#include "clock.h"
#include "fsinfo.h"
#include "xmalloc.h"

struct sqlite_conn {
	struct backend_conn base; /* must be first */
	sqlite3 *db;
	sqlite3_stmt **cache; /* prepared statement per slot, or NULL */
	unsigned n_slots;     /* workload statements + builtins */
	char *path;	      /* the file to remove on disconnect, or NULL */
	const struct backend_target *target; /* as given to connect */
};

/*
 * Once per process, before SQLite initialises: the library's own
 * configuration, as an application linking it runs with (memory
 * statistics on in a default build: every allocation takes a global
 * mutex), unless --sqlite-memstatus asked otherwise, to show what the
 * statistics cost.
 */
static enum sqlite_memstatus memstatus_wanted = SQLITE_MEMSTATUS_LIBRARY;

static void
sqlite_configure(void)
{
	if (memstatus_wanted != SQLITE_MEMSTATUS_LIBRARY)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS,
		    memstatus_wanted == SQLITE_MEMSTATUS_ON);
	sqlite3_initialize();
}

static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

/* Before the first connection: what sqlite_configure() will set. */
void
backend_sqlite_configure(enum sqlite_memstatus memstatus)
{
	memstatus_wanted = memstatus;
}

static const char *
target_path(const struct backend_target *target)
{
	if (target->sqlite_path == NULL || target->sqlite_path[0] == '\0')
		return ":memory:";
	return target->sqlite_path;
}

static int
sqlite_error(struct db_error *err, sqlite3 *db, const char *what)
{
	return db_error_set(err, DB_EBACKEND, "sqlite: %s%s%s",
	    what != NULL ? what : "", what != NULL ? ": " : "",
	    sqlite3_errmsg(db));
}

/* Remove a SQLite file and the journals it may have left. */
static int
remove_files(const char *path, struct db_error *err)
{
	static const char *const suffixes[] = { "", "-journal", "-wal",
		"-shm" };
	char *name;
	size_t i;
	int status = DB_OK;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		name = xasprintf("%s%s", path, suffixes[i]);
		if (unlink(name) != 0 && errno != ENOENT && status == DB_OK)
			status = db_error_set(err, DB_EIO, "remove %s: %s",
			    name, strerror(errno));
		free(name);
	}
	return status;
}

static int
sqlite_disconnect(struct backend_conn *bconn, struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	unsigned i;
	int status = DB_OK;

	if (conn == NULL)
		return DB_OK;
	for (i = 0; i < conn->n_slots; i++)
		sqlite3_finalize(conn->cache[i]);
	free(conn->cache);
	sqlite3_close(conn->db);
	if (conn->path != NULL)
		status = remove_files(conn->path, err);
	free(conn->path);
	free(conn);
	return status;
}

/*
 * Open the target on a new connection.  With owner set the connection made
 * the file and removes it on disconnect; a peer (owner 0) removes nothing.
 */
static int
sqlite_open(const struct backend_target *target, int owner,
    struct backend_conn **out, struct db_error *err)
{
	struct sqlite_conn *conn;
	const char *path;
	int64_t t0;
	int flags, rc;

	*out = NULL;
	pthread_once(&sqlite_configured, sqlite_configure);
	path = target_path(target);
	conn = xcalloc(1, sizeof *conn);
	conn->base.ops = &backend_sqlite_ops;
	conn->base.n_workload_slots = target->n_stmts;
	conn->target = target;
	conn->n_slots = target->n_stmts + BUILTIN_COUNT;
	conn->cache = xcalloc(conn->n_slots, sizeof *conn->cache);
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX;
	if (target->sqlite_uri)
		flags |= SQLITE_OPEN_URI;
	t0 = clock_now_ns();
	rc = sqlite3_open_v2(path, &conn->db, flags, NULL);
	conn->base.connect_ns = clock_now_ns() - t0;
	if (rc != SQLITE_OK) {
		if (conn->db != NULL)
			db_error_set(err, DB_EBACKEND, "sqlite: open %s: %s",
			    path, sqlite3_errmsg(conn->db));
		else
			db_error_set(err, DB_EBACKEND, "sqlite: open %s: %s",
			    path, sqlite3_errstr(rc));
		sqlite_disconnect(&conn->base, NULL);
		return DB_EBACKEND;
	}
	if (owner && !target->sqlite_uri && strcmp(path, ":memory:") != 0)
		conn->path = xstrdup(path);
	rc = sqlite3_exec(conn->db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL);
	if (rc != SQLITE_OK) {
		sqlite_error(err, conn->db, "enable foreign keys");
		sqlite_disconnect(&conn->base, NULL);
		return DB_EBACKEND;
	}
	*out = &conn->base;
	return DB_OK;
}

static int
sqlite_connect(const struct backend_target *target, struct backend_conn **out,
    struct db_error *err)
{
	return sqlite_open(target, 1, out, err);
}

/* The same target again, owning nothing (see the top of the file). */
static int
sqlite_connect_peer(struct backend_conn *bconn, struct backend_conn **out,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;

	return sqlite_open(conn->target, 0, out, err);
}

/*
 * Run the statement in slot, preparing it on first use.  Rows are stepped
 * through and discarded: reading them is part of the work being timed.
 */
static int
sqlite_run(struct backend_conn *bconn, unsigned slot, const char *sql,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	sqlite3_stmt *stmt;
	int rc;

	stmt = conn->cache[slot];
	if (stmt == NULL) {
		rc = sqlite3_prepare_v3(conn->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
		if (rc != SQLITE_OK)
			return sqlite_error(err, conn->db, NULL);
		if (stmt == NULL) /* only comments or blanks */
			return DB_OK;
		conn->cache[slot] = stmt;
	}
	do
		rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW);
	if (rc != SQLITE_DONE) {
		sqlite_error(err, conn->db, NULL);
		sqlite3_reset(stmt);
		return DB_EBACKEND;
	}
	sqlite3_reset(stmt);
	return DB_OK;
}

static int
sqlite_exec(struct backend_conn *bconn, const char *sql, struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(conn->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db_error_set(err, DB_EBACKEND, "sqlite: %s",
		    msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return DB_EBACKEND;
	}
	return DB_OK;
}

static int
sqlite_in_transaction(struct backend_conn *bconn)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;

	return !sqlite3_get_autocommit(conn->db);
}

/* The first row as text, columns joined by '|'; every row is stepped. */
static int
sqlite_query(struct backend_conn *bconn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	sqlite3_stmt *stmt = NULL;
	const unsigned char *text;
	int col, rc, first = 1;

	rc = sqlite3_prepare_v2(conn->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(err, conn->db, NULL);
	if (stmt == NULL) /* only comments or blanks */
		return DB_OK;
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		for (col = 0; first && col < sqlite3_column_count(stmt);
		     col++) {
			if (col > 0)
				strbuf_addc(out, '|');
			text = sqlite3_column_text(stmt, col);
			strbuf_adds(out,
			    text != NULL ? (const char *)text : "NULL");
		}
		first = 0;
	}
	if (rc != SQLITE_DONE) {
		sqlite_error(err, conn->db, NULL);
		sqlite3_finalize(stmt);
		return DB_EBACKEND;
	}
	sqlite3_finalize(stmt);
	return DB_OK;
}

/* Append one column value in a form that distinguishes every type. */
static void
dump_value(struct strbuf *out, sqlite3_stmt *stmt, int col)
{
	const unsigned char *p;
	int i, len;

	switch (sqlite3_column_type(stmt, col)) {
	case SQLITE_NULL:
		strbuf_adds(out, "NULL");
		break;
	case SQLITE_INTEGER:
		strbuf_addf(out, "%" PRId64,
		    (int64_t)sqlite3_column_int64(stmt, col));
		break;
	case SQLITE_FLOAT:
		strbuf_addf(out, "%.17g", sqlite3_column_double(stmt, col));
		break;
	case SQLITE_BLOB:
		p = sqlite3_column_blob(stmt, col);
		len = sqlite3_column_bytes(stmt, col);
		strbuf_adds(out, "x'");
		for (i = 0; i < len; i++)
			strbuf_addf(out, "%02x", p[i]);
		strbuf_addc(out, '\'');
		break;
	default:
		p = sqlite3_column_text(stmt, col);
		len = sqlite3_column_bytes(stmt, col);
		strbuf_addc(out, '\'');
		for (i = 0; i < len; i++) {
			if (p[i] == '\'')
				strbuf_addc(out, '\'');
			strbuf_addc(out, (char)p[i]);
		}
		strbuf_addc(out, '\'');
		break;
	}
}

/* Dump one table's rows, ordered by every column. */
static int
dump_table(struct sqlite_conn *conn, const char *table, struct strbuf *out,
    struct db_error *err)
{
	struct strbuf sql;
	sqlite3_stmt *stmt = NULL;
	int col, ncols, rc;

	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT * FROM ");
	backend_append_ident(&sql, table);
	rc = sqlite3_prepare_v2(conn->db, sql.buf, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	ncols = sqlite3_column_count(stmt);
	sqlite3_finalize(stmt);
	stmt = NULL;
	for (col = 1; col <= ncols; col++)
		strbuf_addf(&sql, "%s%d", col == 1 ? " ORDER BY " : ", ", col);
	rc = sqlite3_prepare_v2(conn->db, sql.buf, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	strbuf_adds(out, "table ");
	strbuf_adds(out, table);
	strbuf_addc(out, '\n');
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		for (col = 0; col < ncols; col++) {
			strbuf_addc(out, col == 0 ? '\t' : '|');
			dump_value(out, stmt, col);
		}
		strbuf_addc(out, '\n');
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(stmt);
	strbuf_fini(&sql);
	return DB_OK;
fail:
	sqlite_error(err, conn->db, table);
	sqlite3_finalize(stmt);
	strbuf_fini(&sql);
	return DB_EBACKEND;
}

/*
 * The content of every table, sqlite_sequence included (it holds the
 * AUTOINCREMENT counters, SQLite's sequences), in name order.
 */
static int
sqlite_snapshot(struct backend_conn *bconn, struct strbuf *out,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	sqlite3_stmt *stmt = NULL;
	char **names = NULL;
	size_t i, n = 0;
	int rc, status = DB_OK;

	rc = sqlite3_prepare_v2(conn->db,
	    "SELECT name FROM sqlite_schema WHERE type = 'table' "
	    "ORDER BY name",
	    -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(err, conn->db, "list tables");
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	}
	if (rc != SQLITE_DONE)
		status = sqlite_error(err, conn->db, "list tables");
	sqlite3_finalize(stmt);
	for (i = 0; i < n && status == DB_OK; i++)
		status = dump_table(conn, names[i], out, err);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

/* Read one PRAGMA's value as text into info under its own name. */
static void
describe_pragma(struct sqlite_conn *conn, struct backend_info *info,
    const char *pragma)
{
	static const char *const sync_names[] = { "off", "normal", "full",
		"extra" };
	sqlite3_stmt *stmt = NULL;
	char *sql;
	const char *value = "unknown";
	char buf[32];
	int n;

	sql = xasprintf("PRAGMA %s", pragma);
	if (sqlite3_prepare_v2(conn->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		if (strcmp(pragma, "synchronous") == 0) {
			n = sqlite3_column_int(stmt, 0);
			if (n >= 0 && n <= 3)
				value = sync_names[n];
		} else {
			snprintf(buf, sizeof buf, "%s",
			    (const char *)sqlite3_column_text(stmt, 0));
			value = buf;
		}
	}
	backend_info_add(info, pragma, value);
	sqlite3_finalize(stmt);
	free(sql);
}

/*
 * The memory settings in force, as the library reports them: memstatus
 * (on when the statistics count the memory this process's connections
 * use), the page cache (the heap unless SQLITE_CONFIG_PAGECACHE gave a
 * buffer, which nothing here does) and lookaside (compiled out, or whether
 * this connection used any).
 */
static void
describe_memory(struct sqlite_conn *conn, struct backend_info *info)
{
	sqlite3_int64 used = 0, high = 0;
	const char *initsz = NULL, *o;
	char buf[96];
	int cur = 0, hi = 0, i;

	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &high, 0);
	backend_info_add(info, "memstatus", used > 0 ? "on" : "off");
	for (i = 0; (o = sqlite3_compileoption_get(i)) != NULL; i++)
		if (strncmp(o, "DEFAULT_PCACHE_INITSZ=", 22) == 0)
			initsz = o + 22;
	snprintf(buf, sizeof buf, "heap (no SQLITE_CONFIG_PAGECACHE%s%s%s)",
	    initsz != NULL ? "; " : "", initsz != NULL ? initsz : "",
	    initsz != NULL ? " pages at start" : "");
	backend_info_add(info, "page_cache", buf);
	if (sqlite3_compileoption_used("OMIT_LOOKASIDE"))
		snprintf(buf, sizeof buf, "off (compiled out)");
	else {
		sqlite3_db_status(conn->db, SQLITE_DBSTATUS_LOOKASIDE_USED,
		    &cur, &hi, 0);
		snprintf(buf, sizeof buf, "%s", hi > 0 ? "on" : "unused");
	}
	backend_info_add(info, "lookaside", buf);
}

static int
sqlite_describe(struct backend_conn *bconn, struct backend_info *info,
    struct db_error *err)
{
	static const char *const pragmas[] = { "journal_mode", "synchronous",
		"foreign_keys", "page_size", "cache_size", "temp_store" };
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	const char *file;
	char fs[64];
	size_t i;

	(void)err;
	info->version = xstrdup(sqlite3_libversion());
	file = sqlite3_db_filename(conn->db, "main");
	backend_info_add(info, "path",
	    file == NULL || file[0] == '\0' ? ":memory:" : file);
	if (file == NULL || file[0] == '\0')
		backend_info_add(info, "storage", "memory");
	else {
		fsinfo_describe(file, fs, sizeof fs);
		backend_info_add(info, "storage", fs);
	}
	for (i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
		describe_pragma(conn, info, pragmas[i]);
	describe_memory(conn, info);
	return DB_OK;
}

/* The user tables of the database, in name order; caller frees. */
static int
list_tables(struct sqlite_conn *conn, char ***names, size_t *n,
    struct db_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*names = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(conn->db,
	    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
	    "NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
	    -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(err, conn->db, "list tables");
	for (;;) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW)
			break;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] =
		    xstrdup((const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return sqlite_error(err, conn->db, "list tables");
	return DB_OK;
}

/* The foreign keys among names, as index pairs; caller frees *edges. */
static int
list_edges(struct sqlite_conn *conn, char **names, size_t n,
    struct table_edge **edges, size_t *n_edges, struct db_error *err)
{
	sqlite3_stmt *stmt = NULL;
	const char *parent;
	size_t i, j;
	int rc;

	*edges = NULL;
	*n_edges = 0;
	rc = sqlite3_prepare_v2(conn->db,
	    "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", -1,
	    &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(err, conn->db, "list foreign keys");
	for (i = 0; i < n; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, names[i], -1, SQLITE_STATIC);
		for (;;) {
			rc = sqlite3_step(stmt);
			if (rc != SQLITE_ROW)
				break;
			parent = (const char *)sqlite3_column_text(stmt, 0);
			for (j = 0; j < n; j++)
				if (sqlite3_stricmp(names[j], parent) == 0)
					break;
			if (j == n)
				continue;
			*edges = xreallocarray(*edges, *n_edges + 1,
			    sizeof **edges);
			(*edges)[*n_edges].child = i;
			(*edges)[(*n_edges)++].parent = j;
		}
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return sqlite_error(err, conn->db, "list foreign keys");
	return DB_OK;
}

/*
 * SQLite has no TRUNCATE: a DELETE without WHERE is its truncate
 * optimisation, so both flavours are the same script: every table emptied
 * children first, inside a transaction with foreign keys deferred (so a
 * cycle cannot stop it), and the AUTOINCREMENT counters cleared.
 */
static int
sqlite_reset_sql(struct backend_conn *bconn, int truncate, struct strbuf *out,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	struct table_edge *edges = NULL;
	size_t i, n = 0, n_edges = 0, *order;
	char **names = NULL;
	int rc;

	(void)truncate;
	rc = list_tables(conn, &names, &n, err);
	if (rc == DB_OK)
		rc = list_edges(conn, names, n, &edges, &n_edges, err);
	if (rc == DB_OK) {
		order = xcalloc(n, sizeof *order);
		backend_delete_order(n, edges, n_edges, order);
		strbuf_adds(out, "BEGIN; PRAGMA defer_foreign_keys = ON;");
		for (i = 0; i < n; i++) {
			strbuf_adds(out, " DELETE FROM ");
			backend_append_ident(out, names[order[i]]);
			strbuf_addc(out, ';');
		}
		if (sqlite3_table_column_metadata(conn->db, "main",
			"sqlite_sequence", NULL, NULL, NULL, NULL, NULL,
			NULL) == SQLITE_OK)
			strbuf_adds(out, " DELETE FROM sqlite_sequence;");
		strbuf_adds(out, " COMMIT;");
		free(order);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(edges);
	return rc;
}

/* Text affinity by SQLite's rules: a declared type naming CHAR, CLOB or
 * TEXT. */
static int
text_affinity(const char *type)
{
	return type != NULL && (sqlite3_strlike("%CHAR%", type, 0) == 0 ||
				   sqlite3_strlike("%CLOB%", type, 0) == 0 ||
				   sqlite3_strlike("%TEXT%", type, 0) == 0);
}

/*
 * The columns of a table for scale_sql(): an INTEGER PRIMARY KEY (the
 * rowid) is left to SQLite; of every other unique key, primary ones
 * included, one column (a text one if there is one) is made distinct.
 */
static int
scale_columns(struct sqlite_conn *conn, const char *table,
    struct scale_column **cols_out, char ***names_out, size_t *n_out,
    struct db_error *err)
{
	struct scale_column *cols = NULL;
	sqlite3_stmt *info = NULL, *keys = NULL;
	char **names = NULL;
	size_t n = 0, i, pick;
	int rc, npk = 0, rowid_pk = -1;

	rc = sqlite3_prepare_v2(conn->db,
	    "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", -1,
	    &info, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(conn->db,
		    "SELECT il.name, ii.name FROM pragma_index_list(?1) il, "
		    "pragma_index_info(il.name) ii WHERE il.\"unique\" "
		    "ORDER BY il.name, ii.seqno",
		    -1, &keys, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(info, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(info) == SQLITE_ROW) {
		cols = xreallocarray(cols, n + 1, sizeof *cols);
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n] = xstrdup((const char *)sqlite3_column_text(info, 0));
		memset(&cols[n], 0, sizeof cols[n]);
		cols[n].name = names[n];
		cols[n].is_text = text_affinity(
		    (const char *)sqlite3_column_text(info, 1));
		if (sqlite3_column_int(info, 2) > 0) {
			npk++;
			if (sqlite3_strlike("INTEGER",
				(const char *)sqlite3_column_text(info, 1),
				0) == 0)
				rowid_pk = (int)n;
		}
		n++;
	}
	if (npk == 1 && rowid_pk >= 0)
		cols[rowid_pk].skip = 1;
	else if (npk > 0) { /* a primary key SQLite does not generate */
		pick = n;
		for (i = 0; i < n; i++)
			if (pick == n || cols[i].is_text)
				pick = i;
		if (pick < n)
			cols[pick].distinct = 1;
	}
	/* one column of each unique index, text preferred */
	sqlite3_bind_text(keys, 1, table, -1, SQLITE_STATIC);
	{
		char *index = NULL;
		size_t chosen = n;

		for (;;) {
			const char *iname, *cname;

			rc = sqlite3_step(keys);
			iname = rc == SQLITE_ROW
			    ? (const char *)sqlite3_column_text(keys, 0)
			    : NULL;
			if (index != NULL &&
			    (iname == NULL || strcmp(iname, index) != 0)) {
				if (chosen < n && !cols[chosen].skip)
					cols[chosen].distinct = 1;
				free(index);
				index = NULL;
				chosen = n;
			}
			if (rc != SQLITE_ROW)
				break;
			if (index == NULL)
				index = xstrdup(iname);
			cname = (const char *)sqlite3_column_text(keys, 1);
			for (i = 0; i < n; i++)
				if (cname != NULL && strcmp(names[i], cname) == 0 &&
				    (chosen == n ||
					(cols[i].is_text &&
					    !cols[chosen].is_text)))
					chosen = i;
		}
		free(index);
	}
	sqlite3_finalize(info);
	sqlite3_finalize(keys);
	*cols_out = cols;
	*names_out = names;
	*n_out = n;
	return DB_OK;
fail:
	sqlite_error(err, conn->db, table);
	sqlite3_finalize(info);
	sqlite3_finalize(keys);
	free(cols);
	free(names);
	return DB_EBACKEND;
}

static int
sqlite_scale_sql(struct backend_conn *bconn, unsigned factor,
    struct strbuf *out, struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	struct table_edge *edges = NULL;
	struct scale_column *cols;
	size_t i, j, n = 0, n_edges = 0, n_cols, *order = NULL;
	char **names = NULL, **col_names;
	int rc;

	rc = list_tables(conn, &names, &n, err);
	if (rc == DB_OK)
		rc = list_edges(conn, names, n, &edges, &n_edges, err);
	if (rc == DB_OK) {
		order = xcalloc(n, sizeof *order);
		backend_delete_order(n, edges, n_edges, order);
	}
	/* parents first: the reverse of the order to empty them in */
	for (i = n; rc == DB_OK && i > 0; i--) {
		rc = scale_columns(conn, names[order[i - 1]], &cols,
		    &col_names, &n_cols, err);
		if (rc != DB_OK)
			break;
		backend_scale_insert(out, names[order[i - 1]], cols, n_cols,
		    factor);
		for (j = 0; j < n_cols; j++)
			free(col_names[j]);
		free(col_names);
		free(cols);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(edges);
	free(order);
	return rc;
}

static int
sqlite_count_rows(struct backend_conn *bconn, long long *rows,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	sqlite3_stmt *stmt;
	struct strbuf sql;
	char **names = NULL;
	size_t i, n = 0;
	int rc;

	*rows = 0;
	rc = list_tables(conn, &names, &n, err);
	for (i = 0; rc == DB_OK && i < n; i++) {
		strbuf_init(&sql);
		strbuf_adds(&sql, "SELECT count(*) FROM ");
		backend_append_ident(&sql, names[i]);
		stmt = NULL;
		if (sqlite3_prepare_v2(conn->db, sql.buf, -1, &stmt, NULL) ==
			SQLITE_OK &&
		    sqlite3_step(stmt) == SQLITE_ROW)
			*rows += sqlite3_column_int64(stmt, 0);
		else
			rc = sqlite_error(err, conn->db, names[i]);
		sqlite3_finalize(stmt);
		strbuf_fini(&sql);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/*
 * A template is a built in-memory database kept open, and for
 * CLONE_DESERIALIZE its serialized image too.
 */
struct sqlite_template {
	struct backend_template base; /* must be first */
	struct sqlite_conn *tpl;      /* the built database */
	unsigned char *image;	      /* sqlite3_serialize() copy, or NULL */
	sqlite3_int64 size;
	const struct backend_target *target;
};

static int
sqlite_can_template(const struct backend_target *target)
{
	(void)target;
	return 1;
}

/* The template is always built in memory, whatever the target. */
static int
sqlite_template_open(const struct backend_target *target,
    struct backend_conn **out, struct db_error *err)
{
	struct backend_target memory = *target;
	int rc;

	memory.sqlite_path = ":memory:";
	memory.sqlite_uri = 0;
	rc = sqlite_connect(&memory, out, err);
	if (rc == DB_OK)
		((struct sqlite_conn *)*out)->target = target;
	return rc;
}

static int
sqlite_template_seal(struct backend_conn *bconn,
    struct backend_template **out, struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	struct sqlite_template *t;

	*out = NULL;
	t = xcalloc(1, sizeof *t);
	t->base.ops = &backend_sqlite_ops;
	t->tpl = conn;
	t->target = conn->target;
	if (t->target->sqlite_clone == CLONE_DESERIALIZE) {
		t->image = sqlite3_serialize(conn->db, "main", &t->size, 0);
		if (t->image == NULL) {
			sqlite_disconnect(bconn, NULL);
			free(t);
			return db_error_set(err, DB_EBACKEND,
			    "sqlite: serialize the template: out of memory");
		}
	}
	*out = &t->base;
	return DB_OK;
}

/*
 * Copy the template into *conn (a new connection to the target when *conn
 * is NULL): with sqlite3_backup, or by deserializing a copy of the image
 * into it, which keeps the connection's prepared statements valid.
 */
static int
sqlite_template_clone(struct backend_template *btpl,
    struct backend_conn **bconn, struct db_error *err)
{
	struct sqlite_template *t = (struct sqlite_template *)btpl;
	struct sqlite_conn *conn;
	sqlite3_backup *backup;
	unsigned char *copy;
	int rc;

	if (*bconn == NULL) {
		rc = sqlite_connect(t->target, bconn, err);
		if (rc != DB_OK)
			return rc;
	}
	conn = (struct sqlite_conn *)*bconn;
	if (t->target->sqlite_clone == CLONE_DESERIALIZE) {
		copy = sqlite3_malloc64((sqlite3_uint64)t->size);
		if (copy == NULL)
			return db_error_set(err, DB_EBACKEND,
			    "sqlite: clone: out of memory");
		memcpy(copy, t->image, (size_t)t->size);
		rc = sqlite3_deserialize(conn->db, "main", copy, t->size,
		    t->size,
		    SQLITE_DESERIALIZE_FREEONCLOSE |
			SQLITE_DESERIALIZE_RESIZEABLE);
		if (rc != SQLITE_OK)
			return sqlite_error(err, conn->db, "deserialize");
		return DB_OK;
	}
	backup = sqlite3_backup_init(conn->db, "main", t->tpl->db, "main");
	if (backup == NULL)
		return sqlite_error(err, conn->db, "backup");
	rc = sqlite3_backup_step(backup, -1);
	sqlite3_backup_finish(backup);
	if (rc != SQLITE_DONE)
		return sqlite_error(err, conn->db, "backup");
	return DB_OK;
}

/* The connection stays: the next clone overwrites its database. */
static int
sqlite_template_release(struct backend_template *tpl,
    struct backend_conn **conn, struct db_error *err)
{
	(void)tpl;
	(void)conn;
	(void)err;
	return DB_OK;
}

static void
sqlite_template_drop(struct backend_template *btpl)
{
	struct sqlite_template *t = (struct sqlite_template *)btpl;

	if (t == NULL)
		return;
	sqlite_disconnect(&t->tpl->base, NULL);
	sqlite3_free(t->image);
	free(t);
}

const struct backend_ops backend_sqlite_ops = {
	.name = "sqlite",
	.dialect = SQL_DIALECT_SQLITE,
	.connect = sqlite_connect,
	.disconnect = sqlite_disconnect,
	.run = sqlite_run,
	.exec = sqlite_exec,
	.in_transaction = sqlite_in_transaction,
	.query = sqlite_query,
	.connect_peer = sqlite_connect_peer,
	.snapshot = sqlite_snapshot,
	.describe = sqlite_describe,
	.reset_sql = sqlite_reset_sql,
	.scale_sql = sqlite_scale_sql,
	.count_rows = sqlite_count_rows,
	.can_template = sqlite_can_template,
	.clones_in_place = 1,
	.template_open = sqlite_template_open,
	.template_seal = sqlite_template_seal,
	.template_clone = sqlite_template_clone,
	.template_release = sqlite_template_release,
	.template_drop = sqlite_template_drop,
};
