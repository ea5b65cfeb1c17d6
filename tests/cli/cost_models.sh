#!/bin/sh
# cost_models.sh - --seed-scale fits each strategy's cost to the data size;
# --pool static leaves out strategies that open a connection per test
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

"$DBBENCH" -s rollback,per-test,truncate --seed-scale 1,4,8 --rounds 3 \
	--warmup 0 -f json -o "$TMP/scale.json" 2>"$TMP/err" ||
	fail "--seed-scale run failed: $(cat "$TMP/err")"
[ "$(json_get "$TMP/scale.json" 'j["config"]["seed_scales"]')" = "[1, 4, 8]" ] ||
	fail "seed scales not recorded"
# nine cells, the scaled seed really loaded (rows x4, x8), nothing failed
[ "$(json_get "$TMP/scale.json" 'sorted((c["seed_scale"], c["seed_rows"]) for c in j["cells"] if c["strategy"] == "truncate")')" = \
	"[(1, 100), (4, 400), (8, 800)]" ] || fail "seed rows per scale"
[ "$(json_get "$TMP/scale.json" 'len(j["cells"]) == 9 and sum(c["failed"] for c in j["cells"]) == 0')" = True ] ||
	fail "scaled cells failed: $(json_get "$TMP/scale.json" 'j["failures"][:2]')"
pass
# a model per strategy, fitted on the 3 sizes: the fit is the least-squares
# line through the cells' medians (recomputed here), R² in [0, 1].  Timing
# decides the slopes, so they are not asserted.
out=$(json_get "$TMP/scale.json" '((lambda m, cells:
sorted(m) == ["per-test", "rollback", "truncate"]
and all(c["points"] == 3 and 0 <= c["r2"] <= 1 and c["max_rows"] == 800 for c in m.values())
and all((lambda xs, ys: (lambda mx, my: (lambda b: abs(b - m[s]["per_row_ns"]) <= 1e-6 * max(1, abs(b))
        and abs((my - b * mx) - m[s]["fixed_ns"]) <= 1e-6 * max(1, abs(my)))(
        sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)))(
        sum(xs) / len(xs), sum(ys) / len(ys)))(
        [c["seed_rows"] for c in cells if c["strategy"] == s],
        [c["suite_overhead"]["median"] for c in cells if c["strategy"] == s])
    for s in m))
({c["strategy"]: c for c in j["cost_models"]}, j["cells"]))')
[ "$out" = True ] || fail "cost models: $(json_get "$TMP/scale.json" 'j["cost_models"]')"
pass
"$DBBENCH" -s rollback,per-test --seed-scale 1,4 --rounds 2 --warmup 0 >"$TMP/scale.txt" ||
	fail "--seed-scale text run failed"
grep -q "^cost models: overhead per test = fixed + per row x seed rows" "$TMP/scale.txt" ||
	fail "no cost model section"
grep -Eq "^  sqlite +per-test +fixed .* R² [01]\.[0-9]{3}" "$TMP/scale.txt" || fail "no per-test model line"
grep -q "^seed x4: 400 rows" "$TMP/scale.txt" || fail "no table for the x4 seed"
pass

# --pool static: one shared connection, so per-test (a connection per
# test) is left out with a note; the rest run and are marked static.
"$DBBENCH" --pool static -s rollback,per-test,template --rounds 2 --warmup 0 \
	-f json -o "$TMP/static.json" || fail "--pool static run failed"
[ "$(json_get "$TMP/static.json" '[(c["strategy"], c["pool"]) for c in j["cells"]]')" = \
	"[('rollback', 'static'), ('template', 'static')]" ] || fail "static pool cells"
[ "$(json_get "$TMP/static.json" 'any("per-test not run on sqlite: --pool static" in n for n in j["notes"])')" = True ] ||
	fail "the left-out strategy is not noted"
pass
done_ok
