/*
 * junit.h - read a JUnit XML test report (pytest, Maven Surefire,
 * gotestsum, RSpec and Jest formatters) with libxml2
 *
 * The reader takes what the test cases say: tests, failures, errors and
 * skipped are counted from the <testcase> elements, whatever the
 * <testsuite> attributes claim.  Those claims are kept apart in declared_*
 * for the one case the test cases cannot show: an error outside any test
 * (RSpec's "errors outside of examples", a file that failed to load).
 */
#ifndef DBBENCH_JUNIT_H
#define DBBENCH_JUNIT_H

#include <stddef.h>

#include "error.h"

/* Files and buffers larger than this are refused, not parsed. */
#define JUNIT_MAX_BYTES ((size_t)64 << 20)

enum junit_outcome {
	JUNIT_PASSED = 0,
	JUNIT_FAILED,  /* a <failure> child */
	JUNIT_ERROR,   /* an <error> child */
	JUNIT_SKIPPED, /* a <skipped> child */
};

struct junit_case {
	char *name;	     /* "classname::name" when classname is given, else name */
	double seconds;	     /* the testcase's time attribute; -1 when absent */
	enum junit_outcome outcome;
	char *message;	     /* failure/error message attribute or NULL */
	/* Added to the agreed interface: */
	char *detail;	     /* first non-blank line of the failure, error or
				skipped element's text, or NULL (jest-junit
				writes its message there, with no attribute) */
	unsigned line;	     /* the <testcase>'s line in the file, 0 unknown */
};

struct junit_report {
	size_t tests, failures, errors, skipped; /* counted from the test cases */
	struct junit_case *cases;
	size_t ncases;
	/* Added to the agreed interface: what the root element's attributes
	 * (or, without them, the sum over the top-level <testsuite>s) claim;
	 * -1 when not stated.  Informative only: never used for the counts. */
	long declared_tests, declared_failures, declared_errors,
	    declared_skipped;
};

/* Read PATH.  DB_OK, or DB_EIO when the file cannot be read, DB_EUSAGE when
 * it is not JUnit XML (malformed, or no <testsuite>/<testsuites> root); err
 * names the file and what was wrong, in one line.  Never prints. */
int junit_read_file(const char *path, struct junit_report *out,
    struct db_error *err);
/* The same from memory (the fuzz target uses this). */
int junit_read_memory(const char *buf, size_t len, const char *name,
    struct junit_report *out, struct db_error *err);
void junit_report_free(struct junit_report *report);

/* Added to the agreed interface. */
/* "passed", "failed", "error" or "skipped". */
const char *junit_outcome_name(enum junit_outcome outcome);
/* The best one-line reason a case did not pass: its message attribute,
 * else its detail line, else NULL. */
const char *junit_case_reason(const struct junit_case *c);

#endif
