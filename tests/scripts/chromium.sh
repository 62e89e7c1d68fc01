#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Playwright drives it; no browser is ever downloaded).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
command -v chromium
