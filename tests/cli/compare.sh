#!/bin/sh
# compare.sh - comparing runs: two runs of the same build are no
# regression; the same run made 50% slower is one (exit 3) and made faster
# an improvement; the threshold decides; differing setups are warned about;
# --baseline does the same after a run, with a saved run's NAME too; too
# few rounds for the test to reach p < 0.05 is "not enough data"
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to edit JSON"

# scaled IN OUT FACTOR: IN with every raw sample multiplied by FACTOR.
scaled() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for c in j["cells"]:
    for k, v in c["samples"].items():
        c["samples"][k] = [int(round(x * float(sys.argv[3]))) for x in v]
json.dump(j, open(sys.argv[2], "w"))
PY
}

# verdicts FILE: the verdicts of the comparison table in FILE, one a line.
verdicts() {
	sed -n '/^cell /,/^$/p' "$1" | sed '1d;/^$/d' |
		sed -E 's/.*(<0\.0001|[0-9]\.[0-9]{4}|-)  //'
}

# A/A: the same measurement seen twice.  Two real runs of the same build
# also differ by whatever the machine did in between (under parallel tests
# and the sanitizers, by 40% here), which a timing-free test cannot assert
# on: the A/A figures of real run pairs are measured by make bench (see
# doc/performance.md).  Here B is a bootstrap replicate of A: every series
# resampled with replacement, with a fixed seed, so the same distribution
# seen through other draws.
# 40 rounds: 4 in each of the 10 processes, whose medians the test compares
"$DBBENCH" -s rollback,per-test --rounds 40 --warmup 1 -f json \
	-o "$TMP/a.json" || fail "run a failed"
python3 - "$TMP/a.json" "$TMP/b.json" <<'PY'
import json, random, sys
random.seed(1)
j = json.load(open(sys.argv[1]))
for c in j["cells"]:
    for k, v in c["samples"].items():
        c["samples"][k] = [random.choice(v) for _ in v] if v else v
json.dump(j, open(sys.argv[2], "w"))
PY
"$DBBENCH" compare "$TMP/a.json" "$TMP/b.json" >"$TMP/aa" 2>"$TMP/aa.err" ||
	fail "A/A comparison: exit $?: $(cat "$TMP/aa.err") $(cat "$TMP/aa")"
[ "$(verdicts "$TMP/aa" | wc -l)" -eq 2 ] || fail "A/A: not two rows: $(cat "$TMP/aa")"
! verdicts "$TMP/aa" | grep -q regression || fail "A/A reported a regression: $(cat "$TMP/aa")"
grep -q "^0 regressions, " "$TMP/aa" || fail "A/A summary: $(tail -1 "$TMP/aa")"
pass
# A run against itself: no change at all, p = 1.
"$DBBENCH" compare "$TMP/a.json" "$TMP/a.json" >"$TMP/self" || fail "self comparison failed"
[ "$(verdicts "$TMP/self" | sort -u)" = "no significant change" ] ||
	fail "a run against itself: $(cat "$TMP/self")"
grep -Eq "^sqlite rollback .* \+0\.0% .* 1\.0000  no significant change$" "$TMP/self" ||
	fail "a run against itself: $(grep rollback "$TMP/self")"
pass

# From here on, what is tested is how a change is judged, not the machine:
# under other tests' load a cell's processes can differ by more than the
# 50% below, so each round's suite overhead is set to the cell's median
# within +-0.4%, one value a round as before.
python3 - "$TMP/a.json" <<'PY'
import json, statistics, sys
j = json.load(open(sys.argv[1]))
for c in j["cells"]:
    v = c["samples"]["suite_overhead"]
    m = statistics.median(v)
    c["samples"]["suite_overhead"] = [int(round(m * (1 + 0.002 * (i % 5 - 2)))) for i in range(len(v))]
json.dump(j, open(sys.argv[1], "w"))
PY

# 50% slower: every cell a regression, exit 3, one line on stderr.
scaled "$TMP/a.json" "$TMP/slow.json" 1.5
set +e
"$DBBENCH" compare "$TMP/a.json" "$TMP/slow.json" >"$TMP/slow" 2>"$TMP/slow.err"
status=$?
set -e
[ "$status" -eq 3 ] || fail "50% slower: exit $status, expected 3: $(cat "$TMP/slow")"
[ "$(verdicts "$TMP/slow")" = "$(printf 'regression\nregression')" ] ||
	fail "50% slower: $(cat "$TMP/slow")"
grep -Eq "^sqlite per-test .* \+50\.0% " "$TMP/slow" || fail "the change is not +50%: $(cat "$TMP/slow")"
[ "$(wc -l <"$TMP/slow.err")" -eq 1 ] || fail "50% slower, stderr: $(cat "$TMP/slow.err")"
grep -q "^dbbench: regression against $TMP/a.json beyond 20% (p < 0.05): sqlite rollback +50.0%, sqlite per-test +50.0%$" "$TMP/slow.err" ||
	fail "50% slower, stderr: $(cat "$TMP/slow.err")"
pass
# ... not beyond a 60% threshold; and the other way round, an improvement.
"$DBBENCH" compare --fail-threshold 60 "$TMP/a.json" "$TMP/slow.json" >"$TMP/t60" ||
	fail "--fail-threshold 60 still failed: $(cat "$TMP/t60")"
[ "$(verdicts "$TMP/t60" | sort -u)" = "within threshold" ] || fail "threshold 60: $(cat "$TMP/t60")"
"$DBBENCH" compare "$TMP/slow.json" "$TMP/a.json" >"$TMP/faster" || fail "faster: exit $?"
[ "$(verdicts "$TMP/faster" | sort -u)" = improvement ] || fail "faster: $(cat "$TMP/faster")"
grep -Eq "^sqlite rollback .* -33\.3% " "$TMP/faster" || fail "faster: $(cat "$TMP/faster")"
pass

# A 10% change measured without noise: significant, yet within 20%; a
# regression only below a 5% threshold.
python3 - "$TMP/a.json" "$TMP/flat.json" "$TMP/flat10.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for out, base in ((sys.argv[2], 1000), (sys.argv[3], 1100)):
    for c in j["cells"]:
        c["samples"]["suite_overhead"] = [base + i for i in range(12)]
        c.pop("replicates", None)  # the rounds are no longer the processes'
    json.dump(j, open(out, "w"))
PY
"$DBBENCH" compare "$TMP/flat.json" "$TMP/flat10.json" >"$TMP/ten" || fail "10%: exit $?"
[ "$(verdicts "$TMP/ten" | sort -u)" = "within threshold" ] || fail "10%: $(cat "$TMP/ten")"
set +e
"$DBBENCH" compare --fail-threshold 5 "$TMP/flat.json" "$TMP/flat10.json" \
	>"$TMP/ten5" 2>"$TMP/ten5.err"
status=$?
set -e
[ "$status" -eq 3 ] || fail "10% at a 5% threshold: exit $status, $(cat "$TMP/ten5.err")"
grep -q "regression against .*flat.json beyond 5%" "$TMP/ten5.err" ||
	fail "10% at a 5% threshold: $(cat "$TMP/ten5.err")"
[ "$(verdicts "$TMP/ten5" | sort -u)" = regression ] || fail "10% at 5%: $(cat "$TMP/ten5")"
pass

# Markdown and JSON comparisons.
"$DBBENCH" compare -f markdown "$TMP/slow.json" "$TMP/a.json" >"$TMP/cmp.md" || fail "markdown"
grep -q "^| sqlite rollback | .* | improvement |$" "$TMP/cmp.md" || fail "markdown: $(cat "$TMP/cmp.md")"
set +e
"$DBBENCH" compare -f json -o "$TMP/cmp.json" "$TMP/a.json" "$TMP/slow.json" 2>/dev/null
status=$?
set -e
[ "$status" -eq 3 ] || fail "json comparison: exit $status"
[ "$(json_get "$TMP/cmp.json" 'sorted(c["verdict"] for c in j["cells"])')" = \
	"['regression', 'regression']" ] || fail "json comparison: $(cat "$TMP/cmp.json")"
pass

# Different setups: a warning a difference on stderr; cells in one run only.
python3 - "$TMP/b.json" "$TMP/other.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["backends"][0]["version"] = "3.99.0"
j["backends"][0]["settings"]["journal_mode"] = "wal"
j["cells"] = [c for c in j["cells"] if c["strategy"] == "rollback"]
json.dump(j, open(sys.argv[2], "w"))
PY
"$DBBENCH" compare "$TMP/a.json" "$TMP/other.json" >"$TMP/other" 2>"$TMP/other.err" ||
	fail "different setups: exit $?"
grep -q "^dbbench: warning: sqlite version differs: 3\.[0-9.]* in $TMP/a.json, 3.99.0 in $TMP/other.json$" "$TMP/other.err" ||
	fail "no version warning: $(cat "$TMP/other.err")"
grep -q "^dbbench: warning: sqlite setting journal_mode differs: memory in $TMP/a.json, wal in $TMP/other.json$" "$TMP/other.err" ||
	fail "no settings warning: $(cat "$TMP/other.err")"
[ "$(wc -l <"$TMP/other.err")" -eq 2 ] || fail "warnings: $(cat "$TMP/other.err")"
grep -q "^only in $TMP/a.json: sqlite per-test$" "$TMP/other" || fail "cell in one run not listed"
pass

# --baseline: the report, then the comparison; a baseline ten times as fast
# as this run (far beyond the machine's drift) makes it a regression
# (exit 3), and the report and --save are still written.
scaled "$TMP/a.json" "$TMP/fast.json" 0.1
scaled "$TMP/a.json" "$TMP/slower.json" 10
mkdir "$TMP/work" && cd "$TMP/work"
set +e
"$DBBENCH" -s rollback,per-test --rounds 12 --warmup 1 --baseline "$TMP/fast.json" \
	--save now >"$TMP/base.out" 2>"$TMP/base.err"
status=$?
set -e
[ "$status" -eq 3 ] || fail "--baseline: exit $status, expected 3: $(cat "$TMP/base.err")"
grep -q "^rollback " "$TMP/base.out" || fail "--baseline: no report"
grep -q "^     with this run " "$TMP/base.out" || fail "--baseline: no comparison"
[ "$(verdicts "$TMP/base.out")" = "$(printf 'regression\nregression')" ] ||
	fail "--baseline: $(cat "$TMP/base.out")"
[ -f results/now.json ] || fail "--baseline: --save was skipped"
grep -q "^dbbench: regression against $TMP/fast.json" "$TMP/base.err" || fail "--baseline stderr: $(cat "$TMP/base.err")"
# ... and a baseline ten times slower: an improvement, exit 0.
"$DBBENCH" -s rollback,per-test --rounds 12 --warmup 1 --baseline "$TMP/slower.json" \
	-f markdown -o "$TMP/base.md" >"$TMP/base2.out" || fail "--baseline slower: exit $?"
grep -q "^### Comparison: $TMP/slower.json → this run$" "$TMP/base2.out" ||
	fail "--baseline with -o: $(cat "$TMP/base2.out")"
grep -q "^### sqlite$" "$TMP/base.md" || fail "--baseline: the markdown report is not in -o"
grep -c "| improvement |$" "$TMP/base2.out" | grep -qx 2 || fail "--baseline slower: $(cat "$TMP/base2.out")"
pass

# Two rounds a side: even 50% slower, the test cannot reach p < 0.05, so
# every cell is "not enough data" (no regression, exit 0), in each format.
"$DBBENCH" -s rollback,per-test --rounds 2 --warmup 1 --no-validate -f json \
	-o "$TMP/two.json" || fail "the 2-round run failed"
scaled "$TMP/two.json" "$TMP/two-slow.json" 1.5
"$DBBENCH" compare "$TMP/two.json" "$TMP/two-slow.json" >"$TMP/few" ||
	fail "too few rounds: exit $?: $(cat "$TMP/few")"
[ "$(verdicts "$TMP/few" | grep -v '^not enough data: ')" = "$(printf 'not enough data\nnot enough data')" ] ||
	fail "too few rounds: $(cat "$TMP/few")"
grep -Eq "^not enough data: sqlite rollback: 2 (rounds|processes) against 2 give p = 0\.[0-9]{4} at best, never p < 0\.05; measure more (rounds|processes)" "$TMP/few" ||
	fail "no line saying why: $(cat "$TMP/few")"
grep -q "^0 regressions, 0 improvements, 0 within threshold, 0 with no significant change, 2 with not enough data " "$TMP/few" ||
	fail "summary: $(tail -1 "$TMP/few")"
"$DBBENCH" compare -f markdown "$TMP/two.json" "$TMP/two-slow.json" >"$TMP/few.md" ||
	fail "too few rounds, markdown"
[ "$(grep -c '| not enough data |$' "$TMP/few.md")" -eq 2 ] || fail "markdown: $(cat "$TMP/few.md")"
"$DBBENCH" compare -f json "$TMP/two.json" "$TMP/two-slow.json" >"$TMP/few.json" ||
	fail "too few rounds, json"
[ "$(json_get "$TMP/few.json" '(j["not_enough_data"], sorted(set(c["verdict"] for c in j["cells"])), all(c["min_p"] >= 0.05 for c in j["cells"]))')" = \
	"(2, ['not enough data'], True)" ] || fail "json: $(cat "$TMP/few.json")"
pass

# --baseline NAME: the run saved by --save NAME, from the working folder.
mkdir -p "$TMP/named"
(cd "$TMP/named" && "$DBBENCH" -s rollback --rounds 12 --no-validate -q \
	--save main >/dev/null) || fail "--save main failed"
(cd "$TMP/named" && "$DBBENCH" -s rollback --rounds 12 --no-validate -q \
	--baseline main --fail-threshold 1000 >"$TMP/named.out") ||
	fail "--baseline main failed: $(cat "$TMP/named.out")"
grep -q "^comparing results/main.json (dbbench " "$TMP/named.out" ||
	fail "--baseline main did not read results/main.json: $(cat "$TMP/named.out")"
(cd "$TMP/named" && expect_error 2 "--baseline: no file nosuch and no saved run results/nosuch.json" \
	--baseline nosuch)
pass

# Usage errors.
expect_error 2 "compare: give two saved runs" compare "$TMP/a.json"
expect_error 2 "unexpected argument" compare "$TMP/a.json" "$TMP/b.json" "$TMP/slow.json"
expect_error 2 "compare: --format csv is not available" compare -f csv "$TMP/a.json" "$TMP/b.json"
expect_error 2 "compare: --rounds does not apply" compare --rounds 3 "$TMP/a.json" "$TMP/b.json"
expect_error 2 "--fail-threshold: give --baseline NAME too" --fail-threshold 10
expect_error 2 "--fail-threshold: 0 is out of range" compare --fail-threshold 0 "$TMP/a.json" "$TMP/b.json"
expect_error 2 "--baseline: the comparison is printed on standard output; give -o FILE for the json report" \
	--baseline "$TMP/a.json" -f json
done_ok
