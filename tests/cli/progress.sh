#!/bin/sh
# progress.sh - when standard error is not a terminal, a run longer than
# 10 s prints a whole progress line every 10 s (what is measured, how far),
# nothing with -q, and a short run prints none
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# The long runs side by side: with and without -q, and in one process
# (--replicates 1).  --target-ci 0.001 keeps the rounds going until
# --max-time.
"$DBBENCH" -s rollback --no-validate --max-time 12 --target-ci 0.001 \
	-o "$TMP/long.txt" 2>"$TMP/long.err" &
long=$!
"$DBBENCH" -s rollback --no-validate --replicates 1 --max-time 11 \
	--target-ci 0.001 -o /dev/null 2>"$TMP/one.err" &
one=$!
"$DBBENCH" -q -s rollback --no-validate --max-time 12 --target-ci 0.001 \
	-o "$TMP/quiet.txt" 2>"$TMP/quiet.err" || fail "the -q run failed: $(cat "$TMP/quiet.err")"
wait "$long" || fail "the long run failed: $(cat "$TMP/long.err")"

lines=$(wc -l <"$TMP/long.err")
if [ "$lines" -lt 1 ] || [ "$lines" -gt 2 ]; then
	fail "$lines progress lines in a 12 s run, expected 1 (2 if slow): $(cat "$TMP/long.err")"
fi
grep -Eq '^dbbench: process [0-9]+, 1[0-9]\.[0-9] (of up to 12 )?s; sqlite rollback: overhead [0-9.]+ [^ ]*s, CI [^0-9 ]*[0-9.]+% \(target 0\.001%\); 0 of 1 cells done$' "$TMP/long.err" ||
	fail "progress line: $(cat "$TMP/long.err")"
! grep -q "$(printf '\r')" "$TMP/long.err" || fail "a carriage return in the log"
! grep -q "$(printf '\033')" "$TMP/long.err" || fail "an escape sequence in the log"
pass
[ ! -s "$TMP/quiet.err" ] || fail "-q printed progress: $(cat "$TMP/quiet.err")"
pass

# In one process the line names the round, and the time since the first
# round began: the line comes 10 s after the run began, a little less once
# the databases are set up and warmed.
wait "$one" || fail "the one-process run failed: $(cat "$TMP/one.err")"
grep -Eq '^dbbench: round [0-9]+, (9|1[0-9])\.[0-9] (of up to 11 )?s; sqlite rollback: overhead' "$TMP/one.err" ||
	fail "one-process progress line: $(cat "$TMP/one.err")"
pass

# A short run prints nothing.
"$DBBENCH" -s rollback --no-validate --max-time 1 -o /dev/null 2>"$TMP/short.err" ||
	fail "the short run failed"
[ ! -s "$TMP/short.err" ] || fail "a 1 s run printed: $(cat "$TMP/short.err")"
pass
done_ok
