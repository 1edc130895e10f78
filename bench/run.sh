#!/usr/bin/env bash
# Runs the core benchmark on the bundled dataset and on synthetic datasets of 100k and 1M records.
#   bench/run.sh [BUILD_DIR]      (default: build; configured with -DOPENNESS_BUILD_BENCH=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
work="${TMPDIR:-/tmp}/openness-bench"
mkdir -p "$work/100k" "$work/1m"
[ -s "$work/100k/synthetic.jsonl" ] || "$build/bench/openness-synth" 100000 "$work/100k/synthetic.jsonl"
[ -s "$work/1m/synthetic.jsonl" ] || "$build/bench/openness-synth" 1000000 "$work/1m/synthetic.jsonl"
"$build/bench/openness-core-bench"
echo
"$build/bench/openness-core-bench" --no-bundled --data-dir "$work/100k"
echo
"$build/bench/openness-core-bench" --no-bundled --data-dir "$work/1m"
