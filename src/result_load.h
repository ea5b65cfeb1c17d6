/*
 * result_load.h - reading a saved JSON report back into a struct run_result
 *
 * The inverse of the JSON report (schema_version 1): what the report
 * writers and the comparison read is restored, raw samples included, and
 * the statistics are computed again from the samples, so a loaded run
 * renders and compares as the run that wrote it did.
 *
 * Every problem is DB_EUSAGE (bad input, exit 2) with one line naming the
 * file and the place: "FILE:LINE:COLUMN: ..." when the text is not JSON,
 * "FILE: cells[2].samples.body[7]: ..." when a field is missing or has the
 * wrong type or value.
 */
#ifndef DBBENCH_RESULT_LOAD_H
#define DBBENCH_RESULT_LOAD_H

#include <stddef.h>

#include "error.h"
#include "result.h"

int result_load_file(const char *path, struct run_result *res,
    struct db_error *err);
int result_load_text(const char *name, const char *text, size_t len,
    struct run_result *res, struct db_error *err);

#endif
