/*
 * command.h - the commands of dbbench, one entry each, in one table
 *
 * Each command's file (cmd_NAME.c) defines its struct command_entry: the
 * word that names it, its usage and help page, the options it takes, how
 * many files follow them, and the function that runs it.  command.c lists
 * the entries; cli.c parses a command line against its entry and main.c
 * runs it.  A command with its own option parser (suite, capture) has
 * exec_argv instead of exec and is given the command line from its word
 * on.
 */
#ifndef DBBENCH_COMMAND_H
#define DBBENCH_COMMAND_H

#include <stddef.h>

#include "error.h"

struct config; /* cli.h */

/* What the command line may hold after the options. */
enum command_files {
	COMMAND_FILES_NONE,	/* nothing */
	COMMAND_FILES_ONE,	/* one saved run */
	COMMAND_FILES_TWO,	/* two saved runs */
	COMMAND_FILES_IGNORED,	/* anything, unread (help, --version) */
};

struct command_entry {
	const char *name;     /* the command word */
	const char *usage;    /* after "usage: dbbench " */
	const char *summary;  /* its help page's description; NULL: the
				 whole page's */
	const char *help;     /* its whole help page; NULL: usage, summary
				 and the options of the whole page */
	const char *options;  /* the long options it takes, comma-separated
				 ("format,output"); NULL: every one */
	enum command_files files;
	const char *files_hint; /* when files are missing: "give ..." */
	int hidden;	      /* no command word (--version) */
	int stoppable;	      /* SIGINT and SIGTERM stop it at the next test */
	int (*exec)(const struct config *cfg, struct db_error *err);
	int (*exec_argv)(int argc, char **argv, struct db_error *err);
};

extern const struct command_entry cmd_run_entry;
extern const struct command_entry cmd_validate_entry;
extern const struct command_entry cmd_report_entry;
extern const struct command_entry cmd_compare_entry;
extern const struct command_entry cmd_recommend_entry;
extern const struct command_entry cmd_cleanup_entry;
extern const struct command_entry cmd_suite_entry;
extern const struct command_entry cmd_capture_entry;
extern const struct command_entry cmd_list_entry;
extern const struct command_entry cmd_help_entry;
extern const struct command_entry cmd_version_entry;

/* The command named word (not a hidden one), or NULL. */
const struct command_entry *command_find(const char *word);
/* Every command, in the order the help lists them. */
const struct command_entry *const *command_all(size_t *n);
/* "run, validate, ...": the command words, allocated. */
char *command_names(void);
/* 1 when cmd takes the long option called name. */
int command_takes(const struct command_entry *cmd, const char *name);

#endif
