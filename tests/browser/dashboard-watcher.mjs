// A headless dashboard for the load check: logs in, connects to /hubs/dashboard with the SignalR JSON protocol over a
// raw WebSocket (what the page's client does), and measures push lag (arrival - event time) and snapshot latency.
// Runs until SIGTERM/SIGINT or WATCH_SECONDS, then prints one line: "DASHBOARD_RESULT {json}".
import WebSocket from 'ws';

const url = process.env.CSMS_URL ?? 'http://127.0.0.1:8180';
const user = process.env.BROWSER_USER ?? 'viewer';
const password = process.env.BROWSER_PASSWORD ?? 'dev-only-viewer';
const seconds = Number(process.env.WATCH_SECONDS ?? 60);
const RS = '\u001e';

const login = await fetch(`${url}/auth/login`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: user, password }),
});
if (!login.ok) throw new Error(`login: ${login.status}`);
const cookie = login.headers.get('set-cookie').split(';')[0];
const negotiate = await (await fetch(`${url}/hubs/dashboard/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Cookie: cookie } })).json();
const ws = new URL(`/hubs/dashboard?id=${encodeURIComponent(negotiate.connectionToken)}`, url);
ws.protocol = 'ws:';
const socket = new WebSocket(ws, { headers: { Cookie: cookie } });
await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);

const lags = [];
const snapshotMs = [];
let messages = 0;
let events = 0;
socket.on('message', (data) => {
  const now = Date.now();
  for (const part of data.toString().split(RS)) {
    if (!part) continue;
    const frame = JSON.parse(part);
    if (frame.type === 1 && frame.target === 'Events') {
      messages += 1;
      for (const e of frame.arguments[0]) { events += 1; lags.push(now - Date.parse(e.at)); }
    } else if (frame.type === 6) {
      socket.send(JSON.stringify({ type: 6 }) + RS); // ping back
    }
  }
});

// The page's other load: a snapshot every few seconds stands in for a user reloading.
const poll = setInterval(async () => {
  const started = performance.now();
  const response = await fetch(`${url}/api/dashboard/snapshot`, { headers: { Cookie: cookie } });
  await response.arrayBuffer();
  snapshotMs.push(performance.now() - started);
}, 3000);

const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const finish = () => {
  clearInterval(poll);
  socket.terminate();
  console.log(`DASHBOARD_RESULT ${JSON.stringify({
    messages, events,
    lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), lagMaxMs: lags.length ? Math.max(...lags) : null,
    snapshots: snapshotMs.length, snapshotP99Ms: percentile(snapshotMs, 99),
  })}`);
  process.exit(0);
};
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
setTimeout(finish, seconds * 1000);
