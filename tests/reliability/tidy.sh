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
# A build with precompiled headers (OPENNESS_PCH) gives GCC's `-include .../cmake_pch.hxx` (clang's
# `-Xclang -include-pch ...`), which clang-tidy cannot read: it reads a copy of the compile commands
# without them, so each source is also checked to include what it uses. The copy holds only the
# project's own sources in mcp/ and tools/, and must hold some.
db="$build/tidy-db"
mkdir -p "$db"
count=$(python3 - "$build/compile_commands.json" "$db/compile_commands.json" "$root" <<'PY'
import json, os, shlex, sys
entries, root = json.load(open(sys.argv[1])), sys.argv[3]
own = [os.path.join(root, d) + os.sep for d in ("mcp", "tools")]
out = []
for e in entries:
    if not any(e["file"].startswith(d) for d in own):
        continue
    args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    kept, i = [], 0
    while i < len(args):
        a = args[i]
        if a == "-Winvalid-pch":
            i += 1
        elif a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            i += 2
        elif a == "-Xclang" and i + 1 < len(args) and args[i + 1] in ("-include-pch", "-include") and i + 3 < len(args) \
                and ("cmake_pch" in args[i + 3]):
            i += 4
        else:
            kept.append(a)
            i += 1
    out.append({"directory": e["directory"], "file": e["file"], "arguments": kept})
json.dump(out, open(sys.argv[2], "w"))
print(len(out))
PY
)
[ "$count" -gt 0 ] || { echo "tidy.sh: no source of mcp/ or tools/ in $build/compile_commands.json" >&2; exit 2; }
budget=${TIDY_BUDGET:-600}
status=0
# Every file of the copy (run-clang-tidy takes a regular expression; the copy holds only ours).
timeout "$budget" "$tidy" -p "$db" -j "${JOBS:-2}" -quiet >"$log" 2>&1 || status=$?
if [ "$status" = 124 ]; then
  echo "tidy.sh: clang-tidy took more than its budget of $budget s (log: $log)" >&2
  exit 1
fi
if [ "$status" != 0 ]; then
  grep -E 'warning:|error:' "$log" | grep -v '^Suppressed' | sort -u | head -100
  echo "tidy.sh: clang-tidy found problems (full log: $log)" >&2
  exit 1
fi
echo "tidy.sh: clean ($count files)"
