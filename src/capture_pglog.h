/*
 * capture_pglog.h - a PostgreSQL server log (csvlog, jsonlog or stderr)
 * read into the statements of a capture (see capture_pglog.c)
 */
#ifndef DBBENCH_CAPTURE_PGLOG_H
#define DBBENCH_CAPTURE_PGLOG_H

#include <stddef.h>

#include "capture.h"
#include "error.h"

int capture_pglog_parse(const char *data, size_t len, struct capture_log *log,
    struct db_error *err);

#endif
