#!/bin/sh
# suite_saved.sh - `dbbench report` on a saved suite run (--save): every
# format rendered again from the file, text and JSON the same as the run
# printed; a worker scan with --startup, JUnit failures and the isolation
# signal, a --param matrix; a malformed file is one line and exit 2;
# compare -f markdown|json on saved suite runs and --baseline -f markdown
# shellcheck source-path=SCRIPTDIR disable=SC2016
# (single-quoted patterns with Markdown backquotes)
. "$(dirname "$0")/lib.sh"
need_python3

cd "$TMP"

# same_json A B: the same document, key order aside
same_json() {
	python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$1" "$2" ||
		fail "$1 and $2 differ"
	pass
}

# check_saved NAME: the saved run in every format; JSON as saved
check_saved() {
	for f in text json markdown csv html; do
		"$DBBENCH" report "results/$1.json" -f "$f" -o "$1.again.$f" ||
			fail "report -f $f on $1"
		[ -s "$1.again.$f" ] || fail "report -f $f on $1: empty"
		pass
	done
	same_json "results/$1.json" "$1.again.json"
	grep -q "^| " "$1.again.markdown" || fail "$1: no Markdown table"
	grep -q "<html" "$1.again.html" || fail "$1: no HTML"
	head -n 1 "$1.again.csv" | grep -q "wall_median_ns" || fail "$1: CSV header"
	pass
}

# A cheap command: text and JSON as the run printed them.
"$DBBENCH" suite -q --runs 3 --save cheap -- sh -c 'exit 0' >cheap.txt
check_saved cheap
cmp cheap.txt cheap.again.text || fail "text differs: $(diff cheap.txt cheap.again.text)"
pass
"$DBBENCH" report results/cheap.json >cheap.stdout
cmp cheap.txt cheap.stdout || fail "report to stdout differs"
pass

# A matrix of strategies, worker counts and a parameter, printed as JSON.
"$DBBENCH" suite -q -s rollback,per-test -j 0,2 --param size=s,m --runs 3 \
	-f json -o matrix.json --save matrix -- true
check_saved matrix
same_json matrix.json matrix.again.json
"$DBBENCH" suite -q -s rollback,per-test -j 0,2 --param size=s,m --runs 3 \
	--save matrix2 -- true >matrix2.txt
"$DBBENCH" report results/matrix2.json >matrix2.again
cmp matrix2.txt matrix2.again || fail "matrix text differs: $(diff matrix2.txt matrix2.again)"
pass

# JUnit: test_b fails under "bad" only (isolation, exit 4).
cat >junit.sh <<'SH'
#!/bin/sh
if [ "$DBBENCH_STRATEGY" = bad ]; then
	b='<testcase classname="t" name="test_b" time="0.002"><failure message="boom"/></testcase>'
	st=1
else
	b='<testcase classname="t" name="test_b" time="0.002"/>'
	st=0
fi
cat >"$1" <<XML
<?xml version="1.0"?>
<testsuites><testsuite name="s" tests="3" failures="$st">
<testcase classname="t" name="test_a" time="0.001"/>
$b
<testcase classname="t" name="test_c" time="0.5"><skipped/></testcase>
</testsuite></testsuites>
XML
exit $st
SH
chmod +x junit.sh
"$DBBENCH" suite -q -s good,bad -j 0,1 --junit --runs 3 --save junit -- \
	./junit.sh "{junit}" >junit.txt 2>/dev/null || [ $? -eq 4 ] ||
	fail "junit run"
check_saved junit
cmp junit.txt junit.again.text || fail "junit text differs: $(diff junit.txt junit.again.text)"
grep -q "test_b" junit.again.text || fail "failing test not named"
pass

# --startup and a worker scan: the scaling section again.
cat >fake.sh <<'SH'
#!/bin/sh
case $2 in 0) s=0.01 ;; *) s=0.03 ;; esac
sleep "$s"
[ "$1" = run ] || exit 5
echo '<testsuite name="s"><testcase classname="t" name="t1" time="0.001"/></testsuite>' >"$3"
SH
chmod +x fake.sh
"$DBBENCH" suite -q -s rollback -j 0,2 --junit --runs 3 \
	--startup "./fake.sh startup {workers}" --save scan -- \
	./fake.sh run "{workers}" "{junit}" >scan.txt
check_saved scan
cmp scan.txt scan.again.text || fail "scan text differs: $(diff scan.txt scan.again.text)"
pass

# Malformed saved runs: one line naming the file and the field, exit 2.
python3 - <<'PY'
import json
j = json.load(open("results/cheap.json"))
def save(name, f):
    k = json.loads(json.dumps(j))
    f(k)
    json.dump(k, open("results/%s.json" % name, "w"))
save("nowall", lambda k: k["suite"]["configs"][0].pop("wall"))
save("badend", lambda k: k["suite"]["configs"][0]["samples"][1].update(end="exploded"))
save("badruns", lambda k: k["suite"]["configs"][0].update(runs=7))
save("badwall", lambda k: k["suite"]["configs"][0]["samples"][0].update(wall_ns="fast"))
save("badrec", lambda k: k["suite"]["recommended"].update(strategy="nothere"))
PY
expect_error 2 "results/nowall.json: suite.configs\[0\].wall: missing" report results/nowall.json
expect_error 2 "results/badend.json: suite.configs\[0\].samples\[1\].end: \"exploded\" is not" report results/badend.json
expect_error 2 "results/badruns.json: suite.configs\[0\].runs: 7, but 3 samples" report results/badruns.json -f json
expect_error 2 "results/badwall.json: suite.configs\[0\].samples\[0\].wall_ns: not a whole number" report results/badwall.json -f html
expect_error 2 "results/badrec.json: suite.recommended: names no configuration" report results/badrec.json
printf '{"suite": {"configs": [}' >results/broken.json
expect_error 2 "results/broken.json" report results/broken.json
[ ! -e out.md ] || fail "out.md left"
expect_error 2 "results/nowall.json" report results/nowall.json -f markdown -o out.md
[ ! -e out.md ] || fail "half-written out.md"
pass

# compare -f markdown|json and --baseline with -f markdown on suite runs:
# the verdicts and exit 3 of the text.
"$DBBENCH" suite -q -s x,y --runs 8 --warmup 0 --save fast -- sleep 0.02 >/dev/null
"$DBBENCH" compare results/fast.json results/fast.json >cmp.txt
for f in markdown json; do
	"$DBBENCH" compare -f "$f" results/fast.json results/fast.json >"cmp.$f" ||
		fail "compare -f $f with itself: exit $?"
	pass
done
grep -q '^| x | .* | +0.0% | .* | no significant change |$' cmp.markdown ||
	fail "compare -f markdown: $(cat cmp.markdown)"
[ "$(json_get cmp.json "[(c['strategy'], c['change'], c['verdict']) for c in j['configs']]")" = \
	"[('x', 0.0, 'no significant change'), ('y', 0.0, 'no significant change')]" ] ||
	fail "compare -f json: $(cat cmp.json)"
[ "$(json_get cmp.json "(j['regressions'], j['only_in_before'], j['threshold'], j['configs'][0]['workers'])")" = \
	"(0, [], 0.2, None)" ] || fail "compare -f json: $(cat cmp.json)"
pass
# JSON and Markdown carry the figures the text prints.
python3 - <<'PY' || fail "compare: text and json disagree"
import json, re
j = json.load(open("cmp.json"))
rows = [l for l in open("cmp.txt") if re.match(r"  [xy] ", l)]
assert len(rows) == 2
for row, c in zip(rows, j["configs"]):
    p = float(row.split()[-4])
    assert abs(p - c["p"]) <= 0.01 * c["p"], (row, c)
    assert c["before_median_ns"] > 0.015e9 and c["after_median_ns"] > 0.015e9
PY
pass
"$DBBENCH" suite -q -s x,y,z --runs 8 --warmup 0 --save slow -- sleep 0.15 >/dev/null
for f in text markdown json; do
	set +e
	"$DBBENCH" compare -f "$f" -o "reg.$f" results/fast.json results/slow.json 2>err
	got=$?
	set -e
	[ "$got" -eq 3 ] || fail "compare -f $f: exit $got: $(cat err)"
	grep -q "^dbbench: suite: 2 configurations regressed\$" err || fail "compare -f $f: $(cat err)"
	pass
done
grep -q '^| y | .* | \*\*regression\*\* |$' reg.markdown || fail "markdown regression: $(cat reg.markdown)"
grep -q '^Only in `results/slow.json`: z$' reg.markdown || fail "markdown only in: $(cat reg.markdown)"
[ "$(json_get reg.json "([c['verdict'] for c in j['configs']], j['only_in_after'], j['regressions'], j['configs'][1]['change'] > 0.2, j['configs'][1]['p'] < 0.05)")" = \
	"(['regression', 'regression'], ['z'], 2, True, True)" ] || fail "json regression: $(cat reg.json)"
pass
set +e
"$DBBENCH" suite -q -s x,y,z --runs 8 --warmup 0 -f markdown \
	--baseline results/fast.json -- sleep 0.15 >base.md 2>err
got=$?
set -e
[ "$got" -eq 3 ] || fail "--baseline -f markdown: exit $got: $(cat err)"
grep -q '^## Suite comparison: `results/fast.json` → `this run`$' base.md || fail "--baseline markdown: $(cat base.md)"
grep -q '^| x | .* | \*\*regression\*\* |$' base.md || fail "--baseline markdown row: $(cat base.md)"
pass

done_ok
