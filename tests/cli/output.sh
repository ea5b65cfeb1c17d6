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

# Unwritable destinations are runtime errors, exit 1.
expect_error 1 "is a directory" -s rollback --rounds 1 --warmup 0 -o "$TMP"
expect_error 1 "create $TMP/no/such/dir/r.txt: No such file or directory" \
	-s rollback --rounds 1 --warmup 0 -o "$TMP/no/such/dir/r.txt"
if [ -w /dev/full ]; then
	expect_error 1 "write /dev/full: No space left on device" \
		-s rollback --rounds 1 --warmup 0 -o /dev/full
fi
done_ok
