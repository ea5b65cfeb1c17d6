/*
 * capture_trace.c - reading the preload library's record files
 *
 * Each process the captured command started wrote one file (the format is
 * described at the top of src/preload/dbbench_trace.c).  A file is read
 * whole; a record cut short at the end of a file (a process killed while
 * writing) ends it; anything else that is not the format is bad input,
 * named with the file and the byte where it went wrong.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "strbuf.h"
#include "xmalloc.h"

#define FIELDS_MAX 8

struct cursor {
	const char *p, *end;
};

/* The next line, without its newline; 0 when none is left whole. */
static int
next_line(struct cursor *c, const char **line, size_t *len)
{
	const char *nl;

	if (c->p >= c->end)
		return 0;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	if (nl == NULL)
		return 0;
	*line = c->p;
	*len = (size_t)(nl - c->p);
	c->p = nl + 1;
	return 1;
}

/* Split a header line on spaces into at most FIELDS_MAX fields. */
static size_t
split(const char *line, size_t len, char fields[FIELDS_MAX][32])
{
	size_t n = 0, i = 0, k;

	while (i < len && n < FIELDS_MAX) {
		k = 0;
		while (i < len && line[i] != ' ') {
			if (k + 1 >= sizeof fields[0])
				return 0;
			fields[n][k++] = line[i++];
		}
		fields[n++][k] = '\0';
		i++;
	}
	return i >= len ? n : 0;
}

static int
number(const char *s, long long min, long long *out)
{
	char *end;

	if (s[0] == '\0')
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min;
}

/* "path::name (phase)" into the name and the phase. */
static void
pytest_test(const char *v, size_t len, struct capture_stmt *st)
{
	static const struct {
		const char *suffix;
		enum capture_phase phase;
	} phases[] = {
		{ " (setup)", PHASE_SETUP },
		{ " (call)", PHASE_CALL },
		{ " (teardown)", PHASE_TEARDOWN },
	};
	size_t i, sl;

	st->phase = PHASE_CALL;
	for (i = 0; i < sizeof phases / sizeof *phases; i++) {
		sl = strlen(phases[i].suffix);
		if (len >= sl &&
		    memcmp(v + len - sl, phases[i].suffix, sl) == 0) {
			st->phase = phases[i].phase;
			len -= sl;
			break;
		}
	}
	st->test = xstrndup(v, len);
}

/* Take len bytes of payload and the newline after them. */
static int
payload(struct cursor *c, size_t len, const char **out)
{
	if ((size_t)(c->end - c->p) < len + 1 || c->p[len] != '\n')
		return 0;
	*out = c->p;
	c->p += len + 1;
	return 1;
}

static void
add_stmt(struct capture_log *log, const struct capture_stmt *st)
{
	log->stmts = xreallocarray(log->stmts, log->n + 1, sizeof *log->stmts);
	log->stmts[log->n++] = *st;
}

/* An "s" record whose header fields are f[1..7]; payload follows. */
static int
statement_record(struct cursor *c, char f[FIELDS_MAX][32], unsigned process,
    struct capture_log *log)
{
	struct capture_stmt st;
	long long seq, ns, conn, rc, env_len, sql_len;
	const char *body;

	if (!number(f[1], 0, &seq) || !number(f[2], LLONG_MIN, &ns) ||
	    !number(f[3], 0, &conn) || conn > UINT_MAX ||
	    !number(f[4], INT_MIN, &rc) || strlen(f[5]) != 1 ||
	    strchr("pd-", f[5][0]) == NULL || !number(f[6], 0, &env_len) ||
	    !number(f[7], 0, &sql_len))
		return -1;
	if (env_len > (long long)(c->end - c->p) ||
	    sql_len > (long long)(c->end - c->p) ||
	    !payload(c, (size_t)(env_len + sql_len), &body))
		return 0; /* cut short */
	memset(&st, 0, sizeof st);
	if (f[5][0] == 'p')
		pytest_test(body, (size_t)env_len, &st);
	else {
		st.test = xstrndup(body, (size_t)env_len);
		st.phase = f[5][0] == 'd' ? PHASE_CALL : PHASE_NONE;
	}
	if (st.test[0] == '\0')
		st.phase = PHASE_NONE; /* an empty name names no test */
	st.sql = xstrndup(body + env_len, (size_t)sql_len);
	st.failed = rc != 0;
	st.process = process;
	st.conn = (unsigned)conn;
	st.seq = (unsigned long long)seq;
	st.ns = ns;
	add_stmt(log, &st);
	return 1;
}

/* Parse one record file's bytes into log. */
int
capture_trace_parse(const char *data, size_t len, unsigned process,
    struct capture_log *log, struct db_error *err)
{
	struct cursor c = { data, data + len };
	char f[FIELDS_MAX][32];
	const char *line, *name;
	size_t ll, n, conns = 0, stmts = 0;
	long long a, b;
	int rc;

	if (!next_line(&c, &line, &ll) || split(line, ll, f) != 3 ||
	    strcmp(f[0], "dbbench-trace") != 0 || strcmp(f[1], "1") != 0)
		return db_error_set(err, DB_EUSAGE,
		    "not a dbbench trace record file (no header)");
	log->processes++;
	while (next_line(&c, &line, &ll)) {
		n = split(line, ll, f);
		if (n == 4 && strcmp(f[0], "o") == 0 && number(f[1], 0, &a) &&
		    number(f[2], 0, &b) && number(f[3], 0, &a) &&
		    a <= (long long)(c.end - c.p)) {
			if (!payload(&c, (size_t)a, &name))
				break;
			conns++;
			continue;
		}
		if (n == 8 && strcmp(f[0], "s") == 0) {
			rc = statement_record(&c, f, process, log);
			if (rc == 0)
				break;
			if (rc > 0) {
				stmts++;
				continue;
			}
		}
		if (n == 3 && strcmp(f[0], "e") == 0 && number(f[1], 0, &a) &&
		    number(f[2], 0, &b)) {
			log->lib_errors += (unsigned long long)b;
			continue;
		}
		return db_error_set(err, DB_EUSAGE,
		    "bad trace record at byte %zu",
		    (size_t)(line - data));
	}
	log->connections += conns;
	if (conns > 0 || stmts > 0)
		log->processes_with_sql++;
	return DB_OK;
}

/* A whole file into sb. */
int
capture_read_file(const char *path, struct strbuf *sb, struct db_error *err)
{
	char chunk[65536];
	size_t n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return db_error_set(err, DB_EIO, "%s: %s", path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(sb, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return db_error_set(err, DB_EIO, "%s: read error", path);
	}
	fclose(f);
	return DB_OK;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read every trace-*.rec file of dir, in name order. */
int
capture_trace_read_dir(const char *dir, struct capture_log *log,
    struct db_error *err)
{
	struct dirent *de;
	struct strbuf sb;
	char **names = NULL, *path;
	size_t n = 0, i;
	DIR *d;
	int rc = DB_OK;

	d = opendir(dir);
	if (d == NULL)
		return db_error_set(err, DB_EIO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "trace-", 6) != 0 ||
		    strstr(de->d_name, ".rec") == NULL)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		strbuf_reset(&sb);
		if (rc == DB_OK)
			rc = capture_read_file(path, &sb, err);
		if (rc == DB_OK) {
			rc = capture_trace_parse(sb.buf, sb.len, (unsigned)i,
			    log, err);
			if (rc != DB_OK)
				db_error_prefix(err, "%s: ", names[i]);
		}
		free(path);
		free(names[i]);
	}
	strbuf_fini(&sb);
	free(names);
	return rc;
}

void
capture_log_fini(struct capture_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++) {
		free(log->stmts[i].sql);
		free(log->stmts[i].test);
	}
	free(log->stmts);
	memset(log, 0, sizeof *log);
}
