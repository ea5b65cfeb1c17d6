/*
 * suite_measure.c - the measurement of `dbbench suite`: the matrix of
 * configurations, warmup runs, then timed runs interleaved in a seeded
 * shuffled order until each configuration's median is known well enough
 *
 * The stopping rule (adaptive, without --runs): a round runs, in a
 * shuffled order, every configuration that has fewer than 6 runs (below
 * that no interval of order statistics covers the median with 95%) or
 * whose 95% CI of the median wall time is wider than --target-ci; rounds
 * stop when none is left, or when every configuration has at least 3
 * runs and the next round would end past --max-time (counted from the
 * start, warmup included).  With --runs N every configuration gets exactly N.
 * A run killed by --timeout is counted, not timed, and its configuration
 * is not run again.  A stop request (SIGINT, SIGTERM) ends the
 * measurement with the runs finished before it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "rng.h"
#include "session.h"
#include "suite.h"
#include "xmalloc.h"

struct measure_state {
	const struct suite_options *opts;
	struct suite_result *res;
	char *tmpdir;	  /* JUnit reports; NULL without --junit */
	size_t run_no;	  /* names the report files */
	int64_t t0;
};

void
suite_config_label(const struct suite_result *res,
    const struct suite_config *c, char *buf, size_t len)
{
	const struct suite_options *opts = res->opts;
	size_t used = 0, i;

	buf[0] = '\0';
	if (c->strategy != NULL)
		used += (size_t)snprintf(buf + used, len - used, "%s",
		    c->strategy);
	if (c->has_workers && used < len)
		used += (size_t)snprintf(buf + used, len - used, "%s%u worker%s",
		    used ? ", " : "", c->workers, c->workers == 1 ? "" : "s");
	for (i = 0; i < opts->n_params && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s=%s",
		    used ? ", " : "", opts->params[i].name, c->param_values[i]);
	if (used == 0)
		snprintf(buf, len, "the command");
}

/* The strategy and --param values of c: its label less the workers. */
void
suite_group_label(const struct suite_result *res,
    const struct suite_config *c, char *buf, size_t len)
{
	struct suite_config tmp = *c;

	tmp.has_workers = 0;
	suite_config_label(res, &tmp, buf, len);
}

/* Every combination of -s, -j and --param values, strategies outermost. */
static void
build_configs(const struct suite_options *opts, struct suite_result *res)
{
	size_t n = 1, i, k, rest;
	struct suite_config *c;

	n *= opts->n_strategies ? opts->n_strategies : 1;
	n *= opts->n_workers ? opts->n_workers : 1;
	for (k = 0; k < opts->n_params; k++)
		n *= opts->params[k].n_values;
	res->configs = xcalloc(n, sizeof *res->configs);
	res->n_configs = n;
	for (i = 0; i < n; i++) {
		c = &res->configs[i];
		rest = i;
		c->param_values = xcalloc(opts->n_params + 1,
		    sizeof *c->param_values);
		for (k = opts->n_params; k-- > 0;) {
			c->param_values[k] = opts->params[k]
						 .values[rest %
						     opts->params[k].n_values];
			rest /= opts->params[k].n_values;
		}
		if (opts->n_workers) {
			c->has_workers = 1;
			c->workers = opts->workers[rest % opts->n_workers];
			rest /= opts->n_workers;
		}
		if (opts->n_strategies)
			c->strategy = opts->strategies[rest];
	}
}

static void
add_sample(struct suite_config *c, const struct suite_sample *s)
{
	if (c->n_samples == c->cap_samples) {
		c->cap_samples = c->cap_samples ? c->cap_samples * 2 : 16;
		c->samples = xreallocarray(c->samples, c->cap_samples,
		    sizeof *c->samples);
	}
	c->samples[c->n_samples++] = *s;
}

/* Read the run's report; a missing or malformed one is bad input. */
static int
read_junit(struct measure_state *st, struct suite_config *c,
    const char *path, struct suite_sample *s, int measured,
    struct db_error *err)
{
	char label[160], how[48];
	int rc;

	suite_config_label(st->res, c, label, sizeof label);
	if (s->end == SUITE_EXITED)
		snprintf(how, sizeof how, "exit status %d", s->status);
	else
		snprintf(how, sizeof how, "killed by signal %d", s->status);
	if (access(path, F_OK) != 0)
		return db_error_set(err, DB_EUSAGE,
		    "suite: %s: the run (%s) wrote no JUnit report; pass "
		    "{junit} to the command (pytest: --junitxml {junit}) or "
		    "write to $DBBENCH_JUNIT",
		    label, how);
	rc = suite_tests_read(path, s, &c->tests, measured, err);
	if (rc != DB_OK)
		return db_error_prefix(err,
		    "suite: %s: the run (%s) wrote a JUnit report dbbench "
		    "cannot read: ",
		    label, how);
	return DB_OK;
}

/* --startup once after a run of c; timed when the run is. */
static int
run_startup(struct measure_state *st, struct suite_config *c, int measured,
    struct db_error *err)
{
	struct suite_sample s;
	int rc;

	memset(&s, 0, sizeof s);
	rc = suite_spawn_startup(st->opts, c, &s, err);
	if (rc != DB_OK)
		return rc;
	if (s.end == SUITE_TIMEOUT) {
		c->timeouts++;
		c->stopped = 1;
		return DB_OK;
	}
	if (measured) {
		c->startup_ns = xreallocarray(c->startup_ns, c->n_startup + 1,
		    sizeof *c->startup_ns);
		c->startup_ns[c->n_startup++] = s.wall_ns;
	}
	return DB_OK;
}

/* One run of configuration c; measured: a timed run, else a warmup. */
static int
run_one(struct measure_state *st, struct suite_config *c, int measured,
    struct db_error *err)
{
	struct suite_sample s;
	char *path = NULL;
	int rc;

	if (st->tmpdir != NULL)
		path = xasprintf("%s/run-%zu.xml", st->tmpdir, ++st->run_no);
	memset(&s, 0, sizeof s);
	rc = suite_spawn_run(st->opts, c, path, &s, err);
	if (rc == DB_OK && s.end == SUITE_TIMEOUT) {
		c->timeouts++;
		c->stopped = 1;
	} else if (rc == DB_OK && st->opts->junit) {
		rc = read_junit(st, c, path, &s, measured, err);
	}
	if (path != NULL) {
		unlink(path);
		free(path);
	}
	if (rc != DB_OK || s.end == SUITE_TIMEOUT)
		return rc;
	if (st->opts->startup != NULL) {
		rc = run_startup(st, c, measured, err);
		if (rc != DB_OK || c->stopped)
			return rc;
	}
	if (measured) {
		add_sample(c, &s);
	} else {
		st->res->warmups++;
		if (s.end != SUITE_EXITED || s.status != 0)
			st->res->warmups_failed++;
	}
	return DB_OK;
}

static double
elapsed_s(const struct measure_state *st)
{
	return (double)(clock_now_ns() - st->t0) / 1e9;
}

static void
announce(const struct measure_state *st)
{
	const struct suite_options *opts = st->opts;

	if (opts->quiet)
		return;
	if (opts->runs != 0)
		fprintf(stderr,
		    "suite: %zu configuration%s, %u warmup run%s each, then "
		    "%u timed runs each, interleaved\n",
		    st->res->n_configs, st->res->n_configs == 1 ? "" : "s",
		    opts->warmup, opts->warmup == 1 ? "" : "s", opts->runs);
	else
		fprintf(stderr,
		    "suite: %zu configuration%s, %u warmup run%s each, then "
		    "timed runs, interleaved, until each median's 95%% CI (6 "
		    "runs or more) is within %g%% or %g s have passed "
		    "(--max-time), at least %d runs each\n",
		    st->res->n_configs, st->res->n_configs == 1 ? "" : "s",
		    opts->warmup, opts->warmup == 1 ? "" : "s",
		    opts->target_ci * 100, opts->max_time, SUITE_MIN_RUNS);
}

static int64_t
wall_sample(const struct suite_config *c, size_t i)
{
	return c->samples[i].wall_ns;
}

/* Does configuration c need another run?  *median_ns: its estimate. */
static int
needs_run(const struct suite_options *opts, const struct suite_config *c,
    double *median_ns)
{
	struct stats st;
	int64_t *walls;
	size_t i;

	*median_ns = 0;
	if (c->stopped)
		return 0;
	if (opts->runs != 0)
		return c->n_samples < opts->runs;
	if (c->n_samples == 0)
		return 1;
	walls = xcalloc(c->n_samples, sizeof *walls);
	for (i = 0; i < c->n_samples; i++)
		walls[i] = wall_sample(c, i);
	stats_summarize(walls, c->n_samples, &st);
	free(walls);
	*median_ns = st.median;
	if (c->n_samples < SUITE_CI_MIN_RUNS || c->n_samples >= SUITE_MAX_RUNS)
		return c->n_samples < SUITE_MAX_RUNS;
	return stats_ci_halfwidth_rel(&st) > opts->target_ci;
}

/* The configurations of the next round, shuffled; 0: stop. */
static size_t
next_round(struct measure_state *st, struct rng *rng, size_t *order)
{
	const struct suite_options *opts = st->opts;
	struct suite_result *res = st->res;
	double est = 0, median;
	size_t i, j, n = 0, tmp;
	int all_have_min = 1;

	for (i = 0; i < res->n_configs; i++) {
		if (!res->configs[i].stopped &&
		    res->configs[i].n_samples < SUITE_MIN_RUNS)
			all_have_min = 0;
		if (needs_run(opts, &res->configs[i], &median)) {
			order[n++] = i;
			est += median;
		}
	}
	if (opts->runs == 0 && all_have_min &&
	    elapsed_s(st) + est / 1e9 > opts->max_time)
		return 0;
	for (i = n; i > 1; i--) { /* Fisher-Yates */
		j = rng_below(rng, i);
		tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
	return n;
}

static int
warmup(struct measure_state *st, struct db_error *err)
{
	struct suite_result *res = st->res;
	size_t i;
	unsigned k;
	int rc;

	for (i = 0; i < res->n_configs; i++)
		for (k = 0; k < st->opts->warmup && !res->configs[i].stopped;
		     k++) {
			if (runner_stop_requested)
				return db_error_set(err, DB_EINTR,
				    "interrupted");
			rc = run_one(st, &res->configs[i], 0, err);
			if (rc != DB_OK)
				return rc;
		}
	/* With --junit a failing run still names its failing tests. */
	if (!st->opts->junit && res->warmups > 0 &&
	    res->warmups_failed == res->warmups)
		return db_error_set(err, DB_EIO,
		    "suite: the command failed in every warmup run (%zu of "
		    "%zu); nothing to measure: run it by hand, or with "
		    "--show-output, to see why",
		    res->warmups_failed, res->warmups);
	return DB_OK;
}

static int
measure_rounds(struct measure_state *st, struct db_error *err)
{
	struct suite_result *res = st->res;
	struct rng rng = { st->opts->seed };
	size_t *order, n, i, k, round = 0, runs;
	int rc = DB_OK;

	order = xcalloc(res->n_configs, sizeof *order);
	while (rc == DB_OK && (n = next_round(st, &rng, order)) > 0) {
		for (i = 0; rc == DB_OK && i < n; i++) {
			if (runner_stop_requested)
				rc = db_error_set(err, DB_EINTR,
				    "interrupted");
			else
				rc = run_one(st, &res->configs[order[i]], 1,
				    err);
		}
		round++;
		for (runs = 0, k = 0; k < res->n_configs; k++)
			runs += res->configs[k].n_samples;
		if (!st->opts->quiet && rc == DB_OK)
			fprintf(stderr, "suite: round %zu done: %zu timed runs, "
					"%.0f s elapsed\n",
			    round, runs, elapsed_s(st));
	}
	free(order);
	return rc;
}

static char *
make_tmpdir(struct db_error *err)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	dir = xasprintf("%s/dbbench-suite-XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		db_error_set(err, DB_EIO,
		    "suite: cannot make a folder for the JUnit reports in "
		    "%s: %s",
		    base, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/*
 * Measure every configuration.  DB_OK also when a stop request cut it
 * short (res->interrupted); an error stops at once.
 */
int
suite_measure(const struct suite_options *opts, struct suite_result *res,
    struct db_error *err)
{
	struct measure_state st;
	int rc;

	memset(res, 0, sizeof *res);
	res->opts = opts;
	res->recommended = res->runner_up = -1;
	res->started_unix = (int64_t)time(NULL);
	build_configs(opts, res);
	memset(&st, 0, sizeof st);
	st.opts = opts;
	st.res = res;
	if (opts->junit && (st.tmpdir = make_tmpdir(err)) == NULL)
		return err->code;
	st.t0 = clock_now_ns();
	announce(&st);
	rc = warmup(&st, err);
	if (rc == DB_OK)
		rc = measure_rounds(&st, err);
	res->elapsed_s = elapsed_s(&st);
	if (st.tmpdir != NULL) {
		rmdir(st.tmpdir);
		free(st.tmpdir);
	}
	if (rc == DB_EINTR) {
		res->interrupted = 1;
		db_error_clear(err);
		return DB_OK;
	}
	return rc;
}

void
suite_result_fini(struct suite_result *res)
{
	size_t i;

	for (i = 0; i < res->n_configs; i++) {
		free(res->configs[i].samples);
		free(res->configs[i].startup_ns);
		free(res->configs[i].param_values);
		suite_tests_fini(&res->configs[i].tests);
	}
	free(res->configs);
	for (i = 0; i < res->n_isolation; i++) {
		free(res->isolation[i].fails_in);
		free(res->isolation[i].passes_in);
	}
	free(res->isolation);
	free(res->scaling);
	free(res->dbshare);
	memset(res, 0, sizeof *res);
}
