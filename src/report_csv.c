/*
 * report_csv.c - one row per cell and phase, for spreadsheets and scripts
 *
 * A header row, then for every cell the statistics of each series in a
 * fixed order: the five phases, the per-test overhead and total, and the
 * suite overhead per test (one value a round, the headline figure).  Times
 * are nanoseconds, written with up to 10 significant digits as in the JSON
 * report.  The last columns give the placement: pinned (1) or not (0), and
 * the CPUs where the cell's worker 0 and its server backend were seen (-1:
 * unknown, or no server); then where the backend's data lives (its
 * "storage" setting).  Fields are quoted as RFC 4180 asks: a field holding a comma, a
 * double quote or a line break is put in double quotes, with its double
 * quotes doubled.  Lines end with LF.
 */
#include "config.h"

#include <string.h>

#include "report.h"

static const char csv_header[] =
    "backend,strategy,workers,pool,seed_scale,phase,n,min,median,mean,p95,"
    "p99,max,stddev,mad,ci95_low,ci95_high,outliers,pinned,client_cpu,"
    "server_cpu,storage\n";

/* The backend's "storage" setting: where its data lives; "" if none. */
static const char *
storage_of(const struct run_result *res, const char *backend)
{
	const struct backend_info *info;
	size_t i, j;

	for (i = 0; i < res->n_backends; i++) {
		if (strcmp(res->backends[i].name, backend) != 0)
			continue;
		info = &res->backends[i].info;
		for (j = 0; j < info->n_settings; j++)
			if (strcmp(info->settings[j].name, "storage") == 0)
				return info->settings[j].value;
	}
	return "";
}

/* Append s as one CSV field, quoted when it must be. */
static void
csv_field(struct strbuf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_adds(out, s);
		return;
	}
	strbuf_addc(out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

static void
csv_row(struct strbuf *out, const struct run_result *res,
    const struct cell *c, const char *phase, const struct stats *s)
{
	csv_field(out, c->backend);
	strbuf_addc(out, ',');
	csv_field(out, c->strategy);
	strbuf_addf(out, ",%u,", c->workers);
	csv_field(out, c->pool);
	strbuf_addf(out, ",%u,", c->seed_scale);
	csv_field(out, phase);
	strbuf_addf(out,
	    ",%zu,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,", s->n,
	    s->min, s->median, s->mean, s->p95, s->p99, s->max, s->stddev,
	    s->mad);
	/* fewer than two samples: no CI, the fields left empty */
	if (s->n >= 2)
		strbuf_addf(out, "%.10g,%.10g", s->ci95_low, s->ci95_high);
	else
		strbuf_addc(out, ',');
	strbuf_addf(out, ",%zu,%d,%d,%d,", s->outliers, res->pinned ? 1 : 0,
	    c->client_cpu, c->server_cpu);
	csv_field(out, storage_of(res, c->backend));
	strbuf_addc(out, '\n');
}

static int
csv_write(const struct run_result *res, const struct report_options *opts,
    struct strbuf *out, struct db_error *err)
{
	const struct cell *c;
	size_t i;
	int s;

	(void)opts;
	(void)err;
	strbuf_adds(out, csv_header);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		for (s = 0; s < SERIES_COUNT; s++)
			csv_row(out, res, c, series_names[s], &c->stats[s]);
		csv_row(out, res, c, "suite_overhead",
		    &c->suite_overhead_stats);
	}
	return DB_OK;
}

const struct report_ops report_csv_ops = {
	.name = "csv",
	.machine = 1,
	.write = csv_write,
	.compare = NULL,
};
