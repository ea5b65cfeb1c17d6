#!/bin/sh
# proof.sh - do the numbers hold?  ('make bench')
#
# A/A: PAIRS pairs of runs of the same build, each pair compared with
# 'dbbench compare'; a regression reported between them is a false alarm
# (goal: at most one in ten).  Coverage: for consecutive runs, how often
# the 95% CI of one run's median overhead per test covers the next run's
# median, over every cell (goal: at least 90%).
set -eu

: "${DBBENCH:?}"
pairs=${PROOF_PAIRS:-10}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-proof.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

i=1
alarms=0
while [ "$i" -le "$pairs" ]; do
	"$DBBENCH" -q --no-validate -f json -o "$tmp/a$i.json"
	"$DBBENCH" -q --no-validate -f json -o "$tmp/b$i.json"
	if ! "$DBBENCH" compare "$tmp/a$i.json" "$tmp/b$i.json" >"$tmp/cmp$i" 2>&1; then
		alarms=$((alarms + 1))
	fi
	i=$((i + 1))
done
echo "A/A: $alarms false alarm(s) in $pairs pairs of runs (goal: at most 1)"
python3 - "$tmp" "$pairs" <<'PY'
import json, sys, os
d, n = sys.argv[1], int(sys.argv[2])
runs = []
for i in range(1, n + 1):
    for side in "ab":
        runs.append(json.load(open(os.path.join(d, f"{side}{i}.json"))))
hit = total = 0
for r, s in zip(runs, runs[1:]):
    nxt = {(c["backend"], c["strategy"]): c["suite_overhead"]["median"] for c in s["cells"]}
    for c in r["cells"]:
        k = (c["backend"], c["strategy"])
        if k in nxt:
            total += 1
            hit += c["suite_overhead"]["ci95_low"] <= nxt[k] <= c["suite_overhead"]["ci95_high"]
print(f"coverage: the 95% CI of a run's median overhead covered the next run's median "
      f"in {hit} of {total} cells ({100 * hit / total:.0f}%; goal >= 90%)")
PY
