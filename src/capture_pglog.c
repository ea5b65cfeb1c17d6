/*
 * capture_pglog.c - reading a PostgreSQL server log into a capture_log
 *
 * The server must log every statement (log_statement = 'all').  Three
 * formats, told apart by the content:
 *   jsonlog  one JSON object a line (PostgreSQL 15+), read with jansson
 *   csvlog   RFC 4180 records (quoted fields may hold newlines and "")
 *   stderr   log_line_prefix = '%c [%a] ': session id, application name
 *            in brackets, then "LEVEL:  message"; a line starting with a
 *            tab continues the one before (a statement over several lines)
 * Of each entry the session id, the application name, the severity, the
 * message and the detail are used:
 *   LOG "statement: SQL"             a statement (simple protocol)
 *   LOG "execute NAME: SQL"          a statement (extended protocol), its
 *       DETAIL "parameters: $1 = '...', $2 = NULL" inlined into the SQL
 *   ERROR / FATAL                    the session's last statement failed
 * Each session is a "process" of the log: application_name 'test:NAME'
 * names the test (its statements are NAME's body), else marker statements
 * do (capture_model.c).  A session that names no test in either way is
 * split by its own transactions, the last resort: each top-level
 * BEGIN ... COMMIT/ROLLBACK is a test named SESSION#N whose BEGIN and end
 * are the fixture's.
 */
#include "config.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "capture_pglog.h"
#include "strbuf.h"
#include "xmalloc.h"

#define CSV_SESSION 5
#define CSV_SEVERITY 11
#define CSV_MESSAGE 13
#define CSV_DETAIL 14
#define CSV_APP 22
#define CSV_MIN_FIELDS 23

struct pg_entry {
	const char *session, *app, *severity, *message, *detail;
};

struct pg_reader {
	struct capture_log *log;
	char **sessions; /* session ids, index = process; owned */
	size_t n_sessions;
	size_t entries;	 /* recognised log entries */
	unsigned long long order;
	long last_stmt;	 /* index in log of the last stmt, for stderr's
			    DETAIL line, or -1 */
};

static unsigned
session_index(struct pg_reader *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n_sessions; i++)
		if (strcmp(r->sessions[i], id) == 0)
			return (unsigned)i;
	r->sessions = xreallocarray(r->sessions, r->n_sessions + 1,
	    sizeof *r->sessions);
	r->sessions[r->n_sessions] = xstrdup(id);
	return (unsigned)r->n_sessions++;
}

/* The value of $n in a "parameters: $1 = '...', $2 = NULL" detail. */
static char *
parameter(const char *detail, unsigned long n)
{
	const char *p = detail, *v;
	char key[32];
	struct strbuf sb;

	snprintf(key, sizeof key, "$%lu = ", n);
	for (;;) {
		p = strstr(p, key);
		if (p == NULL)
			return NULL;
		if (p == detail || p[-1] == ' ')
			break;
		p++;
	}
	v = p + strlen(key);
	if (strncmp(v, "NULL", 4) == 0)
		return xstrdup("NULL");
	if (*v != '\'')
		return NULL;
	strbuf_init(&sb);
	strbuf_addc(&sb, *v++);
	while (*v != '\0') {
		if (v[0] == '\'' && v[1] == '\'') {
			strbuf_adds(&sb, "''");
			v += 2;
			continue;
		}
		strbuf_addc(&sb, *v);
		if (*v++ == '\'')
			return strbuf_detach(&sb);
	}
	strbuf_fini(&sb);
	return NULL; /* unterminated */
}

/* sql with each $n outside strings and comments replaced by its value. */
static char *
inline_parameters(const char *sql, const char *detail)
{
	struct strbuf sb;
	const char *p = sql, *end;
	unsigned long n;
	char *v, *stop;

	strbuf_init(&sb);
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			end = strchr(p + 1, *p);
			end = end != NULL ? end + 1 : p + strlen(p);
			strbuf_add(&sb, p, (size_t)(end - p));
			p = end;
		} else if (p[0] == '-' && p[1] == '-') {
			end = strchr(p, '\n');
			end = end != NULL ? end : p + strlen(p);
			strbuf_add(&sb, p, (size_t)(end - p));
			p = end;
		} else if (*p == '$' && isdigit((unsigned char)p[1]) &&
		    (p == sql || !(isalnum((unsigned char)p[-1]) ||
				      p[-1] == '_'))) {
			n = strtoul(p + 1, &stop, 10);
			v = parameter(detail, n);
			if (v != NULL)
				strbuf_adds(&sb, v);
			else
				strbuf_add(&sb, p, (size_t)(stop - p));
			free(v);
			p = stop;
		} else {
			strbuf_addc(&sb, *p++);
		}
	}
	return strbuf_detach(&sb);
}

/* The SQL of a LOG message that is a statement, or NULL. */
static const char *
statement_text(const char *msg)
{
	const char *colon;

	if (strncmp(msg, "statement: ", 11) == 0)
		return msg + 11;
	if (strncmp(msg, "execute ", 8) == 0) {
		colon = strstr(msg + 8, ": ");
		return colon != NULL ? colon + 2 : NULL;
	}
	return NULL;
}

static int
known_severity(const char *s)
{
	static const char *const levels[] = { "LOG", "ERROR", "FATAL",
		"PANIC", "WARNING", "NOTICE", "INFO", "DEBUG", "DEBUG1",
		"DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "DETAIL", "HINT",
		"STATEMENT", "CONTEXT", "LOCATION" };
	size_t i;

	for (i = 0; i < sizeof levels / sizeof *levels; i++)
		if (strcmp(s, levels[i]) == 0)
			return 1;
	return 0;
}

static void
consume(struct pg_reader *r, const struct pg_entry *e)
{
	struct capture_stmt st;
	const char *sql;

	if (e->session == NULL || e->severity == NULL || e->message == NULL ||
	    !known_severity(e->severity))
		return;
	r->entries++;
	if (strcmp(e->severity, "ERROR") == 0 ||
	    strcmp(e->severity, "FATAL") == 0) {
		unsigned s = session_index(r, e->session);
		size_t i;

		for (i = r->log->n; i > 0; i--)
			if (r->log->stmts[i - 1].process == s) {
				r->log->stmts[i - 1].failed = 1;
				break;
			}
		return;
	}
	if (strcmp(e->severity, "LOG") != 0)
		return;
	sql = statement_text(e->message);
	if (sql == NULL)
		return;
	memset(&st, 0, sizeof st);
	st.process = session_index(r, e->session);
	st.seq = r->order;
	st.ns = (long long)r->order++;
	if (e->detail != NULL && strncmp(e->detail, "parameters: ", 12) == 0)
		st.sql = inline_parameters(sql, e->detail);
	else
		st.sql = xstrdup(sql);
	if (e->app != NULL && strncmp(e->app, "test:", 5) == 0 &&
	    e->app[5] != '\0') {
		st.test = xstrdup(e->app + 5);
		st.phase = PHASE_CALL;
	} else {
		st.test = xstrdup("");
		st.phase = PHASE_NONE;
	}
	r->log->stmts = xreallocarray(r->log->stmts, r->log->n + 1,
	    sizeof *r->log->stmts);
	r->log->stmts[r->log->n++] = st;
	r->last_stmt = (long)r->log->n - 1;
}

static const char *
json_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* jsonlog: one object a line. */
static void
read_jsonlog(struct pg_reader *r, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
	struct pg_entry e;
	json_t *o;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		o = json_loadb(p, (size_t)(nl - p), JSON_DISABLE_EOF_CHECK |
		    JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(o)) {
			e.session = json_str(o, "session_id");
			e.app = json_str(o, "application_name");
			e.severity = json_str(o, "error_severity");
			e.message = json_str(o, "message");
			e.detail = json_str(o, "detail");
			consume(r, &e);
		}
		json_decref(o);
		p = nl + 1;
	}
}

/* One CSV record from *p: fields into f (each owned), their count. */
static size_t
csv_record(const char **p, const char *end, struct strbuf *f, size_t max)
{
	size_t n = 0;
	const char *q = *p;

	for (;;) {
		if (n < max)
			strbuf_reset(&f[n]);
		if (q < end && *q == '"') {
			for (q++; q < end; q++) {
				if (*q == '"' && q + 1 < end && q[1] == '"')
					q++;
				else if (*q == '"')
					break;
				if (n < max)
					strbuf_addc(&f[n], *q);
			}
			if (q < end)
				q++; /* the closing quote */
		}
		while (q < end && *q != ',' && *q != '\n') {
			if (n < max && *q != '\r')
				strbuf_addc(&f[n], *q);
			q++;
		}
		n++;
		if (q >= end || *q == '\n') {
			*p = q < end ? q + 1 : q;
			return n;
		}
		q++; /* the comma */
	}
}

/* csvlog: fixed columns (PostgreSQL 15: 26; 23 at least are needed). */
static void
read_csvlog(struct pg_reader *r, const char *data, size_t len)
{
	struct strbuf f[CSV_MIN_FIELDS];
	const char *p = data, *end = data + len;
	struct pg_entry e;
	size_t i, n;

	for (i = 0; i < CSV_MIN_FIELDS; i++)
		strbuf_init(&f[i]);
	while (p < end) {
		n = csv_record(&p, end, f, CSV_MIN_FIELDS);
		if (n < CSV_MIN_FIELDS)
			continue;
		e.session = f[CSV_SESSION].buf;
		e.app = f[CSV_APP].buf;
		e.severity = f[CSV_SEVERITY].buf;
		e.message = f[CSV_MESSAGE].buf;
		e.detail = f[CSV_DETAIL].buf;
		consume(r, &e);
	}
	for (i = 0; i < CSV_MIN_FIELDS; i++)
		strbuf_fini(&f[i]);
}

/*
 * A stderr line "SESSION [APP] LEVEL:  message" split in place; 0 when
 * the line is not one.
 */
static int
stderr_line(char *line, struct pg_entry *e)
{
	char *sp, *close, *lvl, *colon;

	sp = strstr(line, " [");
	if (sp == NULL || sp == line)
		return 0;
	*sp = '\0';
	e->session = line;
	for (close = sp + 2; (close = strstr(close, "] ")) != NULL; close++) {
		lvl = close + 2;
		colon = lvl;
		while (isupper((unsigned char)*colon) ||
		    isdigit((unsigned char)*colon))
			colon++;
		if (colon > lvl && strncmp(colon, ":  ", 3) == 0) {
			*close = '\0';
			*colon = '\0';
			e->app = sp + 2;
			e->severity = lvl;
			e->message = colon + 3;
			e->detail = NULL;
			return 1;
		}
	}
	return 0;
}

/* A DETAIL line of stderr: parameters of the session's last statement. */
static void
stderr_detail(struct pg_reader *r, const struct pg_entry *e)
{
	struct capture_stmt *st;
	char *sql;

	if (r->last_stmt < 0 || strncmp(e->message, "parameters: ", 12) != 0)
		return;
	st = &r->log->stmts[r->last_stmt];
	if (strcmp(r->sessions[st->process], e->session) != 0)
		return;
	sql = inline_parameters(st->sql, e->message);
	free(st->sql);
	st->sql = sql;
}

static void
stderr_flush(struct pg_reader *r, struct strbuf *cur)
{
	struct pg_entry e;

	if (cur->len == 0 || !stderr_line(cur->buf, &e))
		return;
	if (strcmp(e.severity, "DETAIL") == 0) {
		r->entries++;
		stderr_detail(r, &e);
	} else {
		consume(r, &e);
	}
}

/* stderr with log_line_prefix = '%c [%a] '. */
static void
read_stderr(struct pg_reader *r, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
	struct strbuf cur;

	strbuf_init(&cur);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (*p == '\t' && cur.len > 0) {
			strbuf_addc(&cur, '\n');
			strbuf_add(&cur, p + 1, (size_t)(nl - p - 1));
		} else {
			stderr_flush(r, &cur);
			strbuf_reset(&cur);
			strbuf_add(&cur, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	stderr_flush(r, &cur);
	strbuf_fini(&cur);
}

static int
is_transaction_start(const char *sql)
{
	while (isspace((unsigned char)*sql))
		sql++;
	return strncasecmp(sql, "BEGIN", 5) == 0 ||
	    strncasecmp(sql, "START TRANSACTION", 17) == 0;
}

static int
is_transaction_end(const char *sql)
{
	while (isspace((unsigned char)*sql))
		sql++;
	if (strncasecmp(sql, "ROLLBACK", 8) == 0)
		return strcasestr(sql, " TO ") == NULL;
	return strncasecmp(sql, "COMMIT", 6) == 0 ||
	    strncasecmp(sql, "END", 3) == 0 ||
	    strncasecmp(sql, "ABORT", 5) == 0;
}

/* Does any statement of the log name its test? */
static int
any_test_named(const struct capture_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		if (log->stmts[i].test[0] != '\0' ||
		    strstr(log->stmts[i].sql, "'dbbench:test ") != NULL)
			return 1;
	return 0;
}

/*
 * The last resort when no session names a test: each top-level
 * transaction is a test, its BEGIN the fixture's setup and its end the
 * fixture's teardown.
 */
static void
split_by_transactions(struct pg_reader *r, unsigned session)
{
	struct capture_stmt *st;
	size_t i, n = 0;
	int in_tx = 0;

	for (i = 0; i < r->log->n; i++) {
		st = &r->log->stmts[i];
		if (st->process != session)
			continue;
		if (!in_tx && is_transaction_start(st->sql)) {
			in_tx = 1;
			n++;
			free(st->test);
			st->test = xasprintf("%s#%zu", r->sessions[session], n);
			st->phase = PHASE_SETUP;
		} else if (in_tx) {
			free(st->test);
			st->test = xasprintf("%s#%zu", r->sessions[session], n);
			st->phase = is_transaction_end(st->sql) ? PHASE_TEARDOWN :
								  PHASE_CALL;
			in_tx = st->phase != PHASE_TEARDOWN;
		}
	}
}

/* Read a whole PostgreSQL log into log; the format is told by content. */
int
capture_pglog_parse(const char *data, size_t len, struct capture_log *log,
    struct db_error *err)
{
	struct pg_reader r;
	size_t i, start = 0;
	int named;

	memset(&r, 0, sizeof r);
	r.log = log;
	r.last_stmt = -1;
	while (start < len && isspace((unsigned char)data[start]))
		start++;
	if (start < len && data[start] == '{')
		read_jsonlog(&r, data, len);
	else {
		read_csvlog(&r, data, len);
		if (r.entries == 0)
			read_stderr(&r, data, len);
	}
	named = any_test_named(log);
	for (i = 0; !named && i < r.n_sessions; i++)
		split_by_transactions(&r, (unsigned)i);
	log->processes = r.n_sessions;
	log->processes_with_sql = r.n_sessions;
	log->connections = r.n_sessions;
	for (i = 0; i < r.n_sessions; i++)
		free(r.sessions[i]);
	free(r.sessions);
	if (r.entries == 0)
		return db_error_set(err, DB_EUSAGE,
		    "not a PostgreSQL log: no entry in csvlog, jsonlog or "
		    "stderr with log_line_prefix = '%%c [%%a] '");
	if (log->n == 0)
		return db_error_set(err, DB_EUSAGE,
		    "no statements in the log (%zu entries): set log_statement "
		    "= 'all'", r.entries);
	return DB_OK;
}
