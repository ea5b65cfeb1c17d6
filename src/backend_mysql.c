/*
 * backend_mysql.c - the MySQL and MariaDB backend, over MariaDB Connector/C
 *
 * In MySQL a schema is a database, so the "new, empty database" every
 * connect() gives a strategy is a database of its own:
 * dbbench_<pid>_gw<w>_<n> (w the worker target, as pytest-xdist's gw0,
 * gw1, ...; n counting over the process).  open_target() opens an "admin"
 * connection, through which close_target() drops every scratch database of
 * its worker that is still there (after an error, or a stop by SIGINT or
 * SIGTERM), and disconnect() drops a connection's own database.  `dbbench
 * cleanup --dsn mysql://...` drops those of runs that are gone.
 *
 * Where connections go: --dsn mysql://user:password@host:port/db?socket=PATH
 * (every part optional, user and password percent-decoded), or, without a
 * DSN, the client option files ([client] and [client-mariadb] groups of
 * my.cnf, ~/.my.cnf ...), as the mysql client reads them.
 *
 * Statements reach the server as --protocol says: simple is the text
 * protocol (mysql_real_query); prepared (the default) prepares each slot
 * once per connection on the server (mysql_stmt_prepare) and executes it
 * after that.  A statement the server will not prepare (error 1295) runs
 * through the text protocol from then on, as a connector with a
 * statement cache falls back.
 *
 * Templates: MySQL has no CREATE DATABASE ... TEMPLATE.  A template is a
 * scratch database holding the built schema and seed; a copy is a new
 * database made by replaying the template's SHOW CREATE TABLE statements
 * (foreign keys, indexes, AUTO_INCREMENT counters and engines included,
 * which CREATE TABLE ... LIKE would lose in part) and INSERT ... SELECT of
 * every table's columns but the generated ones, then its views, routines
 * and triggers, with FOREIGN_KEY_CHECKS off, in one multi-statement round
 * trip on the session's connection (backend_mysql_catalog.c writes the
 * script).  See doc/strategies.md.  The DSN is read in backend_mysql_dsn.c.
 *
 * No message names the DSN or prints the password: errors name host and
 * port or socket, and the password is masked wherever it would appear.
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "backend.h"
#include "backend_mysql_int.h"
#include "backend_net.h"
#include "clock.h"
#include "xmalloc.h"

/* How statements reach the server (--protocol). */
enum my_protocol {
	MY_PROTOCOL_SIMPLE,   /* the text protocol, mysql_real_query */
	MY_PROTOCOL_PREPARED, /* mysql_stmt_prepare once per slot */
};

/*
 * A target's state: its options as set_option() took them, then, between
 * open_target() and close_target(), the parsed DSN and admin connection.
 */
struct my_target {
	char *dsn;	       /* --dsn mysql://...; NULL: option files */
	enum my_protocol protocol;
	struct my_params params;
	MYSQL *admin;
	char where[256]; /* "host H port P" or "socket S", for messages */
};

struct my_conn {
	struct backend_conn base; /* must be first */
	MYSQL *my;
	const struct backend_target *target;
	char *database;	     /* the database it works in */
	int owns_database;   /* drop it on disconnect */
	MYSQL_STMT **stmts;  /* per slot: prepared statement, or NULL */
	unsigned char *text; /* per slot: the server would not prepare it */
	unsigned n_slots;
	enum my_protocol protocol;
	long os_thread; /* the server thread's OS id, or 0 if unknown */
};

static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void
library_init(void)
{
	mysql_library_init(0, NULL, NULL);
}

/* Record the connection's last error, the password masked. */
static int
my_fail(MYSQL *my, const struct my_params *p, const char *what,
    struct db_error *err)
{
	if (err == NULL)
		return DB_EBACKEND;
	db_error_set(err, DB_EBACKEND, "mysql: %s%s%s", what != NULL ? what : "",
	    what != NULL ? ": " : "", mysql_error(my));
	if (p != NULL)
		backend_mask(err->msg, sizeof err->msg, p->password);
	return DB_EBACKEND;
}

/*
 * Open a connection to database (NULL: none), timing mysql_real_connect()
 * into *connect_ns when it is not NULL.
 */
static int
my_open(const struct my_params *p, const char *database, MYSQL **out,
    int64_t *connect_ns, struct db_error *err)
{
	char where[256];
	MYSQL *my;
	int64_t t0;

	pthread_once(&library_once, library_init);
	*out = NULL;
	my = mysql_init(NULL);
	if (my == NULL)
		return db_error_set(err, DB_EBACKEND,
		    "mysql: out of memory connecting");
	if (p->option_files)
		mysql_optionsv(my, MYSQL_READ_DEFAULT_GROUP, "client");
	mysql_optionsv(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	t0 = clock_now_ns();
	if (mysql_real_connect(my, p->host, p->user, p->password,
		database != NULL ? database : p->database, p->port, p->socket,
		CLIENT_MULTI_STATEMENTS) == NULL) {
		my_describe_params(p, where, sizeof where);
		db_error_set(err, DB_EBACKEND, "mysql: cannot connect to %s: %s",
		    where, mysql_error(my));
		backend_mask(err->msg, sizeof err->msg, p->password);
		mysql_close(my);
		return DB_EBACKEND;
	}
	if (connect_ns != NULL)
		*connect_ns = clock_now_ns() - t0;
	*out = my;
	return DB_OK;
}

/* Read and drop the current result; DB_OK when it was read whole. */
static int
drop_result(MYSQL *my, const struct my_params *p, const char *what,
    struct db_error *err)
{
	MYSQL_RES *res;

	res = mysql_store_result(my);
	if (res != NULL)
		mysql_free_result(res);
	else if (mysql_field_count(my) != 0)
		return my_fail(my, p, what, err);
	return DB_OK;
}

/* Read and drop the results after the current one of a multi-statement. */
static int
drain_more(MYSQL *my, const struct my_params *p, const char *what,
    struct db_error *err)
{
	int status, rc = DB_OK;

	while ((status = mysql_next_result(my)) == 0)
		if (rc == DB_OK)
			rc = drop_result(my, p, what, err);
		else
			drop_result(my, p, what, NULL);
	if (status > 0 && rc == DB_OK)
		rc = my_fail(my, p, what, err);
	return rc;
}

/* Read and drop every result of the last query; DB_OK when all succeeded. */
static int
drain_results(MYSQL *my, const struct my_params *p, const char *what,
    struct db_error *err)
{
	int rc;

	rc = drop_result(my, p, what, err);
	if (rc != DB_OK) {
		drain_more(my, p, what, NULL);
		return rc;
	}
	return drain_more(my, p, what, err);
}

/* Run sql (one statement or several) through the text protocol. */
static int
my_command(MYSQL *my, const char *sql, const struct my_params *p,
    const char *what, struct db_error *err)
{
	if (mysql_real_query(my, sql, strlen(sql)) != 0)
		return my_fail(my, p, what, err);
	return drain_results(my, p, what, err);
}

/* The first column of the first row of sql, or NULL. */
static char *
my_value(MYSQL *my, const char *sql)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	char *v = NULL;

	if (mysql_real_query(my, sql, strlen(sql)) != 0)
		return NULL;
	res = mysql_store_result(my);
	if (res == NULL)
		return NULL;
	row = mysql_fetch_row(res);
	if (row != NULL && mysql_num_fields(res) > 0 && row[0] != NULL)
		v = xstrdup(row[0]);
	mysql_free_result(res);
	drain_more(my, NULL, NULL, NULL);
	return v;
}

/* A new scratch database name for target's worker. */
static char *
scratch_name(const struct backend_target *target)
{
	static unsigned next_id;
	unsigned n;

	n = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
	return xasprintf("dbbench_%ld_gw%u_%u", (long)getpid(), target->worker,
	    n);
}

/* The target's state, made with the defaults when it has none yet. */
static struct my_target *
target_state(struct backend_target *target)
{
	struct my_target *t;

	if (target->state == NULL) {
		t = xcalloc(1, sizeof *t);
		t->protocol = MY_PROTOCOL_PREPARED;
		target->state = t;
	}
	return target->state;
}

static const char *const my_options[] = { "protocol", NULL };

/*
 * --dsn mysql://... and --protocol.  --protocol extended is PostgreSQL's:
 * the word is let through the parse-time check (target NULL), when the
 * run's backends are not known yet, and refused for a MySQL target.
 */
static int
my_set_option(struct backend_target *target, const char *name,
    const char *value, struct db_error *err)
{
	static const char *const protocols[] = { "simple", "prepared",
		"extended" };
	struct my_target *t = target != NULL ? target_state(target) : NULL;
	struct my_params p;
	int k;

	if (strcmp(name, "dsn") == 0) {
		if (my_parse_dsn(value, &p, err) != DB_OK)
			return DB_EUSAGE;
		my_params_fini(&p);
		if (t != NULL) {
			free(t->dsn);
			t->dsn = xstrdup(value);
		}
		return DB_OK;
	}
	if (strcmp(name, "protocol") == 0) {
		k = backend_pick_word(name, "protocol", value, protocols, 3, err);
		if (k == 2 && t != NULL)
			return db_error_set(err, DB_EUSAGE,
			    "--protocol extended is PostgreSQL's: MySQL takes "
			    "simple or prepared");
		if (k >= 0 && t != NULL)
			t->protocol = k == 0 ? MY_PROTOCOL_SIMPLE
					     : MY_PROTOCOL_PREPARED;
		return k < 0 ? DB_EUSAGE : DB_OK;
	}
	return db_error_set(err, DB_EUSAGE, "mysql: no option --%s", name);
}

static int
my_claims_dsn(const char *dsn)
{
	return strncmp(dsn, "mysql://", 8) == 0;
}

static const char *const my_dsn_forms[] = { "a mysql:// URI", NULL };

/* A rolled-back write leaves undo records and delete-marked rows. */
static const char *
my_drift_cause(const char *strategy)
{
	if (strcmp(strategy, "rollback") == 0 ||
	    strcmp(strategy, "savepoint") == 0)
		return "rolled-back writes leave undo records and delete-marked "
		       "index entries that later tests' scans step over until "
		       "InnoDB's purge removes them";
	return NULL;
}

/* Connect the admin connection: the DSN parses and the server answers. */
static int
my_open_target(struct backend_target *target, struct db_error *err)
{
	struct my_target *t = target_state(target);
	int rc;

	rc = my_parse_dsn(t->dsn, &t->params, err);
	if (rc != DB_OK)
		return rc;
	my_describe_params(&t->params, t->where, sizeof t->where);
	return my_open(&t->params, NULL, &t->admin, NULL, err);
}

/*
 * Each worker holds its admin connection and the one its tests run on,
 * plus a peer in isolation scenarios; this admin connection is counted.
 */
static int
my_check_capacity(const struct backend_target *target, unsigned workers,
    struct db_error *err)
{
	struct my_target *t = target->state;
	char *max, *used, *in_use;
	long free_slots;
	int rc = DB_OK;

	max = my_value(t->admin, "SELECT @@max_connections");
	used = my_value(t->admin, "SELECT count(*) FROM "
				  "information_schema.processlist");
	if (max == NULL || used == NULL) {
		rc = my_fail(t->admin, &t->params, "read max_connections", err);
		goto out;
	}
	free_slots = atol(max) - atol(used);
	in_use = xasprintf("%s in use", used);
	rc = backend_check_slots(workers, free_slots, max, in_use, err);
	free(in_use);
out:
	free(max);
	free(used);
	return rc;
}

static int
drop_database(MYSQL *my, const char *name, const struct my_params *p,
    struct db_error *err)
{
	char *quoted, *sql;
	int rc;

	quoted = my_quote_ident(name);
	sql = xasprintf("DROP DATABASE IF EXISTS %s", quoted);
	rc = my_command(my, sql, p, "drop scratch database", err);
	free(sql);
	free(quoted);
	return rc;
}

/* Drop what this worker left: every scratch database it named. */
static void
my_close_target(struct backend_target *target)
{
	struct my_target *t = target->state;
	char *sql, **names;
	size_t i;

	if (t == NULL)
		return;
	if (t->admin != NULL && mysql_ping(t->admin) == 0) {
		sql = xasprintf("SELECT schema_name FROM information_schema."
				"schemata WHERE schema_name LIKE "
				"'dbbench\\_%ld\\_gw%u\\_%%'",
		    (long)getpid(), target->worker);
		names = my_list_names(t->admin, sql);
		free(sql);
		for (i = 0; names != NULL && names[i] != NULL; i++)
			drop_database(t->admin, names[i], &t->params, NULL);
		my_free_names(names);
	}
	if (t->admin != NULL)
		mysql_close(t->admin);
	my_params_fini(&t->params);
	free(t->dsn);
	free(t);
	target->state = NULL;
}

/* 1 when the connection's server runs on this host (backend_net.c). */
static int
my_local(MYSQL *my)
{
	return backend_socket_is_local((int)mysql_get_socket(my)) == 1;
}

/*
 * The OS id of the server thread serving the connection, from
 * performance_schema (MySQL 8, MariaDB 10.5+ with it enabled); 0 when the
 * server does not say or is on another host.
 */
static long
server_thread(MYSQL *my)
{
	char *v;
	long tid;

	if (!my_local(my))
		return 0;
	v = my_value(my, "SELECT THREAD_OS_ID FROM performance_schema.threads "
			 "WHERE PROCESSLIST_ID = CONNECTION_ID()");
	mysql_errno(my); /* a server without it answers with an error */
	tid = v != NULL ? atol(v) : 0;
	free(v);
	return tid > 0 ? tid : 0;
}

/* --pin: put the connection's server thread on the target's CPU. */
static void
my_pin(struct my_conn *conn)
{
	cpu_set_t set;

	if (conn->target->pin_cpu < 0 || conn->os_thread <= 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(conn->target->pin_cpu, &set);
	(void)sched_setaffinity((pid_t)conn->os_thread, sizeof set, &set);
}

/*
 * The CPU the connection's server thread last ran on, from
 * /proc/TID/stat; unknown when the server does not name its thread.
 */
static int
my_server_cpu(struct backend_conn *bconn)
{
	struct my_conn *conn = (struct my_conn *)bconn;

	if (!my_local(conn->my))
		return BACKEND_CPU_REMOTE;
	if (conn->os_thread <= 0)
		return BACKEND_CPU_UNKNOWN;
	return backend_proc_cpu(conn->os_thread);
}

/* A connection record for target, not yet connected. */
static struct my_conn *
conn_new(const struct backend_target *target)
{
	struct my_conn *conn;

	conn = xcalloc(1, sizeof *conn);
	conn->base.ops = &backend_mysql_ops;
	conn->base.n_workload_slots = target->n_stmts;
	conn->n_slots = target->n_stmts + BUILTIN_COUNT;
	conn->stmts = xcalloc(conn->n_slots, sizeof *conn->stmts);
	conn->text = xcalloc(conn->n_slots, 1);
	conn->protocol = ((const struct my_target *)target->state)->protocol;
	conn->target = target;
	return conn;
}

/* Close the prepared statements: a new database makes them stale. */
static void
close_statements(struct my_conn *conn)
{
	unsigned i;

	for (i = 0; i < conn->n_slots; i++)
		if (conn->stmts[i] != NULL) {
			mysql_stmt_close(conn->stmts[i]);
			conn->stmts[i] = NULL;
		}
}

static int
my_disconnect(struct backend_conn *bconn, struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	struct my_target *t;
	int rc = DB_OK;

	if (conn == NULL)
		return DB_OK;
	t = conn->target->state;
	if (conn->my != NULL)
		close_statements(conn);
	if (conn->owns_database && conn->database != NULL) {
		if (conn->my == NULL || mysql_ping(conn->my) != 0 ||
		    drop_database(conn->my, conn->database,
			t != NULL ? &t->params : NULL, NULL) != DB_OK) {
			/* our connection is gone: drop it from the side */
			rc = t != NULL && t->admin != NULL
			    ? drop_database(t->admin, conn->database,
				  &t->params, err)
			    : DB_OK;
		}
	}
	if (conn->my != NULL)
		mysql_close(conn->my);
	free(conn->database);
	free(conn->stmts);
	free(conn->text);
	free(conn);
	return rc;
}

/* Make a new scratch database and make it conn's current one. */
static int
use_new_database(struct my_conn *conn, struct db_error *err)
{
	const struct my_target *t = conn->target->state;
	char *quoted, *sql;
	int rc;

	conn->database = scratch_name(conn->target);
	quoted = my_quote_ident(conn->database);
	sql = xasprintf("CREATE DATABASE %s; USE %s", quoted, quoted);
	rc = my_command(conn->my, sql, &t->params, "create scratch database",
	    err);
	free(sql);
	free(quoted);
	if (rc == DB_OK)
		conn->owns_database = 1;
	return rc;
}

static int
my_connect(const struct backend_target *target, struct backend_conn **out,
    struct db_error *err)
{
	struct my_target *t = target->state;
	struct my_conn *conn;
	int rc;

	*out = NULL;
	if (t == NULL)
		return db_error_set(err, DB_EBACKEND, "mysql: target not open");
	conn = conn_new(target);
	rc = my_open(&t->params, NULL, &conn->my, &conn->base.connect_ns, err);
	if (rc == DB_OK)
		rc = use_new_database(conn, err);
	if (rc != DB_OK) {
		if (err != NULL)
			db_error_prefix(err, "%s: ", t->where);
		my_disconnect(&conn->base, NULL);
		return rc;
	}
	conn->os_thread = server_thread(conn->my);
	my_pin(conn);
	*out = &conn->base;
	return DB_OK;
}

/* Execute a prepared statement and read every row it returns. */
static int
run_prepared(struct my_conn *conn, MYSQL_STMT *st, struct db_error *err)
{
	const struct my_target *t = conn->target->state;
	int status;

	if (mysql_stmt_execute(st) != 0)
		goto fail;
	do {
		if (mysql_stmt_field_count(st) > 0) {
			if (mysql_stmt_store_result(st) != 0)
				goto fail;
			mysql_stmt_free_result(st);
		}
		status = mysql_stmt_next_result(st);
		if (status > 0)
			goto fail;
	} while (status == 0);
	return DB_OK;
fail:
	db_error_set(err, DB_EBACKEND, "mysql: %s", mysql_stmt_error(st));
	backend_mask(err->msg, sizeof err->msg, t->params.password);
	return DB_EBACKEND;
}

/*
 * Prepare the slot's statement on first use (the prepared protocol), or
 * note that the server will not prepare it and the text protocol serves.
 */
static int
prepare_slot(struct my_conn *conn, unsigned slot, const char *sql,
    struct db_error *err)
{
	const struct my_target *t = conn->target->state;
	MYSQL_STMT *st;

	st = mysql_stmt_init(conn->my);
	if (st == NULL)
		return my_fail(conn->my, &t->params, "prepare", err);
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		if (mysql_stmt_errno(st) == ER_UNSUPPORTED_PS) {
			conn->text[slot] = 1;
			mysql_stmt_close(st);
			return DB_OK;
		}
		db_error_set(err, DB_EBACKEND, "mysql: %s",
		    mysql_stmt_error(st));
		backend_mask(err->msg, sizeof err->msg, t->params.password);
		mysql_stmt_close(st);
		return DB_EBACKEND;
	}
	conn->stmts[slot] = st;
	return DB_OK;
}

static int
my_run(struct backend_conn *bconn, unsigned slot, const char *sql,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	int rc;

	if (conn->protocol == MY_PROTOCOL_SIMPLE || slot >= conn->n_slots ||
	    conn->text[slot])
		return my_command(conn->my, sql, &t->params, NULL, err);
	if (conn->stmts[slot] == NULL) {
		rc = prepare_slot(conn, slot, sql, err);
		if (rc != DB_OK)
			return rc;
		if (conn->text[slot])
			return my_command(conn->my, sql, &t->params, NULL, err);
	}
	return run_prepared(conn, conn->stmts[slot], err);
}

static int
my_exec(struct backend_conn *bconn, const char *sql, struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;

	return my_command(conn->my, sql, &t->params, NULL, err);
}

static int
my_in_transaction(struct backend_conn *bconn)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	unsigned int status = 0;

	if (mariadb_get_infov(conn->my, MARIADB_CONNECTION_SERVER_STATUS,
		&status) != 0)
		return 0;
	return (status & SERVER_STATUS_IN_TRANS) != 0;
}

/* The first row as text, columns joined by '|' (see backend.h). */
static int
my_query(struct backend_conn *bconn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned c;

	if (mysql_real_query(conn->my, sql, strlen(sql)) != 0)
		return my_fail(conn->my, &t->params, NULL, err);
	res = mysql_store_result(conn->my);
	if (res == NULL && mysql_field_count(conn->my) != 0)
		return my_fail(conn->my, &t->params, NULL, err);
	if (res != NULL) {
		row = mysql_fetch_row(res);
		for (c = 0; row != NULL && c < mysql_num_fields(res); c++) {
			if (c > 0)
				strbuf_addc(out, '|');
			strbuf_adds(out, row[c] != NULL ? row[c] : "NULL");
		}
		mysql_free_result(res);
	}
	return drain_more(conn->my, &t->params, NULL, err);
}

/* A connection to conn's database that owns nothing. */
static int
my_connect_peer(struct backend_conn *bconn, struct backend_conn **out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn, *peer;
	const struct my_target *t = conn->target->state;
	int rc;

	*out = NULL;
	peer = conn_new(conn->target);
	rc = my_open(&t->params, conn->database, &peer->my, NULL, err);
	if (rc != DB_OK) {
		my_disconnect(&peer->base, NULL);
		return rc;
	}
	peer->database = conn->database != NULL ? xstrdup(conn->database)
						 : NULL;
	*out = &peer->base;
	return DB_OK;
}

/* Append a query's rows, one a line, columns separated by '|'. */
static int
dump_rows(struct my_conn *conn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	const struct my_target *t = conn->target->state;
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned long *lengths;
	unsigned c;

	if (mysql_real_query(conn->my, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(conn->my)) == NULL)
		return my_fail(conn->my, &t->params, "snapshot", err);
	while ((row = mysql_fetch_row(res)) != NULL) {
		lengths = mysql_fetch_lengths(res);
		for (c = 0; c < mysql_num_fields(res); c++) {
			strbuf_addc(out, c == 0 ? '\t' : '|');
			if (row[c] == NULL) {
				strbuf_adds(out, "NULL");
				continue;
			}
			strbuf_addc(out, '\'');
			strbuf_add(out, row[c], lengths[c]);
			strbuf_addc(out, '\'');
		}
		strbuf_addc(out, '\n');
	}
	mysql_free_result(res);
	return DB_OK;
}

/* The tables of the connection's database: name, engine, columns, counter. */
#define TABLES_SQL                                                        \
	"SELECT t.table_name, COALESCE(t.engine, ''), "                   \
	"(SELECT count(*) FROM information_schema.columns c "             \
	"WHERE c.table_schema = t.table_schema "                          \
	"AND c.table_name = t.table_name), "                              \
	"COALESCE(t.auto_increment, '') FROM information_schema.tables t " \
	"WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' " \
	"ORDER BY t.table_name"

/*
 * Every table of the database, its engine in the header ("table users
 * (InnoDB)") and rows ordered by every column; then each table's next
 * AUTO_INCREMENT value as a sequence ("sequence users.AUTO_INCREMENT").
 */
static int
my_snapshot(struct backend_conn *bconn, struct strbuf *out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	MYSQL_RES *tables;
	MYSQL_ROW row;
	struct strbuf counters, order;
	char *quoted, *sql;
	int col, ncols, rc = DB_OK;

	/* MySQL 8 caches information_schema statistics: read them fresh */
	if (mysql_query(conn->my, "SET SESSION information_schema_stats_expiry "
				  "= 0") != 0)
		(void)mysql_errno(conn->my);
	if (mysql_real_query(conn->my, TABLES_SQL, strlen(TABLES_SQL)) != 0 ||
	    (tables = mysql_store_result(conn->my)) == NULL)
		return my_fail(conn->my, &t->params, "snapshot", err);
	strbuf_init(&counters);
	while (rc == DB_OK && (row = mysql_fetch_row(tables)) != NULL) {
		strbuf_addf(out, "table %s (%s)\n", row[0], row[1]);
		if (row[3][0] != '\0')
			strbuf_addf(&counters,
			    "sequence %s.AUTO_INCREMENT\n\t%s\n", row[0],
			    row[3]);
		ncols = atoi(row[2]);
		strbuf_init(&order);
		for (col = 1; col <= ncols; col++)
			strbuf_addf(&order, "%s%d", col == 1 ? " ORDER BY " : ", ",
			    col);
		quoted = my_quote_ident(row[0]);
		sql = xasprintf("SELECT * FROM %s%s", quoted, order.buf);
		rc = dump_rows(conn, sql, out, err);
		free(sql);
		free(quoted);
		strbuf_fini(&order);
	}
	mysql_free_result(tables);
	if (rc == DB_OK)
		strbuf_adds(out, counters.buf);
	strbuf_fini(&counters);
	return rc;
}

/* The first of the server variables names that exists, or "unknown". */
static void
describe_variable(struct my_conn *conn, struct backend_info *info,
    const char *label, const char *const *names)
{
	char *sql, *v = NULL;

	for (; v == NULL && *names != NULL; names++) {
		sql = xasprintf("SELECT @@%s", *names);
		v = my_value(conn->my, sql);
		free(sql);
	}
	backend_info_add(info, label, v != NULL ? v : "unknown");
	free(v);
}

static int
my_describe(struct backend_conn *bconn, struct backend_info *info,
    struct db_error *err)
{
	static const char *const vars[][3] = {
		{ "innodb_flush_log_at_trx_commit", NULL, NULL },
		{ "sync_binlog", NULL, NULL },
		{ "autocommit", NULL, NULL },
		{ "transaction_isolation", "tx_isolation", NULL },
		{ "default_storage_engine", "storage_engine", NULL },
		{ "innodb_lock_wait_timeout", NULL, NULL },
		{ "max_connections", NULL, NULL },
		{ "innodb_stats_persistent", NULL, NULL },
		{ "innodb_stats_auto_recalc", NULL, NULL },
	};
	struct my_conn *conn = (struct my_conn *)bconn;
	char *v, buf[300];
	size_t i;

	(void)err;
	info->version = xstrdup(mysql_get_server_info(conn->my));
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		describe_variable(conn, info, vars[i][0], vars[i]);
	snprintf(buf, sizeof buf, "%s", mysql_get_host_info(conn->my));
	backend_info_add(info, "transport", buf);
	v = my_value(conn->my, "SELECT @@datadir");
	backend_describe_storage(v, my_local(conn->my), "datadir", buf,
	    sizeof buf);
	free(v);
	backend_info_add(info, "storage", buf);
	backend_info_add(info, "scratch", "database");
	backend_info_add(info, "protocol",
	    conn->protocol == MY_PROTOCOL_SIMPLE ? "simple" : "prepared");
	return DB_OK;
}

/* The base tables of the connection's database, by name. */
static char **
table_names(struct my_conn *conn)
{
	return my_list_names(conn->my,
	    "SELECT table_name FROM information_schema.tables WHERE "
	    "table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY "
	    "table_name");
}

/*
 * truncate: TRUNCATE TABLE every table with FOREIGN_KEY_CHECKS off (InnoDB
 * refuses to truncate a referenced table otherwise); TRUNCATE restarts the
 * AUTO_INCREMENT counter.  delete: DELETE FROM every table, also with the
 * checks off so the order does not matter, then AUTO_INCREMENT = 1, which
 * InnoDB raises to the largest key + 1 (1 for an empty table).
 */
static int
my_reset_sql(struct backend_conn *bconn, int truncate, struct strbuf *out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	char **names, *quoted;
	size_t i;

	names = table_names(conn);
	if (names == NULL)
		return my_fail(conn->my, &t->params, "list tables", err);
	strbuf_adds(out, "SET FOREIGN_KEY_CHECKS = 0;");
	for (i = 0; names[i] != NULL; i++) {
		quoted = my_quote_ident(names[i]);
		if (truncate)
			strbuf_addf(out, " TRUNCATE TABLE %s;", quoted);
		else
			strbuf_addf(out, " DELETE FROM %s;", quoted);
		free(quoted);
	}
	for (i = 0; !truncate && names[i] != NULL; i++) {
		quoted = my_quote_ident(names[i]);
		strbuf_addf(out, " ALTER TABLE %s AUTO_INCREMENT = 1;", quoted);
		free(quoted);
	}
	strbuf_adds(out, " SET FOREIGN_KEY_CHECKS = 1");
	my_free_names(names);
	return DB_OK;
}

static int
my_count_rows(struct backend_conn *bconn, long long *rows,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	char **names, *quoted, *v;
	struct strbuf sql;
	size_t i;

	*rows = 0;
	names = table_names(conn);
	if (names == NULL)
		return my_fail(conn->my, &t->params, "list tables", err);
	if (names[0] == NULL) {
		my_free_names(names);
		return DB_OK;
	}
	strbuf_init(&sql);
	strbuf_adds(&sql, "SELECT 0");
	for (i = 0; names[i] != NULL; i++) {
		quoted = my_quote_ident(names[i]);
		strbuf_addf(&sql, " + (SELECT count(*) FROM %s)", quoted);
		free(quoted);
	}
	my_free_names(names);
	v = my_value(conn->my, sql.buf);
	strbuf_fini(&sql);
	if (v == NULL)
		return my_fail(conn->my, &t->params, "count rows", err);
	*rows = atoll(v);
	free(v);
	return DB_OK;
}

/* The index of name among names, or n when it is not there. */
static size_t
name_index(char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n && strcmp(names[i], name) != 0; i++)
		;
	return i;
}

/*
 * The foreign keys between the tables, by index into names (n of them);
 * returns how many, *out owned by the caller.
 */
static size_t
foreign_keys(struct my_conn *conn, char **names, size_t n,
    struct table_edge **out)
{
	static const char sql[] =
	    "SELECT DISTINCT table_name, referenced_table_name FROM "
	    "information_schema.key_column_usage WHERE table_schema = "
	    "DATABASE() AND referenced_table_schema = DATABASE() AND "
	    "referenced_table_name IS NOT NULL";
	MYSQL_RES *res;
	MYSQL_ROW row;
	size_t k = 0;

	*out = NULL;
	if (mysql_real_query(conn->my, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(conn->my)) == NULL)
		return 0;
	*out = xcalloc(mysql_num_rows(res) + 1, sizeof **out);
	while ((row = mysql_fetch_row(res)) != NULL) {
		(*out)[k].child = name_index(names, n, row[0]);
		(*out)[k].parent = name_index(names, n, row[1]);
		if ((*out)[k].child < n && (*out)[k].parent < n)
			k++;
	}
	mysql_free_result(res);
	return k;
}

/*
 * The columns of table as scale_sql() needs them: generated ones
 * (AUTO_INCREMENT, computed) skipped, and one column of every unique key
 * without a generated column made distinct, text preferred.
 */
static int
scale_columns(struct my_conn *conn, const char *table,
    struct scale_column **out, char ***owned, size_t *n_out)
{
	MYSQL_RES *cols, *keys;
	MYSQL_ROW row;
	struct scale_column *sc;
	char *sql, *index = NULL;
	size_t i, n, pick = 0;
	int generated = 0;

	sql = xasprintf("SELECT column_name, extra <> '' AND extra NOT LIKE "
			"'%%on update%%' AND extra NOT LIKE 'DEFAULT_GENERATED%%', "
			"data_type IN ('char', 'varchar', 'tinytext', 'text', "
			"'mediumtext', 'longtext') FROM information_schema.columns "
			"WHERE table_schema = DATABASE() AND table_name = '%s' "
			"ORDER BY ordinal_position",
	    table);
	cols = mysql_real_query(conn->my, sql, strlen(sql)) == 0
	    ? mysql_store_result(conn->my)
	    : NULL;
	free(sql);
	if (cols == NULL)
		return DB_EBACKEND;
	n = (size_t)mysql_num_rows(cols);
	sc = xcalloc(n + 1, sizeof *sc);
	*owned = xcalloc(n + 1, sizeof **owned);
	for (i = 0; i < n && (row = mysql_fetch_row(cols)) != NULL; i++) {
		(*owned)[i] = xstrdup(row[0]);
		sc[i].name = (*owned)[i];
		sc[i].skip = row[1] != NULL && row[1][0] == '1';
		sc[i].is_text = row[2] != NULL && row[2][0] == '1';
	}
	mysql_free_result(cols);
	sql = xasprintf("SELECT index_name, column_name FROM "
			"information_schema.statistics WHERE table_schema = "
			"DATABASE() AND table_name = '%s' AND non_unique = 0 "
			"ORDER BY index_name, seq_in_index",
	    table);
	keys = mysql_real_query(conn->my, sql, strlen(sql)) == 0
	    ? mysql_store_result(conn->my)
	    : NULL;
	free(sql);
	while (keys != NULL) {
		row = mysql_fetch_row(keys);
		if (index != NULL && (row == NULL || strcmp(row[0], index) != 0)) {
			if (!generated && pick < n)
				sc[pick].distinct = 1;
			free(index);
			index = NULL;
		}
		if (row == NULL)
			break;
		if (index == NULL) {
			index = xstrdup(row[0]);
			pick = n;
			generated = 0;
		}
		i = 0;
		while (i < n && strcmp(sc[i].name, row[1]) != 0)
			i++;
		if (i < n) {
			generated |= sc[i].skip;
			if (pick == n || (sc[i].is_text && !sc[pick].is_text))
				pick = i;
		}
	}
	if (keys != NULL)
		mysql_free_result(keys);
	*out = sc;
	*n_out = n;
	return DB_OK;
}

/*
 * The script that multiplies every table's rows by factor, parents first
 * (see backend.h).  backend_scale_insert() writes standard SQL, so the
 * script runs it with ANSI_QUOTES and PIPES_AS_CONCAT added to the
 * session's sql_mode, and restores the mode after.
 */
static int
my_scale_sql(struct backend_conn *bconn, unsigned factor, struct strbuf *out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	const struct my_target *t = conn->target->state;
	struct scale_column *sc;
	struct table_edge *edges;
	char **names, **col_names;
	size_t i, n, n_cols, n_edges, *order;
	int rc = DB_OK;

	names = table_names(conn);
	if (names == NULL)
		return my_fail(conn->my, &t->params, "list tables", err);
	for (n = 0; names[n] != NULL; n++)
		;
	n_edges = foreign_keys(conn, names, n, &edges);
	order = xcalloc(n + 1, sizeof *order);
	backend_delete_order(n, edges, n_edges, order);
	strbuf_adds(out, "SET @dbbench_sql_mode = @@SESSION.sql_mode;\n"
			 "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, "
			 "',ANSI_QUOTES,PIPES_AS_CONCAT');\n");
	for (i = n; rc == DB_OK && i > 0; i--) {
		if (scale_columns(conn, names[order[i - 1]], &sc, &col_names,
			&n_cols) != DB_OK) {
			rc = my_fail(conn->my, &t->params, "read columns", err);
			break;
		}
		backend_scale_insert(out, names[order[i - 1]], sc, n_cols,
		    factor);
		my_free_names(col_names);
		free(sc);
	}
	strbuf_adds(out, "SET SESSION sql_mode = @dbbench_sql_mode");
	free(order);
	free(edges);
	my_free_names(names);
	return rc;
}

/*
 * A template: its database, and the script that copies it into the
 * current database of a connection (see the top of the file).
 */
struct my_template {
	struct backend_template base; /* must be first */
	const struct backend_target *target;
	char *database;
	char *copy_sql;
};

static int
my_can_template(const struct backend_target *target)
{
	return target->state != NULL;
}

static int
my_template_open(const struct backend_target *target,
    struct backend_conn **out, struct db_error *err)
{
	return my_connect(target, out, err);
}

/* The script that fills a new database with a copy of conn's
 * (my_copy_script()). */
static int
copy_script(struct my_conn *conn, struct strbuf *out, struct db_error *err)
{
	const struct my_target *t = conn->target->state;
	char **tables;
	int ok;

	tables = table_names(conn);
	ok = tables != NULL &&
	    my_copy_script(conn->my, conn->database, tables, out);
	my_free_names(tables);
	return ok ? DB_OK : my_fail(conn->my, &t->params, "read the template",
				 err);
}

/* Close the building connection but keep its database as the template. */
static int
my_template_seal(struct backend_conn *bconn, struct backend_template **out,
    struct db_error *err)
{
	struct my_conn *conn = (struct my_conn *)bconn;
	struct my_template *tpl;
	struct strbuf sql;
	int rc;

	*out = NULL;
	strbuf_init(&sql);
	rc = copy_script(conn, &sql, err);
	if (rc != DB_OK) {
		strbuf_fini(&sql);
		my_disconnect(bconn, NULL);
		return rc;
	}
	tpl = xcalloc(1, sizeof *tpl);
	tpl->base.ops = &backend_mysql_ops;
	tpl->target = conn->target;
	tpl->database = conn->database;
	tpl->copy_sql = strbuf_detach(&sql);
	conn->database = NULL;
	conn->owns_database = 0;
	my_disconnect(bconn, NULL);
	*out = &tpl->base;
	return DB_OK;
}

/*
 * Make *conn's database a fresh copy of the template: on a connection
 * kept from the last test, drop its copy first; else connect.
 */
static int
my_template_clone(struct backend_template *btpl, struct backend_conn **bconn,
    struct db_error *err)
{
	struct my_template *tpl = (struct my_template *)btpl;
	const struct my_target *t = tpl->target->state;
	struct my_conn *conn;
	int rc;

	if (*bconn == NULL) {
		rc = my_connect(tpl->target, bconn, err);
		if (rc != DB_OK)
			return rc;
		conn = (struct my_conn *)*bconn;
	} else {
		conn = (struct my_conn *)*bconn;
		close_statements(conn);
		rc = drop_database(conn->my, conn->database, &t->params, err);
		free(conn->database);
		conn->database = NULL;
		conn->owns_database = 0;
		if (rc == DB_OK)
			rc = use_new_database(conn, err);
		if (rc != DB_OK)
			return rc;
	}
	return my_command(conn->my, tpl->copy_sql, &t->params,
	    "copy the template", err);
}

/* Keep the connection: the next clone replaces its database. */
static int
my_template_release(struct backend_template *tpl, struct backend_conn **conn,
    struct db_error *err)
{
	(void)tpl;
	(void)conn;
	(void)err;
	return DB_OK;
}

static void
my_template_drop(struct backend_template *btpl)
{
	struct my_template *tpl = (struct my_template *)btpl;
	struct my_target *t;

	if (tpl == NULL)
		return;
	t = tpl->target->state;
	if (t != NULL && t->admin != NULL)
		drop_database(t->admin, tpl->database, &t->params, NULL);
	free(tpl->database);
	free(tpl->copy_sql);
	free(tpl);
}

/*
 * 1 when the dbbench process that named a database dbbench_<pid>_... may
 * still be running: the server is on this host and that pid is a dbbench.
 */
static int
owner_alive(MYSQL *my, const char *name)
{
	return my_local(my) && backend_scratch_owner_alive(name);
}

/*
 * cleanup: drop the scratch databases dbbench_<pid>_gw<w>_<n> the user can
 * see, unless the run that made them is still going on this host.
 */
static int
my_cleanup(const struct backend_target *target, struct strbuf *out,
    struct db_error *err)
{
	const struct my_target *t;
	struct my_params p;
	char where[256], **names;
	MYSQL *my;
	size_t i;
	int rc, found = 0;

	t = target->state;
	rc = my_parse_dsn(t != NULL ? t->dsn : NULL, &p, err);
	if (rc != DB_OK)
		return rc;
	rc = my_open(&p, NULL, &my, NULL, err);
	if (rc != DB_OK) {
		my_params_fini(&p);
		return rc;
	}
	my_describe_params(&p, where, sizeof where);
	names = my_list_names(my, "SELECT schema_name FROM information_schema."
			       "schemata WHERE schema_name REGEXP "
			       "'^dbbench_[0-9]+_gw[0-9]+_[0-9]+$' ORDER BY 1");
	if (names == NULL)
		rc = my_fail(my, &p, "list databases", err);
	for (i = 0; rc == DB_OK && names[i] != NULL; i++) {
		found++;
		if (owner_alive(my, names[i])) {
			strbuf_addf(out, "kept database %s: its run is still "
					 "going\n",
			    names[i]);
			continue;
		}
		rc = drop_database(my, names[i], &p, err);
		if (rc == DB_OK)
			strbuf_addf(out, "dropped database %s\n", names[i]);
	}
	if (rc == DB_OK && found == 0)
		strbuf_addf(out, "nothing to clean up on %s\n", where);
	my_free_names(names);
	mysql_close(my);
	my_params_fini(&p);
	return rc;
}

const struct backend_ops backend_mysql_ops = {
	.name = "mysql",
	.title = "MySQL",
	.dialect = SQL_DIALECT_MYSQL,
	.dialect_peer = "postgres",
	.options = my_options,
	.set_option = my_set_option,
	.claims_dsn = my_claims_dsn,
	.dsn_forms = my_dsn_forms,
	.drift_cause = my_drift_cause,
	.open_target = my_open_target,
	.close_target = my_close_target,
	.check_capacity = my_check_capacity,
	.server_cpu = my_server_cpu,
	.cleanup = my_cleanup,
	.connect = my_connect,
	.disconnect = my_disconnect,
	.run = my_run,
	.exec = my_exec,
	.in_transaction = my_in_transaction,
	.query = my_query,
	.connect_peer = my_connect_peer,
	.snapshot = my_snapshot,
	.describe = my_describe,
	.reset_sql = my_reset_sql,
	.scale_sql = my_scale_sql,
	.count_rows = my_count_rows,
	.can_template = my_can_template,
	.clones_in_place = 1,
	.template_open = my_template_open,
	.template_seal = my_template_seal,
	.template_clone = my_template_clone,
	.template_release = my_template_release,
	.template_drop = my_template_drop,
};
