#!/bin/sh
# suite_bad_input.sh - dbbench suite refuses bad input with one line and
# the documented status: usage errors and bad input 2, a command that
# fails every run or times out 1; no report with made-up figures, no
# JUnit scratch file left behind
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC1087
# (single-quoted shell for the commands run; Python subscripts in strings)
. "$(dirname "$0")/lib.sh"

export TMPDIR="$TMP/scratch"
mkdir -p "$TMPDIR"

# Options and placeholders: exit 2 before anything runs.
expect_error 2 "suite: give the test command after --" suite
expect_error 2 "suite: give the test command after --" suite -s a --
expect_error 2 "suite: unknown option '--frobnicate'" suite --frobnicate -- true
expect_error 2 "suite: \{strategy\} has no value: give -s/--strategy" \
	suite -- echo "{strategy}"
expect_error 2 "suite: \{workers\} has no value: give -j/--workers" \
	suite -s a -- echo "-n {workers}"
expect_error 2 "suite: \{junit\} has no value: give --junit" \
	suite -- echo --junitxml "{junit}"
expect_error 2 "suite: \{size\} has no value: give --param size=V1,V2" \
	suite --param other=1 -- echo "{size}"
expect_error 2 "suite: \{strategy\} has no value" \
	suite --prepare 'echo {strategy}' -- true
expect_error 2 "--workers: 'x' is not a whole number" suite -j 0,x -- true
expect_error 2 "--workers: '2' is given twice" suite -j 2,2 -- true
expect_error 2 "--strategy: empty item" suite -s a,,b -- true
expect_error 2 "--param: 'size' is not NAME=V1,V2" suite --param size -- true
expect_error 2 "--param: 'workers' is taken" suite --param workers=1 -- true
expect_error 2 "--runs: 0 is out of range" suite --runs 0 -- true
expect_error 2 "--timeout: 0 is out of range" suite --timeout 0 -- true
expect_error 2 "suite: unknown format .yaml. \(text, json, markdown, csv or html\)" suite -f yaml -- true
expect_error 2 "--save: '../x' is not a name" suite --save ../x -- true

# A command that does not exist: exit 2, named.
expect_error 2 "suite: command 'no-such-test-runner' not found in PATH" \
	suite -- no-such-test-runner -q
expect_error 2 "suite: command '$TMP/nothere' cannot be run" \
	suite -- "$TMP/nothere"

# A command that exits non-zero in every run: exit 1 after the warmup,
# nothing measured, nothing on stdout.
expect_error 1 "suite: the command failed in every warmup run \(2 of 2\)" \
	suite -q -s a,b -- false

# Without a warmup it is measured, reported with its real exit codes, and
# exits 1: no configuration passed.
set +e
"$DBBENCH" suite -q --warmup 0 --runs 3 -f json -o "$TMP/false.json" \
	-- false 2>"$TMP/err"
got=$?
set -e
[ "$got" -eq 1 ] || fail "false, no warmup: exit $got"
grep -q "no configuration passed every timed run" "$TMP/err" ||
	fail "false: $(cat "$TMP/err")"
[ "$(json_get "$TMP/false.json" "j['suite']['configs'][0]['exit_codes']")" = "[1, 1, 1]" ] ||
	fail "false: exit codes not recorded"
[ "$(json_get "$TMP/false.json" "j['suite']['recommended']")" = "None" ] ||
	fail "false: a recommendation was made up"
pass
"$DBBENCH" suite -q --warmup 0 --runs 3 -s a -- sh -c 'exit 3' \
	>"$TMP/exit3.txt" 2>/dev/null || true
grep -q "^  a: 3 of 3 runs did not pass (exit status 3 in the first)\$" "$TMP/exit3.txt" ||
	fail "exit 3: $(cat "$TMP/exit3.txt")"
grep -q "^recommended: none: no configuration passed every timed run\$" "$TMP/exit3.txt" ||
	fail "exit 3: recommendation"
pass

# A timeout: the run is killed (its whole process group), reported, not
# timed, the configuration not run again; exit 1.
set +e
start=$(date +%s)
"$DBBENCH" suite -q --warmup 0 --runs 5 --timeout 0.5 -f json \
	-o "$TMP/timeout.json" -- sh -c 'sleep 31.25 & sleep 31.25; true' \
	2>"$TMP/err"
got=$?
end=$(date +%s)
set -e
[ "$got" -eq 1 ] || fail "timeout: exit $got ($(cat "$TMP/err"))"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "timeout: $(cat "$TMP/err")"
grep -q "suite: 1 run timed out after 0.5 s (--timeout)" "$TMP/err" ||
	fail "timeout: $(cat "$TMP/err")"
[ $((end - start)) -lt 10 ] || fail "timeout: took $((end - start)) s"
sleep 0.2
if command -v pgrep >/dev/null 2>&1 && pgrep -f "sleep 31.25" >/dev/null; then
	fail "timeout: the command's background child survived"
fi
c="j['suite']['configs'][0]"
[ "$(json_get "$TMP/timeout.json" "($c['runs'], $c['timeouts'], $c['wall'])")" = "(0, 1, None)" ] ||
	fail "timeout: $(json_get "$TMP/timeout.json" "$c")"
pass
"$DBBENCH" suite -q --warmup 0 --runs 1 --timeout 0.3 -- sleep 5 \
	>"$TMP/timeout.txt" 2>/dev/null || true
grep -q "timed out after 0.3 s (--timeout): its process group was killed" \
	"$TMP/timeout.txt" || fail "timeout: text report: $(cat "$TMP/timeout.txt")"
grep -q "no timed run: timed out" "$TMP/timeout.txt" ||
	fail "timeout: text row: $(cat "$TMP/timeout.txt")"
pass

# --junit, and the command writes no report: exit 2, naming what to do.
expect_error 2 "suite: a: the run \(exit status 0\) wrote no JUnit report; pass \{junit\}" \
	suite -q --junit -s a -- true
# A malformed report: exit 2 with the reader's reason.
expect_error 2 "suite: a: the run \(exit status 0\) wrote a JUnit report dbbench cannot read: " \
	suite -q --junit -s a -- sh -c 'echo "<testsuite><testcase" >"$1"' sh "{junit}"
expect_error 2 "wrote a JUnit report dbbench cannot read: .*not JUnit|JUnit report dbbench cannot read" \
	suite -q --junit -s a -- sh -c 'echo "<html/>" >"$DBBENCH_JUNIT"'

# --prepare that fails: exit 1, named.
expect_error 1 "suite: --prepare 'exit 3' failed \(exit status 3\)" \
	suite -q --prepare 'exit 3' -- true

# No scratch JUnit file or folder is left behind.
left=$(find "$TMPDIR" -mindepth 1 | head -n 3)
[ -z "$left" ] || fail "left behind: $left"
pass

done_ok
