#!/bin/sh
# bench.sh - dbbench's figures against a hand-written C loop ('make bench')
#
# Runs the raw loop and dbbench alternately as separate processes
# (A B A B ...), three pairs, on the same machine in the same minute, and
# prints for each pair and for the median pair:
#   rollback overhead ratio = dbbench rollback overhead median on the noop
#                             workload (its body is SELECT 1, so the
#                             overhead is BEGIN + ROLLBACK and nothing
#                             else) / raw BEGIN+ROLLBACK median (goal <= 1.5)
#   body ratio              = dbbench rollback body median on the default
#                             workload / raw body median     (goal <= 1.10)
# dbbench runs 2,700-test suites (each body 100 times a session) so that,
# as in the raw loop, nearly every execution reuses a prepared statement.
#
# Then the agreement figures measured in one process (agree.c, $AGREE,
# AGREE_PAIRS pairs, default 5):
# rollback, savepoint, per-test and body, dbbench's runner and the raw
# loop taking turns, so that differences between processes (address-space
# layout, page placement) stay out of the ratios.
# Not a test: the machine is shared, so the figures are reported, never
# asserted.
set -eu

: "${DBBENCH:?}" "${RAWLOOP:?}" "${AGREE:?}" "${DBBENCH_FIXTURES:?}"
NOOP_WORKLOAD=${NOOP_WORKLOAD:-$(cd "$(dirname "$0")" && pwd)/noop}
pairs=${BENCH_PAIRS:-3}
iterations=${BENCH_ITERATIONS:-200000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "dbbench vs raw C loop, SQLite :memory:, default workload"
echo "pair  raw BEGIN+ROLLBACK  dbbench overhead  ratio   raw body  dbbench body  ratio"
i=1
while [ "$i" -le "$pairs" ]; do
	"$RAWLOOP" "$DBBENCH_FIXTURES" "$iterations" >"$tmp/raw"
	"$DBBENCH" -s rollback --tests 2700 --rounds 20 -q -f json -o "$tmp/db.json"
	"$DBBENCH" -s rollback -w "$NOOP_WORKLOAD" --tests 10000 \
		--rounds 20 -q --no-validate -f json -o "$tmp/noop.json"
	python3 - "$tmp/raw" "$tmp/db.json" "$tmp/noop.json" "$i" \
		>>"$tmp/rows" <<'PY'
import json, sys
raw = dict(l.split() for l in open(sys.argv[1]))
cell = json.load(open(sys.argv[2]))["cells"][0]
noop = json.load(open(sys.argv[3]))["cells"][0]
br, body = float(raw["begin_rollback"]), float(raw["body"])
ov, db_body = noop["overhead"]["median"], cell["phases"]["body"]["median"]
print(f"{sys.argv[4]:>4}  {br:>15.0f} ns  {ov:>13.0f} ns  {ov/br:5.2f}  "
      f"{body/1000:>6.2f} us  {db_body/1000:>9.2f} us  {db_body/body:5.3f}")
PY
	i=$((i + 1))
done
cat "$tmp/rows"
python3 - "$tmp/rows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
ov = statistics.median(float(r[5]) for r in rows)
body = statistics.median(float(r[10]) for r in rows)
print(f"median of {len(rows)} pairs: rollback overhead ratio {ov:.2f} (goal <= 1.5), "
      f"body ratio {body:.3f} (goal <= 1.10)")
PY

# The same figures, and savepoint and per-test, in one process.
echo
"$AGREE" "$DBBENCH_FIXTURES" "$NOOP_WORKLOAD" "${AGREE_PAIRS:-5}" \
	"$iterations"

# Workers: throughput of SQLite rollback at 2 workers against 1, dbbench
# (wall time of a 20,000-test suite, sessions included) against the raw
# loop with 1 and 2 threads, alternately.  Goal: dbbench >= 1.8x.
echo
echo "workers: SQLite rollback, 2 workers against 1 (throughput ratio)"
echo "pair  raw threads  dbbench workers"
i=1
while [ "$i" -le "$pairs" ]; do
	r1=$("$RAWLOOP" "$DBBENCH_FIXTURES" "$iterations" 1 | sed -n 's/^throughput //p')
	r2=$("$RAWLOOP" "$DBBENCH_FIXTURES" "$iterations" 2 | sed -n 's/^throughput //p')
	"$DBBENCH" -s rollback --workers 1,2 --tests 20000 --rounds 5 -q \
		-f json -o "$tmp/w.json"
	python3 - "$r1" "$r2" "$tmp/w.json" "$i" >>"$tmp/wrows" <<'PY'
import json, sys
raw = float(sys.argv[2]) / float(sys.argv[1])
rows = json.load(open(sys.argv[3]))["scaling"]
db = [r["speedup"] for r in rows if r["workers"] == 2][0]
print(f"{sys.argv[4]:>4}  {raw:10.2f}x  {db:14.2f}x")
PY
	i=$((i + 1))
done
cat "$tmp/wrows"
python3 - "$tmp/wrows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
raw = statistics.median(float(r[1].rstrip("x")) for r in rows)
db = statistics.median(float(r[2].rstrip("x")) for r in rows)
print(f"median of {len(rows)} pairs: raw {raw:.2f}x, dbbench {db:.2f}x (goal >= 1.8x)")
PY

# The library as applications use it: SQLite left in its own configuration
# (memory statistics as built), a hand-written loop timing BEGIN; body;
# ROLLBACK as one region (rawloop --library) against dbbench's SQLite
# rollback per-test median on the same default workload, alternately; and
# dbbench with --sqlite-memstatus off, to show what the statistics cost.
# Goal: dbbench / raw within 0.90-1.10.
echo
echo "SQLite per test, library configuration: dbbench rollback against BEGIN; body; ROLLBACK"
echo "pair  raw per test  dbbench per test  ratio  dbbench memstatus off"
i=1
while [ "$i" -le "$pairs" ]; do
	raw=$("$RAWLOOP" --library "$DBBENCH_FIXTURES" "$iterations" | sed -n 's/^per_test //p')
	"$DBBENCH" -s rollback --tests 2700 --rounds 20 -q --no-validate \
		-f json -o "$tmp/lib.json"
	"$DBBENCH" -s rollback --tests 2700 --rounds 20 -q --no-validate \
		--sqlite-memstatus off -f json -o "$tmp/off.json"
	python3 - "$raw" "$tmp/lib.json" "$tmp/off.json" "$i" >>"$tmp/lrows" <<'PY'
import json, sys
raw = float(sys.argv[1])
lib = json.load(open(sys.argv[2]))
off = json.load(open(sys.argv[3]))
db = lib["cells"][0]["per_test"]["median"]
db_off = off["cells"][0]["per_test"]["median"]
ms = lib["backends"][0]["settings"]["memstatus"]
print(f"{sys.argv[4]:>4}  {raw/1000:9.2f} us  {db/1000:13.2f} us  {db/raw:5.3f}  "
      f"{db_off/1000:9.2f} us ({db_off/db - 1:+.1%}; memstatus {ms} by default)")
PY
	i=$((i + 1))
done
cat "$tmp/lrows"
python3 - "$tmp/lrows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
ratio = statistics.median(float(r[5]) for r in rows)
print(f"median of {len(rows)} pairs: dbbench / raw per test {ratio:.3f} "
      f"(goal 0.90-1.10)")
PY
