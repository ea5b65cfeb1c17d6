#!/bin/sh
# sample_cap.sh - memory and JSON bounded by --sample-cap, and what the cap
# changes in the figures ('make bench')
#
# 1. What the cap changes: one run that keeps every sample (--sample-cap 0,
#    $CAP_FULL_STRATEGIES, 100,000 tests, 3 rounds) is drawn down to the
#    default cap by 'dbbench report --sample-cap' as a run would have, so
#    both sides hold the same measurements; the worst relative difference
#    of the median, p95 and p99 of every per-test series is printed.
#    Goal: within 1%.
# 2. Memory: dbbench -t 100000 --rounds 12 --no-validate
#    ($CAP_STRATEGIES, default all) under /usr/bin/time -v, whose
#    "Maximum resident set size" is the largest of the process and every
#    measuring process it waited for; and the size of its JSON.
#    Goals: under 64 MB resident, JSON under 20 MB.
# Not a test: the figures are reported, never asserted.
set -eu

: "${DBBENCH:?}"
full_strategies=${CAP_FULL_STRATEGIES:-rollback,savepoint,truncate}
strategies=${CAP_STRATEGIES:-all}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-cap.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "sample cap: percentiles of a capped run against all its samples"
"$DBBENCH" -s "$full_strategies" -t 100000 --rounds 3 --sample-cap 0 \
	--no-validate -q -f json -o "$tmp/full.json"
"$DBBENCH" report --sample-cap 10000 -f json -o "$tmp/capped.json" \
	"$tmp/full.json"
python3 - "$tmp/full.json" "$tmp/capped.json" <<'PY'
import json, os, sys
full, capped = (json.load(open(f)) for f in sys.argv[1:3])
worst = (0, "")
for a, b in zip(full["cells"], capped["cells"]):
    series = {s: (a[s], b[s]) for s in ("overhead", "per_test")}
    for ph in ("test_setup", "body", "test_teardown"):
        series[ph] = (a["phases"][ph], b["phases"][ph])
    for name, (x, y) in series.items():
        for q in ("median", "p95", "p99"):
            d = abs(y[q] / x[q] - 1) if x[q] else 0
            if d > worst[0]:
                worst = (d, f'{a["strategy"]} {name} {q}: {x[q]:.0f} vs {y[q]:.1f} ns')
    print(f'  {a["strategy"]}: {b["sampling"]["tests_kept"]} of '
          f'{b["sampling"]["tests_timed"]} samples kept')
print(f"worst percentile difference {100 * worst[0]:.2f}% ({worst[1]}) (goal <= 1%)")
print(f"JSON: all samples {os.path.getsize(sys.argv[1]) / 1e6:.1f} MB, "
      f"capped {os.path.getsize(sys.argv[2]) / 1e6:.1f} MB")
PY

echo
echo "sample cap: memory of -t 100000 --rounds 12 ($strategies)"
/usr/bin/time -v "$DBBENCH" -s "$strategies" -t 100000 --rounds 12 \
	--no-validate -q -f json -o "$tmp/big.json" 2>"$tmp/time"
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
size=$(wc -c <"$tmp/big.json")
echo "largest process: $((rss / 1024)) MB resident (goal < 64 MB); JSON $((size / 1024 / 1024)) MB (goal < 20 MB)"
