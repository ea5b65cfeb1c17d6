/*
 * fuzz_pglog.c - libFuzzer target for the PostgreSQL log reader
 *
 * Whatever the bytes (csvlog, jsonlog, stderr or none of them),
 * capture_pglog_parse() must read them or fail with a usage error, and
 * what it reads must go through capture_model_build() and free cleanly.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "capture_pglog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture_workload wl;
	struct capture_log log;
	struct db_error err;
	char *text;
	size_t i;
	int rc;

	/* The command refuses NUL bytes before the reader sees them. */
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (memchr(text, '\0', size) != NULL) {
		free(text);
		return 0;
	}
	memset(&log, 0, sizeof log);
	rc = capture_pglog_parse(text, size, &log, &err);
	if (rc != DB_OK && rc != DB_EUSAGE)
		abort();
	if (rc == DB_OK && log.n == 0)
		abort(); /* success means statements */
	capture_model_build(&log, &wl);
	for (i = 0; i < wl.n_tests; i++)
		if (wl.tests[i].n == 0 || wl.tests[i].weight == 0)
			abort();
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	free(text);
	return 0;
}
