#!/usr/bin/env bash
# Browser test of the live dashboard: starts a Release CentralSystem server (already built) with its own data folder
# and private PostgreSQL (conformance/lib/server.sh), runs dashboard.test.mjs in headless Chromium, stops everything,
# and prints as its last line: "browser: N passed, M failed". Screenshots go to artifacts/browser/.
#
# Needs /usr/bin/chromium (tests/run.sh installs the Debian 'chromium' package) and Node.js >= 20.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO_ROOT/tests/browser"
API_KEY="browser-test-admin-key-0123456789"
USER_NAME="browser-operator"
USER_PASSWORD="browser-operator-pass-1"

finish() { echo "browser: $1 passed, $2 failed"; exit "$3"; }

cd "$REPO_ROOT" || finish 0 1 1
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "$CHROMIUM is missing (apt-get install -y chromium)" >&2; finish 0 1 1; }
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/ws" ]; then
  echo "== npm ci (tests/browser/node_modules missing)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || { echo "npm ci failed" >&2; finish 0 1 1; }
fi

TMP="$(mktemp -d /tmp/cs-browser.XXXXXX)"
# shellcheck source=../../conformance/lib/server.sh
. "$REPO_ROOT/conformance/lib/server.sh"
cleanup() { cs_stop_server; rm -rf "$TMP"; }
trap 'cleanup; finish 0 1 130' INT TERM

cs_start_server "$TMP" --Operator:ApiKey="$API_KEY" \
  --Operator:Users:0:Name="$USER_NAME" --Operator:Users:0:Password="$USER_PASSWORD" --Operator:Users:0:Role=operator
echo "== starting server on $CS_URL"
if ! cs_wait_healthy 120; then
  echo "server did not become healthy within 120 s; last log lines:" >&2
  tail -n 40 "$CS_LOG" >&2
  cleanup
  finish 0 1 1
fi

ARTIFACTS="$REPO_ROOT/artifacts/browser"
mkdir -p "$ARTIFACTS"
(cd "$HERE" && CSMS_URL="$CS_URL" CSMS_API_KEY="$API_KEY" BROWSER_USER="$USER_NAME" BROWSER_PASSWORD="$USER_PASSWORD" \
  BROWSER_ARTIFACTS="$ARTIFACTS" CHROMIUM="$CHROMIUM" timeout 300 node dashboard.test.mjs </dev/null) | tee "$ARTIFACTS/browser.log"
status=${PIPESTATUS[0]}
cp "$CS_LOG" "$ARTIFACTS/server.log" 2>/dev/null
cleanup
# The test prints its own summary line last; if it died before that, report one failure.
grep -qE '^browser: [0-9]+ passed, [0-9]+ failed' "$ARTIFACTS/browser.log" || finish 0 1 1
exit "$status"
