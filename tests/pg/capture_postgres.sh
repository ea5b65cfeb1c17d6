#!/bin/sh
# capture_postgres.sh - dbbench capture --pg-log on the tests' own cluster
#
# The cluster logs every statement (log_statement = 'all') to stderr
# (log_line_prefix = '%c [%a] '), csvlog and jsonlog at once.  A fixture
# session builds the schema and seed; each test runs in a session of its
# own named 'test:NAME' by application_name, inside a transaction the
# fixture rolls back; one test's INSERT fails; one runs through pgbench's
# extended protocol with a bound parameter.  Each of the three logs must
# capture to the same workload, which must replay on PostgreSQL with no
# failure.  Then the bad logs: not a PostgreSQL log, no statements.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_cluster.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"
PGBENCH=$DBBENCH_PG_BINDIR/pgbench
[ -x "$PGBENCH" ] || skip "capture: no pgbench in $DBBENCH_PG_BINDIR"

# 1. Log every statement in all three formats; restart for the collector.
pg_psql "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
pg_psql "ALTER SYSTEM SET logging_collector = on" >/dev/null
pg_psql "ALTER SYSTEM SET log_destination = 'stderr,csvlog,jsonlog'" >/dev/null
pg_psql "ALTER SYSTEM SET log_directory = 'capture_log'" >/dev/null
pg_psql "ALTER SYSTEM SET log_file_mode = '0644'" >/dev/null
pg_psql "ALTER SYSTEM SET log_line_prefix = '%c [%a] '" >/dev/null
pg_psql "CREATE DATABASE capdb" >/dev/null
pg_stop_server
pg_start_server

psql_as() {
	PGAPPNAME=$1 "$(pg_psql_path)" -X -q -v ON_ERROR_STOP=0 \
		-h "$DBBENCH_PG_SOCKET_DIR" -p "$DBBENCH_PG_PORT" -U postgres \
		-d capdb >/dev/null 2>&1
}

psql_as fixture <<'EOF'
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE,
    name text NOT NULL);
INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada'),
    ('bob@example.com', 'Bob');
EOF
psql_as test:read <<'EOF'
BEGIN;
SELECT count(*) FROM users;
ROLLBACK;
EOF
psql_as test:add <<'EOF'
BEGIN;
INSERT INTO users (email, name) VALUES ('cy@example.com', 'Cy');
SELECT name
  FROM users
 WHERE email = 'cy@example.com';
ROLLBACK;
EOF
psql_as test:duplicate <<'EOF'
BEGIN;
INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada again');
ROLLBACK;
EOF
printf '\\set id 2\nSELECT name FROM users WHERE id = :id;\n' >"$TMP/param.sql"
PGAPPNAME=test:param "$PGBENCH" -n -t 1 -M extended -f "$TMP/param.sql" \
	-h "$DBBENCH_PG_SOCKET_DIR" -p "$DBBENCH_PG_PORT" -U postgres capdb \
	>/dev/null 2>&1 || fail "pgbench failed"
psql_as fixture <<'EOF'
SELECT 'all logged';
EOF

logdir=$DBBENCH_PG_DATA/capture_log
i=0
until grep -q "all logged" "$logdir"/*.json 2>/dev/null &&
	grep -q "all logged" "$logdir"/*.csv 2>/dev/null &&
	grep -q "all logged" "$logdir"/*.log 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -lt 50 ] || fail "the logs never showed the last statement: $(ls "$logdir")"
	sleep 0.1
done
pass

# 2. Each format captures to the same workload, which replays.
for fmt in log csv json; do
	for file in "$logdir"/*."$fmt"; do break; done
	"$DBBENCH" capture --pg-log "$file" -o "$TMP/wl-$fmt" >"$TMP/out" 2>"$TMP/err" ||
		fail "capture of the $fmt log: $(cat "$TMP/err")"
	[ "$(json_get "$TMP/wl-$fmt/capture.json" '[f["test"] for f in j["files"]]')" = \
		"['read', 'add', 'duplicate', 'param']" ] ||
		fail "$fmt: tests: $(json_get "$TMP/wl-$fmt/capture.json" 'j["files"]')"
	grep -q "^CREATE TABLE users" "$TMP/wl-$fmt/schema.sql" || fail "$fmt: schema.sql"
	grep -q "^INSERT INTO users" "$TMP/wl-$fmt/seed.sql" || fail "$fmt: seed.sql"
	grep -q "^SELECT name FROM users WHERE id = '2';$" "$TMP/wl-$fmt/tests/0004-param.sql" ||
		fail "$fmt: the parameter is not inlined: $(cat "$TMP/wl-$fmt/tests/0004-param.sql")"
	grep -A1 -- "-- dbbench: expect-error" "$TMP/wl-$fmt/tests/0003-duplicate.sql" |
		grep -q "'Ada again'" || fail "$fmt: the failed INSERT is not marked"
	grep -q "^ WHERE email = 'cy@example.com';$" "$TMP/wl-$fmt/tests/0002-add.sql" ||
		fail "$fmt: a statement over several lines: $(cat "$TMP/wl-$fmt/tests/0002-add.sql")"
	! grep -Eq "^(BEGIN|ROLLBACK)" "$TMP/wl-$fmt/tests/"*.sql ||
		fail "$fmt: the fixture's transaction reached a body"
	[ "$fmt" = log ] || diff -r -x capture.json "$TMP/wl-log" "$TMP/wl-$fmt" >"$TMP/diff" ||
		fail "$fmt and stderr logs captured differently: $(cat "$TMP/diff")"
	pass
done
"$DBBENCH" -b postgres -w "$TMP/wl-csv" --rounds 1 --warmup 0 --no-validate \
	-f json -o "$TMP/run.json" 2>"$TMP/err" || fail "replay on PostgreSQL: $(cat "$TMP/err")"
[ "$(json_get "$TMP/run.json" 'len(j["failures"]), len({c["strategy"] for c in j["cells"]}) >= 5')" = "(0, True)" ] ||
	fail "replay failures: $(json_get "$TMP/run.json" 'j["failures"]')"
pass

# 3. Bad logs: one line, exit 2, nothing written.
printf 'just some text\nand more\n' >"$TMP/notalog"
expect_error 2 "notalog: not a PostgreSQL log" capture --pg-log "$TMP/notalog" -o "$TMP/none"
for file in "$logdir"/*.log; do break; done
grep -v -e "statement: " -e "execute " "$file" >"$TMP/nostmt.log"
expect_error 2 "no statements in the log .*log_statement = 'all'" \
	capture --pg-log "$TMP/nostmt.log" -o "$TMP/none"
expect_error 1 "no-such-log" capture --pg-log "$TMP/no-such-log" -o "$TMP/none"
expect_error 2 "runs no command" capture --pg-log "$TMP/notalog" -o "$TMP/none" -- true
[ ! -e "$TMP/none" ] || fail "a bad log left a folder"
done_ok
