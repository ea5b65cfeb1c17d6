#!/bin/sh
# proof.sh - do the numbers hold?  ('make bench')
#
# For the default measurement (dbbench --no-validate, adaptive rounds) of
# one backend, PROOF_BACKEND (sqlite, or postgres on a throwaway cluster,
# tests/pg/with_cluster.sh), measured in several processes (the default)
# and, on SQLite, in one (--replicates 1); PROOF_REPLICATES lists the
# --replicates to try, PROOF_ARGS adds options (say --no-pin):
#
# A/A: PAIRS pairs of runs of the same build, each pair compared with
# 'dbbench compare'; a regression reported between them is a false alarm
# (goal: at most one in ten).  Coverage: for consecutive runs, how often
# the 95% CI of one run's median overhead per test covers the next run's
# median, over every cell (goal: at least 90%), in all and per strategy;
# and how often it covers the median of all the runs' rounds pooled.
# Also: how long each run took, its fewest rounds in a cell, and how many
# cells ended within a 5% interval.
set -eu

backend=${PROOF_BACKEND:-sqlite}
if [ "$backend" = postgres ] && [ -z "${DBBENCH_PG_DSN:-}" ]; then
	# PGHOST, PGPORT, PGUSER and PGDATABASE then name the cluster
	exec sh "$(dirname "$0")/../pg/with_cluster.sh" sh "$0" "$@"
fi
: "${DBBENCH:?}"
pairs=${PROOF_PAIRS:-10}
if [ "$backend" = postgres ]; then
	replicate_list=${PROOF_REPLICATES:-10}
else
	replicate_list=${PROOF_REPLICATES:-10 1}
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-proof.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for replicates in $replicate_list; do
	echo "$backend, --replicates $replicates:"
	i=1
	alarms=0
	start=$(date +%s)
	while [ "$i" -le "$pairs" ]; do
		for side in a b; do
			# shellcheck disable=SC2086 # PROOF_ARGS: several words
			"$DBBENCH" -q -b "$backend" --no-validate \
				--replicates "$replicates" ${PROOF_ARGS:-} \
				-f json -o "$tmp/$side$i.json"
		done
		if ! "$DBBENCH" compare "$tmp/a$i.json" "$tmp/b$i.json" \
			>"$tmp/cmp$i" 2>&1; then
			alarms=$((alarms + 1))
		fi
		i=$((i + 1))
	done
	echo "  A/A: $alarms false alarm(s) in $pairs pairs of runs (goal: at most 1)"
	echo "  $((2 * pairs)) runs in $(($(date +%s) - start)) s"
	python3 - "$tmp" "$pairs" <<'PY'
import json, sys, os
d, n = sys.argv[1], int(sys.argv[2])
runs = []
for i in range(1, n + 1):
    for side in "ab":
        runs.append(json.load(open(os.path.join(d, f"{side}{i}.json"))))
hit, total, width = {}, {}, {}
for r, s in zip(runs, runs[1:]):
    nxt = {(c["backend"], c["strategy"]): c["suite_overhead"]["median"] for c in s["cells"]}
    for c in r["cells"]:
        k = (c["backend"], c["strategy"])
        if k in nxt:
            so = c["suite_overhead"]
            total[k] = total.get(k, 0) + 1
            hit[k] = hit.get(k, 0) + (so["ci95_low"] <= nxt[k] <= so["ci95_high"])
            width.setdefault(k, []).append(100 * c["ci_rel"])
h, t = sum(hit.values()), sum(total.values())
print(f"  coverage: the 95% CI of a run's median overhead covered the next run's median "
      f"in {h} of {t} cells ({100 * h / t:.0f}%; goal >= 90%)")
# The same intervals against the median of every round of every run: the
# best estimate there is of what each interval is an interval for.
pooled = {}
for r in runs:
    for c in r["cells"]:
        pooled.setdefault((c["backend"], c["strategy"]), []).extend(c["samples"]["suite_overhead"])
truth = {k: sorted(v)[len(v) // 2] for k, v in pooled.items()}
th = sum(c["suite_overhead"]["ci95_low"] <= truth[(c["backend"], c["strategy"])] <= c["suite_overhead"]["ci95_high"]
         for r in runs for c in r["cells"])
tt = sum(len(r["cells"]) for r in runs)
print(f"  the 95% CI of a run's median covered the median of all {len(runs)} runs' rounds "
      f"in {th} of {tt} cells ({100 * th / tt:.0f}%)")
for k in total:
    w = sorted(width[k])
    print(f"    {k[0]} {k[1]}: {hit[k]} of {total[k]}, median CI half-width {w[len(w) // 2]:.1f}%")
secs = sorted(r["elapsed_ns"] / 1e9 for r in runs)
fewest = min(c["rounds"] for r in runs for c in r["cells"])
cells = [c for r in runs for c in r["cells"]]
within = sum(c["ci_rel"] is not None and c["ci_rel"] <= 0.05 for c in cells)
print(f"  measuring took {secs[0]:.0f} to {secs[-1]:.0f} s a run (median {secs[len(secs) // 2]:.0f} s); "
      f"fewest rounds in a cell {fewest}; {within} of {len(cells)} cells within a 5% CI")
PY
done
