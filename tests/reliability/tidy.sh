#!/usr/bin/env bash
# clang-tidy (clang-tidy-14, the checked-in .clang-tidy) over the project's C++ sources in mcp/ and
# tools/ (not the tests, nor the generated files in the build tree). Fails on any warning, and when
# it takes more than TIDY_BUDGET seconds (default 600): CI must stay within its time.
#
#   tests/reliability/tidy.sh [BUILD_DIR]    (default build: configured and built, since some
#                                              sources include generated headers)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
[ -f "$build/compile_commands.json" ] || { echo "tidy.sh: no $build/compile_commands.json" >&2; exit 2; }
tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy)
log="$build/clang-tidy.log"
# run-clang-tidy takes regular expressions over the compilation database's files.
budget=${TIDY_BUDGET:-600}
status=0
timeout "$budget" "$tidy" -p "$build" -j "${JOBS:-2}" -quiet "^$root/(mcp|tools)/" >"$log" 2>&1 || status=$?
if [ "$status" = 124 ]; then
  echo "tidy.sh: clang-tidy took more than its budget of $budget s (log: $log)" >&2
  exit 1
fi
if [ "$status" != 0 ]; then
  grep -E 'warning:|error:' "$log" | grep -v '^Suppressed' | sort -u | head -100
  echo "tidy.sh: clang-tidy found problems (full log: $log)" >&2
  exit 1
fi
count=$(python3 -c 'import json, re, sys; print(sum(1 for e in json.load(open(sys.argv[1])) if re.match("^" + re.escape(sys.argv[2]) + "/(mcp|tools)/", e["file"])))' "$build/compile_commands.json" "$root")
echo "tidy.sh: clean ($count files)"
