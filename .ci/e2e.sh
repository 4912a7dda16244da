#!/usr/bin/env bash
# End-to-end suite in a real VS Code (code-server) driven by Debian's Chromium.
# Called by .ci/run. Installs what it needs (apt: chromium, libkrb5-dev; npm: Node 24 and
# code-server under .vscode-test/), then runs `npm run test:e2e`.
# Expects the root node_modules to be installed already (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "[e2e.sh] apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

start=$(date +%s)
node e2e/provision.mjs
npm run test:e2e
npm run test:e2e:migration
echo "[e2e.sh] done in $(( $(date +%s) - start )) s"
