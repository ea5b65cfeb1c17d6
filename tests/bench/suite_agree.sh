#!/bin/sh
# suite_agree.sh - do dbbench suite's wall medians agree with hyperfine's?
#
# Times the example suite (tests/suite/pyshop) under rollback and per-test
# with -n 0 and -n 2, one run at a time, alternately by `dbbench suite`
# (--runs 1) and by hyperfine (-N: no shell; the same command and
# environment), the four configurations in a shuffled order each round and
# the first tool alternating between rounds, so that the machine's load
# falls on both alike.  Prints, per configuration, the two medians and
# their ratio, and the median of the paired ratios; exits 1 when a ratio
# of medians is off by more than 10%.  Not part of 'make check' (minutes
# long); the figures are recorded in doc/performance.md.
#
#   tests/bench/suite_agree.sh [ROUNDS]   (default 6)
set -eu
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE

: "${DBBENCH:=$(pwd)/dbbench}"
: "${TESTS_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
rounds=${1:-6}
suite="$TESTS_DIR/suite/pyshop"
python=${PYTHON:-/usr/bin/python3}
"$python" -c 'import pytest, xdist, sqlalchemy' ||
	{ echo "suite_agree: $python lacks pytest, xdist or SQLAlchemy" >&2; exit 77; }
command -v hyperfine >/dev/null || { echo "suite_agree: no hyperfine" >&2; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-agree.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

by_dbbench() { # STRATEGY WORKERS ROUND
	"$DBBENCH" suite -q -s "$1" -j "$2" --junit --warmup 0 --runs 1 \
		-f json -o "$TMP/d-$1-$2-$3.json" -- \
		"$python" -m pytest "$suite" -q -n "{workers}" --junitxml "{junit}" \
		2>/dev/null || [ $? -eq 1 ]
}
by_hyperfine() { # STRATEGY WORKERS ROUND
	hyperfine -N -i --runs 1 --warmup 0 --style none \
		--export-json "$TMP/h-$1-$2-$3.json" \
		"env DBBENCH_STRATEGY=$1 DBBENCH_WORKERS=$2 $python -m pytest $suite -q -n $2 --junitxml $TMP/h.xml" \
		>/dev/null 2>&1
}

# one warmup of each configuration, untimed
for c in rollback:0 rollback:2 per-test:0 per-test:2; do
	by_hyperfine "${c%:*}" "${c#*:}" 0
done
r=1
while [ "$r" -le "$rounds" ]; do
	order=$("$python" -c "import random; c=['rollback:0','rollback:2','per-test:0','per-test:2']; random.Random($r).shuffle(c); print(' '.join(c))")
	for c in $order; do
		if [ $((r % 2)) -eq 1 ]; then
			by_dbbench "${c%:*}" "${c#*:}" "$r"
			by_hyperfine "${c%:*}" "${c#*:}" "$r"
		else
			by_hyperfine "${c%:*}" "${c#*:}" "$r"
			by_dbbench "${c%:*}" "${c#*:}" "$r"
		fi
	done
	echo "suite_agree: round $r of $rounds done" >&2
	r=$((r + 1))
done

"$python" - "$TMP" "$rounds" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
bad = 0
print(f"{'configuration':22} {'dbbench':>9} {'hyperfine':>10} {'ratio':>6} {'paired':>7}  runs  ranges (s)")
for s in ("rollback", "per-test"):
    for w in (0, 2):
        d, h = [], []
        for r in range(1, rounds + 1):
            d.append(json.load(open(f"{tmp}/d-{s}-{w}-{r}.json"))["suite"]["configs"][0]["samples"][0]["wall_ns"] / 1e9)
            h.append(json.load(open(f"{tmp}/h-{s}-{w}-{r}.json"))["results"][0]["times"][0])
        md, mh = statistics.median(d), statistics.median(h)
        paired = statistics.median(a / b for a, b in zip(d, h))
        bad += abs(md / mh - 1) > 0.10
        print(f"{s + ', ' + str(w) + ' workers':22} {md:8.3f}s {mh:9.3f}s {md / mh:6.3f} {paired:7.3f}  {len(d):4}  "
              f"{min(d):.2f}-{max(d):.2f} / {min(h):.2f}-{max(h):.2f}")
sys.exit(1 if bad else 0)
PY
