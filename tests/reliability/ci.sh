#!/usr/bin/env bash
# Reliability CI (issue 7), called by .ci/run after the normal build and test suite (build/):
#   1. the whole test suite under ASan + UBSan (preset asan), then under TSan (preset tsan): the
#      unit tests, the hostile-input corpus, the fault tests, the golden, HTTP, conformance and
#      end-to-end tests, with every binary instrumented;
#   2. clang-tidy over the sources with the checked-in .clang-tidy: clean;
#   3. every fuzz target (preset fuzz, clang + libFuzzer) for FUZZ_SECONDS each from its seed
#      corpus, after replaying the inputs that once crashed it;
#   4. the soak: openness-mcp over HTTP at 64 connections for SOAK_SECONDS, zero errors, RSS
#      growth under 5 %.
# Installs what it needs with apt-get. Prints each step's duration at the end.
#
#   tests/reliability/ci.sh            (FUZZ_SECONDS=25 SOAK_SECONDS=60 JOBS=2; STEPS="asan tsan tidy fuzz soak")
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
FUZZ_SECONDS=${FUZZ_SECONDS:-25}
SOAK_SECONDS=${SOAK_SECONDS:-60}
JOBS=${JOBS:-2}
STEPS=${STEPS:-asan tsan tidy fuzz soak}

packages=(clang libclang-rt-14-dev clang-tidy wrk curl python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ci.sh: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

timings=()
run_step() {
  local name=$1
  shift
  echo "== ci.sh: $name ($(date -u +%T))"
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%-6s %4d s' "$name" $((SECONDS - start)))")
}

sanitized_suite() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$JOBS"
  ctest --preset "$preset" -j"$JOBS"
}

for step in $STEPS; do
  case "$step" in
    asan) run_step asan sanitized_suite asan ;;
    tsan) run_step tsan sanitized_suite tsan ;;
    tidy) run_step tidy tests/reliability/tidy.sh build ;;
    fuzz)
      run_step fuzz bash -c "cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j$JOBS &&
                             WORK=$root/build-fuzz/runs tests/fuzz/run.sh build-fuzz $FUZZ_SECONDS" ;;
    soak) run_step soak env OUT="$root/build/soak" tests/reliability/soak.sh build/bin/openness-mcp "$SOAK_SECONDS" ;;
    *) echo "ci.sh: unknown step $step" >&2; exit 2 ;;
  esac
done
echo "== ci.sh: all steps passed"
printf '   %s\n' "${timings[@]}"
