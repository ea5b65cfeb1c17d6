/*
 * replicate.c - a run measured in several processes (see replicate.h)
 *
 * One child at a time: the parent starts it with two pipes (its JSON
 * report on standard output, its messages on standard error), reads both
 * until they close, waits for it and folds its cells in.  A signal that
 * stops the parent is passed on to the child, which cleans up its scratch
 * databases as any run does; a child whose parent dies gets SIGTERM
 * (replicate_child_init()).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cell_share.h"
#include "clock.h"
#include "hostinfo.h"
#include "process_speed.h"
#include "progress.h"
#include "replicate.h"
#include "result_load.h"
#include "session.h"
#include "strbuf.h"
#include "xmalloc.h"

/* What one child is asked to do. */
struct child_job {
	unsigned index;      /* which process, from 1 */
	unsigned rounds;     /* fixed rounds, or 0 */
	double max_time;     /* adaptive: its share of the time left */
	uint64_t seed;
	char *strategies;    /* comma-separated, the cells still open */
	char *cells;	     /* --child-cells, or NULL (cell_share.h) */
};

/*
 * A child's argument vector: the user's, then what this child is to do, so
 * that it overrides the user's (the last of an option wins); before a
 * "--" if there is one.
 */
static char **
child_argv(const struct replicate_plan *rp, const struct child_job *job,
    char *bufs[5])
{
	char **argv;
	int i, n = 0, end;

	argv = xcalloc((size_t)rp->argc + 14, sizeof *argv);
	for (end = 1; end < rp->argc; end++)
		if (strcmp(rp->argv[end], "--") == 0)
			break;
	for (i = 0; i < end; i++)
		argv[n++] = rp->argv[i];
	bufs[0] = xasprintf("%u", REPLICATE_ROUNDS);
	bufs[1] = xasprintf("%.3f", job->max_time);
	bufs[2] = xasprintf("%llu", (unsigned long long)job->seed);
	bufs[3] = job->rounds > 0 ? xasprintf("%u", job->rounds) : NULL;
	bufs[4] = xasprintf("%u", job->index);
	argv[n++] = (char *)"--child-rounds";
	argv[n++] = bufs[0];
	argv[n++] = (char *)"--child-index";
	argv[n++] = bufs[4];
	argv[n++] = (char *)"--seed";
	argv[n++] = bufs[2];
	argv[n++] = (char *)"-s";
	argv[n++] = job->strategies;
	if (job->cells != NULL) {
		argv[n++] = (char *)"--child-cells";
		argv[n++] = job->cells;
	}
	if (job->rounds > 0) {
		argv[n++] = (char *)"--rounds";
		argv[n++] = bufs[3];
	} else {
		argv[n++] = (char *)"--max-time";
		argv[n++] = bufs[1];
	}
	for (i = end; i < rp->argc; i++)
		argv[n++] = rp->argv[i];
	argv[n] = NULL;
	return argv;
}

/* Read what is there on fd into sb; 0 at end of file, -1 on error. */
static int
drain(int fd, struct strbuf *sb)
{
	char buf[65536];
	ssize_t got;

	got = read(fd, buf, sizeof buf);
	if (got > 0) {
		strbuf_add(sb, buf, (size_t)got);
		return 1;
	}
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	return got == 0 ? 0 : -1;
}

/*
 * Read the child's standard output and error until both close, passing a
 * stop request (a signal the parent caught) on to the child once.
 */
static int
collect(pid_t pid, int out_fd, int err_fd, struct strbuf *out,
    struct strbuf *errs, int *stopped, struct db_error *err)
{
	struct pollfd fds[2];
	int open_fds = 2, i, r;

	fds[0].fd = out_fd;
	fds[1].fd = err_fd;
	fds[0].events = fds[1].events = POLLIN;
	while (open_fds > 0) {
		if (runner_stop_requested && !*stopped) {
			kill(pid, SIGTERM);
			*stopped = 1;
		}
		r = poll(fds, 2, 200);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return db_error_set(err, DB_EIO,
			    "waiting for a measuring process: %s",
			    strerror(errno));
		for (i = 0; i < 2; i++) {
			if (fds[i].fd < 0 ||
			    !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = drain(fds[i].fd, i == 0 ? out : errs);
			if (r <= 0) {
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	return DB_OK;
}

/*
 * A child that failed said so on its standard error as "dbbench: why";
 * that line becomes the error, and any other line is passed on.
 */
static int
child_failed(int status, int stopped, const struct strbuf *errs,
    struct db_error *err)
{
	const char *line, *end, *why = NULL;
	size_t why_len = 0;
	enum db_status code = DB_EBACKEND;

	for (line = errs->buf; *line != '\0'; line = end) {
		end = strchr(line, '\n');
		end = end == NULL ? line + strlen(line) : end + 1;
		if (strncmp(line, "dbbench: ", 9) == 0) {
			why = line + 9;
			why_len = (size_t)(end - why);
			while (why_len > 0 && why[why_len - 1] == '\n')
				why_len--;
		} else {
			fwrite(line, 1, (size_t)(end - line), stderr);
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return DB_OK;
	if (stopped)
		return db_error_set(err, DB_EINTR, "interrupted");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		code = DB_EUSAGE;
	if (why != NULL)
		return db_error_set(err, code, "%.*s", (int)why_len, why);
	if (WIFSIGNALED(status))
		return db_error_set(err, DB_EIO,
		    "a measuring process was killed by signal %d",
		    WTERMSIG(status));
	return db_error_set(err, DB_EIO,
	    "a measuring process failed (exit status %d) without saying why",
	    WEXITSTATUS(status));
}

/* Run one child to its end; its JSON report is left in out. */
static int
run_child(char **argv, struct strbuf *out, struct db_error *err)
{
	struct strbuf errs;
	int out_pipe[2], err_pipe[2], status = 0, stopped = 0, rc;
	pid_t pid;

	if (pipe(out_pipe) != 0)
		return db_error_set(err, DB_EIO, "pipe: %s", strerror(errno));
	if (pipe(err_pipe) != 0) {
		rc = errno;
		close(out_pipe[0]);
		close(out_pipe[1]);
		return db_error_set(err, DB_EIO, "pipe: %s", strerror(rc));
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		rc = errno;
		close(out_pipe[0]);
		close(out_pipe[1]);
		close(err_pipe[0]);
		close(err_pipe[1]);
		return db_error_set(err, DB_EIO, "fork: %s", strerror(rc));
	}
	if (pid == 0) {
		dup2(out_pipe[1], STDOUT_FILENO);
		dup2(err_pipe[1], STDERR_FILENO);
		close(out_pipe[0]);
		close(out_pipe[1]);
		close(err_pipe[0]);
		close(err_pipe[1]);
		execv("/proc/self/exe", argv);
		execvp(argv[0], argv);
		dprintf(STDERR_FILENO, "dbbench: starting a measuring "
		    "process: %s\n", strerror(errno));
		_exit(1);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	strbuf_init(&errs);
	rc = collect(pid, out_pipe[0], err_pipe[0], out, &errs, &stopped,
	    err);
	close(out_pipe[0]);
	close(err_pipe[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		if (!stopped) {
			kill(pid, SIGTERM);
			stopped = 1;
		}
	if (rc == DB_OK)
		rc = child_failed(status, stopped || runner_stop_requested,
		    &errs, err);
	strbuf_fini(&errs);
	return rc;
}

/* Processes that measured cell c. */
static size_t
cell_replicates(const struct cell *c)
{
	return c->rep_rounds.n > 0 ? c->rep_rounds.n : 1;
}

/*
 * Mark the cells within the target and list the strategies that still
 * have a cell open, comma-separated, in the run's order; NULL when none.
 */
static char *
update_convergence(const struct replicate_plan *rp, struct run_result *res,
    size_t *done)
{
	struct strbuf list;
	struct cell *c;
	size_t i, s;
	int open;

	*done = 0;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		c->ci_rel = stats_ci_halfwidth_rel(&c->suite_overhead_stats);
		c->converged = rp->rounds == 0 &&
		    cell_replicates(c) >= rp->min_replicates &&
		    c->rounds >= REPLICATE_MIN_ROUNDS &&
		    c->ci_rel <= rp->target_ci;
		if (c->converged)
			(*done)++;
	}
	strbuf_init(&list);
	for (s = 0; s < rp->n_strategies; s++) {
		open = res->n_cells == 0;
		for (i = 0; i < res->n_cells; i++) {
			c = &res->cells[i];
			if (strcmp(c->strategy, rp->strategies[s]) == 0 &&
			    !c->converged)
				open = 1;
		}
		if (!open)
			continue;
		if (list.len > 0)
			strbuf_addc(&list, ',');
		strbuf_adds(&list, rp->strategies[s]);
	}
	if (list.len == 0) {
		strbuf_fini(&list);
		return NULL;
	}
	return strbuf_detach(&list);
}

/*
 * "dbbench: process 4, 0.8 of up to 12 s; sqlite template: overhead
 * 10.2 µs, CI ±3.1% (target 2%); 4 of 6 cells done": the process about to
 * start, the time limit, and of the cells measured so far the one
 * furthest from its target ("process 4 of 5, 0.8 s" with fixed rounds).
 */
static void
draw_progress(const struct replicate_plan *rp, const struct run_result *res,
    unsigned k, unsigned processes, size_t done, double elapsed)
{
	const struct cell *worst = NULL, *c;
	char line[256], med[32];
	size_t i, len;

	if (!rp->progress)
		return;
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (!c->converged && (worst == NULL || c->ci_rel > worst->ci_rel))
			worst = c;
	}
	if (rp->rounds > 0)
		len = (size_t)snprintf(line, sizeof line,
		    "dbbench: process %u of %u, %.1f s", k, processes, elapsed);
	else
		len = (size_t)snprintf(line, sizeof line,
		    "dbbench: process %u, %.1f of up to %.0f s", k, elapsed,
		    rp->max_time_used);
	if (worst != NULL && len < sizeof line) {
		progress_format_ns(med, sizeof med,
		    worst->suite_overhead_stats.median);
		len += (size_t)snprintf(line + len, sizeof line - len,
		    "; %s %s: overhead %s, CI \xc2\xb1%.1f%%", worst->backend,
		    worst->strategy, med, 100 * worst->ci_rel);
		if (rp->rounds == 0 && len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len,
			    " (target %.3g%%)", 100 * rp->target_ci);
	}
	if (res->n_cells > 0 && len < sizeof line)
		snprintf(line + len, sizeof line - len,
		    "; %zu of %zu cells done", done, res->n_cells);
	progress_draw(line);
}

/* Measure one more process's share and fold it into res. */
static int
measure_one(const struct replicate_plan *rp, const struct child_job *job,
    unsigned k, struct run_result *res, struct db_error *err)
{
	struct run_result part;
	struct strbuf out;
	char *bufs[5] = { NULL, NULL, NULL, NULL, NULL }, **argv, name[64];
	int rc, i;

	argv = child_argv(rp, job, bufs);
	strbuf_init(&out);
	rc = run_child(argv, &out, err);
	snprintf(name, sizeof name, "measuring process %u", k);
	if (rc == DB_OK && k == 1)
		rc = result_load_text(name, out.buf, out.len, res, err);
	else if (rc == DB_OK) {
		rc = result_load_text(name, out.buf, out.len, &part, err);
		if (rc == DB_OK)
			result_merge_replicate(res, &part);
		result_fini(&part);
	}
	strbuf_fini(&out);
	for (i = 0; i < 5; i++)
		free(bufs[i]);
	free(argv);
	return rc;
}

double
replicate_auto_budget(unsigned min_replicates, double first_s,
    double *wanted)
{
	double t;

	*wanted = REPLICATE_AUTO_FACTOR *
	    (double)(min_replicates > 0 ? min_replicates : 1) * first_s;
	t = *wanted;
	if (t < REPLICATE_AUTO_MIN)
		t = REPLICATE_AUTO_MIN;
	if (t > REPLICATE_AUTO_MAX)
		t = REPLICATE_AUTO_MAX;
	return t;
}

/*
 * "dbbench: measuring 6 cells for up to 24 s: 30 processes like the
 * first (0.8 s); --max-time sets the limit": the estimate, one line on
 * stderr once the first process has shown what a process costs.  A limit
 * the user gave is not announced: a short run stays silent.
 */
static void
announce(const struct replicate_plan *rp, const struct run_result *res,
    double first_s, double wanted, int automatic)
{
	unsigned like = REPLICATE_AUTO_FACTOR *
	    (rp->min_replicates > 0 ? rp->min_replicates : 1);
	const char *cells = res->n_cells == 1 ? "cell" : "cells";

	if (!rp->announce || !automatic)
		return;
	if (rp->progress)
		progress_clear();
	if (wanted > rp->max_time_used + 0.5)
		fprintf(stderr, "dbbench: measuring %zu %s for up to %.0f s "
				"(%u processes like the first, %.1f s, would "
				"take %.0f s); --max-time sets the limit\n",
		    res->n_cells, cells, rp->max_time_used, like, first_s,
		    wanted);
	else
		fprintf(stderr, "dbbench: measuring %zu %s for up to %.0f s: "
				"%u processes like the first (%.1f s); "
				"--max-time sets the limit\n",
		    res->n_cells, cells, rp->max_time_used, like, first_s);
}

/* A cell with fewer rounds than an interval needs. */
static int
below_floor(const struct run_result *res)
{
	size_t i;

	for (i = 0; i < res->n_cells; i++)
		if (res->cells[i].rounds < REPLICATE_FLOOR_ROUNDS)
			return 1;
	return 0;
}

/*
 * The spread between the processes' medians of a cell's suite overhead,
 * as a share of the cell's median (the standard deviation that widens its
 * interval, stats_widen_ci_by_groups()); 0 with fewer than 2 processes.
 */
static double
process_spread(const struct cell *c)
{
	struct stats gs;
	double mean = 0.0, var = 0.0, *m;
	size_t g, k = 0, off = 0;

	if (c->rep_rounds.n < 2 || c->suite_overhead_stats.median <= 0.0)
		return 0.0;
	m = xcalloc(c->rep_rounds.n, sizeof *m);
	for (g = 0; g < c->rep_rounds.n; g++) {
		if (c->rep_rounds.v[g] <= 0 ||
		    off + (size_t)c->rep_rounds.v[g] > c->suite_overhead.n)
			continue;
		stats_summarize(c->suite_overhead.v + off,
		    (size_t)c->rep_rounds.v[g], &gs);
		off += (size_t)c->rep_rounds.v[g];
		m[k++] = gs.median;
	}
	for (g = 0; g < k; g++)
		mean += m[g];
	mean /= k > 0 ? (double)k : 1.0;
	for (g = 0; g < k; g++)
		var += (m[g] - mean) * (m[g] - mean);
	free(m);
	if (k < 2)
		return 0.0;
	return sqrt(var / (double)(k - 1)) / c->suite_overhead_stats.median;
}

/* A share of the run's time with tasks waiting for a CPU that the note on
 * a short run mentions: the machine was busy. */
#define NOTE_BUSY_SHARE 0.05

/* The correlation between a cell's process medians and those of the run's
 * other cells (process_speed.h) from which the note says that whole
 * processes slowed. */
#define NOTE_SPEED_R 0.7

/*
 * What made the machine noisy, when the run can tell, as a clause for the
 * note on a short run ("" if nothing): c's workers outnumbering the CPUs,
 * c's processes slow when the other cells of its backend were (what the
 * machine or the server did to whole processes), or tasks waiting for a
 * CPU.  Without one, the note calls a spread between processes the
 * machine's noise.
 */
static void
machine_clause(const struct run_result *res, const struct cell *c,
    double cpu_wait, char *buf, size_t size)
{
	size_t pairs; /* at least PROCESS_SPEED_MIN_PAIRS when r is not 0 */
	double r = process_speed_correlation(res, c, &pairs);

	buf[0] = '\0';
	if (res->host_cores > 0 && c->workers > res->host_cores)
		snprintf(buf, size, "; its %u workers on %u CPUs wait for one "
				    "inside their timed phases",
		    c->workers, res->host_cores);
	else if (r >= NOTE_SPEED_R)
		snprintf(buf, size, "; the other %s cells were slow in the "
				    "same processes (r = %.2f)",
		    c->backend, r);
	else if (cpu_wait >= NOTE_BUSY_SHARE)
		snprintf(buf, size, "; tasks waited for a CPU %.0f%% of the "
				    "time",
		    100 * cpu_wait);
}

/*
 * When the limit ended an adaptive run with cells short of the target, a
 * note says why, for the widest: the spread between the processes (what
 * the machine does to a process, which more of them or a quieter machine
 * narrow), when that is what sets its interval, or between its rounds.
 */
static void
note_short(const struct replicate_plan *rp, struct run_result *res,
    double cpu_wait)
{
	const struct cell *c, *worst = NULL;
	struct stats rounds;
	size_t i, open = 0, k;
	double spread, between;
	char busy[160];

	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->converged || c->ci_rel <= rp->target_ci)
			continue;
		open++;
		if (worst == NULL || c->ci_rel > worst->ci_rel)
			worst = c;
	}
	if (worst == NULL || rp->rounds > 0)
		return;
	spread = process_spread(worst);
	k = worst->rep_rounds.n;
	between = k >= 2 ? stats_t95((unsigned)(k - 1)) * sqrt(M_PI / 2.0) *
		spread / sqrt((double)k)
			 : 0.0;
	stats_summarize(worst->suite_overhead.v, worst->suite_overhead.n,
	    &rounds);
	machine_clause(res, worst, cpu_wait, busy, sizeof busy);
	if (between >= stats_ci_halfwidth_rel(&rounds))
		result_add_note(res, "measuring stopped at the %.3g s limit "
				     "with %zu of %zu cells short of the %.3g%% "
				     "target; the widest, %s %s at \xc2\xb1%.1f%%, "
				     "is held wide by the spread between its %zu "
				     "processes' medians (sd %.1f%%)%s",
		    rp->max_time_used, open, res->n_cells, 100 * rp->target_ci,
		    worst->backend, worst->strategy, 100 * worst->ci_rel, k,
		    100 * spread, busy[0] != '\0' ? busy : ", the machine's noise");
	else
		result_add_note(res, "measuring stopped at the %.3g s limit "
				     "with %zu of %zu cells short of the %.3g%% "
				     "target; the widest, %s %s at \xc2\xb1%.1f%%, "
				     "is held wide by the spread between its %u "
				     "rounds, which more --max-time narrows%s",
		    rp->max_time_used, open, res->n_cells, 100 * rp->target_ci,
		    worst->backend, worst->strategy, 100 * worst->ci_rel,
		    worst->rounds, busy);
}

/* Seconds of measuring per round of c so far (the mean: what its rounds
 * cost in all), 0 before its first. */
static double
round_seconds(const struct cell *c)
{
	double sum = 0.0;
	size_t i;

	for (i = 0; i < c->wall.n; i++)
		sum += (double)c->wall.v[i];
	return c->wall.n > 0 ? sum / (double)c->wall.n / 1e9 : 0.0;
}

/*
 * What an open cell still needs to reach the target, in seconds of
 * measuring, if the interval its rounds give (pooled, before the spread
 * between processes widens it) narrows as 1 / sqrt(rounds):
 * t r ((ci / target)^2 - 1) for r rounds of t seconds.  A cell whose
 * rounds are within the target needs processes, not rounds: 0.  A cell
 * without an interval yet needs REPLICATE_FLOOR_ROUNDS rounds.
 */
static double
cell_need(const struct replicate_plan *rp, const struct cell *c)
{
	struct stats rounds;
	double t = round_seconds(c), target, ratio;

	if (c->rounds < 2)
		return t * REPLICATE_FLOOR_ROUNDS;
	stats_summarize(c->suite_overhead.v, c->suite_overhead.n, &rounds);
	target = rp->target_ci > 0.001 ? rp->target_ci : 0.001;
	ratio = stats_ci_halfwidth_rel(&rounds) / target;
	return ratio > 1.0 ? t * c->rounds * (ratio * ratio - 1.0) : 0.0;
}

/*
 * The cells the next process measures and the seconds each may have
 * (--child-cells): every open cell a round, or REPLICATE_CELL_FLOOR if
 * that is more, so that every process adds to every open cell's spread
 * between processes; then up to half a round of them all more, shared in
 * proportion to what each still needs (cell_need()), no more than room.
 * So the time goes where the intervals are widest for what they cost,
 * and a dear cell far from its target measures several rounds in a
 * process while a cheap one near its target measures a few.  NULL when
 * no cell is open.
 */
static char *
plan_cells(const struct replicate_plan *rp, const struct run_result *res,
    double room)
{
	const struct cell *c;
	struct strbuf list;
	double base, need = 0.0, extra = 0.0, *needs;
	size_t i;

	needs = xcalloc(res->n_cells > 0 ? res->n_cells : 1, sizeof *needs);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->converged)
			continue;
		needs[i] = cell_need(rp, c);
		need += needs[i];
		extra += round_seconds(c) / 2.0;
	}
	if (extra > room)
		extra = room > 0.0 ? room : 0.0;
	strbuf_init(&list);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->converged)
			continue;
		base = round_seconds(c);
		if (base < REPLICATE_CELL_FLOOR)
			base = REPLICATE_CELL_FLOOR;
		cell_shares_add(&list, c->backend, c->strategy, c->workers,
		    c->seed_scale,
		    base + (need > 0.0 ? extra * needs[i] / need : 0.0));
	}
	free(needs);
	if (list.len == 0) {
		strbuf_fini(&list);
		return NULL;
	}
	return strbuf_detach(&list);
}

int
replicate_measure(struct replicate_plan *rp, struct run_result *res,
    struct db_error *err)
{
	struct child_job job;
	unsigned k, processes;
	size_t done = 0;
	double elapsed = 0.0, slice, first_s, wanted = 0.0;
	int64_t start;
	int rc = DB_OK, automatic = rp->max_time <= 0;
	int64_t wait0 = hostinfo_cpu_wait_us(), wait1;
	double cpu_wait = 0.0;

	memset(res, 0, sizeof *res);
	processes = rp->min_replicates > 0 ? rp->min_replicates : 1;
	if (rp->rounds > 0 && rp->rounds < processes)
		processes = rp->rounds;
	rp->max_time_used = automatic ? REPLICATE_AUTO_MAX : rp->max_time;
	slice = automatic ? REPLICATE_PILOT_SLICE :
	    rp->max_time / (2.0 * processes);
	start = clock_now_ns();
	job.strategies = update_convergence(rp, res, &done);
	job.cells = NULL;
	for (k = 1; rc == DB_OK && job.strategies != NULL; k++) {
		if (runner_stop_requested) {
			rc = db_error_set(err, DB_EINTR, "interrupted");
			break;
		}
		job.index = k;
		job.seed = rp->seed + k - 1;
		job.rounds = 0;
		job.max_time = rp->max_time_used - elapsed < slice ?
		    rp->max_time_used - elapsed : slice;
		if (job.max_time < 0.01)
			job.max_time = 0.01;
		if (rp->rounds > 0)
			job.rounds = rp->rounds / processes +
			    (k <= rp->rounds % processes);
		draw_progress(rp, res, k, processes, done, elapsed);
		rc = measure_one(rp, &job, k, res, err);
		free(job.strategies);
		free(job.cells);
		job.strategies = job.cells = NULL;
		if (rc != DB_OK)
			break;
		elapsed = (double)(clock_now_ns() - start) / 1e9;
		if (k == 1 && rp->rounds == 0) {
			/* what a process costs: the rest have the same
			 * slice, so they cost about as much */
			first_s = elapsed;
			if (automatic)
				rp->max_time_used = replicate_auto_budget(
				    rp->min_replicates, first_s, &wanted);
			announce(rp, res, first_s, wanted, automatic);
		}
		res->replicates = k;
		result_summarize_suite_overhead(res);
		job.strategies = update_convergence(rp, res, &done);
		if (rp->rounds == 0 && job.strategies != NULL)
			job.cells = plan_cells(rp, res,
			    rp->max_time_used - elapsed - elapsed / k);
		if (rp->rounds > 0 && k >= processes)
			break;
		/* adaptive: no process that would end past max_time, going
		 * by the processes so far, once every cell has its floor */
		if (rp->rounds == 0 && !below_floor(res) &&
		    elapsed + elapsed / k > rp->max_time_used)
			break;
	}
	free(job.strategies);
	free(job.cells);
	if (rp->progress)
		progress_clear();
	res->elapsed_ns = clock_now_ns() - start;
	wait1 = hostinfo_cpu_wait_us();
	if (wait0 >= 0 && wait1 >= wait0 && res->elapsed_ns > 0)
		cpu_wait = (double)(wait1 - wait0) * 1e3 /
		    (double)res->elapsed_ns;
	if (rc == DB_OK) {
		result_summarize(res);
		note_short(rp, res, cpu_wait);
	}
	return rc;
}

/*
 * In a child: end with the parent.  Linux delivers SIGTERM when the parent
 * dies, which stops the run and drops its scratch databases as an
 * interrupted run does.
 */
void
replicate_child_init(void)
{
#ifdef __linux__
	pid_t parent = getppid();

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		raise(SIGTERM);
#endif
}
