/*
 * error.c - filling struct db_error and mapping statuses to exit codes
 *
 * Messages are formatted into the fixed buffer of the record and cut to one
 * line: a newline from a database driver's message becomes a space, and a
 * trailing one is dropped.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

/* Replace line breaks by spaces and drop trailing blanks, in place. */
static void
one_line(char *s)
{
	size_t len;
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
}

void
db_error_clear(struct db_error *err)
{
	if (err == NULL)
		return;
	err->code = DB_OK;
	err->msg[0] = '\0';
}

/*
 * Record an error and return its code, so that callers can write
 * "return db_error_set(err, DB_EIO, ...)".  err may be NULL.
 */
int
db_error_set(struct db_error *err, enum db_status code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	one_line(err->msg);
	return code;
}

/*
 * Put context in front of an error already recorded ("workload x: " + msg)
 * and return its code.  Does nothing when err is NULL.
 */
int
db_error_prefix(struct db_error *err, const char *fmt, ...)
{
	char prefix[DB_ERROR_MSG_MAX];
	size_t plen, mlen;
	va_list ap;

	if (err == NULL)
		return DB_EIO;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	plen = strlen(prefix);
	mlen = strlen(err->msg);
	if (plen + mlen >= sizeof err->msg)
		mlen = sizeof err->msg - 1 - plen;
	memmove(err->msg + plen, err->msg, mlen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen + mlen] = '\0';
	one_line(err->msg);
	return err->code;
}

/* The exit codes of DESIGN.md: 0 ok, 1 runtime, 2 usage, 3 regression,
 * 4 leak. */
int
db_status_exit_code(enum db_status code)
{
	switch (code) {
	case DB_OK:
		return 0;
	case DB_EUSAGE:
	case DB_ENOTSUP:
		return 2;
	case DB_EREGRESS:
		return 3;
	case DB_ELEAK:
		return 4;
	case DB_EBACKEND:
	case DB_EIO:
	case DB_EINTR:
		return 1;
	}
	return 1;
}

const char *
db_status_name(enum db_status code)
{
	switch (code) {
	case DB_OK:
		return "ok";
	case DB_EUSAGE:
		return "usage";
	case DB_EBACKEND:
		return "backend";
	case DB_EIO:
		return "io";
	case DB_ENOTSUP:
		return "unsupported";
	case DB_ELEAK:
		return "leak";
	case DB_EREGRESS:
		return "regression";
	case DB_EINTR:
		return "interrupted";
	}
	return "unknown";
}
