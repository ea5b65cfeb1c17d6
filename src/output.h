/*
 * output.h - writing a finished report to stdout or to a file
 *
 * A file is written to a temporary name in the same folder, flushed, and
 * renamed over the target, so a reader sees either the old file or the
 * whole new one, and a failed run leaves the old one alone.
 */
#ifndef DBBENCH_OUTPUT_H
#define DBBENCH_OUTPUT_H

#include <stddef.h>

#include "error.h"

int output_write(const char *path, const char *data, size_t len,
    struct db_error *err);

/* Where --save puts runs, relative to the working folder. */
#define OUTPUT_RESULTS_DIR "results"

/*
 * --save NAME: data as OUTPUT_RESULTS_DIR/NAME.json, the folder created
 * when missing, written like output_write().
 */
int output_save(const char *name, const char *data, size_t len,
    struct db_error *err);

#endif
