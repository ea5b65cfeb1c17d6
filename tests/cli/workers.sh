#!/bin/sh
# workers.sh - --workers: each worker its own database, a scaling table, a
# fitted model and a recommended worker count; --dist chunk; static pool
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"

"$DBBENCH" -s rollback,per-test --workers 1,2,4 --tests 40 --rounds 3 \
	--warmup 0 -f json -o "$TMP/w.json" 2>"$TMP/err" ||
	fail "--workers run failed: $(cat "$TMP/err")"
# a cell per strategy and worker count, each running the whole suite of 40
# tests per round, nothing failing
[ "$(json_get "$TMP/w.json" 'sorted((c["strategy"], c["workers"], c["tests_run"], c["failed"]) for c in j["cells"])')" = \
	"[('per-test', 1, 120, 0), ('per-test', 2, 120, 0), ('per-test', 4, 120, 0), ('rollback', 1, 120, 0), ('rollback', 2, 120, 0), ('rollback', 4, 120, 0)]" ] ||
	fail "cells: $(json_get "$TMP/w.json" '[(c["strategy"], c["workers"], c["tests_run"]) for c in j["cells"]]')"
pass
# one session setup per worker per round: 3 rounds x N workers
[ "$(json_get "$TMP/w.json" 'sorted((c["workers"], c["phases"]["session_setup"]["n"]) for c in j["cells"] if c["strategy"] == "rollback")')" = \
	"[(1, 3), (2, 6), (4, 12)]" ] || fail "session setups per worker"
pass
# scaling rows: speedup and efficiency against 1 worker, from the walls
out=$(json_get "$TMP/w.json" '
all(abs(r["speedup"] - [x for x in j["scaling"] if x["strategy"] == r["strategy"] and x["workers"] == 1][0]["wall_ns"] / r["wall_ns"]) < 1e-3 * r["speedup"] + 1e-6
    and abs(r["efficiency"] - r["speedup"] / r["workers"]) < 1e-9
    for r in j["scaling"]) and len(j["scaling"]) == 6')
[ "$out" = True ] || fail "scaling rows: $(json_get "$TMP/w.json" 'j["scaling"]')"
out=$(json_get "$TMP/w.json" '
all(m["best_fit"] in ("amdahl", "usl") and 0 <= m["amdahl"]["p"] <= 1
    and m["usl"]["alpha"] >= 0 and m["usl"]["beta"] >= 0
    and m["recommended_workers"] >= 1 and m["predicted_wall_ns"] > 0
    and m["best_measured_workers"] in (1, 2, 4)
    for m in j["scaling_models"]) and len(j["scaling_models"]) == 2')
[ "$out" = True ] || fail "scaling models: $(json_get "$TMP/w.json" 'j["scaling_models"]')"
pass

"$DBBENCH" -s rollback --workers 1,2 --tests 40 --rounds 2 --warmup 0 >"$TMP/w.txt" ||
	fail "--workers text run failed"
grep -q "^workers: sqlite rollback, suite of 40 tests (--dist load, per-worker pool)" "$TMP/w.txt" ||
	fail "no scaling table"
grep -Eq "^1 worker +[0-9.]+ (µs|ms) +baseline" "$TMP/w.txt" || fail "no baseline row"
grep -Eq "^2 workers +[0-9.]+ (µs|ms) +([0-9.]+% (faster|slower)|the same)" "$TMP/w.txt" ||
	fail "no 2-worker row"
grep -q "optimal" "$TMP/w.txt" || fail "no optimal worker count"
grep -Eq "^fit: Amdahl p = [0-9.]+ .*USL alpha = [0-9.]+, beta = [0-9.]+ .*fits better" "$TMP/w.txt" ||
	fail "no fitted model"
pass

# recommend: the worker count for another suite size, from the saved run
out=$("$DBBENCH" recommend --tests 421 "$TMP/w.json") || fail "recommend failed"
[ "$(printf '%s\n' "$out" | grep -Ec '^sqlite (rollback|per-test): [0-9]+ workers? for 421 tests, about [0-9.]+ (µs|ms|s) ')" -eq 2 ] ||
	fail "recommend: $out"
pass
"$DBBENCH" -s rollback --rounds 1 --warmup 0 -f json -o "$TMP/one.json" || fail "one-worker run"
expect_error 2 "one.json: no worker scaling in this run" recommend "$TMP/one.json"
expect_error 2 "recommend: give a saved run" recommend
expect_error 2 "no-such.json" recommend "$TMP/no-such.json"

# --dist chunk: every test still runs once per round
"$DBBENCH" -s rollback --workers 3 --dist chunk --tests 10 --rounds 2 --warmup 0 \
	-f json -o "$TMP/chunk.json" || fail "--dist chunk failed"
[ "$(json_get "$TMP/chunk.json" '(j["config"]["dist"], j["cells"][0]["tests_run"])')" = "('chunk', 20)" ] ||
	fail "--dist chunk did not run 10 tests a round"
pass

# a file database per worker: created, then removed
"$DBBENCH" -s rollback --workers 2 --sqlite-path "$TMP/w.db" --tests 10 \
	--rounds 1 --warmup 0 >/dev/null || fail "file databases per worker"
[ -z "$(ls "$TMP" | grep 'w\.db')" ] || fail "worker database files left: $(ls "$TMP")"
pass

# the static pool: one shared connection for all workers
"$DBBENCH" --pool static -s rollback,per-test --workers 1,2 --tests 20 \
	--rounds 2 --warmup 0 -f json -o "$TMP/static.json" || fail "static pool with workers"
[ "$(json_get "$TMP/static.json" 'sorted((c["strategy"], c["pool"], c["workers"], c["tests_run"]) for c in j["cells"])')" = \
	"[('rollback', 'static', 1, 40), ('rollback', 'static', 2, 40)]" ] ||
	fail "static pool cells: $(json_get "$TMP/static.json" '[(c["strategy"], c["workers"]) for c in j["cells"]]')"
[ "$(json_get "$TMP/static.json" '[c["phases"]["session_setup"]["n"] for c in j["cells"]]')" = "[2, 2]" ] ||
	fail "the static pool set up more than one session a round"
pass
done_ok
