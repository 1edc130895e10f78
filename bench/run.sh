#!/usr/bin/env bash
# Runs the core benchmark on the bundled dataset and on synthetic datasets of 100k and 1M records,
# each both as JSON Lines (validated in full at load) and packed with `openness-pack --records`
# (validated when packed; the load checks the bundle's checksum and structure).
#   bench/run.sh [BUILD_DIR]      (default: build; configured with -DOPENNESS_BUILD_BENCH=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
work="${TMPDIR:-/tmp}/openness-bench"
for n in 100k 1m; do
  count=$([ "$n" = 100k ] && echo 100000 || echo 1000000)
  mkdir -p "$work/$n" "$work/$n-packed"
  [ -s "$work/$n/synthetic.jsonl" ] || "$build/bench/openness-synth" "$count" "$work/$n/synthetic.jsonl"
  [ -s "$work/$n-packed/synthetic.bundle" ] ||
    "$build/tools/core/openness-pack" --records "$work/$n" "$work/$n-packed/synthetic.bundle"
done
"$build/bench/openness-core-bench"
for d in 100k 1m 100k-packed 1m-packed; do
  echo
  "$build/bench/openness-core-bench" --no-bundled --data-dir "$work/$d"
done
