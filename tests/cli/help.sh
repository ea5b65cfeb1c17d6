#!/bin/sh
# help.sh - dbbench COMMAND --help prints that command's usage and the
# options it takes, and only those: every option on a command's page is
# accepted by the command, and the run options are not on the pages of the
# commands that read saved runs
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

for cmd in run validate report compare recommend cleanup list; do
	"$DBBENCH" "$cmd" --help >"$TMP/$cmd" 2>"$TMP/$cmd.err" || fail "$cmd --help: exit $?"
	[ ! -s "$TMP/$cmd.err" ] || fail "$cmd --help wrote to stderr"
	case $cmd in
	run) want="usage: dbbench [run] [options]" ;;
	*) want="usage: dbbench $cmd " ;;
	esac
	head -n 1 "$TMP/$cmd" | grep -qF "$want" || fail "$cmd --help: $(head -n 1 "$TMP/$cmd")"
	[ "$(grep -c '^usage:' "$TMP/$cmd")" -eq 1 ] || fail "$cmd --help shows other usages"
	[ "$(grep -c '^ *dbbench ' "$TMP/$cmd")" -eq 0 ] || fail "$cmd --help lists other commands"
	# Each option on the page is one the command takes.
	grep -oE -- '--[a-z][a-z-]*' "$TMP/$cmd" | sort -u >"$TMP/$cmd.opts"
	while read -r opt; do
		set +e
		"$DBBENCH" "$cmd" "$opt" >/dev/null 2>"$TMP/err" </dev/null
		set -e
		! grep -q "does not apply to this command" "$TMP/err" ||
			fail "$cmd --help lists $opt, which $cmd refuses"
	done <"$TMP/$cmd.opts"
	pass
done

# The pages of the commands that read saved runs leave the run out.
for cmd in report compare recommend cleanup list; do
	! grep -qE -- '--(workers|rounds|strategy|backend|seed-scale)' "$TMP/$cmd" ||
		fail "$cmd --help lists run options: $(cat "$TMP/$cmd")"
done
grep -q -- "--fail-threshold PCT" "$TMP/compare" || fail "compare --help lacks --fail-threshold"
grep -q "not enough data" "$TMP/compare" || fail "compare --help does not say what too few rounds give"
grep -q -- "--dsn DSN" "$TMP/cleanup" || fail "cleanup --help lacks --dsn"
grep -q -- "--target-ci" "$TMP/run" || fail "run --help lacks --target-ci"
grep -q -- "--no-validate" "$TMP/validate" || fail "validate --help lacks its options"
pass

# Without a command, and with -h, the whole page.
"$DBBENCH" --help >"$TMP/all" || fail "--help"
"$DBBENCH" -h | cmp -s - "$TMP/all" || fail "-h differs from --help"
for cmd in validate report compare recommend cleanup list; do
	grep -q "^ *dbbench $cmd\b" "$TMP/all" || fail "--help does not list $cmd"
done
pass
done_ok
