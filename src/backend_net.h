/*
 * backend_net.h - what the server drivers share: masking a password in a
 * message, telling whether a server runs on this host, and whether the
 * dbbench run that named a scratch object is still going; the CPU a
 * server process last ran on, the connections a worker count needs, and
 * where a server keeps its data
 */
#ifndef DBBENCH_BACKEND_NET_H
#define DBBENCH_BACKEND_NET_H

#include <stddef.h>

#include "error.h"

void backend_mask(char *msg, size_t size, const char *secret);
int backend_socket_is_local(int fd);
int backend_scratch_owner_alive(const char *name);
int backend_proc_cpu(long id);
int backend_check_slots(unsigned workers, long free_slots, const char *max,
    const char *in_use, struct db_error *err);
void backend_describe_storage(const char *dir, int local, const char *what,
    char *buf, size_t size);

#endif
