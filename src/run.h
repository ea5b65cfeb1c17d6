/*
 * run.h - the commands: run (measure and report), validate and list
 */
#ifndef DBBENCH_RUN_H
#define DBBENCH_RUN_H

#include "cli.h"
#include "error.h"

int run_command(const struct config *cfg, struct db_error *err);
int list_command(const struct config *cfg, struct db_error *err);

#endif
