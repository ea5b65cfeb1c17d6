#!/bin/sh
# schema.sh - doc/result-schema.json is a valid JSON Schema, real reports
# (with failures, with a SQLite file) satisfy it, and reports broken in the
# ways a reader would trip over do not
#
# Skips (77) without the python3 jsonschema module (Debian package
# python3-jsonschema).
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
need_python3

schema="$TESTS_DIR/../doc/result-schema.json"
python3 -c 'import jsonschema' 2>/dev/null ||
	skip "python3 jsonschema is not installed (apt-get install python3-jsonschema)"

# validate FILE...: print "ok", or the first error of each file.
validate() {
	python3 - "$schema" "$@" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
v = cls(schema)
bad = []
for f in sys.argv[2:]:
    errs = sorted(v.iter_errors(json.load(open(f))), key=lambda e: list(e.path))
    if errs:
        bad.append("%s: %s at %s" % (f, errs[0].message, "/".join(map(str, errs[0].path))))
print("; ".join(bad) or "ok")
PY
}

"$DBBENCH" --rounds 2 --warmup 0 -f json -o "$TMP/run.json" || fail "run failed"
mkdir -p "$TMP/failing/tests"
echo "CREATE TABLE t (x NOT NULL);" >"$TMP/failing/schema.sql"
echo "INSERT INTO t VALUES (1);" >"$TMP/failing/tests/01-ok.sql"
echo "INSERT INTO t VALUES (NULL);" >"$TMP/failing/tests/02-bad.sql"
"$DBBENCH" -w "$TMP/failing" --sqlite-path "$TMP/f.db" --rounds 2 --warmup 0 \
	-f json -o "$TMP/failing.json" || fail "failing run failed"
[ "$(json_get "$TMP/failing.json" 'len(j["failures"])')" -gt 0 ] || fail "no failures recorded"
# workers, seed scales and the static pool fill scaling, models and notes
"$DBBENCH" -s rollback,per-test --workers 1,2 --seed-scale 1,2 --tests 10 \
	--rounds 2 --warmup 0 -f json -o "$TMP/wide.json" || fail "wide run failed"
[ "$(json_get "$TMP/wide.json" 'len(j["scaling"]) > 0 and len(j["scaling_models"]) > 0 and len(j["cost_models"]) > 0')" = True ] ||
	fail "the wide run has no scaling or cost models"
"$DBBENCH" --pool static -s rollback,per-test --rounds 1 --warmup 0 -f json \
	-o "$TMP/static.json" || fail "static run failed"
out=$(validate "$TMP/run.json" "$TMP/failing.json" "$TMP/wide.json" \
	"$TMP/static.json") || fail "validation crashed: $out"
[ "$out" = ok ] || fail "a real report does not satisfy the schema: $out"
pass

# Broken reports are rejected: the schema says something.
n=0
while read -r expr; do
	n=$((n + 1))
	python3 - "$TMP/run.json" "$TMP/broken$n.json" "$expr" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(j, open(sys.argv[2], "w"))
PY
	out=$(validate "$TMP/broken$n.json") || fail "validation crashed: $out"
	[ "$out" != ok ] || fail "the schema accepts a report with: $expr"
	pass
done <<'EOF_CASES'
j["schema_version"] = 2
del j["cells"][0]["phases"]
j["cells"][1]["samples"]["body"][0] = 1.5
j["cells"][0]["samples"]["overhead"][0] = -1
del j["cells"][2]["suite_overhead"]["p99"]
j["cells"][0]["pool"] = "shared"
j["cells"] = []
j["tool"]["name"] = "other"
j["migration"] = {"from": "sqlite"}
del j["recommendations"]
EOF_CASES
done_ok
