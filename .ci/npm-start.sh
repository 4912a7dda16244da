#!/usr/bin/env bash
# Runs the README's run command (`npm ci && npm start`) as written, in the background, on this clean
# checkout: it builds, packages, provisions code-server and serves examples/. Waits for the URL it
# prints to answer, then stops it. A regression (nested install failing, no URL, URL not answering)
# fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cmd="$(bash .ci/readme-commands.sh start)"
[ -n "$cmd" ] || { echo "[npm-start] the README's first code block has no 'npm start' command" >&2; exit 1; }
log="$(mktemp -t npm-start.XXXXXX.log)"
echo "[npm-start] \$ $cmd   (log: $log)"
setsid bash -c "$cmd" >"$log" 2>&1 < /dev/null &
pid=$!
# Stops the whole process group (npm, node e2e/start.mjs, code-server) and waits until it is gone.
stop() {
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap stop EXIT

deadline=$(( $(date +%s) + ${NPM_START_TIMEOUT:-1500} ))
url=""
while [ -z "$url" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "[npm-start] '$cmd' exited before printing a URL:" >&2; tail -n 40 "$log" >&2; exit 1
  fi
  [ "$(date +%s)" -lt "$deadline" ] || { echo "[npm-start] no URL after ${NPM_START_TIMEOUT:-1500} s:" >&2; tail -n 40 "$log" >&2; exit 1; }
  url="$(grep -oE 'Open http://127\.0\.0\.1:[0-9]+/' "$log" | head -n 1 | sed 's/^Open //')" || true
  [ -n "$url" ] || sleep 2
done
echo "[npm-start] printed $url"
status="$(curl -sS -L -o /dev/null -w '%{http_code}' --max-time 30 "$url")"
[ "$status" = 200 ] || { echo "[npm-start] $url answered HTTP $status" >&2; tail -n 40 "$log" >&2; exit 1; }
# The body is read whole before matching: `curl | grep -q` under pipefail fails whenever grep exits on
# its first match before curl has written the rest (curl exit 23).
body="$(curl -sS -L --max-time 30 "$url")"
grep -q 'vscode' <<<"$body" || { echo "[npm-start] $url does not serve the VS Code workbench" >&2; exit 1; }
echo "[npm-start] $url answers with the workbench (HTTP 200); stopping it"
stop
trap - EXIT
echo "[npm-start] ok"
