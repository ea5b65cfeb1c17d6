/*
 * suite_tests.c - a configuration's tests over its runs, from the JUnit
 * reports the runs wrote
 *
 * Each run's report is read with junit_read_file() (libxml2).  Its counts
 * go to the run's sample; for timed runs each test case is also counted
 * in the configuration's table (how many runs reported it, failed it,
 * skipped it) and its duration joins the configuration's per-test sample.
 * The table is open addressing on an FNV-1a hash of the name, so a suite
 * of thousands of tests costs a few probes per test case.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "junit.h"
#include "suite.h"
#include "xmalloc.h"

static uint64_t
name_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static struct suite_test *
probe(const struct suite_tests *t, const char *name)
{
	size_t i;

	for (i = (size_t)name_hash(name) & (t->cap - 1);;
	     i = (i + 1) & (t->cap - 1))
		if (t->slots[i].name == NULL ||
		    strcmp(t->slots[i].name, name) == 0)
			return &t->slots[i];
}

static void
grow(struct suite_tests *t)
{
	struct suite_test *old = t->slots, *slot;
	size_t i, old_cap = t->cap;

	t->cap = old_cap ? old_cap * 2 : 64;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (i = 0; i < old_cap; i++)
		if (old[i].name != NULL) {
			slot = probe(t, old[i].name);
			*slot = old[i];
		}
	free(old);
}

/* The test called name, or NULL. */
struct suite_test *
suite_tests_find(const struct suite_tests *t, const char *name)
{
	struct suite_test *slot;

	if (t->cap == 0)
		return NULL;
	slot = probe(t, name);
	return slot->name != NULL ? slot : NULL;
}

static struct suite_test *
add_test(struct suite_tests *t, const char *name)
{
	struct suite_test *slot;

	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	slot = probe(t, name);
	if (slot->name == NULL) {
		slot->name = xstrdup(name);
		t->n++;
	}
	return slot;
}

struct suite_test *
suite_tests_add(struct suite_tests *t, const char *name)
{
	return add_test(t, name);
}

static void
add_duration(struct suite_tests *t, double seconds)
{
	if (t->n_durations == t->cap_durations) {
		t->cap_durations = t->cap_durations ? t->cap_durations * 2
						    : 256;
		t->durations = xreallocarray(t->durations, t->cap_durations,
		    sizeof *t->durations);
	}
	t->durations[t->n_durations++] = (int64_t)(seconds * 1e9 + 0.5);
}

int
suite_tests_read(const char *path, struct suite_sample *s,
    struct suite_tests *t, int measured, struct db_error *err)
{
	struct junit_report rep;
	struct suite_test *test;
	const struct junit_case *c;
	size_t i;
	int rc;

	memset(&rep, 0, sizeof rep);
	rc = junit_read_file(path, &rep, err);
	if (rc != DB_OK)
		return rc;
	s->junit_read = 1;
	s->tests = rep.tests;
	s->failures = rep.failures;
	s->errors = rep.errors;
	s->skipped = rep.skipped;
	for (i = 0; measured && i < rep.ncases; i++) {
		c = &rep.cases[i];
		test = add_test(t, c->name);
		test->runs++;
		if (c->outcome == JUNIT_FAILED || c->outcome == JUNIT_ERROR)
			test->failed++;
		if (c->outcome == JUNIT_SKIPPED)
			test->skipped++;
		else if (c->seconds >= 0)
			add_duration(t, c->seconds);
	}
	junit_report_free(&rep);
	return DB_OK;
}

void
suite_tests_fini(struct suite_tests *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].name);
	free(t->slots);
	free(t->durations);
	memset(t, 0, sizeof *t);
}
