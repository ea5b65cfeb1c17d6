#!/bin/sh
# decision.sh - the decision every report opens with: the default SQLite
# report fits 70 lines at 100 columns with the decision in its first 15,
# rows n/a everywhere are left out and repeated advice is given once;
# Markdown and HTML carry the decision, the isolation matrix, the
# scenarios that went wrong with their mitigations; worker counts label
# the HTML charts; one round prints "no CI (1 round)" in every format
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# Columns of each line, as a terminal 100 columns wide shows them: a line
# of n characters takes ceil(n / 100) lines.
screen_lines() {
	total=0
	while IFS= read -r line; do
		n=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)
		total=$((total + (n > 0 ? (n + 99) / 100 : 1)))
	done <"$1"
	echo "$total"
}

# 1. The default report, exactly as the README's first command runs it.
"$DBBENCH" --backend sqlite >"$TMP/default.txt" 2>"$TMP/err" ||
	fail "the default run failed: $(cat "$TMP/err")"
lines=$(screen_lines "$TMP/default.txt")
[ "$lines" -le 70 ] || fail "the default report takes $lines lines at 100 columns"
pass
head -3 "$TMP/default.txt" | grep -qx "decision" ||
	fail "no decision after the heading: $(head -3 "$TMP/default.txt")"
head -15 "$TMP/default.txt" |
	grep -Eq "^  sqlite: use ($(strategies "|")), [0-9.]+ (ns|µs|ms) a test, " ||
	fail "the first 15 lines do not name a strategy with its measured cost: $(head -15 "$TMP/default.txt")"
head -15 "$TMP/default.txt" | tr '\n' ' ' | tr -s ' ' |
	grep -Eq "It isolates [0-9]+ of the 21 scenarios that apply" ||
	fail "the decision does not weigh the isolation verdicts"
head -15 "$TMP/default.txt" | tr '\n' ' ' | tr -s ' ' |
	grep -Eq "More isolation costs more: [a-z-]+ isolates [0-9]+ at [0-9.]+ (ns|µs|ms) \([0-9,.]+x\)" ||
	fail "the decision does not say what more isolation costs"
pass
# The strategy it names is the table's, at the table's figure.
strategy=$(sed -n 's/^  sqlite: use \([a-z-]*\), .*/\1/p' "$TMP/default.txt")
figure=$(sed -n 's/^  sqlite: use [a-z-]*, \([0-9.]* [nµm]*s\) a test.*/\1/p' "$TMP/default.txt")
grep -Eq "^$strategy +[0-9.]+ (ns|µs|ms) +[0-9.]+ (ns|µs|ms) +[0-9.]+ (ns|µs|ms) +$figure " "$TMP/default.txt" ||
	fail "the decision's figure '$figure' for $strategy is not the table's"
pass
# The five PostgreSQL-only scenarios are n/a everywhere on SQLite.
! grep -Eq "^PG-(CTRIG|NOTIFY|ADVLOCK|ISO|NONTX) " "$TMP/default.txt" ||
	fail "a scenario row n/a everywhere was printed"
grep -Eq "^PG-COMMIT +leak +leak +isolated" "$TMP/default.txt" || fail "the matrix is missing"
grep -q "^went wrong (details: -v): PG-IDALIGN, PG-COMMIT" "$TMP/default.txt" ||
	fail "the scenarios that went wrong are not named"
! grep -q "mitigation:" "$TMP/default.txt" || fail "mitigations without -v"
# Advice the same for every cell is given once.
[ "$(grep -c "give --max-time" "$TMP/default.txt")" -le 1 ] ||
	fail "the --max-time advice is repeated"
[ "$(grep -c "rounds in .* processes" "$TMP/default.txt")" -eq 0 ] ||
	fail "per-cell measurement lines without -v"
! grep -q "mitigations above" "$TMP/default.txt" || fail "refers to mitigations above"
pass

# 2. Markdown and HTML of a run with the default options (fixed rounds to
# keep it short), rendered from one saved run.
"$DBBENCH" --rounds 2 --warmup 0 --check-state -f json -o "$TMP/run.json" ||
	fail "json run failed"
"$DBBENCH" report "$TMP/run.json" -f markdown -o "$TMP/run.md" || fail "markdown failed"
[ "$(sed -n 3p "$TMP/run.md")" = "### Decision" ] || fail "Markdown does not open with the decision"
grep -Eq "^- sqlite: use [a-z-]+, [0-9.]+ (ns|µs|ms) a test" "$TMP/run.md" ||
	fail "Markdown decision"
grep -q "^### Isolation on sqlite$" "$TMP/run.md" || fail "Markdown lacks the isolation matrix"
grep -q "^| scenario | $(strategies " | ") |$" "$TMP/run.md" ||
	fail "Markdown matrix header"
grep -q "^| PG-COMMIT | \*\*leak\*\* | \*\*leak\*\* | isolated | isolated | isolated | isolated |$" "$TMP/run.md" ||
	fail "Markdown matrix row: $(grep PG-COMMIT "$TMP/run.md")"
! grep -q "^| PG-NOTIFY " "$TMP/run.md" || fail "Markdown printed a row n/a everywhere"
grep -q "^### Scenarios that leaked, passed falsely or errored$" "$TMP/run.md" ||
	fail "Markdown lacks the failing scenarios"
grep -q "^  - observed on sqlite under rollback, savepoint: false pass: " "$TMP/run.md" ||
	fail "Markdown lacks the observations"
grep -q "^  - mitigation: set PRAGMA foreign\\\\_keys when a connection opens" "$TMP/run.md" ||
	fail "Markdown lacks the mitigations"
grep -q "^### State checks$" "$TMP/run.md" || fail "Markdown lacks the state checks"
grep -q "^- sqlite rollback: no test of 27 left the database different$" "$TMP/run.md" ||
	fail "Markdown state check line"
! grep -q "mitigations above" "$TMP/run.md" || fail "Markdown refers to mitigations above"
pass
"$DBBENCH" report "$TMP/run.json" -f html -o "$TMP/run.html" || fail "html failed"
grep -q '<div class="decision"><strong>Decision</strong>' "$TMP/run.html" || fail "HTML decision"
[ "$(grep -n '<div class="decision">' "$TMP/run.html" | cut -d: -f1)" -lt \
	"$(grep -n '<table' "$TMP/run.html" | head -1 | cut -d: -f1)" ] ||
	fail "HTML does not open with the decision"
grep -q '<table class="matrix">' "$TMP/run.html" || fail "HTML lacks the isolation matrix"
grep -q '<td class="v-leak" title="rows the next test sees: 1, expected 0; ' "$TMP/run.html" ||
	fail "HTML matrix cells are not coloured by verdict"
grep -q '<td class="v-false-pass"' "$TMP/run.html" || fail "HTML: no false pass cell"
grep -q '<li>mitigation: set PRAGMA foreign_keys when a connection opens' "$TMP/run.html" ||
	fail "HTML lacks the mitigations"
grep -q '<h2>State checks</h2>' "$TMP/run.html" || fail "HTML lacks the state checks"
! grep -q '<td>PG-NOTIFY</td>' "$TMP/run.html" || fail "HTML printed a row n/a everywhere"
pass

# 3. Several worker counts: every chart label and table heading says which.
"$DBBENCH" -s rollback -j 1,2 --rounds 2 --warmup 0 --no-validate -f html \
	-o "$TMP/workers.html" || fail "-j 1,2 html failed"
for w in "1 worker" "2 workers"; do
	grep -q ">sqlite rollback $w</text>" "$TMP/workers.html" ||
		fail "the overhead chart does not name '$w'"
	grep -q ">sqlite rollback $w: per-test time of " "$TMP/workers.html" ||
		fail "no histogram named '$w'"
done
! grep -q ">sqlite rollback</text>" "$TMP/workers.html" || fail "a label without its worker count"
grep -q "<h2>sqlite, 1 worker</h2>" "$TMP/workers.html" || fail "the table does not name its worker count"
pass

# 4. One round: no CI, in every format that prints one.
"$DBBENCH" -s rollback --rounds 1 --warmup 0 --no-validate -f json -o "$TMP/one.json" ||
	fail "one-round run failed"
"$DBBENCH" report "$TMP/one.json" >"$TMP/one.txt" || fail "text of one round"
grep -Eq "^rollback .* no CI \(1 round\) " "$TMP/one.txt" || fail "text table: $(grep ^rollback "$TMP/one.txt")"
"$DBBENCH" report "$TMP/one.json" -v >"$TMP/one-v.txt" || fail "text -v of one round"
grep -q "tests timed, overhead no CI (1 round);" "$TMP/one-v.txt" || fail "-v measurement line"
"$DBBENCH" report "$TMP/one.json" -f markdown >"$TMP/one.md" || fail "markdown of one round"
grep -q "| no CI (1 round) |" "$TMP/one.md" || fail "markdown table"
"$DBBENCH" report "$TMP/one.json" -f html >"$TMP/one.html" || fail "html of one round"
grep -q "<td>no CI (1 round)</td>" "$TMP/one.html" || fail "html table"
grep -q "per test, no CI (1 round)</title>" "$TMP/one.html" || fail "html chart"
! grep -q 'class="whisker"' "$TMP/one.html" || fail "whiskers drawn without a CI"
"$DBBENCH" report "$TMP/one.json" -f csv >"$TMP/one.csv" || fail "csv of one round"
grep -q "^sqlite,rollback,1,per-worker,1,suite_overhead,1,[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,,," "$TMP/one.csv" ||
	fail "csv: a CI from one round: $(grep suite_overhead "$TMP/one.csv")"
for f in one.txt one-v.txt one.md one.html; do
	! grep -q "±0.00%" "$TMP/$f" || fail "$f prints a zero-width CI"
done
pass

# 5. Without validation the decision says isolation was not checked.
"$DBBENCH" report "$TMP/one.json" | tr '\n' ' ' | tr -s ' ' |
	grep -q "Isolation was not checked (--no-validate): run dbbench validate before relying on it." ||
	fail "--no-validate decision"
pass
done_ok
