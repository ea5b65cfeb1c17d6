#!/bin/sh
# suite_pytest.sh - dbbench suite on a real pytest suite: the example
# tests/suite/pyshop (pytest + SQLAlchemy + SQLite, pytest-xdist) under
# rollback and per-test, without workers and with 2.  Every configuration
# is reported with its tests and failures from JUnit; the test that fails
# under rollback only is named and dbbench exits 4; the recommendation is
# the fastest per-test configuration; pytest-xdist's workers are in the
# CPU figures.
#
# Skips (77) without a python3 that has pytest, pytest-xdist and SQLAlchemy
# (Debian: python3-pytest python3-pytest-xdist python3-sqlalchemy).
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC1087
# (single-quoted shell for the commands run; Python subscripts in strings)
. "$(dirname "$0")/lib.sh"
need_python3

python=
for p in "${PYTHON:-}" python3 /usr/bin/python3; do
	[ -n "$p" ] || continue
	if "$p" -c 'import pytest, xdist, sqlalchemy' 2>/dev/null; then
		python=$(command -v "$p")
		break
	fi
done
[ -n "$python" ] ||
	skip "no python3 with pytest, pytest-xdist and SQLAlchemy"
suite="$TESTS_DIR/suite/pyshop"
export TMPDIR="$TMP/scratch"
mkdir -p "$TMPDIR"

set +e
"$DBBENCH" suite -q -s rollback,per-test -j 0,2 --junit --warmup 0 --runs 3 \
	-f json -o "$TMP/py.json" -- \
	"$python" -m pytest "$suite" -q -n "{workers}" --junitxml "{junit}" \
	2>"$TMP/err"
got=$?
set -e
[ "$got" -eq 4 ] || fail "exit $got, expected 4: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "stderr: $(cat "$TMP/err")"
grep -q "^dbbench: suite: 1 test passed under one configuration and failed under another (test_isolation::test_export_sees_committed_order); see the report\$" "$TMP/err" ||
	fail "stderr: $(cat "$TMP/err")"
pass

cfg() {
	echo "[c for c in j['suite']['configs'] if c['strategy'] == '$1' and c['workers'] == $2][0]"
}
tests=$(json_get "$TMP/py.json" "$(cfg per-test 0)['tests']")
[ "$tests" -ge 40 ] || fail "per-test: $tests tests"
for w in 0 2; do
	[ "$(json_get "$TMP/py.json" "($(cfg rollback $w)['runs'], $(cfg rollback $w)['tests'], $(cfg rollback $w)['failures'], $(cfg rollback $w)['failed_tests'], $(cfg rollback $w)['exit_codes'])")" = "(3, $tests, 1, ['test_isolation::test_export_sees_committed_order'], [1, 1, 1])" ] ||
		fail "rollback -n $w: $(json_get "$TMP/py.json" "$(cfg rollback $w)")"
	[ "$(json_get "$TMP/py.json" "($(cfg per-test $w)['runs'], $(cfg per-test $w)['tests'], $(cfg per-test $w)['failures'], $(cfg per-test $w)['errors'], $(cfg per-test $w)['all_passed'], $(cfg per-test $w)['per_test']['n'])")" = "(3, $tests, 0, 0, True, $((3 * tests)))" ] ||
		fail "per-test -n $w: $(json_get "$TMP/py.json" "$(cfg per-test $w)")"
done
pass
iso="j['suite']['isolation'][0]"
[ "$(json_get "$TMP/py.json" "(len(j['suite']['isolation']), sorted((x['strategy'], x['workers']) for x in $iso['fails_in']), sorted((x['strategy'], x['workers']) for x in $iso['passes_in']))")" = "(1, [('rollback', 0), ('rollback', 2)], [('per-test', 0), ('per-test', 2)])" ] ||
	fail "isolation: $(json_get "$TMP/py.json" "j['suite']['isolation']")"
pass

# The recommendation: the per-test configuration with the lower median.
[ "$(json_get "$TMP/py.json" "j['suite']['recommended']['strategy'] == 'per-test' and j['suite']['recommended']['wall_median_ns'] == min(c['wall']['median'] for c in j['suite']['configs'] if c['strategy'] == 'per-test')")" = True ] ||
	fail "recommended: $(json_get "$TMP/py.json" "j['suite']['recommended']")"
pass

# pytest-xdist's workers are waited for: their CPU is in -n 2's figures,
# three interpreters against one.
[ "$(json_get "$TMP/py.json" "($(cfg rollback 2)['cpu_user']['median'] + $(cfg rollback 2)['cpu_sys']['median']) > 1.4 * ($(cfg rollback 0)['cpu_user']['median'] + $(cfg rollback 0)['cpu_sys']['median'])")" = True ] ||
	fail "xdist CPU: $(json_get "$TMP/py.json" "($(cfg rollback 2)['cpu_user'], $(cfg rollback 0)['cpu_user'])")"
pass

# The scratch JUnit reports and their folder are gone (pytest keeps its own
# pytest-of-USER there).
left=$(find "$TMPDIR" -name 'dbbench-suite-*' -o -name '*.xml' | head -n 3)
[ -z "$left" ] || fail "left behind: $left"
pass

done_ok
