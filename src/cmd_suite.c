/*
 * cmd_suite.c - the `dbbench suite` command: parse its options, check the
 * command can run, measure, analyse, write the report, and choose the
 * status
 *
 * Checked before anything runs (exit 2): the options, that every
 * placeholder has a value, that the program exists, the --baseline file.
 * After the report (and the --baseline comparison): 4 when a test passed
 * under one configuration and failed under another; 3 when --baseline
 * found a regression;
 * 1 when a run timed out, when no configuration passed every timed run,
 * or when a stop request cut the measurement short (the report then
 * covers the runs finished before it).  main.c prints err and exits.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "output.h"
#include "result.h"
#include "suite.h"

static int
save_suite(const char *name, const struct suite_result *res,
    struct db_error *err)
{
	struct strbuf out;
	int rc;

	strbuf_init(&out);
	rc = suite_report_json(res, &out, err);
	if (rc == DB_OK)
		rc = output_save(name, out.buf, out.len, err);
	strbuf_fini(&out);
	return rc;
}

/* The suite's writer of each format but JSON (suite_report_json() can
 * fail); a format missing here and not JSON is refused by suite -f. */
static const struct {
	const struct report_ops *format;
	void (*write)(const struct suite_result *res, struct strbuf *out);
} suite_writers[] = {
	{ &report_text_ops, suite_report_text },
	{ &report_markdown_ops, suite_report_markdown },
	{ &report_csv_ops, suite_report_csv },
	{ &report_html_ops, suite_report_html },
};

#define N_SUITE_WRITERS (sizeof suite_writers / sizeof suite_writers[0])

int
suite_writes(const struct report_ops *format)
{
	size_t i;

	for (i = 0; i < N_SUITE_WRITERS; i++)
		if (suite_writers[i].format == format)
			return 1;
	return format == &report_json_ops;
}

int
suite_render(const struct suite_result *res, const struct report_ops *format,
    struct strbuf *out, struct db_error *err)
{
	size_t i;

	if (format == &report_json_ops)
		return suite_report_json(res, out, err);
	for (i = 0; i < N_SUITE_WRITERS; i++)
		if (suite_writers[i].format == format) {
			suite_writers[i].write(res, out);
			return DB_OK;
		}
	return db_error_set(err, DB_EUSAGE,
	    "suite: no %s report of a suite run", format->name);
}

static int
write_report(const struct suite_result *res, struct db_error *err)
{
	struct strbuf out;
	int rc;

	strbuf_init(&out);
	rc = suite_render(res, res->opts->format, &out, err);
	if (rc == DB_OK)
		rc = output_write(res->opts->output, out.buf, out.len, err);
	if (rc == DB_OK && res->opts->save != NULL)
		rc = save_suite(res->opts->save, res, err);
	strbuf_fini(&out);
	return rc;
}

/* The status the measured result calls for, and its one line. */
static int
verdict(const struct suite_result *res, struct db_error *err)
{
	char label[160];
	size_t i, timeouts = 0, runs = 0;

	for (i = 0; i < res->n_configs; i++) {
		timeouts += res->configs[i].timeouts;
		runs += res->configs[i].n_samples;
	}
	if (res->interrupted)
		return db_error_set(err, DB_EINTR,
		    "suite: interrupted; the report covers the %zu timed runs "
		    "finished before it",
		    runs);
	if (res->n_isolation > 0)
		return db_error_set(err, DB_ELEAK,
		    "suite: %zu test%s passed under one configuration and "
		    "failed under another (%s%s); see the report",
		    res->n_isolation, res->n_isolation == 1 ? "" : "s",
		    res->isolation[0].test,
		    res->n_isolation > 1 ? ", ..." : "");
	if (timeouts > 0)
		return db_error_set(err, DB_EIO,
		    "suite: %zu run%s timed out after %g s (--timeout); "
		    "see the report",
		    timeouts, timeouts == 1 ? "" : "s", res->opts->timeout);
	if (res->recommended < 0) {
		const struct suite_config *c = &res->configs[0];

		suite_config_label(res, c, label, sizeof label);
		return db_error_set(err, DB_EIO,
		    "suite: no configuration passed every timed run (%s: exit "
		    "status %d in its first run)",
		    label, c->n_samples ? c->samples[0].status : -1);
	}
	return DB_OK;
}

static int
preflight(const struct suite_options *opts, struct run_result *db_run,
    struct db_error *err)
{
	int rc;

	rc = suite_check_placeholders(opts, err);
	if (rc == DB_OK && opts->baseline != NULL)
		rc = suite_check_baseline(opts->baseline, err);
	if (rc == DB_OK && opts->db_run != NULL)
		rc = suite_dbshare_load(opts->db_run, db_run, err);
	if (rc == DB_OK && strchr(opts->command[0], '{') == NULL)
		rc = suite_check_program(opts->command[0], err);
	return rc;
}

/* argv[0] is "suite". */
int
suite_command(int argc, char **argv, struct db_error *err)
{
	struct suite_options opts;
	struct suite_result res;
	struct run_result db_run;
	int rc;

	memset(&res, 0, sizeof res);
	memset(&db_run, 0, sizeof db_run);
	rc = suite_parse(argc, argv, &opts, err);
	if (rc == DB_OK && opts.help) {
		fputs(suite_help(), stdout);
		suite_options_fini(&opts);
		return DB_OK;
	}
	if (rc == DB_OK)
		rc = preflight(&opts, &db_run, err);
	if (rc == DB_OK)
		rc = suite_measure(&opts, &res, err);
	if (rc == DB_OK) {
		suite_analyse(&res);
		if (opts.db_run != NULL)
			suite_dbshare(&res, &db_run);
		rc = write_report(&res, err);
	}
	if (rc == DB_OK && opts.baseline != NULL) {
		rc = suite_compare_baseline(&res, opts.baseline,
		    opts.fail_threshold, err);
		if (rc == DB_EREGRESS) {
			struct db_error first = *err;

			db_error_clear(err);
			rc = verdict(&res, err);
			if (rc != DB_ELEAK) {
				*err = first;
				rc = DB_EREGRESS;
			}
		}
	}
	if (rc == DB_OK)
		rc = verdict(&res, err);
	suite_result_fini(&res);
	result_fini(&db_run);
	suite_options_fini(&opts);
	return rc;
}

const struct command_entry cmd_suite_entry = {
	.name = "suite",
	.usage = "suite [options] -- COMMAND [ARG...]",
	.stoppable = 1,
	.exec_argv = suite_command,
};
