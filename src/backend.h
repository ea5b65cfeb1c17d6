/*
 * backend.h - the one interface every database backend implements
 *
 * A backend is a table of functions (struct backend_ops), found by name with
 * backend_find().  A connection is a struct backend_conn that each driver
 * embeds as the first member of its own connection struct, so a driver can
 * cast back to its private type.
 *
 * Statements are addressed by slot: a workload statement's slot is its
 * workload-wide id, and the fixed statements the strategies need (BEGIN,
 * ROLLBACK, SAVEPOINT ...) have the slots that follow, builtin_slot().  A
 * driver prepares a statement the first time its slot is run on a
 * connection and reuses it after that, so a strategy that keeps its
 * connection pays for parsing once, as a real suite with a statement cache
 * does.
 *
 * Drivers never print; they fill a struct db_error.  A connection belongs to
 * one thread at a time.
 */
#ifndef DBBENCH_BACKEND_H
#define DBBENCH_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sqlsplit.h"
#include "strbuf.h"

/* The statements strategies run; their text is builtin_sql(). */
enum builtin_stmt {
	BUILTIN_BEGIN,
	BUILTIN_COMMIT,
	BUILTIN_ROLLBACK,
	BUILTIN_SAVEPOINT,	/* the per-test savepoint */
	BUILTIN_ROLLBACK_TO,
	BUILTIN_RELEASE,
	BUILTIN_EXPECT_SAVEPOINT, /* around a statement that must fail */
	BUILTIN_EXPECT_ROLLBACK_TO,
	BUILTIN_EXPECT_RELEASE,
	BUILTIN_COUNT
};

/*
 * Where connections go: the worker it is for, and the driver's own state
 * for it: the backend's options as set_option() took them (a SQLite path,
 * a PostgreSQL DSN), then between open_target() and close_target() what
 * every connection shares (a PostgreSQL admin connection and scratch
 * database, say).  Generic code never looks inside state.
 */
struct backend_target {
	unsigned n_stmts;	 /* workload statements (builtins come after) */
	unsigned worker;	 /* which worker's target: 0, 1, ... */
	int pin_cpu;		 /* --pin: the CPU for this worker's server
				    backends, or -1 */
	void *state;		 /* the driver's; NULL until set_option() or
				    open_target() */
};

/* A name and value describing how a backend is set up ("journal_mode"). */
struct backend_setting {
	char *name;  /* owned */
	char *value; /* owned */
};

struct backend_info {
	char *version;			   /* "3.40.1"; owned */
	struct backend_setting *settings; /* owned */
	size_t n_settings;
};

struct backend_conn;
struct backend_template;

/* What server_cpu gives when it has no CPU to give. */
#define BACKEND_CPU_UNKNOWN (-1) /* on this host, but not readable */
#define BACKEND_CPU_REMOTE (-2)	 /* the server is on another host */

struct backend_ops {
	const char *name;	  /* "sqlite", "postgres" */
	const char *title;	  /* how messages name it: "SQLite" */
	enum sql_dialect dialect; /* how workload files are split */

	/*
	 * The backend's own command-line options (--NAME VALUE), by long
	 * name without the dashes, NULL-terminated; NULL for none.  "dsn"
	 * is not listed: a backend takes a --dsn when claims_dsn() says so.
	 */
	const char *const *options;
	/*
	 * Take one option (a name in options, or "dsn") for target, keeping
	 * it in target->state, which it allocates when NULL; close_target()
	 * frees it.  With target NULL, only check the value.  A bad value
	 * fails with DB_EUSAGE and one line naming the option.  Later values
	 * replace earlier ones.  Required when options or claims_dsn is set.
	 */
	int (*set_option)(struct backend_target *target, const char *name,
	    const char *value, struct db_error *err);
	/*
	 * Optional: 1 when a --dsn of this form is for this backend (its
	 * scheme or syntax), so that one run can take a DSN per backend.
	 * dsn_forms names the forms it takes, for messages, NULL-terminated.
	 */
	int (*claims_dsn)(const char *dsn);
	const char *const *dsn_forms;

	/*
	 * Get ready to connect to a target: check it can be reached and set
	 * up what every connection shares.  Optional (NULL: nothing to do).
	 * close_target() undoes it, removes anything left and frees the
	 * state; it is called for every target that set_option() or
	 * open_target() touched, even when open_target() failed.
	 */
	int (*open_target)(struct backend_target *target,
	    struct db_error *err);
	void (*close_target)(struct backend_target *target);
	/*
	 * Optional: check, on an open target, that the server takes the
	 * connections `workers` workers need, each with its own target; fail
	 * with DB_EUSAGE naming the limit when it does not.
	 */
	int (*check_capacity)(const struct backend_target *target,
	    unsigned workers, struct db_error *err);
	/*
	 * Optional: housekeeping between rounds, outside any timed phase, so
	 * that rounds are comparable (PostgreSQL: VACUUM the scratch
	 * database, catalogs included).
	 */
	int (*maintain)(struct backend_target *target, struct db_error *err);
	/*
	 * Optional: the CPU the connection's server process last ran on,
	 * BACKEND_CPU_REMOTE when the server is on another host, or
	 * BACKEND_CPU_UNKNOWN when it could not be read; an embedded engine
	 * runs on the client's.
	 */
	int (*server_cpu)(struct backend_conn *conn);
	/*
	 * Optional: remove what killed runs left on the target (scratch
	 * databases and schemas named as dbbench names them, owned by this
	 * role, whose process is gone), one line per object to out.
	 */
	int (*cleanup)(const struct backend_target *target, struct strbuf *out,
	    struct db_error *err);
	/*
	 * Optional: in the driver's words, why strategy (a strategy's name)
	 * cannot run on target, once the strategy's supports() said no; NULL
	 * when the driver has nothing to add.
	 */
	const char *(*why_unsupported)(const struct backend_target *target,
	    const char *strategy);
	/*
	 * Optional: the known cause, in plain words, of later tests getting
	 * slower under strategy on this backend, or NULL when it has none.
	 */
	const char *(*drift_cause)(const char *strategy);
	/*
	 * Optional: where a validation scenario's database lives when it is
	 * not the run's target (db: SCN_DB_FILE or SCN_DB_SHARED_CACHE, see
	 * scenario.h; name: the scenario's id).  Makes *out a target of its
	 * own, like run with new state; close_target() frees it.  NULL: the
	 * backend's connections already share the run's server database, and
	 * every scenario uses the run's target.
	 */
	int (*scenario_target)(const struct backend_target *run, int db,
	    const char *name, struct backend_target *out,
	    struct db_error *err);
	/*
	 * Optional: the backend whose dialect a plain schema.sql that does
	 * not parse here is likely written in ("postgres"): the error then
	 * says to add schema.NAME.sql or use -b that backend.
	 */
	const char *dialect_peer;
	/*
	 * Open a connection to a new, empty database of the target: a
	 * distinct :memory: database, a new SQLite file, a new PostgreSQL
	 * scratch schema.  On failure *out is NULL and err says why.
	 */
	int (*connect)(const struct backend_target *target,
	    struct backend_conn **out, struct db_error *err);
	/*
	 * Close a connection, remove the database connect() made for it and
	 * free it.  Returns the status of the removal; NULL is ignored.
	 */
	int (*disconnect)(struct backend_conn *conn, struct db_error *err);

	/*
	 * Run the statement in a slot, preparing it on first use on this
	 * connection, and read every row it returns.  sql is the statement's
	 * text; it must be the same each time a slot is run.
	 */
	int (*run)(struct backend_conn *conn, unsigned slot, const char *sql,
	    struct db_error *err);
	/* Run SQL once, unprepared and uncached (several statements allowed). */
	int (*exec)(struct backend_conn *conn, const char *sql,
	    struct db_error *err);
	/* 1 when a transaction is open on the connection. */
	int (*in_transaction)(struct backend_conn *conn);
	/*
	 * Run one statement, unprepared, and append its first row to out as
	 * text: columns separated by '|', NULL as "NULL"; nothing when it
	 * returns no row.  Later rows are read and dropped.
	 */
	int (*query)(struct backend_conn *conn, const char *sql,
	    struct strbuf *out, struct db_error *err);
	/*
	 * Open a second connection to the database conn works in, as another
	 * thread or process of the application would: on PostgreSQL the same
	 * database and search_path, with no scratch schema of its own; on
	 * SQLite the same target opened again, which for ":memory:" is
	 * another, empty database.  Disconnecting the peer removes nothing.
	 * Optional (NULL: the backend cannot).
	 */
	int (*connect_peer)(struct backend_conn *conn,
	    struct backend_conn **out, struct db_error *err);
	/*
	 * Count the asynchronous notifications (LISTEN/NOTIFY) that reached
	 * the connection since the last call, after a round trip that lets
	 * the server deliver what is pending.  Optional.
	 */
	int (*notifications)(struct backend_conn *conn, unsigned *count,
	    struct db_error *err);

	/*
	 * Append a canonical dump of the database's content to out: every
	 * table's rows in a fixed order, and every sequence's value.  Two
	 * databases with the same content give the same dump.
	 */
	int (*snapshot)(struct backend_conn *conn, struct strbuf *out,
	    struct db_error *err);
	/* Describe the engine: version and the settings that change costs. */
	int (*describe)(struct backend_conn *conn, struct backend_info *info,
	    struct db_error *err);

	/*
	 * Append to out the SQL that empties every table of the connection's
	 * database, children before parents, and restarts every identity
	 * counter, as one script for backend_exec().  With truncate set it
	 * uses the engine's TRUNCATE where it has one.
	 */
	int (*reset_sql)(struct backend_conn *conn, int truncate,
	    struct strbuf *out, struct db_error *err);

	/*
	 * Append to out a script that multiplies the rows of every table by
	 * factor (factor - 1 copies of each row, parents before children),
	 * for cost models over data size.  Copies get fresh keys: an
	 * auto-generated primary key is left to the database, and one column
	 * of every other unique key is made distinct (text gets '#n' appended,
	 * numbers an offset).  Foreign keys of the copies point at the
	 * original rows.  Optional (NULL: cannot scale).
	 */
	int (*scale_sql)(struct backend_conn *conn, unsigned factor,
	    struct strbuf *out, struct db_error *err);
	/* Rows over all tables of the connection's database. */
	int (*count_rows)(struct backend_conn *conn, long long *rows,
	    struct db_error *err);

	/*
	 * Templates, for the template strategy.  Optional: NULL when the
	 * backend cannot copy a database.  can_template() says whether this
	 * target can (PostgreSQL needs CREATEDB).
	 *
	 * template_open()    a connection to a new database to build in;
	 * template_seal()    the database is built: keep it as a template
	 *                    (consumes the connection);
	 * template_clone()   make *conn a fresh copy of the template, reusing
	 *                    *conn when the backend copies into a connection
	 *                    (SQLite) and replacing it otherwise;
	 * template_release() after a test: drop the copy (PostgreSQL) or keep
	 *                    the connection for the next clone (SQLite);
	 * template_drop()    remove the template; NULL is ignored.
	 */
	int (*can_template)(const struct backend_target *target);
	int clones_in_place; /* template_clone() reuses the connection */
	int (*template_open)(const struct backend_target *target,
	    struct backend_conn **out, struct db_error *err);
	int (*template_seal)(struct backend_conn *conn,
	    struct backend_template **out, struct db_error *err);
	int (*template_clone)(struct backend_template *tpl,
	    struct backend_conn **conn, struct db_error *err);
	int (*template_release)(struct backend_template *tpl,
	    struct backend_conn **conn, struct db_error *err);
	void (*template_drop)(struct backend_template *tpl);
};

struct backend_conn {
	const struct backend_ops *ops; /* first member of every driver conn */
	unsigned n_workload_slots;     /* builtins start here */
	int64_t connect_ns;	       /* opening it took; the runner reads
					  and clears it */
};

struct backend_template {
	const struct backend_ops *ops; /* first member of every driver's */
};

/* A foreign key between two tables of a list, by index. */
struct table_edge {
	size_t child;  /* the referencing table */
	size_t parent; /* the referenced table */
};

/* The drivers (backend_<name>.c). */
extern const struct backend_ops backend_sqlite_ops;

#ifdef HAVE_LIBPQ
extern const struct backend_ops backend_pg_ops;
#endif
#ifdef HAVE_MYSQL
extern const struct backend_ops backend_mysql_ops;
#endif

const struct backend_ops *backend_find(const char *name);
const struct backend_ops *const *backend_all(size_t *n);
int backend_takes_option(const struct backend_ops *ops, const char *name,
    const char *value);
int backend_pick_word(const char *option, const char *noun,
    const char *value, const char *const *words, size_t n,
    struct db_error *err);
const char *backend_option_value(const struct backend_setting *opts,
    size_t n, const char *name);
int backend_set_options(const struct backend_ops *ops,
    struct backend_target *target, const struct backend_setting *opts,
    size_t n, struct db_error *err);
void backend_close_target(const struct backend_ops *ops,
    struct backend_target *target);
const char *builtin_sql(enum builtin_stmt stmt);
void backend_info_fini(struct backend_info *info);
void backend_delete_order(size_t n, const struct table_edge *edges,
    size_t n_edges, size_t *order);

/* A column as scale_sql() sees it. */
struct scale_column {
	const char *name;
	int skip;     /* generated by the database: leave it out */
	int is_text;  /* text type: made distinct by appending '#n' */
	int distinct; /* must differ in every copy */
};

void backend_append_ident(struct strbuf *out, const char *name);
void backend_scale_insert(struct strbuf *out, const char *table,
    const struct scale_column *cols, size_t n_cols, unsigned factor);
void backend_info_add(struct backend_info *info, const char *name,
    const char *value);

static inline unsigned
builtin_slot(const struct backend_conn *conn, enum builtin_stmt stmt)
{
	return conn->n_workload_slots + (unsigned)stmt;
}

static inline int
backend_run(struct backend_conn *conn, unsigned slot, const char *sql,
    struct db_error *err)
{
	return conn->ops->run(conn, slot, sql, err);
}

static inline int
backend_run_builtin(struct backend_conn *conn, enum builtin_stmt stmt,
    struct db_error *err)
{
	return conn->ops->run(conn, builtin_slot(conn, stmt), builtin_sql(stmt),
	    err);
}

static inline int
backend_exec(struct backend_conn *conn, const char *sql, struct db_error *err)
{
	return conn->ops->exec(conn, sql, err);
}

static inline int
backend_query(struct backend_conn *conn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	return conn->ops->query(conn, sql, out, err);
}

static inline int
backend_disconnect(struct backend_conn *conn, struct db_error *err)
{
	if (conn == NULL)
		return DB_OK;
	return conn->ops->disconnect(conn, err);
}

#endif
