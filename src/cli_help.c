/*
 * cli_help.c - the help page of each command (dbbench COMMAND --help)
 *
 * A command's page gives its usage and the options it takes, nothing else.
 * run and validate take the options of the whole page (cli_help()), so
 * their pages are that page's description and option list under their own
 * usage line; the commands that read saved runs or the server have short
 * pages of their own here.  The option lines are worded as on the whole
 * page; keep them the same.
 */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "strbuf.h"
#include "xmalloc.h"

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

static const char cleanup_help[] =
    "usage: dbbench cleanup [--dsn DSN] [options]\n"
    "\n"
    "Drops the scratch databases and schemas that killed runs left on a\n"
    "PostgreSQL server: yours only, by name and owner; with --dsn mysql://...\n"
    "the scratch databases on a MySQL server, by name.\n"
    "\n"
    "options:\n"
    "      --dsn DSN           PostgreSQL server: keyword=value pairs or a\n"
    "                          postgresql:// URI (default: the PG* "
    "environment\n"
    "                          variables, as psql uses them), or a MySQL\n"
    "                          server: mysql://USER:PASS@HOST:PORT/DB?"
    "socket=PATH\n"
    "  -o, --output FILE       write what was dropped to FILE, atomically\n"
    "                          (default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 the server failed, 2 usage error.\n";

static const char list_help[] =
    "usage: dbbench list [options]\n"
    "\n"
    "Lists the backends, the strategies, the workloads (in "
    "DBBENCH_FIXTURES or\n"
    "the installed fixtures) and the isolation scenarios.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write the list to FILE, atomically "
    "(default: stdout)\n"
    "  -h, --help              show this help\n";

static const char validate_lead[] =
    "usage: dbbench validate [options]\n"
    "\n"
    "Runs the isolation scenarios and the state checks (on by default "
    "here) on\n"
    "each backend, without measuring; the measuring options are accepted "
    "and\n"
    "have no effect.\n"
    "\n";

static const char run_lead[] = "usage: dbbench [run] [options]\n\n";

/*
 * The page for command, allocated; COMMAND_HELP and COMMAND_VERSION give
 * the whole page.
 */
char *
cli_command_help(enum command command)
{
	const char *all = cli_help(), *from;
	struct strbuf sb;

	switch (command) {
	case COMMAND_REPORT:
		return xstrdup(report_help);
	case COMMAND_COMPARE:
		return xstrdup(compare_help);
	case COMMAND_RECOMMEND:
		return xstrdup(recommend_help);
	case COMMAND_CLEANUP:
		return xstrdup(cleanup_help);
	case COMMAND_LIST:
		return xstrdup(list_help);
	case COMMAND_RUN:
	case COMMAND_VALIDATE:
		break;
	case COMMAND_HELP:
	case COMMAND_VERSION:
		return xstrdup(all);
	}
	strbuf_init(&sb);
	if (command == COMMAND_RUN) {
		from = strstr(all, "\nMeasures ");
		strbuf_adds(&sb, run_lead);
	} else {
		from = strstr(all, "\noptions:\n");
		strbuf_adds(&sb, validate_lead);
	}
	strbuf_adds(&sb, from != NULL ? from + 1 : all);
	return strbuf_detach(&sb);
}
