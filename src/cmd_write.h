/*
 * cmd_write.h - how the commands write what they made: a report or a
 * comparison, rendered in memory in the asked format and colour, then
 * written to its destination in one go (output.h)
 */
#ifndef DBBENCH_CMD_WRITE_H
#define DBBENCH_CMD_WRITE_H

#include "cli.h"
#include "error.h"
#include "report.h"
#include "result.h"

/* res in cfg's format, to cfg's output. */
int cmd_render_report(const struct config *cfg, const struct run_result *res,
    struct db_error *err);
/*
 * Write the comparison of after with before to dest in format, warnings on
 * stderr; DB_EREGRESS when a cell regressed.  lead goes first (a blank line
 * after a report on the same stream).
 */
int cmd_write_comparison(const struct config *cfg,
    const struct run_result *before, const char *before_name,
    const struct run_result *after, const char *after_name,
    const struct report_ops *format, const char *dest, const char *lead,
    struct db_error *err);

#endif
