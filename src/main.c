/*
 * main.c - dbbench: parse the command line, run a command, exit
 *
 * The only place that prints an error and chooses the exit status:
 * 0 success, 1 runtime error, 2 usage error or bad input, 3 regression
 * found by a baseline comparison, 4 a state check found a leak under
 * --fail-on-leak (see error.c).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "command.h"
#include "error.h"
#include "runner.h"

static void
on_signal(int sig)
{
	(void)sig;
	runner_stop_requested = 1;
}

/* SIGINT and SIGTERM stop the run at the next test; cleanup then runs on
 * the main path. */
static void
install_signal_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
main(int argc, char **argv)
{
	const struct command_entry *own = NULL;
	struct config cfg;
	struct db_error err;
	int rc;

	db_error_clear(&err);
	memset(&cfg, 0, sizeof cfg);
	if (argc > 1)
		own = command_find(argv[1]);
	if (own != NULL && own->exec_argv != NULL) {
		/* its own options: suite_cli.c, cmd_capture.c */
		if (own->stoppable)
			install_signal_handlers();
		rc = own->exec_argv(argc - 1, argv + 1, &err);
	} else {
		rc = cli_parse(argc, argv, &cfg, &err);
		if (rc == DB_OK && cfg.command->stoppable)
			install_signal_handlers();
		if (rc == DB_OK)
			rc = cfg.command->exec(&cfg, &err);
	}
	if (rc != DB_OK)
		fprintf(stderr, "dbbench: %s\n", err.msg);
	cli_config_fini(&cfg);
	return db_status_exit_code(rc);
}
