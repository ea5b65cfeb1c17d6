/*
 * cli_help.c - the help page of each command (dbbench COMMAND --help), and
 * the help and --version commands
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
