/*
 * backend_pg.c - the PostgreSQL backend, over libpq
 *
 * dbbench only works inside objects it creates.  open_target() connects to
 * the database the DSN names (the "admin" connection) and, when the role
 * may create databases, creates a scratch database dbbench_<pid>_gw<w> (one
 * per worker target, as pytest-xdist suffixes gw0, gw1, ...); without
 * CREATEDB it works in the given database instead.  Every connect() then
 * opens a connection to that database and creates a fresh scratch schema,
 * dbbench_<pid>_<n>, first on its search_path: that schema is the "new,
 * empty database" a strategy builds its schema and seed in.  disconnect()
 * drops the schema (through the admin connection if its own connection is
 * broken) and close_target() drops the scratch database, and any scratch
 * schema of this process that is still there.
 *
 * Statements reach the server as --protocol says, like pgbench's -M:
 * simple (PQexec), extended (PQexecParams, unnamed statement) or prepared
 * (PQprepare once per slot and connection, then PQexecPrepared).
 *
 * The scripts that read a schema's tables (reset, seed scaling, row counts)
 * are in backend_pg_scripts.c; backend_pg_int.h holds what both share.
 *
 * No message names the DSN itself: errors name host, port and database,
 * and pass through pg_redact(), which masks the password wherever it came
 * from (DSN keyword, URI or PGPASSWORD).
 *
 * A peer connection (connect_peer) goes to the database of the connection
 * it was made from, with the same search_path, and owns nothing: it drops
 * no schema or database when it closes.
 */
#include "config.h"

#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "backend.h"
#include "backend_net.h"
#include "backend_pg_int.h"
#include "clock.h"
#include "xmalloc.h"

#define NOTIFY_WAIT_MS 50 /* how long notifications() waits for a late one */

/* Mask every form of the password in an error already recorded. */
static void
pg_redact(const struct pg_target *t, struct db_error *err)
{
	if (err == NULL)
		return;
	if (t != NULL) {
		backend_mask(err->msg, sizeof err->msg, t->password);
		backend_mask(err->msg, sizeof err->msg, t->uri_password);
	}
	backend_mask(err->msg, sizeof err->msg, getenv("PGPASSWORD"));
}

/* The first line of a libpq message, without "ERROR:  " noise. */
static const char *
first_line(const char *msg, char *buf, size_t size)
{
	size_t len;

	len = strcspn(msg, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(buf, msg, len);
	buf[len] = '\0';
	return buf;
}

/* Describe where a connection went, for messages. */
static void
describe_where(PGconn *pg, char *buf, size_t size)
{
	const char *host, *port, *db;

	host = PQhost(pg);
	port = PQport(pg);
	db = PQdb(pg);
	snprintf(buf, size, "host %s port %s database %s",
	    host != NULL && host[0] != '\0' ? host : "(default)",
	    port != NULL && port[0] != '\0' ? port : "(default)",
	    db != NULL && db[0] != '\0' ? db : "(default)");
}

static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * Connect to the DSN, with dbname overridden when dbname is not NULL, and
 * time PQconnectdbParams() into *connect_ns when it is not NULL (the part
 * pgbench -C reports).  On failure the message names host, port and
 * database and says why.
 */
static int
pg_open(const char *dsn, const char *dbname, const char *options,
    PGconn **out, int64_t *connect_ns, const struct pg_target *t,
    struct db_error *err)
{
	const char *keys[5], *values[5];
	char where[256], reason[256];
	PGconn *pg;
	int64_t t0;
	int n = 0;

	keys[n] = "dbname";
	values[n++] = dsn != NULL ? dsn : "";
	if (dbname != NULL) {
		keys[n] = "dbname";
		values[n++] = dbname;
	}
	if (options != NULL) {
		keys[n] = "options";
		values[n++] = options;
	}
	keys[n] = "fallback_application_name";
	values[n++] = "dbbench";
	keys[n] = NULL;
	values[n] = NULL;
	t0 = clock_now_ns();
	pg = PQconnectdbParams(keys, values, 1);
	if (connect_ns != NULL)
		*connect_ns = clock_now_ns() - t0;
	if (pg == NULL)
		return db_error_set(err, DB_EBACKEND,
		    "postgres: out of memory connecting");
	if (PQstatus(pg) != CONNECTION_OK) {
		describe_where(pg, where, sizeof where);
		db_error_set(err, DB_EBACKEND,
		    "postgres: cannot connect to %s: %s", where,
		    first_line(PQerrorMessage(pg), reason, sizeof reason));
		pg_redact(t, err);
		PQfinish(pg);
		return DB_EBACKEND;
	}
	PQsetNoticeProcessor(pg, ignore_notice, NULL);
	*out = pg;
	return DB_OK;
}

/* Run one command on pg; on failure say what was being done. */
static int
pg_command(PGconn *pg, const char *sql, const char *what,
    const struct pg_target *t, struct db_error *err)
{
	PGresult *res;
	const char *msg;
	char buf[400];
	int ok;

	res = PQexec(pg, sql);
	ok = res != NULL && (PQresultStatus(res) == PGRES_COMMAND_OK ||
				PQresultStatus(res) == PGRES_TUPLES_OK);
	if (!ok) {
		msg = res != NULL ? PQresultErrorMessage(res) : "";
		if (msg[0] == '\0')
			msg = PQerrorMessage(pg);
		db_error_set(err, DB_EBACKEND, "postgres: %s: %s", what,
		    first_line(msg, buf, sizeof buf));
		pg_redact(t, err);
	}
	PQclear(res);
	return ok ? DB_OK : DB_EBACKEND;
}

/* A one-value query; returns a copy the caller frees, or NULL. */
char *
pg_value(PGconn *pg, const char *sql)
{
	PGresult *res;
	char *v = NULL;

	res = PQexec(pg, sql);
	if (res != NULL && PQresultStatus(res) == PGRES_TUPLES_OK &&
	    PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* "name" with embedded quotes doubled, for identifiers. */
char *
pg_quote_ident(const char *name)
{
	struct strbuf sb;

	strbuf_init(&sb);
	backend_append_ident(&sb, name);
	return strbuf_detach(&sb);
}

/*
 * A new scratch name: dbbench_<pid>_<n>, n counting over the whole process
 * (every worker target draws from it).
 */
static char *
scratch_name(struct pg_target *t)
{
	static unsigned next_id;
	unsigned n;

	(void)t;
	n = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
	return xasprintf("dbbench_%ld_%u", (long)getpid(), n);
}

/*
 * Remember the password, as given and as a URI spells it, so messages can
 * mask it.  A DSN libpq cannot parse is bad input.
 */
static int
learn_password(struct pg_target *t, const char *dsn, struct db_error *err)
{
	PQconninfoOption *opts, *o;
	const char *scheme, *at, *colon;
	char *parse_err = NULL;

	if (dsn == NULL || dsn[0] == '\0')
		return DB_OK;
	opts = PQconninfoParse(dsn, &parse_err);
	if (opts == NULL) {
		PQfreemem(parse_err);
		return db_error_set(err, DB_EUSAGE,
		    "--dsn: not a valid connection string (keyword=value "
		    "pairs or a postgresql:// URI)");
	}
	for (o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    o->val[0] != '\0')
			t->password = xstrdup(o->val);
	PQconninfoFree(opts);
	scheme = strstr(dsn, "://");
	if (scheme != NULL) {
		at = strchr(scheme + 3, '@');
		colon = strchr(scheme + 3, ':');
		if (at != NULL && colon != NULL && colon < at && at > colon + 1)
			t->uri_password = xstrndup(colon + 1,
			    (size_t)(at - colon - 1));
	}
	return DB_OK;
}

/* The target's state, made with the defaults when it has none yet. */
static struct pg_target *
target_state(struct backend_target *target)
{
	struct pg_target *t;

	if (target->state == NULL) {
		t = xcalloc(1, sizeof *t);
		t->protocol = PG_PROTOCOL_PREPARED;
		t->clone = PG_CLONE_DEFAULT;
		target->state = t;
	}
	return target->state;
}

/* --dsn, --protocol, --template-strategy. */
static int
pg_set_option(struct backend_target *target, const char *name,
    const char *value, struct db_error *err)
{
	static const char *const protocols[] = { "simple", "extended",
		"prepared" };
	static const char *const clones[] = { "wal_log", "file_copy" };
	struct pg_target *t = target != NULL ? target_state(target) : NULL;
	int k;

	if (strcmp(name, "dsn") == 0) {
		if (t != NULL) {
			free(t->dsn);
			t->dsn = xstrdup(value);
		}
		return DB_OK;
	}
	if (strcmp(name, "protocol") == 0) {
		k = backend_pick_word(name, "protocol", value, protocols, 3, err);
		if (k >= 0 && t != NULL)
			t->protocol = k;
		return k < 0 ? DB_EUSAGE : DB_OK;
	}
	if (strcmp(name, "template-strategy") == 0) {
		k = backend_pick_word(name, "strategy", value, clones, 2, err);
		if (k >= 0 && t != NULL)
			t->clone = k == 0 ? PG_CLONE_WAL_LOG : PG_CLONE_FILE_COPY;
		return k < 0 ? DB_EUSAGE : DB_OK;
	}
	return db_error_set(err, DB_EUSAGE, "postgres: no option --%s", name);
}

/* Keyword=value pairs, or a postgresql:// or postgres:// URI. */
static int
pg_claims_dsn(const char *dsn)
{
	return strncmp(dsn, "postgresql://", 13) == 0 ||
	    strncmp(dsn, "postgres://", 11) == 0 ||
	    (strstr(dsn, "://") == NULL && strchr(dsn, '=') != NULL);
}

/* Without CREATEDB there is no database to copy. */
static const char *
pg_why_unsupported(const struct backend_target *target, const char *strategy)
{
	(void)target;
	if (strcmp(strategy, "template") == 0)
		return "the template strategy on PostgreSQL needs CREATEDB";
	return NULL;
}

/* A rolled-back write leaves a dead row version behind. */
static const char *
pg_drift_cause(const char *strategy)
{
	if (strcmp(strategy, "rollback") == 0 ||
	    strcmp(strategy, "savepoint") == 0)
		return "rolled-back writes leave dead row versions that later "
		       "tests' scans read again until VACUUM";
	return NULL;
}

static int drop_database(struct pg_target *t, const char *name,
    struct db_error *err);
static int pg_local(PGconn *pg);

/*
 * Connect the admin connection and choose where scratch objects go: a new
 * database when the role has CREATEDB, else schemas in the DSN's database
 * when it has CREATE there.  Fails with one line naming host, port and
 * database when neither is allowed or the server cannot be reached.
 */
static int
pg_open_target(struct backend_target *target, struct db_error *err)
{
	struct pg_target *t;
	char *v, *name, *quoted, *sql;
	int rc;

	t = target_state(target);
	rc = learn_password(t, t->dsn, err);
	if (rc != DB_OK)
		return rc;
	rc = pg_open(t->dsn, NULL, NULL, &t->admin, NULL, t, err);
	if (rc != DB_OK)
		return rc;
	describe_where(t->admin, t->where, sizeof t->where);
	/* dbbench's own housekeeping must not be cut short by a timeout the
	 * DSN sets for the tests' statements */
	pg_command(t->admin, "SET statement_timeout = 0", "set", t, NULL);
	v = pg_value(t->admin, "SELECT rolcreatedb OR rolsuper FROM pg_roles "
			       "WHERE rolname = current_user");
	if (v != NULL && strcmp(v, "t") == 0) {
		free(v);
		/* dbbench_<pid>_gw<w>: one per worker, as pytest-xdist's */
		name = xasprintf("dbbench_%ld_gw%u", (long)getpid(),
		    target->worker);
		quoted = pg_quote_ident(name);
		sql = xasprintf("CREATE DATABASE %s", quoted);
		rc = pg_command(t->admin, sql, "create scratch database", t,
		    err);
		free(sql);
		free(quoted);
		if (rc != DB_OK) {
			free(name);
			return db_error_prefix(err, "%s: ", t->where);
		}
		t->scratch_db = name;
		return DB_OK;
	}
	free(v);
	v = pg_value(t->admin,
	    "SELECT has_database_privilege(current_database(), 'CREATE')");
	rc = v != NULL && strcmp(v, "t") == 0;
	free(v);
	if (!rc)
		return db_error_set(err, DB_EBACKEND,
		    "postgres: %s: the role may neither create databases "
		    "(CREATEDB) nor create schemas in this database",
		    t->where);
	return DB_OK;
}

/*
 * Every worker holds two connections at most (its target's admin
 * connection and the one its tests run on), and this target's admin
 * connection is already counted among those in use.
 */
static int
pg_check_capacity(const struct backend_target *target, unsigned workers,
    struct db_error *err)
{
	struct pg_target *t = target->state;
	char *max, *reserved, *used, *in_use;
	long free_slots;
	int rc = DB_OK;

	max = pg_value(t->admin, "SELECT current_setting('max_connections')");
	reserved = pg_value(t->admin,
	    "SELECT current_setting('superuser_reserved_connections')");
	used = pg_value(t->admin, "SELECT count(*) FROM pg_stat_activity "
				  "WHERE backend_type = 'client backend'");
	if (max == NULL || reserved == NULL || used == NULL) {
		rc = db_error_set(err, DB_EBACKEND,
		    "postgres: %s: cannot read max_connections", t->where);
		goto out;
	}
	free_slots = atol(max) - atol(reserved) - atol(used);
	in_use = xasprintf("%s reserved, %s in use", reserved, used);
	rc = backend_check_slots(workers, free_slots, max, in_use, err);
	free(in_use);
out:
	free(max);
	free(reserved);
	free(used);
	return rc;
}

/*
 * VACUUM the database the scratch objects live in, catalogs included:
 * every round creates and drops schemas, tables and indexes there, and
 * the dead catalog rows would make later rounds' connections and DDL
 * dearer than earlier ones'.
 */
static int
pg_maintain(struct backend_target *target, struct db_error *err)
{
	struct pg_target *t = target->state;
	int rc;

	if (t == NULL)
		return DB_OK;
	if (t->maint == NULL) {
		rc = pg_open(t->dsn, t->scratch_db, NULL, &t->maint, NULL,
		    t, err);
		if (rc != DB_OK)
			return rc;
		pg_command(t->maint, "SET statement_timeout = 0", "set", t,
		    NULL);
	}
	rc = pg_command(t->maint, "VACUUM", "vacuum between rounds", t, err);
	if (rc != DB_OK && PQstatus(t->maint) != CONNECTION_OK) {
		/* the connection was lost (terminated, server restarted):
		 * one new one, and one more try */
		PQreset(t->maint);
		rc = pg_command(t->maint, "VACUUM", "vacuum between rounds", t,
		    err);
	}
	return rc;
}

/*
 * 1 when the dbbench process that named an object dbbench_<pid>_... may
 * still be running: the server is on this host and that pid is a dbbench.
 */
static int
owner_alive(PGconn *pg, const char *name)
{
	return pg_local(pg) && backend_scratch_owner_alive(name);
}

/* What cleanup looks for: scratch databases, or scratch schemas. */
struct leftover_kind {
	const char *noun;	/* "database" */
	const char *list[2];	/* SELECT of the names, around the pattern */
	const char *drop[2];	/* the DROP, around the quoted name */
	int in_database;	/* schemas: say in which database */
};

static const struct leftover_kind leftover_kinds[] = {
	{ "database",
	    { "SELECT datname FROM pg_database WHERE datname ~ ",
		" AND pg_get_userbyid(datdba) = current_user ORDER BY 1" },
	    { "DROP DATABASE IF EXISTS ", " WITH (FORCE)" }, 0 },
	{ "schema",
	    { "SELECT nspname FROM pg_namespace WHERE nspname ~ ",
		" AND pg_get_userbyid(nspowner) = current_user ORDER BY 1" },
	    { "DROP SCHEMA IF EXISTS ", " CASCADE" }, 1 },
};

/*
 * Drop the leftovers of one kind whose run is gone, saying what was
 * dropped or kept; *found counts them.
 */
static int
drop_leftovers(PGconn *pg, const struct leftover_kind *kind,
    const char *pattern, struct pg_target *t, struct strbuf *out,
    int *found, struct db_error *err)
{
	PGresult *res;
	char *sql, *quoted, what[64];
	const char *name;
	int i, rc = DB_OK;

	sql = xasprintf("%s%s%s", kind->list[0], pattern, kind->list[1]);
	res = PQexec(pg, sql);
	free(sql);
	snprintf(what, sizeof what, "drop leftover %s", kind->noun);
	for (i = 0; rc == DB_OK && PQresultStatus(res) == PGRES_TUPLES_OK &&
	     i < PQntuples(res);
	     i++) {
		name = PQgetvalue(res, i, 0);
		if (owner_alive(pg, name)) {
			strbuf_addf(out, "kept %s %s: its run is still going\n",
			    kind->noun, name);
			continue;
		}
		quoted = pg_quote_ident(name);
		sql = xasprintf("%s%s%s", kind->drop[0], quoted,
		    kind->drop[1]);
		rc = pg_command(pg, sql, what, t, err);
		if (rc == DB_OK && kind->in_database)
			strbuf_addf(out, "dropped %s %s in %s\n", kind->noun,
			    name, PQdb(pg));
		else if (rc == DB_OK)
			strbuf_addf(out, "dropped %s %s\n", kind->noun, name);
		(*found)++;
		free(sql);
		free(quoted);
	}
	PQclear(res);
	return rc;
}

/*
 * cleanup: drop the scratch databases (dbbench_<pid>_gw<n>, and template
 * copies dbbench_<pid>_<n>) owned by this role, and the scratch schemas of
 * that name in the DSN's database, unless the run that made them is still
 * going on this host.  Nothing else matches the pattern.
 */
static int
pg_cleanup(const struct backend_target *target, struct strbuf *out,
    struct db_error *err)
{
	static const char pattern[] = "'^dbbench_[0-9]+_(gw)?[0-9]+$'";
	const struct pg_target *given = target->state;
	const char *dsn = given != NULL ? given->dsn : NULL;
	struct pg_target t;
	PGconn *pg;
	size_t k;
	int rc, found = 0;

	memset(&t, 0, sizeof t);
	rc = learn_password(&t, dsn, err);
	if (rc == DB_OK)
		rc = pg_open(dsn, NULL, NULL, &pg, NULL, &t, err);
	if (rc != DB_OK)
		goto out;
	describe_where(pg, t.where, sizeof t.where);
	for (k = 0; rc == DB_OK &&
	     k < sizeof leftover_kinds / sizeof leftover_kinds[0]; k++)
		rc = drop_leftovers(pg, &leftover_kinds[k], pattern, &t, out,
		    &found, err);
	if (rc == DB_OK && found == 0)
		strbuf_addf(out, "nothing to clean up on %s\n", t.where);
	PQfinish(pg);
out:
	free(t.password);
	free(t.uri_password);
	return rc;
}

/* Drop what this process left: its scratch database, or its schemas. */
static void
pg_close_target(struct backend_target *target)
{
	struct pg_target *t = target->state;
	PGresult *res;
	char *sql, *quoted;
	int i;

	if (t == NULL)
		return;
	PQfinish(t->maint);
	t->maint = NULL;
	/* a server restarted during the run: reconnect once to clean up */
	if (t->admin != NULL && PQstatus(t->admin) != CONNECTION_OK)
		PQreset(t->admin);
	if (t->admin != NULL && PQstatus(t->admin) == CONNECTION_OK) {
		if (t->scratch_db != NULL) {
			drop_database(t, t->scratch_db, NULL);
		} else {
			sql = xasprintf("SELECT nspname FROM pg_namespace "
					"WHERE nspname LIKE 'dbbench\\_%ld\\_%%'",
			    (long)getpid());
			res = PQexec(t->admin, sql);
			free(sql);
			for (i = 0; res != NULL &&
			     PQresultStatus(res) == PGRES_TUPLES_OK &&
			     i < PQntuples(res);
			     i++) {
				quoted = pg_quote_ident(PQgetvalue(res, i, 0));
				sql = xasprintf("DROP SCHEMA IF EXISTS %s "
						"CASCADE",
				    quoted);
				pg_command(t->admin, sql, "drop", t, NULL);
				free(sql);
				free(quoted);
			}
			PQclear(res);
		}
	}
	PQfinish(t->admin);
	free(t->dsn);
	free(t->scratch_db);
	free(t->password);
	free(t->uri_password);
	free(t);
	target->state = NULL;
}

/*
 * DROP DATABASE ... WITH (FORCE) through the admin connection: FORCE ends a
 * backend that is still exiting after PQfinish(), where a plain DROP would
 * wait for it in 100 ms steps.
 */
static int
drop_database(struct pg_target *t, const char *name, struct db_error *err)
{
	char *quoted, *sql;
	int rc;

	quoted = pg_quote_ident(name);
	sql = xasprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", quoted);
	rc = pg_command(t->admin, sql, "drop scratch database", t, err);
	free(sql);
	free(quoted);
	return rc;
}

/*
 * Wait, for up to 5 s, until the server process of a connection just
 * closed has left.  DROP DATABASE waits for the database's other backends
 * in 100 ms sleeps, FORCE or not, and a backend is still exiting for a
 * while after PQfinish(): without this wait one template teardown in ten
 * took 100 ms instead of 4 (doc/strategies.md).  On this host the process
 * is watched in /proc (gone, or a zombie: out of the server's process
 * array); elsewhere pg_stat_activity is asked.  The wait is part of the
 * teardown, as it is in a suite that drops its clone this way.
 */
static void
wait_backend_gone(struct pg_target *t, int pid, int local)
{
	char path[64], pidstr[16], stat[256], *paren;
	const char *params[1] = { pidstr };
	int64_t deadline;
	PGresult *res;
	FILE *f;
	int gone;

	if (pid <= 0)
		return;
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	snprintf(pidstr, sizeof pidstr, "%d", pid);
	deadline = clock_now_ns() + 5 * (int64_t)1000000000;
	do {
		if (local) {
			f = fopen(path, "r");
			gone = f == NULL;
			if (f != NULL) {
				paren = fgets(stat, sizeof stat, f) ?
				    strrchr(stat, ')') : NULL;
				gone = paren != NULL && paren[1] == ' ' &&
				    paren[2] == 'Z';
				fclose(f);
			}
		} else {
			res = PQexecParams(t->admin, "SELECT 1 FROM "
			    "pg_stat_activity WHERE pid = $1::int", 1, NULL,
			    params, NULL, NULL, 0);
			gone = PQresultStatus(res) != PGRES_TUPLES_OK ||
			    PQntuples(res) == 0;
			PQclear(res);
		}
		if (gone)
			return;
		usleep(50);
	} while (clock_now_ns() < deadline);
}

/* A connection record for target, not yet connected. */
static struct pg_conn *
pg_conn_new(const struct backend_target *target)
{
	struct pg_conn *conn;

	conn = xcalloc(1, sizeof *conn);
	conn->base.ops = &backend_pg_ops;
	conn->base.n_workload_slots = target->n_stmts;
	conn->n_slots = target->n_stmts + BUILTIN_COUNT;
	conn->prepared = xcalloc(conn->n_slots, 1);
	conn->protocol = ((const struct pg_target *)target->state)->protocol;
	conn->target = target;
	return conn;
}

static int
pg_disconnect(struct backend_conn *bconn, struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	struct pg_target *t;
	char *quoted, *sql;
	int rc = DB_OK, pid, local;

	if (conn == NULL)
		return DB_OK;
	t = conn->target->state;
	if (conn->schema != NULL) {
		quoted = pg_quote_ident(conn->schema);
		sql = xasprintf("DROP SCHEMA IF EXISTS %s CASCADE", quoted);
		if (PQstatus(conn->pg) == CONNECTION_OK &&
		    PQtransactionStatus(conn->pg) != PQTRANS_IDLE)
			pg_command(conn->pg, "ROLLBACK", "rollback", t, NULL);
		if (PQstatus(conn->pg) != CONNECTION_OK ||
		    pg_command(conn->pg, sql, "drop scratch schema", t, NULL) !=
			DB_OK) {
			/* our connection is gone: drop it from the side */
			rc = t != NULL && t->admin != NULL && t->scratch_db == NULL
			    ? pg_command(t->admin, sql, "drop scratch schema",
				  t, err)
			    : DB_OK;
		}
		free(sql);
		free(quoted);
	}
	pid = conn->database != NULL ? PQbackendPID(conn->pg) : 0;
	local = conn->database != NULL && pg_local(conn->pg);
	PQfinish(conn->pg);
	if (conn->database != NULL && t != NULL && t->admin != NULL) {
		wait_backend_gone(t, pid, local);
		rc = drop_database(t, conn->database, err);
	}
	free(conn->schema);
	free(conn->database);
	free(conn->search_path);
	free(conn->prepared);
	free(conn);
	return rc;
}

/*
 * 1 when the connection's server runs on this host: judged from the
 * socket's far end (backend_socket_is_local()), from the host name when
 * the socket can't be asked.
 */
static int
pg_local(PGconn *pg)
{
	const char *host;
	int local;

	local = backend_socket_is_local(PQsocket(pg));
	if (local >= 0)
		return local;
	host = PQhost(pg);
	return host == NULL || host[0] == '\0' || host[0] == '/' ||
	    strcmp(host, "localhost") == 0 ||
	    strncmp(host, "127.", 4) == 0 || strcmp(host, "::1") == 0;
}

/*
 * --pin: put the connection's server process on the target's CPU, as the
 * client thread is, so that a round trip does not cross CPUs.  Only for a
 * server on this host; a failure (another user's process without the
 * privilege) leaves the backend where it is and is not an error.
 */
static void
pg_pin(struct pg_conn *conn)
{
	cpu_set_t set;
	int pid;

	if (conn->target->pin_cpu < 0 || !pg_local(conn->pg))
		return;
	pid = PQbackendPID(conn->pg);
	CPU_ZERO(&set);
	CPU_SET(conn->target->pin_cpu, &set);
	if (pid > 0)
		conn->pinned = sched_setaffinity(pid, sizeof set, &set) == 0;
}

/*
 * The CPU the backend last ran on, from /proc/PID/stat;
 * BACKEND_CPU_REMOTE for a server on another host, BACKEND_CPU_UNKNOWN when
 * the file can't be read.
 */
static int
pg_server_cpu(struct backend_conn *bconn)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;

	if (!pg_local(conn->pg))
		return BACKEND_CPU_REMOTE;
	return backend_proc_cpu(PQbackendPID(conn->pg));
}

static int
pg_connect(const struct backend_target *target, struct backend_conn **out,
    struct db_error *err)
{
	struct pg_target *t = target->state;
	struct pg_conn *conn;
	char *quoted, *sql;
	int rc;

	*out = NULL;
	if (t == NULL)
		return db_error_set(err, DB_EBACKEND, "postgres: target not "
						      "open");
	conn = pg_conn_new(target);
	rc = pg_open(t->dsn, t->scratch_db, NULL, &conn->pg,
	    &conn->base.connect_ns, t, err);
	if (rc != DB_OK) {
		free(conn->prepared);
		free(conn);
		return rc;
	}
	conn->schema = scratch_name(t);
	conn->search_path = xstrdup(conn->schema);
	quoted = pg_quote_ident(conn->schema);
	sql = xasprintf("CREATE SCHEMA %s; SET search_path TO %s", quoted,
	    quoted);
	rc = pg_command(conn->pg, sql, "create scratch schema", t, err);
	free(sql);
	free(quoted);
	if (rc != DB_OK) {
		pg_disconnect(&conn->base, NULL);
		return rc;
	}
	pg_pin(conn);
	*out = &conn->base;
	return DB_OK;
}

/* Record a failed result as the statement's error. */
int
pg_result_error(struct pg_conn *conn, PGresult *res, struct db_error *err)
{
	const char *msg = NULL;
	char buf[400];

	if (res != NULL)
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (msg == NULL)
		msg = first_line(PQerrorMessage(conn->pg), buf, sizeof buf);
	db_error_set(err, DB_EBACKEND, "postgres: %s", msg);
	pg_redact(conn->target->state, err);
	return DB_EBACKEND;
}

/*
 * A statement's result, cleared here: DB_OK when it succeeded, with its
 * first row appended to first_row (see backend.h's query) unless that is
 * NULL; else the server's error.
 */
static int
take_result(struct pg_conn *conn, PGresult *res, struct strbuf *first_row,
    struct db_error *err)
{
	ExecStatusType st;
	int c;

	st = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY) {
		pg_result_error(conn, res, err);
		PQclear(res);
		return DB_EBACKEND;
	}
	if (first_row != NULL && st == PGRES_TUPLES_OK && PQntuples(res) > 0)
		for (c = 0; c < PQnfields(res); c++) {
			if (c > 0)
				strbuf_addc(first_row, '|');
			strbuf_adds(first_row, PQgetisnull(res, 0, c)
				? "NULL"
				: PQgetvalue(res, 0, c));
		}
	PQclear(res);
	return DB_OK;
}

/*
 * Run the statement in slot under the connection's protocol, preparing it
 * on first use with the prepared protocol.  Rows come back whole (libpq
 * reads every result) and are discarded.
 */
static int
pg_run(struct backend_conn *bconn, unsigned slot, const char *sql,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGresult *res;
	char name[16];

	switch (conn->protocol) {
	case PG_PROTOCOL_SIMPLE:
		res = PQexec(conn->pg, sql);
		break;
	case PG_PROTOCOL_EXTENDED:
		res = PQexecParams(conn->pg, sql, 0, NULL, NULL, NULL, NULL,
		    0);
		break;
	default:
		snprintf(name, sizeof name, "s%u", slot);
		if (!conn->prepared[slot]) {
			res = PQprepare(conn->pg, name, sql, 0, NULL);
			if (res == NULL ||
			    PQresultStatus(res) != PGRES_COMMAND_OK) {
				pg_result_error(conn, res, err);
				PQclear(res);
				return DB_EBACKEND;
			}
			PQclear(res);
			conn->prepared[slot] = 1;
		}
		res = PQexecPrepared(conn->pg, name, 0, NULL, NULL, NULL, 0);
		break;
	}
	return take_result(conn, res, NULL, err);
}

static int
pg_exec(struct backend_conn *bconn, const char *sql, struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;

	return take_result(conn, PQexec(conn->pg, sql), NULL, err);
}

static int
pg_in_transaction(struct backend_conn *bconn)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGTransactionStatusType st;

	st = PQtransactionStatus(conn->pg);
	return st == PQTRANS_INTRANS || st == PQTRANS_INERROR;
}

/* The first row as text, columns joined by '|' (see backend.h). */
static int
pg_query(struct backend_conn *bconn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;

	return take_result(conn, PQexec(conn->pg, sql), out, err);
}

/* A connection to conn's database and search_path that owns nothing. */
static int
pg_connect_peer(struct backend_conn *bconn, struct backend_conn **out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn, *peer;
	char *quoted, *options = NULL;
	int rc;

	*out = NULL;
	if (conn->search_path != NULL) {
		quoted = pg_quote_ident(conn->search_path);
		options = xasprintf("-c search_path=%s", quoted);
		free(quoted);
	}
	peer = pg_conn_new(conn->target);
	rc = pg_open(((const struct pg_target *)conn->target->state)->dsn,
	    PQdb(conn->pg), options, &peer->pg,
	    NULL, conn->target->state, err);
	free(options);
	if (rc != DB_OK) {
		pg_disconnect(&peer->base, NULL);
		return rc;
	}
	peer->search_path = conn->search_path != NULL
	    ? xstrdup(conn->search_path)
	    : NULL;
	*out = &peer->base;
	return DB_OK;
}

/* Count and free the notifications libpq has read so far. */
static unsigned
drain_notifies(PGconn *pg)
{
	PGnotify *n;
	unsigned count = 0;

	for (;;) {
		n = PQnotifies(pg);
		if (n == NULL)
			break;
		count++;
		PQfreemem(n);
	}
	return count;
}

/*
 * A round trip first: the server sends what is pending to an idle session
 * before it answers.  When nothing came, wait a little for a late one.
 */
static int
pg_notifications(struct backend_conn *bconn, unsigned *count,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	struct pollfd pfd;
	int waited, rc;

	*count = drain_notifies(conn->pg);
	rc = pg_command(conn->pg, "SELECT 1", "notifications",
	    conn->target->state, err);
	if (rc != DB_OK)
		return rc;
	*count += drain_notifies(conn->pg);
	for (waited = 0; *count == 0 && waited < NOTIFY_WAIT_MS;
	     waited += 10) {
		pfd.fd = PQsocket(conn->pg);
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 10) > 0 && !PQconsumeInput(conn->pg))
			return db_error_set(err, DB_EBACKEND,
			    "postgres: notifications: connection lost");
		*count += drain_notifies(conn->pg);
	}
	return DB_OK;
}

/* Append a query's rows, one a line, columns separated by '|'. */
static int
dump_rows(struct pg_conn *conn, const char *sql, struct strbuf *out,
    struct db_error *err)
{
	PGresult *res;
	int r, c;

	res = PQexec(conn->pg, sql);
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_result_error(conn, res, err);
		PQclear(res);
		return DB_EBACKEND;
	}
	for (r = 0; r < PQntuples(res); r++) {
		for (c = 0; c < PQnfields(res); c++) {
			strbuf_addc(out, c == 0 ? '\t' : '|');
			if (PQgetisnull(res, r, c))
				strbuf_adds(out, "NULL");
			else {
				strbuf_addc(out, '\'');
				strbuf_adds(out, PQgetvalue(res, r, c));
				strbuf_addc(out, '\'');
			}
		}
		strbuf_addc(out, '\n');
	}
	PQclear(res);
	return DB_OK;
}

/*
 * Every table of the scratch schema, rows ordered by every column, then
 * every sequence's state (last_value and is_called).
 */
static int
pg_snapshot(struct backend_conn *bconn, struct strbuf *out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGresult *tables;
	char *quoted, *sql;
	int i, rc = DB_OK;

	tables = PQexec(conn->pg,
	    "SELECT c.relname, c.relkind, "
	    "(SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid "
	    "AND a.attnum > 0 AND NOT a.attisdropped) "
	    "FROM pg_class c WHERE c.relnamespace = current_schema()::"
	    "regnamespace AND c.relkind IN ('r', 'S') ORDER BY c.relkind, "
	    "c.relname");
	if (tables == NULL || PQresultStatus(tables) != PGRES_TUPLES_OK) {
		pg_result_error(conn, tables, err);
		PQclear(tables);
		return DB_EBACKEND;
	}
	for (i = 0; i < PQntuples(tables) && rc == DB_OK; i++) {
		struct strbuf order;
		int col, ncols = atoi(PQgetvalue(tables, i, 2));

		quoted = pg_quote_ident(PQgetvalue(tables, i, 0));
		if (PQgetvalue(tables, i, 1)[0] == 'S') {
			strbuf_addf(out, "sequence %s\n",
			    PQgetvalue(tables, i, 0));
			sql = xasprintf("SELECT last_value, is_called FROM %s",
			    quoted);
		} else {
			strbuf_addf(out, "table %s\n",
			    PQgetvalue(tables, i, 0));
			strbuf_init(&order);
			for (col = 1; col <= ncols; col++)
				strbuf_addf(&order, "%s%d",
				    col == 1 ? " ORDER BY " : ", ", col);
			sql = xasprintf("SELECT * FROM %s%s", quoted,
			    order.buf);
			strbuf_fini(&order);
		}
		rc = dump_rows(conn, sql, out, err);
		free(sql);
		free(quoted);
	}
	PQclear(tables);
	return rc;
}

static void
describe_setting(struct pg_conn *conn, struct backend_info *info,
    const char *name)
{
	char *sql, *v;

	sql = xasprintf("SELECT current_setting('%s', true)", name);
	v = pg_value(conn->pg, sql);
	backend_info_add(info, name, v != NULL ? v : "unknown");
	free(v);
	free(sql);
}

static int
pg_describe(struct backend_conn *bconn, struct backend_info *info,
    struct db_error *err)
{
	static const char *const settings[] = { "fsync", "synchronous_commit",
		"full_page_writes", "shared_buffers", "max_connections" };
	static const char *const protocols[] = { "simple", "extended",
		"prepared" };
	struct pg_conn *conn = (struct pg_conn *)bconn;
	struct pg_target *t = conn->target->state;
	const char *host;
	char *v, buf[300];
	size_t i;

	(void)err;
	v = pg_value(conn->pg, "SHOW server_version");
	info->version = v != NULL ? v : xstrdup("unknown");
	for (i = 0; i < sizeof settings / sizeof settings[0]; i++)
		describe_setting(conn, info, settings[i]);
	host = PQhost(conn->pg);
	if (host == NULL || host[0] == '\0' || host[0] == '/')
		snprintf(buf, sizeof buf, "unix socket %s port %s",
		    host != NULL && host[0] != '\0' ? host : "(default)",
		    PQport(conn->pg));
	else
		snprintf(buf, sizeof buf, "tcp %s port %s%s", host,
		    PQport(conn->pg), PQsslInUse(conn->pg) ? " ssl" : "");
	backend_info_add(info, "transport", buf);
	/* where the data lives: readable for superusers and
	 * pg_read_all_settings, and only meaningful on this host */
	v = pg_value(conn->pg, "SELECT current_setting('data_directory', "
			       "true)");
	backend_describe_storage(v, pg_local(conn->pg), "data_directory", buf,
	    sizeof buf);
	free(v);
	backend_info_add(info, "storage", buf);
	backend_info_add(info, "scratch",
	    t->scratch_db != NULL ? "database" : "schema");
	backend_info_add(info, "protocol",
	    protocols[conn->protocol >= 0 && conn->protocol <= 2
		    ? conn->protocol
		    : 2]);
	return DB_OK;
}

/*
 * A template is a scratch database (CREATEDB needed) holding the built
 * schema; clones are CREATE DATABASE ... TEMPLATE of it, each with its own
 * connection, dropped after the test.
 */
struct pg_template {
	struct backend_template base; /* must be first */
	const struct backend_target *target;
	char *database;		      /* the template database */
	char *search_path;	      /* the schema inside it */
	char *options;		      /* "-c search_path=..." for clones */
};

static int
pg_can_template(const struct backend_target *target)
{
	const struct pg_target *t = target->state;

	return t != NULL && t->scratch_db != NULL;
}

/* A connection to a new database, dropped with the connection. */
static int
open_database_conn(const struct backend_target *target, const char *template,
    const char *options, struct pg_conn **out, struct db_error *err)
{
	struct pg_target *t = target->state;
	struct pg_conn *conn;
	char *name, *quoted, *quoted_tpl, *sql;
	static const char *const strategies[] = {
		[PG_CLONE_DEFAULT] = "",
		[PG_CLONE_WAL_LOG] = " STRATEGY WAL_LOG",
		[PG_CLONE_FILE_COPY] = " STRATEGY FILE_COPY",
	};
	const char *strategy = "";
	int rc;

	if (template != NULL)
		strategy = strategies[t->clone];
	name = scratch_name(t);
	quoted = pg_quote_ident(name);
	if (template != NULL) {
		quoted_tpl = pg_quote_ident(template);
		sql = xasprintf("CREATE DATABASE %s TEMPLATE %s%s", quoted,
		    quoted_tpl, strategy);
		free(quoted_tpl);
	} else
		sql = xasprintf("CREATE DATABASE %s", quoted);
	rc = pg_command(t->admin, sql, "create database", t, err);
	free(sql);
	free(quoted);
	if (rc != DB_OK) {
		free(name);
		return rc;
	}
	conn = pg_conn_new(target);
	conn->database = name;
	rc = pg_open(t->dsn, name, options, &conn->pg,
	    &conn->base.connect_ns, t, err);
	if (rc != DB_OK) {
		pg_disconnect(&conn->base, NULL);
		return rc;
	}
	pg_pin(conn);
	*out = conn;
	return DB_OK;
}

static int
pg_template_open(const struct backend_target *target,
    struct backend_conn **out, struct db_error *err)
{
	struct pg_conn *conn;
	char *quoted, *sql;
	int rc;

	*out = NULL;
	if (!pg_can_template(target))
		return db_error_set(err, DB_ENOTSUP,
		    "postgres: the template strategy needs the CREATEDB "
		    "privilege");
	rc = open_database_conn(target, NULL, NULL, &conn, err);
	if (rc != DB_OK)
		return rc;
	conn->search_path = scratch_name(target->state);
	quoted = pg_quote_ident(conn->search_path);
	sql = xasprintf("CREATE SCHEMA %s; SET search_path TO %s", quoted,
	    quoted);
	rc = pg_command(conn->pg, sql, "create template schema",
	    target->state, err);
	free(sql);
	free(quoted);
	if (rc != DB_OK) {
		pg_disconnect(&conn->base, NULL);
		return rc;
	}
	*out = &conn->base;
	return DB_OK;
}

/* Close the building connection but keep its database as the template. */
static int
pg_template_seal(struct backend_conn *bconn, struct backend_template **out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	struct pg_template *tpl;
	char *quoted;
	int pid = PQbackendPID(conn->pg), local = pg_local(conn->pg);

	(void)err;
	tpl = xcalloc(1, sizeof *tpl);
	tpl->base.ops = &backend_pg_ops;
	tpl->target = conn->target;
	tpl->database = conn->database;
	tpl->search_path = conn->search_path;
	quoted = pg_quote_ident(tpl->search_path);
	tpl->options = xasprintf("-c search_path=%s", quoted);
	free(quoted);
	conn->database = NULL;
	conn->search_path = NULL;
	pg_disconnect(bconn, NULL);
	/* CREATE DATABASE ... TEMPLATE waits for a template's backends in
	 * 100 ms sleeps too */
	if (tpl->target->state != NULL)
		wait_backend_gone(tpl->target->state, pid, local);
	*out = &tpl->base;
	return DB_OK;
}

/*
 * Replace *conn by a connection to a fresh copy of the template: CREATE
 * DATABASE ... TEMPLATE, then connect with the schema on the search_path.
 */
static int
pg_template_clone(struct backend_template *btpl, struct backend_conn **bconn,
    struct db_error *err)
{
	struct pg_template *tpl = (struct pg_template *)btpl;
	struct pg_conn *conn;
	int rc;

	if (*bconn != NULL) {
		rc = pg_disconnect(*bconn, err);
		*bconn = NULL;
		if (rc != DB_OK)
			return rc;
	}
	rc = open_database_conn(tpl->target, tpl->database, tpl->options,
	    &conn, err);
	if (rc != DB_OK)
		return rc;
	conn->search_path = xstrdup(tpl->search_path);
	*bconn = &conn->base;
	return DB_OK;
}

/* Close the copy's connection and drop the copy. */
static int
pg_template_release(struct backend_template *tpl, struct backend_conn **conn,
    struct db_error *err)
{
	int rc;

	(void)tpl;
	rc = pg_disconnect(*conn, err);
	*conn = NULL;
	return rc;
}

static void
pg_template_drop(struct backend_template *btpl)
{
	struct pg_template *tpl = (struct pg_template *)btpl;

	if (tpl == NULL)
		return;
	if (tpl->target->state != NULL)
		drop_database(tpl->target->state, tpl->database, NULL);
	free(tpl->database);
	free(tpl->search_path);
	free(tpl->options);
	free(tpl);
}

static const char *const pg_options[] = { "protocol", "template-strategy",
	NULL };
static const char *const pg_dsn_forms[] = { "keyword=value pairs",
	"a postgresql:// URI", NULL };

const struct backend_ops backend_pg_ops = {
	.name = "postgres",
	.title = "PostgreSQL",
	.dialect = SQL_DIALECT_POSTGRES,
	.options = pg_options,
	.set_option = pg_set_option,
	.claims_dsn = pg_claims_dsn,
	.dsn_forms = pg_dsn_forms,
	.why_unsupported = pg_why_unsupported,
	.drift_cause = pg_drift_cause,
	.open_target = pg_open_target,
	.close_target = pg_close_target,
	.check_capacity = pg_check_capacity,
	.maintain = pg_maintain,
	.server_cpu = pg_server_cpu,
	.cleanup = pg_cleanup,
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.run = pg_run,
	.exec = pg_exec,
	.in_transaction = pg_in_transaction,
	.query = pg_query,
	.connect_peer = pg_connect_peer,
	.notifications = pg_notifications,
	.snapshot = pg_snapshot,
	.describe = pg_describe,
	.reset_sql = pg_reset_sql,
	.scale_sql = pg_scale_sql,
	.count_rows = pg_count_rows,
	.can_template = pg_can_template,
	.template_open = pg_template_open,
	.template_seal = pg_template_seal,
	.template_clone = pg_template_clone,
	.template_release = pg_template_release,
	.template_drop = pg_template_drop,
};
