#!/bin/sh
# run_postgres.sh - dbbench against a real PostgreSQL server: strategies,
# protocols, the migration assessment, scratch objects, errors, signals
# (the isolation scenarios are validate_postgres.sh's; they are skipped here
# except in schema mode)
#
# Starts its own throwaway cluster through with_cluster.sh (skips with 77
# when no server binaries exist, fails when DBBENCH_REQUIRE_PG=1).  After
# every case, no dbbench_* database or schema may remain.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_cluster.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON (apt-get install python3)"

no_leftovers() {
	left=$(pg_leftovers)
	[ -z "$left" ] || fail "$1: scratch objects left behind: $left"
	pass
}

# 1. All three strategies on the server, text and JSON.
"$DBBENCH" --no-validate --backend postgres --rounds 2 --warmup 0 >"$TMP/text" 2>"$TMP/err" ||
	fail "postgres run failed: $(cat "$TMP/err")"
all=$(strategies " ")
for s in $all; do
	grep -Eq "^$s +[0-9.]+ (ns|µs|ms)" "$TMP/text" || fail "no row for $s"
done
grep -q "^postgres 15" "$TMP/text" || fail "server version not reported"
grep -q "fsync=off, synchronous_commit=off, full_page_writes=off, shared_buffers=32MB" "$TMP/text" ||
	fail "server settings not reported: $(grep '^postgres' "$TMP/text")"
grep -q "transport=unix socket $DBBENCH_PG_SOCKET_DIR port $DBBENCH_PG_PORT" "$TMP/text" ||
	fail "transport not reported"
! grep -q "^failures" "$TMP/text" || fail "the default workload failed on postgres: $(sed -n '/^failures/,$p' "$TMP/text")"
no_leftovers "text run"

for protocol in simple extended prepared; do
	"$DBBENCH" --no-validate -b postgres --protocol "$protocol" --rounds 2 --warmup 0 \
		-f json -o "$TMP/$protocol.json" 2>"$TMP/err" ||
		fail "--protocol $protocol failed: $(cat "$TMP/err")"
	[ "$(json_get "$TMP/$protocol.json" 'j["backends"][0]["settings"]["protocol"]')" = "$protocol" ] ||
		fail "--protocol $protocol not recorded"
	[ "$(json_get "$TMP/$protocol.json" 'sum(c["failed"] for c in j["cells"])')" = 0 ] ||
		fail "--protocol $protocol: tests failed"
	pass
done
[ "$(json_get "$TMP/prepared.json" 'sorted(c["strategy"] for c in j["cells"] if c["overhead"]["n"] == 54)')" = \
	"$(strategies_pylist)" ] || fail "postgres cells incomplete"
no_leftovers "protocols"

# Both PostgreSQL clone strategies make real copies (milliseconds each).
for method in wal_log file_copy; do
	"$DBBENCH" --no-validate -b postgres -s template --template-strategy "$method" \
		--rounds 2 --warmup 0 -f json -o "$TMP/tpl.json" 2>"$TMP/err" ||
		fail "--template-strategy $method failed: $(cat "$TMP/err")"
	[ "$(json_get "$TMP/tpl.json" 'j["cells"][0]["phases"]["test_setup"]["median"] > 1e6 and j["cells"][0]["failed"] == 0')" = True ] ||
		fail "--template-strategy $method: not a real clone"
	pass
done
no_leftovers "template"

# --seed-scale on the server: the scale script runs, models are fitted.
"$DBBENCH" -b postgres -s rollback,truncate,template --seed-scale 1,3 \
	--rounds 2 --warmup 0 -f json -o "$TMP/scale.json" 2>"$TMP/err" ||
	fail "postgres --seed-scale failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/scale.json" 'sum(c["failed"] for c in j["cells"]) == 0 and len(j["cost_models"]) == 3 and sorted(c["seed_rows"] for c in j["cells"])[-1] == 300')" = True ] ||
	fail "postgres cost models: $(json_get "$TMP/scale.json" 'j["failures"][:2]')"
pass
no_leftovers "seed scale"

# Workers on the server: a scratch database per worker, nothing left.
"$DBBENCH" -b postgres -s rollback,template --workers 1,2 --tests 20 \
	--rounds 2 --warmup 0 -f json -o "$TMP/workers.json" 2>"$TMP/err" ||
	fail "postgres --workers failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/workers.json" 'sum(c["failed"] for c in j["cells"]) == 0 and len(j["scaling"]) == 4 and len(j["scaling_models"]) == 2')" = True ] ||
	fail "postgres workers: $(json_get "$TMP/workers.json" 'j["failures"][:2]')"
pass
no_leftovers "workers"
# Too many workers for max_connections (40 here): fail fast, exit 2.
expect_error 2 "--workers 30 needs 59 more connections, but max_connections is 40" \
	-b postgres --workers 30 --rounds 1
no_leftovers "max_connections"

# Pinned by default: the worker and its backend on one CPU (the processes
# of a run take turns on the CPUs the run may use), and the placement
# reported; --no-pin leaves them to the scheduler and says so.
# The backend's CPU is read while it is alive, also under per-test, which
# closes it after every test, and a server reached through its Unix socket
# or a loopback address is on this host.
cpus=$(python3 -c 'import os; print(sorted(os.sched_getaffinity(0)))')
pw=$DBBENCH_PG_PASSWORD
for dsn in "host=$DBBENCH_PG_SOCKET_DIR port=$DBBENCH_PG_PORT dbname=postgres" \
	"host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_pw password=$pw dbname=dbbench_pw_db sslmode=disable" \
	"hostaddr=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_pw password=$pw dbname=dbbench_pw_db sslmode=disable"; do
	"$DBBENCH" -b postgres --dsn "$dsn" -s rollback,per-test --rounds 2 \
		--warmup 0 --no-validate -f json -o "$TMP/pin.json" ||
		fail "pinned run failed"
	[ "$(json_get "$TMP/pin.json" '(j["placement"]["pinned"], j["placement"]["client_cpu"] == j["placement"]["backend_cpu"], j["placement"]["client_cpu"] in '"$cpus"', j["placement"]["note"], [(b["backend"], b["server"], b["cells"], b["on_client_cpu"]) for b in j["placement"]["backends"]], [c["server_cpu"] == c["client_cpu"] for c in j["cells"]])')" = "(True, True, True, '', [('postgres', 'this host', 2, 2)], [True, True])" ] ||
		fail "pinned placement (${dsn%% port=*}): $(json_get "$TMP/pin.json" 'j["placement"], [(c["strategy"], c["client_cpu"], c["server_cpu"]) for c in j["cells"]]')"
	"$DBBENCH" report "$TMP/pin.json" >"$TMP/pin.txt" || fail "report failed"
	grep -q "^placement: pinned, worker N and its server backends on the Nth CPU the run may use; seen while the tests ran: client on CPU [0-9]*, postgres backend on CPU [0-9]*$" "$TMP/pin.txt" ||
		fail "pinned placement line: $(grep placement "$TMP/pin.txt")"
	pass
done
"$DBBENCH" -b postgres -s rollback --rounds 2 --warmup 0 --no-validate \
	--no-pin >"$TMP/nopin.txt" || fail "--no-pin run failed"
grep -q "^placement: not pinned (--no-pin), the scheduler places client and server; seen while the tests ran: client on CPU [0-9]*, postgres backend on CPU [0-9]*$" "$TMP/nopin.txt" ||
	fail "--no-pin placement: $(grep placement "$TMP/nopin.txt")"
pass

# Drift: rolled-back writes scanned by later tests make PostgreSQL's
# rollback slower over a session; it is found and explained.
"$DBBENCH" -b postgres -s rollback -w "$TESTS_DIR/data/drifting" --tests 2000 \
	--rounds 2 --warmup 0 --no-validate -f json -o "$TMP/drift.json" ||
	fail "drifting run failed"
[ "$(json_get "$TMP/drift.json" '[(d["strategy"], d["significant"], d["pct_per_1000_tests"] > 5) for d in j["drift"]]')" = "[('rollback', True, True)]" ] ||
	fail "postgres drift not found: $(json_get "$TMP/drift.json" 'j["drift"]')"
[ "$(json_get "$TMP/drift.json" 'any("dead row versions" in r for r in j["recommendations"])')" = True ] ||
	fail "the drift's cause is not given"
pass
no_leftovers "drift"

# A long session that drifts slowly: on the default workload rollback
# costs a percent or two more per 1,000 tests, which over 20,000 tests is
# tens of percent: judged over the session, it drifts.  The machine's own
# load can bury a trend in one session, so up to three sessions are run;
# judging per 1,000 tests never reports it.
found=''
for attempt in 1 2 3; do
	"$DBBENCH" -b postgres -s rollback --tests 20000 --rounds 1 --no-vacuum \
		--no-validate -f json -o "$TMP/long.json" ||
		fail "long session failed"
	[ "$(json_get "$TMP/long.json" 'all(d["session_tests"] == 20000 and abs(d["pct_over_session"] - d["pct_per_1000_tests"] * 19.999) < 1e-6 * max(1, abs(d["pct_over_session"])) and d["significant"] == (d["p"] < 0.01 and abs(d["pct_over_session"]) >= 5) for d in j["drift"]) and len(j["drift"]) == 1')" = True ] ||
		fail "long session: inconsistent drift: $(json_get "$TMP/long.json" 'j["drift"]')"
	if [ "$(json_get "$TMP/long.json" '[(d["significant"], d["pct_over_session"] >= 5) for d in j["drift"]]')" = "[(True, True)]" ]; then
		found=$attempt
		break
	fi
	echo "# session $attempt: $(json_get "$TMP/long.json" 'j["drift"]')"
done
"$DBBENCH" report "$TMP/long.json" >"$TMP/long.txt" || fail "report of the long session failed"
if [ -n "$found" ]; then
	grep -Eq "^  postgres rollback: \+[0-9.]+% over the session of 20000 tests \(95% CI .*; \+[0-9.]+% per 1,000 tests\), p [0-9.e-]+: drifting$" "$TMP/long.txt" ||
		fail "long session: no drift line: $(sed -n '/^drift/,/^$/p' "$TMP/long.txt")"
elif awk -v n="$(nproc)" '{ exit !($1 > n) }' /proc/loadavg; then
	# Other processes kept more than every CPU busy for the whole time:
	# the noise they make is larger than the trend.  Not judged.
	echo "# machine busy (load $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs): the slow drift was buried in all three sessions"
else
	fail "a slow drift over 20,000 tests was not reported"
fi
pass
no_leftovers "long session"

# 2. The migration assessment: both backends, dialect failures listed.
"$DBBENCH" --no-validate -b sqlite,postgres -w "$TESTS_DIR/data/dialect" -s rollback,per-test \
	--rounds 2 --warmup 0 >"$TMP/migration" || fail "migration run failed"
grep -q "^migration: sqlite to postgres" "$TMP/migration" || fail "no migration section"
grep -q "postgres: tests/02-sqlite-only.sql statement 2: .*datetime" "$TMP/migration" ||
	fail "the SQLite-only statement is not listed"
grep -q "sqlite: tests/03-postgres-only.sql statement 1: " "$TMP/migration" ||
	fail "the PostgreSQL-only statement is not listed"
! grep -q "01-portable" "$TMP/migration" || fail "a portable test was listed as failing"
"$DBBENCH" --no-validate -b sqlite,postgres -w "$TESTS_DIR/data/dialect" -s rollback \
	--rounds 2 --warmup 0 -f json -o "$TMP/migration.json" || fail "migration json failed"
[ "$(json_get "$TMP/migration.json" 'sorted((f["backend"], f["test"], f["statement"]) for f in j["migration"]["fails_on_one_backend"])')" = \
	"[('postgres', 'tests/02-sqlite-only.sql', 2), ('sqlite', 'tests/03-postgres-only.sql', 1)]" ] ||
	fail "migration JSON: $(json_get "$TMP/migration.json" 'j["migration"]')"
[ "$(json_get "$TMP/migration.json" 'j["migration"]["strategies"][0]["overhead_ratio"] > 0')" = True ] ||
	fail "no cost ratio"
pass
# Both backends' reports, migration included, satisfy the documented schema.
if python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$TESTS_DIR/../doc/result-schema.json" "$TMP/migration.json" \
		"$TMP/prepared.json" <<'PY' || fail "a PostgreSQL report does not satisfy doc/result-schema.json"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
for f in sys.argv[2:]:
    jsonschema.validate(json.load(open(f)), schema)
PY
	pass
fi
no_leftovers "migration"

# 3. Without CREATEDB, scratch schemas in the given database.
pw=$DBBENCH_PG_PASSWORD
"$DBBENCH" --no-validate -b postgres --rounds 2 --warmup 0 -s rollback,per-test \
	--dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_nocreate password=$pw dbname=dbbench_nocreate_db sslmode=disable" \
	>"$TMP/nocreate" 2>"$TMP/err" || fail "no-CREATEDB run failed: $(cat "$TMP/err")"
grep -q "scratch=schema" "$TMP/nocreate" || fail "scratch schema mode not reported"
"$DBBENCH" -b postgres --rounds 1 --warmup 0 -s template,delete \
	--dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_nocreate password=$pw dbname=dbbench_nocreate_db sslmode=disable" \
	>"$TMP/nocreate2" 2>"$TMP/err" || fail "no-CREATEDB template run failed: $(cat "$TMP/err")"
grep -q "^note: template not run on postgres: .*needs CREATEDB" "$TMP/nocreate2" ||
	fail "the skipped template strategy is not reported"
grep -Eq "^delete +[0-9.]+ (µs|ms)" "$TMP/nocreate2" || fail "delete did not run in schema mode"
# The scenarios run in scratch schemas too, peers included; template is n/a.
grep -Eq "^PG-ADVLOCK +n/a +leak$" "$TMP/nocreate2" ||
	fail "schema mode matrix: $(grep '^PG-ADVLOCK' "$TMP/nocreate2")"
grep -Eq "^PG-VIS +n/a +isolated$" "$TMP/nocreate2" ||
	fail "schema mode matrix: $(grep '^PG-VIS' "$TMP/nocreate2")"
pass
no_leftovers "no CREATEDB"
expect_error 1 "host 127.0.0.1 port $DBBENCH_PG_PORT database postgres: the role may neither create databases" \
	-b postgres --rounds 1 --dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_nocreate password=$pw dbname=postgres sslmode=disable"
no_leftovers "no privilege"

# 4. The password never shows, whatever the form of the DSN.
secret_free() {
	if grep -rq -- "$pw" "$TMP"; then
		fail "$1: the password appears in $(grep -rl -- "$pw" "$TMP")"
	fi
	pass
}
"$DBBENCH" --no-validate -b postgres -s rollback --rounds 1 --warmup 0 -f json -o "$TMP/kv.json" \
	--dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_pw password=$pw dbname=dbbench_pw_db sslmode=disable" \
	>"$TMP/kv.out" 2>"$TMP/kv.err" || fail "keyword DSN run failed: $(cat "$TMP/kv.err")"
"$DBBENCH" --no-validate -b postgres -s rollback --rounds 1 --warmup 0 \
	--dsn "postgresql://dbbench_pw:$pw@127.0.0.1:$DBBENCH_PG_PORT/dbbench_pw_db?sslmode=disable" \
	>"$TMP/uri.out" 2>"$TMP/uri.err" || fail "URI DSN run failed: $(cat "$TMP/uri.err")"
PGPASSWORD=$pw "$DBBENCH" --no-validate -b postgres -s rollback --rounds 1 --warmup 0 \
	--dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_pw dbname=dbbench_pw_db sslmode=disable" \
	>"$TMP/env.out" 2>"$TMP/env.err" || fail "PGPASSWORD run failed: $(cat "$TMP/env.err")"
grep -q "transport=tcp 127.0.0.1 port $DBBENCH_PG_PORT" "$TMP/env.out" || fail "TCP transport not reported"
secret_free "successful runs"
no_leftovers "password runs"

# Errors: one line naming host, port and database, exit 1, never the password.
expect_error 1 "cannot connect to host 127.0.0.1 port $DBBENCH_PG_PORT database dbbench_pw_db: .*password authentication failed" \
	-b postgres --dsn "postgresql://dbbench_pw:wrong$pw@127.0.0.1:$DBBENCH_PG_PORT/dbbench_pw_db?sslmode=disable"
expect_error 1 "cannot connect to host 127.0.0.1 port $DBBENCH_PG_PORT database no_such_db: .*does not exist" \
	-b postgres --dsn "host=127.0.0.1 port=$DBBENCH_PG_PORT user=dbbench_pw password=$pw dbname=no_such_db sslmode=disable"
expect_error 1 "cannot connect to host 127.0.0.1 port 1 database postgres" \
	-b postgres --dsn "host=127.0.0.1 port=1 user=postgres password=$pw dbname=postgres connect_timeout=5"
expect_error 2 "--dsn: not a valid connection string" \
	-b postgres --dsn "postgresql://dbbench_pw:$pw@[bad"
expect_error 2 "--dsn: not a valid connection string" \
	-b postgres --dsn "host=127.0.0.1 password=$pw 'unterminated"
secret_free "failed runs"
no_leftovers "failed connections"

# A schema PostgreSQL rejects: exit 1 naming file and line; nothing left.
mkdir -p "$TMP/badschema/tests"
printf "CREATE TABLE t (x int);\nCREATE TABLE u (y nosuchtype);\n" >"$TMP/badschema/schema.sql"
echo "SELECT 1;" >"$TMP/badschema/tests/01.sql"
expect_error 1 "schema.sql:2: postgres: type \"nosuchtype\" does not exist" \
	-b postgres -w "$TMP/badschema" --rounds 1
mkdir -p "$TMP/dollar/tests"
echo "CREATE TABLE t (x int);" >"$TMP/dollar/schema.sql"
printf "SELECT 1;\nSELECT \$tag\$ never closed;\n" >"$TMP/dollar/tests/01.sql"
expect_error 2 "tests/01.sql:2: unterminated dollar" -b postgres -w "$TMP/dollar"
no_leftovers "bad workloads"

# 5. cleanup: leftovers of killed runs go, by name and owner only.
pg_psql "CREATE DATABASE dbbench_999999_gw0" >/dev/null
pg_psql "CREATE DATABASE dbbench_999999_7" >/dev/null
pg_psql "CREATE DATABASE dbbench_keepme" >/dev/null
pg_psql "CREATE DATABASE dbbench_999998_gw0 OWNER dbbench_pw" >/dev/null
pg_psql "CREATE SCHEMA dbbench_999999_3" >/dev/null
"$DBBENCH" cleanup >"$TMP/cleanup" 2>"$TMP/err" || fail "cleanup failed: $(cat "$TMP/err")"
grep -q "^dropped database dbbench_999999_gw0$" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
grep -q "^dropped database dbbench_999999_7$" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
grep -q "^dropped schema dbbench_999999_3 in postgres$" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
[ "$(pg_psql "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database WHERE datname LIKE 'dbbench%'")" = \
	"dbbench_999998_gw0,dbbench_keepme,dbbench_nocreate_db,dbbench_pw_db" ] ||
	fail "cleanup dropped what it did not own or name"
pass
"$DBBENCH" cleanup >"$TMP/cleanup"
grep -q "^nothing to clean up on host " "$TMP/cleanup" || fail "second cleanup: $(cat "$TMP/cleanup")"
pg_psql "DROP DATABASE dbbench_keepme" >/dev/null
pg_psql "DROP DATABASE dbbench_999998_gw0" >/dev/null
pass
# a run in one process killed with SIGKILL leaves its scratch database;
# cleanup removes it, but not the databases of a run still going
"$DBBENCH" -b postgres -s per-test --replicates 1 --max-time 60 \
	--target-ci 0.0001 -q --no-validate >/dev/null 2>&1 &
pid=$!
sleep 2
"$DBBENCH" cleanup >"$TMP/cleanup"
grep -q "^kept database dbbench_${pid}_gw0: its run is still going$" "$TMP/cleanup" ||
	fail "cleanup touched a running run: $(cat "$TMP/cleanup")"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
[ -n "$(pg_leftovers)" ] || fail "a killed run left nothing to clean up"
"$DBBENCH" cleanup >"$TMP/cleanup" || fail "cleanup after kill -9 failed"
grep -q "^dropped database dbbench_${pid}_gw0$" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
no_leftovers "cleanup after kill -9"

# a run measured in several processes killed with SIGKILL: the process
# measuring is told (SIGTERM when its parent dies) and drops its own
# scratch database, so nothing is left once it has stopped.
"$DBBENCH" -b postgres -s per-test --max-time 60 --target-ci 0.0001 -q \
	--no-validate >/dev/null 2>&1 &
pid=$!
sleep 2
[ -n "$(pg_leftovers)" ] || fail "no scratch database while measuring"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
tries=0
while [ -n "$(pg_leftovers 2>/dev/null)" ] && [ "$tries" -lt 100 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
no_leftovers "the parent of the measuring process killed with SIGKILL"

# 6. SIGINT and SIGTERM stop a run cleanly: exit 1, nothing left; sent to
# a run in one process and to the parent of a run's processes, which
# passes it on.
for sig in INT TERM INT:1 TERM:1; do
	replicates=${sig#*:}
	[ "$replicates" != "$sig" ] || replicates=10
	sig=${sig%:*}
	"$DBBENCH" --no-validate -b postgres -s per-test --max-time 60 --target-ci 0.0001 -q \
		--replicates "$replicates" \
		-o "$TMP/never.txt" >"$TMP/sig.out" 2>"$TMP/sig.err" &
	pid=$!
	sleep 2
	kill -"$sig" "$pid"
	set +e
	wait "$pid"
	status=$?
	set -e
	[ "$status" -eq 1 ] || fail "SIG$sig ($replicates processes): exit $status, expected 1"
	[ "$(cat "$TMP/sig.err")" = "dbbench: interrupted" ] ||
		fail "SIG$sig ($replicates processes): $(cat "$TMP/sig.err")"
	[ ! -e "$TMP/never.txt" ] || fail "SIG$sig: a report was written"
	no_leftovers "SIG$sig"
done
done_ok
