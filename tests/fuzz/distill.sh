#!/usr/bin/env bash
# Distills what a long campaign found into campaign/<target>/: the fewest inputs of its grown
# corpora that reach every coverage edge the seed corpus does not. run.sh starts each run from
# corpus/<target> and campaign/<target>, so CI's short runs replay, under ASan, every edge the
# 10-million campaigns reached, and a new campaign starts where the last one ended.
#
#   tests/fuzz/distill.sh BUILD_DIR TARGET CORPUS_DIR...
#   tests/fuzz/distill.sh build-fuzz-long fuzz_http /keep/fuzz_http/corpus
#
# Edges only (-use_counters=0): keeping an input for each new hit count as well kept ten times as
# many. The old campaign/<target> is merged in too, so an edge once reached is never dropped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=limits.sh
. "$here/limits.sh"
build="$(cd "${1:?usage: distill.sh BUILD_DIR TARGET CORPUS_DIR...}" && pwd)"
t="${2:?usage: distill.sh BUILD_DIR TARGET CORPUS_DIR...}"
shift 2
[ $# -gt 0 ] || { echo "distill.sh: name at least one corpus directory" >&2; exit 2; }
name="${t#fuzz_}"
bin="$build/bin/$t"
[ -x "$bin" ] || { echo "distill.sh: $bin not built" >&2; exit 2; }
[ -d "$here/corpus/$name" ] || { echo "distill.sh: no seed corpus $here/corpus/$name" >&2; exit 2; }

tmp="$(mktemp -d -t openness-distill.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
# The merge keeps an input only for features not yet in its first directory: seeding that
# directory with the seed corpus keeps only what goes beyond it. The seeds are taken out after.
mkdir "$tmp/out"
cp "$here/corpus/$name"/* "$tmp/out/"
old=()
[ -d "$here/campaign/$name" ] && old=("$here/campaign/$name")
if ! "$bin" -merge=1 -use_counters=0 -max_len="$(fuzz_max_len "$name")" "${fuzz_limits[@]}" \
      "$tmp/out" "${old[@]}" "$@" >"$tmp/merge.log" 2>&1; then
  tail -30 "$tmp/merge.log"
  echo "distill.sh: the merge failed" >&2
  exit 1
fi
for f in "$here/corpus/$name"/*; do rm -f "$tmp/out/$(basename "$f")"; done
rm -rf "$here/campaign/$name"
mkdir -p "$here/campaign/$name"
if [ -n "$(ls -A "$tmp/out")" ]; then cp "$tmp/out"/* "$here/campaign/$name/"; fi
echo "$t: $(ls "$here/campaign/$name" | wc -l) inputs in campaign/$name," \
  "$(grep -o '[0-9]* new coverage edges' "$tmp/merge.log" | tail -1) beyond the seeds"
