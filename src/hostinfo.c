/*
 * hostinfo.c - CPU model, core count and operating system
 *
 * Read from /proc/cpuinfo, sysconf() and uname(); anything unreadable is
 * reported as "unknown" rather than failing the run.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "hostinfo.h"
#include "xmalloc.h"

/* The first "model name" of /proc/cpuinfo; caller frees. */
char *
hostinfo_cpu(void)
{
	char line[512], *colon, *end;
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	if (f == NULL)
		return xstrdup("unknown");
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "model name", 10) != 0)
			continue;
		colon = strchr(line, ':');
		if (colon == NULL)
			continue;
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		end = colon + strlen(colon);
		while (end > colon && (end[-1] == '\n' || end[-1] == ' '))
			*--end = '\0';
		fclose(f);
		return xstrdup(colon);
	}
	fclose(f);
	return xstrdup("unknown");
}

unsigned
hostinfo_cores(void)
{
	long n;

	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* "Linux 6.1.0-18-amd64 x86_64"; caller frees. */
char *
hostinfo_os(void)
{
	struct utsname u;

	if (uname(&u) != 0)
		return xstrdup("unknown");
	return xasprintf("%s %s %s", u.sysname, u.release, u.machine);
}
