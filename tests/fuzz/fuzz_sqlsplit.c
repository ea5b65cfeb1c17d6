/*
 * fuzz_sqlsplit.c - libFuzzer target for the statement splitter
 *
 * Splits the input in every dialect and checks what must always hold:
 * success or a DB_EUSAGE error with a "fuzz.sql:LINE: " message; no
 * statement empty; lines never decreasing and never past the input's last
 * line; every statement's text found in the input.  ASan and UBSan catch
 * the rest.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlsplit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned
count_lines(const uint8_t *data, size_t size)
{
	unsigned lines = 1;
	size_t i;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

static void
check(const uint8_t *data, size_t size, enum sql_dialect dialect)
{
	struct sql_script script;
	struct db_error err;
	unsigned last = 0, lines;
	size_t i;
	int rc;

	lines = count_lines(data, size);
	rc = sqlsplit((const char *)data, size, dialect, "fuzz.sql", &script,
	    &err);
	if (rc != DB_OK) {
		if (rc != DB_EUSAGE || strncmp(err.msg, "fuzz.sql:", 9) != 0)
			abort();
		return;
	}
	for (i = 0; i < script.n; i++) {
		if (script.stmts[i].text[0] == '\0' ||
		    script.stmts[i].line < last ||
		    script.stmts[i].line > lines ||
		    memmem(data, size, script.stmts[i].text,
			strlen(script.stmts[i].text)) == NULL)
			abort();
		last = script.stmts[i].line;
	}
	sql_script_fini(&script);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, SQL_DIALECT_SQLITE);
	check(data, size, SQL_DIALECT_POSTGRES);
	check(data, size, SQL_DIALECT_MYSQL);
	return 0;
}
