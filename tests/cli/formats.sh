#!/bin/sh
# formats.sh - the Markdown and CSV reports of short SQLite runs
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON (apt-get install python3)"

# Markdown: a table per backend, a row per strategy, every row with as many
# cells as the header; the cheapest strategy in bold.
"$DBBENCH" --rounds 3 --warmup 0 -f markdown -o "$TMP/report.md" ||
	fail "markdown run failed"
grep -q "^## dbbench [0-9.]*: workload default$" "$TMP/report.md" ||
	fail "markdown heading: $(head -1 "$TMP/report.md")"
grep -q "^### sqlite$" "$TMP/report.md" || fail "no sqlite section"
header=$(grep "^| strategy | setup |" "$TMP/report.md") || fail "no strategy table"
want=$(printf '%s\n' "$header" | tr -cd '|' | wc -c)
all=$(strategies " ")
for s in $all; do
	row=$(grep -E "^\| (\*\*)?$s(\*\*)? \| [0-9.]+ (ns|µs|ms) \|" "$TMP/report.md") ||
		fail "no row for $s"
	[ "$(printf '%s\n' "$row" | tr -cd '|' | wc -c)" -eq "$want" ] ||
		fail "row for $s has a different number of cells: $row"
	pass
done
[ "$(grep -c '^| \*\*' "$TMP/report.md")" -eq 1 ] || fail "not exactly one best strategy"
grep -q "^### Recommendations" "$TMP/report.md" || fail "no recommendations"
grep -Eq "^- sqlite: [a-z-]+ is the cheapest strategy" "$TMP/report.md" ||
	fail "recommendations are not a bullet list"
pass

# CSV: the header, then 8 rows a cell (every phase, overhead, per test and
# the suite overhead), numbers that read back and order as statistics must.
# Template on SQLite opens its connection in the first test's setup only.
"$DBBENCH" --rounds 3 --warmup 0 --tests 30 -f csv -o "$TMP/report.csv" ||
	fail "csv run failed"
out=$(python3 - "$TMP/report.csv" "$(strategies ,)" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = ("backend,strategy,workers,pool,seed_scale,phase,n,min,median,mean,"
        "p95,p99,max,stddev,mad,ci95_low,ci95_high,outliers,pinned,"
        "client_cpu,server_cpu,storage").split(",")
assert rows[0] == head, rows[0]
body = [dict(zip(head, r)) for r in rows[1:]]
assert all(len(r) == len(head) for r in rows), "ragged rows"
phases = ["session_setup", "test_setup", "body", "test_teardown",
          "session_teardown", "overhead", "per_test", "suite_overhead"]
cells = sorted({r["strategy"] for r in body})
assert cells == sorted(sys.argv[2].split(",")), cells
assert all(r["seed_scale"] == "1" for r in body)
for s in cells:
    assert [r["phase"] for r in body if r["strategy"] == s] == phases, s
for r in body:
    n = int(r["n"])
    lo, med, hi = float(r["min"]), float(r["median"]), float(r["max"])
    assert lo <= med <= hi and float(r["ci95_low"]) <= med <= float(r["ci95_high"]), r
    want = 3 if r["phase"] in ("session_setup", "session_teardown", "suite_overhead") else 90
    assert n == want, r
print("ok")
PY
) || fail "csv: $out"
[ "$out" = ok ] || fail "csv: $out"
pass
done_ok
