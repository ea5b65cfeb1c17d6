#!/bin/sh
# noops.sh - options that would do nothing are usage errors, not silence:
# PostgreSQL-only options without a PostgreSQL backend, --rounds with
# --target-ci or --max-time; --dsn alone selects PostgreSQL; a run whose
# every test fails exits 1 naming the first failure; a PostgreSQL schema
# on SQLite says what to do
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# PostgreSQL-only options with no PostgreSQL backend: exit 2.
expect_error 2 "^dbbench: --dsn applies to PostgreSQL only, and -b names no PostgreSQL backend: add postgres to -b$" \
	-b sqlite --dsn host=/x
expect_error 2 "^dbbench: --protocol applies to PostgreSQL (or MySQL )?only, and the backend is sqlite \(the default\): add -b postgres$" \
	--protocol simple
expect_error 2 "^dbbench: --template-strategy applies to PostgreSQL only" \
	validate -b sqlite --template-strategy file_copy
expect_error 2 "^dbbench: --dsn: 'nonsense' is neither keyword=value pairs(, | nor )a postgresql:// URI( nor a mysql:// URI)?$" \
	--dsn nonsense

# --dsn without -b runs PostgreSQL: against a folder with no server the
# error is PostgreSQL's (exit 1), for either form of DSN.
if "$DBBENCH" list | grep -qx "  postgres"; then
	expect_error 1 "^dbbench: postgres: cannot connect to host $TMP/nosuch" \
		--dsn "host=$TMP/nosuch connect_timeout=2" -s rollback --rounds 1 -q
	expect_error 1 "^dbbench: postgres: cannot connect" \
		--dsn "postgresql:///postgres?host=$TMP/nosuch" -s rollback --rounds 1 -q
else
	expect_error 2 "--dsn: this dbbench was built without a backend that takes a DSN" \
		--dsn "host=$TMP/nosuch"
fi

# --dsn is given once per backend, its form saying which; a backend's own
# option needs that backend.
if "$DBBENCH" list | grep -qx "  postgres"; then
	expect_error 2 "^dbbench: --dsn: two DSNs are for postgres; give one DSN per backend$" \
		--dsn host=/a --dsn postgresql:///b
	if "$DBBENCH" list | grep -qx "  mysql"; then
		expect_error 2 "^dbbench: --dsn applies to MySQL only, and -b names no MySQL backend: add mysql to -b$" \
			-b postgres --dsn mysql://h/db
	else
		expect_error 2 "^dbbench: --dsn: 'mysql://h/db' is neither keyword=value pairs nor a postgresql:// URI$" \
			-b postgres --dsn mysql://h/db
	fi
	expect_error 2 "^dbbench: --sqlite-path applies to SQLite only, and -b names no SQLite backend: add sqlite to -b$" \
		-b postgres --sqlite-path "$TMP/never.db"
	expect_error 2 "^dbbench: --sqlite-clone applies to SQLite only" \
		--dsn "host=$TMP/nosuch" --sqlite-clone deserialize
	# one DSN for PostgreSQL beside SQLite's options: PostgreSQL's error
	expect_error 1 "^dbbench: postgres: cannot connect to host $TMP/nosuch" \
		-b sqlite,postgres --sqlite-clone deserialize \
		--dsn "host=$TMP/nosuch connect_timeout=2" -s rollback --rounds 1 -q
fi
[ ! -e "$TMP/never.db" ] || fail "--sqlite-path without SQLite made a file"
pass

# --rounds with what only ends adaptive rounds: exit 2.
expect_error 2 "^dbbench: --rounds 3 runs exactly that many rounds; --target-ci only ends adaptive rounds: give one or the other$" \
	--rounds 3 --target-ci 5
expect_error 2 "--max-time only ends adaptive rounds" --max-time 5 --rounds 3

# Every test of a cell fails: the report is written, the run exits 1 with
# one line naming the first failure.
mkdir -p "$TMP/allfail/tests"
echo "CREATE TABLE t (id INTEGER PRIMARY KEY);" >"$TMP/allfail/schema.sql"
echo 'SELECT $$ unterminated ; dollar;' >"$TMP/allfail/tests/01-bad.sql"
set +e
"$DBBENCH" -w "$TMP/allfail" -s rollback --rounds 2 --no-validate \
	>"$TMP/allfail.out" 2>"$TMP/allfail.err"
status=$?
set -e
[ "$status" -eq 1 ] || fail "all tests failed: exit $status: $(cat "$TMP/allfail.err")"
[ "$(wc -l <"$TMP/allfail.err")" -eq 1 ] || fail "stderr: $(cat "$TMP/allfail.err")"
grep -Eq '^dbbench: sqlite rollback: all [0-9]+ tests failed, nothing was measured; the first failure, body of tests/01-bad.sql: tests/01-bad.sql:1: sqlite: .*syntax error$' \
	"$TMP/allfail.err" || fail "stderr: $(cat "$TMP/allfail.err")"
grep -q "^failures (1 distinct)" "$TMP/allfail.out" || fail "no report: $(cat "$TMP/allfail.out")"
pass
# One good test beside it: figures exist, exit 0.
echo "SELECT 1;" >"$TMP/allfail/tests/02-good.sql"
"$DBBENCH" -w "$TMP/allfail" -s rollback --rounds 2 --no-validate -q \
	>/dev/null || fail "a cell with one good test exited $?"
pass

# A PostgreSQL schema on SQLite: the syntax error says what to do.
mkdir -p "$TMP/pg/tests"
echo "CREATE TABLE t (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY);" >"$TMP/pg/schema.sql"
echo "SELECT 1;" >"$TMP/pg/tests/01.sql"
expect_error 1 'schema.sql:1: sqlite: near "IDENTITY": syntax error \(schema.sql looks written for another database: add schema.sqlite.sql for SQLite, or use -b postgres\)$' \
	-w "$TMP/pg" -s rollback -q
cat >"$TMP/pg/schema.sql" <<'SQL'
CREATE TABLE t (id BIGSERIAL PRIMARY KEY);
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
SQL
expect_error 1 'schema.sql:2: sqlite: near "FUNCTION": syntax error \(.*: add schema.sqlite.sql for SQLite, or use -b postgres\)$' \
	-w "$TMP/pg" -s rollback -q --replicates 1
# shellcheck disable=SC2016 # dollar quotes are SQL here
echo 'CREATE TABLE t (id int DEFAULT $$x$$);' >"$TMP/pg/schema.sql"
# shellcheck disable=SC2016
expect_error 1 'near "\$\$x\$\$": syntax error \(.*: add schema.sqlite.sql for SQLite, or use -b postgres\)$' \
	-w "$TMP/pg" -s rollback -q
# Not foreign by its look, but the folder has schema.postgres.sql.
echo "CREATE TABLE t (id int PRIMARY KEY,, x);" >"$TMP/pg/schema.sql"
expect_error 1 'near ",": syntax error$' -w "$TMP/pg" -s rollback -q
echo "CREATE TABLE t (id int PRIMARY KEY);" >"$TMP/pg/schema.postgres.sql"
expect_error 1 'near ",": syntax error \(schema.sql is not SQLite.s and the folder has schema.postgres.sql: add schema.sqlite.sql for SQLite, or use -b postgres\)$' \
	-w "$TMP/pg" -s rollback -q
done_ok
