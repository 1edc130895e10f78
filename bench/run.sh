#!/usr/bin/env bash
# The benchmark (not a test): builds in Release, runs the core microbenchmarks and the end-to-end
# runs, and prints the tables of bench/README.md, with every figure of ours next to the floor's and
# the TypeScript SDK peers' of the same run, and each target's ratio: first the run on distinct
# questions (704 names, each call the next; the targets), then the run on one repeated name.
#
#   bench/run.sh                  # everything: about 10 minutes, plus the first build and datasets
#   bench/run.sh --quick          # shorter runs, no 1 M JSON Lines dataset (about 4 minutes)
#
# Needs the Debian packages of the build plus libbenchmark-dev, libsimdjson-dev and valgrind, Node 20 (the
# TypeScript SDK peer; its packages are installed by the harness with npm ci the first time), and
# the mcpbench harness (../shared/bench, or MCPBENCH_DIR).
#
# Environment: BUILD_DIR (build-release, configured with the release preset), MCPBENCH_DIR,
# BENCH_WORK (generated datasets and the harness's copy; ${TMPDIR:-/tmp}/openness-bench),
# OUT (results and table.md; $BENCH_WORK/results), PORT (first of two free ports; 18084).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quick=0
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done

build="${BUILD_DIR:-$root/build-release}"
harness="$(cd "${MCPBENCH_DIR:-$root/../shared/bench}" && pwd)"
work="${BENCH_WORK:-${TMPDIR:-/tmp}/openness-bench}"
out="${OUT:-$work/results}"
port="${PORT:-18084}"
bin="$build/bin"
mkdir -p "$work" "$out"
rm -rf "$out"/*.json "$out"/table.md "$out"/distinct "$out"/one-name

echo "== build (Release)" >&2
if [ "$build" = "$root/build-release" ]; then
  (cd "$root" && cmake --preset release >/dev/null)
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENNESS_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j2 --target openness-mcp openness-core-bench openness-synth openness-pack openness-floor-answer >&2

echo "== datasets" >&2
sizes=(100k 1m)
for n in "${sizes[@]}"; do
  count=$([ "$n" = 100k ] && echo 100000 || echo 1000000)
  mkdir -p "$work/$n" "$work/$n-packed"
  if [ ! -s "$work/$n/synthetic.jsonl" ]; then
    "$bin/openness-synth" "$count" "$work/$n/synthetic.jsonl.tmp" && mv "$work/$n/synthetic.jsonl.tmp" "$work/$n/synthetic.jsonl"
  fi
  if [ ! -s "$work/$n-packed/synthetic.bundle" ] || [ "$work/$n/synthetic.jsonl" -nt "$work/$n-packed/synthetic.bundle" ]; then
    "$bin/openness-pack" --records "$work/$n" "$work/$n-packed/synthetic.bundle" >&2
  fi
done

echo "== core microbenchmarks (Google Benchmark)" >&2
core() {  # NAME [ARGS...]
  local name=$1
  shift
  "$bin/openness-core-bench" --name "$name" "$@" --benchmark_out="$out/core-$name.json" \
    --benchmark_out_format=json --benchmark_min_time="$([ $quick = 1 ] && echo 0.1 || echo 0.5)" >&2
}
core bundled
core 100k-packed --no-bundled --data-dir "$work/100k-packed"
core 1m-packed --no-bundled --data-dir "$work/1m-packed"
core 100k-jsonl --no-bundled --data-dir "$work/100k"
[ $quick = 1 ] || core 1m-jsonl --no-bundled --data-dir "$work/1m"

echo "== end to end (mcpbench)" >&2
export BENCH_WORK="$work/mcpbench"  # where the harness copies itself (it is read-only in ../shared)
knobs=(CALLS=10000 WARMUP=500 DURATION=3 COLD=10 HTTP_COLD=5)
[ $quick = 1 ] && knobs=(CALLS=3000 WARMUP=300 DURATION=2 COLD=5 HTTP_COLD=3)
m="$bin/openness-mcp"  # as shipped: default options, info logs (the harness keeps stderr in a file)
ours=(--server openness-mcp "$m" "$m --http --port $port" "http://127.0.0.1:$port/mcp")

# 1. Distinct questions, the targets' run: each call asks the next of 704 names as people type them,
# and ts-replay (the TypeScript SDK answering from a table of our own answers) is the peer.
queries="$harness/queries/lookup-names.jsonl"
python3 "$harness/peers/make-answers.py" "$m --log-level off" lookup_model "$queries" >"$work/answers.jsonl"
mkdir -p "$out/distinct"
env "${knobs[@]}" OUT="$out/distinct" ONLY="floor ts-replay openness-mcp" CG_CALLS=2000 TOOL=lookup_model \
  EXPECT=content ARGS_FILE="$queries" ANSWERS="$work/answers.jsonl" "$harness/run-peers.sh" "${ours[@]}" >&2

# 2. One name, repeated (the earlier tables' run): OLMo-7B, and the floor replaying our answer to it.
args='{"name":"OLMo-7B"}'
printf '%s\n' \
  '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"0"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_model\",\"arguments\":$args}}" |
  "$m" --log-level off | tail -n 1 >"$work/answer.json"
grep -q '"structuredContent"' "$work/answer.json" || { echo "bench/run.sh: no lookup_model answer" >&2; exit 1; }
mkdir -p "$out/one-name"
env "${knobs[@]}" OUT="$out/one-name" ONLY="floor ts-echo openness-mcp floor-answer" CG_CALLS=2000 TOOL=lookup_model \
  ARGS="$args" EXPECT=OLMo "$harness/run-peers.sh" "${ours[@]}" \
  --server floor-answer "$bin/openness-floor-answer $work/answer.json" - - >&2

node "$root/bench/table.mjs" "$out" "$harness" | tee "$out/table.md"
echo "(results in $out)" >&2
