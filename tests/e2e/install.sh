#!/usr/bin/env bash
# Installs the pinned npm packages of the end-to-end tests into tests/e2e/node_modules: the versions
# in package.json are exact and package-lock.json pins every dependency below them.
#
# `npm install --no-save` rather than `npm ci`: the Inspector pulls in vite 8, which lists an
# optional dependency that the registry does not serve (napi-windows-process-start-time, 404), so
# the lock file cannot hold it and `npm ci` refuses the lock as out of sync. `npm install` installs
# exactly the locked versions, skips the missing optional package, and (--no-save) leaves the lock
# file as committed.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-save --no-audit --no-fund --loglevel=error
node -e 'const v = require("./node_modules/@modelcontextprotocol/sdk/package.json").version;
         if (v !== "1.32.2") { console.error("unexpected @modelcontextprotocol/sdk " + v); process.exit(1); }'
