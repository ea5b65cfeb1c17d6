#!/bin/sh
# workload_guide.sh - the example workload of doc/workloads.md ("From your
# suite to a workload") is built from the page and runs as it says, on
# SQLite: its tests pass under every strategy, its assertions fail when
# their condition does not hold, its commands exit as the page says, and a
# copy of fixtures/default runs as the page's first step
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

doc="$TESTS_DIR/../doc/workloads.md"
[ -f "$doc" ] || fail "no $doc"

# extract_workload DIR: write every "<!-- workload tasks: FILE -->" block of
# the page to DIR/FILE, and the commands block to DIR.commands.
extract_workload() {
	mkdir -p "$1/tests"
	awk -v dir="$1" '
		/^<!-- workload tasks: .* -->$/ {
			name = $4; out = (name == "commands") ? dir ".commands" : dir "/" name
			next
		}
		out != "" && /^```/ { if (open) { close(out); out = ""; open = 0 } else open = 1; next }
		open { print > out }' "$doc"
}

cd "$TMP"
extract_workload "$TMP/tasks"
for f in schema.sql schema.postgres.sql seed.sql tests/01-add-task.sql \
	tests/02-complete-task.sql tests/03-refused.sql tests/04-open-tasks.sql; do
	[ -s "tasks/$f" ] || fail "doc/workloads.md: no $f in the example"
done
[ "$(find tasks -type f | wc -l)" -eq 7 ] || fail "example: $(find tasks -type f)"
[ "$(wc -l <tasks.commands)" -eq 3 ] || fail "example commands: $(cat tasks.commands)"
pass

# The page's first step: a copy of fixtures/default runs as it is.
cp -r "$TESTS_DIR/../fixtures/default" bench
chmod -R u+w bench # a read-only source tree (make distcheck) copies read-only
"$DBBENCH" -q -w ./bench --max-time 2 --no-validate >"$TMP/out" 2>"$TMP/err" ||
	fail "a copy of fixtures/default: $(cat "$TMP/err")"
grep -q "workload '\./bench'" "$TMP/out" || grep -q "bench" "$TMP/out" ||
	fail "a copy of fixtures/default: $(head -2 "$TMP/out")"
pass

# Every test passes under every strategy (--strict: the first failure
# would end the run with status 1), in a short run of the page's first
# command.
"$DBBENCH" -q -w ./tasks --strict --rounds 2 --no-validate -f json -o tasks.json \
	2>"$TMP/err" || fail "the example under --strict: $(cat "$TMP/err")"
[ "$(json_get tasks.json 'len(j["cells"])')" -eq "$(strategies | wc -w)" ] ||
	fail "not every strategy: $(json_get tasks.json '[c["strategy"] for c in j["cells"]]')"
[ "$(json_get tasks.json 'len(j.get("failures", []))')" -eq 0 ] ||
	fail "the example has failures: $(json_get tasks.json 'j["failures"]')"
pass

# The page's three commands, as written (the budgets cut short), exit 0.
sed 's/--max-time [0-9]*/--max-time 1 -q/' tasks.commands >commands.sh
[ "$(grep -c -- '--max-time 1 -q' commands.sh)" -eq 2 ] || fail "commands: $(cat commands.sh)"
PATH="$(dirname "$DBBENCH"):$PATH" sh -e commands.sh >"$TMP/out" 2>"$TMP/err" ||
	fail "the page's commands: $(cat "$TMP/err")"
grep -q "suite (1200)" "$TMP/out" || grep -q "1200 tests" "$TMP/out" ||
	fail "-t 1200 did not model 1,200 tests: $(head -3 "$TMP/out")"
pass

# An assertion whose condition does not hold fails the test: the count in
# 01-add-task.sql made wrong, the run under --strict ends with status 1
# naming the file and the CHECK that refused the row.
cp -r tasks wrong
sed -i 's/count(\*) = 2/count(*) = 3/' wrong/tests/01-add-task.sql
! cmp -s tasks/tests/01-add-task.sql wrong/tests/01-add-task.sql || fail "no count = 2 to change"
set +e
"$DBBENCH" -q -w ./wrong -s rollback --strict --rounds 1 --no-validate >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 1 ] || fail "a wrong assertion: exit $status: $(cat "$TMP/err")"
grep -q "tests/01-add-task.sql" "$TMP/err" || fail "a wrong assertion: $(cat "$TMP/err")"
grep -q "CHECK constraint failed" "$TMP/err" || fail "a wrong assertion: $(cat "$TMP/err")"
pass
# ... and an expected error that does not come fails too: the unique name
# in 03-refused.sql made new.
cp tasks/tests/03-refused.sql wrong/tests/01-add-task.sql
sed -i "s/VALUES ('home')/VALUES ('garden')/" wrong/tests/01-add-task.sql
set +e
"$DBBENCH" -q -w ./wrong -s rollback --strict --rounds 1 --no-validate >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 1 ] || fail "an expected error that did not come: exit $status"
grep -q "tests/01-add-task.sql" "$TMP/err" || fail "expect-error: $(cat "$TMP/err")"
pass

# The dialect file is SQLite's business only when named for it: with
# schema.sql removed, SQLite has no schema, a usage error.
rm tasks/schema.sql
expect_error 2 "schema" -w ./tasks --rounds 1 --no-validate
done_ok
