#!/usr/bin/env bash
# Load check for the dashboard (issue #6): 1,000 chargers sending StatusNotification/MeterValues (open loop, the
# benchmark's scenario c) twice against one Release server: without a dashboard, then with one dashboard connected
# (dashboard-watcher.mjs: SignalR over WebSocket + a snapshot every 3 s). Prints both OCPP p99s and the dashboard's
# push lag. Not part of tests/run.sh (it takes ~2 minutes and wants the machine to itself).
#
#   tests/browser/load-check.sh        env: LOAD_CHARGERS (1000), LOAD_DURATION (30), LOAD_INTERVAL (100-1000)
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO_ROOT/tests/browser"
N="${LOAD_CHARGERS:-1000}"
DUR="${LOAD_DURATION:-30}"
INTERVAL="${LOAD_INTERVAL:-100-1000}"
API_KEY="load-check-admin-key-0123456789"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$REPO_ROOT" || exit 1
dotnet build conformance/load/CentralSystem.LoadGenerator.csproj -c Release -nologo -v q >/dev/null || { echo "generator build failed" >&2; exit 1; }
[ -d "$HERE/node_modules/ws" ] || (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
LOADGEN="$REPO_ROOT/conformance/load/bin/Release/net10.0/CentralSystem.LoadGenerator"

TMP="$(mktemp -d /tmp/cs-loadcheck.XXXXXX)"
# shellcheck source=../../conformance/lib/server.sh
. "$REPO_ROOT/conformance/lib/server.sh"
cleanup() { cs_stop_server; rm -rf "$TMP"; }
trap 'cleanup; exit 130' INT TERM
cs_start_server "$TMP" --Operator:ApiKey="$API_KEY" --Logging:LogLevel:Default=Warning \
  --Operator:Users:0:Name=load-viewer --Operator:Users:0:Password=load-viewer-pass --Operator:Users:0:Role=viewer
cs_wait_healthy 120 || { tail -n 40 "$CS_LOG" >&2; cleanup; exit 1; }
echo "== server $CS_URL (pid $CS_SERVER_PID); $N chargers, $INTERVAL ms, $DUR s per run; cores $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # label
  "$LOADGEN" --url "$CS_URL" --api-key "$API_KEY" --server-pid "$CS_SERVER_PID" --chargers "$N" --mix telemetry \
    --interval-ms "$INTERVAL" --duration "$DUR" --warmup 5 --prefix "lc$1$RANDOM" --label "$1" --json >"$TMP/$1.out" 2>&1
  grep '^LOADGEN_RESULT' "$TMP/$1.out" | sed 's/^LOADGEN_RESULT //'
}

without="$(run nodash)"
# Started directly (no subshell) so that the TERM below reaches node, which then prints its result.
CSMS_URL="$CS_URL" BROWSER_USER=load-viewer BROWSER_PASSWORD=load-viewer-pass WATCH_SECONDS=$((DUR + 60)) \
  node "$HERE/dashboard-watcher.mjs" >"$TMP/watcher.out" 2>&1 &
watcher=$!
sleep 2
with="$(run dash)"
kill -TERM "$watcher" 2>/dev/null
wait "$watcher"
dashboard="$(grep '^DASHBOARD_RESULT' "$TMP/watcher.out" | sed 's/^DASHBOARD_RESULT //')"
[ -n "$dashboard" ] || { echo "watcher failed:" >&2; cat "$TMP/watcher.out" >&2; }
cleanup

node -e '
const [a, b, d] = process.argv.slice(1).map((s) => { try { return JSON.parse(s); } catch { return null; } });
const f = (x) => (x === null || x === undefined ? "-" : Number(x).toFixed(2));
for (const [name, r] of [["no dashboard", a], ["one dashboard", b]]) {
  if (!r) { console.log(`${name}: no result`); continue; }
  console.log(`${name.padEnd(14)} msgs/s ${f(r.msgsPerSec)}  p50 ${f(r.p50)} ms  p99 ${f(r.p99)} ms  max ${f(r.max)} ms  errors ${(r.callErrors ?? 0) + (r.timeouts ?? 0)}  server cores ${f(r.serverCores)}`);
}
if (d) console.log(`dashboard      ${d.messages} pushes, ${d.events} events, lag p50 ${d.lagP50Ms} ms p99 ${d.lagP99Ms} ms max ${d.lagMaxMs} ms; snapshot p99 ${f(d.snapshotP99Ms)} ms (${d.snapshots})`);
' "$without" "$with" "$dashboard"
