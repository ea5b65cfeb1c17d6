#!/bin/sh
# sampling.sh - per-test samples are bounded by --sample-cap: every sample
# up to the cap, then a sample of the cap spread over the rounds and the
# processes in proportion to what each measured, the per-test series still
# aligned; the JSON says which it is, a saved run reads back with the same
# figures, compare works on it, and report --sample-cap draws a run that
# kept every sample down as a run would have.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

expect_error 2 "^dbbench: --sample-cap: 10 is too few to read percentiles from \(at least 1000, or 0 for all\)$" --sample-cap 10
expect_error 2 "^dbbench: --sample-cap: " --sample-cap lots

# Under the cap: every sample, and the JSON says so.
"$DBBENCH" -q --no-validate -s rollback --tests 500 --rounds 2 \
	-f json -o "$TMP/all.json" || fail "uncapped run failed"
[ "$(json_get "$TMP/all.json" '(j["config"]["sample_cap"], [(c["sampling"]["per_test"], c["sampling"]["tests_kept"], c["sampling"]["tests_timed"], len(c["samples"]["per_test"])) for c in j["cells"]])')" = \
	"(10000, [('all', 1000, 1000, 1000)])" ] ||
	fail "uncapped: $(json_get "$TMP/all.json" '[c["sampling"] for c in j["cells"]]')"
pass

# Over the cap, in three processes: a sample of the cap, each process's
# share in proportion to its rounds, the series aligned, per-round figures
# whole.
"$DBBENCH" -q --no-validate -s rollback,per-test --tests 1500 --rounds 3 \
	--replicates 3 --sample-cap 1000 -f json -o "$TMP/cap.json" ||
	fail "capped run failed"
out=$(python3 - "$TMP/cap.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
ok = []
for c in j["cells"]:
    s, sm, r = c["sampling"], c["samples"], c["replicates"]
    n = len(sm["per_test"])
    ok.append((s["per_test"], s["tests_kept"] == n == 1000,
        s["tests_timed"] == 4500 - c["failed"],
        all(len(sm[k]) == n for k in ("test_setup", "body", "test_teardown", "overhead", "test_index")),
        all(sm["per_test"][i] == sm["test_setup"][i] + sm["body"][i] + sm["test_teardown"][i] for i in range(n)),
        sum(r["tests"]) == n and all(300 <= t <= 367 for t in r["tests"]),
        len(sm["suite_overhead"]) == 3, c["per_test"]["n"] == n,
        len(sm["connect"]) == s["connects_kept"] <= 1000,
        s["connects_timed"] == (4500 if c["strategy"] == "per-test" else 0)))
print(ok)
PY
)
[ "$out" = "[('sample', True, True, True, True, True, True, True, True, True), ('sample', True, True, True, True, True, True, True, True, True)]" ] ||
	fail "capped: $out"
pass

# A saved capped run renders the same figures again and compares.
"$DBBENCH" report -f json -o "$TMP/again.json" "$TMP/cap.json" ||
	fail "report of a capped run failed"
[ "$(json_get "$TMP/again.json" '[(c["per_test"], c["sampling"]) for c in j["cells"]]')" = \
	"$(json_get "$TMP/cap.json" '[(c["per_test"], c["sampling"]) for c in j["cells"]]')" ] ||
	fail "a saved capped run reads back differently"
"$DBBENCH" compare "$TMP/cap.json" "$TMP/cap.json" >"$TMP/cmp.txt" ||
	fail "compare of a capped run failed: $(cat "$TMP/cmp.txt")"
pass

# report --sample-cap: a run that kept every sample, drawn down.
"$DBBENCH" -q --no-validate -s rollback --tests 2000 --rounds 2 \
	--sample-cap 0 -f json -o "$TMP/full.json" || fail "--sample-cap 0 failed"
[ "$(json_get "$TMP/full.json" '[(c["sampling"]["per_test"], len(c["samples"]["per_test"])) for c in j["cells"]]')" = "[('all', 4000)]" ] ||
	fail "--sample-cap 0 did not keep every sample"
"$DBBENCH" report --sample-cap 1000 -f json -o "$TMP/drawn.json" "$TMP/full.json" ||
	fail "report --sample-cap failed"
[ "$(json_get "$TMP/drawn.json" '[(c["sampling"]["per_test"], c["sampling"]["tests_kept"], c["sampling"]["tests_timed"], c["per_test"]["n"]) for c in j["cells"]]')" = "[('sample', 1000, 4000, 1000)]" ] ||
	fail "report --sample-cap: $(json_get "$TMP/drawn.json" '[c["sampling"] for c in j["cells"]]')"
pass
# Percentiles of a sampled cell come from the sketch of every test: within
# its 0.2% of those of all the samples, extremes exact.
out=$(python3 - "$TMP/full.json" "$TMP/drawn.json" <<'PY'
import json, sys
full, drawn = (json.load(open(f))["cells"][0] for f in sys.argv[1:3])
worst = 0
for ser in ("overhead", "per_test"):
    for q in ("median", "p95", "p99"):
        worst = max(worst, abs(drawn[ser][q] / full[ser][q] - 1))
    assert drawn[ser]["min"] == full[ser]["min"] and drawn[ser]["max"] == full[ser]["max"], ser
for ph in ("test_setup", "body", "test_teardown"):
    for q in ("median", "p95", "p99"):
        worst = max(worst, abs(drawn["phases"][ph][q] / full["phases"][ph][q] - 1))
print(worst <= 0.002 + 1e-9, drawn["sketches"]["per_test"]["n"] == 4000, worst)
PY
)
case "$out" in "True True "*) ;; *) fail "sketch percentiles: $out" ;; esac
pass
# A saved sketch that does not add up is refused.
python3 - "$TMP/drawn.json" "$TMP/bad.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["cells"][0]["sketches"]["body"]["n"] += 1
json.dump(j, open(sys.argv[2], "w"))
PY
expect_error 2 "sketches.body.counts: counts add up to" report "$TMP/bad.json"
done_ok
