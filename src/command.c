/*
 * command.c - the table of commands and the lookups over it
 *
 * A new command is its file cmd_NAME.c with its entry, one line here, its
 * extern in command.h, and Makefile.am.
 */
#include "config.h"

#include <string.h>

#include "command.h"
#include "strbuf.h"

/* In the order the unknown-command message names them. */
static const struct command_entry *const commands[] = {
	&cmd_run_entry,
	&cmd_validate_entry,
	&cmd_report_entry,
	&cmd_compare_entry,
	&cmd_recommend_entry,
	&cmd_cleanup_entry,
	&cmd_suite_entry,
	&cmd_capture_entry,
	&cmd_list_entry,
	&cmd_help_entry,
	&cmd_version_entry,
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

const struct command_entry *const *
command_all(size_t *n)
{
	*n = N_COMMANDS;
	return commands;
}

const struct command_entry *
command_find(const char *word)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!commands[i]->hidden && strcmp(commands[i]->name, word) == 0)
			return commands[i];
	return NULL;
}

char *
command_names(void)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < N_COMMANDS; i++)
		if (!commands[i]->hidden)
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? ", " : "",
			    commands[i]->name);
	return strbuf_detach(&sb);
}

int
command_takes(const struct command_entry *cmd, const char *name)
{
	const char *p = cmd->options;
	size_t len = strlen(name);

	if (p == NULL)
		return 1;
	while ((p = strstr(p, name)) != NULL) {
		if ((p == cmd->options || p[-1] == ',') &&
		    (p[len] == ',' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}
