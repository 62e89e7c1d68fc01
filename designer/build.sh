#!/usr/bin/env bash
# Builds the designer into engine/IsoDienTu.Server/wwwroot/designer (served at /designer).
# A no-op when the output exists and no source changed since it was built; installs only designer/'s npm packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../engine/IsoDienTu.Server/wwwroot/designer"
stamp="$out/.build-stamp"
cd "$here"
sources=(package.json package-lock.json index.html vite.config.ts tsconfig.json build.sh src)
hash=$(find "${sources[@]}" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ -f "$out/index.html" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  echo "designer: up to date"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "designer: npm (Node.js 20+) is required to build the designer" >&2
  exit 1
fi
npm ci --no-audit --no-fund
npm run build
echo "$hash" > "$stamp"
echo "designer: built into $out"
