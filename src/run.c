/*
 * run.c - the run, validate and list commands, from a parsed config to a
 * report
 *
 * run: resolve and load the workload once per backend (each backend splits
 * it in its own dialect), build the plan, measure, then (outside anything
 * timed) run the isolation scenarios unless --no-validate and the state
 * checks with --check-state; render the report in memory and write it in
 * one go.  validate is the same without the measurements, state checks on
 * by default.  Nothing is written unless the whole run succeeded; with
 * --fail-on-leak a state check that names a test makes the command fail
 * with DB_ELEAK after the report is written.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "hostinfo.h"
#include "output.h"
#include "paths.h"
#include "report.h"
#include "run.h"
#include "runner.h"
#include "scenario.h"
#include "statecheck.h"
#include "strategy.h"
#include "validate.h"
#include "xmalloc.h"

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
	rc->benchmark = cfg->command == COMMAND_RUN;
	rc->validate = cfg->validate;
	rc->check_state = cfg->check_state;
	rc->fail_on_leak = cfg->fail_on_leak;
}

static int
render_and_write(const struct config *cfg, const struct run_result *res,
    struct db_error *err)
{
	struct strbuf out;
	int rc;

	strbuf_init(&out);
	rc = report_for_format(cfg->format)->write(res, &out, err);
	if (rc == DB_OK)
		rc = output_write(cfg->output, out.buf, out.len, err);
	strbuf_fini(&out);
	return rc;
}

int
run_command(const struct config *cfg, struct db_error *err)
{
	const struct strategy_ops **strategies = NULL;
	struct plan_backend *pbs;
	struct workload *wls;
	struct run_result res;
	struct run_plan plan;
	char *fixtures, *dir = NULL;
	size_t i, n_strategies = 0, loaded = 0;
	int rc;

	memset(&res, 0, sizeof res);
	pbs = xcalloc(cfg->n_backends, sizeof *pbs);
	wls = xcalloc(cfg->n_backends, sizeof *wls);
	fixtures = paths_fixtures_dir();
	rc = check_sqlite_path(cfg->sqlite_path, err);
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
		pbs[i].target.sqlite_path = cfg->sqlite_path;
		pbs[i].target.dsn = cfg->dsn;
		pbs[i].target.protocol = cfg->protocol;
		pbs[i].target.pg_clone = cfg->pg_clone;
		pbs[i].target.sqlite_clone = cfg->sqlite_clone;
		pbs[i].target.n_stmts = wls[i].n_stmts;
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
	plan.max_time = cfg->max_time;
	plan.seed = cfg->seed;
	plan.strict = cfg->strict;
	plan.progress = !cfg->quiet && isatty(STDERR_FILENO);

	res.tool_version = xstrdup(PACKAGE_VERSION);
	res.host_cpu = hostinfo_cpu();
	res.host_cores = hostinfo_cores();
	res.host_os = hostinfo_os();
	fill_config(&res.config, cfg, dir, &wls[0], plan.tests, strategies,
	    n_strategies);
	for (i = 0; rc == DB_OK && i < cfg->n_backends; i++)
		if (pbs[i].ops->open_target != NULL)
			rc = pbs[i].ops->open_target(&pbs[i].target, err);
	if (rc == DB_OK && cfg->command == COMMAND_RUN)
		rc = runner_run(&plan, &res, err);
	else if (rc == DB_OK)
		rc = runner_describe_backends(&plan, &res, err);
	if (rc == DB_OK && cfg->validate)
		rc = validate_all(&plan, &res, err);
	if (rc == DB_OK && cfg->check_state)
		rc = statecheck_all(&plan, &res, err);
	for (i = 0; i < cfg->n_backends; i++)
		if (pbs[i].ops != NULL && pbs[i].ops->close_target != NULL)
			pbs[i].ops->close_target(&pbs[i].target);
	if (rc == DB_OK)
		rc = render_and_write(cfg, &res, err);
	if (rc == DB_OK && cfg->fail_on_leak && result_leaked_tests(&res) > 0)
		rc = db_error_set(err, DB_ELEAK,
		    "state checks: %zu test%s left the database different "
		    "(--fail-on-leak; see the report)",
		    result_leaked_tests(&res),
		    result_leaked_tests(&res) == 1 ? "" : "s");
out:
	result_fini(&res);
	for (i = 0; i < loaded; i++)
		workload_fini(&wls[i]);
	free(wls);
	free(pbs);
	free(strategies);
	free(dir);
	free(fixtures);
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
		strbuf_addf(out, "  %-13s %-16s %s\n", all[i]->id, where.buf,
		    all[i]->title);
	}
	strbuf_fini(&where);
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
