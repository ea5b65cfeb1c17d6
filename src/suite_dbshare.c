/*
 * suite_dbshare.c - --db-run: how much of the suite-level difference
 * between two strategies is the database's
 *
 * A saved `dbbench run` gives, per strategy, what the database-level
 * fixture costs per test (the cell's suite overhead per test, the median
 * over rounds: test setup and teardown, measured in C on the run's
 * workload).  For each configuration of the suite, against the fastest
 * other strategy at the same worker count and --param values (both in the
 * saved run), the report sets
 *
 *	suite difference = wall median(strategy) - wall median(reference)
 *	database share   = (db per test(strategy) - db per test(reference))
 *	                   x the suite's tests (JUnit)
 *
 * and the rest is the suite's own code around the database: driver, ORM
 * and fixture.  The saved run's first backend (in its order) that ran
 * both strategies is used, at its smallest worker count.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "result_load.h"
#include "suite.h"
#include "xmalloc.h"

/* The saved run's per-test fixture cost of strategy on backend, or NAN. */
static double
db_per_test(const struct run_result *run, const char *backend,
    const char *strategy)
{
	const struct cell *c, *best = NULL;
	size_t i;

	for (i = 0; i < run->n_cells; i++) {
		c = &run->cells[i];
		if (strcmp(c->backend, backend) != 0 ||
		    strcmp(c->strategy, strategy) != 0 ||
		    c->suite_overhead_stats.n == 0)
			continue;
		if (best == NULL || c->workers < best->workers)
			best = c;
	}
	return best ? best->suite_overhead_stats.median : NAN;
}

/* The first backend of the run with both strategies; NULL if none. */
static const char *
common_backend(const struct run_result *run, const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < run->n_backends; i++)
		if (!isnan(db_per_test(run, run->backends[i].name, a)) &&
		    !isnan(db_per_test(run, run->backends[i].name, b)))
			return run->backends[i].name;
	return NULL;
}

/* Same worker count and --param values, another strategy. */
static int
comparable(const struct suite_result *res, const struct suite_config *a,
    const struct suite_config *b)
{
	if (a == b || b->wall.n == 0 || b->strategy == NULL ||
	    strcmp(a->strategy, b->strategy) == 0 ||
	    a->has_workers != b->has_workers || a->workers != b->workers)
		return 0;
	return suite_same_params(res, a, b);
}

static void
add_row(struct suite_result *res, const struct run_result *run, size_t i)
{
	const struct suite_config *c = &res->configs[i], *d, *ref = NULL;
	struct suite_dbshare *row;
	const char *backend = NULL;
	size_t j;

	if (c->strategy == NULL || c->wall.n == 0 ||
	    suite_config_tests(c) == 0)
		return;
	for (j = 0; j < res->n_configs; j++) {
		d = &res->configs[j];
		if (!comparable(res, c, d) ||
		    common_backend(run, c->strategy, d->strategy) == NULL)
			continue;
		if (ref == NULL || d->wall.median < ref->wall.median)
			ref = d;
	}
	if (ref == NULL || ref->wall.median >= c->wall.median)
		return;
	backend = common_backend(run, c->strategy, ref->strategy);
	res->dbshare = xreallocarray(res->dbshare, res->n_dbshare + 1,
	    sizeof *res->dbshare);
	row = &res->dbshare[res->n_dbshare++];
	row->config = i;
	row->reference = (size_t)(ref - res->configs);
	row->backend = backend;
	row->tests = suite_config_tests(c);
	row->db_per_test_ns = db_per_test(run, backend, c->strategy);
	row->ref_db_per_test_ns = db_per_test(run, backend, ref->strategy);
	row->suite_diff_ns = c->wall.median - ref->wall.median;
	row->db_diff_ns = (row->db_per_test_ns - row->ref_db_per_test_ns) *
	    (double)row->tests;
}

void
suite_dbshare(struct suite_result *res, const struct run_result *run)
{
	size_t i;

	for (i = 0; i < res->n_configs; i++)
		add_row(res, run, i);
}

int
suite_dbshare_load(const char *path, struct run_result *run,
    struct db_error *err)
{
	int rc;

	memset(run, 0, sizeof *run);
	rc = result_load_file(path, run, err);
	if (rc != DB_OK)
		return db_error_prefix(err, "--db-run: ");
	return DB_OK;
}

/* "per-test costs your suite 3.84 s more than rollback; ..." */
void
suite_dbshare_text(const struct suite_result *res, struct strbuf *out)
{
	const struct suite_dbshare *r;
	char label[160], suite[32], db[32], rest[32], a[32], b[32];
	size_t i;

	if (res->n_dbshare == 0)
		return;
	strbuf_adds(out, "\nthe database's share (--db-run):\n");
	for (i = 0; i < res->n_dbshare; i++) {
		r = &res->dbshare[i];
		suite_config_label(res, &res->configs[r->config], label,
		    sizeof label);
		report_format_ns(suite, sizeof suite, r->suite_diff_ns);
		report_format_ns(db, sizeof db, r->db_diff_ns);
		report_format_ns(rest, sizeof rest,
		    r->suite_diff_ns - r->db_diff_ns);
		report_format_ns(a, sizeof a, r->db_per_test_ns);
		report_format_ns(b, sizeof b, r->ref_db_per_test_ns);
		strbuf_addf(out,
		    "  %s costs your suite %s more than %s; %s of it is the "
		    "database (%s against %s a test on %s, x %zu tests); ",
		    label, suite, res->configs[r->reference].strategy, db, a, b,
		    r->backend, r->tests);
		if (r->db_diff_ns <= r->suite_diff_ns)
			strbuf_addf(out, "the rest, %s, is your driver, ORM and "
					 "fixture code\n",
			    rest);
		else
			strbuf_adds(out, "the database alone accounts for more "
					 "than the whole difference\n");
	}
}
