#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for a bounded time, from its seed corpus and what the
# long campaigns found (campaign/<target>, written by distill.sh), after
# replaying the inputs of regressions/<target> (crashes found before). Prints one line per target
# with its executions; exits 1 when a target fails (a crash, a leak, a timeout or a sanitizer
# report: the reproducer is left in $WORK/<target>/).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]       (BUILD_DIR from the asan preset)
#   RUNS=10000000 tests/fuzz/run.sh build-asan 0 fuzz_http   # a fixed number of executions instead
#   RUNS=0 WORK=/keep tests/fuzz/run.sh build-asan 0            # replay the corpora grown in /keep once
#   JOBS=2 tests/fuzz/run.sh build-asan 30     # two targets at a time, each on one core (CI)
#
# Environment: WORK (default: a new temporary directory) keeps the grown corpora and the logs. A
# run in the same WORK goes on from the corpus the last one grew, and appends a line to
# WORK/<target>/runs.tsv (start, build, executions, seconds, status: ok, FAIL, or stopped when
# interrupted with SIGINT), which sums up a campaign run in several parts. Long campaigns use the
# fuzz-long build (UBSan only, about twice as fast); their grown corpora are then replayed under
# ASan with RUNS=0 and the fuzz build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=limits.sh
. "$here/limits.sh"
build="$(cd "${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)"
seconds="${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}"
shift 2
targets=("$@")
# The slowest first, so that JOBS > 1 ends the targets at about the same time.
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_http fuzz_dataset fuzz_resolver fuzz_jsonrpc fuzz_tools fuzz_hub fuzz_model_card)
work="${WORK:-$(mktemp -d -t openness-fuzz.XXXXXX)}"
mkdir -p "$work"
# A shorter allocation stack and a smaller quarantine than ASan's defaults: measured on
# fuzz_jsonrpc, a third less CPU per execution (fewer page faults, cheaper stack depot).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1:malloc_context_size=10:quarantine_size_mb=64}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for t in "${targets[@]}"; do
  [ -x "$build/bin/$t" ] || { echo "run.sh: $build/bin/$t not built" >&2; exit 2; }
done

# Runs target $1 and leaves its status (ok, FAIL, stopped) in $work/$1/status.
fuzz_one() {
  local t=$1 name="${1#fuzz_}"
  local bin="$build/bin/$t"
  local dict=()
  [ -f "$here/dict/$name.dict" ] && dict=(-dict="$here/dict/$name.dict")
  mkdir -p "$work/$t/corpus"
  # Crashes found earlier must stay fixed: each input runs once.
  if [ -d "$here/regressions/$name" ] && [ -n "$(ls -A "$here/regressions/$name")" ]; then
    if ! "$bin" -runs=1 "${fuzz_limits[@]}" "$here/regressions/$name"/* >"$work/$t/regressions.log" 2>&1; then
      echo "FAIL $t: a regression input fails again (see $work/$t/regressions.log)"
      tail -30 "$work/$t/regressions.log"
      echo FAIL >"$work/$t/status"
      return
    fi
  fi
  local max_len limit found start status execs rate cov elapsed
  max_len=$(fuzz_max_len "$name")
  limit=(-max_total_time="$seconds")
  [ -n "${RUNS:-}" ] && limit=(-runs="$RUNS")
  # SEED fixes libFuzzer's random choices: with RUNS, a run is the same sequence of inputs each time.
  [ -n "${SEED:-}" ] && limit+=(-seed="$SEED")
  # What the long campaigns reached beyond the seeds (distill.sh): read with the seeds at the
  # start of every run.
  found=()
  [ -d "$here/campaign/$name" ] && found=("$here/campaign/$name")
  start=$(date +%s)
  # The log of an earlier part of the campaign stays beside the new one.
  [ -f "$work/$t/fuzz.log" ] && mv "$work/$t/fuzz.log" "$work/$t/fuzz-$(date -u -r "$work/$t/fuzz.log" +%Y%m%dT%H%M%S).log"
  # -entropic=0: libFuzzer 14's default entropic scheduler spent more than half the CPU of these
  # targets on its feature bookkeeping (fuzz_jsonrpc: 2.4 s against 4.4 s for 3000 executions);
  # the classic scheduler runs twice as many inputs in the same time. FUZZ_FLAGS adds or overrides.
  # shellcheck disable=SC2086
  if (cd "$work/$t" && "$bin" "${limit[@]}" -entropic=0 ${FUZZ_FLAGS:-} "${fuzz_limits[@]}" -max_len=$max_len -print_final_stats=1 \
        "${dict[@]}" "$work/$t/corpus" "$here/corpus/$name" "${found[@]}" >"$work/$t/fuzz.log" 2>&1); then
    status=ok
  elif grep -q 'libFuzzer: run interrupted' "$work/$t/fuzz.log"; then
    status=stopped  # SIGINT: a campaign stopped to go on later, from the same corpus
  else
    status=FAIL
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t/fuzz.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t/fuzz.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$work/$t/fuzz.log" | tail -1 || true)
  elapsed=$(( $(date +%s) - start ))
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u -d "@$start" +%FT%TZ)" "$build" "${execs:-?}" "$elapsed" "$status" >>"$work/$t/runs.tsv"
  printf '%-4s %-16s %10s executions in %4ss (%s/s), %s, corpus %s\n' "$status" "$t" "${execs:-?}" \
    "$elapsed" "${rate:-?}" "${cov:-cov: ?}" "$(ls "$work/$t/corpus" | wc -l)"
  if [ "$status" = FAIL ]; then
    grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$work/$t/fuzz.log" | head -20
  fi
  echo "$status" >"$work/$t/status"
}

jobs_max=${JOBS:-1}
for t in "${targets[@]}"; do
  rm -f "$work/$t/status"
  # One at a time in the foreground: a background job of a script ignores SIGINT, which a long
  # campaign needs to stop and go on later.
  if [ "$jobs_max" -le 1 ]; then
    fuzz_one "$t"
    continue
  fi
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait
failed=0
for t in "${targets[@]}"; do
  [ "$(cat "$work/$t/status" 2>/dev/null)" = ok ] || failed=1
done
echo "fuzz logs and corpora: $work"
exit $failed
