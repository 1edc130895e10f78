#!/usr/bin/env bash
# Installs the pinned npm packages of the browser tests into tests/browser/node_modules: the
# versions in package.json are exact and package-lock.json pins every dependency below them.
# Chromium itself is Debian's (/usr/bin/chromium, installed by scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
