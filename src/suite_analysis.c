/*
 * suite_analysis.c - from the runs of each configuration to the answer
 *
 * Per configuration: STATS of the wall time, user and system CPU over its
 * timed runs, the largest peak memory of any run, STATS of every test
 * case's JUnit duration, whether all its tests passed (every timed run
 * exited 0 and, with JUnit, reported no failure or error; none timed
 * out), and how much slower its median is than the best one.
 *
 * The recommendation is the configuration with the least median wall
 * time among those whose tests all passed; its margin is against the next
 * such configuration, with the two-sided Mann-Whitney U p-value of their
 * runs' wall times (significant below 0.05).
 *
 * The isolation signal: a test that failed in some run of one
 * configuration and passed in a run of another.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite.h"
#include "xmalloc.h"

enum sample_field { FIELD_WALL, FIELD_USER, FIELD_SYS };

static void
summarize_field(const struct suite_config *c, enum sample_field f,
    struct stats *out)
{
	int64_t *v;
	size_t i;

	v = xcalloc(c->n_samples + 1, sizeof *v);
	for (i = 0; i < c->n_samples; i++)
		v[i] = f == FIELD_WALL ? c->samples[i].wall_ns
		    : f == FIELD_USER  ? c->samples[i].user_ns
				       : c->samples[i].sys_ns;
	stats_summarize(v, c->n_samples, out);
	free(v);
}

static int
sample_passed(const struct suite_sample *s)
{
	if (s->end != SUITE_EXITED || s->status != 0)
		return 0;
	return !s->junit_read || (s->failures == 0 && s->errors == 0);
}

static void
analyse_config(struct suite_config *c)
{
	size_t i;

	summarize_field(c, FIELD_WALL, &c->wall);
	summarize_field(c, FIELD_USER, &c->cpu_user);
	summarize_field(c, FIELD_SYS, &c->cpu_sys);
	stats_summarize(c->tests.durations, c->tests.n_durations, &c->per_test);
	stats_summarize(c->startup_ns, c->n_startup, &c->startup);
	c->max_rss_kb = 0;
	c->all_passed = c->n_samples > 0 && c->timeouts == 0;
	for (i = 0; i < c->n_samples; i++) {
		if (c->samples[i].max_rss_kb > c->max_rss_kb)
			c->max_rss_kb = c->samples[i].max_rss_kb;
		if (!sample_passed(&c->samples[i]))
			c->all_passed = 0;
	}
}

static void
walls(const struct suite_config *c, int64_t **v)
{
	size_t i;

	*v = xcalloc(c->n_samples + 1, sizeof **v);
	for (i = 0; i < c->n_samples; i++)
		(*v)[i] = c->samples[i].wall_ns;
}

static void
recommend(struct suite_result *res)
{
	const struct suite_config *a, *b;
	int64_t *va, *vb;
	size_t i;

	res->recommended = res->runner_up = -1;
	res->margin = res->margin_p = NAN;
	for (i = 0; i < res->n_configs; i++) {
		if (!res->configs[i].all_passed)
			continue;
		if (res->recommended < 0 ||
		    res->configs[i].wall.median <
			res->configs[res->recommended].wall.median) {
			res->runner_up = res->recommended;
			res->recommended = (long)i;
		} else if (res->runner_up < 0 ||
		    res->configs[i].wall.median <
			res->configs[res->runner_up].wall.median) {
			res->runner_up = (long)i;
		}
	}
	if (res->runner_up < 0)
		return;
	a = &res->configs[res->recommended];
	b = &res->configs[res->runner_up];
	res->margin = b->wall.median / a->wall.median - 1;
	walls(a, &va);
	walls(b, &vb);
	res->margin_p = stats_mann_whitney_p(va, a->n_samples, vb,
	    b->n_samples);
	free(va);
	free(vb);
}

static int
listed(const struct suite_result *res, const char *name)
{
	size_t i;

	for (i = 0; i < res->n_isolation; i++)
		if (strcmp(res->isolation[i].test, name) == 0)
			return 1;
	return 0;
}

/* Where the test called name failed and where it passed. */
static void
isolation_entry(struct suite_result *res, const char *name)
{
	struct suite_isolation e;
	const struct suite_test *t;
	size_t i;

	memset(&e, 0, sizeof e);
	e.test = name;
	e.fails_in = xcalloc(res->n_configs, sizeof *e.fails_in);
	e.passes_in = xcalloc(res->n_configs, sizeof *e.passes_in);
	for (i = 0; i < res->n_configs; i++) {
		t = suite_tests_find(&res->configs[i].tests, name);
		if (t == NULL)
			continue;
		if (t->failed > 0)
			e.fails_in[e.n_fails_in++] = i;
		else if (t->runs > t->skipped)
			e.passes_in[e.n_passes_in++] = i;
	}
	if (e.n_passes_in == 0) {
		free(e.fails_in);
		free(e.passes_in);
		return;
	}
	res->isolation = xreallocarray(res->isolation, res->n_isolation + 1,
	    sizeof *res->isolation);
	res->isolation[res->n_isolation++] = e;
}

static int
by_test_name(const void *a, const void *b)
{
	const struct suite_isolation *x = a, *y = b;

	return strcmp(x->test, y->test);
}

static void
find_isolation(struct suite_result *res)
{
	const struct suite_tests *t;
	size_t i, k;

	for (i = 0; i < res->n_configs; i++) {
		t = &res->configs[i].tests;
		for (k = 0; k < t->cap; k++)
			if (t->slots[k].name != NULL &&
			    t->slots[k].failed > 0 &&
			    !listed(res, t->slots[k].name))
				isolation_entry(res, t->slots[k].name);
	}
	if (res->n_isolation > 1)
		qsort(res->isolation, res->n_isolation,
		    sizeof *res->isolation, by_test_name);
}

size_t
suite_config_tests(const struct suite_config *c)
{
	size_t i, t = 0;

	for (i = 0; i < c->n_samples; i++)
		if (c->samples[i].junit_read && c->samples[i].tests > t)
			t = c->samples[i].tests;
	return t;
}

int
suite_same_params(const struct suite_result *res, const struct suite_config *a,
    const struct suite_config *b)
{
	size_t k;

	for (k = 0; k < res->opts->n_params; k++)
		if (strcmp(a->param_values[k], b->param_values[k]) != 0)
			return 0;
	return 1;
}

int
suite_same_group(const struct suite_result *res, const struct suite_config *a,
    const struct suite_config *b)
{
	if ((a->strategy == NULL) != (b->strategy == NULL) ||
	    (a->strategy && strcmp(a->strategy, b->strategy) != 0))
		return 0;
	return suite_same_params(res, a, b);
}

static void
scaling_groups(struct suite_result *res)
{
	struct suite_scaling g;
	const struct suite_config *c;
	size_t i, j;
	int seen;

	for (i = 0; i < res->n_configs; i++) {
		c = &res->configs[i];
		for (seen = 0, j = 0; j < i; j++)
			seen |= suite_same_group(res, &res->configs[j], c);
		if (seen || !c->has_workers)
			continue;
		memset(&g, 0, sizeof g);
		for (j = i; j < res->n_configs && g.n < SUITE_SCALE_MAX; j++) {
			const struct suite_config *d = &res->configs[j];

			if (!suite_same_group(res, c, d) || d->wall.n == 0)
				continue;
			g.pts[g.n].workers = d->workers;
			g.pts[g.n].wall_ns = d->wall.median;
			g.pts[g.n].startup_ns =
			    d->startup.n > 0 ? d->startup.median : NAN;
			g.pts[g.n].config = j;
			if (g.tests == 0)
				g.tests = suite_config_tests(d);
			g.n++;
		}
		if (g.n < 2)
			continue;
		suite_scaling_compute(&g, res->cores);
		res->scaling = xreallocarray(res->scaling, res->n_scaling + 1,
		    sizeof *res->scaling);
		res->scaling[res->n_scaling++] = g;
	}
}

void
suite_analyse(struct suite_result *res)
{
	double best = INFINITY;
	size_t i;

	for (i = 0; i < res->n_configs; i++) {
		analyse_config(&res->configs[i]);
		if (res->configs[i].wall.n > 0 &&
		    res->configs[i].wall.median < best)
			best = res->configs[i].wall.median;
	}
	for (i = 0; i < res->n_configs; i++)
		res->configs[i].vs_best = res->configs[i].wall.n > 0
		    ? res->configs[i].wall.median / best - 1
		    : NAN;
	recommend(res);
	find_isolation(res);
	if (res->cores == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		res->cores = n > 0 ? (unsigned)n : 1;
	}
	scaling_groups(res);
}

static int
by_test(const void *a, const void *b)
{
	const struct suite_test *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* The tests that failed in some run of c, by name; *out is the caller's
 * to free (the tests are c's). */
size_t
suite_failed_tests(const struct suite_config *c,
    const struct suite_test ***out)
{
	size_t k, n = 0;

	*out = xcalloc(c->tests.n + 1, sizeof **out);
	for (k = 0; k < c->tests.cap; k++)
		if (c->tests.slots[k].name != NULL &&
		    c->tests.slots[k].failed > 0)
			(*out)[n++] = &c->tests.slots[k];
	qsort(*out, n, sizeof **out, by_test);
	return n;
}
