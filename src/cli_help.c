/*
 * cli_help.c - the whole help page (dbbench --help, cli_help()), the page
 * of each command (dbbench COMMAND --help), and the help and --version
 * commands
 *
 * A command's page gives its usage and the options it takes, nothing else.
 * A command with a page of its own has it in its entry (command.h); the
 * others (run, validate) take the options of the whole page (cli_help()),
 * so their pages are their usage line, their summary or the whole page's
 * description, and that page's option list.  The option lines are worded
 * as on the whole page; keep them the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The whole help page: every command and option. */
static const char help_text[] =
    "usage: dbbench [run] [options]   benchmark fixture strategies "
    "(default)\n"
    "       dbbench validate [options] isolation scenarios and state checks "
    "only\n"

    "       dbbench report RUN.json [-f FMT] [-o FILE]\n"
    "                                 render a saved run (a JSON report) "
    "again\n"
    "       dbbench compare OLD.json NEW.json [--fail-threshold PCT]\n"
    "                                 per-cell change and its "
    "significance;\n"
    "                                 exit 3 on a regression\n"
    "       dbbench recommend [--tests N] RUN.json\n"
    "                                 worker count for a suite of N tests, "
    "from a\n"
    "                                 saved run measured with --workers\n"
    "       dbbench cleanup [--dsn DSN]\n"
    "                                 drop the scratch databases and "
    "schemas that\n"
    "                                 killed runs left (yours, by name and "
    "owner)\n"
    "       dbbench suite [options] -- COMMAND [ARG...]\n"
    "                                 time your own test command per "
    "strategy and\n"
    "                                 worker count (dbbench suite --help)\n"
    "       dbbench capture -o DIR [--force] -- COMMAND...\n"
    "       dbbench capture -o DIR [--force] --pg-log FILE\n"
    "                                 run a test suite and write the SQL "
    "it sent\n"
    "                                 to SQLite, or read a PostgreSQL log, "
    "as a\n"
    "                                 workload (capture --help)\n"
    "       dbbench list              backends, strategies, workloads and "
    "scenarios\n"
    "\n"
    "Measures what each way of giving a test a clean database costs, on the\n"
    "same test bodies, and reports it per phase with confidence intervals;\n"
    "then checks whether each strategy really isolates the tests.\n"
    "\n"
    "options:\n"
    "  -b, --backend LIST      backends to run, comma-separated "
    "(default: sqlite)\n"
    "      --sqlite-path PATH  SQLite database: :memory: or a file that "
    "does not\n"
    "                          exist yet; dbbench creates it and removes it "
    "after\n"
    "                          (default: :memory:)\n"
    "      --dsn DSN           a server to connect to, once per backend; "
    "its form\n"
    "                          says which: PostgreSQL takes keyword=value "
    "pairs\n"
    "                          or a postgresql:// URI (default: the PG* "
    "environment\n"
    "                          variables, as psql uses them); MySQL takes\n"
    "                          mysql://USER:PASSWORD@HOST:PORT/DB?"
    "socket=PATH\n"
    "                          (default: the client option files); without "
    "-b\n"
    "                          the DSNs select the backends they are for\n"
    "      --protocol P        how statements reach PostgreSQL or MySQL:\n"
    "                          simple, extended or prepared (default: "
    "prepared;\n"
    "                          MySQL: simple or prepared)\n"
    "      --template-strategy S  how PostgreSQL copies the template: "
    "wal_log\n"
    "                          or file_copy (default: the server's own)\n"
    "      --sqlite-clone M    how SQLite copies the template: backup or\n"
    "                          deserialize (default: backup)\n"
    "      --sqlite-memstatus M  SQLite's memory statistics: library (its own\n"
    "                          configuration, as applications run), on or off\n"
    "                          (to show what they cost) (default: library)\n"
    "  -j, --workers LIST      worker counts to run the suite with, e.g. "
    "1,2,4,8;\n"
    "                          each worker has its own connection and "
    "database\n"
    "                          (default: 1)\n"
    "      --dist D            load (one shared queue of tests) or chunk\n"
    "                          (fixed shares) (default: load)\n"
    "      --pool P            per-worker (each worker its own connection)"
    " or\n"
    "                          static (one shared connection; strategies "
    "that\n"
    "                          open connections per test do not run) "
    "(default:\n"
    "                          per-worker)\n"
    "      --seed-scale LIST   rerun with the seed's rows multiplied, e.g."
    "\n"
    "                          1,10,100, and fit each strategy's cost to "
    "the\n"
    "                          data size (default: 1)\n"
    "  -s, --strategy LIST     strategies, comma-separated, or 'all' "
    "(default: all)\n"
    "  -w, --workload NAME|DIR workload name or folder (default: default)\n"
    "  -t, --tests N           suite size to model, cycling the test bodies\n"
    "                          (default: the workload's test count)\n"
    "      --rounds N          run exactly N rounds, not with --target-ci "
    "or\n"
    "                          --max-time (default: adaptive)\n"
    "      --sample-cap N      per-test samples a cell keeps: all up to N, then\n"
    "                          a random sample of N in proportion to what\n"
    "                          was measured; 0 keeps all (default: 10000)\n"
    "      --replicates N      measure in N or more separate processes, "
    "so that\n"
    "                          the CIs hold what differs between processes"
    "\n"
    "                          (address layout, memory); 1: all in this one"
    "\n"
    "                          (default: 10)\n"
    "      --target-ci PCT     stop when every cell's 95% CI of the median\n"
    "                          overhead is within PCT% (default: 2)\n"
    "      --max-time SEC      stop adaptive rounds after SEC seconds "
    "(default:\n"
    "                          room for 4 x --replicates processes like "
    "the\n"
    "                          first, 10 to 135 s, said on stderr; 10 with"
    "\n"
    "                          --replicates 1)\n"
    "      --warmup N          warmup rounds per cell, discarded, each "
    "cut\n"
    "                          short after 0.05 s (default: 1)\n"
    "      --seed N            seed for the order of cells in a round "
    "(default: 1)\n"
    "      --strict            stop at the first failed test (exit 1)\n"
    "      --pin, --no-pin     pin worker N and its PostgreSQL backends to "
    "the\n"
    "                          Nth CPU this process may use, or let the "
    "scheduler\n"
    "                          place them (default: pinned; the placement "
    "seen\n"
    "                          is reported)\n"
    "      --no-vacuum         no VACUUM of PostgreSQL's scratch database "
    "between\n"
    "                          rounds (default: vacuum, untimed)\n"
    "      --no-validate       skip the isolation scenarios (default: they "
    "run,\n"
    "                          after the measurements)\n"
    "      --check-state       name each test of the workload that leaves "
    "the\n"
    "                          database different, under each strategy\n"
    "                          (default: on in validate, off in run)\n"
    "      --no-check-state    skip the state checks\n"
    "      --fail-on-leak      exit 4 when a state check names a test "
    "(default:\n"
    "                          off; turns --check-state on)\n"

    "  -f, --format FMT        text, json, markdown, csv or html "
    "(default: text)\n"
    "  -o, --output FILE       write the report to FILE, atomically "
    "(default: stdout)\n"
    "      --save NAME         also save the run as results/NAME.json "
    "(the JSON\n"
    "                          report; results/ is created when missing)\n"
    "      --baseline NAME|FILE\n"
    "                          compare the run with a saved run "
    "(results/NAME.json\n"
    "                          from --save NAME, or a file), as 'compare' "
    "does,\n"
    "                          after the report (on standard output)\n"
    "      --fail-threshold PCT\n"
    "                          a cell slower by more than PCT% with p < "
    "0.05 is a\n"
    "                          regression: exit 3 (default: 20)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -v, --verbose           text report: every cell's measurement, what "
    "each\n"
    "                          isolation cell that went wrong observed and "
    "the\n"
    "                          mitigations (default: on in validate)\n"
    "      --color WHEN        colour the text report: auto, always or "
    "never\n"
    "                          (default: auto: when standard output is a\n"
    "                          terminal and NO_COLOR is not set)\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "exit status: 0 success, 1 runtime error (database, I/O), 2 usage "
    "error or\n"
    "bad input (arguments, workload files, saved runs), 3 regression "
    "found by a\n"
    "baseline comparison, 4 --fail-on-leak and a test leaked or failed.\n"
    "\n"
    "environment: DBBENCH_FIXTURES (where workloads are), NO_COLOR, and "
    "libpq's\n"
    "PG* variables for PostgreSQL.  See dbbench(1).\n";

const char *
cli_help(void)
{
	return help_text;
}

/*
 * The page for command, allocated; NULL, help and --version give the whole
 * page.
 */
char *
cli_command_help(const struct command_entry *command)
{
	const char *all = cli_help(), *from;
	struct strbuf sb;

	if (command == NULL || command == &cmd_help_entry ||
	    command == &cmd_version_entry)
		return xstrdup(all);
	if (command->help != NULL)
		return xstrdup(command->help);
	strbuf_init(&sb);
	strbuf_addf(&sb, "usage: dbbench %s\n\n", command->usage);
	if (command->summary != NULL) {
		strbuf_addf(&sb, "%s\n", command->summary);
		from = strstr(all, "\noptions:\n");
	} else {
		from = strstr(all, "\nMeasures ");
	}
	strbuf_adds(&sb, from != NULL ? from + 1 : all);
	return strbuf_detach(&sb);
}

static int
help_exec(const struct config *cfg, struct db_error *err)
{
	char *help = cli_command_help(cfg->help_command);

	(void)err;
	fputs(help, stdout);
	free(help);
	return DB_OK;
}

static int
version_exec(const struct config *cfg, struct db_error *err)
{
	(void)cfg;
	(void)err;
	printf("dbbench %s\n", PACKAGE_VERSION);
	return DB_OK;
}

const struct command_entry cmd_help_entry = {
	.name = "help",
	.usage = "help",
	.files = COMMAND_FILES_IGNORED,
	.exec = help_exec,
};

const struct command_entry cmd_version_entry = {
	.name = "version",
	.usage = "--version",
	.files = COMMAND_FILES_IGNORED,
	.hidden = 1,
	.exec = version_exec,
};
