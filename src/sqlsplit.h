/*
 * sqlsplit.h - split a SQL script into statements
 *
 * A script is cut at each ';' that is not inside a single-quoted string, a
 * double-quoted identifier, a "--" or C-style comment, or (in PostgreSQL
 * dialect) a dollar-quoted string such as $$...$$ or $fn$...$fn$.  Each
 * statement keeps the line it starts on, so errors can name file and line.
 * MySQL dialect follows the mysql client instead (see the last rule).
 *
 * A line comment "-- dbbench: expect-error" in the comments that come
 * before a statement marks that statement as one that must fail (a
 * constraint violation a test handles, say).
 *
 * The rules in detail:
 *
 * - Besides the quotes above, SQLite's [bracket] and `backtick` identifiers
 *   are skipped in SQLITE dialect, E'...' strings (backslash escapes) in
 *   POSTGRES dialect, and block comments nest in POSTGRES dialect only.  A
 *   '$' opens a dollar quote only when it does not continue a word (a$b is
 *   an identifier) and is followed by an optional tag [A-Za-z_][A-Za-z0-9_]*
 *   and another '$' ($1 is a parameter).
 * - A ';' inside a body does not end the statement: a SQLite CREATE TRIGGER
 *   ... BEGIN ... END (as sqlite3_complete() decides) or a PostgreSQL
 *   CREATE [OR REPLACE] FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END (as
 *   psql decides).
 * - A statement's text runs from its first to its last code byte (neither
 *   white space nor comment): comments before it, and between it and its
 *   ';', are left out; comments inside it are kept.  Its line is the line
 *   of its first code byte.  Lines are counted by '\n', so CRLF works.
 * - Statements with no code byte (";;", or only comments) are dropped, and
 *   so is input after the last ';' that holds only comments.
 * - The marker is a "--" comment holding exactly "dbbench: expect-error",
 *   with optional blanks after "--" and at the end.  It counts only between
 *   the previous statement's ';' (or the start of input) and the first code
 *   byte of the statement; one inside a statement is an ordinary comment.
 *   A marker followed by an empty statement is used up by it and does not
 *   carry over to the next statement; a marker after the last statement is
 *   ignored.
 * - Failures (DB_EUSAGE, "FILE:LINE: what", LINE being where the construct
 *   opens): an unterminated string literal, quoted identifier, block
 *   comment or dollar-quoted string, or a NUL byte anywhere.
 * - MYSQL dialect, as the mysql client and server read a script (with the
 *   default SQL mode: no ANSI_QUOTES, no NO_BACKSLASH_ESCAPES): '...' and
 *   "..." are both string literals, where a backslash escapes the next
 *   byte and a doubled quote stands for itself; `...` is an identifier
 *   (`` for a backtick, no backslash escapes); brackets quote nothing.
 *   '#' starts a line comment, and so does "--" when white space, a
 *   control byte or the end of input follows it (else it is two minus
 *   signs); block comments do not nest.  Executable comments, a slash-star
 *   followed by '!' or "M!" (mysqldump's version-gated code), are code,
 *   not comments: they stay in the text wherever they are and, as in the
 *   mysql client, the delimiter inside one ends the statement.  There is
 *   no body tracking: the delimiter, ';' at first, ends a statement
 *   wherever it stands outside strings, identifiers and comments, even
 *   glued to a word.  The client command DELIMITER changes it: the word
 *   DELIMITER (any case) at the start of a line but for blanks, before a
 *   statement's first code byte, followed by a blank or the end of the
 *   line; its argument is the next run of non-blank bytes, or what stands
 *   between a pair of ', " or ` on that line; the rest of the line is
 *   ignored, and the line is in no statement.  So "DELIMITER ;;" ...
 *   "END ;;" ... "DELIMITER ;" passes a CREATE TRIGGER or PROCEDURE with
 *   ';' in its body whole, as mysqldump writes it.  A "#" comment is not a
 *   marker.  More failures: a DELIMITER with no argument, an unterminated
 *   quoted one, one with a backslash or longer than 15 bytes (the mysql
 *   client's limit).
 */
#ifndef DBBENCH_SQLSPLIT_H
#define DBBENCH_SQLSPLIT_H

#include <stddef.h>

#include "error.h"

enum sql_dialect {
	SQL_DIALECT_SQLITE,   /* no dollar quoting */
	SQL_DIALECT_POSTGRES, /* $tag$ ... $tag$ strings */
	SQL_DIALECT_MYSQL,    /* backslash escapes, '#', DELIMITER */
};

struct sql_stmt {
	char *text;	   /* the statement without its ';', trimmed; owned */
	unsigned line;	   /* 1-based line where the statement starts */
	int expect_error;  /* 1 when marked "-- dbbench: expect-error" */
};

struct sql_script {
	struct sql_stmt *stmts; /* statements in order; owned */
	size_t n;		/* number of statements */
};

int sqlsplit(const char *src, size_t len, enum sql_dialect dialect,
    const char *filename, struct sql_script *out, struct db_error *err);
void sql_script_fini(struct sql_script *script);

#endif
