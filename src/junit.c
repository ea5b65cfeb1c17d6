/*
 * junit.c - read a JUnit XML test report with libxml2
 *
 * The shapes read, all the same tree underneath:
 *
 *   <testsuites><testsuite><testcase/>...     pytest 5.1+, gotestsum,
 *                                             jest-junit, PHPUnit
 *   <testsuite><testcase/>...                 Maven Surefire, RSpec
 *                                             (rspec_junit_formatter),
 *                                             pytest before 5.1
 *   <testsuite><testsuite><testcase/>...      nested suites (PHPUnit,
 *                                             Ant, Mocha): walked down
 *
 * A <testcase> passed unless it has a <failure>, <error> or <skipped>
 * child; with several, failure counts over error over skipped.  Other
 * children -- <system-out>, <properties>, Surefire's <flakyFailure> and
 * <rerunFailure> for reruns -- do not change the outcome: a flaky test
 * that passed on a rerun passed.
 *
 * A test case whose name appears again in the same <testsuite> is one
 * test, not two: pytest writes a test that fails and then errors in
 * teardown as two <testcase>s with the same name (and counts it once in
 * tests=).  The second merges into the first: the worse outcome with its
 * message, and the two times added.
 *
 * The counts are counted from the test cases and never taken from the
 * tests=/failures=/errors=/skipped= attributes: formatters disagree on what
 * those mean (pytest counts an xfail as skipped, and the test that fails
 * and then errors in teardown once in tests= but in both failures= and
 * errors=; some formatters leave some of them out), and a truncated or
 * hand-edited report would otherwise be believed.  The attributes are kept in
 * declared_* for information.
 *
 * Reading is safe with untrusted input: no network (XML_PARSE_NONET), no
 * entity substitution, no DTD loading, and a document with a DOCTYPE is
 * refused outright, so no entity of any kind is defined; libxml2's own
 * limits on depth and on text sizes stay on (no XML_PARSE_HUGE), and the
 * input is capped at JUNIT_MAX_BYTES.  libxml2 prints nothing
 * (XML_PARSE_NOERROR, XML_PARSE_NOWARNING): its last error becomes the one
 * line of err.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "junit.h"
#include "xmalloc.h"

#define JUNIT_MESSAGE_MAX 1000 /* bytes kept of a message attribute */
#define JUNIT_DETAIL_MAX 200   /* bytes kept of a detail line */

/* An index of the cases by (testsuite, name), to merge repeated names. */
struct seen {
	char *key;    /* the suite's name, '\n', the case's name */
	size_t index; /* in rep->cases */
};

struct reader {
	const char *name; /* the file, for messages */
	struct db_error *err;
	struct junit_report *rep;
	size_t cap;        /* of rep->cases */
	struct seen *seen; /* open addressing, NULL keys free */
	size_t seen_cap;   /* a power of two, at least twice ncases */
};

/* Set by the DOCTYPE handler; the parser context's user data. */
struct parse_state {
	int saw_doctype;
};

static int
is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

#define LINE_FIRST 1   /* keep only the first non-blank line */
#define LINE_SQUEEZE 2 /* runs of blanks become one space */

/*
 * Copy at most max bytes of s, cut at a UTF-8 character boundary, with
 * control characters turned into spaces and blanks trimmed at both ends,
 * so that names and messages print on one line; how: LINE_* flags.  NULL
 * when nothing is left.
 */
static char *
one_line_copy(const xmlChar *s, size_t max, int how)
{
	const unsigned char *p = s;
	size_t len, i, o;
	char *out;

	if (p == NULL)
		return NULL;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	len = 0;
	while (len < max && p[len] != '\0' &&
	    !((how & LINE_FIRST) && (p[len] == '\n' || p[len] == '\r')))
		len++;
	if (len == max && p[len] != '\0')
		while (len > 0 && (p[len] & 0xC0) == 0x80)
			len--; /* p[len] starts a character: cut before it */
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] < 0x20 ||
	    p[len - 1] == 0x7F))
		len--;
	if (len == 0)
		return NULL;
	out = xmalloc(len + 1);
	for (i = 0, o = 0; i < len; i++) {
		char ch = (char)p[i];

		if (p[i] < 0x20 || p[i] == 0x7F)
			ch = ' ';
		if (ch == ' ' && (how & LINE_SQUEEZE) && o > 0 &&
		    out[o - 1] == ' ')
			continue;
		out[o++] = ch;
	}
	out[o] = '\0';
	return out;
}

/* The time attribute in seconds, or -1 when absent or not a finite,
 * non-negative decimal number.  Old Surefire versions write "1,234.5"
 * above a thousand seconds. */
static double
parse_seconds(const xmlChar *s)
{
	char buf[64], *end;
	size_t i, n = 0;
	int has_dot;
	double v;

	if (s == NULL)
		return -1;
	has_dot = strchr((const char *)s, '.') != NULL;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == ',' && has_dot)
			continue;
		if (strchr("0123456789.eE+- \t\r\n", s[i]) == NULL)
			return -1; /* no hex, inf or nan */
		if (n + 1 >= sizeof buf)
			return -1;
		buf[n++] = (char)s[i];
	}
	buf[n] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (end == buf || *end != '\0' || errno != 0 || !isfinite(v) ||
	    v < 0)
		return -1;
	return v;
}

/* A count attribute: a non-negative decimal integer, or -1. */
static long
parse_count(const xmlNode *n, const char *attr)
{
	xmlChar *s = xmlGetProp(n, (const xmlChar *)attr);
	char *end;
	long v;

	if (s == NULL)
		return -1;
	errno = 0;
	v = strtol((const char *)s, &end, 10);
	if (end == (char *)s || *end != '\0' || errno != 0 || v < 0)
		v = -1;
	xmlFree(s);
	return v;
}

/* declared_*: the root's attribute, or the sum over its <testsuite>
 * children when it has none; -1 when any of those does not say. */
static long
declared(const xmlNode *root, const char *attr)
{
	const xmlNode *c;
	long v = parse_count(root, attr), sum = 0, one;
	int any = 0;

	if (v >= 0 || is_element(root, "testsuite"))
		return v;
	for (c = root->children; c != NULL; c = c->next) {
		if (!is_element(c, "testsuite"))
			continue;
		one = parse_count(c, attr);
		if (one < 0 || sum > LONG_MAX - one)
			return -1;
		sum += one;
		any = 1;
	}
	return any ? sum : -1;
}

static int
outcome_rank(enum junit_outcome o)
{
	switch (o) {
	case JUNIT_FAILED:
		return 3;
	case JUNIT_ERROR:
		return 2;
	case JUNIT_SKIPPED:
		return 1;
	case JUNIT_PASSED:
		break;
	}
	return 0;
}

/* The outcome of a <testcase> from its children, with the message and
 * the first line of the text of the child that decided it. */
static void
read_outcome(const xmlNode *tc, struct junit_case *c)
{
	const xmlNode *k, *decider = NULL;
	enum junit_outcome o;
	xmlChar *s;

	c->outcome = JUNIT_PASSED;
	for (k = tc->children; k != NULL; k = k->next) {
		if (is_element(k, "failure"))
			o = JUNIT_FAILED;
		else if (is_element(k, "error"))
			o = JUNIT_ERROR;
		else if (is_element(k, "skipped"))
			o = JUNIT_SKIPPED;
		else
			continue;
		if (outcome_rank(o) > outcome_rank(c->outcome)) {
			c->outcome = o;
			decider = k;
		}
	}
	if (decider == NULL)
		return;
	s = xmlGetProp(decider, (const xmlChar *)"message");
	c->message = one_line_copy(s, JUNIT_MESSAGE_MAX, LINE_SQUEEZE);
	xmlFree(s);
	s = xmlNodeGetContent(decider);
	c->detail = one_line_copy(s, JUNIT_DETAIL_MAX,
	    LINE_FIRST | LINE_SQUEEZE);
	xmlFree(s);
}

/* FNV-1a. */
static size_t
hash_key(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

/* Where key is in the index, or the free slot where it goes. */
static struct seen *
seen_slot(struct reader *rd, const char *key)
{
	size_t mask = rd->seen_cap - 1, i = hash_key(key) & mask;

	while (rd->seen[i].key != NULL && strcmp(rd->seen[i].key, key) != 0)
		i = (i + 1) & mask;
	return &rd->seen[i];
}

/* Keep the index at most half full. */
static void
seen_reserve(struct reader *rd, size_t n)
{
	struct seen *old = rd->seen;
	size_t oldcap = rd->seen_cap, i;

	if (n * 2 <= rd->seen_cap)
		return;
	rd->seen_cap = oldcap == 0 ? 128 : oldcap * 2;
	rd->seen = xcalloc(rd->seen_cap, sizeof *rd->seen);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*seen_slot(rd, old[i].key) = old[i];
	free(old);
}

static void
seen_free(struct reader *rd)
{
	size_t i;

	for (i = 0; i < rd->seen_cap; i++)
		free(rd->seen[i].key);
	free(rd->seen);
	rd->seen = NULL;
	rd->seen_cap = 0;
}

/* A repeated test case into the first one: the worse outcome with its
 * message, the times added.  Frees what of c is not kept. */
static void
merge_case(struct junit_case *into, struct junit_case *c)
{
	char *t;

	if (c->seconds >= 0)
		into->seconds = into->seconds >= 0 ? into->seconds + c->seconds
						   : c->seconds;
	if (outcome_rank(c->outcome) > outcome_rank(into->outcome)) {
		into->outcome = c->outcome;
		t = into->message;
		into->message = c->message;
		c->message = t;
		t = into->detail;
		into->detail = c->detail;
		c->detail = t;
	}
	free(c->name);
	free(c->message);
	free(c->detail);
}

/* The case's name: "classname::name", or name without a classname. */
static char *
case_name(const xmlChar *classname, const xmlChar *name)
{
	char *joined, *clean;

	if (classname != NULL && classname[0] != '\0')
		joined = xasprintf("%s::%s", (const char *)classname,
		    (const char *)name);
	else
		joined = xstrdup((const char *)name);
	clean = one_line_copy((const xmlChar *)joined, (size_t)-1, 0);
	free(joined);
	return clean != NULL ? clean : xstrdup("");
}

/* Add a case to the report, or merge it into the one of the same name in
 * the same suite. */
static void
add_case(struct reader *rd, const char *suite, struct junit_case *c)
{
	struct junit_report *rep = rd->rep;
	struct seen *slot;
	char *key;

	key = xasprintf("%s\n%s", suite, c->name);
	seen_reserve(rd, rep->ncases + 1);
	slot = seen_slot(rd, key);
	if (slot->key != NULL) {
		merge_case(&rep->cases[slot->index], c);
		free(key);
		return;
	}
	if (rep->ncases == rd->cap) {
		rd->cap = rd->cap == 0 ? 64 : rd->cap * 2;
		rep->cases = xreallocarray(rep->cases, rd->cap,
		    sizeof *rep->cases);
	}
	slot->key = key;
	slot->index = rep->ncases;
	rep->cases[rep->ncases++] = *c;
}

static int
read_case(struct reader *rd, const char *suite, const xmlNode *tc)
{
	xmlChar *name, *classname, *time;
	struct junit_case c;
	long line = xmlGetLineNo(tc);

	name = xmlGetProp(tc, (const xmlChar *)"name");
	if (name == NULL)
		return db_error_set(rd->err, DB_EUSAGE,
		    "%s: line %ld: a <testcase> without a name attribute",
		    rd->name, line);
	memset(&c, 0, sizeof c);
	classname = xmlGetProp(tc, (const xmlChar *)"classname");
	c.name = case_name(classname, name);
	xmlFree(classname);
	xmlFree(name);
	time = xmlGetProp(tc, (const xmlChar *)"time");
	c.seconds = parse_seconds(time);
	xmlFree(time);
	c.line = line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
	read_outcome(tc, &c);
	add_case(rd, suite, &c);
	return DB_OK;
}

/* Every <testcase> under a <testsuite> or <testsuites>, in document order,
 * nested suites included (libxml2 bounds the depth at 256). */
static int
walk_suite(struct reader *rd, const xmlNode *suite)
{
	xmlChar *suite_name = xmlGetProp(suite, (const xmlChar *)"name");
	const char *sname = suite_name != NULL ? (const char *)suite_name : "";
	const xmlNode *c;
	int rc = DB_OK;

	for (c = suite->children; c != NULL && rc == DB_OK; c = c->next) {
		if (is_element(c, "testcase"))
			rc = read_case(rd, sname, c);
		else if (is_element(c, "testsuite") ||
		    is_element(c, "testsuites"))
			rc = walk_suite(rd, c);
	}
	xmlFree(suite_name);
	return rc;
}

/* SAX hook: a <!DOCTYPE ...> stops the parse before its internal subset
 * is read, so no entity is ever declared. */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)external_id;
	(void)system_id;
	((struct parse_state *)ctxt->_private)->saw_doctype = 1;
	xmlStopParser(ctxt);
}

/* libxml2 reports a few errors (encodings, memory) outside the parser
 * context; the reader prints nothing, so those go nowhere. */
static void
ignore_message(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static int
malformed(struct reader *rd, xmlParserCtxtPtr ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);

	if (e == NULL || e->message == NULL)
		return db_error_set(rd->err, DB_EUSAGE,
		    "%s: malformed XML, not a JUnit report", rd->name);
	return db_error_set(rd->err, DB_EUSAGE,
	    "%s: malformed XML at line %d: %s", rd->name, e->line, e->message);
}

/* Parse and check the root; the document on success, else NULL and err. */
static xmlDocPtr
parse(struct reader *rd, const char *buf, size_t len)
{
	const int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	struct parse_state state = { 0 };
	xmlParserCtxtPtr ctxt;
	xmlNodePtr root;
	xmlDocPtr doc;

	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, ignore_message);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		db_error_set(rd->err, DB_EIO, "%s: out of memory", rd->name);
		return NULL;
	}
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->_private = &state;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, rd->name, NULL, options);
	if (state.saw_doctype) {
		db_error_set(rd->err, DB_EUSAGE,
		    "%s: a DOCTYPE is not allowed in a JUnit report", rd->name);
	} else if (doc == NULL || !ctxt->wellFormed) {
		malformed(rd, ctxt);
	} else if ((root = xmlDocGetRootElement(doc)) == NULL) {
		db_error_set(rd->err, DB_EUSAGE,
		    "%s: no root element, not a JUnit report", rd->name);
	} else if (!is_element(root, "testsuites") &&
	    !is_element(root, "testsuite")) {
		db_error_set(rd->err, DB_EUSAGE,
		    "%s: not a JUnit report: the root element is <%.40s>, "
		    "not <testsuites> or <testsuite>",
		    rd->name, (const char *)root->name);
	} else {
		xmlFreeParserCtxt(ctxt);
		return doc;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return NULL;
}

static void
count_outcomes(struct junit_report *rep)
{
	size_t i;

	rep->tests = rep->ncases;
	for (i = 0; i < rep->ncases; i++) {
		rep->failures += rep->cases[i].outcome == JUNIT_FAILED;
		rep->errors += rep->cases[i].outcome == JUNIT_ERROR;
		rep->skipped += rep->cases[i].outcome == JUNIT_SKIPPED;
	}
}

int
junit_read_memory(const char *buf, size_t len, const char *name,
    struct junit_report *out, struct db_error *err)
{
	struct reader rd = { name, err, out, 0, NULL, 0 };
	xmlNodePtr root;
	xmlDocPtr doc;
	int rc;

	memset(out, 0, sizeof *out);
	if (len == 0)
		return db_error_set(err, DB_EUSAGE,
		    "%s: empty, not a JUnit report", name);
	if (len > JUNIT_MAX_BYTES)
		return db_error_set(err, DB_EUSAGE,
		    "%s: larger than %zu MiB, not read as a JUnit report", name,
		    JUNIT_MAX_BYTES >> 20);
	doc = parse(&rd, buf, len);
	if (doc == NULL)
		return err != NULL ? (int)err->code : DB_EUSAGE;
	root = xmlDocGetRootElement(doc);
	out->declared_tests = declared(root, "tests");
	out->declared_failures = declared(root, "failures");
	out->declared_errors = declared(root, "errors");
	out->declared_skipped = declared(root, "skipped");
	rc = walk_suite(&rd, root);
	xmlFreeDoc(doc);
	seen_free(&rd);
	if (rc != DB_OK) {
		junit_report_free(out);
		return rc;
	}
	count_outcomes(out);
	return DB_OK;
}

/* Read at most JUNIT_MAX_BYTES + 1 bytes of fp into *buf: enough to tell
 * that a file is too large without reading all of it. */
static int
slurp(FILE *fp, const char *path, char **buf, size_t *len,
    struct db_error *err)
{
	const size_t limit = JUNIT_MAX_BYTES + 1;
	size_t cap = 65536, n = 0, got;
	char *b = xmalloc(cap);

	while (n < limit) {
		if (n == cap) {
			cap = cap > limit / 2 ? limit : cap * 2;
			b = xreallocarray(b, cap, 1);
		}
		got = fread(b + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(b);
		return db_error_set(err, DB_EIO, "%s: cannot read: %s", path,
		    strerror(errno));
	}
	*buf = b;
	*len = n;
	return DB_OK;
}

int
junit_read_file(const char *path, struct junit_report *out,
    struct db_error *err)
{
	struct stat st;
	size_t len = 0;
	char *buf = NULL;
	FILE *fp;
	int rc;

	memset(out, 0, sizeof *out);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return db_error_set(err, DB_EIO, "%s: cannot read: %s", path,
		    strerror(errno));
	if (fstat(fileno(fp), &st) != 0)
		memset(&st, 0, sizeof st);
	if (S_ISDIR(st.st_mode)) {
		fclose(fp);
		return db_error_set(err, DB_EIO,
		    "%s: is a directory, not a JUnit report", path);
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size >
	    (unsigned long long)JUNIT_MAX_BYTES) {
		fclose(fp);
		return db_error_set(err, DB_EUSAGE,
		    "%s: larger than %zu MiB, not read as a JUnit report", path,
		    JUNIT_MAX_BYTES >> 20);
	}
	rc = slurp(fp, path, &buf, &len, err);
	fclose(fp);
	if (rc != DB_OK)
		return rc;
	if (len == 0)
		rc = db_error_set(err, DB_EUSAGE,
		    "%s: empty file, not a JUnit report", path);
	else
		rc = junit_read_memory(buf, len, path, out, err);
	free(buf);
	return rc;
}

void
junit_report_free(struct junit_report *report)
{
	size_t i;

	if (report == NULL)
		return;
	for (i = 0; i < report->ncases; i++) {
		free(report->cases[i].name);
		free(report->cases[i].message);
		free(report->cases[i].detail);
	}
	free(report->cases);
	memset(report, 0, sizeof *report);
}

const char *
junit_outcome_name(enum junit_outcome outcome)
{
	switch (outcome) {
	case JUNIT_PASSED:
		return "passed";
	case JUNIT_FAILED:
		return "failed";
	case JUNIT_ERROR:
		return "error";
	case JUNIT_SKIPPED:
		return "skipped";
	}
	return "unknown";
}

const char *
junit_case_reason(const struct junit_case *c)
{
	return c->message != NULL ? c->message : c->detail;
}
