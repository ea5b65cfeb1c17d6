/*
 * fuzz_workload.c - libFuzzer target for the workload loader
 *
 * The input is cut at the first two NUL-free "\n---\n" markers into a
 * schema.sql, a seed.sql and a tests/01.sql (any part may be missing),
 * written into a fresh folder that the loader then reads for both
 * backends.  Whatever the bytes, the loader must load or fail with a
 * usage error naming the workload, and leave nothing to leak.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "workload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void
write_part(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

static void
remove_part(const char *name)
{
	char path[128];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char marker[] = "\n---\n";
	const uint8_t *parts[3] = { data, NULL, NULL }, *end = data + size;
	size_t lens[3] = { size, 0, 0 }, i;
	struct workload wl;
	struct db_error err;
	char tests[80];
	const uint8_t *m;
	int rc;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/dbbench-fuzz.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(tests, sizeof tests, "%s/tests", dir);
	mkdir(tests, 0700);
	for (i = 1; i < 3; i++) {
		m = memmem(parts[i - 1], lens[i - 1], marker, sizeof marker - 1);
		if (m == NULL)
			break;
		lens[i - 1] = (size_t)(m - parts[i - 1]);
		parts[i] = m + sizeof marker - 1;
		lens[i] = (size_t)(end - parts[i]);
	}
	write_part("schema.sql", parts[0], lens[0]);
	if (parts[1] != NULL)
		write_part("seed.sql", parts[1], lens[1]);
	if (parts[2] != NULL)
		write_part("tests/01.sql", parts[2], lens[2]);
	rc = workload_load("fuzz", dir, "sqlite", SQL_DIALECT_SQLITE, &wl,
	    &err);
	if (rc == DB_OK)
		workload_fini(&wl);
	else if (strncmp(err.msg, "workload 'fuzz': ", 17) != 0)
		abort();
	rc = workload_load("fuzz", dir, "postgres", SQL_DIALECT_POSTGRES, &wl,
	    &err);
	if (rc == DB_OK)
		workload_fini(&wl);
	else if (strncmp(err.msg, "workload 'fuzz': ", 17) != 0)
		abort();
	remove_part("schema.sql");
	remove_part("seed.sql");
	remove_part("tests/01.sql");
	return 0;
}
