#!/bin/sh
# run_mysql.sh - dbbench against a real MariaDB server
#
# Every strategy runs on the default workload (each protocol), the MySQL
# settings reach the report, a migration report from SQLite lists the
# statement MySQL rejects, a run over TCP on 127.0.0.1 reports TCP and a
# server on this host, bad DSNs and a wrong password fail with one line
# that never shows the password, cleanup drops what killed runs left, and
# SIGINT or SIGTERM stop a run with nothing left on the server.  Starts its
# own throwaway server through with_server.sh.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_MYSQL_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_server.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

"$DBBENCH" list | grep -qx '  mysql' || skip "this dbbench was built without MySQL"
need_python3
DSN=$DBBENCH_MYSQL_DSN

no_leftovers() {
	left=$(my_leftovers)
	[ -z "$left" ] || fail "$1: scratch databases left behind: $left"
	pass
}

# 1. Every strategy, both protocols: every cell measured, settings reported.
strategies=$("$DBBENCH" list | sed -n '/^strategies:/,/^workloads/p' |
	awk '/^  / { print $1 }' | paste -sd, -)
for protocol in prepared simple; do
	"$DBBENCH" --no-validate -b mysql --dsn "$DSN" --protocol "$protocol" \
		-s "$strategies" --rounds 2 --warmup 0 -f json \
		-o "$TMP/run.json" 2>"$TMP/err" ||
		fail "run ($protocol) failed: $(cat "$TMP/err")"
	got=$(json_get "$TMP/run.json" 'sorted(c["strategy"] for c in j["cells"] if c["backend"] == "mysql" and c["overhead"]["median"] > 0)')
	want=$(python3 -c 'import sys; print(sorted(sys.argv[1].split(",")))' "$strategies")
	[ "$got" = "$want" ] || fail "run ($protocol): cells $got, expected $want"
	json_get "$TMP/run.json" 'sorted(j["backends"][0]["settings"].items())' >"$TMP/settings"
	for s in innodb_flush_log_at_trx_commit sync_binlog autocommit \
		transaction_isolation default_storage_engine \
		innodb_stats_persistent innodb_stats_auto_recalc storage; do
		grep -q "('$s', '[^']" "$TMP/settings" || fail "setting $s not reported: $(cat "$TMP/settings")"
	done
	grep -q "('protocol', '$protocol')" "$TMP/settings" ||
		fail "protocol not reported as $protocol: $(cat "$TMP/settings")"
	no_leftovers "run ($protocol)"
done

# Seed scaling: the copies fit every key and foreign key, and a cost
# model comes out per strategy.
"$DBBENCH" --no-validate -b mysql --dsn "$DSN" -s rollback,truncate \
	--seed-scale 1,3 --rounds 2 --warmup 0 -f json -o "$TMP/scale.json" \
	2>"$TMP/err" || fail "seed scaling failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/scale.json" 'sorted((c["strategy"], c["seed_rows"]) for c in j["cells"])')" = \
	"[('rollback', 100), ('rollback', 300), ('truncate', 100), ('truncate', 300)]" ] ||
	fail "seed rows: $(json_get "$TMP/scale.json" '[(c["strategy"], c["seed_rows"]) for c in j["cells"]]')"
[ "$(json_get "$TMP/scale.json" 'sorted(set(f["test"] for f in j["failures"]))')" = \
	"['tests/18-upsert-product.sql', 'tests/27-average-order-value.sql']" ] ||
	fail "scaled seed: failures beyond the two dialect ones: $(json_get "$TMP/scale.json" 'j["failures"]')"
[ "$(json_get "$TMP/scale.json" 'sorted(m["strategy"] for m in j["cost_models"] if m["backend"] == "mysql")')" = \
	"['rollback', 'truncate']" ] || fail "no cost models: $(json_get "$TMP/scale.json" 'j["cost_models"]')"
no_leftovers "seed scaling"

# 2. The client option files serve when there is no DSN (with_server.sh's
# my.cnf names the socket and the user).
"$DBBENCH" --no-validate -b mysql -s rollback --rounds 1 --warmup 0 \
	>"$TMP/out" 2>"$TMP/err" || fail "run from the option files failed: $(cat "$TMP/err")"
grep -q '^mysql 1[0-9.]*-MariaDB' "$TMP/out" || fail "no server line: $(cat "$TMP/out")"
no_leftovers "option files"

# 3. Migration from SQLite: the statement MySQL rejects is listed.
"$DBBENCH" --no-validate -b sqlite,mysql --dsn "$DSN" -w "$TESTS_DIR/data/dialect" \
	-s rollback,per-test --rounds 2 --warmup 0 >"$TMP/migration" ||
	fail "migration run failed"
grep -q "^migration: sqlite to mysql" "$TMP/migration" || fail "no migration section: $(cat "$TMP/migration")"
grep -q "mysql: tests/02-sqlite-only.sql statement 2: .*syntax" "$TMP/migration" ||
	fail "the SQLite-only statement is not listed: $(cat "$TMP/migration")"
! grep -q "01-portable" "$TMP/migration" || fail "a portable test was listed as failing"
pass
no_leftovers "migration"
# and from PostgreSQL, with a DSN for each, when its server is installed
set +e
sh "$TESTS_DIR/pg/with_cluster.sh" sh -c '"$DBBENCH" --no-validate \
	-b postgres,mysql --dsn "$DBBENCH_PG_DSN" --dsn "$1" \
	-w "$TESTS_DIR/data/dialect" -s rollback --rounds 2 --warmup 0 &&
	"$DBBENCH" cleanup --dsn "$DBBENCH_PG_DSN" --dsn "$1" >"$2"' \
	sh "$DSN" "$TMP/bothclean" >"$TMP/pgmig" 2>"$TMP/err"
status=$?
set -e
if [ "$status" -eq 77 ]; then
	echo "# no PostgreSQL server: the migration from PostgreSQL was not tried"
else
	[ "$status" -eq 0 ] || fail "migration from PostgreSQL: exit $status: $(cat "$TMP/err")"
	grep -q "^migration: postgres to mysql" "$TMP/pgmig" || fail "no migration section: $(cat "$TMP/pgmig")"
	grep -q "mysql: tests/03-postgres-only.sql statement 1: .*'::integer'" "$TMP/pgmig" ||
		fail "the PostgreSQL-only statement is not listed: $(cat "$TMP/pgmig")"
	# cleanup with a DSN for each visits both servers
	for server in host socket; do
		grep -q "^nothing to clean up on $server " "$TMP/bothclean" ||
			fail "cleanup of both servers: $(cat "$TMP/bothclean")"
	done
	pass
fi
no_leftovers "migration from PostgreSQL"

# 4. Bad input: one line, the documented status, no password shown.
expect_error 1 '^dbbench: mysql: cannot connect to socket .*Access denied' \
	--no-validate -b mysql -s rollback --rounds 1 \
	--dsn "mysql://dbbench_pw:Wrong-${DBBENCH_MYSQL_PASSWORD}@localhost/?socket=$DBBENCH_MYSQL_SOCKET"
! grep -q "$DBBENCH_MYSQL_PASSWORD" "$TMP/err" || fail "the password was printed: $(cat "$TMP/err")"
expect_error 2 "^dbbench: --dsn: bad port '99999'" --no-validate -b mysql \
	--dsn 'mysql://u@localhost:99999/'
expect_error 2 "^dbbench: --dsn: unknown parameter 'sslmode'" --no-validate -b mysql \
	--dsn 'mysql://u@localhost/?sslmode=require'
expect_error 2 '^dbbench: --protocol extended is PostgreSQL' --no-validate -b mysql \
	--dsn "$DSN" --protocol extended --rounds 1
expect_error 2 '^dbbench: --dsn applies to MySQL only, and -b names no MySQL backend: add mysql to -b$' \
	--no-validate -b sqlite --dsn "$DSN"
expect_error 2 '^dbbench: --dsn: two DSNs are for mysql; give one DSN per backend$' \
	--no-validate -b mysql --dsn "$DSN" --dsn "$DBBENCH_MYSQL_PW_DSN"
! grep -q "$DBBENCH_MYSQL_PASSWORD" "$TMP/err" || fail "the password was printed: $(cat "$TMP/err")"
expect_error 2 '^dbbench: --protocol: unknown protocol .nope.' --no-validate -b mysql \
	--dsn "$DSN" --protocol nope
expect_error 2 '^dbbench: --protocol applies to PostgreSQL or MySQL only, and -b names no PostgreSQL or MySQL backend' \
	--no-validate -b sqlite --protocol simple
# --dsn mysql://... without -b runs MySQL
"$DBBENCH" --no-validate --dsn "$DSN" -s rollback --rounds 1 --warmup 0 \
	-f json -o "$TMP/alone.json" 2>"$TMP/err" || fail "--dsn mysql:// alone failed: $(cat "$TMP/err")"
got=$(json_get "$TMP/alone.json" 'sorted({c["backend"] for c in j["cells"]})')
[ "$got" = "['mysql']" ] || fail "--dsn mysql:// alone ran $got, not mysql alone"
# the password user works (and may only touch dbbench_* databases)
"$DBBENCH" --no-validate -b mysql --dsn "$DBBENCH_MYSQL_PW_DSN" -s per-test,template \
	--rounds 1 --warmup 0 >"$TMP/out" 2>"$TMP/err" || fail "run as dbbench_pw failed: $(cat "$TMP/err")"
! grep -q "$DBBENCH_MYSQL_PASSWORD" "$TMP/out" || fail "the password was printed in the report"
no_leftovers "errors"

# 4b. Over TCP on 127.0.0.1: the report says TCP, the server is on this
# host (its threads pinned beside the client), the password is nowhere,
# and a wrong one is one line without it.
"$DBBENCH" --no-validate -b mysql --dsn "$DBBENCH_MYSQL_TCP_DSN" \
	-s rollback,per-test --rounds 2 --warmup 0 -f json -o "$TMP/tcp.json" \
	2>"$TMP/err" || fail "run over TCP failed: $(cat "$TMP/err")"
got=$(json_get "$TMP/tcp.json" '(j["backends"][0]["settings"]["transport"], [(b["backend"], b["server"]) for b in j["placement"]["backends"]], sorted(c["strategy"] for c in j["cells"] if c["overhead"]["median"] > 0))')
[ "$got" = "('127.0.0.1 via TCP/IP', [('mysql', 'this host')], ['per-test', 'rollback'])" ] ||
	fail "run over TCP: $got"
! grep -q "$DBBENCH_MYSQL_PASSWORD" "$TMP/tcp.json" "$TMP/err" || fail "the password was printed over TCP"
expect_error 1 "^dbbench: mysql: cannot connect to host 127\.0\.0\.1 port $DBBENCH_MYSQL_PORT: Access denied" \
	--no-validate -b mysql -s rollback --rounds 1 \
	--dsn "mysql://dbbench_pw:Wrong-${DBBENCH_MYSQL_PASSWORD}@127.0.0.1:$DBBENCH_MYSQL_PORT/"
! grep -q "$DBBENCH_MYSQL_PASSWORD" "$TMP/err" || fail "the password was printed: $(cat "$TMP/err")"
no_leftovers "TCP"

# 5. cleanup: leftovers of killed runs go, by name only; a running run's stay.
my_sql "CREATE DATABASE dbbench_999999_gw0_1; CREATE DATABASE dbbench_keepme"
"$DBBENCH" cleanup --dsn "$DSN" >"$TMP/cleanup" 2>"$TMP/err" || fail "cleanup failed: $(cat "$TMP/err")"
grep -qx "dropped database dbbench_999999_gw0_1" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
[ "$(my_leftovers)" = dbbench_keepme ] || fail "cleanup dropped what it did not name: $(my_leftovers)"
my_sql "DROP DATABASE dbbench_keepme"
"$DBBENCH" cleanup --dsn "$DSN" >"$TMP/cleanup"
grep -q "^nothing to clean up on socket " "$TMP/cleanup" || fail "second cleanup: $(cat "$TMP/cleanup")"
pass
"$DBBENCH" -b mysql --dsn "$DSN" -s rollback --replicates 1 --max-time 60 \
	--target-ci 0.0001 -q --no-validate >/dev/null 2>&1 &
pid=$!
# Every round is a session with a database of its own, so there are
# moments with none: stop the run (SIGSTOP; a statement in flight ends
# within the pause) at a moment when it has one.
tries=0
while :; do
	sleep 0.2
	kill -STOP "$pid"
	sleep 0.3
	[ -z "$(my_leftovers)" ] || break
	kill -CONT "$pid"
	tries=$((tries + 1))
	[ "$tries" -lt 100 ] || { kill -KILL "$pid"; fail "no scratch database while measuring"; }
done
"$DBBENCH" cleanup --dsn "$DSN" >"$TMP/cleanup"
grep -q "^kept database dbbench_${pid}_gw0_[0-9]*: its run is still going$" "$TMP/cleanup" ||
	fail "cleanup touched a running run: $(cat "$TMP/cleanup")"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
[ -n "$(my_leftovers)" ] || fail "a killed run left nothing to clean up"
"$DBBENCH" cleanup --dsn "$DSN" >"$TMP/cleanup" || fail "cleanup after kill -9 failed"
grep -q "^dropped database dbbench_${pid}_gw0_" "$TMP/cleanup" || fail "cleanup: $(cat "$TMP/cleanup")"
no_leftovers "cleanup after kill -9"

# 6. SIGINT and SIGTERM stop a run cleanly: exit 1, nothing left; in one
# process and through the parent of a run's processes.
for sig in INT TERM INT:1; do
	replicates=${sig#*:}
	[ "$replicates" != "$sig" ] || replicates=4
	sig=${sig%:*}
	"$DBBENCH" --no-validate -b mysql --dsn "$DSN" -s template \
		--max-time 60 --target-ci 0.0001 -q --replicates "$replicates" \
		-o "$TMP/never.txt" >"$TMP/sig.out" 2>"$TMP/sig.err" &
	pid=$!
	tries=0
	while [ -z "$(my_leftovers)" ] && [ "$tries" -lt 300 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	[ "$tries" -lt 300 ] || fail "SIG$sig: no scratch database while measuring"
	kill -"$sig" "$pid"
	set +e
	wait "$pid"
	status=$?
	set -e
	[ "$status" -eq 1 ] || fail "SIG$sig ($replicates processes): exit $status, expected 1"
	[ "$(cat "$TMP/sig.err")" = "dbbench: interrupted" ] ||
		fail "SIG$sig ($replicates processes): $(cat "$TMP/sig.err")"
	[ ! -e "$TMP/never.txt" ] || fail "SIG$sig: a report was written"
	tries=0
	while [ -n "$(my_leftovers)" ] && [ "$tries" -lt 50 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	no_leftovers "SIG$sig"
done
done_ok
