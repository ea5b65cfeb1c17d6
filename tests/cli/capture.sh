#!/bin/sh
# capture.sh - dbbench capture on SQLite: the example pytest + SQLAlchemy
# suite (tests/capture) under two xdist workers, captured under its
# rollback fixture and under its per-test fixture; a plain program naming
# its tests by marker statements and DBBENCH_TEST, with a forked child and
# threads; and the bad input (a missing command, DIR that exists or cannot
# be written, a program the library cannot see into).
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
need_python3

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" -c 'import pytest, xdist, sqlalchemy' 2>/dev/null ||
	skip "capture: python3-pytest, python3-pytest-xdist or python3-sqlalchemy is not installed"
export PYTHONDONTWRITEBYTECODE=1
# Record folders and temporary siblings land in $TMP, checked at the end.
TMPDIR=$TMP
export TMPDIR
cp -R "$TESTS_DIR/capture" "$TMP/suite"
chmod -R u+w "$TMP/suite"
cd "$TMP/suite"

# 1. The rollback fixture, two workers: one file per test that sent SQL of
# its own, the schema and seed from the fixture, the IntegrityError marked.
"$DBBENCH" capture -o "$TMP/wl" -- "$PY" -m pytest -q -p no:cacheprovider \
	-n 2 test_shop.py >"$TMP/out" 2>"$TMP/err" ||
	fail "capture of the example suite: $(cat "$TMP/err")"
grep -q "^dbbench capture: 6 tests written to $TMP/wl (7 named, 1 without SQL of their own, 0 duplicate bodies folded)" "$TMP/out" ||
	fail "capture summary: $(cat "$TMP/out")"
n=0
for f in "$TMP/wl/tests/"*.sql; do n=$((n + 1)); done
[ "$n" -eq 6 ] || fail "test files: $(ls "$TMP/wl/tests")"
for t in seed-users find-by-email add-item commit-user duplicate-email reprice; do
	ls "$TMP/wl/tests/"*"-test-$t.sql" >/dev/null 2>&1 || fail "no file for test_$t"
done
! ls "$TMP/wl/tests/"*no-database* >/dev/null 2>&1 || fail "a test without SQL got a file"
grep -q "^CREATE TABLE users" "$TMP/wl/schema.sql" || fail "schema.sql: $(cat "$TMP/wl/schema.sql")"
[ "$(grep -c "^INSERT INTO" "$TMP/wl/seed.sql")" -eq 4 ] || fail "seed.sql: $(cat "$TMP/wl/seed.sql")"
grep -A1 -- "-- dbbench: expect-error" "$TMP/wl/tests/"*-duplicate-email.sql |
	grep -q "^INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada again');$" ||
	fail "the IntegrityError is not marked expect-error"
! grep -Eq "^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)" "$TMP/wl/tests/"*.sql ||
	fail "the fixture's transaction control reached a test body"
[ "$(json_get "$TMP/wl/capture.json" 'j["tests"]["written"], j["tests"]["seen"], j["captured"]["processes_with_sql"], j["exit_status"], j["expected_errors"]')" = "(6, 7, 2, 0, 1)" ] ||
	fail "capture.json: $(cat "$TMP/wl/capture.json")"
[ "$(json_get "$TMP/wl/capture.json" 'j["dropped"] == sum(j["dropped_by_reason"].values()) > 0')" = True ] ||
	fail "capture.json: dropped statements and their reasons"
pass

# 2. The workload replays under all six strategies with no failure.
"$DBBENCH" -w "$TMP/wl" --rounds 2 --warmup 0 --no-validate -f json \
	-o "$TMP/run.json" 2>"$TMP/err" || fail "run of the captured workload: $(cat "$TMP/err")"
[ "$(json_get "$TMP/run.json" 'len(j["failures"]), sorted({c["strategy"] for c in j["cells"]})')" = \
	"(0, $(strategies_pylist))" ] ||
	fail "replay: $(json_get "$TMP/run.json" 'j["failures"]')"
"$DBBENCH" validate -w "$TMP/wl" --no-validate --fail-on-leak >"$TMP/out" 2>"$TMP/err" ||
	fail "a test of the rollback capture is named: $(cat "$TMP/out")"
pass

# 3. The per-test fixture: the committing test sends BEGIN and COMMIT;
# under rollback the state checks name it, and no other test.
CAPTURE_FIXTURE=per-test "$DBBENCH" capture -o "$TMP/pt" -- "$PY" -m pytest \
	-q -p no:cacheprovider -n 2 test_shop.py >"$TMP/out" 2>"$TMP/err" ||
	fail "capture under the per-test fixture: $(cat "$TMP/err")"
grep -qx "COMMIT;" "$TMP/pt/tests/"*-commit-user.sql || fail "the committing test has no COMMIT"
"$DBBENCH" validate -w "$TMP/pt" --check-state -s rollback --no-validate \
	-f json -o "$TMP/pt.json" || fail "validate of the per-test capture"
[ "$(json_get "$TMP/pt.json" '[(c["test"].split("-", 1)[1], "error" in c or c["leaked"]) for c in j["state_checks"] if "error" in c or c["leaked"]]')" = \
	"[('test-commit-user.sql', True)]" ] ||
	fail "state checks under rollback: $(json_get "$TMP/pt.json" 'j["state_checks"]')"
"$DBBENCH" validate -w "$TMP/pt" -s rollback --no-validate >"$TMP/pt.txt"
grep -Eq "^    tests/[0-9]{4}-test-commit-user.sql: failed: .*cannot start a transaction within a transaction$" "$TMP/pt.txt" ||
	fail "the text report does not name the committing test: $(cat "$TMP/pt.txt")"
pass

# 4. A program without a runner: markers, DBBENCH_TEST, a fork, threads,
# and two equal bodies kept once with weight 2.
"$DBBENCH" capture -o "$TMP/script" -- "$PY" script.py "$TMP/script.db" \
	>"$TMP/out" 2>"$TMP/err" || fail "capture of script.py: $(cat "$TMP/err")"
[ "$(json_get "$TMP/script/capture.json" '[(f["test"], f["statements"], f["weight"]) for f in j["files"]]')" = \
	"[('one', 1, 2), ('three', 1, 1), ('forked', 1, 1), ('threads', 200, 1)]" ] ||
	fail "script capture: $(json_get "$TMP/script/capture.json" 'j["files"], j["tests"]')"
[ "$(json_get "$TMP/script/capture.json" 'j["tests"]')" = "{'seen': 6, 'written': 4, 'empty': 1, 'duplicates': 1}" ] ||
	fail "script counts: $(json_get "$TMP/script/capture.json" 'j["tests"]')"
grep -qx "UPDATE t SET v = 'it''s' WHERE id = 1;" "$TMP/script/tests/0002-three.sql" ||
	fail "bound values are not inlined: $(cat "$TMP/script/tests/0002-three.sql")"
"$DBBENCH" -w "$TMP/script" --rounds 1 --warmup 0 --no-validate -q -o "$TMP/s.txt" ||
	fail "the script's workload does not run"
pass

# 5. Bad input: one line, the documented status, nothing written.
expect_error 2 "exists: give another -o, or --force" capture -o "$TMP/wl" -- "$PY" -c pass
mkdir "$TMP/mine" && touch "$TMP/mine/keep"
expect_error 2 "is not an earlier capture" capture --force -o "$TMP/mine" -- "$PY" -c pass
[ -f "$TMP/mine/keep" ] || fail "--force removed a folder it did not write"
expect_error 2 "cannot run 'no-such-command-dbbench': No such file or directory" \
	capture -o "$TMP/none" -- no-such-command-dbbench
[ ! -e "$TMP/none" ] || fail "a folder was written for a command that does not exist"
touch "$TMP/afile"
expect_error 2 "cannot write there: $TMP/afile is not a folder" \
	capture -o "$TMP/afile/out" -- "$PY" -c pass
expect_error 1 "saw no SQLite connection" capture -o "$TMP/none" -- "$PY" -c pass
[ ! -e "$TMP/none" ] || fail "a folder was written when nothing was captured"
if [ -x /sbin/ldconfig ] && ldd /sbin/ldconfig 2>&1 | grep -Eq "statically linked|not a dynamic"; then
	set +e
	"$DBBENCH" capture -o "$TMP/none" -- /sbin/ldconfig -p >/dev/null 2>"$TMP/err"
	status=$?
	set -e
	[ "$status" -eq 1 ] || fail "a static program: exit $status, expected 1"
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "a static program: $(cat "$TMP/err")"
	grep -q "was not loaded into '/sbin/ldconfig'" "$TMP/err" ||
		fail "a static program: $(cat "$TMP/err")"
	[ ! -e "$TMP/none" ] || fail "a folder was written for a static program"
fi
expect_error 2 "give the command to run after --" capture -o "$TMP/none"
expect_error 2 "give the folder to write" capture -- true
"$DBBENCH" capture --help | grep -q "^usage: dbbench capture -o DIR" || fail "capture --help"
pass
# --force replaces an earlier capture whole.
"$DBBENCH" capture --force -o "$TMP/script" -- "$PY" script.py "$TMP/script2.db" \
	>"$TMP/out" 2>"$TMP/err" || fail "--force over an earlier capture: $(cat "$TMP/err")"
for f in "$TMP"/dbbench-capture-* "$TMP"/.*.dbbench-*; do
	[ ! -e "$f" ] || fail "scratch folder left: $f"
done
pass
done_ok
