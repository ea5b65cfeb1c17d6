/*
 * fuzz_baseline.c - libFuzzer target for the saved-run (baseline) loader
 *
 * Whatever the bytes, result_load_text() must load them or fail with a
 * usage error naming the file; what it loads must render as JSON again
 * and load back (the writer and the reader agree on every field).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "result_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run_result res, again;
	struct db_error err;
	struct strbuf out;
	int rc;

	memset(&res, 0, sizeof res);
	rc = result_load_text("fuzz.json", (const char *)data, size, &res,
	    &err);
	if (rc != DB_OK) {
		if (rc != DB_EUSAGE || strncmp(err.msg, "fuzz.json", 9) != 0)
			abort();
		return 0;
	}
	strbuf_init(&out);
	if (report_json_ops.write(&res, NULL, &out, &err) != DB_OK)
		abort();
	memset(&again, 0, sizeof again);
	if (result_load_text("again.json", out.buf, out.len, &again, &err) !=
	    DB_OK)
		abort();
	result_fini(&again);
	strbuf_fini(&out);
	result_fini(&res);
	return 0;
}
