/*
 * backend_pg_int.h - what the PostgreSQL driver's files share
 *
 * backend_pg.c is the driver; backend_pg_scripts.c writes the SQL scripts
 * that read a scratch schema's tables (reset, scale, count).  Nothing
 * outside the driver includes this header.
 */
#ifndef DBBENCH_BACKEND_PG_INT_H
#define DBBENCH_BACKEND_PG_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "backend.h"
#include "strbuf.h"

/* How statements reach PostgreSQL, as pgbench's -M. */
enum pg_protocol {
	PG_PROTOCOL_SIMPLE,   /* PQexec */
	PG_PROTOCOL_EXTENDED, /* PQexecParams, unnamed statement */
	PG_PROTOCOL_PREPARED, /* PQprepare once, PQexecPrepared */
};

/* How CREATE DATABASE copies a template: --template-strategy. */
enum pg_clone {
	PG_CLONE_DEFAULT,   /* the server's own STRATEGY */
	PG_CLONE_WAL_LOG,   /* ... STRATEGY WAL_LOG */
	PG_CLONE_FILE_COPY, /* ... STRATEGY FILE_COPY */
};

/* A target's state: its options, then what open_target() set up. */
struct pg_target {
	char *dsn;	    /* --dsn; NULL: the PG* variables */
	int protocol;	    /* enum pg_protocol: --protocol */
	enum pg_clone clone; /* --template-strategy */
	PGconn *admin;	    /* to the DSN's database */
	char *scratch_db;   /* our database, or NULL in schema mode */
	char *password;	    /* to mask in messages; NULL if none */
	char *uri_password; /* as written in a URI, percent-encoded */
	PGconn *maint;	    /* to the scratch database, for VACUUM */
	char where[256];    /* "host H port P database D" for messages */
};

struct pg_conn {
	struct backend_conn base; /* must be first */
	PGconn *pg;
	const struct backend_target *target;
	char *schema;		  /* scratch schema to drop, or NULL */
	char *database;		  /* scratch database to drop, or NULL */
	char *search_path;	  /* the schema the workload lives in */
	int pinned;		  /* its backend is on target->pin_cpu */
	unsigned char *prepared;  /* per slot: PQprepare done */
	unsigned n_slots;
	int protocol;
};

char *pg_quote_ident(const char *name);
char *pg_value(PGconn *pg, const char *sql);
int pg_result_error(struct pg_conn *conn, PGresult *res,
    struct db_error *err);

/* backend_pg_scripts.c */
int pg_reset_sql(struct backend_conn *bconn, int truncate, struct strbuf *out,
    struct db_error *err);
int pg_scale_sql(struct backend_conn *bconn, unsigned factor,
    struct strbuf *out, struct db_error *err);
int pg_count_rows(struct backend_conn *bconn, long long *rows,
    struct db_error *err);

#endif
