#!/bin/sh
# budget.sh - how long an adaptive run measures and what it says about it:
# without --max-time the first measuring process sets the limit and one
# line on stderr says it (none with -q); no cell ends with fewer than 5
# rounds, however short the limit; and where there is no interval (one
# round) the JSON says null instead of a zero-width one, and a saved run
# reads back the same.  Nothing here depends on how fast the machine is.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

estimate='^dbbench: measuring [0-9]+ cells? for up to [0-9]+ s'

# The limit set from the first process, said once; the run keeps to it.
"$DBBENCH" --no-validate -s rollback --replicates 2 --target-ci 50 \
	-o "$TMP/auto.txt" 2>"$TMP/auto.err" || fail "adaptive run failed"
[ "$(grep -cE "$estimate: 8 processes like the first \([0-9.]+ s\); --max-time sets the limit$" "$TMP/auto.err")" -eq 1 ] ||
	fail "no estimate line: $(cat "$TMP/auto.err")"
pass
"$DBBENCH" -q --no-validate -s rollback --replicates 2 --target-ci 50 \
	-f json -o "$TMP/auto.json" 2>"$TMP/quiet.err" || fail "adaptive run failed"
[ ! -s "$TMP/quiet.err" ] || fail "-q printed: $(cat "$TMP/quiet.err")"
[ "$(json_get "$TMP/auto.json" '10 <= j["config"]["max_time_s"] <= 135')" = True ] ||
	fail "the limit kept: $(json_get "$TMP/auto.json" 'j["config"]["max_time_s"]')"
pass

# A limit given is the user's own: nothing to announce.
"$DBBENCH" --no-validate -s rollback --replicates 2 --target-ci 50 \
	--max-time 3 -o "$TMP/given.txt" 2>"$TMP/given.err" || fail "--max-time 3 failed"
! grep -qE "$estimate" "$TMP/given.err" ||
	fail "an estimate line with --max-time: $(cat "$TMP/given.err")"
pass

# Fixed rounds: nothing to estimate.
"$DBBENCH" --no-validate -s rollback --rounds 2 --replicates 2 \
	-o "$TMP/fixed.txt" 2>"$TMP/fixed.err" || fail "--rounds 2 failed"
! grep -qE "$estimate" "$TMP/fixed.err" || fail "an estimate for fixed rounds"
pass

# However short the limit, every cell gets 5 rounds: no interval of the
# median from fewer.
# And a run the limit ended short of its target says why.
"$DBBENCH" -q --no-validate -s rollback,per-test -j 1,2 --replicates 3 \
	--max-time 0.01 --target-ci 0.001 -f json -o "$TMP/short.json" ||
	fail "--max-time 0.01 failed"
[ "$(json_get "$TMP/short.json" 'min(c["rounds"] for c in j["cells"]) >= 5 and all(c["ci_rel"] is not None and c["suite_overhead"]["ci95_low"] is not None for c in j["cells"])')" = True ] ||
	fail "a cell under 5 rounds: $(json_get "$TMP/short.json" '[(c["strategy"], c["workers"], c["rounds"]) for c in j["cells"]]')"
pass
json_get "$TMP/short.json" '"\n".join(j.get("notes", []))' |
	grep -qE "^measuring stopped at the 0.01 s limit with 4 of 4 cells short of the 0.001% target; the widest, sqlite (rollback|per-test) at ±[0-9.]+%, is held wide by the spread between its ([0-9]+ processes' medians|[0-9]+ rounds)" ||
	fail "no note on why: $(json_get "$TMP/short.json" 'j.get("notes")')"
pass

# A later process of a run measures the cells the parent gives it, each for
# its seconds after a first round: truncate is not given, rollback no more
# than its round, per-test half a second (some 25 rounds, at most 20).
"$DBBENCH" --no-validate -s rollback,per-test,truncate --child-rounds 20 \
	--child-index 2 --child-cells 'sqlite/per-test/1/1=0.5,sqlite/rollback/1/1=0' \
	>"$TMP/child.json" 2>"$TMP/child.err" || fail "a child run failed: $(cat "$TMP/child.err")"
[ "$(json_get "$TMP/child.json" 'sorted((c["strategy"], c["rounds"] > 1) for c in j["cells"])')" = \
	"[('per-test', True), ('rollback', False)]" ] ||
	fail "the cells given: $(json_get "$TMP/child.json" '[(c["strategy"], c["rounds"]) for c in j["cells"]]')"
set +e
"$DBBENCH" --child-rounds 20 --child-cells 'sqlite/rollback/1=0.5' >/dev/null 2>"$TMP/bad.err"
status=$?
set -e
[ "$status" -eq 2 ] && [ "$(wc -l <"$TMP/bad.err")" -eq 1 ] &&
	grep -q -- "--child-cells: not a list of BACKEND/STRATEGY/WORKERS/SCALE=SECONDS" "$TMP/bad.err" ||
	fail "a bad --child-cells: exit $status, $(cat "$TMP/bad.err")"
pass

# One round asked for: no interval, and the JSON says null, not low == high.
"$DBBENCH" -q --no-validate -s rollback,per-test --rounds 1 \
	-f json -o "$TMP/one.json" || fail "--rounds 1 failed"
[ "$(json_get "$TMP/one.json" '[(c["rounds"], c["ci_rel"], c["suite_overhead"]["ci95_low"], c["suite_overhead"]["ci95_high"], c["phases"]["session_setup"]["ci95_low"]) for c in j["cells"]]')" = \
	"[(1, None, None, None, None), (1, None, None, None, None)]" ] ||
	fail "one round has an interval: $(json_get "$TMP/one.json" '[c["suite_overhead"] for c in j["cells"]]')"
# per test there are 27 samples, so an interval
[ "$(json_get "$TMP/one.json" 'all(c["per_test"]["ci95_low"] <= c["per_test"]["median"] <= c["per_test"]["ci95_high"] for c in j["cells"])')" = True ] ||
	fail "per-test interval missing"
"$DBBENCH" report "$TMP/one.json" -f json -o "$TMP/again.json" || fail "a run of one round does not load"
[ "$(json_get "$TMP/again.json" '[(c["ci_rel"], c["suite_overhead"]["ci95_low"]) for c in j["cells"]]')" = "[(None, None), (None, None)]" ] ||
	fail "one round read back with an interval"
pass
done_ok
