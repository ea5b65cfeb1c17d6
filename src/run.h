/*
 * run.h - the commands: run (measure and report), validate, report (render
 * a saved run), compare (two saved runs), recommend and list
 */
#ifndef DBBENCH_RUN_H
#define DBBENCH_RUN_H

#include "cli.h"
#include "error.h"

int run_command(const struct config *cfg, struct db_error *err);
int list_command(const struct config *cfg, struct db_error *err);
int recommend_command(const struct config *cfg, struct db_error *err);
int cleanup_command(const struct config *cfg, struct db_error *err);
int report_command(const struct config *cfg, struct db_error *err);
int compare_command(const struct config *cfg, struct db_error *err);

#endif
