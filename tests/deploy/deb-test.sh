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
[[ -f /usr/share/man/man1/openness-mcp.1.gz || -f /usr/share/man/man1/openness-mcp.1 ]] || { echo "deb-test: FAIL no man page" >&2; exit 1; }
echo "deb-test: OK ($got installed from $(basename "$deb"), a tool call and a lookup answered)"
