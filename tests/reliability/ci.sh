#!/usr/bin/env bash
# Reliability CI, called by .ci/run after the normal build and test suite (build/). Each step builds
# only the targets it runs:
#   asan  one clang build with ASan + UBSan and libFuzzer's coverage (preset asan): the unit, golden,
#         HTTP, hostile-input and fault tests (ctest -L), then every fuzz target on its regression
#         inputs and FUZZ_RUNS seeded inputs (the fuzz targets share the instrumented libraries);
#   tsan  the tests that run threads (ctest -L threads: the stdio worker pool, sessions, the HTTP
#         server, the hostile HTTP cases, the faults) under TSan (preset tsan);
#   tidy  clang-tidy over mcp/ and tools/ with the checked-in .clang-tidy: clean, within TIDY_BUDGET s;
#   soak  openness-mcp over HTTP at 64 connections for SOAK_SECONDS, zero errors, RSS growth under 5 %.
# Needs what scripts/setup.sh --test installs. Prints each step's duration at the end.
#
#   tests/reliability/ci.sh      (STEPS="asan tsan tidy soak" FUZZ_RUNS=10000 SOAK_SECONDS=60 JOBS=2)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
# A gate must not depend on luck: CI replays the same seeded inputs (10,000 per target after the
# regression inputs); longer, random runs are for finding bugs (tests/fuzz/run.sh).
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_RUNS=${FUZZ_RUNS:-10000}
FUZZ_SEED=${FUZZ_SEED:-1}
SOAK_SECONDS=${SOAK_SECONDS:-60}
TIDY_BUDGET=${TIDY_BUDGET:-900}
JOBS=${JOBS:-2}
STEPS=${STEPS:-asan tsan tidy soak}

# The tools come from scripts/setup.sh --test (which .ci/run runs first).
for tool in clang++ clang-tidy run-clang-tidy-14 wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "ci.sh: $tool is missing: run bash scripts/setup.sh --test first" >&2; exit 2; }
done

timings=()
run_step() {
  local name=$1
  shift
  echo "== ci.sh: $name ($(date -u +%T))"
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%-6s %4d s' "$name" $((SECONDS - start)))")
}

# The targets behind each label set; a test whose target is not built is not selected either.
asan_targets=(core_tests tools_tests mcp_tests golden_runner openness-mcp mcp-conformance-server mcp_http_module
              mcp_http_tests hostile_http_tests faults_tests hub_tests
              fuzz_jsonrpc fuzz_http fuzz_tools fuzz_resolver fuzz_model_card fuzz_dataset fuzz_hub)
tsan_targets=(mcp_tests openness-mcp mcp-conformance-server mcp_http_module mcp_http_tests
              hostile_http_tests faults_tests)

asan_step() {
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j"$JOBS" --target "${asan_targets[@]}"
  ctest --preset asan -j"$JOBS" -L 'unit|golden|http|hostile|faults'
  WORK="$root/build-asan/fuzz-runs" RUNS=$FUZZ_RUNS SEED=$FUZZ_SEED JOBS=$JOBS tests/fuzz/run.sh build-asan "$FUZZ_SECONDS"
}

tsan_step() {
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j"$JOBS" --target "${tsan_targets[@]}"
  ctest --preset tsan -j"$JOBS" -L threads
}

for step in $STEPS; do
  case "$step" in
    asan) run_step asan asan_step ;;
    tsan) run_step tsan tsan_step ;;
    tidy) run_step tidy env TIDY_BUDGET="$TIDY_BUDGET" tests/reliability/tidy.sh build ;;
    soak) run_step soak env OUT="$root/build/soak" tests/reliability/soak.sh build/bin/openness-mcp "$SOAK_SECONDS" ;;
    *) echo "ci.sh: unknown step $step" >&2; exit 2 ;;
  esac
done
echo "== ci.sh: all steps passed"
printf '   %s\n' "${timings[@]}"
