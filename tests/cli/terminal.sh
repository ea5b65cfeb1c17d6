#!/bin/sh
# terminal.sh - what dbbench does on a terminal: the progress line on
# stderr (silenced by --quiet), and colour with --color auto unless
# NO_COLOR is set
#
# The terminal is a pseudo-terminal made by script(1) (util-linux); the test
# skips (77) without it.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null 2>&1 || skip "script(1) is needed for a pseudo-terminal"

# on_tty FILE COMMAND: run COMMAND (a shell line) with stdout and stderr on
# a pseudo-terminal, keeping what it printed in FILE.
on_tty() {
	script -qfec "$2" /dev/null </dev/null >"$1" 2>&1 ||
		fail "on a terminal: '$2' failed: $(tr '\r' '\n' <"$1" | tail -3)"
}

esc=$(printf '\033')
cr=$(printf '\r')

# The progress line of a run in one process: round, time, the cell and its
# CI so far, cells done; cleared at the end; never in the report.
on_tty "$TMP/progress" "'$DBBENCH' -s rollback,per-test --replicates 1 --rounds 30 --warmup 1 -o '$TMP/report.txt'"
tr '\r' '\n' <"$TMP/progress" >"$TMP/lines"
grep -Eq "^dbbench: round [0-9]+ of 30, [0-9]+\.[0-9] s; sqlite (rollback|per-test): overhead [0-9.]+ (ns|µs|ms), CI ±[0-9.]+%; [0-2] of 2 cells done$esc\[K" "$TMP/lines" ||
	fail "no progress line: $(head -c 300 "$TMP/lines")"
grep -q "^dbbench: warmup 1 of 1, " "$TMP/lines" || fail "no progress during warmup"
[ "$(tail -c 4 "$TMP/progress")" = "$cr${esc}[K" ] || fail "the progress line is not cleared at the end"
! grep -q "dbbench: round" "$TMP/report.txt" || fail "progress went into the report"
grep -q "^rollback " "$TMP/report.txt" || fail "no report"
pass
# Adaptive rounds show the target.
on_tty "$TMP/adaptive" "'$DBBENCH' -s rollback --replicates 1 --max-time 1 --target-ci 0.5 --warmup 0 -o /dev/null"
tr '\r' '\n' <"$TMP/adaptive" | grep -Eq "CI ±[0-9.]+% \(target 0.5%\)" ||
	fail "no target in adaptive progress: $(tr '\r' '\n' <"$TMP/adaptive" | tail -2)"
pass
# Measured in several processes: the process about to start, the cell
# furthest from its target, cells done; cleared at the end.
on_tty "$TMP/procs" "'$DBBENCH' -s rollback,per-test --rounds 6 --replicates 3 -o '$TMP/procs.txt'"
tr '\r' '\n' <"$TMP/procs" >"$TMP/plines"
grep -q "^dbbench: process 1 of 3, 0\.0 s$esc\[K" "$TMP/plines" ||
	fail "no progress line before the first process: $(head -c 300 "$TMP/plines")"
grep -Eq "^dbbench: process 3 of 3, [0-9]+\.[0-9] s; sqlite (rollback|per-test): overhead [0-9.]+ (ns|µs|ms), CI ±[0-9.]+%; 0 of 2 cells done$esc\[K" "$TMP/plines" ||
	fail "no progress line for the third process: $(cat "$TMP/plines")"
[ "$(tail -c 4 "$TMP/procs")" = "$cr${esc}[K" ] || fail "the progress line is not cleared at the end"
grep -q "measured in .* by 3 processes, fixed rounds" "$TMP/procs.txt" || fail "no processes in the report"
pass
# --quiet: nothing on the terminal but the report.
on_tty "$TMP/quiet" "'$DBBENCH' -q -s rollback --rounds 30 --warmup 1 -o '$TMP/quiet.txt'"
[ ! -s "$TMP/quiet" ] || fail "--quiet printed: $(head -c 200 "$TMP/quiet")"
pass

# Colour: auto colours a terminal; NO_COLOR set and not empty stops it; an
# empty NO_COLOR does not; --color never does not colour.
on_tty "$TMP/auto" "'$DBBENCH' -q -s rollback,per-test --rounds 2 --warmup 0"
grep -q "$esc\[1;32m" "$TMP/auto" || fail "--color auto did not colour a terminal"
on_tty "$TMP/nocolor" "NO_COLOR=1 '$DBBENCH' -q -s rollback,per-test --rounds 2 --warmup 0"
! grep -q "$esc\[" "$TMP/nocolor" || fail "NO_COLOR=1 still coloured"
on_tty "$TMP/empty" "NO_COLOR= '$DBBENCH' -q -s rollback,per-test --rounds 2 --warmup 0"
grep -q "$esc\[1;32m" "$TMP/empty" || fail "an empty NO_COLOR stopped colour"
on_tty "$TMP/never" "'$DBBENCH' -q -s rollback,per-test --rounds 2 --warmup 0 --color never"
! grep -q "$esc\[" "$TMP/never" || fail "--color never coloured"
on_tty "$TMP/file" "'$DBBENCH' -q -s rollback,per-test --rounds 2 --warmup 0 -o '$TMP/auto.txt'"
! grep -q "$esc" "$TMP/auto.txt" || fail "--color auto coloured a file"
pass
done_ok
