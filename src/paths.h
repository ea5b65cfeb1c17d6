/*
 * paths.h - where the shipped workloads live
 */
#ifndef DBBENCH_PATHS_H
#define DBBENCH_PATHS_H

char *paths_fixtures_dir(void);

#endif
