/*
 * run.c - the run, validate, report, compare, recommend and list commands,
 * from a parsed config to a report
 *
 * run: resolve and load the workload once per backend (each backend splits
 * it in its own dialect), build the plan, measure (by fresh processes of
 * this program, replicate.h, unless --replicates 1; such a process measures
 * its share and prints the JSON report for its parent, nothing else), then
 * (outside anything timed) run the isolation scenarios unless
 * --no-validate and the state checks with --check-state; render the report
 * in memory and write it in one go.  validate is the same without the
 * measurements, state checks on by default.  Nothing is written unless the
 * whole run succeeded; with --fail-on-leak a state check that names a test
 * makes the command fail with DB_ELEAK after the report is written.
 *
 * --save NAME also writes the JSON report to results/NAME.json.
 *
 * --baseline NAME|FILE loads a saved run (a file, else results/NAME.json)
 * before measuring (a bad file stops the run before it starts), and after
 * the report prints the comparison of this run with it on standard output:
 * exit 3 when a cell regressed.
 *
 * report: load a saved JSON report (result_load.c) and render it as a run
 * would have been.
 *
 * compare: load two saved runs and print the comparison (compare.c);
 * differences between their backends' versions and settings are warned
 * about on stderr, one line each.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "compare.h"
#include "diagnose.h"
#include "gitinfo.h"
#include "hostinfo.h"
#include "output.h"
#include "paths.h"
#include "replicate.h"
#include "report.h"
#include "result_load.h"
#include "run.h"
#include "sampling.h"
#include "runner.h"
#include "scaling.h"
#include "scenario.h"
#include "statecheck.h"
#include "strategy.h"
#include "validate.h"
#include "xmalloc.h"

/* --max-time when not given, for a run measured in one process (a run
 * measured in several sets it from its first process, replicate.h). */
#define RUN_MAX_TIME 10.0

/* Where --save puts runs, relative to the working folder. */
#define RESULTS_DIR "results"

/* Refuse a SQLite file that exists: dbbench removes what it creates. */
static int
check_sqlite_path(const char *path, struct db_error *err)
{
	struct stat st;

	if (path == NULL || strcmp(path, ":memory:") == 0)
		return DB_OK;
	if (lstat(path, &st) == 0)
		return db_error_set(err, DB_EUSAGE,
		    "--sqlite-path: %s exists; give a path that does not, "
		    "dbbench creates the file and removes it after",
		    path);
	if (errno != ENOENT)
		return db_error_set(err, DB_EUSAGE, "--sqlite-path: %s: %s",
		    path, strerror(errno));
	return DB_OK;
}

/* The strategies to run: those named, or all of them. */
static const struct strategy_ops **
pick_strategies(const struct config *cfg, size_t *n)
{
	const struct strategy_ops *const *all;
	const struct strategy_ops **picked;
	size_t i;

	if (cfg->n_strategies == 0) {
		all = strategy_all(n);
		picked = xcalloc(*n, sizeof *picked);
		memcpy(picked, all, *n * sizeof *picked);
		return picked;
	}
	*n = cfg->n_strategies;
	picked = xcalloc(*n, sizeof *picked);
	for (i = 0; i < *n; i++)
		picked[i] = strategy_find(cfg->strategies[i]);
	return picked;
}

static void
fill_config(struct run_config *rc, const struct config *cfg,
    const char *dir, const struct workload *wl, unsigned tests,
    const struct strategy_ops **strategies, size_t n_strategies)
{
	size_t i;

	rc->workload = xstrdup(cfg->workload);
	rc->workload_dir = xstrdup(dir);
	rc->workload_tests = (unsigned)wl->n_tests;
	rc->tests = tests;
	rc->rounds = cfg->rounds;
	rc->target_ci = cfg->target_ci;
	rc->max_time = cfg->max_time;
	rc->warmup = cfg->warmup;
	rc->seed = cfg->seed;
	rc->strict = cfg->strict;
	rc->strategies = xcalloc(n_strategies, sizeof *rc->strategies);
	for (i = 0; i < n_strategies; i++)
		rc->strategies[i] = xstrdup(strategies[i]->name);
	rc->n_strategies = n_strategies;
	if (cfg->sqlite_path != NULL)
		rc->sqlite_path = xstrdup(cfg->sqlite_path);
	rc->seed_scales = xcalloc(cfg->n_seed_scales, sizeof *rc->seed_scales);
	memcpy(rc->seed_scales, cfg->seed_scales,
	    cfg->n_seed_scales * sizeof *rc->seed_scales);
	rc->n_seed_scales = cfg->n_seed_scales;
	rc->pool = xstrdup(cfg->static_pool ? "static" : "per-worker");
	rc->workers = xcalloc(cfg->n_workers, sizeof *rc->workers);
	memcpy(rc->workers, cfg->workers, cfg->n_workers * sizeof *rc->workers);
	rc->n_workers = cfg->n_workers;
	rc->chunk = cfg->chunk;
	rc->vacuum = !cfg->no_vacuum;
	rc->sample_cap = cfg->sample_cap;
	rc->benchmark = cfg->command == COMMAND_RUN;
	rc->validate = cfg->validate;
	rc->check_state = cfg->check_state;
	rc->fail_on_leak = cfg->fail_on_leak;
	rc->replicates = cfg->command == COMMAND_RUN &&
	    cfg->child_rounds == 0 ? cfg->replicates : 1;
}

/*
 * --save: the JSON report in results/NAME.json, results/ created if
 * missing, written atomically like -o.
 */
static int
save_run(const char *name, const struct run_result *res,
    struct db_error *err)
{
	struct strbuf out;
	struct stat st;
	char *path;
	int rc;

	if (mkdir(RESULTS_DIR, 0777) != 0 && errno != EEXIST)
		return db_error_set(err, DB_EIO, "--save: create %s/: %s",
		    RESULTS_DIR, strerror(errno));
	if (stat(RESULTS_DIR, &st) != 0 || !S_ISDIR(st.st_mode))
		return db_error_set(err, DB_EIO,
		    "--save: %s exists and is not a folder", RESULTS_DIR);
	strbuf_init(&out);
	path = xasprintf("%s/%s.json", RESULTS_DIR, name);
	rc = report_json_ops.write(res, NULL, &out, err);
	if (rc == DB_OK)
		rc = output_write(path, out.buf, out.len, err);
	free(path);
	strbuf_fini(&out);
	return rc;
}

/*
 * --color: always, never, or (auto) when the report goes to a terminal and
 * the NO_COLOR convention (no-color.org: set and not empty) does not say
 * otherwise.  The flag overrides NO_COLOR.
 */
static int
use_color(const struct config *cfg, const char *dest)
{
	const char *no_color;

	switch (cfg->color) {
	case COLOR_ALWAYS:
		return 1;
	case COLOR_NEVER:
		return 0;
	case COLOR_AUTO:
		break;
	}
	no_color = getenv("NO_COLOR");
	if (no_color != NULL && no_color[0] != '\0')
		return 0;
	if (dest != NULL && strcmp(dest, "-") != 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

static int
render_and_write(const struct config *cfg, const struct run_result *res,
    struct db_error *err)
{
	struct report_options opts;
	struct strbuf out;
	int rc;

	memset(&opts, 0, sizeof opts);
	opts.color = use_color(cfg, cfg->output);
	opts.verbose = cfg->verbose;
	strbuf_init(&out);
	rc = report_for_format(cfg->format)->write(res, &opts, &out, err);
	if (rc == DB_OK)
		rc = output_write(cfg->output, out.buf, out.len, err);
	strbuf_fini(&out);
	return rc;
}

static void
print_warnings(const struct comparison *cmp)
{
	size_t i;

	for (i = 0; i < cmp->n_warnings; i++)
		fprintf(stderr, "dbbench: warning: %s\n", cmp->warnings[i]);
}

/* DB_EREGRESS naming the cells that regressed, or DB_OK. */
static int
regression_status(const struct comparison *cmp, struct db_error *err)
{
	const struct compare_row *r;
	struct strbuf sb;
	char name[160];
	size_t i;

	if (cmp->regressions == 0)
		return DB_OK;
	strbuf_init(&sb);
	for (i = 0; i < cmp->n_rows; i++) {
		r = &cmp->rows[i];
		if (r->verdict != VERDICT_REGRESSION)
			continue;
		compare_cell_name(name, sizeof name, r->after);
		strbuf_addf(&sb, "%s%s %+.1f%%", sb.len > 0 ? ", " : "", name,
		    100 * r->overhead_change);
	}
	db_error_set(err, DB_EREGRESS,
	    "regression against %s beyond %g%% (p < %g): %s",
	    cmp->before_name, 100 * cmp->threshold, COMPARE_ALPHA, sb.buf);
	strbuf_fini(&sb);
	return DB_EREGRESS;
}

/*
 * Write the comparison of after with before to dest in format, warnings on
 * stderr; DB_EREGRESS when a cell regressed.  lead goes first (a blank line
 * after a report on the same stream).
 */
static int
write_comparison(const struct config *cfg, const struct run_result *before,
    const char *before_name, const struct run_result *after,
    const char *after_name, enum report_format format, const char *dest,
    const char *lead, struct db_error *err)
{
	struct report_options opts;
	struct comparison cmp;
	struct strbuf out;
	int rc;

	compare_runs(before, before_name, after, after_name,
	    cfg->fail_threshold, &cmp);
	print_warnings(&cmp);
	memset(&opts, 0, sizeof opts);
	opts.color = use_color(cfg, dest);
	strbuf_init(&out);
	strbuf_adds(&out, lead);
	rc = compare_write(&cmp, format, &opts, &out, err);
	if (rc == DB_OK)
		rc = output_write(dest, out.buf, out.len, err);
	if (rc == DB_OK)
		rc = regression_status(&cmp, err);
	strbuf_fini(&out);
	compare_fini(&cmp);
	return rc;
}

/*
 * --baseline NAME|FILE: a file that exists, else the run saved as
 * results/NAME.json by --save NAME (a ".json" typed is not doubled).
 * *path is allocated.
 */
static int
baseline_path(const char *arg, char **path, struct db_error *err)
{
	size_t len = strlen(arg);
	struct stat st;

	if (stat(arg, &st) == 0 || strchr(arg, '/') != NULL) {
		*path = xstrdup(arg);
		return DB_OK;
	}
	if (len > 5 && strcmp(arg + len - 5, ".json") == 0)
		*path = xasprintf("%s/%s", RESULTS_DIR, arg);
	else
		*path = xasprintf("%s/%s.json", RESULTS_DIR, arg);
	if (stat(*path, &st) != 0)
		return db_error_set(err, DB_EUSAGE,
		    "--baseline: no file %s and no saved run %s (saved by "
		    "--save NAME)",
		    arg, *path);
	return DB_OK;
}

/* --baseline after the report: on stdout, text or Markdown. */
static int
compare_baseline(const struct config *cfg, const char *path,
    const struct run_result *base, const struct run_result *res,
    struct db_error *err)
{
	int on_stdout = cfg->output == NULL || strcmp(cfg->output, "-") == 0;

	return write_comparison(cfg, base, path, res, "this run",
	    cfg->format == FORMAT_MARKDOWN ? FORMAT_MARKDOWN : FORMAT_TEXT,
	    NULL, on_stdout ? "\n" : "", err);
}

/* The largest --workers count: how many worker targets to open. */
static unsigned
max_workers(const struct config *cfg)
{
	unsigned m = 1;
	size_t i;

	if (cfg->static_pool)
		return 1;
	for (i = 0; i < cfg->n_workers; i++)
		if (cfg->workers[i] > m)
			m = cfg->workers[i];
	return m;
}

/*
 * One target per worker, each its own database: for SQLite :memory: that
 * is automatic, a file gets "-gwN" appended for workers after the first,
 * and PostgreSQL gives each worker target its own scratch database.
 */
static int
init_targets(struct plan_backend *pb, const struct config *cfg,
    unsigned n, char ***paths, struct db_error *err)
{
	struct backend_target *t;
	unsigned w;
	int rc = DB_OK;

	pb->targets = xcalloc(n, sizeof *pb->targets);
	pb->n_targets = n;
	*paths = xcalloc(n, sizeof **paths);
	for (w = 0; w < n; w++) {
		t = &pb->targets[w];
		t->worker = w;
		t->dsn = cfg->dsn;
		t->mysql_dsn = cfg->mysql_dsn;
		t->protocol = cfg->protocol;
		t->pg_clone = cfg->pg_clone;
		t->sqlite_clone = cfg->sqlite_clone;
		t->n_stmts = pb->wl->n_stmts;
		/* the processes of a run take turns on the CPUs, so that
		 * their spread holds what differs between CPUs too */
		t->pin_cpu = cfg->pin ? hostinfo_pin_cpu(w +
		    (cfg->child_index > 0 ? cfg->child_index - 1 : 0)) : -1;
		if (cfg->sqlite_path != NULL && w > 0 &&
		    strcmp(cfg->sqlite_path, ":memory:") != 0)
			(*paths)[w] = xasprintf("%s-gw%u", cfg->sqlite_path, w);
		else if (cfg->sqlite_path != NULL)
			(*paths)[w] = xstrdup(cfg->sqlite_path);
		t->sqlite_path = (*paths)[w];
		if (rc == DB_OK && strcmp(pb->ops->name, "sqlite") == 0)
			rc = check_sqlite_path(t->sqlite_path, err);
	}
	return rc;
}

/*
 * Open every worker target of a backend, checking first that the server
 * takes the connections that many workers need.
 */
static int
open_targets(struct plan_backend *pb, unsigned n, unsigned *opened,
    struct db_error *err)
{
	unsigned w;
	int rc = DB_OK;

	for (w = 0; rc == DB_OK && w < n; w++) {
		if (pb->ops->open_target != NULL)
			rc = pb->ops->open_target(&pb->targets[w], err);
		*opened = w + 1;
		if (rc == DB_OK && w == 0 && pb->ops->check_capacity != NULL)
			rc = pb->ops->check_capacity(&pb->targets[0], n, err);
	}
	return rc;
}

static void
close_targets(struct plan_backend *pb, unsigned opened)
{
	unsigned w;

	for (w = 0; w < opened; w++)
		if (pb->ops->close_target != NULL)
			pb->ops->close_target(&pb->targets[w]);
}

/*
 * Measure the plan in separate processes (replicate.h); res takes the
 * first process's description of the host and backends, and
 * *max_time_used the time limit the run kept to (set from the first
 * process when --max-time was not given).
 */
static int
measure_in_processes(const struct config *cfg, const struct run_plan *plan,
    struct run_result *res, double *max_time_used, struct db_error *err)
{
	struct replicate_plan rp;
	const char **names;
	size_t i;
	int rc;

	names = xcalloc(plan->n_strategies, sizeof *names);
	for (i = 0; i < plan->n_strategies; i++)
		names[i] = plan->strategies[i]->name;
	memset(&rp, 0, sizeof rp);
	rp.argc = cfg->argc;
	rp.argv = cfg->argv;
	rp.min_replicates = cfg->replicates;
	rp.rounds = cfg->rounds;
	rp.target_ci = cfg->target_ci;
	rp.max_time = cfg->max_time;
	rp.seed = cfg->seed;
	rp.strategies = names;
	rp.n_strategies = plan->n_strategies;
	rp.progress = plan->progress;
	rp.announce = !cfg->quiet && cfg->rounds == 0;
	rc = replicate_measure(&rp, res, err);
	*max_time_used = rp.max_time_used;
	free(names);
	return rc;
}

/*
 * One process's share of a run measured in several: measure only, and
 * print the JSON report on standard output for the parent.
 */
static void
as_measuring_child(struct config *cfg)
{
	cfg->validate = 0;
	cfg->check_state = 0;
	cfg->fail_on_leak = 0;
	cfg->save = NULL;
	cfg->baseline = NULL;
	cfg->format = FORMAT_JSON;
	cfg->output = NULL;
	cfg->quiet = 1;
	replicate_child_init();
}

/*
 * --fail-on-leak: exit 4 when a state check named a test, as leaked or as
 * failed under its strategy (it cannot be shown clean there).
 */
static int
leak_status(const struct run_result *res, struct db_error *err)
{
	size_t leaked = result_leaked_tests(res);
	size_t failed = result_failed_state_checks(res);

	if (leaked > 0 && failed > 0)
		return db_error_set(err, DB_ELEAK,
		    "state checks: %zu test%s left the database different "
		    "and %zu failed under a strategy (--fail-on-leak; see "
		    "the report)",
		    leaked, leaked == 1 ? "" : "s", failed);
	if (leaked > 0)
		return db_error_set(err, DB_ELEAK,
		    "state checks: %zu test%s left the database different "
		    "(--fail-on-leak; see the report)",
		    leaked, leaked == 1 ? "" : "s");
	if (failed > 0)
		return db_error_set(err, DB_ELEAK,
		    "state checks: %zu test%s failed under a strategy "
		    "(--fail-on-leak; see the report)",
		    failed, failed == 1 ? "" : "s");
	return DB_OK;
}

int
run_command(const struct config *user_cfg, struct db_error *err)
{
	const struct config *cfg = user_cfg;
	struct config child_cfg;
	const struct strategy_ops **strategies = NULL;
	struct plan_backend *pbs;
	struct workload *wls;
	struct run_result res, base;
	struct run_plan plan;
	char *fixtures, *dir = NULL, ***paths, *base_path = NULL;
	unsigned *opened, n_targets, w;
	size_t i, n_strategies = 0, loaded = 0;
	int rc, in_processes, need_targets;

	if (user_cfg->child_rounds > 0) {
		child_cfg = *user_cfg; /* shallow: nothing is freed through it */
		as_measuring_child(&child_cfg);
		cfg = &child_cfg;
	}
	in_processes = cfg->command == COMMAND_RUN &&
	    cfg->child_rounds == 0 && cfg->replicates > 1;
	need_targets = !in_processes || cfg->validate || cfg->check_state;
	memset(&res, 0, sizeof res);
	memset(&base, 0, sizeof base);
	backend_sqlite_configure((enum sqlite_memstatus)cfg->sqlite_memstatus);
	n_targets = max_workers(cfg);
	pbs = xcalloc(cfg->n_backends, sizeof *pbs);
	wls = xcalloc(cfg->n_backends, sizeof *wls);
	paths = xcalloc(cfg->n_backends, sizeof *paths);
	opened = xcalloc(cfg->n_backends, sizeof *opened);
	fixtures = paths_fixtures_dir();
	rc = DB_OK;
	if (cfg->baseline != NULL) {
		rc = baseline_path(cfg->baseline, &base_path, err);
		if (rc == DB_OK)
			rc = result_load_file(base_path, &base, err);
	}
	if (rc == DB_OK)
		rc = workload_resolve(cfg->workload, fixtures, &dir, err);
	for (i = 0; rc == DB_OK && i < cfg->n_backends; i++) {
		pbs[i].ops = backend_find(cfg->backends[i]);
		rc = workload_load(cfg->workload, dir, pbs[i].ops->name,
		    pbs[i].ops->dialect, &wls[i], err);
		if (rc != DB_OK)
			break;
		loaded++;
		pbs[i].wl = &wls[i];
		rc = init_targets(&pbs[i], cfg, n_targets, &paths[i], err);
	}
	if (rc != DB_OK)
		goto out;

	strategies = pick_strategies(cfg, &n_strategies);
	memset(&plan, 0, sizeof plan);
	plan.backends = pbs;
	plan.n_backends = cfg->n_backends;
	plan.strategies = strategies;
	plan.n_strategies = n_strategies;
	plan.tests = cfg->tests != 0 ? cfg->tests : (unsigned)wls[0].n_tests;
	plan.rounds = cfg->rounds;
	plan.warmup = cfg->warmup;
	plan.target_ci = cfg->target_ci;
	plan.max_time = cfg->max_time > 0 ? cfg->max_time : RUN_MAX_TIME;
	plan.seed = cfg->seed;
	plan.seed_scales = cfg->seed_scales;
	plan.n_seed_scales = cfg->n_seed_scales;
	plan.workers = cfg->workers;
	plan.n_workers = cfg->n_workers;
	plan.chunk = cfg->chunk;
	plan.static_pool = cfg->static_pool;
	plan.strict = cfg->strict;
	plan.vacuum = !cfg->no_vacuum;
	plan.progress = !cfg->quiet;
	if (cfg->child_rounds > 0) {
		plan.max_rounds = cfg->child_rounds;
		if (plan.rounds == 0)
			plan.target_ci = 0; /* the parent judges the CI */
	}

	if (in_processes) {
		rc = measure_in_processes(cfg, &plan, &res, &plan.max_time,
		    err);
		if (rc != DB_OK)
			goto out;
		result_config_fini(&res.config);
	} else {
		res.tool_version = xstrdup(PACKAGE_VERSION);
		res.host_cpu = hostinfo_cpu();
		res.host_cores = hostinfo_cores();
		res.host_os = hostinfo_os();
	}
	res.pinned = cfg->pin;
	if (cfg->child_rounds == 0 && res.git_commit == NULL)
		gitinfo_read(&res.git_commit, &res.git_branch);
	fill_config(&res.config, cfg, dir, &wls[0], plan.tests, strategies,
	    n_strategies);
	res.config.max_time = plan.max_time;
	for (i = 0; need_targets && rc == DB_OK && i < cfg->n_backends; i++)
		rc = open_targets(&pbs[i], n_targets, &opened[i], err);
	if (rc == DB_OK && !in_processes && cfg->command == COMMAND_RUN)
		rc = runner_run(&plan, &res, err);
	else if (rc == DB_OK && !in_processes)
		rc = runner_describe_backends(&plan, &res, err);
	if (rc == DB_OK && cfg->validate)
		rc = validate_all(&plan, &res, err);
	if (rc == DB_OK && cfg->check_state)
		rc = statecheck_all(&plan, &res, err);
	for (i = 0; i < cfg->n_backends; i++)
		close_targets(&pbs[i], opened[i]);
	if (rc == DB_OK && cfg->save != NULL)
		rc = save_run(cfg->save, &res, err);
	if (rc == DB_OK)
		rc = render_and_write(cfg, &res, err);
	if (rc == DB_OK && cfg->command == COMMAND_RUN &&
	    cfg->child_rounds == 0)
		rc = diagnose_all_failed(&res, err);
	if (rc == DB_OK && cfg->baseline != NULL)
		rc = compare_baseline(cfg, base_path, &base, &res, err);
	if (rc == DB_OK && cfg->fail_on_leak)
		rc = leak_status(&res, err);
out:
	for (i = 0; rc != DB_OK && i < loaded; i++)
		diagnose_dialect(&wls[i], err);
	result_fini(&base);
	result_fini(&res);
	for (i = 0; i < loaded; i++)
		workload_fini(&wls[i]);
	for (i = 0; i < cfg->n_backends; i++) {
		for (w = 0; paths[i] != NULL && w < n_targets; w++)
			free(paths[i][w]);
		free(paths[i]);
		free(pbs[i].targets);
	}
	free(paths);
	free(opened);
	free(wls);
	free(pbs);
	free(strategies);
	free(dir);
	free(fixtures);
	free(base_path);
	return rc;
}

/* Render a saved run in the asked format. */
int
report_command(const struct config *cfg, struct db_error *err)
{
	struct run_result res;
	int rc;

	rc = result_load_file(cfg->files[0], &res, err);
	if (rc != DB_OK)
		return rc;
	if (cfg->sample_cap_given && cfg->sample_cap > 0) {
		sampling_apply_cap(&res, cfg->sample_cap);
		result_summarize(&res);
	}
	rc = render_and_write(cfg, &res, err);
	result_fini(&res);
	return rc;
}

int
compare_command(const struct config *cfg, struct db_error *err)
{
	struct run_result before, after;
	int rc;

	rc = result_load_file(cfg->files[0], &before, err);
	if (rc != DB_OK)
		return rc;
	rc = result_load_file(cfg->files[1], &after, err);
	if (rc == DB_OK) {
		rc = write_comparison(cfg, &before, cfg->files[0], &after,
		    cfg->files[1], cfg->format, cfg->output, "", err);
		result_fini(&after);
	}
	result_fini(&before);
	return rc;
}

/*
 * recommend: the worker count for a suite of --tests tests (default: the
 * suite the run modelled), from the scaling models of a saved run, without
 * running anything.
 */
int
recommend_command(const struct config *cfg, struct db_error *err)
{
	struct scaling_model *m = NULL;
	struct run_result res;
	struct strbuf out;
	char wall[32], measured[32];
	unsigned tests, rec;
	double predicted;
	size_t i, n = 0;
	int rc;

	memset(&res, 0, sizeof res);
	rc = result_load_file(cfg->files[0], &res, err);
	if (rc == DB_OK) {
		n = scaling_analyse(&res, &m);
		if (n == 0)
			rc = db_error_set(err, DB_EUSAGE,
			    "%s: no worker scaling in this run; measure it with "
			    "--workers 1,2,4,8",
			    cfg->files[0]);
	}
	if (rc != DB_OK) {
		free(m);
		result_fini(&res);
		return rc;
	}
	tests = cfg->tests != 0 ? cfg->tests : res.config.tests;
	strbuf_init(&out);
	for (i = 0; i < n; i++) {
		rec = scaling_recommend(&m[i], tests, res.config.tests,
		    res.host_cores, &predicted);
		report_format_ns(wall, sizeof wall, predicted);
		report_format_ns(measured, sizeof measured,
		    scaling_predict_wall(&m[i], m[i].base_workers, tests,
			res.config.tests));
		strbuf_addf(&out,
		    "%s %s: %u worker%s for %u tests, about %s (%s at %u); "
		    "%s fits the %zu measured counts better\n",
		    m[i].backend, m[i].strategy, rec, rec == 1 ? "" : "s",
		    tests, wall, measured, m[i].base_workers,
		    m[i].usl_better ? "the Universal Scalability Law"
				    : "Amdahl's law",
		    m[i].n_points);
	}
	rc = output_write(cfg->output, out.buf, out.len, err);
	strbuf_fini(&out);
	free(m);
	result_fini(&res);
	return rc;
}

/* "  PG-SEQ       postgres, sqlite   nextval() is never ..." */
static void
list_scenarios(struct strbuf *out)
{
	const struct scenario *const *all;
	const struct scn_variant *v;
	struct strbuf where;
	size_t i, n;

	all = scenario_all(&n);
	strbuf_adds(out, "scenarios (dbbench validate):\n");
	strbuf_init(&where);
	for (i = 0; i < n; i++) {
		strbuf_reset(&where);
		for (v = all[i]->variants; v->backend != NULL; v++)
			strbuf_addf(&where, "%s%s", where.len > 0 ? "," : "",
			    v->backend);
		strbuf_addf(out, "  %-13s %-21s %s\n", all[i]->id, where.buf,
		    all[i]->title);
	}
	strbuf_fini(&where);
}

/*
 * cleanup: drop what killed runs left on the PostgreSQL server of --dsn
 * (or the PG* variables), or the MySQL server of --dsn mysql://...: see
 * the backend's cleanup op for what matches.
 */
int
cleanup_command(const struct config *cfg, struct db_error *err)
{
	const struct backend_ops *pg;
	struct backend_target target;
	struct strbuf out;
	int rc;

	pg = backend_find(cfg->mysql_dsn != NULL ? "mysql" : "postgres");
	if (pg == NULL || pg->cleanup == NULL)
		return db_error_set(err, DB_ENOTSUP,
		    "cleanup: this dbbench was built without %s",
		    cfg->mysql_dsn != NULL ? "MySQL" : "PostgreSQL");
	memset(&target, 0, sizeof target);
	target.dsn = cfg->dsn;
	target.mysql_dsn = cfg->mysql_dsn;
	strbuf_init(&out);
	rc = pg->cleanup(&target, &out, err);
	if (rc == DB_OK)
		rc = output_write(cfg->output, out.buf, out.len, err);
	strbuf_fini(&out);
	return rc;
}

int
list_command(const struct config *cfg, struct db_error *err)
{
	const struct backend_ops *const *backends;
	const struct strategy_ops *const *strategies;
	struct strbuf out;
	char *fixtures, **names = NULL;
	size_t i, n, n_names = 0;
	int rc;

	strbuf_init(&out);
	backends = backend_all(&n);
	strbuf_adds(&out, "backends:\n");
	for (i = 0; i < n; i++)
		strbuf_addf(&out, "  %s\n", backends[i]->name);
	strategies = strategy_all(&n);
	strbuf_adds(&out, "strategies:\n");
	for (i = 0; i < n; i++)
		strbuf_addf(&out, "  %-10s %s\n", strategies[i]->name,
		    strategies[i]->summary);
	fixtures = paths_fixtures_dir();
	rc = workload_list(fixtures, &names, &n_names, err);
	if (rc == DB_OK) {
		strbuf_addf(&out, "workloads (in %s):\n", fixtures);
		for (i = 0; i < n_names; i++)
			strbuf_addf(&out, "  %s\n", names[i]);
		list_scenarios(&out);
		rc = output_write(cfg->output, out.buf, out.len, err);
	}
	for (i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	free(fixtures);
	strbuf_fini(&out);
	return rc;
}
