/*
 * cmd_write.c - rendering a report or a comparison and writing it out,
 * for the commands that print runs (run, validate, report, compare)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_write.h"
#include "compare.h"
#include "output.h"
#include "strbuf.h"

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

int
cmd_render_report(const struct config *cfg, const struct run_result *res,
    struct db_error *err)
{
	struct report_options opts;
	struct strbuf out;
	int rc;

	memset(&opts, 0, sizeof opts);
	opts.color = use_color(cfg, cfg->output);
	opts.verbose = cfg->verbose;
	strbuf_init(&out);
	rc = cfg->format->write(res, &opts, &out, err);
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

/* See cmd_write.h. */
int
cmd_write_comparison(const struct config *cfg,
    const struct run_result *before, const char *before_name,
    const struct run_result *after, const char *after_name,
    const struct report_ops *format, const char *dest, const char *lead,
    struct db_error *err)
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
