/*
 * run.c - the run, report and list commands, from a parsed config to a
 * report
 *
 * run: resolve and load the workload once per backend (each backend splits
 * it in its own dialect), build the plan, measure, render the report in
 * memory and write it in one go.  Nothing is written unless the whole run
 * succeeded.
 *
 * --save NAME also writes the JSON report to results/NAME.json.
 *
 * report: load a saved JSON report (result_load.c) and render it as a run
 * would have been.
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
#include "result_load.h"
#include "run.h"
#include "runner.h"
#include "strategy.h"
#include "xmalloc.h"

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
use_color(const struct config *cfg)
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
	if (cfg->output != NULL && strcmp(cfg->output, "-") != 0)
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
	opts.color = use_color(cfg);
	strbuf_init(&out);
	rc = report_for_format(cfg->format)->write(res, &opts, &out, err);
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
	if (rc == DB_OK)
		rc = runner_run(&plan, &res, err);
	for (i = 0; i < cfg->n_backends; i++)
		if (pbs[i].ops != NULL && pbs[i].ops->close_target != NULL)
			pbs[i].ops->close_target(&pbs[i].target);
	if (rc == DB_OK && cfg->save != NULL)
		rc = save_run(cfg->save, &res, err);
	if (rc == DB_OK)
		rc = render_and_write(cfg, &res, err);
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

/* Render a saved run in the asked format. */
int
report_command(const struct config *cfg, struct db_error *err)
{
	struct run_result res;
	int rc;

	rc = result_load_file(cfg->files[0], &res, err);
	if (rc != DB_OK)
		return rc;
	rc = render_and_write(cfg, &res, err);
	result_fini(&res);
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
		rc = output_write(cfg->output, out.buf, out.len, err);
	}
	for (i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	free(fixtures);
	strbuf_fini(&out);
	return rc;
}
