#!/bin/sh
# suite.sh - dbbench suite with small shell commands: the matrix, the
# placeholders and DBBENCH_* variables, warmup and run counts, the seeded
# order, JUnit reports and the isolation signal (exit 4), CPU and memory
# of children, --prepare, --save, the JSON contract and SIGINT
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC1087
# (single-quoted shell for the commands run; Python subscripts in strings)
. "$(dirname "$0")/lib.sh"
need_python3

# The matrix: 2 strategies x 2 worker counts x 2 sizes, placeholders in
# the arguments, the same values in the environment, 0 passed as is.
log="$TMP/calls.log"
"$DBBENCH" suite -q -s rollback,per-test -j 0,2 --param size=s,m \
	--warmup 1 --runs 3 -f json -o "$TMP/m.json" -- \
	sh -c 'echo "$1 $2 $3 | $DBBENCH_STRATEGY $DBBENCH_WORKERS $DBBENCH_PARAM_SIZE" >>"$4"' \
	sh "{strategy}" "-n {workers}" "{size}" "$log"
[ "$(wc -l <"$log")" -eq 32 ] || fail "matrix: $(wc -l <"$log") runs, expected 8 x (1 + 3)"
for s in rollback per-test; do
	for w in 0 2; do
		for p in s m; do
			n=$(grep -c "^$s -n $w $p | $s $w $p\$" "$log" || true)
			[ "$n" -eq 4 ] || fail "matrix: $s $w $p ran $n times"
		done
	done
done
pass
[ "$(json_get "$TMP/m.json" "len(j['suite']['configs'])")" -eq 8 ] || fail "configs"
[ "$(json_get "$TMP/m.json" "sorted({c['workers'] for c in j['suite']['configs']})")" = "[0, 2]" ] ||
	fail "workers 0 not kept"
[ "$(json_get "$TMP/m.json" "j['suite']['configs'][1]['params']")" = "{'size': 'm'}" ] ||
	fail "params"
[ "$(json_get "$TMP/m.json" "j['suite']['command'][0]")" = "sh" ] || fail "command"
[ "$(json_get "$TMP/m.json" "all(c['runs'] == 3 and c['wall']['n'] == 3 and len(c['exit_codes']) == 3 for c in j['suite']['configs'])")" = "True" ] ||
	fail "runs per configuration"
[ "$(json_get "$TMP/m.json" "all(c['wall']['min'] > 0 and c['wall']['ci95_low'] <= c['wall']['median'] <= c['wall']['ci95_high'] for c in j['suite']['configs'])")" = "True" ] ||
	fail "wall STATS"
# No JUnit: no test figures, not zeros.
[ "$(json_get "$TMP/m.json" "[k for k in ('tests', 'failures', 'per_test', 'failed_tests') if k in j['suite']['configs'][0]]")" = "[]" ] ||
	fail "JUnit fields made up without --junit"
[ "$(json_get "$TMP/m.json" "j['suite']['recommended']['strategy'] in ('rollback', 'per-test')")" = "True" ] ||
	fail "recommended"
pass

# The order of the timed runs is shuffled, and the same seed gives the same
# order.
order() {
	rm -f "$TMP/o.log"
	"$DBBENCH" suite -q -s a,b,c,d --warmup 0 --runs 3 --seed "$1" -- \
		sh -c 'echo "$1" >>"$2"' sh "{strategy}" "$TMP/o.log" >/dev/null
	tr '\n' ' ' <"$TMP/o.log"
}
o1=$(order 1)
o1b=$(order 1)
o2=$(order 7)
[ "$o1" = "$o1b" ] || fail "seed 1 gave '$o1' then '$o1b'"
[ "$o1" != "$o2" ] || fail "seeds 1 and 7 gave the same order '$o1'"
[ "$o1" != "a b c d a b c d a b c d " ] || fail "not shuffled: $o1"
pass

# --prepare runs before every run, warmup included, with the placeholders.
rm -f "$TMP/p.log"
"$DBBENCH" suite -q -s x,y --warmup 2 --runs 3 \
	--prepare "echo prep-{strategy}-\$DBBENCH_STRATEGY >>'$TMP/p.log'" \
	-- true >/dev/null
[ "$(grep -c '^prep-x-x$' "$TMP/p.log")" -eq 5 ] || fail "prepare: $(cat "$TMP/p.log")"
[ "$(grep -c '^prep-y-y$' "$TMP/p.log")" -eq 5 ] || fail "prepare y"
pass

# CPU and memory come from wait4(): children the command waited for are
# in the CPU times (the loop costs the same run by sh itself or by a child
# it waits for); ru_maxrss is the largest process, here the child.
loop='i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'
"$DBBENCH" suite -q --warmup 0 --runs 3 --param mode=self,child -f json \
	-o "$TMP/cpu.json" -- sh -c \
	'if [ "$1" = child ]; then sh -c "$2"; true; else eval "$2"; fi' \
	sh "{mode}" "$loop"
cpu() {
	json_get "$TMP/cpu.json" "[c['cpu_user']['median'] + c['cpu_sys']['median'] for c in j['suite']['configs'] if c['params']['mode'] == '$1'][0]"
}
self=$(cpu self)
child=$(cpu child)
[ "$(python3 -c "print($child > 0.6 * $self and $self > 1e7)")" = True ] ||
	fail "CPU of the child not counted: child $child ns, self $self ns"
if command -v perl >/dev/null 2>&1; then
	"$DBBENCH" suite -q --warmup 0 --runs 3 -f json -o "$TMP/rss.json" -- \
		sh -c 'perl -e "\$x = q(a) x 80_000_000; sleep 0"; true'
	[ "$(json_get "$TMP/rss.json" "j['suite']['configs'][0]['max_rss_kb'] > 78000")" = "True" ] ||
		fail "peak RSS of the child: $(json_get "$TMP/rss.json" "j['suite']['configs'][0]['max_rss_kb']")"
fi
pass

# JUnit: each run its own report; a test failing under one strategy only
# is named and exits 4; the recommendation is the passing strategy.
cat >"$TMP/junit.sh" <<'SH'
#!/bin/sh
# writes a JUnit report to $1; test_b fails under "bad"
out=$1
if [ "$DBBENCH_STRATEGY" = bad ]; then
	b='<testcase classname="t" name="test_b" time="0.002"><failure message="boom"/></testcase>'
	st=1
else
	b='<testcase classname="t" name="test_b" time="0.002"/>'
	st=0
fi
[ ! -e "$out" ] || exit 9
cat >"$out" <<XML
<?xml version="1.0"?>
<testsuites><testsuite name="s" tests="3" failures="$st">
<testcase classname="t" name="test_a" time="0.001"/>
$b
<testcase classname="t" name="test_c" time="0.5"><skipped/></testcase>
</testsuite></testsuites>
XML
echo "$out" >>"${out%/*}/../paths.log" 2>/dev/null || true
exit $st
SH
chmod +x "$TMP/junit.sh"
set +e
"$DBBENCH" suite -q -s good,bad -j 0,1 --junit --runs 3 -f json \
	-o "$TMP/j.json" -- "$TMP/junit.sh" "{junit}" 2>"$TMP/err"
got=$?
set -e
[ "$got" -eq 4 ] || fail "isolation: exit $got: $(cat "$TMP/err")"
grep -q "suite: 1 test passed under one configuration and failed under another (t::test_b)" "$TMP/err" ||
	fail "isolation line: $(cat "$TMP/err")"
iso="j['suite']['isolation'][0]"
[ "$(json_get "$TMP/j.json" "($iso['test'], sorted(x['strategy'] for x in $iso['fails_in']), sorted(x['strategy'] for x in $iso['passes_in']))")" = "('t::test_b', ['bad', 'bad'], ['good', 'good'])" ] ||
	fail "isolation: $(json_get "$TMP/j.json" "$iso")"
bad="[c for c in j['suite']['configs'] if c['strategy'] == 'bad'][0]"
good="[c for c in j['suite']['configs'] if c['strategy'] == 'good'][0]"
[ "$(json_get "$TMP/j.json" "($bad['tests'], $bad['failures'], $bad['errors'], $bad['skipped'], $bad['failed_tests'], $bad['all_passed'])")" = "(3, 1, 0, 1, ['t::test_b'], False)" ] ||
	fail "bad: $(json_get "$TMP/j.json" "$bad")"
[ "$(json_get "$TMP/j.json" "($good['failures'], $good['failed_tests'], $good['all_passed'], $good['exit_codes'])")" = "(0, [], True, [0, 0, 0])" ] ||
	fail "good: $(json_get "$TMP/j.json" "$good")"
# per-test durations: the two timed cases of 3 runs; the skipped one not.
[ "$(json_get "$TMP/j.json" "($good['per_test']['n'], $good['per_test']['min'], $good['per_test']['max'])")" = "(6, 1000000.0, 2000000.0)" ] ||
	fail "per_test: $(json_get "$TMP/j.json" "$good['per_test']")"
[ "$(json_get "$TMP/j.json" "j['suite']['recommended']['strategy']")" = "good" ] ||
	fail "recommended: $(json_get "$TMP/j.json" "j['suite']['recommended']")"
pass

# The same in text: the failing test and the isolation named per
# configuration, and the recommendation.
set +e
"$DBBENCH" suite -q -s good,bad --junit --runs 3 -- "$TMP/junit.sh" "{junit}" \
	>"$TMP/j.txt" 2>/dev/null
got=$?
set -e
[ "$got" -eq 4 ] || fail "text: exit $got"
grep -q "^  bad: t::test_b (failed in 3 of 3 runs)" "$TMP/j.txt" || fail "text: $(cat "$TMP/j.txt")"
grep -q "fails under (bad)" "$TMP/j.txt" || fail "text: fails under"
grep -q "passes under (good)" "$TMP/j.txt" || fail "text: passes under"
grep -q "^recommended: good (" "$TMP/j.txt" || fail "text: recommended"
pass

# --startup and a worker scan: a fake suite of 100 tests whose start-up
# and execution are sleeps, 0 workers: 0.05 s + 0.3 s, 2 workers: 0.45 s
# + 0.1 s.  The lines cross at (0.45 - 0.05) / (0.003 - 0.001) = 200 tests.
cat >"$TMP/fake.sh" <<'SH'
#!/bin/sh
# fake.sh startup|run WORKERS [JUNIT]
case $2 in 0) s=0.05 e=0.3 ;; *) s=0.45 e=0.1 ;; esac
sleep "$s"
[ "$1" = run ] || exit 5
sleep "$e"
{
	echo '<testsuite name="s">'
	i=0
	while [ $i -lt 100 ]; do
		echo "<testcase classname=\"t\" name=\"t$i\" time=\"0.001\"/>"
		i=$((i + 1))
	done
	echo '</testsuite>'
} >"$3"
SH
chmod +x "$TMP/fake.sh"
(cd "$TMP" && "$DBBENCH" suite -q -s rollback -j 0,2 --junit --runs 3 \
	--startup "$TMP/fake.sh startup {workers}" --save scan -- \
	"$TMP/fake.sh" run "{workers}" "{junit}" >"$TMP/scan.txt")
grep -q "^  rollback, 0 workers: start-up [0-9.]* ms ([0-9]*% of the run), tests [0-9.]* ms\$" "$TMP/scan.txt" ||
	fail "startup split: $(cat "$TMP/scan.txt")"
sc="j['suite']['scaling'][0]"
cross=$(json_get "$TMP/results/scan.json" "$sc['crossovers']")
[ "$(json_get "$TMP/results/scan.json" "($sc['strategy'], $sc['tests'], len($sc['crossovers']), $sc['crossovers'][0]['from_workers'], $sc['crossovers'][0]['to_workers'], 120 < $sc['crossovers'][0]['tests'] < 350)")" = "('rollback', 100, 1, 0, 2, True)" ] ||
	fail "crossover: $cross"
[ "$(json_get "$TMP/results/scan.json" "0.1e9 < $sc['startup_per_worker_ns'] < 0.35e9 and $sc['best_measured_workers'] == 0")" = True ] ||
	fail "start-up per worker: $(json_get "$TMP/results/scan.json" "$sc")"
grep -q "0 workers up to ~[123][0-9]0 tests; 2 workers beyond" "$TMP/scan.txt" ||
	fail "crossover line: $(cat "$TMP/scan.txt")"
"$DBBENCH" recommend --tests 50 "$TMP/results/scan.json" >"$TMP/rec50"
"$DBBENCH" recommend --tests 1000 "$TMP/results/scan.json" >"$TMP/rec1000"
grep -q "^rollback: 0 workers for 50 tests" "$TMP/rec50" || fail "recommend 50: $(cat "$TMP/rec50")"
grep -q "^rollback: 2 workers for 1000 tests" "$TMP/rec1000" || fail "recommend 1000: $(cat "$TMP/rec1000")"
# A saved run without --startup cannot predict other sizes: exit 2.
expect_error 2 "recommend: .*m.json: rollback, size=s was measured without --startup" \
	recommend --tests 10 "$TMP/m.json"
pass

# Markdown, CSV and HTML.
for f in markdown csv html; do
	"$DBBENCH" suite -q -s good,bad -j 0,1 --junit --runs 3 -f "$f" \
		-o "$TMP/j.$f" -- "$TMP/junit.sh" "{junit}" 2>/dev/null || [ $? -eq 4 ] ||
		fail "-f $f failed"
done
grep -q "^| configuration | wall (median) | 95% CI | runs | tests |" "$TMP/j.markdown" ||
	fail "markdown table: $(cat "$TMP/j.markdown")"
grep -q '^- `t::test_b`: fails under (bad, 0 workers), (bad, 1 worker); passes under (good, 0 workers), (good, 1 worker)$' "$TMP/j.markdown" ||
	fail "markdown isolation: $(cat "$TMP/j.markdown")"
grep -q '^\*\*good, [01] workers\?\*\* (' "$TMP/j.markdown" || fail "markdown recommendation"
python3 - "$TMP/j.csv" <<'PY' || fail "csv: $(cat "$TMP/j.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 4, rows
assert [(r["strategy"], r["workers"]) for r in rows] == [("good", "0"), ("good", "1"), ("bad", "0"), ("bad", "1")], rows
assert all(r["runs"] == "3" and r["tests"] == "3" and float(r["wall_median_ns"]) > 0 for r in rows)
assert [r["failed_tests"] for r in rows] == ["0", "0", "1", "1"]
assert all(r["startup_median_ns"] == "" for r in rows)
assert sum(r["recommended"] == "1" for r in rows) == 1
PY
python3 - "$TMP/j.html" <<'PY' || fail "html"
import html.parser, sys
class P(html.parser.HTMLParser):
    tags = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
p = P()
p.feed(open(sys.argv[1]).read())
assert p.tags.count("svg") == 1 and p.tags.count("polyline") == 2, p.tags
assert p.tags.count("tr") == 5
PY
grep -q "t::test_b</code>: fails under (bad, 0 workers)" "$TMP/j.html" || fail "html isolation"
pass

# --db-run: the database's share of the difference between strategies,
# from a saved dbbench run, x the suite's tests.
"$DBBENCH" -s rollback,per-test --rounds 3 --warmup 0 --replicates 1 \
	--no-validate -q -f json -o "$TMP/dbrun.json"
cat >"$TMP/slow.sh" <<'SH'
#!/bin/sh
# per-test is slower by 0.25 s; a JUnit report of 40 tests to $1
if [ "$DBBENCH_STRATEGY" = per-test ]; then sleep 0.3; else sleep 0.05; fi
i=0
{
	echo '<testsuite name="s">'
	while [ $i -lt 40 ]; do
		echo "<testcase classname=\"t\" name=\"t$i\" time=\"0.001\"/>"
		i=$((i + 1))
	done
	echo '</testsuite>'
} >"$1"
SH
chmod +x "$TMP/slow.sh"
"$DBBENCH" suite -q -s rollback,per-test --junit --runs 3 --db-run "$TMP/dbrun.json" \
	-f json -o "$TMP/share.json" -- "$TMP/slow.sh" "{junit}"
python3 - "$TMP/share.json" "$TMP/dbrun.json" <<'PY' || fail "db_share: $(cat "$TMP/share.json")"
import json, sys
s = json.load(open(sys.argv[1]))["suite"]
run = json.load(open(sys.argv[2]))
med = {c["strategy"]: c["suite_overhead"]["median"] for c in run["cells"]}
walls = {c["strategy"]: c["wall"]["median"] for c in s["configs"]}
[r] = s["db_share"]
assert (r["strategy"], r["reference"], r["backend"], r["tests"]) == ("per-test", "rollback", "sqlite", 40), r
assert r["db_per_test_ns"] == med["per-test"] and r["reference_db_per_test_ns"] == med["rollback"], r
assert abs(r["db_diff_ns"] - 40 * (med["per-test"] - med["rollback"])) < 1, r
assert r["suite_diff_ns"] == walls["per-test"] - walls["rollback"], r
assert 0.15e9 < r["suite_diff_ns"] < 1e9, r
PY
"$DBBENCH" suite -q -s rollback,per-test --junit --runs 3 --db-run "$TMP/dbrun.json" \
	-- "$TMP/slow.sh" "{junit}" >"$TMP/share.txt"
grep -Eq "^  per-test costs your suite [0-9.]* ms more than rollback; [0-9.]* [mµ]s of it is the database \\(.* a test on sqlite, x 40 tests\\); (the rest, [0-9.]* ms, is your driver, ORM and fixture code|the database alone accounts for more than the whole difference)\$" \
	"$TMP/share.txt" || fail "db share text: $(cat "$TMP/share.txt")"
expect_error 2 "--db-run: give -s with two strategies or more and --junit" \
	suite -s a,b --db-run "$TMP/dbrun.json" -- true
expect_error 2 "--db-run: .*nothere.json" suite -s a,b --junit --db-run "$TMP/nothere.json" -- true
pass

# --save writes the JSON report under results/.
(cd "$TMP" && "$DBBENCH" suite -q --runs 3 --save mysuite -- true >/dev/null)
[ "$(json_get "$TMP/results/mysuite.json" "j['suite']['configs'][0]['runs']")" -eq 3 ] ||
	fail "--save"
pass

# SIGINT stops cleanly: the report of the runs finished, exit 1, and the
# command's process group is not left running.
"$DBBENCH" suite -s a,b --warmup 0 --runs 1000 -f json -o "$TMP/int.json" \
	-- sleep 0.2 2>"$TMP/int.err" &
pid=$!
sleep 2
kill -INT "$pid"
set +e
wait "$pid"
got=$?
set -e
[ "$got" -eq 1 ] || fail "SIGINT: exit $got: $(cat "$TMP/int.err")"
grep -q "suite: interrupted; the report covers the [0-9]* timed runs finished before it" \
	"$TMP/int.err" || fail "SIGINT: $(cat "$TMP/int.err")"
[ "$(json_get "$TMP/int.json" "j['suite']['interrupted'] and 1 <= sum(c['runs'] for c in j['suite']['configs']) < 2000")" = "True" ] ||
	fail "SIGINT: report"
pass

# compare and --baseline on suite runs: the same regression gate (exit 3).
(cd "$TMP" && "$DBBENCH" suite -q -s x,y --runs 8 --warmup 0 --save fast -- \
	sleep 0.02 >/dev/null)
"$DBBENCH" compare "$TMP/results/fast.json" "$TMP/results/fast.json" >"$TMP/cmp.txt" ||
	fail "compare with itself: exit $?"
grep -q "^  x .* +0.0% .* no significant change" "$TMP/cmp.txt" || fail "compare: $(cat "$TMP/cmp.txt")"
set +e
"$DBBENCH" suite -q -s x,y,z --runs 8 --warmup 0 \
	--baseline "$TMP/results/fast.json" -- sleep 0.15 >"$TMP/base.txt" 2>"$TMP/err"
got=$?
set -e
[ "$got" -eq 3 ] || fail "--baseline: exit $got: $(cat "$TMP/err")"
grep -q "^dbbench: suite: 2 configurations regressed\$" "$TMP/err" || fail "--baseline: $(cat "$TMP/err")"
grep -q "^  y .* regression\$" "$TMP/base.txt" || fail "--baseline: $(cat "$TMP/base.txt")"
grep -q "^  only in this run: z\$" "$TMP/base.txt" || fail "--baseline: only in"
expect_error 2 "junit.sh:1:1: .* expected" \
	compare "$TMP/results/fast.json" "$TMP/junit.sh"
echo '{"schema_version": 1, "cells": []}' >"$TMP/run-shaped.json"
expect_error 2 "run-shaped.json: not a dbbench suite report \(no suite.configs\)" \
	compare "$TMP/results/fast.json" "$TMP/run-shaped.json"
"$DBBENCH" report "$TMP/results/fast.json" >"$TMP/fast.again" ||
	fail "report on a saved suite run"
grep -q "^dbbench suite: " "$TMP/fast.again" || fail "report: $(cat "$TMP/fast.again")"
expect_error 2 "--baseline: .*nothere.json" suite --baseline "$TMP/nothere.json" -- true
expect_error 2 "--fail-threshold: give --baseline FILE too" suite --fail-threshold 5 -- true
expect_error 2 "compare: --format csv is not available \(text, markdown or json\)" \
	compare -f csv "$TMP/results/fast.json" "$TMP/results/fast.json"
pass

# The reports satisfy doc/result-schema.json#/$defs/suite_report.
if python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$TESTS_DIR/../doc/result-schema.json" "$TMP/m.json" "$TMP/j.json" \
		"$TMP/cpu.json" "$TMP/results/scan.json" "$TMP/int.json" "$TMP/share.json" <<'PY' ||
import json, sys
import jsonschema
full = json.load(open(sys.argv[1]))
schema = {"$schema": full["$schema"], "$defs": full["$defs"],
          "$ref": "#/$defs/suite_report"}
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
v = cls(schema)
for f in sys.argv[2:]:
    errs = list(v.iter_errors(json.load(open(f))))
    if errs:
        print("%s: %s at %s" % (f, errs[0].message, list(errs[0].path)))
        sys.exit(1)
bad = json.load(open(sys.argv[2]))
del bad["suite"]["configs"][0]["wall"]
if not list(v.iter_errors(bad)):
    print("a report without wall passed")
    sys.exit(1)
PY
		fail "schema"
	pass
fi

done_ok
