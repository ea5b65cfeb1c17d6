/*
 * dbbench_trace.c - the preload library of "dbbench capture" for SQLite
 *
 * Loaded with LD_PRELOAD into every process the captured command starts.
 * When DBBENCH_CAPTURE_DIR names a folder, it interposes sqlite3_open and
 * sqlite3_open_v2 (the real ones are found with dlsym(RTLD_NEXT), or in
 * the loaded libsqlite3.so.0 itself),
 * registers sqlite3_trace_v2 on each connection, and records every
 * statement as run, with its bound values (sqlite3_expanded_sql), its
 * result code and the test it ran in.  sqlite3_step, sqlite3_reset and
 * sqlite3_finalize are interposed too, only to learn how a statement ended:
 * the first step that returns something other than SQLITE_ROW gives the
 * statement's result code; a statement reset or finalized before that ran
 * without error.
 *
 * Each process writes its own record file, DIR/trace-PID[-N].rec, created
 * when the library loads (so that dbbench can tell "not loaded" from "no
 * connection") and appended to in 64 KiB buffered writes: when the buffer
 * fills, when a test phase changes, when a connection closes and at exit
 * (_exit() too, which skips destructors).
 * A forked child drops the parent's buffer and starts a file of its own.
 * A mutex makes it safe in threaded programs.  Nothing here changes what
 * the program does: every call returns what the real function returned,
 * and the library's own failures (memory, I/O) are counted in the file's
 * trailer, never reported to the program.
 *
 * The record format (read by src/capture_trace.c):
 *   "dbbench-trace 1 PID\n"                          file header
 *   "o SEQ CONN LEN\n" NAME "\n"                     a connection opened
 *   "s SEQ NS CONN RC SRC ENVLEN SQLLEN\n" ENV SQL "\n"
 *                                                    a statement: SEQ its
 *       start order in the process, NS its start (CLOCK_REALTIME), SRC
 *       'p' (ENV is PYTEST_CURRENT_TEST), 'd' (DBBENCH_TEST) or '-' (none)
 *   "e RECORDS ERRORS\n"                              trailer, at exit
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define EXPORT __attribute__((visibility("default")))
#define BUF_SIZE (64 * 1024)
#define MAX_PENDING 256 /* statements started and not yet ended */

struct pending {
	sqlite3_stmt *stmt;
	unsigned long long seq;
	long long ns;
	unsigned conn;
	char src;
	char *env; /* malloc'd */
	char *sql; /* from sqlite3_expanded_sql; sqlite3_free'd */
};

struct conn_tag {
	unsigned id;
};

typedef int (*open_fn)(const char *, sqlite3 **);
typedef int (*open_v2_fn)(const char *, sqlite3 **, int, const char *);
typedef int (*stmt_fn)(sqlite3_stmt *);
typedef int (*trace_v2_fn)(sqlite3 *, unsigned,
    int (*)(unsigned, void *, void *, void *), void *);
typedef char *(*expanded_fn)(sqlite3_stmt *);
typedef void (*free_fn)(void *);
typedef void *(*malloc_fn)(int);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *dir;	  /* DBBENCH_CAPTURE_DIR, or NULL: pass through */
static int fd = -1;	  /* this process's record file */
static pid_t owner;	  /* the process the file belongs to */
static char buf[BUF_SIZE];
static size_t buf_len;
static unsigned long long records, errors, next_seq;
static unsigned next_conn;
static char last_phase[512];
static struct pending pending[MAX_PENDING];
static size_t n_pending;

static open_fn real_open;
static open_v2_fn real_open_v2;
static stmt_fn real_step, real_reset, real_finalize;
static trace_v2_fn real_trace_v2;
static expanded_fn real_expanded_sql;
static free_fn real_free;
static malloc_fn real_malloc;
static stmt_fn real_bind_count;

/*
 * The real function: the next definition in the global scope, or, when
 * libsqlite3 was loaded with a module (Python's _sqlite3 is dlopen'ed, so
 * its libsqlite3 is in that module's scope only), that library's own.
 */
static void *
find_next(const char *name)
{
	static const char *const sonames[] = { "libsqlite3.so.0",
		"libsqlite3.so" };
	void *f, *h;
	size_t i;

	f = dlsym(RTLD_NEXT, name);
	for (i = 0; f == NULL && i < sizeof sonames / sizeof *sonames; i++) {
		h = dlopen(sonames[i], RTLD_LAZY | RTLD_NOLOAD);
		if (h == NULL)
			continue;
		f = dlsym(h, name);
		dlclose(h);
	}
	return f;
}

/* Resolve what the library calls in libsqlite3, once. */
static void
resolve(void)
{
	if (real_open_v2 != NULL)
		return;
	real_open = (open_fn)find_next("sqlite3_open");
	real_step = (stmt_fn)find_next("sqlite3_step");
	real_reset = (stmt_fn)find_next("sqlite3_reset");
	real_finalize = (stmt_fn)find_next("sqlite3_finalize");
	real_trace_v2 = (trace_v2_fn)find_next("sqlite3_trace_v2");
	real_expanded_sql = (expanded_fn)find_next("sqlite3_expanded_sql");
	real_free = (free_fn)find_next("sqlite3_free");
	real_malloc = (malloc_fn)find_next("sqlite3_malloc");
	real_bind_count = (stmt_fn)find_next("sqlite3_bind_parameter_count");
	real_open_v2 = (open_v2_fn)find_next("sqlite3_open_v2");
}

/* Write all of p; count a failure, never report it. */
static void
write_all(const char *p, size_t len)
{
	ssize_t n;

	while (fd >= 0 && len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errors++;
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

static void
flush_locked(void)
{
	write_all(buf, buf_len);
	buf_len = 0;
}

static void
append(const char *p, size_t len)
{
	if (buf_len + len > BUF_SIZE)
		flush_locked();
	if (len > BUF_SIZE) {
		write_all(p, len);
		return;
	}
	memcpy(buf + buf_len, p, len);
	buf_len += len;
}

/* Create this process's record file: trace-PID.rec, or -1, -2... */
static void
open_record_file(void)
{
	char path[4096], head[64];
	int i, n;

	owner = getpid();
	for (i = 0; i < 100 && fd < 0; i++) {
		if (i == 0)
			n = snprintf(path, sizeof path, "%s/trace-%ld.rec",
			    dir, (long)owner);
		else
			n = snprintf(path, sizeof path, "%s/trace-%ld-%d.rec",
			    dir, (long)owner, i);
		if (n < 0 || (size_t)n >= sizeof path)
			break;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND |
			O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		errors++;
		return;
	}
	n = snprintf(head, sizeof head, "dbbench-trace 1 %ld\n", (long)owner);
	write_all(head, (size_t)n);
}

/* The file is this process's: after fork() the child makes its own. */
static void
ensure_file(void)
{
	if (owner != getpid()) {
		if (fd >= 0)
			close(fd);
		fd = -1;
		buf_len = 0;
		n_pending = 0; /* the parent's; its strings are leaked */
		records = errors = 0;
		open_record_file();
	}
}

static void
at_fork_child(void)
{
	pthread_mutex_init(&lock, NULL);
}

__attribute__((constructor)) static void
trace_init(void)
{
	const char *d = getenv("DBBENCH_CAPTURE_DIR");

	if (d == NULL || d[0] == '\0')
		return;
	dir = strdup(d);
	if (dir == NULL)
		return;
	resolve();
	pthread_atfork(NULL, NULL, at_fork_child);
	open_record_file();
}

/* The trailer and the buffer to disk; wait: block on the lock, else give
 * up when it is held (_exit from a signal handler may interrupt a holder). */
static void
finish(int wait)
{
	char tail[96];
	int n;

	/*
	 * A child that ran no SQL has nothing to write, and one made by
	 * vfork() shares the parent's memory: touch nothing then.
	 */
	if (dir == NULL || fd < 0 || owner != getpid())
		return;
	if (wait)
		pthread_mutex_lock(&lock);
	else if (pthread_mutex_trylock(&lock) != 0)
		return;
	n = snprintf(tail, sizeof tail, "e %llu %llu\n", records, errors);
	append(tail, (size_t)n);
	flush_locked();
	pthread_mutex_unlock(&lock);
}

__attribute__((destructor)) static void
trace_fini(void)
{
	finish(1);
}

/* Which test the process is in: its source and the value. */
static const char *
current_test(char *src)
{
	const char *v = getenv("PYTEST_CURRENT_TEST");

	if (v != NULL) {
		*src = 'p';
		return v;
	}
	v = getenv("DBBENCH_TEST");
	if (v != NULL) {
		*src = 'd';
		return v;
	}
	*src = '-';
	return "";
}

static void
write_record(const struct pending *p, int rc)
{
	char head[160];
	const char *sql = p->sql != NULL ? p->sql : "";
	size_t env_len = strlen(p->env), sql_len = strlen(sql);
	int n;

	n = snprintf(head, sizeof head, "s %llu %lld %u %d %c %zu %zu\n",
	    p->seq, p->ns, p->conn, rc, p->src, env_len, sql_len);
	append(head, (size_t)n);
	append(p->env, env_len);
	append(sql, sql_len);
	append("\n", 1);
	records++;
}

static void
end_pending(size_t i, int rc)
{
	write_record(&pending[i], rc);
	free(pending[i].env);
	if (pending[i].sql != NULL && real_free != NULL)
		real_free(pending[i].sql);
	pending[i] = pending[--n_pending];
}

static long
find_pending(const sqlite3_stmt *stmt)
{
	size_t i;

	for (i = 0; i < n_pending; i++)
		if (pending[i].stmt == stmt)
			return (long)i;
	return -1;
}

/*
 * The statement's text with its bound values, in memory from sqlite3_malloc
 * (freed with real_free).  sqlite3_expanded_sql is most of the library's
 * cost per statement, so a statement without parameters takes a copy of
 * the text the trace gave instead.
 */
static char *
expand(sqlite3_stmt *stmt, const char *x)
{
	size_t len;
	char *copy;

	if (real_bind_count != NULL && x != NULL && real_malloc != NULL &&
	    real_bind_count(stmt) == 0 && strlen(x) < 0x7fffffff) {
		len = strlen(x);
		copy = real_malloc((int)len + 1);
		if (copy != NULL)
			memcpy(copy, x, len + 1);
		return copy;
	}
	return real_expanded_sql != NULL ? real_expanded_sql(stmt) : NULL;
}

/* SQLITE_TRACE_STMT: a statement starts; keep it until it ends. */
static void
statement_started(struct conn_tag *tag, sqlite3_stmt *stmt, const char *x)
{
	struct pending *p;
	struct timespec ts;
	const char *env;
	char src;
	long i;

	if (x != NULL && strncmp(x, "--", 2) == 0)
		return; /* a trigger's program, part of its statement */
	env = current_test(&src);
	clock_gettime(CLOCK_REALTIME, &ts);
	pthread_mutex_lock(&lock);
	ensure_file();
	if (strcmp(env, last_phase) != 0) {
		flush_locked(); /* a phase ended: its records reach disk */
		snprintf(last_phase, sizeof last_phase, "%s", env);
	}
	i = find_pending(stmt);
	if (i >= 0)
		end_pending((size_t)i, SQLITE_OK); /* re-run without reset */
	if (n_pending == MAX_PENDING)
		end_pending(0, SQLITE_OK);
	p = &pending[n_pending];
	p->stmt = stmt;
	p->seq = next_seq++;
	p->ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	p->conn = tag->id;
	p->src = src;
	p->env = strdup(env);
	p->sql = expand(stmt, x);
	if (p->env == NULL || p->sql == NULL) {
		errors++;
		free(p->env);
		if (p->sql != NULL && real_free != NULL)
			real_free(p->sql);
	} else {
		n_pending++;
	}
	pthread_mutex_unlock(&lock);
}

static int
on_trace(unsigned type, void *ctx, void *p, void *x)
{
	if (type == SQLITE_TRACE_STMT)
		statement_started(ctx, p, x);
	else if (type == SQLITE_TRACE_CLOSE) {
		pthread_mutex_lock(&lock);
		flush_locked();
		pthread_mutex_unlock(&lock);
		free(ctx);
	}
	return 0;
}

/* A statement ended with rc, if it was running. */
static void
statement_ended(sqlite3_stmt *stmt, int rc)
{
	long i;

	if (dir == NULL || stmt == NULL)
		return;
	pthread_mutex_lock(&lock);
	if (owner == getpid()) {
		i = find_pending(stmt);
		if (i >= 0)
			end_pending((size_t)i, rc);
	}
	pthread_mutex_unlock(&lock);
}

/* Register the trace on a connection just opened. */
static void
watch(sqlite3 *db, const char *name)
{
	struct conn_tag *tag;
	char head[96];
	int n;

	if (dir == NULL || db == NULL || real_trace_v2 == NULL)
		return;
	tag = malloc(sizeof *tag);
	if (tag == NULL) {
		errors++;
		return;
	}
	if (name == NULL)
		name = "";
	pthread_mutex_lock(&lock);
	ensure_file();
	tag->id = next_conn++;
	n = snprintf(head, sizeof head, "o %llu %u %zu\n", next_seq, tag->id,
	    strlen(name));
	append(head, (size_t)n);
	append(name, strlen(name));
	append("\n", 1);
	pthread_mutex_unlock(&lock);
	if (real_trace_v2(db, SQLITE_TRACE_STMT | SQLITE_TRACE_CLOSE, on_trace,
		tag) != SQLITE_OK) {
		errors++;
		free(tag);
	}
}

/*
 * _exit() skips the destructors: a forked child or a worker that leaves
 * with os._exit() would lose its buffered records, so flush them first.
 */
EXPORT void
_exit(int status)
{
	void (*real_exit)(int) = (void (*)(int))dlsym(RTLD_NEXT, "_exit");

	finish(0);
	if (real_exit != NULL)
		real_exit(status);
	for (;;)
		; /* not reached: libc always has _exit */
}

EXPORT int
sqlite3_open_v2(const char *name, sqlite3 **db, int flags, const char *vfs)
{
	int rc;

	resolve();
	if (real_open_v2 == NULL)
		return SQLITE_ERROR;
	rc = real_open_v2(name, db, flags, vfs);
	if (rc == SQLITE_OK)
		watch(*db, name);
	return rc;
}

EXPORT int
sqlite3_open(const char *name, sqlite3 **db)
{
	int rc;

	resolve();
	if (real_open == NULL)
		return SQLITE_ERROR;
	rc = real_open(name, db);
	if (rc == SQLITE_OK)
		watch(*db, name);
	return rc;
}

EXPORT int
sqlite3_step(sqlite3_stmt *stmt)
{
	int rc;

	resolve();
	if (real_step == NULL)
		return SQLITE_MISUSE;
	rc = real_step(stmt);
	if (rc != SQLITE_ROW)
		statement_ended(stmt, rc == SQLITE_DONE ? SQLITE_OK : rc);
	return rc;
}

EXPORT int
sqlite3_reset(sqlite3_stmt *stmt)
{
	resolve();
	if (real_reset == NULL)
		return SQLITE_MISUSE;
	statement_ended(stmt, SQLITE_OK);
	return real_reset(stmt);
}

EXPORT int
sqlite3_finalize(sqlite3_stmt *stmt)
{
	resolve();
	if (real_finalize == NULL)
		return SQLITE_MISUSE;
	statement_ended(stmt, SQLITE_OK);
	return real_finalize(stmt);
}
