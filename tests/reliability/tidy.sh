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
# A build with precompiled headers (OPENNESS_PCH) gives GCC's `-include .../cmake_pch.hxx`, whose
# .gch clang cannot read: clang-tidy reads a copy of the compile commands without it, so each
# source is also checked to include what it uses.
db="$build"
if grep -q cmake_pch "$build/compile_commands.json"; then
  db="$build/tidy-db"
  mkdir -p "$db"
  python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    e["command"] = re.sub(r" -include \S*cmake_pch\.hxx| -Winvalid-pch", "", e["command"])
json.dump(entries, open(sys.argv[2], "w"))
PY
fi
# run-clang-tidy takes regular expressions over the compilation database's files.
budget=${TIDY_BUDGET:-600}
status=0
timeout "$budget" "$tidy" -p "$db" -j "${JOBS:-2}" -quiet "^$root/(mcp|tools)/" >"$log" 2>&1 || status=$?
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
