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
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "backend.h"
#include "clock.h"
#include "fsinfo.h"
#include "scenario.h"
#include "xmalloc.h"

struct sqlite_conn {
	struct backend_conn base; /* must be first */
	sqlite3 *db;
	sqlite3_stmt **cache; /* prepared statement per slot, or NULL */
	unsigned n_slots;     /* workload statements + builtins */
	char *path;	      /* the file to remove on disconnect, or NULL */
	const struct backend_target *target; /* as given to connect */
};

/* --sqlite-memstatus: SQLite's memory statistics, set once a process. */
enum sqlite_memstatus {
	SQLITE_MEMSTATUS_LIBRARY, /* the library's own configuration */
	SQLITE_MEMSTATUS_ON,	  /* SQLITE_CONFIG_MEMSTATUS 1 */
	SQLITE_MEMSTATUS_OFF	  /* SQLITE_CONFIG_MEMSTATUS 0 */
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

/* What a target's connections open: the target's state. */
struct sqlite_target {
	char *path;	   /* --sqlite-path; NULL: ":memory:" */
	char *worker_path; /* path with "-gwN" for a worker after the
			      first, set by open_target(); or NULL */
	int uri;	   /* path is a "file:" URI, opened as one and never
			      removed (validation's shared-cache databases) */
	int deserialize;   /* --sqlite-clone deserialize */
};

static struct sqlite_target *
target_state(struct backend_target *target)
{
	if (target->state == NULL)
		target->state = xcalloc(1, sizeof(struct sqlite_target));
	return target->state;
}

static const char *
target_path(const struct backend_target *target)
{
	const struct sqlite_target *st = target->state;

	if (st == NULL || st->path == NULL || st->path[0] == '\0')
		return ":memory:";
	return st->worker_path != NULL ? st->worker_path : st->path;
}

static int
target_uri(const struct backend_target *target)
{
	const struct sqlite_target *st = target->state;

	return st != NULL && st->uri;
}

static int
target_deserializes(const struct backend_target *target)
{
	const struct sqlite_target *st = target->state;

	return st != NULL && st->deserialize;
}

/* --sqlite-path, --sqlite-clone, --sqlite-memstatus. */
static int
sqlite_set_option(struct backend_target *target, const char *name,
    const char *value, struct db_error *err)
{
	static const char *const clones[] = { "backup", "deserialize" };
	static const char *const memstatus[] = { "library", "on", "off" };
	struct sqlite_target *st;
	int k;

	if (strcmp(name, "sqlite-path") == 0) {
		if (value[0] == '\0')
			return db_error_set(err, DB_EUSAGE,
			    "--sqlite-path: empty path");
		if (target != NULL) {
			st = target_state(target);
			free(st->path);
			st->path = xstrdup(value);
		}
		return DB_OK;
	}
	if (strcmp(name, "sqlite-clone") == 0) {
		k = backend_pick_word(name, "method", value, clones, 2, err);
		if (k >= 0 && target != NULL)
			target_state(target)->deserialize = k == 1;
		return k < 0 ? DB_EUSAGE : DB_OK;
	}
	if (strcmp(name, "sqlite-memstatus") == 0) {
		k = backend_pick_word(name, "setting", value, memstatus, 3, err);
		if (k >= 0 && target != NULL) /* once a process */
			memstatus_wanted = (enum sqlite_memstatus)k;
		return k < 0 ? DB_EUSAGE : DB_OK;
	}
	return db_error_set(err, DB_EUSAGE, "sqlite: no option --%s", name);
}

/*
 * A worker after the first gets its own file, "-gwN" appended; a file
 * that exists is refused: dbbench removes what it creates.
 */
static int
sqlite_open_target(struct backend_target *target, struct db_error *err)
{
	struct sqlite_target *st = target_state(target);
	const char *path;
	struct stat sb;

	if (st->path == NULL || strcmp(st->path, ":memory:") == 0 || st->uri)
		return DB_OK;
	free(st->worker_path);
	st->worker_path = NULL;
	if (target->worker > 0)
		st->worker_path = xasprintf("%s-gw%u", st->path,
		    target->worker);
	path = target_path(target);
	if (lstat(path, &sb) == 0)
		return db_error_set(err, DB_EUSAGE,
		    "--sqlite-path: %s exists; give a path that does not, "
		    "dbbench creates the file and removes it after",
		    path);
	if (errno != ENOENT)
		return db_error_set(err, DB_EUSAGE, "--sqlite-path: %s: %s",
		    path, strerror(errno));
	return DB_OK;
}

static void
sqlite_close_target(struct backend_target *target)
{
	struct sqlite_target *st = target->state;

	if (st == NULL)
		return;
	free(st->path);
	free(st->worker_path);
	free(st);
	target->state = NULL;
}

/* A name in the temp folder that no file has yet. */
static char *
temp_db_path(void)
{
	static unsigned next;
	struct stat sb;
	const char *dir;
	char *path;

	dir = getenv("TMPDIR");
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	for (;;) {
		path = xasprintf("%s/dbbench-%ld-%u.db", dir, (long)getpid(),
		    next++);
		if (lstat(path, &sb) != 0 && errno == ENOENT)
			return path;
		free(path);
	}
}

/*
 * A scenario's own database: a new file in the temp folder, which its
 * connection removes, or a named shared-cache memory database, which
 * every connection of the scenario reaches by its URI.
 */
static int
sqlite_scenario_target(const struct backend_target *run, int db,
    const char *name, struct backend_target *out, struct db_error *err)
{
	struct sqlite_target *st;

	(void)err;
	*out = *run;
	out->state = NULL;
	st = target_state(out);
	st->deserialize = target_deserializes(run);
	if (db == SCN_DB_FILE) {
		st->path = temp_db_path();
	} else {
		st->path = xasprintf("file:dbbench_%ld_%s?mode=memory&"
				     "cache=shared",
		    (long)getpid(), name);
		st->uri = 1;
	}
	return DB_OK;
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
sqlite_open_path(const struct backend_target *target, const char *path,
    int uri, int owner, struct backend_conn **out, struct db_error *err)
{
	struct sqlite_conn *conn;
	int64_t t0;
	int flags, rc;

	*out = NULL;
	pthread_once(&sqlite_configured, sqlite_configure);
	conn = xcalloc(1, sizeof *conn);
	conn->base.ops = &backend_sqlite_ops;
	conn->base.n_workload_slots = target->n_stmts;
	conn->target = target;
	conn->n_slots = target->n_stmts + BUILTIN_COUNT;
	conn->cache = xcalloc(conn->n_slots, sizeof *conn->cache);
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX;
	if (uri)
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
	if (owner && !uri && strcmp(path, ":memory:") != 0)
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
sqlite_open(const struct backend_target *target, int owner,
    struct backend_conn **out, struct db_error *err)
{
	return sqlite_open_path(target, target_path(target), target_uri(target),
	    owner, out, err);
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
 * Step through every row of stmt, appending the first to first_row as text
 * (columns joined by '|', NULL as "NULL") unless that is NULL.  The caller
 * resets or finalizes stmt.
 */
static int
step_rows(struct sqlite_conn *conn, sqlite3_stmt *stmt,
    struct strbuf *first_row, struct db_error *err)
{
	const unsigned char *text;
	int col, rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (col = 0; first_row != NULL &&
		     col < sqlite3_column_count(stmt);
		     col++) {
			if (col > 0)
				strbuf_addc(first_row, '|');
			text = sqlite3_column_text(stmt, col);
			strbuf_adds(first_row,
			    text != NULL ? (const char *)text : "NULL");
		}
		first_row = NULL;
	}
	if (rc != SQLITE_DONE)
		return sqlite_error(err, conn->db, NULL);
	return DB_OK;
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
	rc = step_rows(conn, stmt, NULL, err);
	sqlite3_reset(stmt);
	return rc;
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
	int rc;

	rc = sqlite3_prepare_v2(conn->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(err, conn->db, NULL);
	if (stmt == NULL) /* only comments or blanks */
		return DB_OK;
	rc = step_rows(conn, stmt, out, err);
	sqlite3_finalize(stmt);
	return rc;
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

static int list_tables(struct sqlite_conn *conn, int internal,
    char ***names, size_t *n, struct db_error *err);

/*
 * The content of every table, sqlite_sequence included (it holds the
 * AUTOINCREMENT counters, SQLite's sequences), in name order.
 */
static int
sqlite_snapshot(struct backend_conn *bconn, struct strbuf *out,
    struct db_error *err)
{
	struct sqlite_conn *conn = (struct sqlite_conn *)bconn;
	char **names = NULL;
	size_t i, n = 0;
	int status;

	status = list_tables(conn, 1, &names, &n, err);
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

/* The user tables of the database (with SQLite's own sqlite_* tables too
 * when internal is set), in name order; caller frees. */
static int
list_tables(struct sqlite_conn *conn, int internal, char ***names, size_t *n,
    struct db_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*names = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(conn->db,
	    internal ? "SELECT name FROM sqlite_schema WHERE type = 'table' "
		       "ORDER BY name"
		     : "SELECT name FROM sqlite_schema WHERE type = 'table' "
		       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY "
		       "name",
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
 * The user tables and the order to empty them in, children first
 * (backend_delete_order()); the caller frees *names, each name, and
 * *order.
 */
static int
delete_order(struct sqlite_conn *conn, char ***names, size_t *n,
    size_t **order, struct db_error *err)
{
	struct table_edge *edges = NULL;
	size_t n_edges = 0;
	int rc;

	*order = NULL;
	rc = list_tables(conn, 0, names, n, err);
	if (rc == DB_OK)
		rc = list_edges(conn, *names, *n, &edges, &n_edges, err);
	if (rc == DB_OK) {
		*order = xcalloc(*n, sizeof **order);
		backend_delete_order(*n, edges, n_edges, *order);
	}
	free(edges);
	return rc;
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
	size_t i, n = 0, *order = NULL;
	char **names = NULL;
	int rc;

	(void)truncate;
	rc = delete_order(conn, &names, &n, &order, err);
	if (rc == DB_OK) {
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
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(order);
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
	struct scale_column *cols;
	size_t i, j, n = 0, n_cols, *order = NULL;
	char **names = NULL, **col_names;
	int rc;

	rc = delete_order(conn, &names, &n, &order, err);
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
	rc = list_tables(conn, 0, &names, &n, err);
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
	return sqlite_open_path(target, ":memory:", 0, 1, out, err);
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
	if (target_deserializes(t->target)) {
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
	if (target_deserializes(t->target)) {
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

static const char *const sqlite_options[] = { "sqlite-path", "sqlite-clone",
	"sqlite-memstatus", NULL };

const struct backend_ops backend_sqlite_ops = {
	.name = "sqlite",
	.title = "SQLite",
	.dialect = SQL_DIALECT_SQLITE,
	.options = sqlite_options,
	.set_option = sqlite_set_option,
	.open_target = sqlite_open_target,
	.close_target = sqlite_close_target,
	.scenario_target = sqlite_scenario_target,
	.dialect_peer = "postgres",
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
