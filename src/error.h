/*
 * error.h - status codes and the caller-owned error record
 *
 * Every function that can fail returns DB_OK (0) or a negative status and,
 * when the caller passes a struct db_error, fills it with one line that names
 * what failed.  Nothing here allocates, so an error can be reported from a
 * worker thread or after memory ran out.  Only main.c turns a status into an
 * exit code.
 */
#ifndef DBBENCH_ERROR_H
#define DBBENCH_ERROR_H

#include <stddef.h>

enum db_status {
	DB_OK = 0,
	DB_EUSAGE = -1,	  /* bad arguments or bad input files: exit 2 */
	DB_EBACKEND = -2, /* the database refused or failed: exit 1 */
	DB_EIO = -3,	  /* a file or system call failed: exit 1 */
	DB_ENOTSUP = -4,  /* the backend cannot do what was asked: exit 2 */
	DB_ELEAK = -5,	  /* a state check found a leak: exit 4 */
	DB_EREGRESS = -6, /* a baseline comparison found a regression: exit 3 */
	DB_EINTR = -7,	  /* interrupted by a signal: exit 1 */
};

#define DB_ERROR_MSG_MAX 512

struct db_error {
	enum db_status code;	    /* DB_OK until something fails */
	char msg[DB_ERROR_MSG_MAX]; /* one line, no trailing newline */
};

void db_error_clear(struct db_error *err);
int db_error_set(struct db_error *err, enum db_status code, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
int db_error_prefix(struct db_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int db_status_exit_code(enum db_status code);
const char *db_status_name(enum db_status code);

#endif
