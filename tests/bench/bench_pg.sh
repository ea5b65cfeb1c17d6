#!/bin/sh
# bench_pg.sh - dbbench against pgbench on the same PostgreSQL server
#
# Runs inside a throwaway cluster (tests/pg/with_cluster.sh).  One test body
# of the default workload, wrapped in BEGIN ... ROLLBACK, over the same Unix
# socket, is timed alternately (A B A B ...) by
#   pgbench -n -M prepared -c 1 -f script   "latency average"
#   dbbench -s rollback --protocol prepared  mean per-test time
#                                            (setup + body + teardown)
# and the ratio dbbench / pgbench is printed per pair and for the median
# pair (goal <= 1.10).  dbbench runs with --no-pin here, so that both tools
# are placed by the scheduler alike (pgbench cannot pin its backend).
# Then connecting, alternately:
#   pgbench -n -C -c 1 -f 'SELECT 1'         "average connection time"
#   pgbench -n -C -c 1 -f per-test work      the same, each connection
#                                            building and dropping the
#                                            schema and seed as per-test does
#   dbbench -s per-test                      mean of the connect part of
#                                            test setup (PQconnectdbParams)
# Then placement: the same rollback run with and without --pin,
# alternately, PIN_PAIRS pairs, with the spread of each and where client
# and backend were seen.  Reported, never asserted: on 2 CPUs where the
# client and the server backend run decides a round trip's cost.
set -eu

if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/../pg/with_cluster.sh" sh "$0" "$@"
fi
: "${DBBENCH:?}" "${DBBENCH_FIXTURES:?}"
pairs=${BENCH_PAIRS:-3}
seconds=${BENCH_SECONDS:-4}
body=${BENCH_BODY:-02-read-user-by-id.sql}
pgbench=$DBBENCH_PG_BINDIR/pgbench
[ -x "$pgbench" ] || pgbench=pgbench
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-benchpg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# A one-test workload, and the same statements for pgbench.
default=$DBBENCH_FIXTURES/default
mkdir -p "$tmp/w/tests"
cp "$default/schema.postgres.sql" "$default/seed.sql" "$tmp/w/"
cp "$default/tests/$body" "$tmp/w/tests/"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE bench" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d bench -f "$tmp/w/schema.postgres.sql" \
	-f "$tmp/w/seed.sql" >/dev/null
{
	echo "BEGIN;"
	grep -v '^--' "$tmp/w/tests/$body"
	echo "ROLLBACK;"
} >"$tmp/script.sql"

echo "dbbench vs pgbench, PostgreSQL over a Unix socket, body $body"
echo "pair  pgbench latency  dbbench per test  ratio"
i=1
while [ "$i" -le "$pairs" ]; do
	"$pgbench" -n -M prepared -c 1 -T "$seconds" -f "$tmp/script.sql" bench \
		>"$tmp/pgbench.out" 2>&1
	pg_ms=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$tmp/pgbench.out")
	"$DBBENCH" -b postgres -w "$tmp/w" -s rollback --protocol prepared \
		--tests 2000 --rounds 3 --warmup 1 --no-pin -q -f json \
		-o "$tmp/db.json"
	python3 - "$pg_ms" "$tmp/db.json" "$i" >>"$tmp/rows" <<'PY'
import json, sys
pg_us = float(sys.argv[1]) * 1000
cell = json.load(open(sys.argv[2]))["cells"][0]
db_us = cell["per_test"]["mean"] / 1000
print(f"{sys.argv[3]:>4}  {pg_us:>11.1f} us  {db_us:>13.1f} us  {db_us / pg_us:5.2f}")
PY
	i=$((i + 1))
done
cat "$tmp/rows"
python3 - "$tmp/rows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
r = statistics.median(float(x[5]) for x in rows)
print(f"median of {len(rows)} pairs: dbbench / pgbench = {r:.2f} (goal <= 1.10)")
PY

echo "SELECT 1;" >"$tmp/select1.sql"
# What a per-test connection is followed by: the schema and seed built in a
# schema of its own, then dropped, one statement a line for pgbench.
{
	echo "CREATE SCHEMA s;"
	echo "SET search_path = s;"
	cat "$tmp/w/schema.postgres.sql" "$tmp/w/seed.sql" | grep -v '^--' |
		tr '\n' ' ' | sed 's/;/;\n/g' | grep -v '^ *$'
	echo "RESET search_path;"
	echo "DROP SCHEMA s CASCADE;"
} >"$tmp/pertest.sql"
echo "connecting: pgbench -C average connection time, running SELECT 1 and running"
echo "the per-test work (schema, seed, drop), against dbbench per-test connect"
echo "pair  pgbench SELECT 1  pgbench per-test work  dbbench connect  ratios"
i=1
while [ "$i" -le "$pairs" ]; do
	"$pgbench" -n -C -c 1 -T "$seconds" -f "$tmp/select1.sql" bench \
		>"$tmp/pgbench.out" 2>&1
	pg_ms=$(sed -n 's/^average connection time = \([0-9.]*\) ms$/\1/p' "$tmp/pgbench.out")
	"$pgbench" -n -C -c 1 -T "$seconds" -f "$tmp/pertest.sql" bench \
		>"$tmp/pgbench.out" 2>&1
	work_ms=$(sed -n 's/^average connection time = \([0-9.]*\) ms$/\1/p' "$tmp/pgbench.out")
	"$DBBENCH" -b postgres -w "$tmp/w" -s per-test --tests 200 --rounds 2 \
		--warmup 1 --no-pin -q -f json -o "$tmp/conn.json"
	python3 - "$pg_ms" "$work_ms" "$tmp/conn.json" "$i" >>"$tmp/conn_rows" <<'PY'
import json, sys
pg_us, work_us = float(sys.argv[1]) * 1000, float(sys.argv[2]) * 1000
cell = json.load(open(sys.argv[3]))["cells"][0]
db_us = cell["connect"]["mean"] / 1000
print(f"{sys.argv[4]:>4}  {pg_us:>11.1f} us  {work_us:>16.1f} us  {db_us:>12.1f} us  "
      f"{db_us / pg_us:5.2f} {db_us / work_us:5.2f}")
PY
	i=$((i + 1))
done
cat "$tmp/conn_rows"
python3 - "$tmp/conn_rows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
r1 = statistics.median(float(x[7]) for x in rows)
r2 = statistics.median(float(x[8]) for x in rows)
print(f"median of {len(rows)} pairs: dbbench / pgbench connect = {r1:.2f} against SELECT 1, "
      f"{r2:.2f} against the same per-test work (goal <= 1.10)")
PY

# Placement: --pin against the scheduler's choice, alternately.
pin_pairs=${PIN_PAIRS:-5}
echo "placement: dbbench -s rollback per test, pinned against not pinned"
echo "pair  not pinned (client/backend CPU)  pinned (client/backend CPU)"
i=1
while [ "$i" -le "$pin_pairs" ]; do
	"$DBBENCH" -b postgres -w "$tmp/w" -s rollback --protocol prepared \
		--tests 2000 --rounds 3 --warmup 1 --no-pin -q -f json \
		-o "$tmp/free.json"
	"$DBBENCH" -b postgres -w "$tmp/w" -s rollback --protocol prepared \
		--tests 2000 --rounds 3 --warmup 1 -q --pin -f json \
		-o "$tmp/pinned.json"
	python3 - "$tmp/free.json" "$tmp/pinned.json" "$i" >>"$tmp/pin_rows" <<'PY'
import json, sys
out = []
for f in sys.argv[1:3]:
    c = json.load(open(f))["cells"][0]
    out.append(f'{c["per_test"]["mean"] / 1000:8.1f} us ({c["client_cpu"]}/{c["server_cpu"]})')
print(f"{sys.argv[3]:>4}  {out[0]:>30}  {out[1]:>26}")
PY
	i=$((i + 1))
done
cat "$tmp/pin_rows"
python3 - "$tmp/pin_rows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
free = [float(r[1]) for r in rows]
pinned = [float(r[4]) for r in rows]
print(f"not pinned: median {statistics.median(free):.1f} us, range {min(free):.1f}-{max(free):.1f} us; "
      f"pinned: median {statistics.median(pinned):.1f} us, range {min(pinned):.1f}-{max(pinned):.1f} us")
PY
