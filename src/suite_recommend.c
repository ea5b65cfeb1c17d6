/*
 * suite_recommend.c - `dbbench recommend --tests N SUITE.json`: the worker
 * count for a suite of N tests, from a saved `dbbench suite` run
 *
 * The saved run's configurations are grouped as suite_analysis.c groups
 * them (same strategy and --param values), their medians of wall time and
 * start-up read back, and suite_scaling.c predicts each count for N
 * tests.  Needs a worker scan measured with --startup and --junit (the
 * start-up split and the suite's size); says which is missing otherwise.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "strbuf.h"
#include "suite.h"
#include "suite_scaling.h"
#include "xmalloc.h"

int
suite_saved_run(const char *path)
{
	json_t *root;
	int yes;

	root = json_load_file(path, 0, NULL);
	yes = root != NULL && json_is_object(json_object_get(root, "suite"));
	json_decref(root);
	return yes;
}

static double
stats_median(json_t *stats)
{
	json_t *m = json_object_get(stats, "median");

	return json_is_number(m) ? json_number_value(m) : NAN;
}

static int
same_group(json_t *a, json_t *b)
{
	return json_equal(json_object_get(a, "strategy"),
		   json_object_get(b, "strategy")) &&
	    json_equal(json_object_get(a, "params"),
		json_object_get(b, "params"));
}

/* The group of configs[i] as a scan; 0 points when i is not its first. */
static void
read_group(json_t *configs, size_t i, struct suite_scaling *g)
{
	json_t *c = json_array_get(configs, i), *d, *t;
	size_t j;

	memset(g, 0, sizeof *g);
	for (j = 0; j < i; j++)
		if (same_group(json_array_get(configs, j), c))
			return;
	for (j = i; j < json_array_size(configs) && g->n < SUITE_SCALE_MAX;
	     j++) {
		d = json_array_get(configs, j);
		if (!same_group(c, d) ||
		    !json_is_integer(json_object_get(d, "workers")) ||
		    isnan(stats_median(json_object_get(d, "wall"))))
			continue;
		g->pts[g->n].workers = (unsigned)json_integer_value(
		    json_object_get(d, "workers"));
		g->pts[g->n].wall_ns = stats_median(json_object_get(d, "wall"));
		g->pts[g->n].startup_ns =
		    stats_median(json_object_get(d, "startup"));
		g->pts[g->n].config = j;
		t = json_object_get(d, "tests");
		if (g->tests == 0 && json_is_integer(t))
			g->tests = (size_t)json_integer_value(t);
		g->n++;
	}
}

static int
recommend_group(const struct suite_scaling *g, json_t *first,
    unsigned tests, unsigned cores, struct strbuf *out, struct db_error *err,
    const char *path)
{
	char label[160], wall[32];
	double t, predicted;
	unsigned best;

	suite_json_label(first, 0, label, sizeof label);
	if (!g->has_startup || g->tests == 0)
		return db_error_set(err, DB_EUSAGE,
		    "recommend: %s: %s was measured without %s; predicting "
		    "other suite sizes needs it",
		    path, label, g->has_startup ? "--junit (the suite's size)"
						: "--startup");
	t = tests ? tests : (double)g->tests;
	best = suite_scaling_best(g, t, cores, &predicted);
	report_format_ns(wall, sizeof wall, predicted);
	strbuf_addf(out,
	    "%s: %u worker%s for %.0f tests, about %s (measured with %zu "
	    "tests at %zu worker counts; start-up %+.0f ms per worker)\n",
	    label, best, best == 1 ? "" : "s", t, wall, g->tests, g->n,
	    g->startup_per_worker_ns / 1e6);
	return DB_OK;
}

int
suite_recommend(const char *path, unsigned tests, const char *output,
    struct db_error *err)
{
	struct suite_scaling g;
	struct strbuf out;
	json_t *root, *configs, *cores;
	json_error_t jerr;
	size_t i, groups = 0;
	int rc = DB_OK;

	root = json_load_file(path, 0, &jerr);
	if (root == NULL)
		return db_error_set(err, DB_EUSAGE, "recommend: %s: %s", path,
		    jerr.text);
	configs = json_object_get(json_object_get(root, "suite"), "configs");
	cores = json_object_get(json_object_get(root, "host"), "cores");
	strbuf_init(&out);
	for (i = 0; rc == DB_OK && i < json_array_size(configs); i++) {
		read_group(configs, i, &g);
		if (g.n < 2)
			continue;
		suite_scaling_compute(&g,
		    json_is_integer(cores) ? (unsigned)json_integer_value(cores)
					   : 1);
		rc = recommend_group(&g, json_array_get(configs, i), tests,
		    json_is_integer(cores) ? (unsigned)json_integer_value(cores)
					   : 1,
		    &out, err, path);
		groups++;
	}
	if (rc == DB_OK && groups == 0)
		rc = db_error_set(err, DB_EUSAGE,
		    "recommend: %s: no worker scan in this suite run; measure "
		    "it with -j 0,2,4 --startup CMD --junit",
		    path);
	if (rc == DB_OK)
		rc = output_write(output, out.buf, out.len, err);
	strbuf_fini(&out);
	json_decref(root);
	return rc;
}
