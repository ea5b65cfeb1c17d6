/*
 * sqlsplit.c - split a SQL script into statements
 *
 * One forward pass over the bytes, never reading past len: the input comes
 * from a file read by length and need not be NUL-terminated.  The scanner
 * knows only what it takes to find the ';' that ends a statement: quoted
 * strings and identifiers, comments, dollar quotes (PostgreSQL), bracket and
 * backtick identifiers (SQLite), and words, which it needs for two things.
 * A word "E" right before a quote opens a PostgreSQL escape string, where a
 * backslash escapes the next byte.  And a few keywords tell when a ';' is
 * inside a body: a SQLite CREATE TRIGGER ... BEGIN ... END (the automaton of
 * sqlite3_complete()) or a PostgreSQL CREATE FUNCTION/PROCEDURE with a
 * BEGIN ATOMIC ... END body (the heuristic of psql).
 *
 * A statement's text runs from its first to its last code byte, a code byte
 * being one that is neither white space nor part of a comment, so comments
 * before the statement and between its end and the ';' are not in the text;
 * comments inside it are kept.  Every construct is scanned once and each
 * byte is looked at a bounded number of times, so the cost is O(len); see
 * scan_dollar() for the one place where that needs an argument.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sqlsplit.h"
#include "xmalloc.h"

#define SQLSPLIT_MARKER "dbbench: expect-error"
/* The longest delimiter the mysql client keeps (its buffer holds 16). */
#define SQLSPLIT_DELIM_MAX 15

/* Token classes and states of the SQLite trigger automaton. */
enum {
	LITE_TK_SEMI,
	LITE_TK_OTHER,
	LITE_TK_EXPLAIN,
	LITE_TK_CREATE,
	LITE_TK_TEMP,
	LITE_TK_TRIGGER,
	LITE_TK_END,
};
enum {
	LITE_START,
	LITE_NORMAL,
	LITE_EXPLAIN,
	LITE_CREATE,
	LITE_TRIGGER, /* inside CREATE TRIGGER: ';' does not end it */
	LITE_SEMI,    /* after a ';' inside a trigger */
	LITE_END,     /* after END following a ';': next ';' ends it */
};

/*
 * The transitions of sqlite3_complete() (white space and comments are
 * self-loops there, so they are not fed here).
 */
static const unsigned char sqlsplit_lite_trans[7][7] = {
	/* SEMI OTHER EXPLAIN CREATE TEMP TRIGGER END */
	{ LITE_START, LITE_NORMAL, LITE_EXPLAIN, LITE_CREATE, LITE_NORMAL,
	  LITE_NORMAL, LITE_NORMAL },			/* START */
	{ LITE_START, LITE_NORMAL, LITE_NORMAL, LITE_NORMAL, LITE_NORMAL,
	  LITE_NORMAL, LITE_NORMAL },			/* NORMAL */
	{ LITE_START, LITE_EXPLAIN, LITE_NORMAL, LITE_CREATE, LITE_NORMAL,
	  LITE_NORMAL, LITE_NORMAL },			/* EXPLAIN */
	{ LITE_START, LITE_NORMAL, LITE_NORMAL, LITE_NORMAL, LITE_CREATE,
	  LITE_TRIGGER, LITE_NORMAL },			/* CREATE */
	{ LITE_SEMI, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER,
	  LITE_TRIGGER, LITE_TRIGGER },			/* TRIGGER */
	{ LITE_SEMI, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER,
	  LITE_TRIGGER, LITE_END },			/* SEMI */
	{ LITE_START, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER, LITE_TRIGGER,
	  LITE_TRIGGER, LITE_TRIGGER },			/* END */
};

struct sqlsplit_state {
	const char *src;
	size_t len;
	enum sql_dialect dialect;
	const char *filename;
	struct db_error *err;

	struct sql_script script; /* being built */
	size_t cap;		  /* slots in script.stmts */

	size_t i;		  /* next byte to look at */
	unsigned line;		  /* line of src[i] */

	int started;		  /* a code byte was seen */
	size_t start;		  /* first code byte */
	unsigned start_line;
	size_t end;		  /* one past the last code byte */
	int marked;		  /* marker seen before start */

	int lite;		  /* SQLite automaton state */
	unsigned pg_words;	  /* words seen, up to 4 (psql heuristic) */
	char pg_first[4];	  /* initials of the first words */
	unsigned pg_begin;	  /* BEGIN ... END depth */
	unsigned pg_paren;	  /* parenthesis depth */

	char delim[SQLSPLIT_DELIM_MAX + 1]; /* MySQL: what ends a statement */
	size_t delim_len;
};

static int
sqlsplit_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* A byte that can start a word: a letter, '_', a digit or a non-ASCII. */
static int
sqlsplit_is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* A byte that can start a dollar-quote tag: [A-Za-z_]. */
static int
sqlsplit_is_tag_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
sqlsplit_is_tag_cont(unsigned char c)
{
	return sqlsplit_is_tag_start(c) || (c >= '0' && c <= '9');
}

/* Case-insensitive comparison of a word with a lower-case keyword. */
static int
sqlsplit_word_is(const char *w, size_t n, const char *kw)
{
	size_t	k;
	char	c;

	for (k = 0; k < n; k++) {
		if (kw[k] == '\0')
			return 0;
		c = w[k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != kw[k])
			return 0;
	}
	return kw[n] == '\0';
}

/* Record an error at the given line; the message names the file. */
static int
sqlsplit_fail(struct sqlsplit_state *st, unsigned line, const char *what)
{
	return db_error_set(st->err, DB_EUSAGE, "%s:%u: %s", st->filename,
	    line, what);
}

/* Forget everything about the statement being read. */
static void
sqlsplit_reset_stmt(struct sqlsplit_state *st)
{
	st->started = 0;
	st->marked = 0;
	st->lite = LITE_START;
	st->pg_words = 0;
	memset(st->pg_first, 0, sizeof st->pg_first);
	st->pg_begin = 0;
	st->pg_paren = 0;
}

/*
 * Note the code bytes src[from] .. src[to - 1]: the first one starts the
 * statement when none has, and to becomes the end of its text.
 */
static void
sqlsplit_code(struct sqlsplit_state *st, size_t from, unsigned from_line,
    size_t to)
{
	if (!st->started) {
		st->started = 1;
		st->start = from;
		st->start_line = from_line;
	}
	st->end = to;
}

/* Feed a token to the SQLite trigger automaton. */
static void
sqlsplit_lite_feed(struct sqlsplit_state *st, int tk)
{
	if (st->dialect == SQL_DIALECT_SQLITE)
		st->lite = sqlsplit_lite_trans[st->lite][tk];
}

/*
 * Feed a word to the keyword trackers.  For SQLite that is the automaton
 * above.  For PostgreSQL it is psql's heuristic: once the statement starts
 * with CREATE [OR REPLACE] FUNCTION or PROCEDURE, BEGIN and END outside
 * parentheses nest (and CASE too once inside a BEGIN), and a ';' at depth
 * greater than zero does not end the statement.
 */
static void
sqlsplit_word(struct sqlsplit_state *st, const char *w, size_t n)
{
	int	tk;
	char	*f;

	if (st->dialect == SQL_DIALECT_SQLITE) {
		if (sqlsplit_word_is(w, n, "create"))
			tk = LITE_TK_CREATE;
		else if (sqlsplit_word_is(w, n, "temp") ||
		    sqlsplit_word_is(w, n, "temporary"))
			tk = LITE_TK_TEMP;
		else if (sqlsplit_word_is(w, n, "trigger"))
			tk = LITE_TK_TRIGGER;
		else if (sqlsplit_word_is(w, n, "end"))
			tk = LITE_TK_END;
		else if (sqlsplit_word_is(w, n, "explain"))
			tk = LITE_TK_EXPLAIN;
		else
			tk = LITE_TK_OTHER;
		sqlsplit_lite_feed(st, tk);
		return;
	}

	/* Numbers are not identifiers for psql. */
	if (w[0] >= '0' && w[0] <= '9')
		return;
	if (st->pg_words < sizeof st->pg_first &&
	    (sqlsplit_word_is(w, n, "create") ||
	    sqlsplit_word_is(w, n, "function") ||
	    sqlsplit_word_is(w, n, "procedure") ||
	    sqlsplit_word_is(w, n, "or") ||
	    sqlsplit_word_is(w, n, "replace")))
		st->pg_first[st->pg_words] = (char)(w[0] | 0x20);
	if (st->pg_words < sizeof st->pg_first)
		st->pg_words++;
	f = st->pg_first;
	if (f[0] != 'c' || st->pg_paren != 0)
		return;
	if (f[1] != 'f' && f[1] != 'p' &&
	    !(f[1] == 'o' && f[2] == 'r' && (f[3] == 'f' || f[3] == 'p')))
		return;
	if (sqlsplit_word_is(w, n, "begin"))
		st->pg_begin++;
	else if (sqlsplit_word_is(w, n, "case")) {
		if (st->pg_begin > 0)
			st->pg_begin++;
	} else if (sqlsplit_word_is(w, n, "end")) {
		if (st->pg_begin > 0)
			st->pg_begin--;
	}
}

/*
 * Is the line comment whose text (after "--") is c[0] .. c[n - 1] the
 * expect-error marker?  Blanks may come before and after it.
 */
static int
sqlsplit_is_marker(const char *c, size_t n)
{
	size_t	k, mlen;

	mlen = strlen(SQLSPLIT_MARKER);
	for (k = 0; k < n && (c[k] == ' ' || c[k] == '\t'); k++)
		;
	if (n - k < mlen || memcmp(c + k, SQLSPLIT_MARKER, mlen) != 0)
		return 0;
	for (k += mlen; k < n; k++)
		if (c[k] != ' ' && c[k] != '\t' && c[k] != '\r')
			return 0;
	return 1;
}

/*
 * Skip a line comment at st->i, opened by opener bytes ("--", or MySQL's
 * '#'), up to, not including, the newline.  A "--" marker before the
 * statement's first code byte marks the statement.
 */
static void
sqlsplit_line_comment(struct sqlsplit_state *st, size_t opener)
{
	const char	*nl;
	size_t		 body, stop;

	body = st->i + opener;
	nl = memchr(st->src + body, '\n', st->len - body);
	stop = nl == NULL ? st->len : (size_t)(nl - st->src);
	if (!st->started && opener == 2 &&
	    sqlsplit_is_marker(st->src + body, stop - body))
		st->marked = 1;
	st->i = stop;
}

/*
 * Skip a block comment at st->i, nested in PostgreSQL only.  Fails when
 * the input ends inside it, naming the line of its opening.
 */
static int
sqlsplit_block_comment(struct sqlsplit_state *st)
{
	const char	*s = st->src;
	size_t		 j, depth;
	unsigned	 line0;

	line0 = st->line;
	depth = 1;
	j = st->i + 2;
	while (j < st->len) {
		if (s[j] == '*' && j + 1 < st->len && s[j + 1] == '/') {
			j += 2;
			depth--;
			if (depth == 0) {
				st->i = j;
				return DB_OK;
			}
		} else if (s[j] == '/' && j + 1 < st->len && s[j + 1] == '*' &&
		    st->dialect == SQL_DIALECT_POSTGRES) {
			depth++;
			j += 2;
		} else {
			if (s[j] == '\n')
				st->line++;
			j++;
		}
	}
	return sqlsplit_fail(st, line0, "unterminated block comment");
}

/*
 * Skip a quoted string or identifier opened by the byte at st->i and closed
 * by close; a doubled close stands for itself when doubled is set, and a
 * backslash escapes the next byte when backslash is set (PostgreSQL E'').
 * Fails with what when the input ends first.
 */
static int
sqlsplit_quoted(struct sqlsplit_state *st, char close, int doubled,
    int backslash, const char *what)
{
	const char	*s = st->src;
	size_t		 j;
	unsigned	 line0;

	line0 = st->line;
	j = st->i + 1;
	while (j < st->len) {
		if (s[j] == close) {
			if (doubled && j + 1 < st->len && s[j + 1] == close) {
				j += 2;
				continue;
			}
			st->i = j + 1;
			return DB_OK;
		}
		if (backslash && s[j] == '\\' && j + 1 < st->len) {
			j++;
		}
		if (s[j] == '\n')
			st->line++;
		j++;
	}
	return sqlsplit_fail(st, line0, what);
}

/*
 * At a '$' that does not continue a word, in PostgreSQL: if it opens a
 * dollar quote ($$ or $tag$), skip the quoted string and return 1; if it
 * does not ($1, a lone '$'), leave st->i alone and return 0.  Returns a
 * negative status when the quote is not closed.
 *
 * Finding the closing $tag$ compares the tag at every '$' of the body.
 * That is still linear: a comparison only goes on while the body matches
 * the tag, which holds no '$', so the bytes compared from two different
 * '$' never overlap beyond the one that stops the comparison.
 */
static int
sqlsplit_dollar(struct sqlsplit_state *st)
{
	const char	*s = st->src, *p;
	size_t		 j, tag, taglen, k;
	unsigned	 line0;

	tag = st->i + 1;
	j = tag;
	if (j < st->len && sqlsplit_is_tag_start((unsigned char)s[j])) {
		while (j < st->len && sqlsplit_is_tag_cont((unsigned char)s[j]))
			j++;
	}
	if (j >= st->len || s[j] != '$')
		return 0;
	taglen = j - tag;
	line0 = st->line;
	j++;
	for (;;) {
		p = memchr(s + j, '$', st->len - j);
		if (p == NULL)
			break;
		for (; j < (size_t)(p - s); j++)
			if (s[j] == '\n')
				st->line++;
		/* j is at a '$': does "$tag$" start here? */
		for (k = 0; k < taglen && j + 1 + k < st->len; k++)
			if (s[j + 1 + k] != s[tag + k])
				break;
		if (k == taglen && j + 1 + k < st->len &&
		    s[j + 1 + k] == '$') {
			st->i = j + taglen + 2;
			return 1;
		}
		j++;
	}
	return sqlsplit_fail(st, line0, "unterminated dollar-quoted string");
}

/* Append the statement read so far, if any, and start a new one. */
static void
sqlsplit_finish(struct sqlsplit_state *st)
{
	struct sql_stmt	*stmt;
	size_t		 n;

	if (st->started) {
		if (st->script.n == st->cap) {
			st->cap = st->cap == 0 ? 16 : st->cap * 2;
			st->script.stmts = xreallocarray(st->script.stmts,
			    st->cap, sizeof *st->script.stmts);
		}
		n = st->end - st->start;
		stmt = &st->script.stmts[st->script.n++];
		stmt->text = xmalloc(n + 1);
		memcpy(stmt->text, st->src + st->start, n);
		stmt->text[n] = '\0';
		stmt->line = st->start_line;
		stmt->expect_error = st->marked;
	}
	sqlsplit_reset_stmt(st);
}

/* Does the ';' at st->i end the statement, or is it inside a body? */
static int
sqlsplit_semi_ends(struct sqlsplit_state *st)
{
	if (st->dialect == SQL_DIALECT_SQLITE)
		return st->lite != LITE_TRIGGER && st->lite != LITE_SEMI;
	return st->pg_begin == 0;
}

/*
 * MySQL: is the byte at st->i the first of a line, but for blanks?  Looks
 * back over blanks only, so the cost stays linear.
 */
static int
sqlsplit_my_line_start(const struct sqlsplit_state *st)
{
	size_t	k;

	for (k = st->i; k > 0; k--) {
		if (st->src[k - 1] == '\n')
			return 1;
		if (!sqlsplit_is_space((unsigned char)st->src[k - 1]))
			return 0;
	}
	return 1;
}

/* MySQL: does "DELIMITER" and a blank or the end of a line start at st->i? */
static int
sqlsplit_my_is_delimiter_cmd(const struct sqlsplit_state *st)
{
	const size_t	 n = sizeof "delimiter" - 1;
	size_t		 j = st->i + n;

	if (st->len - st->i < n ||
	    !sqlsplit_word_is(st->src + st->i, n, "delimiter"))
		return 0;
	return j == st->len || st->src[j] == ' ' || st->src[j] == '\t' ||
	    st->src[j] == '\r' || st->src[j] == '\n';
}

/*
 * MySQL: read the client command "DELIMITER xx" at st->i, as the mysql
 * client does: the argument is the next run of non-blank bytes, or what
 * stands between a pair of ', " or ` quotes; the rest of the line is
 * ignored.  Leaves st->i at the end of the line.
 */
static int
sqlsplit_my_delimiter(struct sqlsplit_state *st)
{
	const char	*s = st->src;
	size_t		 j, arg, end;
	char		 q;

	j = st->i + sizeof "delimiter" - 1;
	while (j < st->len && (s[j] == ' ' || s[j] == '\t'))
		j++;
	q = j < st->len ? s[j] : '\0';
	if (q == '\'' || q == '"' || q == '`') {
		arg = ++j;
		while (j < st->len && s[j] != q && s[j] != '\n')
			j++;
		if (j == st->len || s[j] != q)
			return sqlsplit_fail(st, st->line,
			    "unterminated quoted DELIMITER");
		end = j;
	} else {
		arg = j;
		while (j < st->len && !sqlsplit_is_space((unsigned char)s[j]))
			j++;
		end = j;
	}
	if (end == arg)
		return sqlsplit_fail(st, st->line,
		    "DELIMITER must be followed by a delimiter");
	if (memchr(s + arg, '\\', end - arg) != NULL)
		return sqlsplit_fail(st, st->line,
		    "DELIMITER cannot contain a backslash");
	if (end - arg > SQLSPLIT_DELIM_MAX)
		return sqlsplit_fail(st, st->line,
		    "DELIMITER longer than 15 bytes");
	memcpy(st->delim, s + arg, end - arg);
	st->delim_len = end - arg;
	while (j < st->len && s[j] != '\n')
		j++;
	st->i = j;
	return DB_OK;
}

/* MySQL: does a comment start at st->i, and how many bytes open it? */
static size_t
sqlsplit_my_comment(const struct sqlsplit_state *st)
{
	const char	*s = st->src + st->i;
	size_t		 left = st->len - st->i;
	unsigned char	 c3;

	if (s[0] == '#')
		return 1;
	if (left >= 2 && s[0] == '-' && s[1] == '-') {
		/* "--" then white space, a control byte or the end */
		c3 = left >= 3 ? (unsigned char)s[2] : ' ';
		return c3 <= ' ' || c3 == 0x7f ? 2 : 0;
	}
	if (left >= 2 && s[0] == '/' && s[1] == '*') {
		/* executable comments, slash-star-! and -M!, hold code */
		if ((left >= 3 && s[2] == '!') ||
		    (left >= 4 && s[2] == 'M' && s[3] == '!'))
			return 0;
		return 2;
	}
	return 0;
}

/*
 * The scanner for MySQL, as the mysql client splits a script: the
 * delimiter (';' until a DELIMITER command changes it) ends a statement
 * wherever it stands outside a string, identifier or comment, even inside
 * a word or an executable comment; nothing else does.
 */
static int
sqlsplit_scan_mysql(struct sqlsplit_state *st)
{
	const char	*s = st->src;
	size_t		 from, opener;
	unsigned	 line0;
	unsigned char	 c;
	int		 rc;

	memcpy(st->delim, ";", 2);
	st->delim_len = 1;
	while (st->i < st->len) {
		c = (unsigned char)s[st->i];
		from = st->i;
		line0 = st->line;

		if (c == (unsigned char)st->delim[0] &&
		    st->len - st->i >= st->delim_len &&
		    memcmp(s + st->i, st->delim, st->delim_len) == 0) {
			sqlsplit_finish(st);
			st->i += st->delim_len;
			continue;
		}
		if (sqlsplit_is_space(c)) {
			if (c == '\n')
				st->line++;
			st->i++;
			continue;
		}
		if (!st->started && (c == 'D' || c == 'd') &&
		    sqlsplit_my_is_delimiter_cmd(st) &&
		    sqlsplit_my_line_start(st)) {
			rc = sqlsplit_my_delimiter(st);
			if (rc != DB_OK)
				return rc;
			continue;
		}
		opener = sqlsplit_my_comment(st);
		if (opener == 2 && c == '/') {
			rc = sqlsplit_block_comment(st);
			if (rc != DB_OK)
				return rc;
			continue;
		}
		if (opener > 0) {
			sqlsplit_line_comment(st, opener);
			continue;
		}
		if (c == '\'' || c == '"')
			rc = sqlsplit_quoted(st, (char)c, 1, 1,
			    "unterminated string literal");
		else if (c == '`')
			rc = sqlsplit_quoted(st, '`', 1, 0,
			    "unterminated quoted identifier");
		else {
			rc = DB_OK;
			st->i++;
		}
		if (rc != DB_OK)
			return rc;
		sqlsplit_code(st, from, line0, st->i);
	}
	sqlsplit_finish(st);
	return DB_OK;
}

/* The scanner proper; the caller owns st and cleans up on failure. */
static int
sqlsplit_scan(struct sqlsplit_state *st)
{
	const char	*s = st->src;
	const char	*nul;
	size_t		 from, k;
	unsigned	 line0;
	unsigned char	 c;
	int		 rc, pg;

	pg = st->dialect == SQL_DIALECT_POSTGRES;
	nul = st->len > 0 ? memchr(s, '\0', st->len) : NULL;
	if (nul != NULL) {
		line0 = 1;
		for (k = 0; k < (size_t)(nul - s); k++)
			if (s[k] == '\n')
				line0++;
		return sqlsplit_fail(st, line0, "NUL byte in input");
	}
	if (st->dialect == SQL_DIALECT_MYSQL)
		return sqlsplit_scan_mysql(st);

	while (st->i < st->len) {
		c = (unsigned char)s[st->i];
		from = st->i;
		line0 = st->line;

		if (sqlsplit_is_space(c)) {
			if (c == '\n')
				st->line++;
			st->i++;
			continue;
		}
		if (c == '-' && from + 1 < st->len && s[from + 1] == '-') {
			sqlsplit_line_comment(st, 2);
			continue;
		}
		if (c == '/' && from + 1 < st->len && s[from + 1] == '*') {
			rc = sqlsplit_block_comment(st);
			if (rc != DB_OK)
				return rc;
			continue;
		}
		if (c == ';') {
			if (sqlsplit_semi_ends(st)) {
				sqlsplit_finish(st);
				st->i++;
				continue;
			}
			sqlsplit_lite_feed(st, LITE_TK_SEMI);
			st->i++;
			sqlsplit_code(st, from, line0, st->i);
			continue;
		}

		if (sqlsplit_is_word(c)) {
			while (st->i < st->len &&
			    (sqlsplit_is_word((unsigned char)s[st->i]) ||
			    s[st->i] == '$'))
				st->i++;
			sqlsplit_word(st, s + from, st->i - from);
			/* E'...' is a PostgreSQL escape string. */
			if (pg && st->i - from == 1 && (c == 'E' || c == 'e') &&
			    st->i < st->len && s[st->i] == '\'') {
				rc = sqlsplit_quoted(st, '\'', 1, 1,
				    "unterminated string literal");
				if (rc != DB_OK)
					return rc;
			}
		} else if (c == '\'') {
			rc = sqlsplit_quoted(st, '\'', 1, 0,
			    "unterminated string literal");
			if (rc != DB_OK)
				return rc;
			sqlsplit_lite_feed(st, LITE_TK_OTHER);
		} else if (c == '"') {
			rc = sqlsplit_quoted(st, '"', 1, 0,
			    "unterminated quoted identifier");
			if (rc != DB_OK)
				return rc;
			sqlsplit_lite_feed(st, LITE_TK_OTHER);
		} else if (!pg && c == '`') {
			rc = sqlsplit_quoted(st, '`', 1, 0,
			    "unterminated quoted identifier");
			if (rc != DB_OK)
				return rc;
			sqlsplit_lite_feed(st, LITE_TK_OTHER);
		} else if (st->dialect == SQL_DIALECT_SQLITE && c == '[') {
			rc = sqlsplit_quoted(st, ']', 0, 0,
			    "unterminated quoted identifier");
			if (rc != DB_OK)
				return rc;
			sqlsplit_lite_feed(st, LITE_TK_OTHER);
		} else if (pg && c == '$') {
			rc = sqlsplit_dollar(st);
			if (rc < 0)
				return rc;
			if (rc == 0)
				st->i++;
		} else {
			if (c == '(')
				st->pg_paren++;
			else if (c == ')' && st->pg_paren > 0)
				st->pg_paren--;
			sqlsplit_lite_feed(st, LITE_TK_OTHER);
			st->i++;
		}
		sqlsplit_code(st, from, line0, st->i);
	}
	sqlsplit_finish(st);
	return DB_OK;
}

/*
 * Split src[0] .. src[len - 1] into statements.  src need not be
 * NUL-terminated and is not read past len.  filename (NULL reads as
 * "<input>") only names the input in messages.  On success *out holds the
 * statements, owned by the caller who frees them with sql_script_fini(); a
 * script holding no statement at all is not an error here.  On failure,
 * returns DB_EUSAGE with "FILE:LINE: what" in err, LINE being where the
 * unterminated construct (or the NUL byte) is, and leaves *out empty.
 * Whatever *out held before is overwritten, not freed.
 */
int
sqlsplit(const char *src, size_t len, enum sql_dialect dialect,
    const char *filename, struct sql_script *out, struct db_error *err)
{
	struct sqlsplit_state	st;
	int			rc;

	out->stmts = NULL;
	out->n = 0;
	memset(&st, 0, sizeof st);
	st.src = src;
	st.len = src == NULL ? 0 : len;
	st.dialect = dialect;
	st.filename = filename == NULL ? "<input>" : filename;
	st.err = err;
	st.line = 1;
	sqlsplit_reset_stmt(&st);

	rc = sqlsplit_scan(&st);
	if (rc != DB_OK) {
		sql_script_fini(&st.script);
		return rc;
	}
	*out = st.script;
	return DB_OK;
}

/* Free the statements of a script and leave it empty; safe to repeat. */
void
sql_script_fini(struct sql_script *script)
{
	size_t	k;

	if (script == NULL)
		return;
	for (k = 0; k < script->n; k++)
		free(script->stmts[k].text);
	free(script->stmts);
	script->stmts = NULL;
	script->n = 0;
}
