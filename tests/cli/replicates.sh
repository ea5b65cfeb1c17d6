#!/bin/sh
# replicates.sh - a run measured in several processes (--replicates): the
# rounds are spread over the processes as asked, each cell records what
# each process added, its interval holds the spread between the processes
# (recomputed here from the samples), a saved run gives the same figures
# again, and --replicates 1 measures in one process.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON (apt-get install python3)"

expect_error 2 "^dbbench: --replicates: " --replicates 0
expect_error 2 "^dbbench: --replicates: " --replicates many

# Fixed rounds: 7 over 3 processes are 3, 2 and 2.
"$DBBENCH" -q --no-validate -s rollback,template --rounds 7 --replicates 3 \
	-f json -o "$TMP/fixed.json" || fail "--rounds 7 --replicates 3 failed"
[ "$(json_get "$TMP/fixed.json" 'j["replicates"], j["config"]["replicates"]')" = "(3, 3)" ] ||
	fail "processes: $(json_get "$TMP/fixed.json" 'j["replicates"]')"
[ "$(json_get "$TMP/fixed.json" '[(c["rounds"], c["replicates"]["rounds"]) for c in j["cells"]]')" = \
	"[(7, [3, 2, 2]), (7, [3, 2, 2])]" ] ||
	fail "rounds per process: $(json_get "$TMP/fixed.json" '[c["replicates"] for c in j["cells"]]')"
pass

# Every count adds up to the series it counts, and the interval of the
# median suite overhead is at least median +- t(k-1) sqrt(pi/2)
# sd(process medians) / sqrt(k), computed here independently.
python3 - "$TMP/fixed.json" <<'PY' || fail "the interval does not hold the spread between processes"
import json, math, statistics, sys
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776}
j = json.load(open(sys.argv[1]))
for c in j["cells"]:
    r, s = c["replicates"], c["samples"]
    assert sum(r["rounds"]) == len(s["suite_overhead"]) == len(s["wall"])
    assert sum(r["sessions"]) == len(s["session_setup"])
    assert sum(r["tests"]) == len(s["per_test"]) == len(s["test_index"])
    assert sum(r["connects"]) == len(s["connect"])
    meds, off = [], 0
    for n in r["rounds"]:
        meds.append(statistics.median(s["suite_overhead"][off:off + n]))
        off += n
    k = len(meds)
    half = T95[k - 1] * math.sqrt(math.pi / 2) * statistics.stdev(meds) / math.sqrt(k)
    so = c["suite_overhead"]
    assert so["median"] == statistics.median(s["suite_overhead"]), c["strategy"]
    low = max(so["median"] - half, 0.0)
    assert so["ci95_low"] <= low + 1e-6 * so["median"], (c["strategy"], so, half)
    assert so["ci95_high"] >= so["median"] + half - 1e-6 * so["median"], (c["strategy"], so, half)
PY
pass

# A saved run renders with the same intervals: the record is read back.
"$DBBENCH" report "$TMP/fixed.json" -f json -o "$TMP/again.json" || fail "report failed"
[ "$(json_get "$TMP/again.json" '[c["suite_overhead"]["ci95_low"] for c in j["cells"]]')" = \
	"$(json_get "$TMP/fixed.json" '[c["suite_overhead"]["ci95_low"] for c in j["cells"]]')" ] ||
	fail "the saved run's intervals differ"
pass

# Adaptive: a cell stops only after --replicates processes and 10 rounds.
"$DBBENCH" -q --no-validate -s rollback --replicates 4 --max-time 5 \
	-f json -o "$TMP/adaptive.json" || fail "adaptive run failed"
[ "$(json_get "$TMP/adaptive.json" 'all(len(c["replicates"]["rounds"]) >= 4 and c["rounds"] >= 10 for c in j["cells"] if c["converged"])')" = True ] ||
	fail "a cell stopped early: $(json_get "$TMP/adaptive.json" '[(c["rounds"], c["replicates"]["rounds"]) for c in j["cells"]]')"
[ "$(json_get "$TMP/adaptive.json" 'j["replicates"] >= 4')" = True ] || fail "fewer than 4 processes"
pass

# A measuring process killed from outside ends the run: exit 1, one line,
# no report.  (pkill finds it: procps.)
if command -v pkill >/dev/null 2>&1; then
	"$DBBENCH" --no-validate -s per-test --max-time 30 --target-ci 0.0001 \
		-o "$TMP/never.txt" 2>"$TMP/killed.err" &
	pid=$!
	tries=0
	while ! pkill -KILL -P "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	set +e
	wait "$pid"
	status=$?
	set -e
	[ "$status" -eq 1 ] || fail "a killed measuring process: exit $status"
	[ "$(cat "$TMP/killed.err")" = "dbbench: a measuring process was killed by signal 9" ] ||
		fail "a killed measuring process: $(cat "$TMP/killed.err")"
	[ ! -e "$TMP/never.txt" ] || fail "a report was written after a measuring process was killed"
	pass
fi

# One process: no record, and the report does not speak of processes.
"$DBBENCH" -q --no-validate -s rollback --rounds 3 --replicates 1 \
	-f json -o "$TMP/one.json" || fail "--replicates 1 failed"
[ "$(json_get "$TMP/one.json" 'j["replicates"], any("replicates" in c for c in j["cells"])')" = "(1, False)" ] ||
	fail "--replicates 1: $(json_get "$TMP/one.json" 'j["replicates"]')"
"$DBBENCH" report "$TMP/one.json" >"$TMP/one.txt"
! grep -q "process" "$TMP/one.txt" || fail "one process spoken of: $(grep process "$TMP/one.txt")"
pass
done_ok
