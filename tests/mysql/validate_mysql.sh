#!/bin/sh
# validate_mysql.sh - the isolation scenarios and state checks against a
# real MariaDB server
#
# Every scenario that has a MySQL variant gets, under every strategy, the
# verdict doc/isolation.md explains (MY-IMPLICIT: a leak under rollback,
# ...), and every other one is n/a; the state checks name the two tests of
# the autoinc workload that leave the database different under rollback
# (an AUTO_INCREMENT step, a committed row) and none under per-test; the
# scenarios' verdicts differing between SQLite and MySQL are listed as
# migration risks.  Starts its own throwaway server through with_server.sh;
# after every case no dbbench_* database may remain.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_MYSQL_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_server.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

"$DBBENCH" list | grep -qx '  mysql' || skip "this dbbench was built without MySQL"
need_python3
DSN=$DBBENCH_MYSQL_DSN

no_leftovers() {
	left=$(my_leftovers)
	[ -z "$left" ] || fail "$1: scratch databases left behind: $left"
	pass
}

# 1. The matrix, JSON, with the state checks of the autoinc workload.
"$DBBENCH" validate -b sqlite,mysql --dsn "$DSN" -w "$TESTS_DIR/data/autoinc" \
	-f json -o "$TMP/v.json" 2>"$TMP/err" || fail "validate failed: $(cat "$TMP/err")"
no_leftovers "validate"

# Verdicts on MySQL per scenario and strategy: I isolated, L leak,
# F false pass, E error; scenarios not listed must be n/a everywhere.
cat >"$TMP/expected.py" <<'PYEOF'
def row(letters):
    return dict(zip(["rollback", "savepoint", "per-test", "truncate",
                     "delete", "template"], letters))

expected = {
    "PG-IDALIGN": row("IIFFFF"), "PG-NOW": row("IIIIII"),
    "PG-SESSION": row("LLILLL"), "PG-ABORT": row("IIIIII"),
    "PG-VIS": row("EEIIII"), "PG-THREAD": row("LLIIII"),
    "SQ-NEST": row("LLIIII"), "SQ-TYPES": row("FFFFFF"),
    "PG-COMMIT": {"rollback": "L", "savepoint": "L", "per-test": "I",
                  "truncate": "I", "delete": "I", "template": "I"},
    "SQ-DDL": {"rollback": "L", "savepoint": "L", "per-test": "I",
               "truncate": "L", "delete": "L", "template": "I"},
    "MY-IMPLICIT": {"rollback": "L", "savepoint": "L", "per-test": "I",
                    "truncate": "L", "delete": "L", "template": "I"},
    "MY-TRUNCATE": {"rollback": "L", "savepoint": "L", "per-test": "I",
                    "truncate": "I", "delete": "I", "template": "I"},
    "MY-AUTOINC": {"rollback": "L", "savepoint": "L", "per-test": "I",
                   "truncate": "I", "delete": "I", "template": "I"},
    "MY-MYISAM": {"rollback": "L", "savepoint": "L", "per-test": "I",
                  "truncate": "I", "delete": "I", "template": "I"},
    "MY-LOCKS": {"rollback": "E", "savepoint": "E", "per-test": "I",
                 "truncate": "I", "delete": "I", "template": "I"},
}
PYEOF
out=$(python3 - "$TMP/v.json" "$TMP/expected.py" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1]))
exp = {}
exec(open(sys.argv[2]).read(), exp)
exp = exp["expected"]
letters = {"isolated": "I", "leak": "L", "false pass": "F", "error": "E",
           "n/a": "N"}
bad = []
seen = set()
for v in j["validation"]:
    if v["backend"] != "mysql":
        continue
    seen.add(v["scenario"])
    want = exp.get(v["scenario"], {}).get(v["strategy"], "N")
    if letters[v["verdict"]] != want or not v["detail"]:
        bad.append("%s %s: %s (%s), want %s" % (v["scenario"], v["strategy"],
                   v["verdict"], v["detail"], want))
for sc in exp:
    if sc not in seen:
        bad.append("%s: not run on mysql" % sc)
print("\n".join(bad) if bad else "ok")
PYEOF
)
[ "$out" = ok ] || fail "verdicts differ from the expected matrix:
$out"
pass

# Details say what was observed.
detail() {
	json_get "$TMP/v.json" "[v['detail'] for v in j['validation'] if v['backend'] == 'mysql' and v['strategy'] == '$1' and v['scenario'] == '$2'][0]"
}
[ "$(detail rollback MY-IMPLICIT)" = "rows of t / tables the previous test created: 1/1, expected 0/0" ] ||
	fail "MY-IMPLICIT detail: $(detail rollback MY-IMPLICIT)"
[ "$(detail truncate MY-IMPLICIT)" = "rows of t / tables the previous test created: 0/1, expected 0/0" ] ||
	fail "MY-IMPLICIT truncate detail: $(detail truncate MY-IMPLICIT)"
[ "$(detail template PG-SESSION)" = "session state the next test inherits: user variable @dbbench_leak, SET sql_mode, expected none" ] ||
	fail "PG-SESSION detail: $(detail template PG-SESSION)"
[ "$(detail rollback SQ-TYPES)" = "'ABC' LIKE 'abc': 1, expected 0" ] ||
	fail "SQ-TYPES detail: $(detail rollback SQ-TYPES)"
[ "$(detail rollback MY-AUTOINC)" = "id of the next test's first row: 2, expected 1" ] ||
	fail "MY-AUTOINC detail: $(detail rollback MY-AUTOINC)"
[ "$(detail delete MY-AUTOINC)" = "id of the next test's first row: 1" ] ||
	fail "MY-AUTOINC delete detail: $(detail delete MY-AUTOINC)"
case $(detail rollback MY-LOCKS) in
*"on a second connection: mysql: Lock wait timeout exceeded"*) ;;
*) fail "MY-LOCKS detail: $(detail rollback MY-LOCKS)" ;;
esac
pass

# 2. State checks: under rollback and savepoint 02 (the counter) and 03
# (the committed row) on MySQL; under savepoint 04 too: 03's COMMIT ended
# the outer transaction, and MySQL's SAVEPOINT outside a transaction
# protects nothing, so 04's UPDATE commits.  Nothing under per-test.
out=$(json_get "$TMP/v.json" '
sorted((c["strategy"], c["test"]) for c in j["state_checks"] if c["leaked"] and c["backend"] == "mysql")')
want="[('rollback', 'tests/02-add-item.sql'), ('rollback', 'tests/03-commit.sql'), ('savepoint', 'tests/02-add-item.sql'), ('savepoint', 'tests/03-commit.sql'), ('savepoint', 'tests/04-rename.sql')]"
[ "$out" = "$want" ] || fail "leaked tests: $out"
out=$(json_get "$TMP/v.json" '
[c["detail"] for c in j["state_checks"] if c["backend"] == "mysql" and c["strategy"] == "rollback" and c["leaked"]]')
[ "$out" = "['sequence items.AUTO_INCREMENT: 4, was 3', 'table events (InnoDB): 1 row, was 0; sequence events.AUTO_INCREMENT: 2, was 1']" ] ||
	fail "state check details: $out"
[ "$(json_get "$TMP/v.json" 'len([c for c in j["state_checks"] if c["backend"] == "mysql" and c["strategy"] == "per-test"])')" = 4 ] ||
	fail "per-test did not check 4 tests"
pass

# 3. Migration risks between SQLite and MySQL: DDL is transactional on
# SQLite (SQ-DDL isolated under rollback) and not on MySQL; PG-COMMIT
# leaks alike on both, so it is no risk.
out=$(json_get "$TMP/v.json" '
sorted((r["scenario"], r["strategy"]) for r in j["migration_risks"] if "mysql" in r["verdicts"])')
case $out in
*"('SQ-DDL', 'rollback')"*) ;;
*) fail "migration risks: $out" ;;
esac
case $out in
*"PG-COMMIT"*) fail "PG-COMMIT agrees on both, yet listed: $out" ;;
esac
pass

# 4. The text report and --fail-on-leak.
set +e
"$DBBENCH" validate -b mysql --dsn "$DSN" -w "$TESTS_DIR/data/autoinc" \
	-s rollback --fail-on-leak >"$TMP/v.txt" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "--fail-on-leak: exit $status, expected 4: $(cat "$TMP/err")"
grep -Eq "^MY-IMPLICIT +leak" "$TMP/v.txt" || fail "no MY-IMPLICIT row: $(cat "$TMP/v.txt")"
grep -q "^    tests/02-add-item.sql: sequence items.AUTO_INCREMENT: 4, was 3$" "$TMP/v.txt" ||
	fail "the counter leak is not named"
"$DBBENCH" validate -b mysql --dsn "$DSN" -w "$TESTS_DIR/data/autoinc" \
	-s per-test --fail-on-leak >"$TMP/v.txt" 2>"$TMP/err" ||
	fail "--fail-on-leak under per-test: $(cat "$TMP/err")"
pass
no_leftovers "text validate"
done_ok
