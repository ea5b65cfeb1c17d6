/*
 * fuzz_trace.c - libFuzzer target for the capture library's record reader
 *
 * Whatever the bytes, capture_trace_parse() must read them or fail with a
 * usage error; what it reads, taken as two processes' files, must go
 * through capture_model_build() (markers, phases, transactions, folding of
 * equal bodies) and free cleanly.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture_workload wl;
	struct capture_log log;
	struct db_error err;
	size_t i;
	int rc;

	memset(&log, 0, sizeof log);
	for (i = 0; i < 2; i++) {
		rc = capture_trace_parse((const char *)data, size, (unsigned)i,
		    &log, &err);
		if (rc != DB_OK && rc != DB_EUSAGE)
			abort();
		if (rc != DB_OK)
			break;
	}
	capture_model_build(&log, &wl);
	if (wl.n_tests > wl.tests_seen)
		abort(); /* a written test no statement named */
	for (i = 0; i < wl.n_tests; i++)
		if (wl.tests[i].n == 0 || wl.tests[i].weight == 0)
			abort();
	capture_workload_fini(&wl);
	capture_log_fini(&log);
	return 0;
}
