#!/bin/sh
# faults.sh - faults on a real server during a run: a backend terminated,
# the server stopped and restarted, a statement timeout, max_connections
# reached.  Each ends with the documented exit status and one line on
# stderr or failures in the report; no file is half-written, and no
# dbbench_* database remains once the server is reachable.
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

# A working connection terminated: its session's tests fail and are
# reported, the run goes on (exit 0), the report is whole.
"$DBBENCH" -b postgres -s rollback --tests 20000 --rounds 1 --warmup 0 \
	--no-validate -q -f json -o "$TMP/term.json" 2>"$TMP/term.err" &
pid=$!
sleep 1.5
pg_psql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
	WHERE application_name = 'dbbench' AND datname LIKE 'dbbench\_%\_gw%'" >/dev/null
set +e
wait "$pid"
status=$?
set -e
[ "$status" -eq 0 ] || fail "terminated backend: exit $status: $(cat "$TMP/term.err")"
[ "$(json_get "$TMP/term.json" 'j["cells"][0]["failed"] > 0 and any("server closed the connection" in f["error"] or "terminating connection" in f["error"] or "no connection" in f["error"] for f in j["failures"])')" = True ] ||
	fail "the terminated connection's failures are not reported"
no_leftovers "terminated backend"

# The server stopped (immediate) and restarted during a run.  Whichever
# comes first decides the outcome, and both are right: the run meets the
# stopped server when it needs a new connection (exit 1, one line, no
# report file), or it gets one after the restart and goes on, reporting
# the tests that lost theirs (exit 0, failures in the report).  A run that
# ends while the server is down cannot drop its scratch database; once the
# server is back, dbbench cleanup does.
"$DBBENCH" -b postgres -s rollback --tests 20000 --rounds 3 --warmup 0 \
	--no-validate -q -o "$TMP/stop.txt" 2>"$TMP/stop.err" &
pid=$!
sleep 1.5
pg_stop_server
sleep 1
pg_start_server
set +e
wait "$pid"
status=$?
set -e
case $status in
0)
	grep -q "^failures" "$TMP/stop.txt" ||
		fail "server restarted, exit 0, but no failures reported"
	;;
1)
	[ "$(wc -l <"$TMP/stop.err")" -eq 1 ] || fail "server stopped: $(cat "$TMP/stop.err")"
	grep -Eq "^dbbench: .*postgres.*: (server closed the connection|cannot connect|no connection|terminating connection)" "$TMP/stop.err" ||
		fail "server stopped: $(cat "$TMP/stop.err")"
	[ ! -e "$TMP/stop.txt" ] || fail "a report was written after the server stopped"
	;;
*)
	fail "server stopped: exit $status: $(cat "$TMP/stop.err")"
	;;
esac
pass
"$DBBENCH" cleanup >/dev/null || fail "cleanup after the restart failed"
no_leftovers "server restarted"

# A statement timeout is a failed statement, reported with the server's
# message; --strict makes it the run's error.
mkdir -p "$TMP/slow/tests"
echo "CREATE TABLE t (x int);" >"$TMP/slow/schema.sql"
echo "SELECT 1;" >"$TMP/slow/tests/01-fast.sql"
echo "SELECT pg_sleep(0.3);" >"$TMP/slow/tests/02-slow.sql"
"$DBBENCH" -b postgres -s rollback -w "$TMP/slow" --rounds 1 --warmup 0 \
	--no-validate --dsn "$DBBENCH_PG_DSN options='-c statement_timeout=100'" \
	>"$TMP/timeout" || fail "statement timeout run failed"
grep -q "body of tests/02-slow.sql: tests/02-slow.sql:1: postgres: canceling statement due to statement timeout" "$TMP/timeout" ||
	fail "timeout not reported: $(cat "$TMP/timeout")"
expect_error 1 "02-slow.sql failed in body: .*statement timeout" -b postgres \
	-s rollback -w "$TMP/slow" --rounds 1 --warmup 0 --no-validate --strict \
	--dsn "$DBBENCH_PG_DSN options='-c statement_timeout=100'"
no_leftovers "statement timeout"

# max_connections (40) taken by other clients: exit 1 naming the server.
# The clients hold their slots until they are stopped (their server
# processes notice the client gone within 0.1 s); dbbench starts once a
# probe finds the server full.  A probe holds a slot while it runs, so a
# client connecting at that moment is turned away and exits: when the
# count of waiting clients stops growing, the missing ones are started
# again (extra ones are turned away too, harmlessly).
clients=''
psql=$(pg_psql_path)
start_clients() {
	n=0
	while [ "$n" -lt "$1" ]; do
		PGOPTIONS='-c client_connection_check_interval=100' \
			"$psql" -X -q -h "$DBBENCH_PG_SOCKET_DIR" -p "$DBBENCH_PG_PORT" \
			-U postgres -c "SELECT pg_sleep(300)" >/dev/null 2>&1 &
		clients="$clients $!"
		n=$((n + 1))
	done
}
start_clients 40
tries=0
stalled=0
last=-1
while waiting=$(pg_psql "SELECT count(*) FROM pg_stat_activity
	WHERE query = 'SELECT pg_sleep(300)'" 2>/dev/null); do
	tries=$((tries + 1))
	[ "$tries" -lt 1200 ] || fail "40 clients did not fill the server in 120 s ($waiting waiting)"
	if [ "$waiting" -gt "$last" ]; then
		last=$waiting
		stalled=0
	else
		stalled=$((stalled + 1))
	fi
	if [ "$stalled" -ge 20 ]; then
		start_clients $((40 - waiting))
		stalled=0
	fi
	sleep 0.1
done
expect_error 1 "cannot connect to host $DBBENCH_PG_SOCKET_DIR port $DBBENCH_PG_PORT database postgres: .*too many clients" \
	-b postgres -s rollback --rounds 1 --no-validate
# shellcheck disable=SC2086 # the clients' pids, one word each
kill $clients 2>/dev/null || true
wait
tries=0
until pg_psql "SELECT 1" >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -lt 300 ] || fail "the server still full 30 s after the clients ended"
	sleep 0.1
done
no_leftovers "max_connections"
done_ok
