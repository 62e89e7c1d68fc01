#!/usr/bin/env bash
# Builds the web pages (Vite + TypeScript) into engine/IsoDienTu.Server/wwwroot/app/ — only when the sources
# changed since the last build or the output is missing. Installs dependencies with `npm ci` from package-lock.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../engine/IsoDienTu.Server/wwwroot/app"
cd "$here"
if ! command -v npm >/dev/null 2>&1; then
  echo "web/build.sh: npm is required (Node.js 20+)." >&2
  exit 1
fi
stamp="$out/.source-hash"
hash=$(cat package.json package-lock.json index.html vite.config.ts tsconfig.json $(find src -type f | sort) | sha256sum | cut -d' ' -f1)
if [ -f "$out/index.html" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run build --silent
echo "$hash" > "$stamp"
