# shellcheck shell=sh
# lib.sh - shared setup for the shell tests of the dbbench binary
#
# Sourced first by every tests/cli/*.sh.  Gives: $DBBENCH (the binary),
# $TMP (a scratch folder removed on exit), fail(), skip(),
# expect_error ARGS... which runs dbbench and checks the exit status and the
# one line it prints on stderr, and strategies [SEP] which lists every
# strategy as `dbbench list` does.
set -eu

: "${DBBENCH:=$(pwd)/dbbench}"
: "${TESTS_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
export DBBENCH TESTS_DIR
# Python writes no bytecode into the source tree (the example suites run
# from it; a read-only or distcheck tree must stay as it is).
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

checks=0

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

pass() {
	checks=$((checks + 1))
}

# expect_error STATUS PATTERN ARGS...: dbbench ARGS must exit with STATUS,
# print nothing on stdout and exactly one line on stderr matching PATTERN
# (a grep -E expression).
expect_error() {
	want=$1
	pattern=$2
	shift 2
	set +e
	"$DBBENCH" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	set -e
	[ "$got" -eq "$want" ] ||
		fail "dbbench $*: exit $got, expected $want; stderr: $(cat "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "dbbench $*: wrote to stdout: $(head -c 200 "$TMP/out")"
	lines=$(wc -l <"$TMP/err")
	[ "$lines" -eq 1 ] || fail "dbbench $*: $lines lines on stderr: $(cat "$TMP/err")"
	grep -Eq -e "$pattern" "$TMP/err" ||
		fail "dbbench $*: stderr '$(cat "$TMP/err")' does not match '$pattern'"
	pass
}

# need_python3: skip (77) when there is no python3 to read the reports.
need_python3() {
	command -v python3 >/dev/null 2>&1 ||
		skip "python3 is needed to read the JSON reports (apt-get install python3)"
}

# json_get FILE EXPR: evaluate a python expression over the parsed JSON in
# variable j, printing the result.
json_get() {
	need_python3
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# strategies [SEP]: every strategy, in the order of the strategy table (as
# `dbbench list` prints them), separated by SEP (default: a space), for the
# tests that mean "every strategy".
# Fails (status 1) when the list names none, so that a loop over
# all=$(strategies) cannot pass by running zero times.
strategies() {
	names=$("$DBBENCH" list |
		awk -v sep="${1:- }" '/^strategies:/ { on = 1; next }
			/^[^ ]/ { on = 0 }
			on { printf "%s%s", (n++ ? sep : ""), $1 }')
	[ -n "$names" ] || fail "dbbench list names no strategy"
	printf '%s\n' "$names"
}

# strategies_pylist: every strategy, sorted, as Python prints a list of
# strings (to compare with json_get's output).
strategies_pylist() {
	strategies ' ' | tr ' ' '\n' | LC_ALL=C sort |
		awk '{ printf "%s\047%s\047", (n++ ? ", " : "["), $0 } END { print "]" }'
}

# matrix_row SCENARIO VERDICTS: the regular expression of SCENARIO's row of
# the text report's isolation matrix, its columns in the order `dbbench
# list` names the strategies.  VERDICTS gives the verdict under a strategy
# as name=verdict, and the verdict under every other as *=verdict.
matrix_row() {
	row="^$1"
	for s in $(strategies); do
		v=$(printf '%s\n' $2 | awk -F= -v s="$s" '$1 == s { v = $2 }
			$1 == "*" && v == "" { d = $2 } END { print (v != "" ? v : d) }')
		row="$row +$v"
	done
	printf '%s$\n' "$row"
}

done_ok() {
	echo "PASS: $(basename "$0"): $checks checks"
}
