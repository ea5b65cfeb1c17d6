/*
 * check_junit.c - unit tests of the JUnit XML reader
 *
 * The formatters' own shapes (tests/data/junit: pytest, Maven Surefire,
 * gotestsum, jest-junit, rspec_junit_formatter, PHPUnit's nested suites,
 * and reports written by tests/suite/pyshop under pytest-xdist), counts
 * taken from the test cases against attributes that lie, and every way the
 * input can be bad, each with its one-line message.  Inputs from memory
 * are copied into a heap buffer of exactly their length, without a NUL
 * after them, so that a sanitizer or valgrind catches a read past the end.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "junit.h"
#include "xmalloc.h"

static struct junit_report rep;
static struct db_error err;

static void
setup(void)
{
	memset(&rep, 0, sizeof rep);
	db_error_clear(&err);
}

static void
teardown(void)
{
	junit_report_free(&rep);
}

static char *
data_path(const char *name)
{
	const char *dir = getenv("TESTS_DIR");

	return xasprintf("%s/data/junit/%s", dir != NULL ? dir : "tests",
	    name);
}

static int
read_data(const char *name)
{
	char *path = data_path(name);
	int rc;

	junit_report_free(&rep);
	db_error_clear(&err);
	rc = junit_read_file(path, &rep, &err);
	free(path);
	return rc;
}

/* Read s from a buffer that ends right after it. */
static int
read_text(const char *s)
{
	size_t len = strlen(s);
	char *buf = xmalloc(len == 0 ? 1 : len);
	int rc;

	memcpy(buf, s, len);
	junit_report_free(&rep);
	db_error_clear(&err);
	rc = junit_read_memory(buf, len, "r.xml", &rep, &err);
	free(buf);
	return rc;
}

/* The case of this name, or fail. */
static const struct junit_case *
find_case(const char *name)
{
	size_t i;

	for (i = 0; i < rep.ncases; i++)
		if (strcmp(rep.cases[i].name, name) == 0)
			return &rep.cases[i];
	ck_abort_msg("no test case named '%s'", name);
	return NULL;
}

#define COUNTS(t, f, e, s) do {						\
	ck_assert_uint_eq(rep.tests, (t));				\
	ck_assert_uint_eq(rep.failures, (f));				\
	ck_assert_uint_eq(rep.errors, (e));				\
	ck_assert_uint_eq(rep.skipped, (s));				\
	ck_assert_uint_eq(rep.ncases, (t));				\
} while (0)

/* Reading s fails with this status and exactly this message, and leaves
 * the report empty. */
#define TEXT_FAILS(s, status, message) do {				\
	ck_assert_int_eq(read_text(s), (status));			\
	ck_assert_int_eq(err.code, (status));				\
	ck_assert_str_eq(err.msg, (message));				\
	ck_assert_uint_eq(rep.ncases, 0);				\
	ck_assert_ptr_null(rep.cases);					\
} while (0)

START_TEST(test_pytest_shapes)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("pytest_shapes.xml"), DB_OK);
	/* 11 <testcase>s, one test written twice (failed, then an error in
	 * teardown): 10 tests, as pytest's own tests= says. */
	COUNTS(10, 2, 1, 2);
	ck_assert_int_eq(rep.declared_tests, 10);
	ck_assert_int_eq(rep.declared_errors, 2);
	c = find_case("test_shapes::test_passes");
	ck_assert_int_eq(c->outcome, JUNIT_PASSED);
	ck_assert_ptr_null(c->message);
	ck_assert_ptr_null(c->detail);
	ck_assert_ptr_null(junit_case_reason(c));
	ck_assert(c->seconds >= 0 && c->seconds < 1);
	c = find_case("test_shapes::test_fails");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_str_eq(c->message,
	    "AssertionError: lists differ assert [1, 2] == [1, 3] At index 1 "
	    "diff: 2 != 3 Use -v to get more diff");
	ck_assert_str_eq(c->detail, "def test_fails():");
	c = find_case("test_shapes::test_errors_in_setup");
	ck_assert_int_eq(c->outcome, JUNIT_ERROR);
	ck_assert_str_eq(c->message,
	    "failed on setup with \"RuntimeError: fixture exploded\"");
	c = find_case("test_shapes::test_fails_and_errors_in_teardown");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_str_eq(c->message, "assert 1 == 2");
	c = find_case("test_shapes::test_skipped");
	ck_assert_int_eq(c->outcome, JUNIT_SKIPPED);
	ck_assert_str_eq(c->message, "not on this platform");
	c = find_case("test_shapes::test_xfail");
	ck_assert_int_eq(c->outcome, JUNIT_SKIPPED);
	c = find_case("test_shapes::test_param[a&b<c>]");
	ck_assert_int_eq(c->outcome, JUNIT_PASSED);
	c = find_case("test_shapes.TestGroup::test_in_class");
	ck_assert_int_eq(c->outcome, JUNIT_PASSED);
	/* Document order is kept. */
	ck_assert_str_eq(rep.cases[0].name, "test_shapes::test_passes");
	ck_assert_str_eq(rep.cases[9].name,
	    "test_shapes.TestGroup::test_in_class");
}
END_TEST

START_TEST(test_surefire)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("surefire.xml"), DB_OK);
	COUNTS(5, 1, 1, 1);
	c = find_case("org.example.shop.OrderRepositoryTest::findsByCustomer");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_str_eq(c->message, "expected: <2> but was: <3>");
	ck_assert_double_eq_tol(c->seconds, 1230.001, 1e-9);
	c = find_case(
	    "org.example.shop.OrderRepositoryTest::rejectsDuplicateNumber");
	ck_assert_int_eq(c->outcome, JUNIT_ERROR);
	ck_assert_double_eq_tol(c->seconds, 0.021, 1e-12);
	c = find_case("org.example.shop.OrderRepositoryTest::archivesOldOrders");
	ck_assert_int_eq(c->outcome, JUNIT_SKIPPED);
	ck_assert_double_eq(c->seconds, 0);
	/* A flaky test that passed on a rerun passed. */
	c = find_case("org.example.shop.OrderRepositoryTest::countsOrders");
	ck_assert_int_eq(c->outcome, JUNIT_PASSED);
	ck_assert_ptr_null(c->message);
}
END_TEST

START_TEST(test_gotestsum)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("gotestsum.xml"), DB_OK);
	COUNTS(5, 1, 0, 1);
	ck_assert_int_eq(rep.declared_tests, 5);
	ck_assert_int_eq(rep.declared_skipped, -1);
	c = find_case("example.com/shop/store::TestOrderTotals");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_str_eq(c->message, "Failed");
	ck_assert_str_eq(c->detail, "=== RUN TestOrderTotals");
	ck_assert_double_eq_tol(c->seconds, 0.03, 1e-12);
	c = find_case("example.com/shop/store::TestOrderTotals/with_discount");
	ck_assert_int_eq(c->outcome, JUNIT_PASSED);
	c = find_case("example.com/shop/api::TestNeedsPostgres");
	ck_assert_int_eq(c->outcome, JUNIT_SKIPPED);
}
END_TEST

START_TEST(test_jest)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("jest.xml"), DB_OK);
	COUNTS(4, 1, 0, 1);
	c = find_case("Cart applies a coupon::Cart applies a coupon");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	/* jest-junit gives no message attribute: the text's first line. */
	ck_assert_ptr_null(c->message);
	ck_assert_str_eq(c->detail,
	    "Error: expect(received).toBe(expected) // Object.is equality");
	ck_assert_str_eq(junit_case_reason(c), c->detail);
	ck_assert_double_eq_tol(c->seconds, 0.011, 1e-12);
}
END_TEST

START_TEST(test_rspec)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("rspec.xml"), DB_OK);
	COUNTS(3, 1, 0, 1);
	c = find_case("spec.models.order_spec::Order totals its lines");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_str_eq(c->message,
	    "expected: 42 got: 41 (compared using ==)");
	ck_assert_str_eq(junit_case_reason(c), c->message);
	c = find_case("spec.models.order_spec::Order ships abroad");
	ck_assert_int_eq(c->outcome, JUNIT_SKIPPED);
}
END_TEST

/* An error outside any test: no test case shows it, the attribute does. */
START_TEST(test_rspec_error_outside_examples)
{
	ck_assert_int_eq(read_data("rspec_load_error.xml"), DB_OK);
	COUNTS(0, 0, 0, 0);
	ck_assert_int_eq(rep.declared_tests, 0);
	ck_assert_int_eq(rep.declared_errors, 1);
}
END_TEST

START_TEST(test_nested_suites)
{
	const struct junit_case *c;

	ck_assert_int_eq(read_data("nested.xml"), DB_OK);
	COUNTS(3, 1, 0, 0);
	c = find_case("Shop.Tests.CartTest::testPrices with data set #0");
	ck_assert_int_eq(c->outcome, JUNIT_FAILED);
	ck_assert_ptr_null(c->message);
	ck_assert_str_eq(c->detail,
	    "Shop\\Tests\\CartTest::testPrices with data set #0");
	find_case("Shop.Tests.UserTest::testCreates");
	/* The root says nothing, its one suite does. */
	ck_assert_int_eq(rep.declared_tests, 3);
}
END_TEST

/* The reports of tests/suite/pyshop with -n 2 under rollback and under
 * per-test: the same tests, with times, and one outcome differs. */
START_TEST(test_pyshop_xdist)
{
	struct junit_report rollback;
	const struct junit_case *c;
	size_t i, differ = 0;

	ck_assert_int_eq(read_data("pyshop_rollback_n2.xml"), DB_OK);
	rollback = rep;
	memset(&rep, 0, sizeof rep);
	ck_assert_uint_eq(rollback.failures, 1);
	ck_assert_uint_eq(rollback.errors + rollback.skipped, 0);
	ck_assert_int_eq(rollback.declared_tests, (long)rollback.tests);
	ck_assert_uint_ge(rollback.tests, 30);

	ck_assert_int_eq(read_data("pyshop_pertest_n2.xml"), DB_OK);
	COUNTS(rollback.tests, 0, 0, 0);
	for (i = 0; i < rollback.ncases; i++) {
		c = find_case(rollback.cases[i].name);
		ck_assert(c->seconds >= 0);
		ck_assert(rollback.cases[i].seconds >= 0);
		ck_assert_ptr_nonnull(strstr(c->name, "::test_"));
		if (c->outcome == rollback.cases[i].outcome)
			continue;
		differ++;
		ck_assert_str_eq(c->name,
		    "test_isolation::test_export_sees_committed_order");
		ck_assert_int_eq(rollback.cases[i].outcome, JUNIT_FAILED);
		ck_assert_ptr_nonnull(strstr(rollback.cases[i].message,
		    "committed but not in the export"));
	}
	ck_assert_uint_eq(differ, 1);
	junit_report_free(&rollback);
}
END_TEST

START_TEST(test_counts_from_cases_not_attributes)
{
	ck_assert_int_eq(read_text("<testsuite tests=\"99\" failures=\"0\" "
				   "errors=\"7\" skipped=\"x\">"
				   "<testcase name=\"a\"><failure/></testcase>"
				   "<testcase name=\"b\"/></testsuite>"),
	    DB_OK);
	COUNTS(2, 1, 0, 0);
	ck_assert_int_eq(rep.declared_tests, 99);
	ck_assert_int_eq(rep.declared_failures, 0);
	ck_assert_int_eq(rep.declared_errors, 7);
	ck_assert_int_eq(rep.declared_skipped, -1);
}
END_TEST

START_TEST(test_outcome_precedence)
{
	ck_assert_int_eq(read_text("<testsuites><testsuite name=\"s\">"
				   "<testcase name=\"a\"><skipped/>"
				   "<error message=\"e\"/></testcase>"
				   "<testcase name=\"b\"><error message=\"e\"/>"
				   "<failure message=\"f\"/></testcase>"
				   "<testcase name=\"c\"><system-out>x"
				   "</system-out><rerunFailure message=\"r\"/>"
				   "</testcase></testsuite></testsuites>"),
	    DB_OK);
	COUNTS(3, 1, 1, 0);
	ck_assert_int_eq(find_case("a")->outcome, JUNIT_ERROR);
	ck_assert_str_eq(find_case("b")->message, "f");
	ck_assert_int_eq(find_case("c")->outcome, JUNIT_PASSED);
}
END_TEST

/* A name repeated in one suite is one test; in two suites, two tests. */
START_TEST(test_repeated_names)
{
	ck_assert_int_eq(read_text("<testsuites>"
				   "<testsuite name=\"s1\">"
				   "<testcase classname=\"k\" name=\"a\" "
				   "time=\"1.5\"><failure message=\"f\"/>"
				   "</testcase>"
				   "<testcase classname=\"k\" name=\"b\"/>"
				   "<testcase classname=\"k\" name=\"a\" "
				   "time=\"0.25\"><error message=\"e\"/>"
				   "</testcase></testsuite>"
				   "<testsuite name=\"s2\">"
				   "<testcase classname=\"k\" name=\"a\"/>"
				   "</testsuite></testsuites>"),
	    DB_OK);
	COUNTS(3, 1, 0, 0);
	ck_assert_str_eq(rep.cases[0].name, "k::a");
	ck_assert_int_eq(rep.cases[0].outcome, JUNIT_FAILED);
	ck_assert_str_eq(rep.cases[0].message, "f");
	ck_assert_double_eq(rep.cases[0].seconds, 1.75);
	ck_assert_str_eq(rep.cases[1].name, "k::b");
	ck_assert_str_eq(rep.cases[2].name, "k::a");
	ck_assert_int_eq(rep.cases[2].outcome, JUNIT_PASSED);
	ck_assert_double_eq(rep.cases[2].seconds, -1);
}
END_TEST

/* Many cases, all distinct: the index of names grows without losing any. */
START_TEST(test_many_cases)
{
	char *doc = xstrdup("<testsuite>"), *next;
	int i;

	for (i = 0; i < 3000; i++) {
		next = xasprintf("%s<testcase name=\"t%d\"%s/>", doc, i,
		    i % 3 == 0 ? " time=\"0.5\"" : "");
		free(doc);
		doc = next;
	}
	next = xasprintf("%s<testcase name=\"t17\"><failure/></testcase>"
			 "</testsuite>",
	    doc);
	free(doc);
	ck_assert_int_eq(read_text(next), DB_OK);
	free(next);
	COUNTS(3000, 1, 0, 0);
	ck_assert_str_eq(rep.cases[2999].name, "t2999");
	ck_assert_int_eq(rep.cases[17].outcome, JUNIT_FAILED);
}
END_TEST

START_TEST(test_times)
{
	ck_assert_int_eq(read_text("<testsuite>"
				   "<testcase name=\"none\"/>"
				   "<testcase name=\"plain\" time=\"0.125\"/>"
				   "<testcase name=\"spaced\" time=\" 2 \"/>"
				   "<testcase name=\"thousands\" "
				   "time=\"1,234.5\"/>"
				   "<testcase name=\"exp\" time=\"1e-3\"/>"
				   "<testcase name=\"comma\" time=\"0,5\"/>"
				   "<testcase name=\"neg\" time=\"-1\"/>"
				   "<testcase name=\"nan\" time=\"nan\"/>"
				   "<testcase name=\"inf\" time=\"inf\"/>"
				   "<testcase name=\"hex\" time=\"0x10\"/>"
				   "<testcase name=\"huge\" time=\"1e999\"/>"
				   "<testcase name=\"empty\" time=\"\"/>"
				   "<testcase name=\"word\" time=\"fast\"/>"
				   "</testsuite>"),
	    DB_OK);
	ck_assert_double_eq(find_case("none")->seconds, -1);
	ck_assert_double_eq(find_case("plain")->seconds, 0.125);
	ck_assert_double_eq(find_case("spaced")->seconds, 2);
	ck_assert_double_eq(find_case("thousands")->seconds, 1234.5);
	ck_assert_double_eq_tol(find_case("exp")->seconds, 0.001, 1e-15);
	ck_assert_double_eq(find_case("comma")->seconds, -1);
	ck_assert_double_eq(find_case("neg")->seconds, -1);
	ck_assert_double_eq(find_case("nan")->seconds, -1);
	ck_assert_double_eq(find_case("inf")->seconds, -1);
	ck_assert_double_eq(find_case("hex")->seconds, -1);
	ck_assert_double_eq(find_case("huge")->seconds, -1);
	ck_assert_double_eq(find_case("empty")->seconds, -1);
	ck_assert_double_eq(find_case("word")->seconds, -1);
}
END_TEST

/* Names and messages come out on one line; an empty classname is none. */
START_TEST(test_names_one_line)
{
	ck_assert_int_eq(read_text("<testsuite><testcase classname=\"\" "
				   "name=\"a&#10;b&#9;c\"/>"
				   "<testcase classname=\" k \" name=\"n\">"
				   "<failure message=\"  two&#10;&#10;lines  "
				   "\">\n\n  first  line \nsecond</failure>"
				   "</testcase></testsuite>"),
	    DB_OK);
	ck_assert_str_eq(rep.cases[0].name, "a b c");
	ck_assert_str_eq(rep.cases[1].name, "k ::n");
	ck_assert_str_eq(rep.cases[1].message, "two lines");
	ck_assert_str_eq(rep.cases[1].detail, "first line");
}
END_TEST

/* A long message is cut at 1000 bytes, at a character boundary. */
START_TEST(test_long_message_cut_at_character)
{
	char *doc, *msg = xmalloc(2 * 700 + 2);
	size_t i, len;

	msg[0] = 'x'; /* so that 2-byte characters straddle byte 1000 */
	for (i = 0; i < 700; i++)
		memcpy(msg + 1 + 2 * i, "\xc3\xa9", 2);
	msg[1 + 2 * 700] = '\0';
	doc = xasprintf("<testsuite><testcase name=\"n\"><error message=\"%s\""
			"/></testcase></testsuite>",
	    msg);
	ck_assert_int_eq(read_text(doc), DB_OK);
	len = strlen(rep.cases[0].message);
	ck_assert_uint_eq(len, 999);
	ck_assert_int_eq(memcmp(rep.cases[0].message, msg, len), 0);
	free(doc);
	free(msg);
}
END_TEST

START_TEST(test_empty_suites)
{
	ck_assert_int_eq(read_text("<testsuites/>"), DB_OK);
	COUNTS(0, 0, 0, 0);
	ck_assert_int_eq(rep.declared_tests, -1);
	ck_assert_int_eq(read_text("<?xml version=\"1.0\"?>\n<testsuites>"
				   "<testsuite name=\"pytest\" tests=\"0\"/>"
				   "</testsuites>\n"),
	    DB_OK);
	COUNTS(0, 0, 0, 0);
	ck_assert_int_eq(rep.declared_tests, 0);
}
END_TEST

START_TEST(test_other_encoding)
{
	ck_assert_int_eq(read_text("<?xml version=\"1.0\" "
				   "encoding=\"ISO-8859-1\"?><testsuite>"
				   "<testcase name=\"caf\xe9\"/></testsuite>"),
	    DB_OK);
	ck_assert_str_eq(rep.cases[0].name, "caf\xc3\xa9");
}
END_TEST

START_TEST(test_bad_text)
{
	TEXT_FAILS("", DB_EUSAGE, "r.xml: empty, not a JUnit report");
	TEXT_FAILS("   \n", DB_EUSAGE,
	    "r.xml: malformed XML at line 2: Start tag expected, '<' not "
	    "found");
	TEXT_FAILS("<testsuite><testcase name=\"a\"></testsuite>", DB_EUSAGE,
	    "r.xml: malformed XML at line 1: Premature end of data in tag "
	    "testsuite line 1");
	TEXT_FAILS("<testsuite>\n<testcase name=\"a\">\n</testsuit>", DB_EUSAGE,
	    "r.xml: malformed XML at line 3: Premature end of data in tag "
	    "testsuite line 1");
	TEXT_FAILS("{\"tests\": 3}", DB_EUSAGE,
	    "r.xml: malformed XML at line 1: Start tag expected, '<' not "
	    "found");
	TEXT_FAILS("<testsuite/><testsuite/>", DB_EUSAGE,
	    "r.xml: malformed XML at line 1: Extra content at the end of the "
	    "document");
	TEXT_FAILS("<html><body/></html>", DB_EUSAGE,
	    "r.xml: not a JUnit report: the root element is <html>, not "
	    "<testsuites> or <testsuite>");
	TEXT_FAILS("<testcase name=\"a\"/>", DB_EUSAGE,
	    "r.xml: not a JUnit report: the root element is <testcase>, not "
	    "<testsuites> or <testsuite>");
	TEXT_FAILS("<testsuites>\n<testsuite>\n<testcase classname=\"k\"/>"
		   "</testsuite></testsuites>",
	    DB_EUSAGE, "r.xml: line 3: a <testcase> without a name attribute");
}
END_TEST

/* No DTD of any kind: no entity is expanded, nothing is fetched. */
START_TEST(test_doctype_refused)
{
	TEXT_FAILS("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
		   "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		   "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		   "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		   "]>\n<testsuite><testcase name=\"&d;\"/></testsuite>",
	    DB_EUSAGE, "r.xml: a DOCTYPE is not allowed in a JUnit report");
	TEXT_FAILS("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
		   "<!ENTITY s SYSTEM \"file:///etc/passwd\">]>\n"
		   "<testsuite><testcase name=\"x\"><failure message=\"&s;\"/>"
		   "</testcase></testsuite>",
	    DB_EUSAGE, "r.xml: a DOCTYPE is not allowed in a JUnit report");
	TEXT_FAILS("<!DOCTYPE testsuite SYSTEM \"http://127.0.0.1:9/x.dtd\">"
		   "<testsuite/>",
	    DB_EUSAGE, "r.xml: a DOCTYPE is not allowed in a JUnit report");
	/* An undeclared entity is an error, not a lookup. */
	TEXT_FAILS("<testsuite><testcase name=\"&x;\"/></testsuite>", DB_EUSAGE,
	    "r.xml: malformed XML at line 1: Entity 'x' not defined");
}
END_TEST

/* "<!DOCTYPE" inside text is text. */
START_TEST(test_doctype_in_text_is_text)
{
	ck_assert_int_eq(read_text("<testsuite><testcase name=\"a\"><failure>"
				   "<![CDATA[<!DOCTYPE html><html/>]]>"
				   "</failure></testcase></testsuite>"),
	    DB_OK);
	ck_assert_str_eq(rep.cases[0].detail, "<!DOCTYPE html><html/>");
}
END_TEST

START_TEST(test_files)
{
	char path[] = "/tmp/check_junit_XXXXXX";
	char *missing = data_path("no-such-report.xml"), *expect;
	int fd;

	ck_assert_int_eq(junit_read_file(missing, &rep, &err), DB_EIO);
	expect = xasprintf("%s: cannot read: No such file or directory",
	    missing);
	ck_assert_str_eq(err.msg, expect);
	free(expect);
	free(missing);

	ck_assert_int_eq(junit_read_file("/", &rep, &err), DB_EIO);
	ck_assert_str_eq(err.msg, "/: is a directory, not a JUnit report");

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(junit_read_file(path, &rep, &err), DB_EUSAGE);
	expect = xasprintf("%s: empty file, not a JUnit report", path);
	ck_assert_str_eq(err.msg, expect);
	free(expect);

	/* One byte over the limit: refused before it is read. */
	ck_assert_int_eq(ftruncate(fd, (off_t)JUNIT_MAX_BYTES + 1), 0);
	ck_assert_int_eq(junit_read_file(path, &rep, &err), DB_EUSAGE);
	expect = xasprintf("%s: larger than 64 MiB, not read as a JUnit "
			   "report",
	    path);
	ck_assert_str_eq(err.msg, expect);
	free(expect);
	ck_assert_uint_eq(rep.ncases, 0);

	ck_assert_int_eq(ftruncate(fd, 0), 0);
	ck_assert_int_eq(write(fd, "<testsuite>", 11), 11);
	ck_assert_int_eq(junit_read_file(path, &rep, &err), DB_EUSAGE);
	expect = xasprintf("%s: malformed XML at line 1: Premature end of "
			   "data in tag testsuite line 1",
	    path);
	ck_assert_str_eq(err.msg, expect);
	free(expect);
	close(fd);
	unlink(path);
}
END_TEST

START_TEST(test_free_and_names)
{
	junit_report_free(NULL);
	junit_report_free(&rep);
	junit_report_free(&rep);
	ck_assert_str_eq(junit_outcome_name(JUNIT_PASSED), "passed");
	ck_assert_str_eq(junit_outcome_name(JUNIT_FAILED), "failed");
	ck_assert_str_eq(junit_outcome_name(JUNIT_ERROR), "error");
	ck_assert_str_eq(junit_outcome_name(JUNIT_SKIPPED), "skipped");
}
END_TEST

static Suite *
junit_suite(void)
{
	Suite *s = suite_create("junit");
	TCase *tc;

	tc = tcase_create("formatters");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pytest_shapes);
	tcase_add_test(tc, test_surefire);
	tcase_add_test(tc, test_gotestsum);
	tcase_add_test(tc, test_jest);
	tcase_add_test(tc, test_rspec);
	tcase_add_test(tc, test_rspec_error_outside_examples);
	tcase_add_test(tc, test_nested_suites);
	tcase_add_test(tc, test_pyshop_xdist);
	suite_add_tcase(s, tc);

	tc = tcase_create("reading");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_counts_from_cases_not_attributes);
	tcase_add_test(tc, test_outcome_precedence);
	tcase_add_test(tc, test_repeated_names);
	tcase_add_test(tc, test_many_cases);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_names_one_line);
	tcase_add_test(tc, test_long_message_cut_at_character);
	tcase_add_test(tc, test_empty_suites);
	tcase_add_test(tc, test_other_encoding);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad input");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bad_text);
	tcase_add_test(tc, test_doctype_refused);
	tcase_add_test(tc, test_doctype_in_text_is_text);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_free_and_names);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(junit_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
