#!/bin/sh
# suite_recipes.sh - doc/suite.md's recipes for Django's test runner, Go
# (gotestsum) and RSpec, run under dbbench suite on the small suites in
# tests/suite/recipes: the command line of each recipe as documented, its
# JUnit report read, DBBENCH_STRATEGY seen by the tests.
#
# A recipe whose tools are not installed is left out; with none of them
# installed the test skips (77).  Debian: python3-django python3-xmlrunner,
# golang-go gotestsum, ruby-rspec ruby-rspec-junit-formatter.
# shellcheck source-path=SCRIPTDIR disable=SC1087
# (Python subscripts in strings)
. "$(dirname "$0")/lib.sh"
need_python3

recipes="$TESTS_DIR/suite/recipes"
cp -R "$recipes" "$TMP/recipes"
chmod -R u+w "$TMP/recipes"
export TMPDIR="$TMP/scratch"
mkdir -p "$TMPDIR"
ran=0

# check JSON TESTS STRATEGIES...: every configuration ran once, passed, and
# reported TESTS tests.
check() {
	json=$1
	tests=$2
	[ "$(json_get "$json" "all(c['runs'] == 1 and c['tests'] == $tests and c['failures'] == 0 and c['errors'] == 0 and c['all_passed'] for c in j['suite']['configs'])")" = True ] ||
		fail "$json: $(json_get "$json" "j['suite']['configs']")"
	[ "$(json_get "$json" "j['suite']['recommended'] is not None")" = True ] ||
		fail "$json: no recommendation"
}

python=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import django, xmlrunner' 2>/dev/null; then
		python=$(command -v "$p")
		break
	fi
done
if [ -n "$python" ]; then
	(cd "$TMP/recipes/django" && "$DBBENCH" suite -q -s rollback,truncate \
		-j 1,2 --junit --warmup 0 --runs 1 -f json -o "$TMP/django.json" -- \
		"$python" manage.py test --parallel "{workers}") ||
		fail "django: exit $?"
	check "$TMP/django.json" 6
	ran=$((ran + 1))
	pass
fi

if command -v go >/dev/null 2>&1 && command -v gotestsum >/dev/null 2>&1; then
	export GOCACHE="$TMP/gocache" GOPATH="$TMP/gopath" GOFLAGS=-mod=mod \
		GOPROXY=off
	(cd "$TMP/recipes/go" && "$DBBENCH" suite -q -s rollback,per-test \
		-j 1,2 --junit --warmup 0 --runs 1 -f json -o "$TMP/go.json" -- \
		gotestsum --junitfile "{junit}" -- -count=1 -p "{workers}" ./...) ||
		fail "go: exit $?"
	check "$TMP/go.json" 3
	ran=$((ran + 1))
	pass
fi

if command -v rspec >/dev/null 2>&1 &&
	ruby -e 'require "rspec_junit_formatter"' 2>/dev/null; then
	(cd "$TMP/recipes/rspec" && "$DBBENCH" suite -q \
		-s transaction,truncation --junit --warmup 0 --runs 1 -f json \
		-o "$TMP/rspec.json" -- \
		rspec --format RspecJunitFormatter --out "{junit}") ||
		fail "rspec: exit $?"
	check "$TMP/rspec.json" 3
	ran=$((ran + 1))
	pass
fi

[ "$ran" -gt 0 ] || skip "none of Django, Go with gotestsum, RSpec is installed"
done_ok
