/*
 * cmd_saved.c - the commands that read saved runs: report, compare and
 * recommend
 *
 * report: load a saved JSON report (result_load.c) and render it as a run
 * would have been.
 *
 * compare: load two saved runs and print the comparison (compare.c);
 * differences between their backends' versions and settings are warned
 * about on stderr, one line each.
 *
 * recommend: the worker count for a suite, from a run measured with
 * several.
 *
 * A saved suite run (dbbench suite --save) goes to the suite's own
 * readers (suite.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_write.h"
#include "command.h"
#include "output.h"
#include "report.h"
#include "result_load.h"
#include "sampling.h"
#include "scaling.h"
#include "suite.h"

static const char report_help[] =
    "usage: dbbench report RUN.json [options]\n"
    "\n"
    "Renders a saved run (a JSON report, such as results/NAME.json from "
    "--save)\n"
    "again, in any format.  A saved suite run (dbbench suite --save) is "
    "rendered\n"
    "as the run printed it; -f and -o apply to it, the other options do "
    "not.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT        text, json, markdown, csv or html "
    "(default: text)\n"
    "  -o, --output FILE       write the report to FILE, atomically "
    "(default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "      --color WHEN        colour the text report: auto, always or "
    "never\n"
    "                          (default: auto)\n"
    "  -v, --verbose           the text report in full: each cell's "
    "measurement,\n"
    "                          observations, mitigations, every "
    "recommendation\n"
    "      --sample-cap N      draw the per-test samples down to N, round "
    "by\n"
    "                          round, to show what the cap changes\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 I/O error, 2 usage error or a bad saved "
    "run.\n";

static const char compare_help[] =
    "usage: dbbench compare OLD.json NEW.json [options]\n"
    "\n"
    "Compares two saved runs cell by cell: the median suite overhead per "
    "test\n"
    "before and after, its change, and the two-sided Mann-Whitney U p-value "
    "of\n"
    "the measuring processes' medians (of the rounds when a run had one\n"
    "process).  A cell with too few for the test to reach p < 0.05 is\n"
    "\"not enough data\", never \"no significant change\".  Differences "
    "between\n"
    "the runs' backends, settings and hosts are warned about on stderr.\n"
    "\n"
    "options:\n"
    "      --fail-threshold PCT\n"
    "                          a cell slower by more than PCT% with p < "
    "0.05 is a\n"
    "                          regression: exit 3 (default: 20)\n"
    "  -f, --format FMT        text, markdown or json (default: text)\n"
    "  -o, --output FILE       write the comparison to FILE, atomically\n"
    "                          (default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "      --color WHEN        colour the text: auto, always or never\n"
    "                          (default: auto)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 no regression, 1 I/O error, 2 usage error or a bad "
    "saved\n"
    "run, 3 a regression.\n";

static const char recommend_help[] =
    "usage: dbbench recommend [--tests N] RUN.json [options]\n"
    "\n"
    "The worker count for a suite of N tests, from a saved run measured "
    "with\n"
    "several worker counts.\n"
    "\n"
    "options:\n"
    "  -t, --tests N           suite size to recommend for (default: the "
    "run's)\n"
    "  -o, --output FILE       write the recommendation to FILE, "
    "atomically\n"
    "                          (default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 I/O error, 2 usage error or a bad saved "
    "run.\n";

/* Render a saved run in the asked format. */
static int
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
	rc = cmd_render_report(cfg, &res, err);
	result_fini(&res);
	return rc;
}

static int
compare_command(const struct config *cfg, struct db_error *err)
{
	struct run_result before, after;
	int rc;

	rc = result_load_file(cfg->files[0], &before, err);
	if (rc != DB_OK)
		return rc;
	rc = result_load_file(cfg->files[1], &after, err);
	if (rc == DB_OK) {
		rc = cmd_write_comparison(cfg, &before, cfg->files[0], &after,
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
static int
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

static int
report_exec(const struct config *cfg, struct db_error *err)
{
	if (suite_saved_run(cfg->files[0]))
		return suite_report_saved(cfg->files[0], cfg->format,
		    cfg->output, err);
	return report_command(cfg, err);
}

static int
compare_exec(const struct config *cfg, struct db_error *err)
{
	if (suite_saved_run(cfg->files[0]) || suite_saved_run(cfg->files[1]))
		return suite_compare_files(cfg->files[0], cfg->files[1],
		    cfg->fail_threshold, cfg->format, cfg->output, err);
	return compare_command(cfg, err);
}

static int
recommend_exec(const struct config *cfg, struct db_error *err)
{
	if (suite_saved_run(cfg->files[0]))
		return suite_recommend(cfg->files[0], cfg->tests, cfg->output,
		    err);
	return recommend_command(cfg, err);
}

const struct command_entry cmd_report_entry = {
	.name = "report",
	.usage = "report RUN.json [options]",
	.help = report_help,
	.options = "format,output,quiet,color,verbose,sample-cap",
	.files = COMMAND_FILES_ONE,
	.files_hint = "give the saved run to render: dbbench report RUN.json",
	.exec = report_exec,
};

const struct command_entry cmd_compare_entry = {
	.name = "compare",
	.usage = "compare OLD.json NEW.json [options]",
	.help = compare_help,
	.options = "format,output,quiet,color,fail-threshold",
	.files = COMMAND_FILES_TWO,
	.files_hint = "give two saved runs: dbbench compare OLD.json NEW.json",
	.exec = compare_exec,
};

const struct command_entry cmd_recommend_entry = {
	.name = "recommend",
	.usage = "recommend [--tests N] RUN.json [options]",
	.help = recommend_help,
	.options = "tests,output,quiet",
	.files = COMMAND_FILES_ONE,
	.files_hint = "give a saved run with several worker counts: dbbench "
		      "recommend --tests N RUN.json",
	.exec = recommend_exec,
};
