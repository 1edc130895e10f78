#!/usr/bin/env bash
# Builds the .deb with CPack, installs it with apt (which pulls its Debian dependencies), runs the
# installed binary (--version, one tool call, the man page), then removes the package.
#   tests/deploy/deb-test.sh [BUILD_DIR]      (needs root, or sudo)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO=sudo
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
(cd "$build" && cpack -G DEB > cpack.log)
deb="$(ls "$build"/openness-mcp_"$version"_*.deb)"
echo "deb-test: installing $deb"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$deb" > /dev/null
trap 'DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq openness-mcp > /dev/null || true' EXIT
got="$(/usr/bin/openness-mcp --version)"
[[ "$got" == "openness-mcp $version" ]] || { echo "deb-test: FAIL --version printed '$got'" >&2; exit 1; }
out="$(/usr/bin/openness-mcp call get_license --arg license=MIT)"
echo "$out" | grep -q '"osi_approved":true' || { echo "deb-test: FAIL call printed: $out" >&2; exit 1; }
out="$(/usr/bin/openness-mcp lookup OLMo-7B --format text)"
echo "$out" | grep -q "Fully open" || { echo "deb-test: FAIL lookup printed: $out" >&2; exit 1; }
# --hub loads the installed Hub module (nothing listens on port 1: the lookup says so, and fails).
out="$(/usr/bin/openness-mcp --hub --hub-url http://127.0.0.1:1 --hub-cache '' lookup acme/x --format text 2>&1 || true)"
echo "$out" | grep -q "lookup failed (unreachable)" || { echo "deb-test: FAIL --hub printed: $out" >&2; exit 1; }
# The HTTP transport is a module the installed binary loads from /usr/lib/mcp when --http is given.
port="$(node "$root/tests/lib/free-port.mjs")"
/usr/bin/openness-mcp --http --port "$port" --log-level warn & http_pid=$!
trap 'kill $http_pid 2>/dev/null || true; DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq openness-mcp > /dev/null || true' EXIT
node "$root/tests/lib/wait-http.mjs" "http://127.0.0.1:$port/healthz" "$http_pid" || { echo "deb-test: FAIL the installed server did not serve HTTP" >&2; exit 1; }
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"deb-test","version":"0"}}}'
out="$(curl -s -X POST -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' --data "$init" "http://127.0.0.1:$port/mcp")"
echo "$out" | grep -q '"serverInfo"' || { echo "deb-test: FAIL HTTP initialize printed: $out" >&2; exit 1; }
kill $http_pid; wait $http_pid 2>/dev/null || true
[[ -f /usr/share/man/man1/openness-mcp.1.gz || -f /usr/share/man/man1/openness-mcp.1 ]] || { echo "deb-test: FAIL no man page" >&2; exit 1; }
echo "deb-test: OK ($got installed from $(basename "$deb"), a tool call, a lookup, the Hub module and an HTTP initialize answered)"
