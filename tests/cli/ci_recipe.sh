#!/bin/sh
# ci_recipe.sh - the CI recipe of doc/ci.md, run as printed there
#
# The script ci/dbbench.sh and the workflow are taken from doc/ci.md
# (between their "begins" and "ends" markers), so the doc cannot drift from
# what is tested.  The script runs on the shipped default workload on
# SQLite with a short budget (its MAX_TIME setting): the main mode saves
# the run, the pr mode catches a regression against a baseline made ten
# times faster by hand (exit 3), the gate catches tests/data/leaky's
# committing test (exit 4), and each writes its Markdown into the summary.
# The A/A loop the doc quotes its figures from runs once, shortened.
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to edit JSON"

doc="$TESTS_DIR/../doc/ci.md"
[ -f "$doc" ] || fail "no $doc"

# block NAME: the fenced block between "<!-- NAME begins -->" and
# "<!-- NAME ends -->" in doc/ci.md, without its fences.
block() {
	awk -v b="<!-- $1 begins -->" -v e="<!-- $1 ends -->" '
		$0 == e { inside = 0 }
		inside && !/^```/ { print }
		$0 == b { inside = 1 }' "$doc"
}

mkdir "$TMP/repo" "$TMP/repo/ci"
cd "$TMP/repo"
# shellcheck disable=SC2094 # the block's name is the file it becomes
block ci/dbbench.sh >ci/dbbench.sh
block .github/workflows/dbbench.yml >workflow.yml
head -1 ci/dbbench.sh | grep -qx '#!/bin/sh' || fail "doc/ci.md: no script block"
# shellcheck disable=SC2016 # $status is the script's text
grep -q '^exit "\$status"$' ci/dbbench.sh || fail "doc/ci.md: the script block is cut short"
grep -q '^name: dbbench$' workflow.yml || fail "doc/ci.md: no workflow block"
sh -n ci/dbbench.sh || fail "the script does not parse"
pass

# The workflow calls the script's three modes, keeps and fetches the file
# the main mode saves, under one artifact name.
grep -q "run: sh ci/dbbench.sh \${{ github.event_name == 'pull_request' && 'pr' || 'main' }}$" \
	workflow.yml || fail "workflow: no measuring step calling pr or main"
grep -q "run: sh ci/dbbench.sh gate$" workflow.yml || fail "workflow: no gate step"
for mode in main pr gate; do
	grep -q "^$mode)\$" ci/dbbench.sh || fail "the script has no mode $mode"
done
grep -q "path: results/main.json$" workflow.yml || fail "workflow: main.json is not kept"
grep -q -- "--save main " ci/dbbench.sh || fail "the main mode saves no main run"
grep -q -- "--baseline results/main.json " ci/dbbench.sh || fail "the pr mode has no baseline"
[ "$(grep -c 'dbbench-main' workflow.yml)" -eq 2 ] ||
	fail "workflow: the artifact is not uploaded and fetched under one name"
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - workflow.yml <<'PY' || fail "workflow: not the YAML expected"
import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
on = w.get("on", w.get(True))
assert on["push"]["branches"] == ["main"] and "pull_request" in on, on
steps = w["jobs"]["dbbench"]["steps"]
names = [s.get("name", s.get("uses")) for s in steps]
assert names == ["actions/checkout@v4", "Build dbbench",
                 "Fetch the main branch's saved run", "Measure",
                 "Keep the main branch's run", "Isolation gate"], names
assert steps[4]["uses"].startswith("actions/upload-artifact@")
# Every run step is shell that parses (GitHub runs them with bash).
for i, st in enumerate(steps):
    if "run" in st:
        open("step%d.sh" % i, "w").write(st["run"])
PY
	for f in step*.sh; do
		bash -n "$f" || fail "workflow: $f does not parse: $(cat "$f")"
	done
	# The build step stays at the top of the repository for make -C.
	grep -q '^(cd tools/dbbench && ' step1.sh || fail "workflow: the build step: $(cat step1.sh)"
fi
pass

# recipe MODE [VAR=VALUE...]: run the script as the doc says (sh
# ci/dbbench.sh MODE) with the test's budget; sets $status, leaves stdout
# and stderr in $TMP/out and $TMP/err.
recipe() {
	mode=$1
	shift
	set +e
	env WORKLOAD=default STRATEGIES=rollback,per-test MAX_TIME=3 \
		SUMMARY="$TMP/repo/summary.md" "$@" sh ci/dbbench.sh "$mode" \
		>"$TMP/out" 2>"$TMP/err"
	status=$?
	set -e
}

# scaled IN OUT FACTOR: IN with every raw sample multiplied by FACTOR.
scaled() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for c in j["cells"]:
    for k, v in c["samples"].items():
        c["samples"][k] = [int(round(x * float(sys.argv[3]))) for x in v]
json.dump(j, open(sys.argv[2], "w"))
PY
}

# verdicts FILE WORD: how many rows of a Markdown comparison in FILE end
# with the verdict WORD (bold or not).
verdicts() {
	grep -Ec "\| (\*\*)?$2(\*\*)? \|\$" "$1" || true
}

# A markdown table: a header row and its |---| line.
has_table() {
	grep -q '^|---|' "$1" && grep -q '^| ' "$1"
}

recipe ""
[ "$status" -eq 2 ] || fail "no mode: exit $status"
grep -q "usage: ci/dbbench.sh main|pr|gate" "$TMP/err" || fail "no mode: $(cat "$TMP/err")"
pass

# main: the run is saved and its report is in the summary.
recipe main
[ "$status" -eq 0 ] || fail "main: exit $status: $(cat "$TMP/err")"
[ -s results/main.json ] || fail "main: no results/main.json"
[ "$(json_get results/main.json 'sorted(c["strategy"] for c in j["cells"])')" = \
	"['per-test', 'rollback']" ] || fail "main: the run is not of the two strategies"
[ -s report.md ] || fail "main: no report.md"
has_table summary.md || fail "main: no Markdown table in the summary"
grep -q '^| .*rollback' summary.md || fail "main: no rollback row in the summary"
pass

# pr before main ever ran: measured, said so, exit 0.
mv results/main.json main.json
rm summary.md
recipe pr
[ "$status" -eq 0 ] || fail "pr without a baseline: exit $status: $(cat "$TMP/err")"
grep -q "^No saved run of the main branch" summary.md || fail "pr without a baseline: $(head -3 summary.md)"
[ -s results/pr.json ] || fail "pr without a baseline: no results/pr.json"
has_table summary.md || fail "pr without a baseline: no report in the summary"
pass

# pr against a main branch ten times as fast (far beyond any drift): a
# regression, exit 3, and the comparison and the report still written.
scaled main.json results/main.json 0.1
rm summary.md results/pr.json
recipe pr
[ "$status" -eq 3 ] || fail "pr, regression: exit $status, expected 3: $(cat "$TMP/err")"
grep -q "regression against .*results/main.json" "$TMP/err" ||
	fail "pr, regression: stderr $(cat "$TMP/err")"
[ "$(verdicts compare.md regression)" -eq 2 ] || fail "pr, regression: $(cat compare.md)"
[ "$(verdicts summary.md regression)" -eq 2 ] || fail "pr, regression: the comparison is not in the summary"
[ -s results/pr.json ] || fail "pr, regression: no saved run"
[ -s report.md ] || fail "pr, regression: no report"
grep -q '^| .*per-test' report.md || fail "pr, regression: the report has no per-test row"
pass

# pr against a main branch ten times as slow: exit 0; 90% faster is
# "within threshold" of the recipe's 100%, which only a regression passes.
scaled main.json results/main.json 10
rm summary.md
recipe pr
[ "$status" -eq 0 ] || fail "pr, faster: exit $status: $(cat "$TMP/err")"
[ "$(verdicts compare.md 'within threshold')" -eq 2 ] || fail "pr, faster: $(cat compare.md)"
[ "$(verdicts summary.md regression)" -eq 0 ] || fail "pr, faster: a regression in the summary"
pass

# gate: the default workload's tests leak nothing under rollback.
rm summary.md
recipe gate
[ "$status" -eq 0 ] || fail "gate, default: exit $status: $(cat "$TMP/err")"
[ -s isolation.md ] || fail "gate, default: no isolation.md"
[ -s summary.md ] || fail "gate, default: nothing in the summary"
# ... tests/data/leaky's 03-commit.sql commits, escaping rollback: exit 4,
# the test named in the summary ...
rm summary.md
recipe gate WORKLOAD="$TESTS_DIR/data/leaky"
[ "$status" -eq 4 ] || fail "gate, leaky: exit $status, expected 4: $(cat "$TMP/err")"
grep -q -- "--fail-on-leak" "$TMP/err" || fail "gate, leaky: stderr $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "gate, leaky: stderr $(cat "$TMP/err")"
grep -q "03-commit\.sql" summary.md || fail "gate, leaky: the leaking test is not named"
# ... and nothing leaks under per-test, which gives each test a new
# database; but there 03-commit.sql's COMMIT finds no transaction and
# fails, and a test that cannot run under the strategy is not clean
# either: still exit 4, as a failure, not a leak.
rm summary.md
recipe gate WORKLOAD="$TESTS_DIR/data/leaky" STRATEGY=per-test
[ "$status" -eq 4 ] || fail "gate, leaky, per-test: exit $status, expected 4: $(cat "$TMP/err")"
grep -q "1 test failed under a strategy" "$TMP/err" ||
	fail "gate, leaky, per-test: stderr $(cat "$TMP/err")"
if grep -q "left the database different" "$TMP/err"; then
	fail "gate, leaky, per-test: a leak reported: $(cat "$TMP/err")"
fi
pass

# The A/A loop the budget figures come from, once and short.
block "A/A loop" >aa.sh
grep -q '^for i in 1 2 3 4 5 6 7 8; do$' aa.sh ||
	fail "doc/ci.md: the A/A loop is not the one measured: $(cat aa.sh)"
grep -q -- '--max-time 10 ' aa.sh ||
	fail "doc/ci.md: the A/A loop is not the one measured: $(cat aa.sh)"
sed 's/^for i in 1 2 3 4 5 6 7 8; do$/for i in 1; do/; s/--max-time 10 /--max-time 1 -s rollback /' \
	aa.sh >aa1.sh
PATH="$(dirname "$DBBENCH"):$PATH" sh -e aa1.sh >"$TMP/out" 2>&1 || true
[ -s cmp1.json ] || fail "the A/A loop wrote no comparison: $(cat "$TMP/out")"
[ "$(json_get cmp1.json 'len(j["cells"])')" -eq 1 ] || fail "A/A loop: $(cat cmp1.json)"
pass

done_ok
