#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for openness-mcp and builds the server; with --test, also builds
# and runs the whole test suite. Safe to run again: it installs only what is missing and rebuilds
# incrementally.
#
#   bash scripts/setup.sh            # install build dependencies, build the server into build/
#   bash scripts/setup.sh --test     # the same, then the test dependencies, every test target, every test
#
# Environment: BUILD_DIR (default build), BUILD_TYPE (default RelWithDebInfo), JOBS (default 2),
# OPENNESS_PCH (default ON: precompiled headers).
set -euo pipefail
cd "$(dirname "$0")/.."

run_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) run_tests=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
JOBS=${JOBS:-2}

# Debian 12 packages: the toolchain and every library the build finds with find_package.
packages=(g++ cmake ninja-build pkg-config git
          nlohmann-json3-dev libspdlog-dev libcpp-httplib-dev catch2 libvalijson-dev libyaml-cpp-dev libcli11-dev libutfcpp-dev libsimdjson-dev)
if [ "$run_tests" = 1 ]; then
  packages+=(nodejs npm curl nginx-light dpkg-dev)   # Node MCP clients; nginx for the scale-out test; dpkg-shlibdeps for the .deb
  packages+=(chromium fonts-dejavu-core)             # the browser tests of the pictures and the MCP App
  # The reliability checks (tests/reliability/ci.sh): clang with libFuzzer and the sanitizer
  # runtimes, clang-tidy, and wrk for the soak.
  packages+=(clang libclang-rt-14-dev clang-tidy wrk python3)
fi

missing=()
for p in "${packages[@]}"; do
  if [ "$p" = nodejs ] || [ "$p" = npm ]; then
    command -v "${p/nodejs/node}" >/dev/null 2>&1 && continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# With --test, a test whose tool is missing (node, ../shared/reference) stops the configure step
# instead of silently dropping out of the suite.
require=OFF
[ "$run_tests" = 1 ] && require=ON
# Precompiled headers (OPENNESS_PCH=OFF to do without): the whole tree builds about a sixth faster
# on two cores (297 s against 354 s).
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DOPENNESS_REQUIRE_TEST_TOOLS=$require \
  -DOPENNESS_PCH="${OPENNESS_PCH:-ON}" >&2
if [ "$run_tests" = 1 ]; then
  cmake --build "$BUILD_DIR" -j"$JOBS" >&2
else
  # The server, its HTTP module and its man page: what `build/bin/openness-mcp` needs to run.
  cmake --build "$BUILD_DIR" -j"$JOBS" --target openness-mcp mcp_http_module openness-mcp-man >&2
fi

if [ "$run_tests" = 1 ]; then
  # Pinned npm packages: MCP clients for the end-to-end tests, the official conformance suite.
  tests/e2e/install.sh >&2
  tests/conformance/install.sh >&2
  tests/browser/install.sh >&2
  ctest --test-dir "$BUILD_DIR" -j"$JOBS" --output-on-failure
fi
