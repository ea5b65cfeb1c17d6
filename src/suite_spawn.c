/*
 * suite_spawn.c - one run of the user's command: placeholders, the
 * environment, posix_spawnp, and waiting with a timeout
 *
 * The command is started directly (posix_spawnp, no shell) in a process
 * group of its own, with standard input from /dev/null and, unless
 * --show-output, its output to /dev/null.  Its wall time is read from
 * CLOCK_MONOTONIC just before the spawn and just after wait4() returns;
 * its CPU times and peak memory are wait4()'s rusage, which on Linux
 * includes every descendant the command waited for (pytest-xdist's
 * workers are), and whose ru_maxrss is the largest single process among
 * them, not a sum.  The end of the child is watched through a pidfd, so
 * a finished run is seen at once and a --timeout or a stop request can
 * interrupt the wait.  --prepare is a shell line and goes through
 * /bin/sh -c, untimed.  --startup has its placeholders replaced, is split
 * into words as the shell would (wordexp(3): quotes and $VARIABLES, no
 * command substitution), and is started directly like the command, so
 * that it is timed the same way.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wordexp.h>

#include "clock.h"
#include "session.h"
#include "strbuf.h"
#include "suite.h"
#include "xmalloc.h"

extern char **environ;

/* Grace between SIGTERM and SIGKILL for a timed-out or stopped run. */
#define KILL_GRACE_MS 2000
/* The longest a wait sleeps before looking at the stop flag again. */
#define WAIT_SLICE_MS 200

static int
is_name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (!first && c >= '0' && c <= '9');
}

/* The value of placeholder name under cfg, or NULL with err set. */
static const char *
placeholder_value(const char *name, const struct suite_options *opts,
    const struct suite_config *cfg, const char *junit_path, char *buf,
    size_t len, struct db_error *err)
{
	size_t i;

	if (strcmp(name, "strategy") == 0) {
		if (opts->strategies == NULL)
			db_error_set(err, DB_EUSAGE,
			    "suite: {strategy} has no value: give "
			    "-s/--strategy LIST");
		return opts->strategies && cfg ? cfg->strategy : "";
	}
	if (strcmp(name, "workers") == 0) {
		if (opts->workers == NULL) {
			db_error_set(err, DB_EUSAGE,
			    "suite: {workers} has no value: give -j/--workers "
			    "LIST");
			return NULL;
		}
		snprintf(buf, len, "%u", cfg ? cfg->workers : 0);
		return buf;
	}
	if (strcmp(name, "junit") == 0) {
		if (!opts->junit)
			db_error_set(err, DB_EUSAGE,
			    "suite: {junit} has no value: give --junit");
		return opts->junit && junit_path ? junit_path : "";
	}
	for (i = 0; i < opts->n_params; i++)
		if (strcmp(opts->params[i].name, name) == 0)
			return cfg ? cfg->param_values[i] : "";
	db_error_set(err, DB_EUSAGE,
	    "suite: {%s} has no value: give --param %s=V1,V2", name, name);
	return NULL;
}

/*
 * arg with "{name}" replaced by its value and "{{" by "{".  A brace not
 * followed by a name and "}" stays as it is.  cfg NULL: only check.
 */
int
suite_substitute(const char *arg, const struct suite_options *opts,
    const struct suite_config *cfg, const char *junit_path, char **out,
    struct db_error *err)
{
	struct strbuf sb;
	const char *p = arg, *q, *v;
	char name[64], num[24];
	size_t len;

	strbuf_init(&sb);
	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '{') {
			strbuf_addc(&sb, '{');
			p += 2;
			continue;
		}
		if (p[0] != '{' || !is_name_char(p[1], 1)) {
			strbuf_addc(&sb, *p++);
			continue;
		}
		for (q = p + 1; is_name_char(*q, 0); q++)
			;
		len = (size_t)(q - p - 1);
		if (*q != '}' || len >= sizeof name) {
			strbuf_addc(&sb, *p++);
			continue;
		}
		memcpy(name, p + 1, len);
		name[len] = '\0';
		v = placeholder_value(name, opts, cfg, junit_path, num,
		    sizeof num, err);
		if (err->code != DB_OK) {
			strbuf_fini(&sb);
			return err->code;
		}
		strbuf_adds(&sb, v);
		p = q + 1;
	}
	*out = strbuf_detach(&sb);
	return DB_OK;
}

static void free_strv(char **v);

/*
 * --startup with the placeholders of cfg replaced (cfg NULL: only check),
 * then split into words.
 */
static int
startup_words(const struct suite_options *opts,
    const struct suite_config *cfg, char ***out, struct db_error *err)
{
	wordexp_t we;
	char *line = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (strstr(opts->startup, "{junit}") != NULL)
		return db_error_set(err, DB_EUSAGE,
		    "suite: --startup: {junit} is for the test command only");
	rc = suite_substitute(opts->startup, opts, cfg, NULL, &line, err);
	if (rc != DB_OK)
		return rc;
	rc = wordexp(line, &we, WRDE_NOCMD);
	free(line);
	if (rc != 0)
		return db_error_set(err, DB_EUSAGE,
		    "suite: --startup '%s' cannot be split into words (an "
		    "unclosed quote, a $(...), or one of | & ; < > ( ) { })",
		    opts->startup);
	if (we.we_wordc == 0) {
		wordfree(&we);
		return db_error_set(err, DB_EUSAGE,
		    "suite: --startup '%s' has no command", opts->startup);
	}
	*out = xcalloc(we.we_wordc + 1, sizeof **out);
	for (i = 0; i < we.we_wordc; i++)
		(*out)[i] = xstrdup(we.we_wordv[i]);
	wordfree(&we);
	return DB_OK;
}

int
suite_check_placeholders(const struct suite_options *opts,
    struct db_error *err)
{
	char *s = NULL;
	size_t i;
	int rc = DB_OK;

	for (i = 0; rc == DB_OK && i < opts->n_command; i++) {
		rc = suite_substitute(opts->command[i], opts, NULL, NULL, &s,
		    err);
		free(s);
		s = NULL;
	}
	if (rc == DB_OK && opts->prepare != NULL) {
		rc = suite_substitute(opts->prepare, opts, NULL, NULL, &s,
		    err);
		free(s);
	}
	if (rc == DB_OK && opts->startup != NULL) {
		char **words = NULL;

		rc = startup_words(opts, NULL, &words, err);
		free_strv(words);
	}
	return rc;
}

int
suite_check_program(const char *program, struct db_error *err)
{
	const char *path, *p, *colon;
	char *dir, *full;
	int found = 0;

	if (strchr(program, '/') != NULL) {
		if (access(program, X_OK) == 0)
			return DB_OK;
		return db_error_set(err, DB_EUSAGE,
		    "suite: command '%s' cannot be run: %s", program,
		    strerror(errno));
	}
	path = getenv("PATH");
	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; !found; p = colon + 1) {
		colon = strchr(p, ':');
		dir = colon ? xstrndup(p, (size_t)(colon - p)) : xstrdup(p);
		full = xasprintf("%s/%s", dir[0] ? dir : ".", program);
		found = access(full, X_OK) == 0;
		free(full);
		free(dir);
		if (colon == NULL)
			break;
	}
	if (found)
		return DB_OK;
	return db_error_set(err, DB_EUSAGE,
	    "suite: command '%s' not found in PATH", program);
}

/* "DBBENCH_PARAM_" + NAME in capitals. */
static char *
param_env_name(const char *name)
{
	char *s = xasprintf("DBBENCH_PARAM_%s", name);
	char *p;

	for (p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static void
env_set(char ***env, size_t *n, const char *name, const char *value)
{
	size_t i, len = strlen(name);

	for (i = 0; i < *n; i++)
		if (strncmp((*env)[i], name, len) == 0 &&
		    (*env)[i][len] == '=') {
			free((*env)[i]);
			(*env)[i] = xasprintf("%s=%s", name, value);
			return;
		}
	*env = xreallocarray(*env, *n + 2, sizeof **env);
	(*env)[(*n)++] = xasprintf("%s=%s", name, value);
	(*env)[*n] = NULL;
}

/* Our environment plus the configuration's DBBENCH_* variables. */
static char **
build_env(const struct suite_options *opts, const struct suite_config *cfg,
    const char *junit_path)
{
	char **env = NULL, *name, num[24];
	size_t n = 0, i;

	for (i = 0; environ[i] != NULL; i++)
		;
	env = xcalloc(i + 1, sizeof *env);
	for (n = 0; n < i; n++)
		env[n] = xstrdup(environ[n]);
	if (opts->strategies != NULL)
		env_set(&env, &n, "DBBENCH_STRATEGY", cfg->strategy);
	if (opts->workers != NULL) {
		snprintf(num, sizeof num, "%u", cfg->workers);
		env_set(&env, &n, "DBBENCH_WORKERS", num);
	}
	if (opts->junit && junit_path != NULL)
		env_set(&env, &n, "DBBENCH_JUNIT", junit_path);
	for (i = 0; i < opts->n_params; i++) {
		name = param_env_name(opts->params[i].name);
		env_set(&env, &n, name, cfg->param_values[i]);
		free(name);
	}
	return env;
}

static void
free_strv(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static int
spawn_setup(posix_spawn_file_actions_t *fa, posix_spawnattr_t *attr,
    int quiet_output)
{
	sigset_t none, dfl;

	posix_spawn_file_actions_init(fa);
	posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0);
	if (quiet_output) {
		posix_spawn_file_actions_addopen(fa, 1, "/dev/null", O_WRONLY,
		    0);
		posix_spawn_file_actions_adddup2(fa, 1, 2);
	}
	posix_spawnattr_init(attr);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGPIPE);
	posix_spawnattr_setsigmask(attr, &none);
	posix_spawnattr_setsigdefault(attr, &dfl);
	posix_spawnattr_setpgroup(attr, 0);
	return posix_spawnattr_setflags(attr,
	    POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
		POSIX_SPAWN_SETSIGDEF);
}

/* Wait up to ms for pid to end (pidfd when there is one).  1: ended. */
static int
wait_ready(int pidfd, pid_t pid, int ms)
{
	struct pollfd pfd;
	struct timespec ts = { 0, 1000000 };
	siginfo_t si;
	int waited = 0;

	if (pidfd >= 0) {
		pfd.fd = pidfd;
		pfd.events = POLLIN;
		return poll(&pfd, 1, ms) > 0;
	}
	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) ==
			0 &&
		    si.si_pid == pid)
			return 1;
		if (waited >= ms)
			return 0;
		nanosleep(&ts, NULL);
		waited++;
	}
}

/* SIGTERM to the group, then SIGKILL after the grace period. */
static void
kill_group(int pidfd, pid_t pid)
{
	kill(-pid, SIGTERM);
	if (!wait_ready(pidfd, pid, KILL_GRACE_MS))
		kill(-pid, SIGKILL);
	/* the rest of the group, even when the leader went first */
	kill(-pid, SIGKILL);
}

/*
 * Wait for pid with the run's timeout (0: none).  *timed_out: killed by
 * it.  DB_EINTR when a stop was requested (the group is killed).
 */
static int
wait_child(pid_t pid, int64_t t0, double timeout, int *status,
    struct rusage *ru, int *timed_out)
{
	int64_t deadline = timeout > 0 ? t0 + (int64_t)(timeout * 1e9) : 0;
	int pidfd, ms, rc = DB_OK;

	*timed_out = 0;
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		ms = WAIT_SLICE_MS;
		if (deadline != 0) {
			int64_t left = deadline - clock_now_ns();

			if (left <= 0) {
				*timed_out = 1;
				kill_group(pidfd, pid);
				break;
			}
			if (left / 1000000 + 1 < ms)
				ms = (int)(left / 1000000 + 1);
		}
		if (runner_stop_requested) {
			kill_group(pidfd, pid);
			rc = DB_EINTR;
			break;
		}
		if (wait_ready(pidfd, pid, ms))
			break;
	}
	while (wait4(pid, status, 0, ru) < 0 && errno == EINTR)
		;
	if (pidfd >= 0)
		close(pidfd);
	return rc;
}

static int64_t
tv_ns(const struct timeval *tv)
{
	return (int64_t)tv->tv_sec * NS_PER_SEC + (int64_t)tv->tv_usec * 1000;
}

/*
 * Spawn argv with env and wait.  path: search PATH.  DB_OK with *s
 * filled (the wall time and rusage), DB_EUSAGE when it cannot be
 * started, DB_EINTR on a stop request.
 */
static int
spawn_and_wait(char *const argv[], char *const env[],
    const struct suite_options *opts, int quiet_output,
    struct suite_sample *s, struct db_error *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct rusage ru;
	int64_t t0, t1;
	pid_t pid;
	int rc, status = 0, timed_out;

	spawn_setup(&fa, &attr, quiet_output);
	t0 = clock_now_ns();
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc != 0)
		return db_error_set(err, DB_EUSAGE,
		    "suite: cannot run '%s': %s", argv[0], strerror(rc));
	memset(&ru, 0, sizeof ru);
	rc = wait_child(pid, t0, opts->timeout, &status, &ru, &timed_out);
	t1 = clock_now_ns();
	memset(s, 0, sizeof *s);
	s->wall_ns = t1 - t0;
	s->user_ns = tv_ns(&ru.ru_utime);
	s->sys_ns = tv_ns(&ru.ru_stime);
	s->max_rss_kb = ru.ru_maxrss;
	if (timed_out) {
		s->end = SUITE_TIMEOUT;
	} else if (WIFSIGNALED(status)) {
		s->end = SUITE_SIGNALED;
		s->status = WTERMSIG(status);
	} else {
		s->end = SUITE_EXITED;
		s->status = WEXITSTATUS(status);
	}
	if (rc == DB_EINTR)
		return db_error_set(err, DB_EINTR, "interrupted");
	return DB_OK;
}

/* --prepare through /bin/sh -c; a non-zero exit is a runtime error. */
static int
run_prepare(const struct suite_options *opts,
    const struct suite_config *cfg, char *const env[],
    const char *junit_path, struct db_error *err)
{
	struct suite_sample s;
	char *line = NULL, *argv[4];
	int rc;

	rc = suite_substitute(opts->prepare, opts, cfg, junit_path, &line,
	    err);
	if (rc != DB_OK)
		return rc;
	argv[0] = (char *)"/bin/sh";
	argv[1] = (char *)"-c";
	argv[2] = line;
	argv[3] = NULL;
	rc = spawn_and_wait(argv, env, opts, !opts->show_output, &s, err);
	free(line);
	if (rc != DB_OK)
		return rc;
	if (s.end == SUITE_TIMEOUT)
		return db_error_set(err, DB_EIO,
		    "suite: --prepare timed out after %g s", opts->timeout);
	if (s.end != SUITE_EXITED || s.status != 0)
		return db_error_set(err, DB_EIO,
		    "suite: --prepare '%s' failed (%s %d)", opts->prepare,
		    s.end == SUITE_EXITED ? "exit status" : "signal",
		    s.status);
	return DB_OK;
}

int
suite_spawn_run(const struct suite_options *opts,
    const struct suite_config *cfg, const char *junit_path,
    struct suite_sample *s, struct db_error *err)
{
	char **argv, **env;
	size_t i;
	int rc = DB_OK;

	env = build_env(opts, cfg, junit_path);
	if (opts->prepare != NULL)
		rc = run_prepare(opts, cfg, env, junit_path, err);
	argv = xcalloc(opts->n_command + 1, sizeof *argv);
	for (i = 0; rc == DB_OK && i < opts->n_command; i++)
		rc = suite_substitute(opts->command[i], opts, cfg, junit_path,
		    &argv[i], err);
	if (rc == DB_OK)
		rc = spawn_and_wait(argv, env, opts, !opts->show_output, s,
		    err);
	free_strv(argv);
	free_strv(env);
	return rc;
}

int
suite_spawn_startup(const struct suite_options *opts,
    const struct suite_config *cfg, struct suite_sample *s,
    struct db_error *err)
{
	char **argv = NULL, **env;
	int rc;

	rc = startup_words(opts, cfg, &argv, err);
	if (rc == DB_OK) {
		env = build_env(opts, cfg, NULL);
		rc = spawn_and_wait(argv, env, opts, !opts->show_output, s,
		    err);
		free_strv(env);
	}
	free_strv(argv);
	return rc;
}
