#!/bin/sh
# run_text.sh - the default text report of a short SQLite run
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

"$DBBENCH" --backend sqlite --rounds 3 --warmup 0 >"$TMP/out" 2>"$TMP/err" ||
	fail "run failed: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "stderr not empty without a terminal: $(cat "$TMP/err")"
all=$(strategies " ")
for s in $all; do
	grep -Eq "^$s +[0-9.]+ (ns|µs|ms)" "$TMP/out" || fail "no row for $s"
	pass
done
grep -q "^recommendations" "$TMP/out" || fail "no recommendations"
grep -Eq "is the cheapest strategy, [0-9.]+ (ns|µs) of fixture overhead" "$TMP/out" ||
	fail "no cheapest-strategy sentence"
grep -q "^clock: CLOCK_MONOTONIC" "$TMP/out" || fail "no clock calibration line"
grep -q "^sqlite 3\." "$TMP/out" || fail "no SQLite version line"
grep -q "3 rounds" "$TMP/out" || fail "--rounds 3 not reflected"
if grep -q "^failures" "$TMP/out"; then
	fail "the default workload had failures: $(sed -n '/^failures/,/^$/p' "$TMP/out")"
fi
pass

# --tests models a larger suite by cycling the bodies.
"$DBBENCH" -s rollback --tests 60 --rounds 2 --warmup 0 >"$TMP/out60" ||
	fail "--tests 60 run failed"
grep -q "suite of 60 tests a round" "$TMP/out60" || fail "suite size not 60"
grep -q "^  the cell: 2 rounds, 120 tests timed;" "$TMP/out60" ||
	fail "expected 120 timed tests: $(grep rounds "$TMP/out60")"
"$DBBENCH" -s rollback --tests 60 --rounds 2 --warmup 0 -v >"$TMP/out60v" ||
	fail "--tests 60 -v run failed"
grep -q "rollback: 2 rounds in 2 processes, 120 tests timed" "$TMP/out60v" ||
	fail "-v: expected 120 timed tests: $(grep rounds "$TMP/out60v")"
pass

# Adaptive rounds stop by --max-time at the latest.
start=$(date +%s)
"$DBBENCH" -s per-test --target-ci 0.001 --max-time 1 -q >"$TMP/adaptive" ||
	fail "adaptive run failed"
end=$(date +%s)
[ $((end - start)) -le 8 ] || fail "adaptive run took $((end - start)) s with --max-time 1"
grep -q "short of the 0.0% target\|short of target" "$TMP/adaptive" ||
	fail "an unreachable CI target is not reported"
pass

# A file database is created and removed.
"$DBBENCH" --sqlite-path "$TMP/bench.db" -s rollback,per-test --rounds 2 \
	--warmup 0 >"$TMP/file" || fail "file run failed"
grep -q "path=$TMP/bench.db" "$TMP/file" || fail "file path not reported"
[ ! -e "$TMP/bench.db" ] || fail "the SQLite file was left behind"
pass

# Both SQLite clone methods run the template strategy without failures.
for method in backup deserialize; do
	"$DBBENCH" -s template --sqlite-clone "$method" --rounds 2 --warmup 0 \
		>"$TMP/clone" || fail "--sqlite-clone $method failed"
	grep -Eq "^template +[0-9.]+ (ns|µs)" "$TMP/clone" || fail "no template row ($method)"
	! grep -q "^failures" "$TMP/clone" || fail "--sqlite-clone $method: failures"
	pass
done
expect_error 2 "unknown method 'copy'" --sqlite-clone copy
expect_error 2 "unknown strategy 'fast'" --template-strategy fast
# Colour: --color always colours the cheapest strategy even in a pipe and
# over NO_COLOR; auto (the default) does not colour a pipe; never never does.
esc=$(printf '\033')
"$DBBENCH" -s rollback,per-test --rounds 2 --warmup 0 --color always >"$TMP/color" ||
	fail "--color always failed"
grep -q "^$esc\[1;32m[a-z-]*$esc\[0m " "$TMP/color" || fail "--color always: no coloured strategy"
NO_COLOR=1 "$DBBENCH" -s rollback --rounds 1 --warmup 0 --color always |
	grep -q "$esc\[" || fail "--color always did not override NO_COLOR"
for args in "" "--color never" "--color auto"; do
	# shellcheck disable=SC2086
	"$DBBENCH" -s rollback --rounds 1 --warmup 0 $args >"$TMP/plain" ||
		fail "run with '$args' failed"
	! grep -q "$esc" "$TMP/plain" || fail "'$args' coloured a pipe"
done
"$DBBENCH" -s rollback --rounds 1 --warmup 0 -f json --color always >"$TMP/cjson" ||
	fail "json with --color always failed"
! grep -q "$esc" "$TMP/cjson" || fail "colour in the JSON report"
pass

# list names the shipped workload and the strategies.
"$DBBENCH" list >"$TMP/list" || fail "list failed"
grep -q "^  default" "$TMP/list" || fail "list lacks the default workload"
grep -q "^  per-test" "$TMP/list" || fail "list lacks per-test"
"$DBBENCH" --version | grep -Eq "^dbbench [0-9]+\.[0-9]+\.[0-9]+$" || fail "--version"
"$DBBENCH" --help | grep -q -- "--target-ci" || fail "--help"
pass
done_ok
