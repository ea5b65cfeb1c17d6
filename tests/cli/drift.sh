#!/bin/sh
# drift.sh - the trend of per-test time over a session is measured and
# reported for every cell with long enough sessions.  Whether a trend is
# significant depends on the machine as much as on the code (a load that
# starts halfway through a round looks like drift), so this test checks the
# analysis, not its verdict on SQLite; make bench records the verdicts, and
# the PostgreSQL tests check a drift large enough to stand out of any noise.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

# Too few tests a session for a trend: no drift entry at all.
"$DBBENCH" -s rollback --rounds 2 --warmup 0 -f json -o "$TMP/short.json" ||
	fail "short run failed"
[ "$(json_get "$TMP/short.json" 'j["drift"]')" = "[]" ] ||
	fail "a 27-test session was analysed for drift"
pass

for w in default "$TESTS_DIR/data/drifting"; do
	"$DBBENCH" -s rollback -w "$w" --tests 810 --rounds 3 --warmup 0 \
		-f json -o "$TMP/d.json" || fail "run on $w failed"
	out=$(json_get "$TMP/d.json" '[(d["strategy"], d["workers"], d["seed_scale"]) for d in j["drift"]]')
	[ "$out" = "[('rollback', 1, 1)]" ] || fail "$w: $out: $(json_get "$TMP/d.json" 'j["drift"]')"
	[ "$(json_get "$TMP/d.json" 'all(d["ci95_low"] <= d["pct_per_1000_tests"] <= d["ci95_high"] and d["session_ci95_low"] <= d["pct_over_session"] <= d["session_ci95_high"] and d["session_tests"] == 810 and abs(d["pct_over_session"] - d["pct_per_1000_tests"] * 0.809) < 1e-6 * max(1, abs(d["pct_over_session"])) and 0 <= d["p"] <= 1 and d["significant"] == (d["p"] < 0.01 and abs(d["pct_over_session"]) >= 5) for d in j["drift"])')" = True ] ||
		fail "$w: inconsistent drift figures"
	pass
done
"$DBBENCH" -s rollback --tests 810 --rounds 2 --warmup 0 >"$TMP/d.txt" ||
	fail "text run failed"
grep -Eq "^  sqlite rollback: [-+][0-9.]+% over the session of 810 tests \(95% CI [-+][0-9.]+% to [-+][0-9.]+%; [-+][0-9.]+% per 1,000 tests\), p [0-9.e-]+: (no trend|drifting)$" "$TMP/d.txt" ||
	fail "no drift line: $(sed -n '/^drift/,/^$/p' "$TMP/d.txt")"
pass
done_ok
