#!/bin/sh
# run_json.sh - the JSON report: contract fields, cells and raw samples
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

"$DBBENCH" --backend sqlite --format json --rounds 3 --warmup 0 --tests 30 \
	-o "$TMP/run.json" || fail "json run failed"
[ "$(json_get "$TMP/run.json" 'j["schema_version"]')" = 1 ] || fail "schema_version"
[ "$(json_get "$TMP/run.json" 'j["tool"]["name"]')" = dbbench ] || fail "tool.name"
[ "$(json_get "$TMP/run.json" 'j["config"]["tests"]')" = 30 ] || fail "config.tests"
[ "$(json_get "$TMP/run.json" 'sorted(c["strategy"] for c in j["cells"])')" = \
	"$(strategies_pylist)" ] || fail "cells"
pass
# Every cell has every phase's statistics, and 3 rounds x 30 samples.
out=$(json_get "$TMP/run.json" '
all(set(c["phases"]) == {"session_setup","test_setup","body","test_teardown","session_teardown"}
    and all(set(s) == {"n","min","median","mean","p95","p99","max","stddev","mad","ci95_low","ci95_high","outliers"}
            for s in list(c["phases"].values()) + [c["overhead"], c["per_test"]])
    and c["overhead"]["n"] == 90 and len(c["samples"]["overhead"]) == 90
    and c["phases"]["session_setup"]["n"] == 3 and c["failed"] == 0
    and c["tests_run"] == 90
    and c["overhead"]["ci95_low"] <= c["overhead"]["median"] <= c["overhead"]["ci95_high"]
    and c["overhead"]["min"] <= c["overhead"]["median"] <= c["overhead"]["max"]
    for c in j["cells"])')
[ "$out" = True ] || fail "cell statistics incomplete or inconsistent"
pass
# overhead sample i = test_setup i + test_teardown i, per test.
out=$(json_get "$TMP/run.json" '
all(c["samples"]["overhead"][i] == c["samples"]["test_setup"][i] + c["samples"]["test_teardown"][i]
    and c["samples"]["per_test"][i] == c["samples"]["test_setup"][i] + c["samples"]["body"][i] + c["samples"]["test_teardown"][i]
    for c in j["cells"] for i in range(90))')
[ "$out" = True ] || fail "overhead samples are not setup + teardown"
pass
[ "$(json_get "$TMP/run.json" 'j["backends"][0]["settings"]["journal_mode"]')" = memory ] ||
	fail "SQLite journal_mode not recorded"
# SQLite runs in the library's own configuration unless told otherwise;
# the memory settings that apply are recorded, as the library reports them.
[ "$(json_get "$TMP/run.json" '(j["backends"][0]["settings"]["memstatus"] in ("on", "off"), j["backends"][0]["settings"]["page_cache"].startswith("heap"), j["backends"][0]["settings"]["lookaside"] in ("on", "unused", "off (compiled out)"))')" = "(True, True, True)" ] ||
	fail "SQLite memory settings not recorded: $(json_get "$TMP/run.json" 'j["backends"][0]["settings"]')"
for m in on off; do
	"$DBBENCH" -s rollback --rounds 1 --warmup 0 --no-validate \
		--sqlite-memstatus "$m" -f json -o "$TMP/ms.json" ||
		fail "--sqlite-memstatus $m failed"
	[ "$(json_get "$TMP/ms.json" 'j["backends"][0]["settings"]["memstatus"]')" = "$m" ] ||
		fail "--sqlite-memstatus $m: $(json_get "$TMP/ms.json" 'j["backends"][0]["settings"]')"
done
"$DBBENCH" -s rollback --rounds 1 --warmup 0 --no-validate \
	--sqlite-memstatus off >"$TMP/ms.txt" || fail "--sqlite-memstatus text run failed"
grep -q "^sqlite [0-9.]*: .*memstatus=off, page_cache=heap" "$TMP/ms.txt" ||
	fail "memstatus not on the settings line: $(grep '^sqlite' "$TMP/ms.txt")"
[ "$(json_get "$TMP/run.json" 'len(j["recommendations"]) > 0')" = True ] ||
	fail "no recommendations"
[ "$(json_get "$TMP/run.json" 'j["timer"]["reading_ns"] > 0')" = True ] ||
	fail "timer cost not recorded"
pass
done_ok
