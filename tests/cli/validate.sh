#!/bin/sh
# validate.sh - dbbench validate, the validation section of a run,
# --no-validate, --check-state and --fail-on-leak on SQLite
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"
LEAKY=$TESTS_DIR/data/leaky

# 1. validate: the matrix, the legend, every cell's observation, the
# mitigations and the state checks (on by default), in a few seconds.
start=$(date +%s)
"$DBBENCH" validate >"$TMP/v.txt" 2>"$TMP/err" || fail "validate failed: $(cat "$TMP/err")"
end=$(date +%s)
[ $((end - start)) -le 10 ] || fail "validate took $((end - start)) s"
[ ! -s "$TMP/err" ] || fail "stderr not empty: $(cat "$TMP/err")"
grep -Eq "^scenario +$(strategies " +")$" "$TMP/v.txt" ||
	fail "no matrix header"
# The five PostgreSQL-only scenarios are n/a under every strategy on
# SQLite: their rows are left out, and the legend says so.
[ "$(grep -Ec "^(PG|SQ)-[A-Z-]+ +(isolated|leak|false pass|error|n/a)" "$TMP/v.txt")" -eq 21 ] ||
	fail "expected 21 matrix rows"
! grep -Eq "^(PG-(NOTIFY|ADVLOCK|CTRIG|ISO|NONTX)|MY-[A-Z]+) " "$TMP/v.txt" || fail "a row n/a everywhere was printed"
tr '\n' ' ' <"$TMP/v.txt" | tr -s ' ' | grep -q "(10 such rows left out)" ||
	fail "the legend does not count the rows left out"
grep -Eq "$(matrix_row PG-COMMIT 'rollback=leak savepoint=leak *=isolated')" "$TMP/v.txt" ||
	fail "PG-COMMIT row: $(grep '^PG-COMMIT' "$TMP/v.txt")"
grep -Eq "$(matrix_row SQ-FKPRAGMA 'rollback=error savepoint=error per-test=isolated *=leak')" "$TMP/v.txt" ||
	fail "SQ-FKPRAGMA row: $(grep '^SQ-FKPRAGMA' "$TMP/v.txt")"
grep -q "^legend: isolated = nothing carried over" "$TMP/v.txt" || fail "no legend"
grep -q "^what each cell on sqlite observed$" "$TMP/v.txt" || fail "no observations"
grep -q "^  PG-SEQ       $(strategies ", "): isolated: id of the next test's first row: 1$" "$TMP/v.txt" ||
	fail "isolated cells are not described in validate"
grep -q "^  SQ-FKPRAGMA (sqlite: leak under truncate, delete, template, error under rollback, savepoint): " "$TMP/v.txt" ||
	fail "no mitigation heading for SQ-FKPRAGMA"
grep -q "^    mitigation: set PRAGMA foreign_keys when a connection opens" "$TMP/v.txt" ||
	fail "no mitigation for SQ-FKPRAGMA"
grep -q "^  sqlite rollback: no test of 27 left the database different$" "$TMP/v.txt" ||
	fail "state checks of the default workload"
! grep -q "^clock:" "$TMP/v.txt" || fail "validate reported a clock: nothing was timed"
! grep -Eq "^rollback +[0-9.]+ (ns|µs)" "$TMP/v.txt" || fail "validate measured"
pass

# 2. validate JSON: every (strategy, scenario) cell, with a detail.
"$DBBENCH" validate -f json -o "$TMP/v.json" || fail "validate json failed"
out=$(json_get "$TMP/v.json" '(
len(j["validation"]) == 31 * 6
and all(set(v) == {"backend", "strategy", "scenario", "verdict", "detail"} for v in j["validation"])
and all(v["verdict"] in ("isolated", "leak", "false pass", "error", "n/a") and v["detail"] for v in j["validation"])
and len(j["scenarios"]) == 31 and all(s["mitigation"] for s in j["scenarios"])
and len(j["state_checks"]) == 27 * 6 and not any(c["leaked"] for c in j["state_checks"])
and all(set(c) == {"backend", "strategy", "test", "leaked", "detail"} for c in j["state_checks"])
and j["cells"] == [] and j["migration_risks"] == []
and j["config"]["command"] == "validate" and j["config"]["check_state"] is True)')
[ "$out" = True ] || fail "validate JSON incomplete"
[ "$(json_get "$TMP/v.json" '[v["verdict"] for v in j["validation"] if v["scenario"] == "SQ-NEST"]')" = \
	"['error', 'error', 'isolated', 'isolated', 'isolated', 'isolated']" ] || fail "SQ-NEST verdicts"
pass

# 3. A run carries the matrix and names the scenarios that went wrong;
# with -v also what the cells that went wrong observed and the
# mitigations (not every cell's observation); --no-validate leaves them
# out and says isolation was not checked.
"$DBBENCH" -s rollback,template --rounds 1 --warmup 0 >"$TMP/run.txt" ||
	fail "run failed"
grep -Eq "^scenario +rollback +template$" "$TMP/run.txt" || fail "run lacks the matrix"
grep -Eq "^went wrong \(details: -v\): PG-IDALIGN, PG-COMMIT, " "$TMP/run.txt" ||
	fail "run does not name the scenarios that went wrong"
! grep -q "observed$" "$TMP/run.txt" || fail "run without -v printed observations"
! grep -q "^mitigations" "$TMP/run.txt" || fail "run without -v printed mitigations"
"$DBBENCH" -s rollback,template --rounds 1 --warmup 0 -v >"$TMP/runv.txt" ||
	fail "run -v failed"
grep -q "^what the cells that went wrong on sqlite observed$" "$TMP/runv.txt" ||
	fail "run -v lacks the observations of cells that went wrong"
grep -q "^    mitigation: set PRAGMA foreign_keys when a connection opens" "$TMP/runv.txt" ||
	fail "run -v lacks the mitigations"
! grep -q ": isolated: " "$TMP/runv.txt" || fail "a run described isolated cells"
! grep -q "^state checks" "$TMP/run.txt" || fail "state checks ran without --check-state"
"$DBBENCH" -s rollback --rounds 1 --warmup 0 --no-validate >"$TMP/novalidate.txt" ||
	fail "--no-validate run failed"
! grep -q "^isolation on" "$TMP/novalidate.txt" || fail "--no-validate still validated"
! grep -q "^mitigations" "$TMP/novalidate.txt" || fail "--no-validate printed mitigations"
grep -Eq "^rollback +[0-9.]+ (ns|µs)" "$TMP/novalidate.txt" || fail "--no-validate did not measure"
tr '\n' ' ' <"$TMP/novalidate.txt" | grep -q "Isolation was not checked (--no-validate)" ||
	fail "--no-validate: the decision does not say isolation was not checked"
"$DBBENCH" -s rollback --rounds 1 --warmup 0 --no-validate -f json -o "$TMP/novalidate.json" ||
	fail "--no-validate json failed"
[ "$(json_get "$TMP/novalidate.json" 'j["validation"] == [] and j["config"]["validate"] is False')" = True ] ||
	fail "--no-validate JSON has validation entries"
pass

# 4. --check-state names exactly the test that commits on SQLite, under
# rollback and savepoint; the identity test leaks only on PostgreSQL.
"$DBBENCH" -w "$LEAKY" --rounds 1 --warmup 0 --check-state --no-validate \
	-f json -o "$TMP/leaky.json" || fail "--check-state run failed"
out=$(json_get "$TMP/leaky.json" '
sorted((c["strategy"], c["test"], c["detail"]) for c in j["state_checks"] if c["leaked"])')
[ "$out" = "[('rollback', 'tests/03-commit.sql', 'table settings: 1 row, was 0'), ('savepoint', 'tests/03-commit.sql', 'table settings: 1 row, was 0')]" ] ||
	fail "leaky workload state checks: $out"
[ "$(json_get "$TMP/leaky.json" 'len(j["state_checks"])')" = 24 ] ||
	fail "expected 6 strategies x 4 tests checked"
"$DBBENCH" validate -w "$LEAKY" --no-validate >"$TMP/leaky.txt" ||
	fail "validate --no-validate failed"
grep -q "^  sqlite rollback: 1 of 4 tests left the database different$" "$TMP/leaky.txt" ||
	fail "text state checks"
grep -q "^    tests/03-commit.sql: table settings: 1 row, was 0$" "$TMP/leaky.txt" ||
	fail "the committing test is not named"
! grep -q "^    tests/0[124]" "$TMP/leaky.txt" || fail "a clean test was named"
! grep -q "^isolation on" "$TMP/leaky.txt" || fail "validate --no-validate ran scenarios"
pass

# 4b. A test whose body fails under a strategy is named as failed, with
# the error, not counted clean: tests/data/commits/01 sends its own BEGIN,
# which SQLite refuses inside rollback's and savepoint's transaction.
COMMITS=$TESTS_DIR/data/commits
"$DBBENCH" -w "$COMMITS" --rounds 1 --warmup 0 --check-state --no-validate \
	-f json -o "$TMP/commits.json" || fail "run of the committing workload failed"
out=$(json_get "$TMP/commits.json" '
sorted((c["strategy"], c["test"], c["error"]) for c in j["state_checks"] if "error" in c)')
[ "$out" = "[('rollback', 'tests/01-commit.sql', 'tests/01-commit.sql:2: sqlite: cannot start a transaction within a transaction'), ('savepoint', 'tests/01-commit.sql', 'tests/01-commit.sql:2: sqlite: cannot start a transaction within a transaction')]" ] ||
	fail "failed state checks in the JSON: $out"
[ "$(json_get "$TMP/commits.json" 'any(c["leaked"] for c in j["state_checks"])')" = False ] ||
	fail "a test of the committing workload was named as leaking"
"$DBBENCH" report "$TMP/commits.json" >"$TMP/commits.txt" ||
	fail "report of a run with a failed state check (the loader reads \"error\")"
grep -q "^  sqlite rollback: 1 of 2 failed under rollback$" "$TMP/commits.txt" ||
	fail "text: the failed count under rollback: $(grep sqlite "$TMP/commits.txt")"
grep -q "^    tests/01-commit.sql: failed: tests/01-commit.sql:2: sqlite: cannot start a transaction within a transaction$" "$TMP/commits.txt" ||
	fail "text: the failed test and its error"
grep -q "^  sqlite per-test: no test of 2 left the database different$" "$TMP/commits.txt" ||
	fail "text: per-test runs the committing test clean"
! grep -q "tests/02-read" "$TMP/commits.txt" || fail "the clean test was named"
# ... and so do the decision, Markdown and HTML.
sed -n '/^decision$/,/^$/p' "$TMP/commits.txt" | tr -s '\n ' '  ' |
	grep -q "[Ii]ts state checks: 1 of 2 failed under" ||
	fail "the decision counts the failed test clean: $(sed -n 1,8p "$TMP/commits.txt")"
"$DBBENCH" report -f markdown "$TMP/commits.json" >"$TMP/commits.md" ||
	fail "markdown report of the committing workload"
grep -q "^- sqlite rollback: 1 of 2 failed under rollback$" "$TMP/commits.md" ||
	fail "markdown: the failed count: $(grep sqlite "$TMP/commits.md")"
grep -q "^  - tests/01-commit.sql: failed: tests/01-commit.sql:2: sqlite: cannot start a transaction within a transaction$" "$TMP/commits.md" ||
	fail "markdown: the failed test and its error"
"$DBBENCH" report -f html "$TMP/commits.json" >"$TMP/commits.html" ||
	fail "html report of the committing workload"
grep -q "<li>sqlite rollback: 1 of 2 failed under rollback<ul>" "$TMP/commits.html" ||
	fail "html: the failed count"
grep -q "<li>tests/01-commit.sql: failed: tests/01-commit.sql:2: sqlite: cannot start a transaction within a transaction</li>" "$TMP/commits.html" ||
	fail "html: the failed test and its error"
pass

# 5. --fail-on-leak: exit 4 with one line on stderr, the report written
# first; exit 0 when nothing leaks.
set +e
"$DBBENCH" validate -w "$LEAKY" --no-validate --fail-on-leak >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "--fail-on-leak: exit $status, expected 4"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "--fail-on-leak: stderr: $(cat "$TMP/err")"
grep -q "^dbbench: state checks: 2 tests left the database different and 4 failed under a strategy (--fail-on-leak; see the report)$" "$TMP/err" ||
	fail "--fail-on-leak message: $(cat "$TMP/err")"
grep -q "tests/03-commit.sql" "$TMP/out" || fail "no report before exit 4"
set +e
"$DBBENCH" -w "$LEAKY" -s rollback --rounds 1 --warmup 0 --fail-on-leak \
	-o "$TMP/leak.txt" >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "run --fail-on-leak: exit $status, expected 4"
grep -q "^state checks" "$TMP/leak.txt" || fail "--fail-on-leak did not turn the state checks on"
# A failed state check counts for --fail-on-leak too: the test cannot be
# shown clean under that strategy.
set +e
"$DBBENCH" validate -w "$COMMITS" -s rollback --no-validate --fail-on-leak \
	>"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "--fail-on-leak with a failed check: exit $status, expected 4"
grep -q "^dbbench: state checks: 1 test failed under a strategy (--fail-on-leak; see the report)$" "$TMP/err" ||
	fail "--fail-on-leak message for a failed check: $(cat "$TMP/err")"
"$DBBENCH" validate -w "$COMMITS" -s per-test,truncate,delete,template --fail-on-leak \
	>"$TMP/out" 2>"$TMP/err" || fail "no test leaks or fails under per-test, truncate, delete, template"
"$DBBENCH" validate --fail-on-leak -q >"$TMP/out" 2>"$TMP/err" ||
	fail "no test of the default workload leaks on SQLite: $(cat "$TMP/err")"
pass
expect_error 2 "--fail-on-leak needs the state checks" --fail-on-leak --no-check-state
expect_error 2 "leave nothing to do" validate --no-validate --no-check-state

# 6. A SQLite file target: a second connection sees the test's database,
# so SQ-MEM is isolated there; the files are removed.
"$DBBENCH" validate --sqlite-path "$TMP/target.db" --no-check-state -s rollback,per-test \
	>"$TMP/file.txt" || fail "validate on a file failed"
grep -Eq "^SQ-MEM +isolated +isolated$" "$TMP/file.txt" ||
	fail "SQ-MEM on a file: $(grep '^SQ-MEM' "$TMP/file.txt")"
[ ! -e "$TMP/target.db" ] || fail "the target file was left behind"
pass

# 7. list names every scenario.
"$DBBENCH" list >"$TMP/list" || fail "list failed"
grep -q "^scenarios (dbbench validate):" "$TMP/list" || fail "list lacks scenarios"
grep -Eq "^  PG-NOTIFY +postgres +NOTIFY" "$TMP/list" || fail "list: PG-NOTIFY"
grep -Eq "^  SQ-NEST +postgres,sqlite(,mysql)? +" "$TMP/list" || fail "list: SQ-NEST"
[ "$(grep -Ec "^  (PG|SQ)-" "$TMP/list")" -eq 26 ] || fail "list: 26 scenarios"
pass
done_ok
