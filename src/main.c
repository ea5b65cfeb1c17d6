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

#include "capture.h"
#include "cli.h"
#include "error.h"
#include "run.h"
#include "runner.h"
#include "suite.h"

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
	struct config cfg;
	struct db_error err;
	char *help;
	int rc;

	db_error_clear(&err);
	if (argc > 1 && strcmp(argv[1], "capture") == 0) {
		rc = capture_command(argc - 1, argv + 1, &err);
		if (rc != DB_OK)
			fprintf(stderr, "dbbench: %s\n", err.msg);
		return db_status_exit_code(rc);
	}
	if (argc >= 2 && strcmp(argv[1], "suite") == 0) {
		/* its own options: suite_cli.c */
		install_signal_handlers();
		rc = suite_command(argc - 1, argv + 1, &err);
		if (rc != DB_OK)
			fprintf(stderr, "dbbench: %s\n", err.msg);
		return db_status_exit_code(rc);
	}
	rc = cli_parse(argc, argv, &cfg, &err);
	if (rc == DB_OK) {
		switch (cfg.command) {
		case COMMAND_HELP:
			help = cli_command_help(cfg.help_command);
			fputs(help, stdout);
			free(help);
			break;
		case COMMAND_VERSION:
			printf("dbbench %s\n", PACKAGE_VERSION);
			break;
		case COMMAND_LIST:
			rc = list_command(&cfg, &err);
			break;
		case COMMAND_REPORT:
			if (suite_saved_run(cfg.files[0]))
				rc = suite_report_saved(cfg.files[0],
				    cfg.format, cfg.output, &err);
			else
				rc = report_command(&cfg, &err);
			break;
		case COMMAND_COMPARE:
			if (suite_saved_run(cfg.files[0]) ||
			    suite_saved_run(cfg.files[1]))
				rc = suite_compare_files(cfg.files[0],
				    cfg.files[1], cfg.fail_threshold,
				    cfg.format, cfg.output, &err);
			else
				rc = compare_command(&cfg, &err);
			break;
		case COMMAND_RECOMMEND:
			if (suite_saved_run(cfg.files[0]))
				rc = suite_recommend(cfg.files[0], cfg.tests,
				    cfg.output, &err);
			else
				rc = recommend_command(&cfg, &err);
			break;
		case COMMAND_CLEANUP:
			rc = cleanup_command(&cfg, &err);
			break;
		case COMMAND_RUN:
		case COMMAND_VALIDATE:
			install_signal_handlers();
			rc = run_command(&cfg, &err);
			break;
		}
	}
	if (rc != DB_OK)
		fprintf(stderr, "dbbench: %s\n", err.msg);
	cli_config_fini(&cfg);
	return db_status_exit_code(rc);
}
