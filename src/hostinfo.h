/*
 * hostinfo.h - what machine a run measured on
 */
#ifndef DBBENCH_HOSTINFO_H
#define DBBENCH_HOSTINFO_H

#include <stdint.h>

char *hostinfo_cpu(void);
unsigned hostinfo_cores(void);
int hostinfo_pin_cpu(unsigned n);
char *hostinfo_os(void);
int64_t hostinfo_cpu_wait_us(void);

#endif
