#!/bin/sh
# replay.sh - 'make check': every saved fuzz input through its target
set -eu
top=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
for target in sqlsplit workload baseline junit; do
	"./tests/fuzz/replay_$target" "$top/fuzz/corpus/$target" \
		"$top/fuzz/regressions/$target"
done
