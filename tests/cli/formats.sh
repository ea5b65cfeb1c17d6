#!/bin/sh
# formats.sh - the Markdown and CSV reports of a short SQLite run
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# Markdown: a table per backend, a row per strategy, every row with as many
# cells as the header; the cheapest strategy in bold.
"$DBBENCH" --rounds 3 --warmup 0 -f markdown -o "$TMP/report.md" ||
	fail "markdown run failed"
grep -q "^## dbbench [0-9.]*: workload default$" "$TMP/report.md" ||
	fail "markdown heading: $(head -1 "$TMP/report.md")"
grep -q "^### sqlite$" "$TMP/report.md" || fail "no sqlite section"
header=$(grep "^| strategy | setup |" "$TMP/report.md") || fail "no strategy table"
want=$(printf '%s\n' "$header" | tr -cd '|' | wc -c)
for s in rollback savepoint per-test; do
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
done_ok
