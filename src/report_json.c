/*
 * report_json.c - the machine-readable report (schema_version 1)
 *
 * Field names follow the JSON contract of DESIGN.md; times are integer or
 * fractional nanoseconds.  Sections a run did not measure (validation,
 * scaling, ...) are present and empty, so readers need not test for them.
 * Raw samples are kept under each cell's "samples", in measurement order.
 * Validation holds an entry per (backend, strategy, scenario), n/a ones
 * included; state_checks an entry per (backend, strategy, test) checked.
 * Written with jansson.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "compare.h"
#include "drift.h"
#include "report.h"
#include "sampling.h"
#include "scaling.h"

#define JSON_SCHEMA_VERSION 1

/* A number, or null where there is no confidence interval. */
static json_t *
ci_json(const struct stats *s, double x)
{
	return stats_has_ci(s) ? json_real(x) : json_null();
}

static json_t *
stats_json(const struct stats *s)
{
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:o, "
			 "s:o, s:I}",
	    "n", (json_int_t)s->n, "min", s->min, "median", s->median, "mean",
	    s->mean, "p95", s->p95, "p99", s->p99, "max", s->max, "stddev",
	    s->stddev, "mad", s->mad, "ci95_low", ci_json(s, s->ci95_low),
	    "ci95_high", ci_json(s, s->ci95_high), "outliers",
	    (json_int_t)s->outliers);
}

static json_t *
samples_json(const struct sample_vec *vec)
{
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < vec->n; i++)
		json_array_append_new(a, json_integer(vec->v[i]));
	return a;
}

/* What samples stand for: never fewer than they are. */
static size_t
at_least(size_t timed, size_t kept)
{
	return timed > kept ? timed : kept;
}

/* A sketch as its counts from the first bucket on. */
static json_t *
sketch_json(const struct sketch *s)
{
	json_t *counts;
	size_t k;

	counts = json_array();
	for (k = 0; k < s->len; k++)
		json_array_append_new(counts,
		    json_integer((json_int_t)s->counts[k]));
	return json_pack("{s:I, s:I, s:I, s:I, s:i, s:o}", "n",
	    (json_int_t)s->n, "zeros", (json_int_t)s->zeros, "min",
	    (json_int_t)s->min, "max", (json_int_t)s->max, "first",
	    (int)s->first, "counts", counts);
}

/* A sampled cell's sketches of every test, per per-test series. */
static json_t *
sketches_json(const struct cell *c)
{
	static const int per_test[] = { SERIES_TEST_SETUP, SERIES_BODY,
		SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
	json_t *o;
	size_t k;

	o = json_pack("{s:f}", "alpha", SKETCH_ALPHA);
	for (k = 0; k < sizeof per_test / sizeof per_test[0]; k++)
		json_object_set_new(o, series_names[per_test[k]],
		    sketch_json(&c->sketch[per_test[k]]));
	return o;
}

static json_t *
cell_json(const struct run_result *res, const struct cell *c)
{
	json_t *o, *phases, *samples;
	int s;

	phases = json_object();
	samples = json_object();
	for (s = SERIES_SESSION_SETUP; s <= SERIES_SESSION_TEARDOWN; s++)
		json_object_set_new(phases, series_names[s],
		    stats_json(&c->stats[s]));
	for (s = 0; s < SERIES_COUNT; s++)
		json_object_set_new(samples, series_names[s],
		    samples_json(&c->samples[s]));
	json_object_set_new(samples, "wall", samples_json(&c->wall));
	json_object_set_new(samples, "suite_overhead",
	    samples_json(&c->suite_overhead));
	json_object_set_new(samples, "connect", samples_json(&c->connect));
	json_object_set_new(samples, "test_index",
	    samples_json(&c->test_index));
	o = json_pack("{s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:i, s:b, s:o}",
	    "backend", c->backend, "strategy", c->strategy, "workers",
	    (int)c->workers, "pool", c->pool, "tests_run",
	    (json_int_t)c->tests_run, "failed", (json_int_t)c->failed,
	    "wall_ns", (json_int_t)c->wall_stats.median,
	    "rounds", (int)c->rounds, "converged", c->converged, "ci_rel",
	    ci_json(&c->suite_overhead_stats,
		stats_ci_halfwidth_rel(&c->suite_overhead_stats)));
	json_object_set_new(o, "phases", phases);
	json_object_set_new(o, "overhead",
	    stats_json(&c->stats[SERIES_OVERHEAD]));
	json_object_set_new(o, "per_test",
	    stats_json(&c->stats[SERIES_PER_TEST]));
	json_object_set_new(o, "suite_overhead",
	    stats_json(&c->suite_overhead_stats));
	json_object_set_new(o, "connect", stats_json(&c->connect_stats));
	json_object_set_new(o, "overhead_share",
	    json_real(report_overhead_share(c)));
	json_object_set_new(o, "suite_overhead_ns",
	    json_real(report_suite_overhead_ns(res, c)));
	json_object_set_new(o, "seed_scale", json_integer(c->seed_scale));
	json_object_set_new(o, "client_cpu", json_integer(c->client_cpu));
	json_object_set_new(o, "server_cpu", json_integer(c->server_cpu));
	json_object_set_new(o, "seed_rows", json_integer(c->seed_rows));
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "sampling",
	    json_pack("{s:s, s:I, s:I, s:I, s:I}", "per_test",
		sampling_is_sample(c) ? "sample" : "all",
		"tests_kept", (json_int_t)c->samples[SERIES_PER_TEST].n,
		"tests_timed", (json_int_t)at_least(c->tests_timed,
		    c->samples[SERIES_PER_TEST].n),
		"connects_kept", (json_int_t)c->connect.n, "connects_timed",
		(json_int_t)at_least(c->connects_timed, c->connect.n)));
	if (sampling_is_sample(c))
		json_object_set_new(o, "sketches", sketches_json(c));
	if (c->rep_rounds.n > 0)
		json_object_set_new(o, "replicates",
		    json_pack("{s:o, s:o, s:o, s:o}", "rounds",
			samples_json(&c->rep_rounds), "sessions",
			samples_json(&c->rep_sessions), "tests",
			samples_json(&c->rep_tests), "connects",
			samples_json(&c->rep_connects)));
	return o;
}

static json_t *
backends_json(const struct run_result *res)
{
	const struct backend_result *b;
	json_t *a, *settings;
	size_t i, j;

	a = json_array();
	for (i = 0; i < res->n_backends; i++) {
		b = &res->backends[i];
		settings = json_object();
		for (j = 0; j < b->info.n_settings; j++)
			json_object_set_new(settings, b->info.settings[j].name,
			    json_string(b->info.settings[j].value));
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:o, s:I}", "name", b->name,
			"version", b->info.version != NULL ? b->info.version : "",
			"settings", settings, "seed_rows",
			(json_int_t)b->seed_rows));
	}
	return a;
}

static json_t *
config_json(const struct run_result *res)
{
	const struct run_config *cfg = &res->config;
	json_t *o, *strategies, *backends, *workers;
	size_t i;

	workers = json_array();
	for (i = 0; i < cfg->n_workers; i++)
		json_array_append_new(workers, json_integer(cfg->workers[i]));
	if (cfg->n_workers == 0)
		json_array_append_new(workers, json_integer(1));

	strategies = json_array();
	for (i = 0; i < cfg->n_strategies; i++)
		json_array_append_new(strategies,
		    json_string(cfg->strategies[i]));
	backends = json_array();
	for (i = 0; i < res->n_backends; i++)
		json_array_append_new(backends,
		    json_string(res->backends[i].name));
	o = json_pack("{s:s, s:b, s:b, s:b, s:I, s:o, s:s, s:s, s:I, s:I, "
		      "s:f, s:f, s:I, s:I, s:b, s:o, s:o, s:s}",
	    "command", cfg->benchmark ? "run" : "validate", "validate",
	    cfg->validate, "check_state", cfg->check_state, "fail_on_leak",
	    cfg->fail_on_leak,
	    "tests", (json_int_t)cfg->tests, "workers", workers, "workload",
	    cfg->workload, "workload_dir", cfg->workload_dir, "workload_tests",
	    (json_int_t)cfg->workload_tests, "rounds", (json_int_t)cfg->rounds,
	    "target_ci_pct", 100 * cfg->target_ci, "max_time_s", cfg->max_time,
	    "warmup", (json_int_t)cfg->warmup, "seed", (json_int_t)cfg->seed,
	    "strict", cfg->strict, "strategies", strategies, "backends",
	    backends, "sqlite_path",
	    cfg->sqlite_path != NULL ? cfg->sqlite_path : ":memory:");
	{
		json_t *scales = json_array();
		size_t k;

		for (k = 0; k < cfg->n_seed_scales; k++)
			json_array_append_new(scales,
			    json_integer(cfg->seed_scales[k]));
		if (cfg->n_seed_scales == 0)
			json_array_append_new(scales, json_integer(1));
		json_object_set_new(o, "seed_scales", scales);
		json_object_set_new(o, "pool",
		    json_string(cfg->pool != NULL ? cfg->pool : "per-worker"));
		json_object_set_new(o, "dist",
		    json_string(cfg->chunk ? "chunk" : "load"));
		json_object_set_new(o, "vacuum", json_boolean(cfg->vacuum));
		json_object_set_new(o, "replicates",
		    json_integer(cfg->replicates > 0 ? cfg->replicates : 1));
		json_object_set_new(o, "sample_cap",
		    json_integer((json_int_t)cfg->sample_cap));
	}
	return o;
}

static json_t *
failures_json(const struct run_result *res)
{
	const struct failure *f;
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:I}", "backend",
			f->backend, "strategy", f->strategy, "test", f->test,
			"phase", f->phase, "statement", (int)f->statement,
			"error", f->error, "count", (json_int_t)f->count));
	}
	return a;
}

/* The migration assessment, or null for a run on one backend. */
static json_t *
migration_json(const struct run_result *res)
{
	struct migration_row *rows;
	json_t *o, *strategies, *only;
	const struct failure *f;
	size_t i, n;

	n = report_migration_rows(res, &rows);
	if (n == 0) {
		free(rows);
		return json_null();
	}
	strategies = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(strategies,
		    json_pack("{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f}",
			"strategy", rows[i].from->strategy, "to",
			rows[i].to->backend, "from_overhead_ns",
			rows[i].from->suite_overhead_stats.median,
			"to_overhead_ns",
			rows[i].to->suite_overhead_stats.median,
			"overhead_ratio", rows[i].overhead_ratio,
			"per_test_ratio", rows[i].per_test_ratio,
			"from_suite_ns", rows[i].from_suite_ns, "to_suite_ns",
			rows[i].to_suite_ns));
	only = json_array();
	for (i = 0; i < res->n_failures; i++) {
		f = &res->failures[i];
		if (report_fails_only_on(res, f))
			json_array_append_new(only,
			    json_pack("{s:s, s:s, s:s, s:i, s:s}", "backend",
				f->backend, "strategy", f->strategy, "test",
				f->test, "statement", (int)f->statement,
				"error", f->error));
	}
	o = json_pack("{s:s, s:o, s:o}", "from", rows[0].from->backend,
	    "strategies", strategies, "fails_on_one_backend", only);
	free(rows);
	return o;
}

static json_t *
cost_models_json(const struct run_result *res)
{
	struct cost_model *m;
	json_t *a;
	size_t i, n;

	a = json_array();
	n = report_cost_models(res, &m);
	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:f, s:f, s:f, s:I, s:I}", "backend",
			m[i].backend, "strategy", m[i].strategy, "fixed_ns",
			m[i].fixed_ns, "per_row_ns", m[i].per_row_ns, "r2",
			m[i].r2, "points", (json_int_t)m[i].points, "max_rows",
			(json_int_t)m[i].max_rows));
	free(m);
	return a;
}

/*
 * The contract's "scaling" rows (models == 0), or the fitted models with
 * their recommendation for the run's suite size (models == 1).
 */
static json_t *
scaling_json(const struct run_result *res, int models)
{
	struct scaling_model *m;
	const struct scaling_point *p;
	json_t *a;
	size_t i, k, n;
	unsigned rec;
	double predicted;

	a = json_array();
	n = scaling_analyse(res, &m);
	for (i = 0; i < n; i++) {
		if (models) {
			rec = scaling_recommend(&m[i], res->config.tests,
			    res->config.tests, res->host_cores, &predicted);
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:i, s:{s:f, s:f}, "
				      "s:{s:f, s:f, s:f}, s:s, s:i, s:i, s:f}",
				"backend", m[i].backend, "strategy",
				m[i].strategy, "base_workers",
				(int)m[i].base_workers, "amdahl", "p",
				m[i].amdahl_p, "sse", m[i].amdahl_sse, "usl",
				"alpha", m[i].usl_alpha, "beta", m[i].usl_beta,
				"sse", m[i].usl_sse, "best_fit",
				m[i].usl_better ? "usl" : "amdahl",
				"best_measured_workers",
				(int)m[i].best_measured, "recommended_workers",
				(int)rec, "predicted_wall_ns", predicted));
			continue;
		}
		for (k = 0; k < m[i].n_points; k++) {
			p = &m[i].points[k];
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:i, s:I, s:f, s:f}",
				"backend", m[i].backend, "strategy",
				m[i].strategy, "workers", (int)p->workers,
				"wall_ns", (json_int_t)p->wall_ns, "speedup",
				p->speedup, "efficiency", p->efficiency));
		}
	}
	free(m);
	return a;
}

static json_t *
validation_json(const struct run_result *res)
{
	const struct validation *v;
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < res->n_validations; i++) {
		v = &res->validations[i];
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:s}", "backend",
			v->backend, "strategy", v->strategy, "scenario",
			v->scenario, "verdict", verdict_names[v->verdict],
			"detail", v->detail));
	}
	return a;
}

static json_t *
scenarios_json(const struct run_result *res)
{
	const struct scenario_info *sc;
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < res->n_scenarios; i++) {
		sc = &res->scenarios[i];
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s}", "id", sc->id, "title",
			sc->title, "mitigation", sc->mitigation));
	}
	return a;
}

static json_t *
state_checks_json(const struct run_result *res)
{
	const struct state_check *c;
	json_t *a, *o;
	size_t i;

	a = json_array();

	for (i = 0; i < res->n_state_checks; i++) {
		c = &res->state_checks[i];
		o = json_pack("{s:s, s:s, s:s, s:b, s:s}", "backend",
		    c->backend, "strategy", c->strategy, "test", c->test,
		    "leaked", c->leaked, "detail", c->detail);
		if (c->error != NULL)
			json_object_set_new(o, "error", json_string(c->error));
		json_array_append_new(a, o);
	}
	return a;
}

/* One entry per (scenario, strategy, other backend) that differs. */
static json_t *
migration_risks_json(const struct run_result *res)
{
	struct migration_risk *risks;
	json_t *a, *verdicts, *details;
	size_t i, n;

	a = json_array();
	n = report_migration_risks(res, &risks);
	for (i = 0; i < n; i++) {
		verdicts = json_object();
		details = json_object();
		json_object_set_new(verdicts, risks[i].from->backend,
		    json_string(verdict_names[risks[i].from->verdict]));
		json_object_set_new(verdicts, risks[i].to->backend,
		    json_string(verdict_names[risks[i].to->verdict]));
		json_object_set_new(details, risks[i].from->backend,
		    json_string(risks[i].from->detail));
		json_object_set_new(details, risks[i].to->backend,
		    json_string(risks[i].to->detail));
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:o, s:o}", "scenario",
			risks[i].from->scenario, "strategy",
			risks[i].from->strategy, "verdicts", verdicts,
			"details", details));
	}
	free(risks);
	return a;
}

static json_t *
drift_json(const struct run_result *res)
{
	struct drift *d;
	json_t *a;
	size_t i, n;

	a = json_array();
	n = drift_analyse(res, &d);
	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:i, s:i, s:f, s:f, s:f, s:I, s:I, "
			      "s:f, s:f, s:f, s:f, s:b, s:s}",
			"backend", d[i].cell->backend, "strategy",
			d[i].cell->strategy, "workers", (int)d[i].cell->workers,
			"seed_scale", (int)d[i].cell->seed_scale,
			"pct_per_1000_tests", d[i].pct_per_1000, "ci95_low",
			d[i].ci_low, "ci95_high", d[i].ci_high,
			"session_tests", (json_int_t)d[i].tests,
			"bins", (json_int_t)d[i].bins,
			"pct_over_session", d[i].pct_session,
			"session_ci95_low", d[i].session_ci_low,
			"session_ci95_high", d[i].session_ci_high, "p", d[i].p,
			"significant", d[i].significant, "detail",
			d[i].significant ? drift_cause(&d[i]) : "no trend"));
	free(d);
	return a;
}

/*
 * Whether the run was pinned, where the first server backend and its
 * client were seen, the same per backend with a server process, and why a
 * backend was not where it should be.
 */
static json_t *
placement_json(const struct run_result *res)
{
	struct placement_summary *p;
	char note[512];
	json_t *o, *a;
	size_t i, n;

	n = report_placement_backends(res, &p);
	report_placement_note(res, note, sizeof note);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:i}",
			"backend", p[i].backend, "server",
			p[i].remote == p[i].cells ? "another host"
			    : p[i].remote > 0	  ? "mixed"
						  : "this host",
			"cells", (json_int_t)p[i].cells, "on_client_cpu",
			(json_int_t)p[i].on_client, "elsewhere",
			(json_int_t)p[i].elsewhere, "unknown",
			(json_int_t)p[i].unknown, "backend_cpu", p[i].cpu));
	o = json_pack("{s:b, s:i, s:i, s:s, s:o}", "pinned", res->pinned,
	    "client_cpu", n > 0 ? p[0].client_cpu
		: res->n_cells > 0 ? res->cells[0].client_cpu : -1,
	    "backend_cpu", n > 0 ? p[0].cpu
		: res->n_cells > 0 ? res->cells[0].server_cpu : -1,
	    "note", note, "backends", a);
	free(p);
	return o;
}

/* The sentences of report_recommendations() or report_decision(). */
static json_t *
lines_json(char **(*make)(const struct run_result *, size_t *),
    const struct run_result *res)
{
	char **lines;
	json_t *a;
	size_t i, n;

	lines = make(res, &n);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(lines[i]));
	report_free_lines(lines, n);
	return a;
}

static json_t *
result_json(const struct run_result *res)
{
	json_t *root, *cells;
	char started[32];
	struct tm tm;
	time_t t;
	size_t i;

	t = (time_t)res->started_unix;
	gmtime_r(&t, &tm);
	strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cells = json_array();
	for (i = 0; i < res->n_cells; i++)
		json_array_append_new(cells, cell_json(res, &res->cells[i]));
	root = json_pack("{s:i, s:{s:s, s:s}, s:{s:s, s:i, s:s}, s:s, s:I}",
	    "schema_version", JSON_SCHEMA_VERSION, "tool", "name", "dbbench",
	    "version", res->tool_version, "host", "cpu", res->host_cpu,
	    "cores", (int)res->host_cores, "os", res->host_os, "started",
	    started, "elapsed_ns", (json_int_t)res->elapsed_ns);
	if (res->git_commit != NULL) {
		json_object_set_new(root, "git",
		    json_pack("{s:s}", "commit", res->git_commit));
		if (res->git_branch != NULL)
			json_object_set_new(json_object_get(root, "git"),
			    "branch", json_string(res->git_branch));
	}
	json_object_set_new(root, "replicates",
	    json_integer(res->replicates > 0 ? res->replicates : 1));
	json_object_set_new(root, "timer",
	    json_pack("{s:s, s:f, s:f, s:f}", "clock", "CLOCK_MONOTONIC",
		"reading_ns", res->timer_cost_ns, "resolution_ns",
		res->timer_resolution_ns, "harness_floor_ns",
		res->harness_floor_ns));
	json_object_set_new(root, "config", config_json(res));
	json_object_set_new(root, "backends", backends_json(res));
	json_object_set_new(root, "cells", cells);
	json_object_set_new(root, "validation", validation_json(res));
	json_object_set_new(root, "scenarios", scenarios_json(res));
	json_object_set_new(root, "state_checks", state_checks_json(res));
	json_object_set_new(root, "migration_risks",
	    migration_risks_json(res));
	json_object_set_new(root, "scaling", scaling_json(res, 0));
	json_object_set_new(root, "scaling_models", scaling_json(res, 1));
	json_object_set_new(root, "failures", failures_json(res));
	json_object_set_new(root, "cost_models", cost_models_json(res));
	json_object_set_new(root, "drift", drift_json(res));
	json_object_set_new(root, "placement", placement_json(res));
	json_object_set_new(root, "migration", migration_json(res));
	{
		json_t *notes = json_array();
		size_t k;

		for (k = 0; k < res->n_notes; k++)
			json_array_append_new(notes,
			    json_string(res->notes[k]));
		json_object_set_new(root, "notes", notes);
	}
	json_object_set_new(root, "decision",
	    lines_json(report_decision, res));
	json_object_set_new(root, "recommendations",
	    lines_json(report_recommendations, res));
	return root;
}

int
report_json_text(const json_t *root, size_t flags, const char *what,
    struct strbuf *out, struct db_error *err)
{
	char *text;

	text = json_dumps(root, flags);
	if (text == NULL)
		return db_error_set(err, DB_EIO,
		    "json: could not serialize the %s", what);
	strbuf_adds(out, text);
	strbuf_addc(out, '\n');
	free(text);
	return DB_OK;
}

int
report_json_dump(json_t *root, struct strbuf *out, struct db_error *err)
{
	int rc;

	if (root == NULL)
		return db_error_set(err, DB_EIO, "json: could not build the "
						 "report");
	rc = report_json_text(root, JSON_COMPACT | JSON_REAL_PRECISION(10),
	    "report", out, err);
	json_decref(root);
	return rc;
}

static int
json_write(const struct run_result *res, const struct report_options *opts,
    struct strbuf *out, struct db_error *err)
{
	(void)opts;
	return report_json_dump(result_json(res), out, err);
}

const struct report_ops report_json_ops = {
	.name = "json",
	.machine = 1,
	.write = json_write,
	.compare = compare_write_json,
};
