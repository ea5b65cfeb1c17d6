#!/bin/sh
# workload_guide_postgres.sh - the example workload of doc/workloads.md on
# PostgreSQL: built from the page, it runs with its schema.postgres.sql and
# every test passes under every strategy; the state checks name the tests
# that advance a sequence under rollback, as the page says, and none under
# per-test; nothing is left behind.
#
# Starts its own throwaway cluster through with_cluster.sh (skips with 77
# when no server binaries exist, fails when DBBENCH_REQUIRE_PG=1).
# shellcheck source-path=SCRIPTDIR
if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_cluster.sh" sh "$0" "$@"
fi
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib.sh"

doc="$TESTS_DIR/../doc/workloads.md"
mkdir -p "$TMP/tasks/tests"
awk -v dir="$TMP/tasks" '
	/^<!-- workload tasks: .* -->$/ { name = $4; out = dir "/" name; next }
	out != "" && /^```/ { if (open) { close(out); out = ""; open = 0 } else open = 1; next }
	open { print > out }' "$doc"
rm -f "$TMP/tasks/commands"
for f in schema.postgres.sql tests/04-open-tasks.sql; do
	[ -s "$TMP/tasks/$f" ] || fail "doc/workloads.md: no $f in the example"
done
cd "$TMP"

# Every strategy, every test passing (--strict), on the PostgreSQL schema.
"$DBBENCH" -q -b postgres -w ./tasks --strict --rounds 2 --warmup 0 --no-validate \
	-f json -o pg.json 2>"$TMP/err" || fail "the example on postgres: $(cat "$TMP/err")"
[ "$(json_get pg.json 'len(j["cells"])')" -eq "$(strategies | wc -w)" ] ||
	fail "not every strategy on postgres: $(json_get pg.json '[c["strategy"] for c in j["cells"]]')"
[ "$(json_get pg.json 'len(j.get("failures", []))')" -eq 0 ] || fail "failures on postgres"
[ -z "$(pg_leftovers)" ] || fail "left behind: $(pg_leftovers)"
pass

# The page's validate command on PostgreSQL: exit 4, the sequences named.
set +e
"$DBBENCH" validate -b postgres -w ./tasks -s rollback,savepoint --fail-on-leak >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 4 ] || fail "validate on postgres: exit $status: $(cat "$TMP/err")"
grep -q "tests/01-add-task.sql: sequence tasks_id_seq" "$TMP/out" ||
	fail "01-add-task.sql not named: $(grep -A4 '^state' "$TMP/out")"
grep -q "tests/03-refused.sql: sequence projects_id_seq" "$TMP/out" ||
	fail "03-refused.sql not named: $(grep -A4 '^state' "$TMP/out")"
for s in rollback savepoint; do
	grep -q "^  postgres $s: 2 of 4 tests left the database different$" "$TMP/out" ||
		fail "validate on postgres, $s: $(grep -A8 '^state' "$TMP/out")"
done
"$DBBENCH" validate -q -b postgres -w ./tasks -s per-test --fail-on-leak >/dev/null 2>"$TMP/err" ||
	fail "validate per-test on postgres: exit $?: $(cat "$TMP/err")"
[ -z "$(pg_leftovers)" ] || fail "left behind: $(pg_leftovers)"
pass

# Both backends: the same tests pass on each, nothing fails on one only.
"$DBBENCH" -q -b sqlite,postgres -w ./tasks --strict --rounds 2 --warmup 0 --no-validate \
	-f json -o both.json 2>"$TMP/err" || fail "both backends: $(cat "$TMP/err")"
[ "$(json_get both.json 'len(j["migration"]["fails_on_one_backend"])')" -eq 0 ] ||
	fail "a statement fails on one backend: $(json_get both.json 'j["migration"]')"
pass
done_ok
