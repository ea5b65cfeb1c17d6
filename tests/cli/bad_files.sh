#!/bin/sh
# bad_files.sh - saved runs and baselines that are not what they claim:
# exit 2, one line on stderr naming the file and where it is wrong, nothing
# on stdout, nothing measured or saved
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to edit JSON"

"$DBBENCH" -s rollback,per-test --rounds 2 --warmup 0 -f json -o "$TMP/good.json" ||
	fail "json run failed"

# edit NAME EXPR: good.json with EXPR (python, over the parsed j) applied.
edit() {
	python3 - "$TMP/good.json" "$TMP/$1" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(j, open(sys.argv[2], "w"))
PY
}

# check_bad FILE PATTERN: every command that reads saved runs refuses FILE
# in any place: report, either side of compare, --baseline (before running).
check_bad() {
	expect_error 2 "$2" report "$1"
	expect_error 2 "$2" compare "$1" "$TMP/good.json"
	expect_error 2 "$2" compare "$TMP/good.json" "$1"
	expect_error 2 "$2" --baseline "$1" -s rollback --rounds 1 --warmup 0 \
		--save never
	[ ! -e results/never.json ] || fail "a run with a bad baseline was saved"
}
cd "$TMP"

printf 'not json at all\n' >"$TMP/text.json"
check_bad "$TMP/text.json" "^dbbench: $TMP/text.json:1:3: '\[' or '\{' expected near 'not'$"
: >"$TMP/empty.json"
check_bad "$TMP/empty.json" "^dbbench: $TMP/empty.json:[0-9]+:[0-9]+: .*end of"
head -c 700 "$TMP/good.json" >"$TMP/truncated.json"
check_bad "$TMP/truncated.json" "^dbbench: $TMP/truncated.json:1:70[0-9]: "
edit version.json 'j["schema_version"] = 2'
check_bad "$TMP/version.json" "^dbbench: $TMP/version.json: schema_version: 2 is not supported \(this dbbench reads 1\)$"
edit workers.json 'j["cells"][1]["workers"] = "one"'
check_bad "$TMP/workers.json" "^dbbench: $TMP/workers.json: cells\[1\]\.workers: expected a whole number, got a string$"
edit sample.json 'j["cells"][0]["samples"]["suite_overhead"][1] = 1.5'
check_bad "$TMP/sample.json" "cells\[0\]\.samples\.suite_overhead\[1\]: expected a whole number, got a fractional number$"
edit nocells.json 'del j["cells"]'
check_bad "$TMP/nocells.json" "^dbbench: $TMP/nocells.json: cells: missing$"
edit emptycells.json 'j["cells"] = []'
check_bad "$TMP/emptycells.json" "^dbbench: $TMP/emptycells.json: cells: empty"
edit nosamples.json 'del j["cells"][1]["samples"]["body"]'
check_bad "$TMP/nosamples.json" "cells\[1\]\.samples\.body: missing$"
edit array.json 'j = [j]'
check_bad "$TMP/array.json" "$TMP/array.json: expected a JSON object"
check_bad "$TMP" "^dbbench: $TMP: is a directory$"
printf '\001\002\377\376' >"$TMP/binary.json"
check_bad "$TMP/binary.json" "^dbbench: $TMP/binary.json:1:[0-9]+: "
done_ok
