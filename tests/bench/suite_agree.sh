#!/bin/sh
# suite_agree.sh - do dbbench suite's wall medians agree with hyperfine's?
#
# Times the example suite (tests/suite/pyshop) under rollback and per-test
# with -n 0 and -n 2, once by `dbbench suite` and once by hyperfine (-N: no
# shell; the same command and environment), in alternating blocks so that
# the machine's drift falls on both alike.  Prints, per configuration, the
# two medians over all blocks and their ratio; exits 1 when a ratio is
# off by more than 10%.  Not part of 'make check' (minutes long); the
# figures are recorded in doc/performance.md.
#
#   tests/bench/suite_agree.sh [BLOCKS [RUNS_PER_BLOCK]]   (default 4 2)
set -eu

: "${DBBENCH:=$(pwd)/dbbench}"
: "${TESTS_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
blocks=${1:-4}
runs=${2:-2}
suite="$TESTS_DIR/suite/pyshop"
python=${PYTHON:-/usr/bin/python3}
"$python" -c 'import pytest, xdist, sqlalchemy' ||
	{ echo "suite_agree: $python lacks pytest, xdist or SQLAlchemy" >&2; exit 77; }
command -v hyperfine >/dev/null || { echo "suite_agree: no hyperfine" >&2; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbbench-agree.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

b=1
while [ "$b" -le "$blocks" ]; do
	"$DBBENCH" suite -q -s rollback,per-test -j 0,2 --junit --warmup 0 \
		--runs "$runs" --seed "$b" -f json -o "$TMP/dbbench-$b.json" -- \
		"$python" -m pytest "$suite" -q -n "{workers}" --junitxml "{junit}" \
		|| [ $? -eq 4 ]
	for s in rollback per-test; do
		for w in 0 2; do
			hyperfine -N -i --runs "$runs" --warmup 0 --style none \
				--export-json "$TMP/hf-$b-$s-$w.json" \
				"env DBBENCH_STRATEGY=$s DBBENCH_WORKERS=$w $python -m pytest $suite -q -n $w --junitxml $TMP/hf.xml" \
				>/dev/null 2>&1
		done
	done
	echo "suite_agree: block $b of $blocks done" >&2
	b=$((b + 1))
done

"$python" - "$TMP" "$blocks" <<'PY'
import glob, json, statistics, sys
tmp, blocks = sys.argv[1], int(sys.argv[2])
bad = 0
print(f"{'configuration':22} {'dbbench':>10} {'hyperfine':>10} {'ratio':>7}  runs")
for s in ("rollback", "per-test"):
    for w in (0, 2):
        d = []
        for f in glob.glob(f"{tmp}/dbbench-*.json"):
            for c in json.load(open(f))["suite"]["configs"]:
                if c["strategy"] == s and c["workers"] == w:
                    d += [x["wall_ns"] / 1e9 for x in c["samples"]]
        h = []
        for f in glob.glob(f"{tmp}/hf-*-{s}-{w}.json"):
            h += json.load(open(f))["results"][0]["times"]
        md, mh = statistics.median(d), statistics.median(h)
        r = md / mh
        bad += abs(r - 1) > 0.10
        print(f"{s + ', ' + str(w) + ' workers':22} {md:9.3f}s {mh:9.3f}s {r:7.3f}  {len(d)}/{len(h)}")
sys.exit(1 if bad else 0)
PY
