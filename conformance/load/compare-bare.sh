#!/usr/bin/env bash
# Server CPU per Heartbeat round trip: CentralSystem (validation on, storage on) against the bare Kestrel WebSocket
# baseline in conformance/bare-server (no validation, no storage), measured with the same generator, in alternating
# rounds so that load from anything else on the machine hits both alike. The budget: CentralSystem <= 1.25x bare.
#
# Both servers get the same fixed message rate (open loop: every charger sends a Heartbeat every 10-16 ms, ~15,000/s
# for 200 chargers): CPU per message falls as throughput rises (more events per epoll wake-up), so comparing two
# closed-loop runs at different throughputs would compare load levels, not servers.
#
#   conformance/load/compare-bare.sh   (env: COMPARE_ROUNDS=3, COMPARE_SECONDS=15, COMPARE_CHARGERS=200,
#                                       COMPARE_WARMUP=15, COMPARE_INTERVAL_MS=10-16)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPO_ROOT="$ROOT"
ROUNDS="${COMPARE_ROUNDS:-3}"
SECONDS_PER_RUN="${COMPARE_SECONDS:-15}"
CHARGERS="${COMPARE_CHARGERS:-200}"
TMP="$(mktemp -d /tmp/cs-compare.XXXXXX)"
# shellcheck source=../lib/server.sh
source "$ROOT/conformance/lib/server.sh"

cleanup() {
  [ -n "${BARE_PID:-}" ] && kill "$BARE_PID" 2>/dev/null || true
  [ -n "${INLINE_PID:-}" ] && kill "$INLINE_PID" 2>/dev/null || true
  cs_stop_server || true
  rm -rf "$TMP"
}
trap cleanup EXIT
CS_STOPPED=1

dotnet build "$ROOT/src/CentralSystem.Server" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/conformance/bare-server/BareServer.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$HERE/CentralSystem.LoadGenerator.csproj" -c Release -nologo -v q >/dev/null
LOADGEN="$HERE/bin/Release/net10.0/CentralSystem.LoadGenerator"

cs_start_server "$TMP"
cs_wait_healthy 120 || { echo "CentralSystem did not become healthy" >&2; exit 1; }
BARE_PORT="$(cs_free_port)"
"$ROOT/conformance/bare-server/bin/Release/net10.0/BareServer" --urls "http://127.0.0.1:$BARE_PORT" >"$TMP/bare.log" 2>&1 &
BARE_PID=$!
INLINE_PORT="$(cs_free_port)"
"$ROOT/conformance/bare-server/bin/Release/net10.0/BareServer" --urls "http://127.0.0.1:$INLINE_PORT" --inline >"$TMP/bare-inline.log" 2>&1 &
INLINE_PID=$!
sleep 2
echo "== CentralSystem $CS_URL (pid $CS_SERVER_PID), bare baseline http://127.0.0.1:$BARE_PORT (pid $BARE_PID), bare with CentralSystem's transport settings http://127.0.0.1:$INLINE_PORT (pid $INLINE_PID); load average $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # name url pid extra...
  local name="$1" url="$2" pid="$3"
  shift 3
  "$LOADGEN" --url "$url" --server-pid "$pid" --chargers "$CHARGERS" --mix heartbeat --mode open --interval-ms "${COMPARE_INTERVAL_MS:-10-16}" --duration "$SECONDS_PER_RUN" --warmup "${COMPARE_WARMUP:-15}" \
    --label "$name" --json "$@" | grep '^LOADGEN_RESULT' | sed 's/^LOADGEN_RESULT //' >>"$TMP/results.jsonl"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round"
  run bare "http://127.0.0.1:$BARE_PORT" "$BARE_PID" --no-register --prefix "bare$round-"
  run bare-inline "http://127.0.0.1:$INLINE_PORT" "$INLINE_PID" --no-register --prefix "bari$round-"
  run centralsystem "$CS_URL" "$CS_SERVER_PID" --prefix "cs$round-"
done

node - "$TMP/results.jsonl" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map(JSON.parse);
const us = r => r.serverCores / r.msgsPerSec * 1e6;
const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
console.log('server        | msgs/s | server cores | server CPU µs/msg | p99 ms | other cores');
for (const r of rows) {
  const other = r.machineCores - r.generatorCores - r.serverCores;
  console.log(`${r.label.padEnd(13).slice(0, 13)} | ${Math.round(r.msgsPerSec).toString().padStart(6)} | ${r.serverCores.toFixed(2).padStart(12)} | ${us(r).toFixed(1).padStart(17)} | ${r.p99.toFixed(1).padStart(6)} | ${other.toFixed(2)}`);
}
const bare = median(rows.filter(r => r.label === 'bare').map(us));
const bareInline = median(rows.filter(r => r.label === 'bare-inline').map(us));
const cs = median(rows.filter(r => r.label === 'centralsystem').map(us));
console.log(`median server CPU per Heartbeat: bare ${bare.toFixed(1)} µs, CentralSystem ${cs.toFixed(1)} µs, ratio ${(cs / bare).toFixed(2)} (budget <= 1.25)`);
console.log(`at equal transport settings: bare-inline ${bareInline.toFixed(1)} µs, ratio ${(cs / bareInline).toFixed(2)} (the share of our pipeline, validation and storage)`);
JS
