/*
 * cmd_run.c - the run and validate commands, from a parsed config to a
 * report
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

 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend.h"
#include "cli.h"
#include "cmd_write.h"
#include "command.h"
#include "diagnose.h"
#include "gitinfo.h"
#include "hostinfo.h"
#include "output.h"
#include "paths.h"
#include "replicate.h"
#include "report.h"
#include "result_load.h"
#include "runner.h"
#include "statecheck.h"
#include "strategy.h"
#include "validate.h"
#include "xmalloc.h"

/* --max-time when not given, for a run measured in one process (a run
 * measured in several sets it from its first process, replicate.h). */
#define RUN_MAX_TIME 10.0

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
	const char *sqlite_path;
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
	sqlite_path = backend_option_value(cfg->backend_options,
	    cfg->n_backend_options, "sqlite-path");
	if (sqlite_path != NULL)
		rc->sqlite_path = xstrdup(sqlite_path);
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
	rc->benchmark = cfg->command == &cmd_run_entry;
	rc->validate = cfg->validate;
	rc->check_state = cfg->check_state;
	rc->fail_on_leak = cfg->fail_on_leak;
	rc->replicates = cfg->command == &cmd_run_entry &&
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
	int rc;

	strbuf_init(&out);
	rc = report_json_ops.write(res, NULL, &out, err);
	if (rc == DB_OK)
		rc = output_save(name, out.buf, out.len, err);
	strbuf_fini(&out);
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
		*path = xasprintf("%s/%s", OUTPUT_RESULTS_DIR, arg);
	else
		*path = xasprintf("%s/%s.json", OUTPUT_RESULTS_DIR, arg);
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

	return cmd_write_comparison(cfg, base, path, res, "this run",
	    cfg->format == &report_markdown_ops ? &report_markdown_ops
						: &report_text_ops,
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
 * One target per worker, each given the backend's own options: the driver
 * makes each worker's database its own (a SQLite file gets "-gwN"
 * appended for workers after the first; PostgreSQL gives each worker
 * target its own scratch database).
 */
static int
init_targets(struct plan_backend *pb, const struct config *cfg,
    unsigned n, struct db_error *err)
{
	struct backend_target *t;
	unsigned w;
	int rc = DB_OK;

	pb->targets = xcalloc(n, sizeof *pb->targets);
	pb->n_targets = n;
	for (w = 0; rc == DB_OK && w < n; w++) {
		t = &pb->targets[w];
		t->worker = w;
		t->n_stmts = pb->wl->n_stmts;
		/* the processes of a run take turns on the CPUs, so that
		 * their spread holds what differs between CPUs too */
		t->pin_cpu = cfg->pin ? hostinfo_pin_cpu(w +
		    (cfg->child_index > 0 ? cfg->child_index - 1 : 0)) : -1;
		rc = backend_set_options(pb->ops, t, cfg->backend_options,
		    cfg->n_backend_options, err);
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
		backend_close_target(pb->ops, &pb->targets[w]);
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
	cfg->format = &report_json_ops;
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

/*
 * What a run loads and opens, per backend: its workload (in its dialect)
 * and its worker targets; and the saved run --baseline compares with.
 */
struct run_state {
	struct plan_backend *pbs;
	struct workload *wls;
	unsigned *opened;    /* targets opened, per backend */
	unsigned n_targets;  /* per backend */
	size_t loaded;	     /* workloads loaded */
	char *fixtures, *dir, *base_path;
	struct run_result base;
	const struct strategy_ops **strategies;
	size_t n_strategies;
	struct cell_shares shares; /* --child-cells */
};

/* Load the baseline, then each backend's workload, and set its targets. */
static int
run_state_load(struct run_state *st, const struct config *cfg,
    struct db_error *err)
{
	struct plan_backend *pbs;
	size_t i;
	int rc = DB_OK;

	memset(st, 0, sizeof *st);
	st->n_targets = max_workers(cfg);
	st->pbs = pbs = xcalloc(cfg->n_backends, sizeof *pbs);
	st->wls = xcalloc(cfg->n_backends, sizeof *st->wls);
	st->opened = xcalloc(cfg->n_backends, sizeof *st->opened);
	st->fixtures = paths_fixtures_dir();
	if (cfg->child_cells != NULL)
		rc = cell_shares_parse("--child-cells", cfg->child_cells,
		    &st->shares, err);
	if (rc == DB_OK && cfg->baseline != NULL) {
		rc = baseline_path(cfg->baseline, &st->base_path, err);
		if (rc == DB_OK)
			rc = result_load_file(st->base_path, &st->base, err);
	}
	if (rc == DB_OK)
		rc = workload_resolve(cfg->workload, st->fixtures, &st->dir,
		    err);
	for (i = 0; rc == DB_OK && i < cfg->n_backends; i++) {
		pbs[i].ops = backend_find(cfg->backends[i]);
		rc = workload_load(cfg->workload, st->dir, pbs[i].ops->name,
		    pbs[i].ops->dialect, &st->wls[i], err);
		if (rc != DB_OK)
			break;
		st->loaded++;
		pbs[i].wl = &st->wls[i];
		rc = init_targets(&pbs[i], cfg, st->n_targets, err);
	}
	return rc;
}

/* Free what run_state_load() made; after an error, say whether the
 * workloads' dialect explains it. */
static void
run_state_fini(struct run_state *st, const struct config *cfg, int rc,
    struct db_error *err)
{
	size_t i;

	for (i = 0; rc != DB_OK && i < st->loaded; i++)
		diagnose_dialect(&st->wls[i], err);
	result_fini(&st->base);
	for (i = 0; i < st->loaded; i++)
		workload_fini(&st->wls[i]);
	for (i = 0; i < cfg->n_backends; i++) {
		close_targets(&st->pbs[i], st->pbs[i].n_targets); /* options */
		free(st->pbs[i].targets);
	}
	free(st->opened);
	free(st->wls);
	free(st->pbs);
	free(st->strategies);
	cell_shares_fini(&st->shares);
	free(st->dir);
	free(st->fixtures);
	free(st->base_path);
}

/* The plan of the run: what to measure, how long, on which targets. */
static void
build_plan(const struct config *cfg, struct run_state *st,
    struct run_plan *plan)
{
	st->strategies = pick_strategies(cfg, &st->n_strategies);
	memset(plan, 0, sizeof *plan);
	plan->backends = st->pbs;
	plan->n_backends = cfg->n_backends;
	plan->strategies = st->strategies;
	plan->n_strategies = st->n_strategies;
	plan->tests = cfg->tests != 0 ? cfg->tests
				      : (unsigned)st->wls[0].n_tests;
	plan->rounds = cfg->rounds;
	plan->warmup = cfg->warmup;
	plan->target_ci = cfg->target_ci;
	plan->max_time = cfg->max_time > 0 ? cfg->max_time : RUN_MAX_TIME;
	plan->seed = cfg->seed;
	plan->seed_scales = cfg->seed_scales;
	plan->n_seed_scales = cfg->n_seed_scales;
	plan->workers = cfg->workers;
	plan->n_workers = cfg->n_workers;
	plan->chunk = cfg->chunk;
	plan->static_pool = cfg->static_pool;
	plan->strict = cfg->strict;
	plan->vacuum = !cfg->no_vacuum;
	plan->progress = !cfg->quiet;
	plan->shares = st->shares.n > 0 ? &st->shares : NULL;
	if (cfg->child_rounds > 0) {
		plan->max_rounds = cfg->child_rounds;
		if (plan->rounds == 0)
			plan->target_ci = 0; /* the parent judges the CI */
	}
}

/*
 * Measure (in this process, or in several), then run the isolation
 * scenarios and the state checks on targets opened for them.
 */
static int
measure_and_check(const struct config *cfg, struct run_state *st,
    struct run_plan *plan, struct run_result *res, struct db_error *err)
{
	int in_processes, need_targets, rc = DB_OK;
	size_t i;

	in_processes = cfg->command == &cmd_run_entry &&
	    cfg->child_rounds == 0 && cfg->replicates > 1;
	need_targets = !in_processes || cfg->validate || cfg->check_state;
	if (in_processes) {
		rc = measure_in_processes(cfg, plan, res, &plan->max_time, err);
		if (rc != DB_OK)
			return rc;
		result_config_fini(&res->config);
	} else {
		res->tool_version = xstrdup(PACKAGE_VERSION);
		res->host_cpu = hostinfo_cpu();
		res->host_cores = hostinfo_cores();
		res->host_os = hostinfo_os();
	}
	res->pinned = cfg->pin;
	if (cfg->child_rounds == 0 && res->git_commit == NULL)
		gitinfo_read(&res->git_commit, &res->git_branch);
	fill_config(&res->config, cfg, st->dir, &st->wls[0], plan->tests,
	    st->strategies, st->n_strategies);
	res->config.max_time = plan->max_time;
	for (i = 0; need_targets && rc == DB_OK && i < cfg->n_backends; i++)
		rc = open_targets(&st->pbs[i], st->n_targets, &st->opened[i],
		    err);
	if (rc == DB_OK && !in_processes && cfg->command == &cmd_run_entry)
		rc = runner_run(plan, res, err);
	else if (rc == DB_OK && !in_processes)
		rc = runner_describe_backends(plan, res, err);
	if (rc == DB_OK && cfg->validate)
		rc = validate_all(plan, res, err);
	if (rc == DB_OK && cfg->check_state)
		rc = statecheck_all(plan, res, err);
	for (i = 0; i < cfg->n_backends; i++)
		close_targets(&st->pbs[i], st->opened[i]);
	return rc;
}

static int
run_command(const struct config *user_cfg, struct db_error *err)
{
	const struct config *cfg = user_cfg;
	struct config child_cfg;
	struct run_state st;
	struct run_result res;
	struct run_plan plan;
	int rc;

	if (user_cfg->child_rounds > 0) {
		child_cfg = *user_cfg; /* shallow: nothing is freed through it */
		as_measuring_child(&child_cfg);
		cfg = &child_cfg;
	}
	memset(&res, 0, sizeof res);
	rc = run_state_load(&st, cfg, err);
	if (rc == DB_OK) {
		build_plan(cfg, &st, &plan);
		rc = measure_and_check(cfg, &st, &plan, &res, err);
	}
	if (rc == DB_OK && cfg->save != NULL)
		rc = save_run(cfg->save, &res, err);
	if (rc == DB_OK)
		rc = cmd_render_report(cfg, &res, err);
	if (rc == DB_OK && cfg->command == &cmd_run_entry &&
	    cfg->child_rounds == 0)
		rc = diagnose_all_failed(&res, err);
	if (rc == DB_OK && cfg->baseline != NULL)
		rc = compare_baseline(cfg, st.base_path, &st.base, &res, err);
	if (rc == DB_OK && cfg->fail_on_leak)
		rc = leak_status(&res, err);
	result_fini(&res);
	run_state_fini(&st, cfg, rc, err);
	return rc;
}

static const char validate_summary[] =
    "Runs the isolation scenarios and the state checks (on by default "
    "here) on\n"
    "each backend, without measuring; the measuring options are accepted "
    "and\n"
    "have no effect.\n";

const struct command_entry cmd_run_entry = {
	.name = "run",
	.usage = "[run] [options]",
	.stoppable = 1,
	.exec = run_command,
};

const struct command_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "validate [options]",
	.summary = validate_summary,
	.stoppable = 1,
	.exec = run_command,
};
