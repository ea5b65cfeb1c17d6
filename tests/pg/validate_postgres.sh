#!/bin/sh
# validate_postgres.sh - the isolation scenarios and state checks against a
# real PostgreSQL server, next to SQLite
#
# Every scenario's verdict under every strategy on both backends must be the
# one doc/isolation.md explains (PG-SEQ: a leak under rollback and
# savepoint, isolated under the rest; ...).  The leaky workload must have
# exactly its two leaking tests named, on the right backends.  Starts its
# own throwaway cluster through with_cluster.sh; after every case no
# dbbench_* database or schema may remain.
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_cluster.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

no_leftovers() {
	left=$(pg_leftovers)
	[ -z "$left" ] || fail "$1: scratch objects left behind: $left"
	pass
}

# 1. validate on both backends: the whole matrix, JSON.
"$DBBENCH" validate -b sqlite,postgres -w "$TESTS_DIR/data/leaky" -f json \
	-o "$TMP/v.json" 2>"$TMP/err" || fail "validate failed: $(cat "$TMP/err")"
no_leftovers "validate"

# The verdicts expected, by backend, scenario and strategy name: the
# letter under every strategy ("*"), then the strategies (comma-separated)
# where it differs.  I isolated, L leak, F false pass, E error, N n/a.
cat >"$TMP/expected.py" <<'EOF'
postgres = {
    "PG-SEQ": {"*": "I", "rollback,savepoint": "L"},
    "PG-SETVAL": {"*": "I", "rollback,savepoint": "L"},
    "PG-IDALIGN": {"*": "F", "rollback,savepoint": "I"},
    "PG-COMMIT": {"*": "I", "rollback,savepoint": "L"},
    "PG-NOW": {"*": "I", "rollback,savepoint": "F"},
    "PG-DEFER": {"*": "I", "rollback,savepoint": "F"},
    "PG-CTRIG": {"*": "I", "rollback,savepoint": "F"},
    "PG-NOTIFY": {"*": "I", "rollback,savepoint": "F"},
    "PG-ADVLOCK": {"*": "L", "per-test,template": "I"},
    "PG-SESSION": {"*": "L", "per-test,template": "I"},
    "PG-ABORT": {"*": "I", "rollback,savepoint": "E"},
    "PG-ISO": {"*": "I", "rollback,savepoint": "E"},
    "PG-NONTX": {"*": "E", "per-test,template": "I", "truncate,delete": "L"},
    "PG-VIS": {"*": "I", "rollback,savepoint": "E"},
    "PG-SPNEST": {"*": "I", "rollback,savepoint": "F"},
    "PG-THREAD": {"*": "I", "rollback,savepoint": "L"},
    "SQ-AUTOINC": {"*": "N"},
    "SQ-FKPRAGMA": {"*": "N"},
    "SQ-DEFER": {"*": "N"},
    "SQ-PRAGMA-TX": {"*": "N"},
    "SQ-MEM": {"*": "N"},
    "SQ-SHCACHE": {"*": "N"},
    "SQ-MULTI": {"*": "N"},
    "SQ-NEST": {"*": "I", "rollback,savepoint": "L"},
    "SQ-DDL": {"*": "I", "truncate,delete": "L"},
    "SQ-TYPES": {"*": "I"},
    "MY-IMPLICIT": {"*": "N"},
    "MY-TRUNCATE": {"*": "N"},
    "MY-AUTOINC": {"*": "N"},
    "MY-MYISAM": {"*": "N"},
    "MY-LOCKS": {"*": "N"},
}
sqlite = {
    "PG-SEQ": {"*": "I"},
    "PG-SETVAL": {"*": "I"},
    "PG-IDALIGN": {"*": "F"},
    "PG-COMMIT": {"*": "I", "rollback,savepoint": "L"},
    "PG-NOW": {"*": "I"},
    "PG-DEFER": {"*": "I", "rollback,savepoint": "F"},
    "PG-CTRIG": {"*": "N"},
    "PG-NOTIFY": {"*": "N"},
    "PG-ADVLOCK": {"*": "N"},
    "PG-SESSION": {"*": "I", "truncate,delete,template": "L"},
    "PG-ABORT": {"*": "I"},
    "PG-ISO": {"*": "N"},
    "PG-NONTX": {"*": "N"},
    "PG-VIS": {"*": "I", "rollback,savepoint": "E"},
    "PG-SPNEST": {"*": "I"},
    "PG-THREAD": {"*": "I", "rollback,savepoint": "L"},
    "SQ-AUTOINC": {"*": "I"},
    "SQ-FKPRAGMA": {"*": "L", "rollback,savepoint": "E", "per-test": "I"},
    "SQ-DEFER": {"*": "I", "rollback,savepoint": "F"},
    "SQ-PRAGMA-TX": {"*": "I", "rollback,savepoint": "E"},
    "SQ-MEM": {"*": "E"},
    "SQ-SHCACHE": {"*": "I", "rollback,savepoint": "E"},
    "SQ-MULTI": {"*": "I", "rollback,savepoint": "E"},
    "SQ-NEST": {"*": "I", "rollback,savepoint": "E"},
    "SQ-DDL": {"*": "I", "truncate,delete": "L"},
    "SQ-TYPES": {"*": "F"},
    "MY-IMPLICIT": {"*": "N"},
    "MY-TRUNCATE": {"*": "N"},
    "MY-AUTOINC": {"*": "N"},
    "MY-MYISAM": {"*": "N"},
    "MY-LOCKS": {"*": "N"},
}


def expect(table, scenario, strategy):
    """The letter table expects of scenario under strategy."""
    for names, letter in table[scenario].items():
        if strategy in names.split(","):
            return letter
    return table[scenario]["*"]


def unknown_strategies(table, strategies):
    """Names in table's exceptions that are not strategies."""
    return sorted({name for row in table.values() for names in row
                   if names != "*" for name in names.split(",")}
                  - set(strategies))
EOF
out=$(python3 - "$TMP/v.json" "$TMP/expected.py" "$(strategies ,)" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
exp = {}
exec(open(sys.argv[2]).read(), exp)
strategies = sys.argv[3].split(",")
letters = {"isolated": "I", "leak": "L", "false pass": "F", "error": "E",
           "n/a": "N"}
bad = []
for backend in ("postgres", "sqlite"):
    want = exp[backend]
    unknown = exp["unknown_strategies"](want, strategies)
    if unknown:
        bad.append("%s: not strategies: %s" % (backend, unknown))
    got = {}
    for v in j["validation"]:
        if v["backend"] == backend:
            got.setdefault(v["scenario"], {})[v["strategy"]] = v
    if sorted(got) != sorted(want):
        bad.append("%s scenarios: %s" % (backend, sorted(got)))
        continue
    for sc in want:
        if sorted(got[sc]) != sorted(strategies):
            bad.append("%s %s: strategies %s" % (backend, sc, sorted(got[sc])))
            continue
        for s in strategies:
            letter = exp["expect"](want, sc, s)
            v = got[sc][s]
            if letters[v["verdict"]] != letter or not v["detail"]:
                bad.append("%s %s %s: %s (%s), want %s" % (backend, sc, s,
                           v["verdict"], v["detail"], letter))
print("\n".join(bad) if bad else "ok")
EOF
)
[ "$out" = ok ] || fail "verdicts differ from the expected matrix:
$out"
pass

# Details say what was observed.
detail() {
	json_get "$TMP/v.json" "[v['detail'] for v in j['validation'] if v['backend'] == '$1' and v['strategy'] == '$2' and v['scenario'] == '$3'][0]"
}
[ "$(detail postgres rollback PG-SEQ)" = "id of the next test's first row: 2, expected 1" ] ||
	fail "PG-SEQ detail: $(detail postgres rollback PG-SEQ)"
[ "$(detail postgres truncate PG-SEQ)" = "id of the next test's first row: 1" ] ||
	fail "PG-SEQ truncate detail: $(detail postgres truncate PG-SEQ)"
[ "$(detail postgres rollback PG-SETVAL)" = "id of the next test's first row: 1001, expected 1" ] ||
	fail "PG-SETVAL detail"
[ "$(detail postgres savepoint PG-NOTIFY)" = "notifications a listener received: 0, expected 1" ] ||
	fail "PG-NOTIFY detail: $(detail postgres savepoint PG-NOTIFY)"
[ "$(detail postgres delete PG-ADVLOCK)" = "advisory locks the next test's session holds: 1, expected 0" ] ||
	fail "PG-ADVLOCK detail"
case $(detail postgres rollback PG-ISO) in
*"must be called before any query"*) ;;
*) fail "PG-ISO detail: $(detail postgres rollback PG-ISO)" ;;
esac
case $(detail postgres truncate PG-SESSION) in
"session state the next test inherits: prepared statement dbbench_q, SET application_name, temp table dbbench_tmp, expected none") ;;
*) fail "PG-SESSION detail: $(detail postgres truncate PG-SESSION)" ;;
esac
case $(detail postgres savepoint SQ-NEST) in
"rows the next test sees: 1, expected 0; test teardown failed: postgres: ROLLBACK TO SAVEPOINT can only be used in transaction blocks"*) ;;
*) fail "SQ-NEST detail: $(detail postgres savepoint SQ-NEST)" ;;
esac
pass

# 2. Migration risks: exactly the cells whose verdicts differ.
out=$(json_get "$TMP/v.json" '
sorted((r["scenario"], r["strategy"], r["verdicts"]["sqlite"], r["verdicts"]["postgres"])
       for r in j["migration_risks"])')
want=$(python3 - "$TMP/expected.py" "$(strategies ,)" <<'EOF'
import sys
exp = {}
exec(open(sys.argv[1]).read(), exp)
names = {"I": "isolated", "L": "leak", "F": "false pass", "E": "error"}
pairs = [(sc, s, exp["expect"](exp["sqlite"], sc, s),
          exp["expect"](exp["postgres"], sc, s))
         for sc in exp["sqlite"] for s in sys.argv[2].split(",")]
print(sorted((sc, s, names[a], names[b]) for sc, s, a, b in pairs
             if a != b and "N" not in (a, b)))
EOF
)
[ "$out" = "$want" ] || fail "migration risks: $out, want $want"
[ "$(json_get "$TMP/v.json" 'len(j["migration_risks"]) >= 10')" = True ] || fail "too few migration risks"
pass

# 3. State checks on the leaky workload: exactly 02 and 03 on PostgreSQL
# under rollback and savepoint, only 03 on SQLite; never 01 or 04.
out=$(json_get "$TMP/v.json" '
sorted((c["backend"], c["strategy"], c["test"]) for c in j["state_checks"] if c["leaked"])')
want="[('postgres', 'rollback', 'tests/02-add-item.sql'), ('postgres', 'rollback', 'tests/03-commit.sql'), ('postgres', 'savepoint', 'tests/02-add-item.sql'), ('postgres', 'savepoint', 'tests/03-commit.sql'), ('sqlite', 'rollback', 'tests/03-commit.sql'), ('sqlite', 'savepoint', 'tests/03-commit.sql')]"
[ "$out" = "$want" ] || fail "leaked tests: $out"
[ "$(json_get "$TMP/v.json" 'len(j["state_checks"])')" = 48 ] ||
	fail "expected 2 backends x 6 strategies x 4 tests checked"
out=$(json_get "$TMP/v.json" '
[c["detail"] for c in j["state_checks"] if c["backend"] == "postgres" and c["strategy"] == "rollback" and c["leaked"]]')
[ "$out" = "['sequence items_id_seq: next value 4, was 3', 'table settings: 1 row, was 0']" ] ||
	fail "state check details: $out"
pass

# 4. The text report: matrix rows, mitigations, migration risks.
"$DBBENCH" validate -b sqlite,postgres -w "$TESTS_DIR/data/leaky" \
	>"$TMP/v.txt" 2>"$TMP/err" || fail "text validate failed: $(cat "$TMP/err")"
grep -q "^isolation on postgres: each scenario run as two tests" "$TMP/v.txt" ||
	fail "no postgres matrix"
grep -Eq "^PG-SEQ +leak +leak +isolated +isolated +isolated +isolated$" "$TMP/v.txt" ||
	fail "PG-SEQ row: $(grep '^PG-SEQ' "$TMP/v.txt")"
grep -q "mitigation: take pg_advisory_xact_lock() instead of pg_advisory_lock()" "$TMP/v.txt" ||
	fail "no advisory lock mitigation"
grep -q "mitigation: run SET CONSTRAINTS ALL IMMEDIATE before the rollback" "$TMP/v.txt" ||
	fail "no deferred constraint mitigation"
grep -q "^  PG-SEQ under rollback, savepoint: sqlite isolated, postgres leak$" "$TMP/v.txt" ||
	fail "PG-SEQ migration risk not listed"
grep -q "^  SQ-NEST under rollback, savepoint: sqlite error, postgres leak$" "$TMP/v.txt" ||
	fail "SQ-NEST migration risk not listed"
grep -q "^    tests/02-add-item.sql: sequence items_id_seq: next value 4, was 3$" "$TMP/v.txt" ||
	fail "the sequence leak is not named"
pass
no_leftovers "text validate"

# 5. --fail-on-leak: exit 4 with the leaky tests named, report written;
# 0 where no test leaks.
set +e
"$DBBENCH" validate -b postgres -w "$TESTS_DIR/data/leaky" --no-validate \
	--fail-on-leak -o "$TMP/leak.txt" >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "--fail-on-leak: exit $status, expected 4"
grep -q "^dbbench: state checks: 4 tests left the database different" "$TMP/err" ||
	fail "--fail-on-leak message: $(cat "$TMP/err")"
grep -q "postgres rollback: 2 of 4 tests left the database different" "$TMP/leak.txt" ||
	fail "the report was not written before exit 4"
"$DBBENCH" validate -b postgres -s per-test,truncate,delete,template \
	--no-validate --fail-on-leak >"$TMP/clean" 2>"$TMP/err" ||
	fail "no test of the default workload leaks under per-test, truncate, delete, template: $(cat "$TMP/err")"
grep -q "postgres template: no test of 27 left the database different" "$TMP/clean" ||
	fail "template state checks: $(grep template "$TMP/clean")"
pass
no_leftovers "fail-on-leak"

# 6. A run on PostgreSQL validates after measuring, unless --no-validate.
"$DBBENCH" -b postgres -s rollback,per-test --rounds 1 --warmup 0 -f json \
	-o "$TMP/run.json" 2>"$TMP/err" || fail "run failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/run.json" 'len(j["validation"])')" = 62 ] ||
	fail "a run should carry 31 scenarios x 2 strategies"
[ "$(json_get "$TMP/run.json" '[v["verdict"] for v in j["validation"] if v["scenario"] == "PG-SEQ"]')" = \
	"['leak', 'isolated']" ] || fail "PG-SEQ in a run"
[ "$(json_get "$TMP/run.json" 'len(j["state_checks"]) == 0 and j["config"]["check_state"] is False')" = True ] ||
	fail "a run has no state checks without --check-state"
pass
no_leftovers "run"
done_ok
