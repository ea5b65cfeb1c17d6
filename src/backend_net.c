/*
 * backend_net.c - what the server drivers (PostgreSQL, MySQL) share:
 * masking a password wherever it appears in a message, judging from a
 * connection's socket whether its server runs on this host, and telling
 * whether the dbbench process that named a scratch object is still alive
 */
#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "backend.h"
#include "backend_net.h"
#include "fsinfo.h"
#include "xmalloc.h"

/* Replace every occurrence of secret in msg by "***", in place. */
void
backend_mask(char *msg, size_t size, const char *secret)
{
	char *p, *rest;
	size_t slen;

	if (secret == NULL || secret[0] == '\0')
		return;
	slen = strlen(secret);
	for (;;) {
		p = strstr(msg, secret);
		if (p == NULL)
			break;
		rest = xstrdup(p + slen);
		snprintf(p, size - (size_t)(p - msg), "***%s", rest);
		free(rest);
	}
}

/* 1 when addr is one of this host's own interface addresses. */
static int
address_is_ours(const struct sockaddr_storage *addr)
{
	struct ifaddrs *ifs, *i;
	int ours = 0;

	if (getifaddrs(&ifs) != 0)
		return 0;
	for (i = ifs; i != NULL && !ours; i = i->ifa_next) {
		if (i->ifa_addr == NULL ||
		    i->ifa_addr->sa_family != addr->ss_family)
			continue;
		if (addr->ss_family == AF_INET)
			ours = memcmp(&((const struct sockaddr_in *)
					   (const void *)i->ifa_addr)->sin_addr,
			    &((const struct sockaddr_in *)(const void *)addr)
				 ->sin_addr,
			    sizeof(struct in_addr)) == 0;
		else
			ours = memcmp(&((const struct sockaddr_in6 *)
					   (const void *)i->ifa_addr)->sin6_addr,
			    &((const struct sockaddr_in6 *)(const void *)addr)
				 ->sin6_addr,
			    sizeof(struct in6_addr)) == 0;
	}
	freeifaddrs(ifs);
	return ours;
}

/*
 * Whether the server at the far end of a connected socket runs on this
 * host, whatever name or address the DSN used: 1 for a Unix socket, a
 * loopback address (127.0.0.0/8, ::1, ::ffff:127.x) or an address of one
 * of this host's interfaces; 0 for another address; -1 when the socket
 * cannot be asked (the caller may judge from the host name).
 */
int
backend_socket_is_local(int fd)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof peer;
	const struct sockaddr_in6 *in6;

	memset(&peer, 0, sizeof peer);
	if (fd < 0 || getpeername(fd, (struct sockaddr *)&peer, &len) != 0)
		return -1;
	switch (peer.ss_family) {
	case AF_UNIX:
		return 1;
	case AF_INET:
		if ((ntohl(((const struct sockaddr_in *)(const void *)&peer)
			     ->sin_addr.s_addr) >> 24) == 127)
			return 1;
		return address_is_ours(&peer);
	case AF_INET6:
		in6 = (const struct sockaddr_in6 *)(const void *)&peer;
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
		    (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
			in6->sin6_addr.s6_addr[12] == 127))
			return 1;
		return address_is_ours(&peer);
	default:
		return -1;
	}
}

/*
 * 1 when the dbbench process that named an object dbbench_<pid>_... is
 * alive on this host: that pid runs a program called dbbench.  Only
 * meaningful when the server is on this host too.
 */
int
backend_scratch_owner_alive(const char *name)
{
	char path[64], comm[64];
	long pid;
	FILE *f;
	int alive = 0;

	if (strncmp(name, "dbbench_", 8) != 0)
		return 0;
	pid = strtol(name + strlen("dbbench_"), NULL, 10);
	if (pid <= 0)
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	if (fgets(comm, sizeof comm, f) != NULL)
		alive = strncmp(comm, "dbbench", 7) == 0;
	fclose(f);
	return alive;
}

/*
 * The CPU a process or thread of this host last ran on, field 39 of
 * /proc/ID/stat (the fields after the command name, which ends at the
 * last ')'); BACKEND_CPU_UNKNOWN when it cannot be read.
 */
int
backend_proc_cpu(long id)
{
	char path[64], line[1024], *p;
	int field, cpu = BACKEND_CPU_UNKNOWN;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/stat", id);
	f = fopen(path, "r");
	if (f == NULL)
		return BACKEND_CPU_UNKNOWN;
	if (fgets(line, sizeof line, f) != NULL) {
		p = strrchr(line, ')');
		for (field = 2; p != NULL && field < 39; field++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			cpu = atoi(p + 1);
	}
	fclose(f);
	return cpu;
}

/*
 * Whether a server with free_slots connections left takes what workers
 * workers need (a target's and a connection each, less one shared); max
 * and in_use say, as the server gave them, where the slots went.
 */
int
backend_check_slots(unsigned workers, long free_slots, const char *max,
    const char *in_use, struct db_error *err)
{
	long needed = 2L * workers - 1;

	if (needed <= free_slots)
		return DB_OK;
	return db_error_set(err, DB_EUSAGE,
	    "--workers %u needs %ld more connections, but max_connections is "
	    "%s (%s): use fewer workers or raise max_connections",
	    workers, needed, max, in_use);
}

/*
 * "tmpfs /dev/shm/data": the file system of a server's data folder dir
 * when the server is on this host, "remote DIR" when not, and "unknown
 * (WHAT not readable)" without it.
 */
void
backend_describe_storage(const char *dir, int local, const char *what,
    char *buf, size_t size)
{
	char fs[64];

	if (dir == NULL || dir[0] == '\0')
		snprintf(buf, size, "unknown (%s not readable)", what);
	else if (local) {
		fsinfo_describe(dir, fs, sizeof fs);
		snprintf(buf, size, "%s %s", fs, dir);
	} else
		snprintf(buf, size, "remote %s", dir);
}
