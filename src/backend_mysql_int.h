/*
 * backend_mysql_int.h - what the MySQL driver's files share
 *
 * backend_mysql.c is the driver (connections, statements, strategies);
 * backend_mysql_dsn.c reads and describes its DSN; backend_mysql_catalog.c
 * quotes names, lists what the server's catalog holds and writes the script
 * that copies a template database.
 */
#ifndef DBBENCH_BACKEND_MYSQL_INT_H
#define DBBENCH_BACKEND_MYSQL_INT_H

#include <stddef.h>

#include <mysql.h>

#include "error.h"
#include "strbuf.h"

/* Where to connect, from the DSN (NULL fields: the library's default). */
struct my_params {
	char *host;
	char *user;
	char *password;
	char *database;
	char *socket;
	unsigned port;
	int option_files; /* no DSN: read the client option files */
};

int my_parse_dsn(const char *dsn, struct my_params *p, struct db_error *err);
void my_params_fini(struct my_params *p);
void my_describe_params(const struct my_params *p, char *buf, size_t size);

char *my_quote_ident(const char *name);
char **my_list_names(MYSQL *my, const char *sql);
void my_free_names(char **names);
/*
 * Append to out the statements that make a new, current database a copy
 * of database (the connection's current one), tables its base tables:
 * each table as SHOW CREATE TABLE gives it and its rows but generated
 * columns, then its views (each after those it reads), procedures,
 * functions and triggers (after the rows, so that copying fires none),
 * with FOREIGN_KEY_CHECKS off throughout.  0 when the catalog could not be
 * read (mysql_error(my) says why).
 */
int my_copy_script(MYSQL *my, const char *database, char **tables,
    struct strbuf *out);

#endif
