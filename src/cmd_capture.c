/*
 * cmd_capture.c - the "dbbench capture" command
 *
 *   dbbench capture -o DIR [--force] -- COMMAND [ARG...]
 *
 * Runs COMMAND (fork and exec, no shell) with the preload library
 * (libdbbench_trace.so) in LD_PRELOAD and a fresh record folder in
 * DBBENCH_CAPTURE_DIR, waits for it, reads what every process recorded,
 * and writes the workload folder DIR (capture.h names the pieces).
 * COMMAND's own exit status does not decide dbbench's: a suite with failing
 * tests is captured all the same, and the status is kept in capture.json.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture.h"
#include "capture_pglog.h"
#include "command.h"
#include "strbuf.h"
#include "xmalloc.h"

#define TRACE_LIB_NAME "libdbbench_trace.so"

static const char capture_help_text[] =
    "usage: dbbench capture -o DIR [--force] -- COMMAND [ARG...]\n"
    "       dbbench capture -o DIR [--force] --pg-log FILE\n"
    "\n"
    "Runs COMMAND (a test suite) with dbbench's SQLite trace library\n"
    "preloaded, and writes what the tests sent to SQLite as a workload\n"
    "folder: schema.sql and seed.sql (what the fixture ran before the first\n"
    "test), tests/NNNN-NAME.sql (each test's own statements; a statement\n"
    "that failed is marked expect-error) and capture.json (the command,\n"
    "counts, and the statements dropped and why).  Tests are told apart by\n"
    "PYTEST_CURRENT_TEST, DBBENCH_TEST or a marker statement\n"
    "SELECT 'dbbench:test NAME'.  Every process COMMAND starts is traced.\n"
    "With --pg-log, the statements come from a PostgreSQL server log\n"
    "written with log_statement = 'all' (csvlog, jsonlog, or stderr with\n"
    "log_line_prefix = '%c [%a] '); application_name 'test:NAME' or a\n"
    "marker names each test.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   the workload folder to write (must not exist)\n"
    "      --force        replace DIR when it is an earlier capture\n"
    "      --pg-log FILE  read a PostgreSQL log instead of running a "
    "command\n"
    "  -h, --help         this help\n"
    "\n"
    "Then run it: dbbench -w DIR; dbbench validate -w DIR.  See\n"
    "doc/capture.md.\n"
    "\n"
    "exit status: 0 written, 1 nothing captured (the library was not\n"
    "loaded, saw no SQLite connection, or no test ran SQL) or an I/O error,\n"
    "2 usage error or bad input (bad options, DIR exists or cannot be\n"
    "written, COMMAND cannot be run, FILE is not a PostgreSQL log or holds\n"
    "no statements).\n";

struct capture_opts {
	const char *output;
	const char *pg_log;
	int force;
	int help;
	char **command; /* argv's tail, NULL-terminated */
};

static int
parse(int argc, char **argv, struct capture_opts *o, struct db_error *err)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "pg-log", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:o:h", longs, NULL)) != -1) {
		if (opt == 'o')
			o->output = optarg;
		else if (opt == 'F')
			o->force = 1;
		else if (opt == 'P')
			o->pg_log = optarg;
		else if (opt == 'h')
			o->help = 1;
		else if (opt == ':')
			return db_error_set(err, DB_EUSAGE,
			    "capture: option '%s' needs a value",
			    argv[optind - 1]);
		else
			return db_error_set(err, DB_EUSAGE,
			    "capture: unknown option '%s'", argv[optind - 1]);
	}
	if (o->help)
		return DB_OK;
	if (o->output == NULL || o->output[0] == '\0')
		return db_error_set(err, DB_EUSAGE,
		    "capture: give the folder to write: dbbench capture -o "
		    "DIR -- COMMAND...");
	if (o->pg_log != NULL && optind < argc)
		return db_error_set(err, DB_EUSAGE,
		    "capture: --pg-log reads a log; it runs no command ('%s')",
		    argv[optind]);
	if (o->pg_log != NULL)
		return DB_OK;
	if (optind >= argc)
		return db_error_set(err, DB_EUSAGE,
		    "capture: give the command to run after --: dbbench "
		    "capture -o DIR -- COMMAND...");
	o->command = argv + optind;
	return DB_OK;
}

/* The library: $DBBENCH_TRACE_LIB, beside the binary, or installed. */
static char *
find_trace_lib(void)
{
	const char *env = getenv("DBBENCH_TRACE_LIB");
	char exe[4096], *slash, *path;
	ssize_t n;

	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			path = xasprintf("%s/%s", exe, TRACE_LIB_NAME);
			if (access(path, R_OK) == 0)
				return path;
			free(path);
		}
	}
	return xstrdup(DBBENCH_TRACE_LIB);
}

/* In the child: the environment, then exec; errno to fd on failure. */
static void
exec_child(char **command, const char *lib, const char *records, int fd)
{
	const char *pre = getenv("LD_PRELOAD");
	char *preload;
	int e;

	preload = pre != NULL && pre[0] != '\0' ?
	    xasprintf("%s:%s", lib, pre) :
	    xstrdup(lib);
	setenv("LD_PRELOAD", preload, 1);
	setenv("DBBENCH_CAPTURE_DIR", records, 1);
	execvp(command[0], command);
	e = errno;
	if (write(fd, &e, sizeof e) < 0)
		e = 0;
	_exit(127);
}

/* Run the command; its exit status in *status (-1: killed). */
static int
run_command_traced(char **command, const char *lib, const char *records,
    int *status, struct db_error *err)
{
	int pipefd[2], e = 0, ws;
	ssize_t n;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return db_error_set(err, DB_EIO, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return db_error_set(err, DB_EIO, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		close(pipefd[0]);
		exec_child(command, lib, records, pipefd[1]);
	}
	close(pipefd[1]);
	do
		n = read(pipefd[0], &e, sizeof e);
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof e)
		return db_error_set(err, DB_EUSAGE, "capture: cannot run '%s': "
		    "%s", command[0], strerror(e));
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	return DB_OK;
}

/* Why nothing was captured, when nothing was. */
static int
check_captured(const struct capture_log *log, const char *cmd,
    const struct capture_workload *wl, struct db_error *err)
{
	if (log->processes == 0)
		return db_error_set(err, DB_EBACKEND,
		    "capture: the trace library was not loaded into '%s' "
		    "(LD_PRELOAD ignored: a setuid or static program, or "
		    "cleared on the way): nothing captured", cmd);
	if (log->processes_with_sql == 0)
		return db_error_set(err, DB_EBACKEND,
		    "capture: the trace library saw no SQLite connection in "
		    "'%s' (SQLite linked statically, or no database opened): "
		    "nothing captured", cmd);
	if (wl->n_tests == 0)
		return db_error_set(err, DB_EBACKEND,
		    "capture: no test ran SQL of its own (%zu statements, "
		    "%zu tests named): nothing written", log->n,
		    wl->tests_seen);
	return DB_OK;
}

/* What was written; status -2: from a log, no command. */
static void
summary(const char *dir, const struct capture_workload *wl,
    const struct capture_log *log, int status)
{
	printf("dbbench capture: %zu test%s written to %s (%zu named, %zu "
	       "without SQL of their own, %zu duplicate bodies folded), "
	       "schema %zu statements, seed %zu, %zu expected errors, %zu "
	       "statements dropped (see %s/capture.json)\n",
	    wl->n_tests, wl->n_tests == 1 ? "" : "s", dir, wl->tests_seen,
	    wl->tests_empty, wl->duplicates, wl->n_schema, wl->n_seed,
	    wl->expected_errors, wl->n_drops, dir);
	if (status == -2) {
		printf("dbbench capture: %zu statements from %zu sessions of "
		       "the log\n",
		    log->n, log->processes);
		return;
	}
	printf("dbbench capture: %zu statements from %zu processes (%zu with "
	       "SQLite connections), the command exited %d%s\n",
	    log->n, log->processes, log->processes_with_sql, status,
	    log->lib_errors > 0 ? "; the library lost records (see "
				  "capture.json)" : "");
}

/* --pg-log: the statements of a PostgreSQL log into a workload. */
static int
capture_pg_log(const struct capture_opts *o, struct db_error *err)
{
	char *command[3];
	struct capture_workload wl;
	struct capture_meta meta;
	struct capture_log log;
	struct strbuf sb;
	int rc;

	memset(&log, 0, sizeof log);
	memset(&wl, 0, sizeof wl);
	strbuf_init(&sb);
	command[0] = xstrdup("--pg-log");
	command[1] = xstrdup(o->pg_log);
	command[2] = NULL;
	rc = capture_check_target(o->output, o->force, err);
	if (rc == DB_OK)
		rc = capture_read_file(o->pg_log, &sb, err);
	if (rc == DB_OK && memchr(sb.buf, '\0', sb.len) != NULL)
		rc = db_error_set(err, DB_EUSAGE, "not a PostgreSQL log: "
		    "binary data");
	if (rc == DB_OK)
		rc = capture_pglog_parse(sb.buf, sb.len, &log, err);
	if (rc != DB_OK && rc != DB_EIO && strncmp(err->msg, o->pg_log,
	    strlen(o->pg_log)) != 0)
		db_error_prefix(err, "%s: ", o->pg_log);
	if (rc == DB_OK)
		capture_model_build(&log, &wl);
	if (rc == DB_OK && wl.n_tests == 0)
		rc = db_error_set(err, DB_EUSAGE, "%s: no test ran SQL of "
		    "its own (%zu statements, %zu tests named): nothing "
		    "written", o->pg_log, log.n, wl.tests_seen);
	if (rc == DB_OK) {
		meta.command = command;
		meta.source = "postgres-log";
		meta.exit_status = 0;
		meta.log = &log;
		rc = capture_write(o->output, o->force, &wl, &meta, err);
	}
	if (rc == DB_OK)
		summary(o->output, &wl, &log, -2);
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	strbuf_fini(&sb);
	free(command[0]);
	free(command[1]);
	return rc;
}

int
capture_command(int argc, char **argv, struct db_error *err)
{
	struct capture_opts o;
	struct capture_log log;
	struct capture_workload wl;
	struct capture_meta meta;
	char *lib = NULL;
	const char *tmpdir = getenv("TMPDIR");
	char *rec_dir = NULL;
	int rc, status = -1;

	memset(&log, 0, sizeof log);
	memset(&wl, 0, sizeof wl);
	rc = parse(argc, argv, &o, err);
	if (rc != DB_OK || o.help) {
		if (rc == DB_OK)
			fputs(capture_help_text, stdout);
		return rc;
	}
	if (o.pg_log != NULL)
		return capture_pg_log(&o, err);
	rc = capture_check_target(o.output, o.force, err);
	if (rc != DB_OK)
		return rc;
	lib = find_trace_lib();
	if (access(lib, R_OK) != 0) {
		rc = db_error_set(err, DB_EIO, "capture: the trace library %s "
		    "is missing (install dbbench, or set DBBENCH_TRACE_LIB)",
		    lib);
		free(lib);
		return rc;
	}
	rec_dir = xasprintf("%s/dbbench-capture-XXXXXX",
	    tmpdir != NULL && tmpdir[0] != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(rec_dir) == NULL) {
		rc = db_error_set(err, DB_EIO, "capture: cannot create a "
		    "record folder %s: %s", rec_dir, strerror(errno));
		free(rec_dir);
		free(lib);
		return rc;
	}
	rc = run_command_traced(o.command, lib, rec_dir, &status, err);
	if (rc == DB_OK)
		rc = capture_trace_read_dir(rec_dir, &log, err);
	if (rc == DB_OK) {
		capture_model_build(&log, &wl);
		rc = check_captured(&log, o.command[0], &wl, err);
	}
	if (rc == DB_OK) {
		meta.command = o.command;
		meta.source = "sqlite-trace";
		meta.exit_status = status;
		meta.log = &log;
		rc = capture_write(o.output, o.force, &wl, &meta, err);
	}
	if (rc == DB_OK)
		summary(o.output, &wl, &log, status);
	capture_remove_tree(rec_dir);
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	free(rec_dir);
	free(lib);
	return rc;
}

const struct command_entry cmd_capture_entry = {
	.name = "capture",
	.usage = "capture -o DIR [--force] -- COMMAND...",
	.exec_argv = capture_command,
};
