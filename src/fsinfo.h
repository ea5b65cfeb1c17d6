/*
 * fsinfo.h - what kind of file system a path lives on
 */
#ifndef DBBENCH_FSINFO_H
#define DBBENCH_FSINFO_H

#include <stddef.h>

void fsinfo_describe(const char *path, char *buf, size_t len);

#endif
