/*
 * fuzz_junit.c - libFuzzer target for the JUnit XML reader
 *
 * Whatever the bytes, junit_read_memory() must read them or fail with a
 * usage error whose one line names the input, leaving the report empty.
 * What it reads must hold together: the counts are the test cases'
 * outcomes; names, messages and details are one line of valid length;
 * times are -1 or finite and non-negative.  ASan and UBSan catch the rest.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "junit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s is NULL-or-nonempty when optional, at most max bytes, one line. */
static void
check_line(const char *s, size_t max, int optional)
{
	size_t i, len;

	if (s == NULL) {
		if (!optional)
			abort();
		return;
	}
	len = strlen(s);
	if (len > max || (optional && len == 0))
		abort();
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			abort();
}

static void
check_report(const struct junit_report *rep)
{
	size_t i, counted[4] = { 0, 0, 0, 0 };
	const struct junit_case *c;

	if (rep->tests != rep->ncases || (rep->ncases > 0) != (rep->cases != NULL))
		abort();
	for (i = 0; i < rep->ncases; i++) {
		c = &rep->cases[i];
		check_line(c->name, (size_t)-1, 0);
		check_line(c->message, 1000, 1);
		check_line(c->detail, 200, 1);
		if (c->seconds != -1 && !(isfinite(c->seconds) && c->seconds >= 0))
			abort();
		if ((unsigned)c->outcome > JUNIT_SKIPPED)
			abort();
		if (c->outcome == JUNIT_PASSED &&
		    (c->message != NULL || c->detail != NULL))
			abort();
		counted[c->outcome]++;
	}
	if (counted[JUNIT_FAILED] != rep->failures ||
	    counted[JUNIT_ERROR] != rep->errors ||
	    counted[JUNIT_SKIPPED] != rep->skipped)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct junit_report rep;
	struct db_error err;
	int rc;

	db_error_clear(&err);
	rc = junit_read_memory((const char *)data, size, "fuzz.xml", &rep, &err);
	if (rc != DB_OK) {
		if (rc != DB_EUSAGE || err.code != DB_EUSAGE ||
		    strncmp(err.msg, "fuzz.xml: ", 10) != 0 ||
		    strchr(err.msg, '\n') != NULL || rep.ncases != 0 ||
		    rep.cases != NULL)
			abort();
		return 0;
	}
	check_report(&rep);
	junit_report_free(&rep);
	return 0;
}
