#!/bin/sh
# dialect_mysql.sh - workload files in MySQL's own dialect against a real
# MariaDB server
#
# The mysqldialect workload (backslash-escaped quotes, '#' comments,
# executable comments, a trigger between DELIMITER commands, as mysqldump
# writes them) runs under every strategy, each protocol: every test passes
# and the trigger fires (its tests fail when it does not: one expects its
# error, one counts the rows it priced), under template too, whose copy
# replays triggers; and the mysqlcopy workload, whose tests each rely on a
# trigger, a view on a view, a function or a generated column, passes under
# every strategy.  A bad DELIMITER in a schema is one line naming file and
# line, and exit 2; a schema.sql for another database says to add
# schema.mysql.sql.
# Starts its own throwaway server through with_server.sh.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_MYSQL_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_server.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

"$DBBENCH" list | grep -qx '  mysql' || skip "this dbbench was built without MySQL"
need_python3
DSN=$DBBENCH_MYSQL_DSN
WL=$TESTS_DIR/data/mysqldialect

no_leftovers() {
	left=$(my_leftovers)
	[ -z "$left" ] || fail "$1: scratch databases left behind: $left"
	pass
}

# 1. Every strategy, both protocols.
all=$(strategies ,)
for protocol in prepared simple; do
	"$DBBENCH" --no-validate -b mysql --dsn "$DSN" --protocol "$protocol" \
		-w "$WL" -s "$all" --rounds 2 --warmup 0 -f json \
		-o "$TMP/run.json" 2>"$TMP/err" ||
		fail "run ($protocol) failed: $(cat "$TMP/err")"
	got=$(json_get "$TMP/run.json" 'sorted(c["strategy"] for c in j["cells"] if c["tests_run"] > 0)')
	[ "$got" = "$(strategies_pylist)" ] ||
		fail "run ($protocol): cells that ran tests: $got"
	[ "$(json_get "$TMP/run.json" 'j["failures"]')" = "[]" ] ||
		fail "run ($protocol): failures: $(json_get "$TMP/run.json" 'j["failures"]')"
	no_leftovers "run ($protocol)"
done

# 1b. What a template copy carries besides tables and rows.
"$DBBENCH" --no-validate -b mysql --dsn "$DSN" -w "$TESTS_DIR/data/mysqlcopy" \
	-s "$all" --rounds 2 --warmup 0 -f json -o "$TMP/copy.json" \
	2>"$TMP/err" || fail "mysqlcopy failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/copy.json" '[(c["strategy"], c["tests_run"] > 0, c["failed"]) for c in j["cells"] if c["strategy"] == "template"]')" = \
	"[('template', True, 0)]" ] && [ "$(json_get "$TMP/copy.json" 'j["failures"]')" = "[]" ] ||
	fail "mysqlcopy: failures: $(json_get "$TMP/copy.json" 'j["failures"]')"
no_leftovers "mysqlcopy"

# 2. The same files split by SQLite's rules do not load (the backslash
# escapes of the seed): what 1 checks depends on MySQL's.
mkdir "$TMP/asis"
cp -R "$WL/tests" "$WL/seed.sql" "$TMP/asis/"
cp "$WL/schema.mysql.sql" "$TMP/asis/schema.sql"
expect_error 2 "seed.sql:4: unterminated string literal$" \
	--no-validate -b sqlite -w "$TMP/asis" -s rollback --rounds 1

# 3. Bad DELIMITER commands: one line, FILE:LINE, exit 2, nothing left.
mkdir -p "$TMP/bad/tests"
printf 'SELECT 1;\n' >"$TMP/bad/tests/01.sql"
printf 'CREATE TABLE t (a int);\nDELIMITER\nSELECT 1;\n' >"$TMP/bad/schema.mysql.sql"
cp "$TMP/bad/schema.mysql.sql" "$TMP/bad/schema.sql"
expect_error 2 "schema.mysql.sql:2: DELIMITER must be followed by a delimiter$" \
	--no-validate -b mysql --dsn "$DSN" -w "$TMP/bad" -s rollback --rounds 1
printf 'DELIMITER $$\nCREATE TABLE t (a int)$$\nSELECT "a\\"$$\n' >"$TMP/bad/schema.mysql.sql"
expect_error 2 "schema.mysql.sql:3: unterminated string literal$" \
	--no-validate -b mysql --dsn "$DSN" -w "$TMP/bad" -s rollback --rounds 1
no_leftovers "bad DELIMITER"

# 4. A plain schema.sql MySQL rejects, in a folder with schema.postgres.sql
# or in PostgreSQL's words: the error says to add schema.mysql.sql.
mkdir -p "$TMP/lite/tests"
printf 'SELECT 1;\n' >"$TMP/lite/tests/01.sql"
printf 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n' >"$TMP/lite/schema.sql"
expect_error 1 "schema.sql:1: mysql: You have an error in your SQL syntax.* at line 1$" \
	--no-validate -b mysql --dsn "$DSN" -w "$TMP/lite" -s rollback --rounds 1
printf 'CREATE TABLE t (id serial PRIMARY KEY);\n' >"$TMP/lite/schema.postgres.sql"
expect_error 1 "schema.sql:1: mysql: You have an error in your SQL syntax.* \(schema.sql is not MySQL.s and the folder has schema.postgres.sql: add schema.mysql.sql for MySQL, or use -b postgres\)$" \
	--no-validate -b mysql --dsn "$DSN" -w "$TMP/lite" -s rollback --rounds 1
rm "$TMP/lite/schema.postgres.sql"
printf 'CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n' >"$TMP/lite/schema.sql"
expect_error 1 "schema.sql:1: mysql: You have an error in your SQL syntax.* \(schema.sql looks written for another database: add schema.mysql.sql for MySQL, or use -b postgres\)$" \
	--no-validate -b mysql --dsn "$DSN" -w "$TMP/lite" -s rollback --rounds 1
no_leftovers "foreign schema"

done_ok
