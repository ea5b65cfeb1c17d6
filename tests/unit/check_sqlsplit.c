/*
 * check_sqlsplit.c - unit tests of the SQL script splitter
 *
 * Every input is copied into a heap buffer of exactly its length, without a
 * NUL after it, before it is split, so that a sanitizer or valgrind catches
 * any read past the end.  The cases are adversarial: ';' hidden in every
 * kind of quote and comment, quotes that look like they close but do not,
 * every unterminated construct with the line it must be reported on, and
 * the rules of the expect-error marker as documented in sqlsplit.h.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sqlsplit.h"
#include "xmalloc.h"

#define PG SQL_DIALECT_POSTGRES
#define LITE SQL_DIALECT_SQLITE
#define MY SQL_DIALECT_MYSQL

static struct sql_script sc;
static struct db_error err;

static void
setup(void)
{
	memset(&sc, 0, sizeof sc);
	db_error_clear(&err);
}

static void
teardown(void)
{
	sql_script_fini(&sc);
}

/* Split len bytes of s, copied to a buffer that ends right after them. */
static int
split_len(const char *s, size_t len, enum sql_dialect d)
{
	char	*buf;
	int	 rc;

	sql_script_fini(&sc);
	db_error_clear(&err);
	buf = xmalloc(len == 0 ? 1 : len);
	memcpy(buf, s, len);
	rc = sqlsplit(buf, len, d, "t.sql", &sc, &err);
	free(buf);
	return rc;
}

static int
split(const char *s, enum sql_dialect d)
{
	return split_len(s, strlen(s), d);
}

/* Split s and require success with n statements. */
#define SPLIT_OK(s, d, count) do {					\
	ck_assert_int_eq(split((s), (d)), DB_OK);			\
	ck_assert_int_eq(err.code, DB_OK);				\
	ck_assert_uint_eq(sc.n, (count));				\
} while (0)

/* Split s and require failure with exactly this message. */
#define SPLIT_FAILS(s, d, message) do {					\
	ck_assert_int_eq(split((s), (d)), DB_EUSAGE);			\
	ck_assert_int_eq(err.code, DB_EUSAGE);				\
	ck_assert_str_eq(err.msg, (message));				\
	ck_assert_uint_eq(sc.n, 0);					\
	ck_assert_ptr_null(sc.stmts);					\
} while (0)

/* Statement k has this text, line and marker. */
#define STMT(k, t, l, x) do {						\
	ck_assert_uint_lt((k), sc.n);					\
	ck_assert_str_eq(sc.stmts[(k)].text, (t));			\
	ck_assert_uint_eq(sc.stmts[(k)].line, (l));			\
	ck_assert_int_eq(sc.stmts[(k)].expect_error, (x));		\
} while (0)

/* Basics: cutting, trimming, dropping empty statements. */

START_TEST(test_two_statements)
{
	SPLIT_OK("SELECT 1; SELECT 2;", LITE, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
}
END_TEST

START_TEST(test_trailing_without_semicolon)
{
	SPLIT_OK("SELECT 1;\nSELECT 2", LITE, 2);
	STMT(1, "SELECT 2", 2, 0);
	SPLIT_OK("SELECT 3", PG, 1);
	STMT(0, "SELECT 3", 1, 0);
}
END_TEST

START_TEST(test_trimmed)
{
	SPLIT_OK("  \n\t SELECT 1  \n ;\n", LITE, 1);
	STMT(0, "SELECT 1", 2, 0);
	SPLIT_OK("\f\vSELECT\n  1\n\t;", PG, 1);
	STMT(0, "SELECT\n  1", 1, 0);
}
END_TEST

START_TEST(test_empty_input)
{
	SPLIT_OK("", LITE, 0);
	ck_assert_ptr_null(sc.stmts);
	SPLIT_OK("", PG, 0);
	ck_assert_int_eq(sqlsplit(NULL, 0, PG, "t.sql", &sc, &err), DB_OK);
	ck_assert_uint_eq(sc.n, 0);
}
END_TEST

START_TEST(test_only_blank_and_comments)
{
	SPLIT_OK(" \n\t\r\n", LITE, 0);
	SPLIT_OK("-- a\n/* b; */\n-- c", LITE, 0);
	SPLIT_OK("-- a;\n/* /* b; */ */ -- c", PG, 0);
	SPLIT_OK(";;  ; \n;", PG, 0);
	SPLIT_OK("-- x\n;\n/* y */ ; -- z", LITE, 0);
}
END_TEST

START_TEST(test_empty_statements_dropped)
{
	SPLIT_OK(";SELECT 1;;;\n;SELECT 2;;", LITE, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT 2", 2, 0);
}
END_TEST

START_TEST(test_comments_in_text)
{
	/* Inside: kept.  Before and after: left out. */
	SPLIT_OK("SELECT 1 /* x; */ + 2;", LITE, 1);
	STMT(0, "SELECT 1 /* x; */ + 2", 1, 0);
	SPLIT_OK("SELECT 1 -- hi;\n, 2 -- there\n;", LITE, 1);
	STMT(0, "SELECT 1 -- hi;\n, 2", 1, 0);
	SPLIT_OK("SELECT 1 /* c */;", PG, 1);
	STMT(0, "SELECT 1", 1, 0);
	SPLIT_OK("-- c\n/* d\n*/ SELECT 1;", PG, 1);
	STMT(0, "SELECT 1", 3, 0);
}
END_TEST

START_TEST(test_comment_at_end_without_newline)
{
	SPLIT_OK("SELECT 1; -- done", LITE, 1);
	STMT(0, "SELECT 1", 1, 0);
	SPLIT_OK("SELECT 1 -- no newline", LITE, 1);
	STMT(0, "SELECT 1", 1, 0);
	SPLIT_OK("SELECT 1; /* x */", PG, 1);
	SPLIT_OK("SELECT 1 --", PG, 1);
	STMT(0, "SELECT 1", 1, 0);
}
END_TEST

START_TEST(test_crlf)
{
	SPLIT_OK("SELECT 1;\r\n\r\nSELECT\r\n 2;\r\n-- c\r\nSELECT 3\r\n",
	    LITE, 3);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT\r\n 2", 3, 0);
	STMT(2, "SELECT 3", 6, 0);
	SPLIT_OK("SELECT 'a\r\nb';\r\nSELECT 2;\r\n", PG, 2);
	STMT(1, "SELECT 2", 3, 0);
}
END_TEST

START_TEST(test_operators_not_comments)
{
	SPLIT_OK("SELECT 1-1; SELECT 2 - -1; SELECT 4/2; SELECT 3*/2", LITE,
	    4);
	STMT(0, "SELECT 1-1", 1, 0);
	STMT(1, "SELECT 2 - -1", 1, 0);
	STMT(2, "SELECT 4/2", 1, 0);
	STMT(3, "SELECT 3*/2", 1, 0);
	/* A lone '-' or '/' as the very last byte. */
	SPLIT_OK("SELECT 1 -", PG, 1);
	STMT(0, "SELECT 1 -", 1, 0);
	SPLIT_OK("SELECT 1 /", LITE, 1);
	STMT(0, "SELECT 1 /", 1, 0);
}
END_TEST

START_TEST(test_many_statements)
{
	char	*buf, *p;
	size_t	 k, n = 5000;

	buf = xmalloc(n * 16 + 1);
	p = buf;
	for (k = 0; k < n; k++)
		p += sprintf(p, "SELECT %zu;\n", k);
	SPLIT_OK(buf, PG, n);
	STMT(0, "SELECT 0", 1, 0);
	STMT(4999, "SELECT 4999", 5000, 0);
	free(buf);
}
END_TEST

/* Strings and quoted identifiers. */

START_TEST(test_semicolon_in_string)
{
	SPLIT_OK("SELECT 'a;b'; SELECT 2", LITE, 2);
	STMT(0, "SELECT 'a;b'", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
}
END_TEST

START_TEST(test_doubled_quote_escape)
{
	SPLIT_OK("SELECT 'it''s;'; SELECT ''''; SELECT 'x'''", PG, 3);
	STMT(0, "SELECT 'it''s;'", 1, 0);
	STMT(1, "SELECT ''''", 1, 0);
	STMT(2, "SELECT 'x'''", 1, 0);
	SPLIT_OK("SELECT '';SELECT 1", LITE, 2);
	STMT(0, "SELECT ''", 1, 0);
}
END_TEST

START_TEST(test_double_quoted_identifier)
{
	SPLIT_OK("SELECT \"a;\"\"b\" FROM t; SELECT \"it's\"; SELECT 3",
	    LITE, 3);
	STMT(0, "SELECT \"a;\"\"b\" FROM t", 1, 0);
	STMT(1, "SELECT \"it's\"", 1, 0);
	SPLIT_OK("SELECT \"--\", \"/*\"; SELECT 2", PG, 2);
	STMT(0, "SELECT \"--\", \"/*\"", 1, 0);
}
END_TEST

START_TEST(test_comment_starts_in_strings)
{
	SPLIT_OK("SELECT '--', '/*'; SELECT 2", PG, 2);
	STMT(0, "SELECT '--', '/*'", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
}
END_TEST

START_TEST(test_quotes_in_comments)
{
	SPLIT_OK("SELECT 1 -- it's\n; SELECT /* \"x */ 2; -- '\n", LITE, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT /* \"x */ 2", 2, 0);
}
END_TEST

START_TEST(test_backslash_is_not_an_escape)
{
	SPLIT_OK("SELECT 'a\\'; SELECT 2", LITE, 2);
	STMT(0, "SELECT 'a\\'", 1, 0);
	SPLIT_OK("SELECT 'a\\'; SELECT 2", PG, 2);
	SPLIT_OK("SELECT xe'a\\'; SELECT 2", PG, 2);
	STMT(0, "SELECT xe'a\\'", 1, 0);
}
END_TEST

START_TEST(test_postgres_escape_string)
{
	SPLIT_OK("SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 3", PG, 3);
	STMT(0, "SELECT E'a\\';b'", 1, 0);
	STMT(1, "SELECT e'\\\\'", 1, 0);
	STMT(2, "SELECT 3", 1, 0);
	/* An escaped newline still counts as a line. */
	SPLIT_OK("SELECT E'\\\n';\nSELECT 2", PG, 2);
	STMT(1, "SELECT 2", 3, 0);
	/* SQLite has no E'' strings: the quote after the backslash closes. */
	SPLIT_FAILS("SELECT E'a\\';b'; SELECT 2", LITE,
	    "t.sql:1: unterminated string literal");
}
END_TEST

START_TEST(test_sqlite_brackets)
{
	SPLIT_OK("SELECT [a;b] FROM t; SELECT [it's]; SELECT [\"]", LITE, 3);
	STMT(0, "SELECT [a;b] FROM t", 1, 0);
	STMT(1, "SELECT [it's]", 1, 0);
	STMT(2, "SELECT [\"]", 1, 0);
	/* No escape inside brackets: the first ']' closes. */
	SPLIT_OK("SELECT [a]];SELECT 2", LITE, 2);
	STMT(0, "SELECT [a]]", 1, 0);
	/* Not quotes in PostgreSQL. */
	SPLIT_OK("SELECT a[1]; SELECT ']'; SELECT [;", PG, 3);
	STMT(0, "SELECT a[1]", 1, 0);
	STMT(1, "SELECT ']'", 1, 0);
	STMT(2, "SELECT [", 1, 0);
}
END_TEST

START_TEST(test_sqlite_backticks)
{
	SPLIT_OK("SELECT `a;``b` FROM t; SELECT 2", LITE, 2);
	STMT(0, "SELECT `a;``b` FROM t", 1, 0);
	SPLIT_OK("SELECT `a; SELECT 2`", PG, 2);
	STMT(0, "SELECT `a", 1, 0);
	STMT(1, "SELECT 2`", 1, 0);
}
END_TEST

START_TEST(test_lines_after_multiline_strings)
{
	SPLIT_OK("SELECT 'a\nb\nc';\nSELECT 2;\n\n/* x\ny */ SELECT 3;\n"
	    "SELECT \"q\n\";SELECT [\n];SELECT `\n`; SELECT 4", LITE, 7);
	STMT(0, "SELECT 'a\nb\nc'", 1, 0);
	STMT(1, "SELECT 2", 4, 0);
	STMT(2, "SELECT 3", 7, 0);
	STMT(3, "SELECT \"q\n\"", 8, 0);
	STMT(4, "SELECT [\n]", 9, 0);
	STMT(5, "SELECT `\n`", 10, 0);
	STMT(6, "SELECT 4", 11, 0);
}
END_TEST

/* Dollar quotes. */

START_TEST(test_dollar_plain)
{
	SPLIT_OK("SELECT $$a;b$$; SELECT 2", PG, 2);
	STMT(0, "SELECT $$a;b$$", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
	SPLIT_OK("SELECT $$it's \"x -- /*$$;SELECT 2", PG, 2);
	STMT(0, "SELECT $$it's \"x -- /*$$", 1, 0);
}
END_TEST

START_TEST(test_dollar_tagged)
{
	SPLIT_OK("SELECT $fn$ a; $$ ; $fn$; SELECT 2", PG, 2);
	STMT(0, "SELECT $fn$ a; $$ ; $fn$", 1, 0);
	SPLIT_OK("SELECT $_t1$;$t1$;$_t1$; SELECT 2", PG, 2);
	STMT(0, "SELECT $_t1$;$t1$;$_t1$", 1, 0);
	/* Tags are case-sensitive. */
	SPLIT_OK("SELECT $A$ x; $a$ ; $A$; SELECT 2", PG, 2);
	STMT(0, "SELECT $A$ x; $a$ ; $A$", 1, 0);
}
END_TEST

START_TEST(test_dollar_nested)
{
	SPLIT_OK("CREATE FUNCTION f() RETURNS int AS $a$\nBEGIN\n"
	    "  PERFORM $b$ x; $a $b$;\n  RETURN 1;\nEND\n$a$ LANGUAGE plpgsql;"
	    "\nSELECT 2;", PG, 2);
	STMT(0, "CREATE FUNCTION f() RETURNS int AS $a$\nBEGIN\n"
	    "  PERFORM $b$ x; $a $b$;\n  RETURN 1;\nEND\n$a$ LANGUAGE plpgsql",
	    1, 0);
	STMT(1, "SELECT 2", 7, 0);
}
END_TEST

START_TEST(test_dollar_near_misses)
{
	/* Longer and shorter tags do not close; one after a word does. */
	SPLIT_OK("SELECT $ab$ ; $a$ ; $abc$ ; $ab $b$ ; x$ab$; SELECT 2",
	    PG, 2);
	STMT(0, "SELECT $ab$ ; $a$ ; $abc$ ; $ab $b$ ; x$ab$", 1, 0);
	/* "$ab$a$" holds the closing "$a$" at its second '$'. */
	SPLIT_OK("SELECT $a$ ; $ab$a$; SELECT 2", PG, 2);
	STMT(0, "SELECT $a$ ; $ab$a$", 1, 0);
	/* A quote can open right after one closes. */
	SPLIT_OK("SELECT $a$x$a$$b$y;$b$; SELECT 2", PG, 2);
	STMT(0, "SELECT $a$x$a$$b$y;$b$", 1, 0);
}
END_TEST

START_TEST(test_dollar_parameters)
{
	SPLIT_OK("SELECT $1; SELECT $2::int, $10;\nPREPARE p AS SELECT $1 + "
	    "$2; SELECT $1abc$; SELECT 5", PG, 5);
	STMT(0, "SELECT $1", 1, 0);
	STMT(1, "SELECT $2::int, $10", 1, 0);
	STMT(2, "PREPARE p AS SELECT $1 + $2", 2, 0);
	STMT(3, "SELECT $1abc$", 2, 0);
	STMT(4, "SELECT 5", 2, 0);
}
END_TEST

START_TEST(test_dollar_in_identifiers)
{
	SPLIT_OK("SELECT a$b; SELECT c$$d; SELECT e$x$ ; SELECT 4", PG, 4);
	STMT(0, "SELECT a$b", 1, 0);
	STMT(1, "SELECT c$$d", 1, 0);
	STMT(2, "SELECT e$x$", 1, 0);
	STMT(3, "SELECT 4", 1, 0);
}
END_TEST

START_TEST(test_dollar_at_end)
{
	SPLIT_OK("SELECT $", PG, 1);
	STMT(0, "SELECT $", 1, 0);
	SPLIT_OK("SELECT $a", PG, 1);
	STMT(0, "SELECT $a", 1, 0);
	SPLIT_OK("SELECT $a b$;", PG, 1);
	STMT(0, "SELECT $a b$", 1, 0);
	SPLIT_FAILS("SELECT $a$", PG,
	    "t.sql:1: unterminated dollar-quoted string");
	SPLIT_FAILS("SELECT $a$ $a", PG,
	    "t.sql:1: unterminated dollar-quoted string");
}
END_TEST

START_TEST(test_dollar_lines)
{
	SPLIT_OK("SELECT $$\n;\n;\n$$;\nSELECT 2;\nSELECT $t$\n$\n$t$;"
	    "SELECT 3", PG, 4);
	STMT(0, "SELECT $$\n;\n;\n$$", 1, 0);
	STMT(1, "SELECT 2", 5, 0);
	STMT(2, "SELECT $t$\n$\n$t$", 6, 0);
	STMT(3, "SELECT 3", 8, 0);
}
END_TEST

START_TEST(test_dollar_not_in_sqlite)
{
	SPLIT_OK("SELECT $$a;b$$", LITE, 2);
	STMT(0, "SELECT $$a", 1, 0);
	STMT(1, "b$$", 1, 0);
}
END_TEST

START_TEST(test_dollar_long_tag_linear)
{
	char	*buf, *p;
	size_t	 k, j, tag = 4000, reps = 200;

	/* $ttt...t$ then many "$ttt...t" that miss by one byte. */
	buf = xmalloc(tag * (reps + 4) + 64);
	p = buf;
	p += sprintf(p, "SELECT ");
	for (k = 0; k < 2; k++) {
		*p++ = '$';
		memset(p, 't', tag);
		p += tag;
		*p++ = '$';
		if (k == 1)
			break;
		for (j = 0; j < reps; j++) {
			*p++ = '$';
			memset(p, 't', tag - 1);
			p += tag - 1;
			*p++ = ';';
		}
	}
	p += sprintf(p, "; SELECT 2");
	SPLIT_OK(buf, PG, 2);
	STMT(1, "SELECT 2", 1, 0);
	ck_assert_uint_eq(strlen(sc.stmts[0].text),
	    (size_t)(p - buf) - strlen("; SELECT 2"));
	free(buf);
}
END_TEST

/* Comments. */

START_TEST(test_block_comment_semicolon)
{
	SPLIT_OK("SELECT /* ; */ 1; SELECT 2", LITE, 2);
	STMT(0, "SELECT /* ; */ 1", 1, 0);
	SPLIT_OK("/**/SELECT 1;/***/SELECT 2", LITE, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
}
END_TEST

START_TEST(test_block_comment_nesting)
{
	static const char *s = "SELECT /* a /* b; */ c; */ 1; SELECT 2";

	SPLIT_OK(s, PG, 2);
	STMT(0, "SELECT /* a /* b; */ c; */ 1", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
	/* SQLite does not nest: the first close ends the comment. */
	SPLIT_OK(s, LITE, 3);
	STMT(0, "SELECT /* a /* b; */ c", 1, 0);
	STMT(1, "*/ 1", 1, 0);
	STMT(2, "SELECT 2", 1, 0);
}
END_TEST

START_TEST(test_comment_inside_comment)
{
	SPLIT_OK("-- /* \nSELECT 1;\n/* -- */ SELECT 2;", PG, 2);
	STMT(0, "SELECT 1", 2, 0);
	STMT(1, "SELECT 2", 3, 0);
	SPLIT_OK("SELECT 1 /*\n\n*/ ; SELECT 2;", LITE, 2);
	STMT(1, "SELECT 2", 3, 0);
}
END_TEST

/* Errors: each unterminated construct, at the line where it opens. */

START_TEST(test_unterminated_string)
{
	SPLIT_FAILS("SELECT 1;\n\nSELECT 'abc;\nmore\n", LITE,
	    "t.sql:3: unterminated string literal");
	SPLIT_FAILS("SELECT 'abc''", PG,
	    "t.sql:1: unterminated string literal");
	SPLIT_FAILS("SELECT 1;\nSELECT E'a\\'", PG,
	    "t.sql:2: unterminated string literal");
	SPLIT_FAILS("'", LITE, "t.sql:1: unterminated string literal");
}
END_TEST

START_TEST(test_unterminated_identifier)
{
	SPLIT_FAILS("SELECT \"abc", PG,
	    "t.sql:1: unterminated quoted identifier");
	SPLIT_FAILS("SELECT 1;\n\"a\n\nb\"\"", LITE,
	    "t.sql:2: unterminated quoted identifier");
	SPLIT_FAILS("SELECT 1;\nSELECT [abc;\n", LITE,
	    "t.sql:2: unterminated quoted identifier");
	SPLIT_FAILS("\n\n\nSELECT `a``", LITE,
	    "t.sql:4: unterminated quoted identifier");
}
END_TEST

START_TEST(test_unterminated_block_comment)
{
	SPLIT_FAILS("SELECT 1;\n/*\n", LITE,
	    "t.sql:2: unterminated block comment");
	SPLIT_FAILS("/*/ SELECT 1;", PG,
	    "t.sql:1: unterminated block comment");
	/* Nesting leaves the outer comment open in PostgreSQL only. */
	SPLIT_FAILS("SELECT 1;\n/* a\n/* b */\nSELECT 2;", PG,
	    "t.sql:2: unterminated block comment");
	SPLIT_OK("SELECT 1;\n/* a\n/* b */\nSELECT 2;", LITE, 2);
	STMT(1, "SELECT 2", 4, 0);
}
END_TEST

START_TEST(test_unterminated_dollar)
{
	SPLIT_FAILS("SELECT 1;\nSELECT $$abc;\n", PG,
	    "t.sql:2: unterminated dollar-quoted string");
	SPLIT_FAILS("SELECT 'x\n';\n\nSELECT $fn$ a $fn; $FN$", PG,
	    "t.sql:4: unterminated dollar-quoted string");
}
END_TEST

START_TEST(test_nul_byte)
{
	static const char s1[] = "SELECT 1;\nSELECT '\0';";
	static const char s2[] = "SELECT 1; -- \0\n";
	static const char s3[] = "SELECT 1;\n\n\0";

	ck_assert_int_eq(split_len(s1, sizeof s1 - 1, LITE), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "t.sql:2: NUL byte in input");
	ck_assert_uint_eq(sc.n, 0);
	ck_assert_int_eq(split_len(s2, sizeof s2 - 1, PG), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "t.sql:1: NUL byte in input");
	ck_assert_int_eq(split_len(s3, sizeof s3 - 1, PG), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "t.sql:3: NUL byte in input");
	ck_assert_ptr_null(sc.stmts);
}
END_TEST

START_TEST(test_error_after_many_statements)
{
	/* Statements already split must be freed (the leak checkers see). */
	SPLIT_FAILS("SELECT 1;\nSELECT 2;\nSELECT 3;\nSELECT 4;\n"
	    "SELECT 5;\nSELECT 6;\nSELECT 7;\nSELECT 8;\nSELECT 9;\n"
	    "SELECT 10;\nSELECT 11;\nSELECT 12;\nSELECT 13;\nSELECT 14;\n"
	    "SELECT 15;\nSELECT 16;\nSELECT 17;\nSELECT '18;\n", LITE,
	    "t.sql:18: unterminated string literal");
}
END_TEST

START_TEST(test_error_names)
{
	struct sql_script	s;
	struct db_error		e;

	db_error_clear(&e);
	ck_assert_int_eq(sqlsplit("'", 1, LITE, NULL, &s, &e), DB_EUSAGE);
	ck_assert_str_eq(e.msg, "<input>:1: unterminated string literal");
	ck_assert_int_eq(sqlsplit("'", 1, LITE, "x.sql", &s, NULL),
	    DB_EUSAGE);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.stmts);
}
END_TEST

/* The expect-error marker. */

START_TEST(test_marker_basic)
{
	SPLIT_OK("-- dbbench: expect-error\nINSERT 1;\nINSERT 2;", LITE, 2);
	STMT(0, "INSERT 1", 2, 1);
	STMT(1, "INSERT 2", 3, 0);
}
END_TEST

START_TEST(test_marker_spacing)
{
	SPLIT_OK("--dbbench: expect-error\nA;\n--   dbbench: expect-error   \n"
	    "B;\n-- \tdbbench: expect-error\t\nC;\n-- dbbench: expect-error",
	    PG, 3);
	STMT(0, "A", 2, 1);
	STMT(1, "B", 4, 1);
	STMT(2, "C", 6, 1);
}
END_TEST

START_TEST(test_marker_near_misses)
{
	SPLIT_OK("-- dbbench: expect-errors\nA;\n"
	    "-- dbbench: expect error\nB;\n"
	    "-- DBBENCH: EXPECT-ERROR\nC;\n"
	    "-- note: dbbench: expect-error\nD;\n"
	    "/* dbbench: expect-error */\nE;\n"
	    "-- dbbench:expect-error\nF;\n"
	    "--- dbbench: expect-error\nG;\n", LITE, 7);
	STMT(0, "A", 2, 0);
	STMT(1, "B", 4, 0);
	STMT(2, "C", 6, 0);
	STMT(3, "D", 8, 0);
	STMT(4, "E", 10, 0);
	STMT(5, "F", 12, 0);
	STMT(6, "G", 14, 0);
}
END_TEST

START_TEST(test_marker_among_comments)
{
	SPLIT_OK("A;\n-- dbbench: expect-error\n-- other\n/* block\n*/\nB;",
	    LITE, 2);
	STMT(0, "A", 1, 0);
	STMT(1, "B", 6, 1);
	/* After the previous statement's ';' on the same line. */
	SPLIT_OK("A; -- dbbench: expect-error\nB;", PG, 2);
	STMT(0, "A", 1, 0);
	STMT(1, "B", 2, 1);
}
END_TEST

START_TEST(test_marker_inside_statement_ignored)
{
	SPLIT_OK("INSERT INTO t\n-- dbbench: expect-error\nVALUES (1);\nB;",
	    LITE, 2);
	STMT(0, "INSERT INTO t\n-- dbbench: expect-error\nVALUES (1)", 1,
	    0);
	STMT(1, "B", 4, 0);
	SPLIT_OK("A -- dbbench: expect-error\n; B;", PG, 2);
	STMT(0, "A", 1, 0);
	STMT(1, "B", 2, 0);
}
END_TEST

START_TEST(test_marker_does_not_leak)
{
	/* An empty statement uses the marker up. */
	SPLIT_OK("-- dbbench: expect-error\n;\nB;", LITE, 1);
	STMT(0, "B", 3, 0);
	SPLIT_OK("-- dbbench: expect-error\n/* x */ ; -- y\n;B;", PG, 1);
	STMT(0, "B", 3, 0);
	/* A marker after the last statement marks nothing. */
	SPLIT_OK("A;\n-- dbbench: expect-error\n", LITE, 1);
	STMT(0, "A", 1, 0);
}
END_TEST

START_TEST(test_marker_in_string_ignored)
{
	SPLIT_OK("SELECT '\n-- dbbench: expect-error\n';\nB;", LITE, 2);
	STMT(0, "SELECT '\n-- dbbench: expect-error\n'", 1, 0);
	STMT(1, "B", 4, 0);
	SPLIT_OK("/*\n-- dbbench: expect-error\n*/\nB;", PG, 1);
	STMT(0, "B", 4, 0);
}
END_TEST

START_TEST(test_marker_crlf)
{
	SPLIT_OK("-- dbbench: expect-error\r\nINSERT x;\r\nINSERT y;\r\n",
	    PG, 2);
	STMT(0, "INSERT x", 2, 1);
	STMT(1, "INSERT y", 3, 0);
}
END_TEST

/* Bodies with ';' inside: SQLite triggers, PostgreSQL BEGIN ATOMIC. */

START_TEST(test_sqlite_trigger)
{
	SPLIT_OK("CREATE TABLE t(a);\n"
	    "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
	    "  UPDATE t SET a = 1;\n  DELETE FROM t;\nEND;\nSELECT 1;", LITE,
	    3);
	STMT(0, "CREATE TABLE t(a)", 1, 0);
	STMT(1, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
	    "  UPDATE t SET a = 1;\n  DELETE FROM t;\nEND", 2, 0);
	STMT(2, "SELECT 1", 6, 0);
}
END_TEST

START_TEST(test_sqlite_trigger_variants)
{
	SPLIT_OK("create temp trigger tr after insert on t begin "
	    "select case when 1 then 2 end; end; SELECT 2", LITE, 2);
	STMT(0, "create temp trigger tr after insert on t begin "
	    "select case when 1 then 2 end; end", 1, 0);
	SPLIT_OK("EXPLAIN CREATE TEMPORARY TRIGGER x BEGIN SELECT 1; END;"
	    "SELECT 2", LITE, 2);
	STMT(1, "SELECT 2", 1, 0);
	/* Look-alike words and plain CREATE statements. */
	SPLIT_OK("CREATE TABLE trigger_log(end_at); CREATE TEMP TABLE x(a);"
	    "CREATE TABLE \"trigger\"(a); SELECT 4", LITE, 4);
	STMT(3, "SELECT 4", 1, 0);
	SPLIT_OK("BEGIN; SELECT 1; END;", LITE, 3);
	/* Not a trigger in PostgreSQL. */
	SPLIT_OK("CREATE TRIGGER tr BEGIN SELECT 1; END;", PG, 2);
}
END_TEST

START_TEST(test_postgres_begin_atomic)
{
	SPLIT_OK("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	    "  SELECT 1;\n  SELECT CASE WHEN true THEN 2 END;\nEND;\n"
	    "SELECT 3;", PG, 2);
	STMT(0, "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	    "  SELECT 1;\n  SELECT CASE WHEN true THEN 2 END;\nEND", 1, 0);
	STMT(1, "SELECT 3", 6, 0);
	SPLIT_OK("create or replace procedure p() language sql begin atomic "
	    "insert into t values (1); end; SELECT 1", PG, 2);
	STMT(1, "SELECT 1", 1, 0);
	/* BEGIN elsewhere, or inside parentheses, is not a body. */
	SPLIT_OK("BEGIN; SELECT 1; END;", PG, 3);
	SPLIT_OK("CREATE FUNCTION f(begin int) RETURNS int AS $$ SELECT 1; $$"
	    " LANGUAGE sql; SELECT 2", PG, 2);
	STMT(1, "SELECT 2", 1, 0);
	SPLIT_OK("CREATE TABLE f(a int); BEGIN; SELECT 2", PG, 3);
}
END_TEST

/* MySQL dialect: the rules of the mysql client and server. */

START_TEST(test_mysql_backslash_escapes)
{
	SPLIT_OK("INSERT INTO t VALUES ('it\\'s;', 'a\\\\');\nSELECT 2;", MY, 2);
	STMT(0, "INSERT INTO t VALUES ('it\\'s;', 'a\\\\')", 1, 0);
	STMT(1, "SELECT 2", 2, 0);
	/* doubled quotes still work, and "..." is a string too */
	SPLIT_OK("SELECT 'it''s;', \"say \\\"hi;\\\"\", \"a\"\";\";SELECT 2",
	    MY, 2);
	STMT(0, "SELECT 'it''s;', \"say \\\"hi;\\\"\", \"a\"\";\"", 1, 0);
	/* a backslash before the newline inside a string: lines still count */
	SPLIT_OK("SELECT 'a\\\nb;';\nSELECT 3;", MY, 2);
	STMT(1, "SELECT 3", 3, 0);
	/* SQLite reads the same bytes differently: 'a\' is whole there */
	SPLIT_OK("SELECT 'a\\'; SELECT 2;", LITE, 2);
	SPLIT_FAILS("SELECT 'a\\'; SELECT 2;", MY,
	    "t.sql:1: unterminated string literal");
}
END_TEST

START_TEST(test_mysql_backticks)
{
	SPLIT_OK("SELECT `a;``b` FROM `t;`; SELECT 2", MY, 2);
	STMT(0, "SELECT `a;``b` FROM `t;`", 1, 0);
	/* no backslash escapes in identifiers: `a\` is whole */
	SPLIT_OK("SELECT `a\\`; SELECT 2", MY, 2);
	STMT(0, "SELECT `a\\`", 1, 0);
	/* brackets are no identifiers in MySQL */
	SPLIT_OK("SELECT [a; SELECT b]", MY, 2);
	STMT(0, "SELECT [a", 1, 0);
	STMT(1, "SELECT b]", 1, 0);
}
END_TEST

START_TEST(test_mysql_hash_comments)
{
	SPLIT_OK("# a comment; with 'quote\nSELECT 1 # tail; 'x\n, 2;\n#end",
	    MY, 1);
	STMT(0, "SELECT 1 # tail; 'x\n, 2", 2, 0);
	/* '#' is no comment in the other dialects */
	SPLIT_OK("# a; b", LITE, 2);
	/* nor inside a string or identifier */
	SPLIT_OK("SELECT '#;', `#;`; SELECT 2", MY, 2);
	STMT(0, "SELECT '#;', `#;`", 1, 0);
}
END_TEST

START_TEST(test_mysql_double_dash)
{
	/* "--" then white space or a control byte: a comment */
	SPLIT_OK("SELECT 1 -- x;\n, 2;SELECT 2 --\t;\n, 3;"
	    "SELECT 3 --\x01;\n, 4;", MY, 3);
	STMT(0, "SELECT 1 -- x;\n, 2", 1, 0);
	STMT(1, "SELECT 2 --\t;\n, 3", 2, 0);
	STMT(2, "SELECT 3 --\x01;\n, 4", 3, 0);
	/* "--" at the end of a line or of the input */
	SPLIT_OK("SELECT 1 --\n;SELECT 2 --", MY, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT 2", 2, 0);
	/* "--" before anything else is two minus signs */
	SPLIT_OK("SELECT 5 --1; SELECT 6--x;", MY, 2);
	STMT(0, "SELECT 5 --1", 1, 0);
	STMT(1, "SELECT 6--x", 1, 0);
	/* while SQLite takes it as a comment */
	SPLIT_OK("SELECT 5 --1; SELECT 6\n;", LITE, 1);
}
END_TEST

START_TEST(test_mysql_block_comments)
{
	/* they do not nest: the first star-slash ends one */
	SPLIT_OK("/* a /* b */ SELECT 1; /* ; */ SELECT 2;", MY, 2);
	STMT(0, "SELECT 1", 1, 0);
	STMT(1, "SELECT 2", 1, 0);
	SPLIT_OK("SELECT 1 /* /* */ */;", MY, 1);
	STMT(0, "SELECT 1 /* /* */ */", 1, 0);
}
END_TEST

START_TEST(test_mysql_executable_comments)
{
	/* they hold code: kept in the text, even before the statement */
	SPLIT_OK("/*!40101 SET NAMES utf8mb4 */;\n/*M!100100 SET x=1 */;",
	    MY, 2);
	STMT(0, "/*!40101 SET NAMES utf8mb4 */", 1, 0);
	STMT(1, "/*M!100100 SET x=1 */", 2, 0);
	/* as in the mysql client, the delimiter inside one ends the
	 * statement */
	SPLIT_OK("SELECT 1 /*! ; SELECT 2 */;", MY, 2);
	STMT(0, "SELECT 1 /*!", 1, 0);
	STMT(1, "SELECT 2 */", 1, 0);
	/* quotes inside one are quotes */
	SPLIT_OK("SELECT 1 /*!50000 ';' */;", MY, 1);
	/* slash-star-M without '!' is a comment */
	SPLIT_OK("/*M ; */ SELECT 1;", MY, 1);
	STMT(0, "SELECT 1", 1, 0);
}
END_TEST

START_TEST(test_mysql_delimiter)
{
	const char *dump =
	    "DROP TRIGGER IF EXISTS t1;\n"
	    "DELIMITER ;;\n"
	    "CREATE TRIGGER t1 BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
	    "  SET NEW.x = 1;\n"
	    "  SET NEW.y = ';;';\n"
	    "END ;;\n"
	    "DELIMITER ;\n"
	    "SELECT 1;";

	SPLIT_OK(dump, MY, 3);
	STMT(0, "DROP TRIGGER IF EXISTS t1", 1, 0);
	STMT(1, "CREATE TRIGGER t1 BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
	    "  SET NEW.x = 1;\n  SET NEW.y = ';;';\nEND", 3, 0);
	STMT(2, "SELECT 1", 8, 0);
	/* any case, blanks around it, a delimiter glued to a word */
	SPLIT_OK("  delimiter\t$$  \nSELECT 1; SELECT 2$$\nDeLiMiTeR ;\n"
	    "SELECT 3;", MY, 2);
	STMT(0, "SELECT 1; SELECT 2", 2, 0);
	STMT(1, "SELECT 3", 4, 0);
	/* a quoted delimiter; the rest of the line is ignored */
	SPLIT_OK("DELIMITER '/ /' ignored\nSELECT 1/ /SELECT 2", MY, 2);
	STMT(0, "SELECT 1", 2, 0);
	/* the delimiter is not looked for in strings and comments */
	SPLIT_OK("DELIMITER //\nSELECT '//', `//` # //\n, 3 /* // */ //", MY,
	    1);
	STMT(0, "SELECT '//', `//` # //\n, 3", 2, 0);
	/* CRLF ends the argument */
	SPLIT_OK("DELIMITER $$\r\nSELECT 1;$$\r\n", MY, 1);
	STMT(0, "SELECT 1;", 2, 0);
	/* ';' without DELIMITER cuts a body, as the mysql client does */
	SPLIT_OK("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN "
	    "SET NEW.x = 1; END;", MY, 2);
}
END_TEST

START_TEST(test_mysql_delimiter_only_at_line_start)
{
	/* inside a statement, or after code on its line: just words */
	SPLIT_OK("SELECT 1\nDELIMITER $$\n;SELECT 2$$;", MY, 2);
	STMT(0, "SELECT 1\nDELIMITER $$", 1, 0);
	STMT(1, "SELECT 2$$", 3, 0);
	SPLIT_OK("SELECT 1; DELIMITER $$\nSELECT 2;", MY, 2);
	STMT(1, "DELIMITER $$\nSELECT 2", 1, 0);
	SPLIT_OK("/* c */ DELIMITER $$\n;", MY, 1);
	STMT(0, "DELIMITER $$", 1, 0);
	/* a longer word is not the command */
	SPLIT_OK("DELIMITERS $$;", MY, 1);
	STMT(0, "DELIMITERS $$", 1, 0);
	/* nor in the other dialects */
	SPLIT_OK("DELIMITER $$\nSELECT 1; SELECT 2$$", LITE, 2);
	STMT(0, "DELIMITER $$\nSELECT 1", 1, 0);
}
END_TEST

START_TEST(test_mysql_marker)
{
	SPLIT_OK("-- dbbench: expect-error\nINSERT 1;\n"
	    "# dbbench: expect-error\nINSERT 2;\n"
	    "--dbbench: expect-error\nINSERT 3;\n"
	    "-- dbbench: expect-error\nDELIMITER $$\nINSERT 4$$", MY, 4);
	STMT(0, "INSERT 1", 2, 1);
	/* '#' comments and "--" glued to text are no markers */
	STMT(1, "INSERT 2", 4, 0);
	STMT(2, "--dbbench: expect-error\nINSERT 3", 5, 0);
	/* a DELIMITER line between marker and statement keeps it */
	STMT(3, "INSERT 4", 9, 1);
}
END_TEST

START_TEST(test_mysql_errors)
{
	SPLIT_FAILS("SELECT 1;\nSELECT \"ab\\\"", MY,
	    "t.sql:2: unterminated string literal");
	SPLIT_FAILS("SELECT 1;\n\nSELECT `a``;\n", MY,
	    "t.sql:3: unterminated quoted identifier");
	SPLIT_FAILS("SELECT 1;\n/* a /* b */ */ /* c", MY,
	    "t.sql:2: unterminated block comment");
	SPLIT_FAILS("SELECT 1;\nDELIMITER\nSELECT 2;", MY,
	    "t.sql:2: DELIMITER must be followed by a delimiter");
	SPLIT_FAILS("DELIMITER   ", MY,
	    "t.sql:1: DELIMITER must be followed by a delimiter");
	SPLIT_FAILS("\nDELIMITER ''\n", MY,
	    "t.sql:2: DELIMITER must be followed by a delimiter");
	SPLIT_FAILS("DELIMITER 'ab\n'", MY,
	    "t.sql:1: unterminated quoted DELIMITER");
	SPLIT_FAILS("DELIMITER a\\b", MY,
	    "t.sql:1: DELIMITER cannot contain a backslash");
	SPLIT_FAILS("DELIMITER 0123456789abcdef", MY,
	    "t.sql:1: DELIMITER longer than 15 bytes");
	SPLIT_OK("DELIMITER 0123456789abcde\nSELECT 10123456789abcde", MY, 1);
	STMT(0, "SELECT 1", 2, 0);
	ck_assert_int_eq(split_len("SELECT 1;\n# x\0;", 15, MY), DB_EUSAGE);
	ck_assert_str_eq(err.msg, "t.sql:2: NUL byte in input");
}
END_TEST

/* sql_script_fini. */

START_TEST(test_fini_empty_and_twice)
{
	struct sql_script	s;

	memset(&s, 0, sizeof s);
	sql_script_fini(&s);
	sql_script_fini(NULL);
	ck_assert_int_eq(sqlsplit("A;B", 3, LITE, "x", &s, NULL), DB_OK);
	ck_assert_uint_eq(s.n, 2);
	sql_script_fini(&s);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.stmts);
	sql_script_fini(&s);
}
END_TEST

static Suite *
sqlsplit_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("sqlsplit");

	tc = tcase_create("basic");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_two_statements);
	tcase_add_test(tc, test_trailing_without_semicolon);
	tcase_add_test(tc, test_trimmed);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_only_blank_and_comments);
	tcase_add_test(tc, test_empty_statements_dropped);
	tcase_add_test(tc, test_comments_in_text);
	tcase_add_test(tc, test_comment_at_end_without_newline);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_operators_not_comments);
	tcase_add_test(tc, test_many_statements);
	suite_add_tcase(s, tc);

	tc = tcase_create("quotes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_semicolon_in_string);
	tcase_add_test(tc, test_doubled_quote_escape);
	tcase_add_test(tc, test_double_quoted_identifier);
	tcase_add_test(tc, test_comment_starts_in_strings);
	tcase_add_test(tc, test_quotes_in_comments);
	tcase_add_test(tc, test_backslash_is_not_an_escape);
	tcase_add_test(tc, test_postgres_escape_string);
	tcase_add_test(tc, test_sqlite_brackets);
	tcase_add_test(tc, test_sqlite_backticks);
	tcase_add_test(tc, test_lines_after_multiline_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("dollar");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dollar_plain);
	tcase_add_test(tc, test_dollar_tagged);
	tcase_add_test(tc, test_dollar_nested);
	tcase_add_test(tc, test_dollar_near_misses);
	tcase_add_test(tc, test_dollar_parameters);
	tcase_add_test(tc, test_dollar_in_identifiers);
	tcase_add_test(tc, test_dollar_at_end);
	tcase_add_test(tc, test_dollar_lines);
	tcase_add_test(tc, test_dollar_not_in_sqlite);
	tcase_add_test(tc, test_dollar_long_tag_linear);
	suite_add_tcase(s, tc);

	tc = tcase_create("comments");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_block_comment_semicolon);
	tcase_add_test(tc, test_block_comment_nesting);
	tcase_add_test(tc, test_comment_inside_comment);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unterminated_string);
	tcase_add_test(tc, test_unterminated_identifier);
	tcase_add_test(tc, test_unterminated_block_comment);
	tcase_add_test(tc, test_unterminated_dollar);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_error_after_many_statements);
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("marker");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_marker_basic);
	tcase_add_test(tc, test_marker_spacing);
	tcase_add_test(tc, test_marker_near_misses);
	tcase_add_test(tc, test_marker_among_comments);
	tcase_add_test(tc, test_marker_inside_statement_ignored);
	tcase_add_test(tc, test_marker_does_not_leak);
	tcase_add_test(tc, test_marker_in_string_ignored);
	tcase_add_test(tc, test_marker_crlf);
	suite_add_tcase(s, tc);

	tc = tcase_create("bodies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sqlite_trigger);
	tcase_add_test(tc, test_sqlite_trigger_variants);
	tcase_add_test(tc, test_postgres_begin_atomic);
	suite_add_tcase(s, tc);

	tc = tcase_create("mysql");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_mysql_backslash_escapes);
	tcase_add_test(tc, test_mysql_backticks);
	tcase_add_test(tc, test_mysql_hash_comments);
	tcase_add_test(tc, test_mysql_double_dash);
	tcase_add_test(tc, test_mysql_block_comments);
	tcase_add_test(tc, test_mysql_executable_comments);
	tcase_add_test(tc, test_mysql_delimiter);
	tcase_add_test(tc, test_mysql_delimiter_only_at_line_start);
	tcase_add_test(tc, test_mysql_marker);
	tcase_add_test(tc, test_mysql_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("script");
	tcase_add_test(tc, test_fini_empty_and_twice);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(sqlsplit_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
