#!/bin/sh
# output.sh - -o writes atomically; a failed run never clobbers a report
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

"$DBBENCH" -s rollback --rounds 1 --warmup 0 -o "$TMP/report.txt" >"$TMP/stdout" ||
	fail "run with -o failed"
[ ! -s "$TMP/stdout" ] || fail "-o still wrote to stdout"
grep -q "^rollback" "$TMP/report.txt" || fail "report file lacks the table"
pass

# A failed run leaves the old report as it was, and no temporary file.
cp "$TMP/report.txt" "$TMP/before.txt"
expect_error 2 "no such workload" -w nope -o "$TMP/report.txt"
cmp -s "$TMP/report.txt" "$TMP/before.txt" || fail "failed run changed the report"
[ "$(ls "$TMP" | grep -c 'report.txt.tmp')" -eq 0 ] || fail "temporary file left"
pass

# Nor does a run stopped by a bad baseline, nor a bad saved run given to
# report or compare.
printf '{"schema_version": 1' >"$TMP/bad.json"
expect_error 2 "bad.json:1:[0-9]+: " -s rollback --rounds 1 --warmup 0 \
	--baseline "$TMP/bad.json" -o "$TMP/report.txt"
expect_error 2 "bad.json:1:[0-9]+: " report "$TMP/bad.json" -o "$TMP/report.txt"
expect_error 2 "bad.json:1:[0-9]+: " compare "$TMP/bad.json" "$TMP/bad.json" -o "$TMP/report.txt"
cmp -s "$TMP/report.txt" "$TMP/before.txt" || fail "a bad saved run changed the report"
for f in "$TMP"/report.txt.tmp.*; do
	[ ! -e "$f" ] || fail "temporary file left: $f"
done
pass

# Unwritable destinations are runtime errors, exit 1.
expect_error 1 "is a directory" -s rollback --rounds 1 --warmup 0 -o "$TMP"
expect_error 1 "create $TMP/no/such/dir/r.txt: No such file or directory" \
	-s rollback --rounds 1 --warmup 0 -o "$TMP/no/such/dir/r.txt"
if [ -w /dev/full ]; then
	expect_error 1 "write /dev/full: No space left on device" \
		-s rollback --rounds 1 --warmup 0 -o /dev/full
	"$DBBENCH" -s rollback --rounds 2 --warmup 0 -f json -o "$TMP/run.json" ||
		fail "json run failed"
	expect_error 1 "write /dev/full: No space left on device" \
		report "$TMP/run.json" -o /dev/full
	expect_error 1 "write /dev/full: No space left on device" \
		compare "$TMP/run.json" "$TMP/run.json" -o /dev/full
fi
done_ok
