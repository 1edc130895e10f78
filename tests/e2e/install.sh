#!/usr/bin/env bash
# Installs the pinned npm packages of the end-to-end tests (package-lock.json) into tests/e2e/node_modules.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
