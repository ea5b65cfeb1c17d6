#!/bin/sh
# pyshop.sh - 'make check': the example pytest suite behaves as designed
#
# tests/suite/pyshop is the real suite dbbench's suite mode is tested on.
# Under DBBENCH_STRATEGY=per-test every test passes; under rollback exactly
# one fails, test_isolation.py::test_export_sees_committed_order, with or
# without xdist workers.  Each run writes JUnit XML, which must exist.
set -eu

: "${TESTS_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
suite="$TESTS_DIR/suite/pyshop"
# pytest must not write bytecode into the suite (checked below).
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-pyshop.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# A Python with pytest, pytest-xdist and SQLAlchemy: $PYTHON, python3 on
# the PATH, or the system's.
python=
for p in "${PYTHON:-}" python3 /usr/bin/python3; do
	[ -n "$p" ] || continue
	if "$p" -c 'import pytest, xdist, sqlalchemy' 2>/dev/null; then
		python=$p
		break
	fi
done
if [ -z "$python" ]; then
	echo "SKIP: no python3 with pytest, pytest-xdist and SQLAlchemy" \
	    "(Debian: python3-pytest python3-pytest-xdist python3-sqlalchemy)" >&2
	exit 77
fi

# run STRATEGY WORKERS: pytest's exit status; its output in $TMP/out.
run() {
	set +e
	DBBENCH_STRATEGY=$1 "$python" -m pytest "$suite" -q -rf -n "$2" \
	    --junitxml "$TMP/$1-$2.xml" >"$TMP/out" 2>&1
	status=$?
	set -e
	[ -s "$TMP/$1-$2.xml" ] || fail "$1 -n $2: no JUnit report"
	return 0
}

run per-test 0
[ "$status" -eq 0 ] || fail "per-test -n 0: exit $status: $(tail -n 20 "$TMP/out")"
grep -Eq '^[0-9]+ passed in ' "$TMP/out" ||
	fail "per-test -n 0: $(tail -n 1 "$TMP/out")"

for workers in 0 2; do
	run rollback "$workers"
	[ "$status" -eq 1 ] ||
		fail "rollback -n $workers: exit $status, expected 1: $(tail -n 20 "$TMP/out")"
	failed=$(grep '^FAILED ' "$TMP/out" | sed 's/ - .*//; s|^FAILED .*/||')
	[ "$failed" = "test_isolation.py::test_export_sees_committed_order" ] ||
		fail "rollback -n $workers: failed: $failed"
	grep -Eq '^1 failed, [0-9]+ passed in ' "$TMP/out" ||
		fail "rollback -n $workers: $(tail -n 1 "$TMP/out")"
done

# No file left in the source tree (a read-only tree in distcheck).
[ -z "$(find "$suite" -name __pycache__ -o -name .pytest_cache)" ] ||
	fail "pytest wrote into $suite"
echo "pyshop: per-test all pass; rollback: one isolation failure with -n 0 and -n 2"
