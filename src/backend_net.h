/*
 * backend_net.h - what the server drivers share: masking a password in a
 * message, telling whether a server runs on this host, and whether the
 * dbbench run that named a scratch object is still going
 */
#ifndef DBBENCH_BACKEND_NET_H
#define DBBENCH_BACKEND_NET_H

#include <stddef.h>

void backend_mask(char *msg, size_t size, const char *secret);
int backend_socket_is_local(int fd);
int backend_scratch_owner_alive(const char *name);

#endif
