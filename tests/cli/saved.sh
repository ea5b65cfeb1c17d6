#!/bin/sh
# saved.sh - saved runs: --save NAME writes results/NAME.json, and
# 'dbbench report' renders a JSON report again, in every format, with the
# figures of the run that wrote it
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

"$DBBENCH" --rounds 3 --warmup 0 --tests 30 -f json -o "$TMP/run.json" ||
	fail "json run failed"

# JSON -> load -> JSON: the same bytes, samples and statistics included.
"$DBBENCH" report "$TMP/run.json" -f json >"$TMP/again.json" || fail "report -f json failed"
cmp -s "$TMP/run.json" "$TMP/again.json" ||
	fail "the round trip changed the JSON: $(cmp "$TMP/run.json" "$TMP/again.json")"
pass

# Every format renders; the text report has its table.
for f in text markdown csv html; do
	"$DBBENCH" report "$TMP/run.json" --format "$f" -o "$TMP/again.$f" ||
		fail "report --format $f failed"
	[ -s "$TMP/again.$f" ] || fail "report --format $f wrote nothing"
done
all=$(strategies " ")
for s in $all; do
	grep -Eq "^$s +[0-9.]+ (ns|µs|ms)" "$TMP/again.text" || fail "no text row for $s"
done
pass

# The CSV of the saved run carries the JSON's statistics, cell for cell.
out=$(python3 - "$TMP/run.json" "$TMP/again.csv" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
bad = []
for c in j["cells"]:
    series = dict(c["phases"], overhead=c["overhead"], per_test=c["per_test"],
                  suite_overhead=c["suite_overhead"])
    for phase, st in series.items():
        r = [r for r in rows if r["strategy"] == c["strategy"] and r["phase"] == phase]
        if len(r) != 1:
            bad.append("%s %s: %d rows" % (c["strategy"], phase, len(r)))
            continue
        for k in ("n", "min", "median", "mean", "p95", "ci95_low", "ci95_high", "outliers"):
            if abs(float(r[0][k]) - st[k]) > 1e-6 * max(1, abs(st[k])):
                bad.append("%s %s %s: csv %s json %s" % (c["strategy"], phase, k, r[0][k], st[k]))
print("; ".join(bad) or "ok")
PY
) || fail "comparing csv with json: $out"
[ "$out" = ok ] || fail "csv differs from json: $out"
pass

# --save NAME: results/NAME.json, results/ created; the text report of the
# run and the text rendered from the saved file are the same bytes.
mkdir "$TMP/work"
(cd "$TMP/work" && "$DBBENCH" -s rollback,per-test --rounds 2 --warmup 0 \
	--save base >"$TMP/work/run.txt") || fail "--save run failed"
[ -f "$TMP/work/results/base.json" ] || fail "results/base.json not written"
[ "$(json_get "$TMP/work/results/base.json" 'j["schema_version"]')" = 1 ] ||
	fail "the saved run is not a JSON report"
grep -q "^rollback " "$TMP/work/run.txt" || fail "--save changed what the run prints"
"$DBBENCH" report "$TMP/work/results/base.json" >"$TMP/work/again.txt" ||
	fail "report of the saved run failed"
cmp -s "$TMP/work/run.txt" "$TMP/work/again.txt" ||
	fail "the saved run renders differently: $(diff "$TMP/work/run.txt" "$TMP/work/again.txt" | head -5)"
pass
# NAME.json is not doubled; saving again replaces the file atomically.
(cd "$TMP/work" && "$DBBENCH" -s rollback --rounds 1 --warmup 0 --save base.json -f json \
	-o "$TMP/work/r.json") || fail "--save NAME.json failed"
[ "$(ls "$TMP/work/results")" = base.json ] || fail "results/ holds $(ls "$TMP/work/results")"
[ "$(json_get "$TMP/work/results/base.json" 'len(j["cells"])')" = 1 ] ||
	fail "results/base.json was not replaced"
cmp -s "$TMP/work/r.json" "$TMP/work/results/base.json" || fail "-o and --save differ"
pass
# Names that are not plain file names; a failed run saves nothing.
cd "$TMP/work"
expect_error 2 "^dbbench: --save: '../up' is not a plain file name" --save ../up
expect_error 2 "^dbbench: --save: 'a/b' is not a plain file name" --save a/b
expect_error 2 "^dbbench: --save: empty name$" --save ""
expect_error 2 "^dbbench: --save: empty name$" --save .json
expect_error 2 "no such workload" -w nope --save failed
[ ! -e results/failed.json ] || fail "a failed run was saved"
pass
# results exists but is a file: a runtime error, exit 1.
mkdir "$TMP/work2" && cd "$TMP/work2" && : >results
expect_error 1 "^dbbench: --save: results exists and is not a folder$" \
	-s rollback --rounds 1 --warmup 0 --save x
cd "$TMP"

# A file that is not there, and options that belong to a run.
expect_error 2 "^dbbench: $TMP/none.json: No such file or directory$" report "$TMP/none.json"
expect_error 2 "report: give the saved run" report
expect_error 2 "unexpected argument 'b.json'" report "$TMP/run.json" b.json
expect_error 2 "report: --rounds does not apply to this command" report "$TMP/run.json" --rounds 3
expect_error 2 "report: --strategy does not apply to this command" report "$TMP/run.json" -s rollback
done_ok
