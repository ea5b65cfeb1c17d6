#!/bin/sh
# skip_summary.sh - the last line of 'make check': which tests were skipped
# and why, in one line
#
# Usage: tests/skip_summary.sh LOG... (the tests' .log files; each has a
# .trs beside it).  A skipped test's reason is the last "SKIP: ..." line of
# its log.  Tests that were not built are named by DBBENCH_NOT_BUILT.
set -eu

skipped=0
total=0
reasons=''
for log in "$@"; do
	trs=${log%.log}.trs
	[ -f "$trs" ] || continue
	total=$((total + 1))
	grep -q '^:test-result: SKIP' "$trs" || continue
	skipped=$((skipped + 1))
	why=$(sed -n 's/^SKIP: //p' "$log" | tail -n 1)
	[ -n "$why" ] || why="no reason given"
	reasons="$reasons$(printf '%s\t%s' "$why" "$(basename "$log" .log)")
"
done

line=''
if [ "$skipped" -gt 0 ]; then
	# One entry per reason: the reason, then the tests it skipped.
	line=$(printf '%s' "$reasons" | sort | awk -F '\t' '
		$1 != last {
			if (NR > 1) printf "); "
			printf "%s (%s", $1, $2
			last = $1
			next
		}
		{ printf ", %s", $2 }
		END { if (NR > 0) printf ")" }')
	line="skipped $skipped of $total: $line"
else
	line="skipped none of $total"
fi
not_built=$(printf '%s' "${DBBENCH_NOT_BUILT:-}" | sed 's/^ *//; s/; *$//')
if [ -n "$not_built" ]; then
	line="$line; not built: $not_built"
fi
echo "make check: $line"
