#!/bin/sh
# manpage.sh - doc/dbbench.1 documents every long option --help lists (and
# no option --help does not), every command, exit status and environment
# variable, and formats without a groff warning
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

page="$TESTS_DIR/../doc/dbbench.1"
[ -f "$page" ] || fail "no man page at $page"
# The page as plain text: roff's \- is a hyphen.
sed 's/\\-/-/g' "$page" >"$TMP/page"
"$DBBENCH" --help >"$TMP/help" || fail "--help failed"
"$DBBENCH" suite --help >>"$TMP/help" || fail "suite --help failed"

grep -oE -- '--[a-z][a-z-]*' "$TMP/help" | sort -u >"$TMP/help.opts"
[ "$(wc -l <"$TMP/help.opts")" -ge 20 ] || fail "too few options in --help: $(cat "$TMP/help.opts")"
while read -r opt; do
	grep -Eq -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$TMP/page" ||
		fail "the man page does not document $opt"
done <"$TMP/help.opts"
pass
grep -oE -- '--[a-z][a-z-]*' "$TMP/page" | sort -u >"$TMP/page.opts"
extra=$(comm -13 "$TMP/help.opts" "$TMP/page.opts")
[ -z "$extra" ] || fail "the man page documents options --help does not list: $extra"
pass

for cmd in run report compare list help; do
	grep -Eq "^\.(B|BI) $cmd( |\$)" "$TMP/page" || fail "command $cmd is not documented"
done
# The SYNOPSIS names every command.
for cmd in validate report compare recommend cleanup list help; do
	sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$TMP/page" | grep -Eq "^\.B dbbench $cmd( |\$)" ||
		fail "the SYNOPSIS lacks $cmd"
done
for status in 0 1 2 3; do
	sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$TMP/page" | grep -qx "\.B $status" ||
		fail "exit status $status is not documented"
done
for var in DBBENCH_FIXTURES NO_COLOR PGHOST PGPASSWORD; do
	sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$TMP/page" | grep -q "$var" ||
		fail "$var is not documented"
done
pass

if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z "$page" >"$TMP/groff" 2>&1 || fail "groff failed: $(cat "$TMP/groff")"
	[ ! -s "$TMP/groff" ] || fail "groff warns: $(cat "$TMP/groff")"
	pass
fi
done_ok
