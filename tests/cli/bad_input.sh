#!/bin/sh
# bad_input.sh - bad arguments and bad workloads: one line on stderr, the
# documented exit status, nothing on stdout, no file written
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# Usage errors: exit 2.
expect_error 2 "unknown option '--frobnicate'" --frobnicate
expect_error 2 "unknown command 'explode'" explode
expect_error 2 "--sqlite-memstatus: unknown setting 'maybe' \(available: library, on, off\)" --sqlite-memstatus maybe
expect_error 2 "unknown backend 'oracle' \(available: sqlite" --backend oracle
expect_error 2 "unknown strategy 'teleport'" --strategy teleport
expect_error 2 "unknown format 'yaml'" --format yaml
expect_error 2 "'ten' is not a whole number" --tests ten
expect_error 2 "--tests: 0 is out of range" --tests 0
expect_error 2 "--tests: '-3' is not a whole number" --tests -3
expect_error 2 "out of range" --tests 99999999999999999999
expect_error 2 "--rounds: 0 is out of range" --rounds 0
expect_error 2 "--target-ci: 'x' is not a number" --target-ci x
expect_error 2 "--max-time: 0 is out of range" --max-time 0
expect_error 2 "needs a value" --workload

# Workloads: exit 2, naming the workload, file and line.
expect_error 2 "workload 'nope': no such workload or folder" --workload nope
expect_error 2 "no such workload or folder" --workload "$TMP/missing"

mkdir -p "$TMP/noschema/tests"
echo "SELECT 1;" >"$TMP/noschema/tests/01.sql"
expect_error 2 "missing schema.sql" --workload "$TMP/noschema"

mkdir -p "$TMP/notests"
echo "CREATE TABLE t (x);" >"$TMP/notests/schema.sql"
expect_error 2 "tests" --workload "$TMP/notests"

mkdir -p "$TMP/emptytests/tests"
echo "CREATE TABLE t (x);" >"$TMP/emptytests/schema.sql"
expect_error 2 "tests" --workload "$TMP/emptytests"

mkdir -p "$TMP/unterminated/tests"
echo "CREATE TABLE t (x);" >"$TMP/unterminated/schema.sql"
printf "SELECT 1;\n\nINSERT INTO t VALUES ('oops);\n" >"$TMP/unterminated/tests/01.sql"
expect_error 2 "tests/01.sql:3: unterminated" --workload "$TMP/unterminated"

mkdir -p "$TMP/comment/tests"
echo "CREATE TABLE t (x);" >"$TMP/comment/schema.sql"
printf "SELECT 1; /* never closed\n" >"$TMP/comment/tests/01.sql"
expect_error 2 "tests/01.sql:1: unterminated" --workload "$TMP/comment"

mkdir -p "$TMP/dirtest/tests/02.sql"
echo "CREATE TABLE t (x);" >"$TMP/dirtest/schema.sql"
echo "SELECT 1;" >"$TMP/dirtest/tests/01.sql"
expect_error 2 "02.sql" --workload "$TMP/dirtest"

# An existing SQLite file is never overwritten or removed.
echo "precious" >"$TMP/existing.db"
expect_error 2 "exists" --sqlite-path "$TMP/existing.db"
[ "$(cat "$TMP/existing.db")" = precious ] || fail "existing file changed"

# Runtime errors: exit 1.  A schema the backend rejects names file and line.
mkdir -p "$TMP/badschema/tests"
printf "CREATE TABLE t (x);\nCREATE TABLE oops oops oops;\n" >"$TMP/badschema/schema.sql"
echo "SELECT 1;" >"$TMP/badschema/tests/01.sql"
expect_error 1 "schema.sql:2: sqlite: .*syntax error" --workload "$TMP/badschema" --rounds 1
expect_error 1 "sqlite: open .*unable to open" --sqlite-path "$TMP/no/such/dir/x.db" --rounds 1

# A failing test body is reported and the run goes on (exit 0) ...
mkdir -p "$TMP/failing/tests"
echo "CREATE TABLE t (x NOT NULL);" >"$TMP/failing/schema.sql"
echo "INSERT INTO t VALUES (1);" >"$TMP/failing/tests/01-ok.sql"
printf "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (NULL);\n" >"$TMP/failing/tests/02-bad.sql"
"$DBBENCH" --workload "$TMP/failing" --rounds 2 --warmup 0 >"$TMP/out" 2>"$TMP/err" ||
	fail "a failing test body made the run fail"
grep -q "body of tests/02-bad.sql: tests/02-bad.sql:2: sqlite: NOT NULL constraint failed: t.x" "$TMP/out" ||
	fail "the failure is not reported: $(cat "$TMP/out")"
grep -q "1 of 2 tests failed\|2 of 4 tests failed" "$TMP/out" || fail "failed count"
pass
# ... unless --strict, which stops at it with exit 1.
expect_error 1 "tests/02-bad.sql failed in body: tests/02-bad.sql:2:" \
	--workload "$TMP/failing" --rounds 2 --warmup 0 --strict

# Nothing was written by any failing run.
[ -z "$(ls "$TMP" | grep -v -e '^out$' -e '^err$' -e existing.db \
	-e noschema -e notests -e emptytests -e unterminated -e comment \
	-e dirtest -e badschema -e failing)" ] || fail "stray files: $(ls "$TMP")"
pass
done_ok
