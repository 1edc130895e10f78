#!/usr/bin/env bash
# Starts a server over Streamable HTTP on a free loopback port, runs a client command against it
# (every {URL} in the command becomes http://127.0.0.1:PORT/mcp), then stops the server with
# SIGTERM, which must end it with status 0.
#
#   with-http-server.sh SERVER [SERVER-ARGS...] -- COMMAND [ARGS...]
set -euo pipefail
server_cmd=()
while [[ $# -gt 0 && "$1" != "--" ]]; do server_cmd+=("$1"); shift; done
[[ $# -gt 0 ]] || { echo "usage: with-http-server.sh SERVER [ARGS...] -- COMMAND [ARGS...]" >&2; exit 2; }
shift
lib="$(cd "$(dirname "$0")/../lib" && pwd)"
port="$(node "$lib/free-port.mjs")"
url="http://127.0.0.1:$port/mcp"
log="$(mktemp)"
"${server_cmd[@]}" --http --port "$port" 2> "$log" &
pid=$!
cleanup() { kill -KILL "$pid" 2> /dev/null || true; rm -f "$log"; }
trap cleanup EXIT
node "$lib/wait-http.mjs" "http://127.0.0.1:$port/healthz" "$pid" || { cat "$log" >&2; exit 1; }
cmd=()
for a in "$@"; do cmd+=("${a//\{URL\}/$url}"); done
status=0
"${cmd[@]}" || status=$?
kill -TERM "$pid"
server_status=0
wait "$pid" || server_status=$?
if [[ $server_status -ne 0 ]]; then
  echo "with-http-server.sh: the server exited with $server_status after SIGTERM (expected 0); its log:" >&2
  tail -n 30 "$log" >&2
  status=1
fi
exit $status
