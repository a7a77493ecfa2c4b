#!/usr/bin/env bash
# Starts a Release CentralSystem server (own temporary data folder and PostgreSQL), runs the four load scenarios
# with the C# load generator on the same machine, stops everything and prints a summary table.
#
#   conformance/load/run-benchmarks.sh                 all four scenarios
#   BENCH_ONLY="a d" conformance/load/run-benchmarks.sh
# Env knobs: BENCH_HB_CHARGERS (200), BENCH_WRITE_CHARGERS (500), BENCH_STEADY_CHARGERS (1000),
#            BENCH_IDLE_CHARGERS (10000), BENCH_DURATION (20), BENCH_WARMUP (10, scenarios a and b), BENCH_IDLE_SECONDS (60),
#            BENCH_GENERATOR=csharp|node
#
# File descriptors: 10,000 connections need ~10,000 descriptors in the server and as many in the generator; this
# script raises the soft limit to the hard one (`ulimit -n`). If the hard limit is below ~12,000, raise it first
# (e.g. /etc/security/limits.conf, or `ulimit -Hn 65536` as root) or lower BENCH_IDLE_CHARGERS.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO_ROOT/conformance/load"
ONLY="${BENCH_ONLY:-a b c d}"
HB_N="${BENCH_HB_CHARGERS:-200}"
WR_N="${BENCH_WRITE_CHARGERS:-500}"
ST_N="${BENCH_STEADY_CHARGERS:-1000}"
IDLE_N="${BENCH_IDLE_CHARGERS:-10000}"
DUR="${BENCH_DURATION:-20}"
# Steady state: tiered JIT (with PGO) recompiles the hot paths during the first seconds under load; a perf profile of
# a fresh server showed ~18 % of its CPU in the JIT during a 3 s warm-up. Warm-up calls are not counted.
WARM="${BENCH_WARMUP:-10}"
IDLE_S="${BENCH_IDLE_SECONDS:-60}"
GEN="${BENCH_GENERATOR:-csharp}"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "== file descriptor limit: $(ulimit -n) (hard $(ulimit -Hn)); cores: $(nproc); load average: $(cat /proc/loadavg)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE_N + 1000)) ]; then
  echo "warning: ulimit -n $(ulimit -n) is too low for $IDLE_N idle connections" >&2
fi

cd "$REPO_ROOT" || exit 1
if [ "$GEN" = csharp ]; then
  echo "== building the load generator"
  dotnet build "$HERE/CentralSystem.LoadGenerator.csproj" -c Release -nologo -v q >/dev/null || { echo "generator build failed" >&2; exit 1; }
  LOADGEN=("$HERE/bin/Release/net10.0/CentralSystem.LoadGenerator")
else
  [ -d "$REPO_ROOT/conformance/node_modules/ws" ] || (cd "$REPO_ROOT/conformance" && npm ci --no-audit --no-fund --loglevel=error)
  LOADGEN=(node "$HERE/loadgen.js")
fi

TMP="$(mktemp -d /tmp/cs-bench.XXXXXX)"
RESULTS="$TMP/results.jsonl"
# shellcheck source=../lib/server.sh
. "$REPO_ROOT/conformance/lib/server.sh"
cleanup() {
  cs_stop_server
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap 'cleanup; exit 130' INT TERM

cs_start_server "$TMP"
if ! cs_wait_healthy 120; then
  echo "server did not become healthy; last log lines:" >&2
  tail -n 40 "$CS_LOG" >&2
  cleanup
  exit 1
fi
PG_PID="$(head -n1 "$(find "$CS_DATA" -name postmaster.pid | head -n1)" 2>/dev/null)"
echo "== server $CS_URL pid $CS_SERVER_PID ($(grep VmRSS /proc/$CS_SERVER_PID/status | tr -s ' ')), its PostgreSQL postmaster pid ${PG_PID:-?}"
PG_ARGS=()
[ "$GEN" = csharp ] && [ -n "$PG_PID" ] && PG_ARGS=(--postgres-pid "$PG_PID")

scenario() { # letter, label, args...
  local letter="$1" label="$2"
  shift 2
  case " $ONLY " in *" $letter "*) ;; *) return 0 ;; esac
  echo
  echo "== ($letter) $label"
  echo "\$ ${LOADGEN[*]} --url $CS_URL --server-pid $CS_SERVER_PID ${PG_ARGS[*]} $* --json"
  "${LOADGEN[@]}" --url "$CS_URL" --server-pid "$CS_SERVER_PID" "${PG_ARGS[@]}" --label "$letter" "$@" --json | tee "$TMP/$letter.out" | grep -v '^LOADGEN_RESULT'
  grep '^LOADGEN_RESULT' "$TMP/$letter.out" | sed 's/^LOADGEN_RESULT //' >>"$RESULTS"
  sleep 3
}

scenario a "Heartbeat round trips, $HB_N chargers, closed loop, ${DUR} s" \
  --chargers "$HB_N" --mix heartbeat --duration "$DUR" --warmup "$WARM" --prefix "ba$RANDOM"
scenario b "DB-writing calls (Status/Start/MeterValues/Stop), $WR_N chargers, closed loop, ${DUR} s" \
  --chargers "$WR_N" --mix writes --duration "$DUR" --warmup "$WARM" --prefix "bb$RANDOM"
scenario c "$ST_N chargers each writing StatusNotification/MeterValues every 100-1000 ms (open loop), 30 s" \
  --chargers "$ST_N" --mix telemetry --interval-ms 100-1000 --duration 30 --warmup 5 --prefix "bc$RANDOM"
scenario d "$IDLE_N idle connections held for ${IDLE_S} s" \
  --chargers "$IDLE_N" --mix idle --ramp 1000 --duration "$IDLE_S" --prefix "bd$RANDOM"

echo
echo "== server log: $(grep -ciE 'fail:|unhandled' "$CS_LOG") error lines; RSS at end $(grep VmRSS /proc/$CS_SERVER_PID/status 2>/dev/null | tr -s ' ')"
cleanup_summary="$(node - "$RESULTS" <<'NODE'
const fs = require('fs');
const rows = fs.existsSync(process.argv[2]) ? fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse) : [];
const f = (v, d = 0) => (v === null || v === undefined ? '-' : Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const targets = {
  a: ['>= 50,000 Heartbeat round trips/s', (r) => r.msgsPerSec >= 50000],
  b: ['>= 15,000 DB-writing calls/s', (r) => r.msgsPerSec >= 15000],
  c: ['p99 < 50 ms, 1,000 chargers writing', (r) => r.p99 !== null && r.p99 < 50],
  d: ['10,000 connected, <= 25 KiB/conn', (r) => r.established >= 10000 && r.kibPerConnection !== null && r.kibPerConnection <= 25 && r.openAtEnd >= 10000],
};
const head = ['scenario', 'chargers', 'conn ok/fail', 'msgs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'server cores', 'pg cores', 'gen cores', 'other cores', 'RSS before→conn→end MiB', 'KiB/conn', 'target', 'met'];
const lines = rows.map((r) => [
  `${r.label} ${r.mix}/${r.mode}`, f(r.chargers), `${r.established}/${r.failed}`, f(r.msgsPerSec), f(r.p50, 2), f(r.p95, 2), f(r.p99, 2), f(r.max, 1),
  `${r.callErrors}+${r.timeouts}t+${r.disconnects}d`, f(r.serverCores, 2), f(r.postgresCores, 2), f(r.generatorCores, 2),
  f(r.machineCores === undefined ? null : r.machineCores - r.generatorCores - (r.serverCores || 0) - (r.postgresCores || 0), 2),
  `${f(r.rssBeforeKiB / 1024, 0)}→${f(r.rssConnectedKiB / 1024, 0)}→${f(r.rssEndKiB / 1024, 0)}`, f(r.kibPerConnection, 1),
  targets[r.label] ? targets[r.label][0] : '', targets[r.label] ? (targets[r.label][1](r) ? 'yes' : 'NO') : '',
]);
const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const out = [head, widths.map((w) => '-'.repeat(w)), ...lines].map((l) => l.map((c, i) => String(c).padEnd(widths[i])).join(' | '));
console.log(out.join('\n'));
NODE
)"
cleanup
echo
echo "== summary (errors = CALLERRORs + timeouts + disconnects; 'other cores' = CPU used by everything else on the machine)"
echo "$cleanup_summary"
