/*
 * backend_mysql_dsn.c - the MySQL driver's DSN,
 * mysql://user:password@host:port/database?socket=PATH, read into
 * my_params (percent-decoded) and described for messages without the
 * password
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_mysql_int.h"
#include "xmalloc.h"

static int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A percent-decoded copy of s[0..len), or NULL when it is malformed. */
static char *
decode(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		hi = i + 1 < len ? hex_digit((unsigned char)s[i + 1]) : -1;
		lo = i + 2 < len ? hex_digit((unsigned char)s[i + 2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(out);
			return NULL;
		}
		*o++ = (char)(hi * 16 + lo);
		i += 2;
	}
	*o = '\0';
	return out;
}

void
my_params_fini(struct my_params *p)
{
	free(p->host);
	free(p->user);
	free(p->password);
	free(p->database);
	free(p->socket);
	memset(p, 0, sizeof *p);
}

/* Set *field to the decoded s[0..len), NULL when empty; 0 when malformed. */
static int
take(char **field, const char *s, size_t len)
{
	if (len == 0)
		return 1;
	*field = decode(s, len);
	return *field != NULL;
}

/* The ?key=value&... part of a DSN: only socket is known. */
static int
parse_query(struct my_params *p, const char *q, struct db_error *err)
{
	const char *end, *eq;
	size_t len;

	while (*q != '\0') {
		len = strcspn(q, "&");
		end = q + len;
		eq = memchr(q, '=', len);
		if (eq == NULL || (size_t)(eq - q) != 6 ||
		    strncmp(q, "socket", 6) != 0) {
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: unknown parameter '%.*s' in a mysql:// DSN "
			    "(known: socket)",
			    (int)(eq != NULL ? eq - q : (long)len), q);
		}
		free(p->socket);
		p->socket = NULL;
		if (!take(&p->socket, eq + 1, (size_t)(end - eq - 1)))
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: bad %%-escape in the socket parameter");
		q = *end == '&' ? end + 1 : end;
	}
	return DB_OK;
}

/* host[:port] or [v6]:port. */
static int
parse_hostport(struct my_params *p, const char *s, size_t len,
    struct db_error *err)
{
	const char *colon = NULL, *close;
	char *end;
	long port;

	if (len > 0 && s[0] == '[') {
		close = memchr(s, ']', len);
		if (close == NULL)
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: unclosed '[' in the host of a mysql:// DSN");
		p->host = xstrndup(s + 1, (size_t)(close - s - 1));
		if (close + 1 < s + len && close[1] == ':')
			colon = close + 1;
	} else {
		colon = memchr(s, ':', len);
		if (!take(&p->host, s, colon != NULL ? (size_t)(colon - s) :
			len))
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: bad %%-escape in the host");
	}
	if (colon == NULL)
		return DB_OK;
	port = strtol(colon + 1, &end, 10);
	if (end != s + len || end == colon + 1 || port < 1 || port > 65535)
		return db_error_set(err, DB_EUSAGE,
		    "--dsn: bad port '%.*s' in a mysql:// DSN (1 to 65535)",
		    (int)(s + len - colon - 1), colon + 1);
	p->port = (unsigned)port;
	return DB_OK;
}

/*
 * mysql://[user[:password]@][host[:port]][/database][?socket=PATH]; NULL
 * or empty: the client option files.
 */
int
my_parse_dsn(const char *dsn, struct my_params *p, struct db_error *err)
{
	const char *rest, *at, *colon, *slash, *q, *auth_end;
	size_t hp_len;

	memset(p, 0, sizeof *p);
	if (dsn == NULL || dsn[0] == '\0') {
		p->option_files = 1;
		return DB_OK;
	}
	if (strncmp(dsn, "mysql://", 8) != 0)
		return db_error_set(err, DB_EUSAGE,
		    "--dsn: a MySQL DSN starts with mysql://");
	rest = dsn + 8;
	q = strchr(rest, '?');
	auth_end = q != NULL ? q : rest + strlen(rest);
	at = memchr(rest, '@', (size_t)(auth_end - rest));
	if (at != NULL) {
		colon = memchr(rest, ':', (size_t)(at - rest));
		if (!take(&p->user, rest, (size_t)((colon != NULL ? colon : at) -
			rest)) ||
		    (colon != NULL &&
			!take(&p->password, colon + 1,
			    (size_t)(at - colon - 1)))) {
			my_params_fini(p);
			return db_error_set(err, DB_EUSAGE,
			    "--dsn: bad %%-escape in the user or password of "
			    "a mysql:// DSN");
		}
		rest = at + 1;
	}
	slash = memchr(rest, '/', (size_t)(auth_end - rest));
	hp_len = (size_t)((slash != NULL ? slash : auth_end) - rest);
	if (parse_hostport(p, rest, hp_len, err) != DB_OK ||
	    (slash != NULL &&
		!take(&p->database, slash + 1, (size_t)(auth_end - slash - 1)) &&
		db_error_set(err, DB_EUSAGE,
		    "--dsn: bad %%-escape in the database") != DB_OK) ||
	    (q != NULL && parse_query(p, q + 1, err) != DB_OK)) {
		my_params_fini(p);
		return DB_EUSAGE;
	}
	return DB_OK;
}

/* "socket S", "host H port P" or "the option files' server". */
void
my_describe_params(const struct my_params *p, char *buf, size_t size)
{
	if (p->socket != NULL)
		snprintf(buf, size, "socket %s", p->socket);
	else if (p->host != NULL || p->port != 0)
		snprintf(buf, size, "host %s port %u",
		    p->host != NULL ? p->host : "localhost",
		    p->port != 0 ? p->port : 3306);
	else if (p->option_files)
		snprintf(buf, size, "the server of the client option files");
	else
		snprintf(buf, size, "the default server");
}
