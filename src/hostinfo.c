/*
 * hostinfo.c - CPU model, core count, operating system, the CPUs to pin to,
 * and how long tasks have waited for a CPU
 *
 * Read from /proc/cpuinfo, sysconf(), sched_getaffinity(), uname() and
 * /proc/pressure/cpu; anything unreadable is reported as "unknown" rather
 * than failing the run.
 */
#include "config.h"

#include <inttypes.h>
#include <sched.h>
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

/*
 * The CPU for worker n when pinning: the (n mod count)-th of the CPUs this
 * process may run on (a container's cpuset may leave out CPU 0), or n mod
 * the cores if the set cannot be read.
 */
int
hostinfo_pin_cpu(unsigned n)
{
	cpu_set_t set;
	int cpu, count, k;

	if (sched_getaffinity(0, sizeof set, &set) != 0 ||
	    (count = CPU_COUNT(&set)) == 0)
		return (int)(n % hostinfo_cores());
	k = (int)(n % (unsigned)count);
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set) && k-- == 0)
			return cpu;
	return (int)(n % hostinfo_cores());
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

/*
 * The time, in microseconds since boot, that some task waited for a CPU
 * (the "some" line of /proc/pressure/cpu); -1 without pressure stall
 * information.  Two readings tell what share of a span the machine was
 * short of CPUs.
 */
int64_t
hostinfo_cpu_wait_us(void)
{
	char line[256], *total;
	int64_t us = -1;
	FILE *f;

	f = fopen("/proc/pressure/cpu", "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "some ", 5) == 0 &&
		    (total = strstr(line, "total=")) != NULL &&
		    sscanf(total + 6, "%" SCNd64, &us) != 1)
			us = -1;
	fclose(f);
	return us;
}
