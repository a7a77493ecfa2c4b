#!/usr/bin/env node
'use strict';
// CentralSystem load generator: N simulated chargers over OCPP-J, spread over worker_threads.
//
// Cheap by construction: frames are precomputed (or built from a template), nothing is validated on this side, and
// the default "raw" transport speaks RFC 6455 directly over net.Socket (client frames masked with an all-zero key, so
// masking is a no-op; server frames are parsed just enough to find message boundaries, answer pings, and tell a
// CALLRESULT "[3," from a CALLERROR "[4,"). "--transport ws" uses the ws package instead, for comparison.
//
//   node load/loadgen.js --url http://127.0.0.1:8180 --chargers 200 --mix heartbeat --duration 20
//   node load/loadgen.js --chargers 1000 --mix telemetry --interval-ms 100-1000 --duration 30
//   node load/loadgen.js --chargers 10000 --mix idle --duration 60 --ramp 2000 --server-pid 1234
//
// See conformance/README.md for every option.

const { isMainThread, Worker, parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const fs = require('node:fs');
const net = require('node:net');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');

// ------------------------------------------------------------------------------------------------ shared: histogram
// Log-scale latency histogram in microseconds, ~2% resolution, mergeable across workers.
const H_BASE = Math.log(1.02);
const H_SIZE = 1400; // 1.02^1400 µs ≈ 10^12 µs: more than any run
function hIndex(us) {
  if (us < 1) return 0;
  const i = Math.floor(Math.log(us) / H_BASE) + 1;
  return i >= H_SIZE ? H_SIZE - 1 : i;
}
function hUpper(i) {
  return i === 0 ? 1 : Math.pow(1.02, i);
}
function percentile(hist, total, p) {
  if (total === 0) return null;
  const target = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i];
    if (seen >= target) return hUpper(i);
  }
  return hUpper(hist.length - 1);
}

// ------------------------------------------------------------------------------------------------ shared: options
function parseArgs(argv) {
  const o = {
    url: process.env.CSMS_URL || 'http://127.0.0.1:8180',
    apiKey: process.env.CSMS_API_KEY || 'dev-only-api-key-change-me',
    chargers: 100,
    ramp: 1000, // connections per second (all workers together)
    mix: 'heartbeat', // heartbeat | writes | telemetry | idle
    mode: null, // closed | open (default: open when --interval-ms is given)
    intervalMs: null, // [min, max] per charger in open loop
    duration: 20, // seconds of measurement
    warmup: 0, // seconds run before measuring
    workers: Math.min(2, os.availableParallelism ? os.availableParallelism() : os.cpus().length),
    protocol: 'ocpp1.6',
    transport: 'raw',
    prefix: null,
    serverPid: null,
    registerConcurrency: 32,
    register: true,
    callTimeoutMs: 30000,
    json: false,
    label: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--url': o.url = next(); break;
      case '--api-key': o.apiKey = next(); break;
      case '--chargers': case '-n': o.chargers = Number(next()); break;
      case '--ramp': o.ramp = Number(next()); break;
      case '--mix': o.mix = next(); break;
      case '--mode': o.mode = next(); break;
      case '--interval-ms': {
        const v = next().split('-').map(Number);
        o.intervalMs = [v[0], v.length > 1 ? v[1] : v[0]];
        break;
      }
      case '--rate': { // messages per second per charger (open loop), e.g. 0.1 = one every 10 s
        const ms = 1000 / Number(next());
        o.intervalMs = [ms, ms];
        break;
      }
      case '--duration': case '-d': o.duration = Number(next()); break;
      case '--warmup': o.warmup = Number(next()); break;
      case '--workers': case '-w': o.workers = Number(next()); break;
      case '--protocol': o.protocol = next(); break;
      case '--transport': o.transport = next(); break;
      case '--prefix': o.prefix = next(); break;
      case '--server-pid': o.serverPid = Number(next()); break;
      case '--register-concurrency': o.registerConcurrency = Number(next()); break;
      case '--no-register': o.register = false; break;
      case '--call-timeout-ms': o.callTimeoutMs = Number(next()); break;
      case '--json': o.json = true; break;
      case '--label': o.label = next(); break;
      case '--help': case '-h': o.help = true; break;
      default: throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  if (!['heartbeat', 'writes', 'telemetry', 'idle'].includes(o.mix)) throw new Error(`--mix ${o.mix}: heartbeat | writes | telemetry | idle`);
  if (!['ocpp1.6', 'ocpp2.0.1'].includes(o.protocol)) throw new Error('--protocol ocpp1.6 | ocpp2.0.1');
  if (!['raw', 'ws'].includes(o.transport)) throw new Error('--transport raw | ws');
  if (!o.mode) o.mode = o.intervalMs ? 'open' : 'closed';
  if (o.mode === 'open' && !o.intervalMs) throw new Error('open loop needs --interval-ms MIN-MAX or --rate');
  o.workers = Math.max(1, Math.min(o.workers, o.chargers));
  o.url = o.url.replace(/\/+$/, '');
  if (!o.prefix) o.prefix = `lg${Date.now().toString(36).slice(-5)}`;
  return o;
}

/** Deterministic per-id password (16–40 chars), so reruns with --prefix/--no-register can reconnect. */
function passwordFor(id) {
  return `lg-${crypto.createHash('sha256').update(`loadgen:${id}`).digest('hex').slice(0, 24)}`;
}

const HELP = `CentralSystem load generator
  --url URL                 server base URL (default $CSMS_URL or http://127.0.0.1:8180)
  --api-key KEY             operator API key (default $CSMS_API_KEY or the dev key)
  --chargers N              simulated chargers (default 100)
  --ramp R                  new connections per second, all workers together (default 1000)
  --mix M                   heartbeat | writes (Status/Start/MeterValues/Stop cycle) | telemetry (StatusNotification
                            and MeterValues alternating) | idle (connect, boot, then hold the connection)
  --mode closed|open        closed: each charger sends its next CALL as soon as the previous is answered (default);
                            open: each charger sends at its own pace (--interval-ms or --rate), one CALL in flight
  --interval-ms A[-B]       open loop: per-charger gap between CALLs, uniformly random in [A, B] ms
  --rate X                  open loop: X CALLs per second per charger (e.g. 0.1 = one per 10 s)
  --duration S              measured seconds (default 20); --warmup S runs unmeasured first (default 0)
  --workers W               worker threads (default min(2, cores))
  --protocol P              ocpp1.6 (default) | ocpp2.0.1
  --transport T             raw (hand-rolled RFC 6455 over net.Socket, default) | ws (the ws package)
  --prefix P                charger id prefix (default random); --no-register skips the API registration
  --register-concurrency C  parallel registration requests (default 32)
  --server-pid PID          sample the server's VmRSS and CPU time from /proc/PID
  --call-timeout-ms T       a CALL unanswered this long counts as a timeout (default 30000)
  --json                    also print one JSON line with every figure (last line)
  --label L                 name of the scenario in the JSON line`;

// ================================================================================================ worker
if (!isMainThread) {
  runWorker(workerData);
} else {
  main().catch((err) => {
    console.error(`loadgen: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  });
}

function runWorker(cfg) {
  const { ids, protocol, transport, mix, mode, intervalMs, callTimeoutMs, rampPerSec, wsUrl, host, port, idTag } = cfg;
  const is16 = protocol === 'ocpp1.6';

  // ---- stats
  let hist = new Float64Array(H_SIZE);
  let count = 0;
  let sumUs = 0;
  let maxUs = 0;
  let callErrors = 0;
  let timeouts = 0;
  let sent = 0;
  let measuring = false;
  let running = false;
  let stopping = false;
  let connected = 0;
  let failed = 0;
  let disconnects = 0;
  let bootErrors = 0;
  const failReasons = {};
  const errorSamples = [];

  // ---- cheap timestamp string, refreshed every 10 ms
  let nowIso = new Date().toISOString();
  const isoTimer = setInterval(() => {
    nowIso = new Date().toISOString();
  }, 10);

  // ---- message builders
  const HB_IDS = 16;
  const heartbeatFrames = [];
  for (let i = 0; i < HB_IDS; i++) heartbeatFrames.push(`[2,"h${i}","Heartbeat",{}]`);

  function bootFrame() {
    return is16
      ? '[2,"boot","BootNotification",{"chargePointVendor":"LoadGen","chargePointModel":"LG-1","chargePointSerialNumber":"LG-0001","firmwareVersion":"1.0"}]'
      : '[2,"boot","BootNotification",{"reason":"PowerUp","chargingStation":{"vendorName":"LoadGen","model":"LG-1","serialNumber":"LG-0001","firmwareVersion":"1.0"}}]';
  }

  // Next CALL for a charger; `c` holds its per-charger state. Returns a string frame.
  function nextFrame(c) {
    c.seq++;
    const id = `m${c.seq & 0xffff}`;
    if (mix === 'heartbeat') return heartbeatFrames[c.seq % HB_IDS];
    if (mix === 'telemetry') {
      c.meter += 37;
      if (c.seq & 1) {
        return is16
          ? `[2,"${id}","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"${c.seq & 2 ? 'Charging' : 'SuspendedEV'}","timestamp":"${nowIso}"}]`
          : `[2,"${id}","StatusNotification",{"timestamp":"${nowIso}","connectorStatus":"${c.seq & 2 ? 'Occupied' : 'Available'}","evseId":1,"connectorId":1}]`;
      }
      return is16
        ? `[2,"${id}","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":"${c.meter}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]`
        : `[2,"${id}","MeterValues",{"evseId":1,"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":${c.meter},"measurand":"Energy.Active.Import.Register"}]}]}]`;
    }
    // writes: Status(Preparing) → Start → MeterValues ×3 → Stop → Status(Available), repeated
    const step = c.step;
    c.step = (c.step + 1) % 7;
    c.meter += 50;
    if (is16) {
      switch (step) {
        case 0: return `[2,"${id}","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing","timestamp":"${nowIso}"}]`;
        case 1: c.expectTx = true; return `[2,"${id}","StartTransaction",{"connectorId":1,"idTag":"${idTag}","meterStart":${c.meter},"timestamp":"${nowIso}"}]`;
        case 2: case 3: case 4:
          return `[2,"${id}","MeterValues",{"connectorId":1,"transactionId":${c.tx},"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":"${c.meter}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]`;
        case 5: return `[2,"${id}","StopTransaction",{"transactionId":${c.tx},"meterStop":${c.meter},"timestamp":"${nowIso}","reason":"EVDisconnected"}]`;
        default: return `[2,"${id}","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"${nowIso}"}]`;
      }
    }
    switch (step) {
      case 0: return `[2,"${id}","StatusNotification",{"timestamp":"${nowIso}","connectorStatus":"Occupied","evseId":1,"connectorId":1}]`;
      case 1:
        c.txn++;
        c.txSeq = 0;
        return `[2,"${id}","TransactionEvent",{"eventType":"Started","timestamp":"${nowIso}","triggerReason":"CablePluggedIn","seqNo":0,"transactionInfo":{"transactionId":"${c.id}-${c.txn}"},"evse":{"id":1,"connectorId":1},"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":${c.meter},"context":"Transaction.Begin"}]}]}]`;
      case 2: case 3: case 4:
        c.txSeq++;
        return `[2,"${id}","TransactionEvent",{"eventType":"Updated","timestamp":"${nowIso}","triggerReason":"MeterValuePeriodic","seqNo":${c.txSeq},"transactionInfo":{"transactionId":"${c.id}-${c.txn}"},"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":${c.meter}}]}]}]`;
      case 5:
        c.txSeq++;
        return `[2,"${id}","TransactionEvent",{"eventType":"Ended","timestamp":"${nowIso}","triggerReason":"EVDeparted","seqNo":${c.txSeq},"transactionInfo":{"transactionId":"${c.id}-${c.txn}","stoppedReason":"EVDisconnected"},"meterValue":[{"timestamp":"${nowIso}","sampledValue":[{"value":${c.meter},"context":"Transaction.End"}]}]}]`;
      default: return `[2,"${id}","StatusNotification",{"timestamp":"${nowIso}","connectorStatus":"Available","evseId":1,"connectorId":1}]`;
    }
  }

  // ---- per-charger state & protocol logic (transport independent)
  const chargers = ids.map((id) => ({
    id,
    conn: null,
    open: false,
    booted: false,
    inFlight: false,
    sentAt: 0,
    scheduledAt: 0,
    pending: false, // open loop: a send came due while a CALL was in flight
    timer: null,
    seq: 0,
    step: 0,
    meter: 1000,
    tx: 0,
    txn: 0,
    txSeq: 0,
    expectTx: false,
    timedOut: false,
  }));

  function send(c, frame, scheduledAt) {
    c.inFlight = true;
    c.timedOut = false;
    c.sentAt = scheduledAt === undefined ? performance.now() : scheduledAt;
    sent++;
    c.conn.send(frame);
  }

  function sendNext(c, scheduledAt) {
    if (!c.open || stopping) return;
    send(c, nextFrame(c), scheduledAt);
  }

  function scheduleOpen(c, from) {
    const [a, b] = intervalMs;
    const gap = a + Math.random() * (b - a);
    const due = from + gap;
    c.scheduledAt = due;
    c.timer = setTimeout(() => {
      c.timer = null;
      if (!running || !c.open) return;
      if (c.inFlight) {
        c.pending = true; // sent as soon as the answer arrives; latency counted from `due` (no coordinated omission)
        c.pendingDue = due;
      } else {
        sendNext(c, due);
      }
      scheduleOpen(c, due);
    }, Math.max(0, due - performance.now()));
  }

  // Called with the raw text of each server message (or a small prefix for CALLRESULT detection).
  function onMessage(c, text) {
    if (text.charCodeAt(1) === 50 /* '2' */) {
      // A CALL from the server (e.g. a reset from an operator): answer CALLERROR NotSupported.
      try {
        const m = JSON.parse(text);
        c.conn.send(JSON.stringify([4, m[1], 'NotSupported', 'load generator', {}]));
      } catch { /* ignore */ }
      return;
    }
    if (!c.inFlight) return;
    const now = performance.now();
    const isError = text.charCodeAt(1) === 52; /* '4' */
    c.inFlight = false;
    if (!c.booted) {
      c.booted = true;
      if (isError) bootErrors++;
      return;
    }
    if (isError) {
      callErrors++;
      if (errorSamples.length < 5) errorSamples.push(text.slice(0, 300));
    }
    if (c.expectTx) {
      c.expectTx = false;
      const m = /"transactionId":(\d+)/.exec(text);
      c.tx = m ? Number(m[1]) : 0;
    }
    if (measuring) {
      const us = (now - c.sentAt) * 1000;
      hist[hIndex(us)]++;
      count++;
      sumUs += us;
      if (us > maxUs) maxUs = us;
    }
    if (!running) return;
    if (mode === 'closed') sendNext(c);
    else if (c.pending) {
      c.pending = false;
      sendNext(c, c.pendingDue); // counted from the due time that was missed
    }
  }

  function onOpen(c) {
    c.open = true;
    c.wasOpen = true;
    connected++;
    send(c, bootFrame());
  }

  function onFail(c, reason) {
    if (c.failedOnce) return;
    c.failedOnce = true;
    failed++;
    failReasons[reason] = (failReasons[reason] || 0) + 1;
  }

  function onClose(c) {
    if (c.open) {
      c.open = false;
      if (!stopping) disconnects++;
    }
    if (c.timer) clearTimeout(c.timer);
  }

  // ---- transports
  const authHeaderFor = (id) => `Basic ${Buffer.from(`${id}:${passwordFor(id)}`).toString('base64')}`;

  function rawConnect(c) {
    const socket = net.connect({ host, port, noDelay: true });
    let upgraded = false;
    let buf = null; // leftover bytes
    let fragments = null;
    const conn = {
      send(text) {
        // One buffer, one write: header (zero mask key) + payload.
        const plen = Buffer.byteLength(text, 'utf8');
        const hdr = plen < 126 ? 6 : plen < 65536 ? 8 : 14;
        const out = Buffer.allocUnsafe(hdr + plen);
        frameHeader(0x81, plen).copy(out, 0);
        out.write(text, hdr, 'utf8');
        socket.write(out);
      },
      close() {
        socket.destroy();
      },
      socket,
    };
    c.conn = conn;
    socket.on('connect', () => {
      socket.write(
        `GET /ocpp/${encodeURIComponent(c.id)} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: ${protocol}\r\nAuthorization: ${authHeaderFor(c.id)}\r\n\r\n`,
      );
    });
    socket.on('data', (chunk) => {
      if (buf) {
        chunk = Buffer.concat([buf, chunk]);
        buf = null;
      }
      let off = 0;
      if (!upgraded) {
        const end = chunk.indexOf('\r\n\r\n');
        if (end < 0) {
          buf = chunk;
          return;
        }
        const status = chunk.toString('latin1', 0, Math.min(end, 20));
        if (!status.startsWith('HTTP/1.1 101')) {
          onFail(c, status.slice(9, 12) || 'bad-response');
          socket.destroy();
          return;
        }
        upgraded = true;
        off = end + 4;
        onOpen(c);
      }
      // Parse server frames (unmasked).
      const len = chunk.length;
      while (off + 2 <= len) {
        const b0 = chunk[off];
        let plen = chunk[off + 1] & 0x7f;
        let hdr = 2;
        if (plen === 126) {
          if (off + 4 > len) break;
          plen = chunk.readUInt16BE(off + 2);
          hdr = 4;
        } else if (plen === 127) {
          if (off + 10 > len) break;
          plen = Number(chunk.readBigUInt64BE(off + 2));
          hdr = 10;
        }
        if (off + hdr + plen > len) break;
        const opcode = b0 & 0x0f;
        const fin = (b0 & 0x80) !== 0;
        const start = off + hdr;
        off = start + plen;
        if (opcode === 0x1 || opcode === 0x0) {
          if (!fin || fragments) {
            fragments = fragments || [];
            fragments.push(chunk.subarray(start, start + plen));
            if (!fin) continue;
            const whole = Buffer.concat(fragments);
            fragments = null;
            onMessage(c, whole.toString('utf8'));
          } else if (plen > 0) {
            // Only the first bytes matter unless the reply carries data we need (StartTransaction, server CALLs).
            const peek = chunk[start + 1];
            if (c.expectTx || peek === 50) onMessage(c, chunk.toString('utf8', start, start + plen));
            else onMessage(c, peek === 52 ? chunk.toString('utf8', start, start + plen) : '[3');
          }
        } else if (opcode === 0x9) {
          const payload = chunk.subarray(start, start + plen);
          socket.write(Buffer.concat([frameHeader(0x8a, payload.length), payload]));
        } else if (opcode === 0x8) {
          socket.end(Buffer.concat([frameHeader(0x88, 2), Buffer.from([0x03, 0xe8])]));
        }
      }
      if (off < len) buf = chunk.subarray(off);
    });
    socket.on('error', (err) => {
      if (!upgraded) onFail(c, err.code || 'error');
    });
    socket.on('close', () => {
      if (!upgraded) onFail(c, 'closed-before-upgrade');
      onClose(c);
    });
  }

  // Client frame header with a zero masking key (RFC 6455 requires masking; a zero key leaves the payload as is).
  function frameHeader(b0, plen) {
    if (plen < 126) return Buffer.from([b0, 0x80 | plen, 0, 0, 0, 0]);
    if (plen < 65536) return Buffer.from([b0, 0x80 | 126, plen >> 8, plen & 0xff, 0, 0, 0, 0]);
    const h = Buffer.alloc(14);
    h[0] = b0;
    h[1] = 0x80 | 127;
    h.writeBigUInt64BE(BigInt(plen), 2);
    return h;
  }

  let WebSocket = null;
  function wsConnect(c) {
    WebSocket = WebSocket || require('ws');
    const ws = new WebSocket(`${wsUrl}/${encodeURIComponent(c.id)}`, [protocol], {
      headers: { Authorization: authHeaderFor(c.id) },
      perMessageDeflate: false,
      handshakeTimeout: 30000,
    });
    let opened = false;
    c.conn = {
      send(text) {
        ws.send(text);
      },
      close() {
        ws.terminate();
      },
    };
    ws.on('open', () => {
      opened = true;
      onOpen(c);
    });
    ws.on('message', (data) => onMessage(c, data.toString('utf8')));
    ws.on('unexpected-response', (req, res) => {
      onFail(c, String(res.statusCode));
      req.destroy();
    });
    ws.on('error', (err) => {
      if (!opened) onFail(c, err.code || 'error');
    });
    ws.on('close', () => onClose(c));
  }

  const connectOne = transport === 'raw' ? rawConnect : wsConnect;

  // ---- timeouts sweeper
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const c of chargers) {
      if (c.inFlight && !c.timedOut && now - c.sentAt > callTimeoutMs) {
        c.timedOut = true;
        if (measuring) timeouts++;
      }
    }
  }, 1000);

  // ---- ramp: open connections at rampPerSec
  async function ramp() {
    const t0 = performance.now();
    for (let i = 0; i < chargers.length; i++) {
      const due = t0 + (i * 1000) / rampPerSec;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      connectOne(chargers[i]);
    }
    // Wait until every charger is booted or failed (bounded).
    const deadline = performance.now() + 60000 + (chargers.length * 1000) / rampPerSec;
    while (performance.now() < deadline) {
      if (chargers.every((c) => c.booted || c.failedOnce || (c.wasOpen && !c.open))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function snapshot() {
    return {
      hist: Array.from(hist),
      count,
      sumUs,
      maxUs,
      callErrors,
      timeouts,
      sent,
      connected,
      failed,
      disconnects,
      bootErrors,
      booted: chargers.filter((c) => c.booted).length,
      open: chargers.filter((c) => c.open).length,
      failReasons,
      errorSamples,
      cpu: process.cpuUsage(),
    };
  }

  parentPort.on('message', (msg) => {
    if (msg.type === 'start') {
      running = true;
      for (const c of chargers) {
        if (!c.open || !c.booted || mix === 'idle') continue;
        if (mode === 'closed') sendNext(c);
        else scheduleOpen(c, performance.now() - Math.random() * intervalMs[0]);
      }
    } else if (msg.type === 'measure') {
      hist = new Float64Array(H_SIZE);
      count = 0;
      sumUs = 0;
      maxUs = 0;
      callErrors = 0;
      timeouts = 0;
      sent = 0;
      disconnects = 0;
      measuring = true;
      parentPort.postMessage({ type: 'measuring', cpu: process.cpuUsage() });
    } else if (msg.type === 'stop') {
      measuring = false;
      running = false;
      const snap = snapshot();
      stopping = true;
      for (const c of chargers) if (c.timer) clearTimeout(c.timer);
      parentPort.postMessage({ type: 'done', stats: snap });
    } else if (msg.type === 'close') {
      stopping = true;
      clearInterval(isoTimer);
      clearInterval(sweeper);
      for (const c of chargers) if (c.conn) c.conn.close();
      setTimeout(() => process.exit(0), 200);
    }
  });

  ramp().then(() => parentPort.postMessage({ type: 'ready', stats: snapshot() }));
}

// ================================================================================================ main
function readProc(pid) {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number((/VmRSS:\s+(\d+)/.exec(status) || [])[1]);
    const threads = Number((/Threads:\s+(\d+)/.exec(status) || [])[1]);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { rssKiB: rss, threads, cpuSec: ticks / 100 }; // USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

function machineCpu() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
}

async function registerAll(o, ids) {
  const started = performance.now();
  let created = 0;
  let existed = 0;
  let failed = 0;
  let next = 0;
  const firstErrors = [];
  async function one(id) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(`${o.url}/api/chargers`, {
          method: 'POST',
          headers: { 'X-Api-Key': o.apiKey, 'Content-Type': 'application/json' },
          body: JSON.stringify({ id, password: passwordFor(id), logFrames: false }),
        });
        await res.arrayBuffer();
        if (res.status === 201) created++;
        else if (res.status === 409) existed++;
        else {
          failed++;
          if (firstErrors.length < 3) firstErrors.push(`${res.status}`);
        }
        return;
      } catch (err) {
        if (attempt === 2) {
          failed++;
          if (firstErrors.length < 3) firstErrors.push(err.message);
        }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(o.registerConcurrency, ids.length) }, async () => {
      while (next < ids.length) await one(ids[next++]);
    }),
  );
  return { created, existed, failed, seconds: (performance.now() - started) / 1000, firstErrors };
}

function fmt(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '-';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.help) {
    console.log(HELP);
    return;
  }
  const u = new URL(o.url);
  const ids = Array.from({ length: o.chargers }, (_, i) => `${o.prefix}-${i}`);
  const log = (s) => console.log(s);
  log(`loadgen: ${o.chargers} chargers (${o.protocol}, ${o.transport}), mix=${o.mix}, mode=${o.mode}` +
    `${o.intervalMs ? ` interval=${o.intervalMs[0]}-${o.intervalMs[1]} ms` : ''}, duration=${o.duration}s, warmup=${o.warmup}s, workers=${o.workers}, ramp=${o.ramp}/s → ${o.url}`);

  // Id token used by the writes mix (1.6 StartTransaction).
  const idTag = `LG${o.prefix}`.slice(0, 20);
  if (o.register) {
    const res = await registerAll(o, ids);
    log(`registered: ${res.created} created, ${res.existed} already there, ${res.failed} failed in ${fmt(res.seconds, 1)} s` +
      ` (${fmt((res.created + res.existed) / res.seconds)}/s)${res.failed ? ` first errors: ${res.firstErrors.join(', ')}` : ''}`);
    if (o.mix === 'writes') {
      await fetch(`${o.url}/api/id-tokens`, {
        method: 'POST',
        headers: { 'X-Api-Key': o.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ idToken: idTag, status: 'Accepted' }),
      }).then((r) => r.arrayBuffer());
    }
  }

  const procBefore = readProc(o.serverPid);
  const workers = [];
  const per = Math.ceil(o.chargers / o.workers);
  const tConnect = performance.now();
  for (let w = 0; w < o.workers; w++) {
    const slice = ids.slice(w * per, (w + 1) * per);
    if (!slice.length) continue;
    const worker = new Worker(__filename, {
      workerData: {
        ids: slice,
        protocol: o.protocol,
        transport: o.transport,
        mix: o.mix,
        mode: o.mode,
        intervalMs: o.intervalMs,
        callTimeoutMs: o.callTimeoutMs,
        rampPerSec: o.ramp / o.workers,
        wsUrl: `${o.url.replace(/^http/, 'ws')}/ocpp`,
        host: u.hostname,
        port: Number(u.port || 80),
        idTag,
      },
    });
    worker.on('error', (err) => {
      console.error(`worker error: ${err.stack || err}`);
      process.exit(2);
    });
    workers.push(worker);
  }
  const waitAll = (type) =>
    Promise.all(workers.map((w) => new Promise((resolve) => {
      const onMsg = (m) => {
        if (m.type === type) {
          w.off('message', onMsg);
          resolve(m);
        }
      };
      w.on('message', onMsg);
    })));

  const ready = await waitAll('ready');
  const connectSeconds = (performance.now() - tConnect) / 1000;
  const sum = (arr, f) => arr.reduce((a, x) => a + f(x), 0);
  const conn = {
    established: sum(ready, (m) => m.stats.connected),
    failed: sum(ready, (m) => m.stats.failed),
    booted: sum(ready, (m) => m.stats.booted),
    bootErrors: sum(ready, (m) => m.stats.bootErrors),
    reasons: ready.reduce((acc, m) => {
      for (const [k, v] of Object.entries(m.stats.failReasons)) acc[k] = (acc[k] || 0) + v;
      return acc;
    }, {}),
  };
  log(`connections: ${conn.established} established, ${conn.failed} failed${conn.failed ? ` ${JSON.stringify(conn.reasons)}` : ''}, ` +
    `${conn.booted} booted (${conn.bootErrors} boot errors) in ${fmt(connectSeconds, 1)} s (${fmt(conn.established / connectSeconds)}/s)`);

  await new Promise((r) => setTimeout(r, 2000)); // let the server settle (allocations from the ramp)
  const procConnected = readProc(o.serverPid);

  // Run: warmup (unmeasured), then the measured window.
  workers.forEach((w) => w.postMessage({ type: 'start' }));
  const rssSamples = [];
  const sampler = setInterval(() => {
    const p = readProc(o.serverPid);
    if (p) rssSamples.push(p.rssKiB);
  }, 1000);
  if (o.warmup > 0) await new Promise((r) => setTimeout(r, o.warmup * 1000));
  const measuringAck = waitAll('measuring');
  workers.forEach((w) => w.postMessage({ type: 'measure' }));
  const acks = await measuringAck;
  const genCpuStart = acks.reduce((a, m) => a + m.cpu.user + m.cpu.system, 0);
  const mainCpuStart = process.cpuUsage();
  const procStart = readProc(o.serverPid);
  const machineStart = machineCpu();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, o.duration * 1000));
  const doneP = waitAll('done');
  workers.forEach((w) => w.postMessage({ type: 'stop' }));
  const done = await doneP;
  const elapsed = (performance.now() - t0) / 1000;
  const procEnd = readProc(o.serverPid);
  const machineEnd = machineCpu();
  clearInterval(sampler);
  const mainCpu = process.cpuUsage(mainCpuStart);

  const hist = new Float64Array(H_SIZE);
  for (const m of done) m.stats.hist.forEach((v, i) => {
    hist[i] += v;
  });
  const total = sum(done, (m) => m.stats.count);
  const genCpuEnd = sum(done, (m) => m.stats.cpu.user + m.stats.cpu.system);
  const genCpuSec = (genCpuEnd - genCpuStart + mainCpu.user + mainCpu.system) / 1e6;
  const result = {
    label: o.label || `${o.mix}-${o.mode}-${o.chargers}`,
    chargers: o.chargers,
    protocol: o.protocol,
    transport: o.transport,
    mix: o.mix,
    mode: o.mode,
    intervalMs: o.intervalMs,
    workers: o.workers,
    connections: { established: conn.established, failed: conn.failed, booted: conn.booted, seconds: connectSeconds, reasons: conn.reasons },
    disconnectsDuringRun: sum(done, (m) => m.stats.disconnects),
    stillOpenAtEnd: sum(done, (m) => m.stats.open),
    seconds: elapsed,
    calls: total,
    msgsPerSec: total / elapsed,
    latencyMs: {
      mean: total ? sum(done, (m) => m.stats.sumUs) / total / 1000 : null,
      p50: total ? percentile(hist, total, 50) / 1000 : null,
      p95: total ? percentile(hist, total, 95) / 1000 : null,
      p99: total ? percentile(hist, total, 99) / 1000 : null,
      max: total ? Math.max(...done.map((m) => m.stats.maxUs)) / 1000 : null,
    },
    callErrors: sum(done, (m) => m.stats.callErrors),
    timeouts: sum(done, (m) => m.stats.timeouts),
    errorSamples: done.flatMap((m) => m.stats.errorSamples).slice(0, 3),
    generatorCpuCores: genCpuSec / elapsed,
    machineCores: ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * os.cpus().length,
    server: null,
  };
  if (procBefore && procConnected && procEnd) {
    const connectedDelta = procConnected.rssKiB - procBefore.rssKiB;
    result.server = {
      pid: o.serverPid,
      rssKiB: { beforeConnect: procBefore.rssKiB, afterConnect: procConnected.rssKiB, end: procEnd.rssKiB, minDuringRun: Math.min(...rssSamples), maxDuringRun: Math.max(...rssSamples) },
      kibPerConnection: conn.established ? connectedDelta / conn.established : null,
      kibPerConnectionAtEnd: conn.established ? (procEnd.rssKiB - procBefore.rssKiB) / conn.established : null,
      threads: procEnd.threads,
      cpuCores: procStart ? (procEnd.cpuSec - procStart.cpuSec) / elapsed : null,
    };
  }

  const L = result.latencyMs;
  log(`run: ${fmt(result.calls)} calls in ${fmt(elapsed, 1)} s = ${fmt(result.msgsPerSec)} msgs/s; ` +
    `latency ms p50 ${fmt(L.p50, 2)} p95 ${fmt(L.p95, 2)} p99 ${fmt(L.p99, 2)} max ${fmt(L.max, 2)} (mean ${fmt(L.mean, 2)})`);
  log(`errors: ${result.callErrors} CALLERRORs, ${result.timeouts} timeouts, ${result.disconnectsDuringRun} disconnects during the run, ${result.stillOpenAtEnd} connections open at the end`);
  if (result.errorSamples.length) log(`  e.g. ${result.errorSamples[0]}`);
  log(`CPU cores used: generator ${fmt(result.generatorCpuCores, 2)}, server ${result.server ? fmt(result.server.cpuCores, 2) : '-'}, ` +
    `whole machine ${fmt(result.machineCores, 2)} of ${os.cpus().length}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  if (result.server) {
    const s = result.server;
    log(`server RSS KiB: before ${fmt(s.rssKiB.beforeConnect)}, connected ${fmt(s.rssKiB.afterConnect)}, end ${fmt(s.rssKiB.end)} ` +
      `(run min ${fmt(s.rssKiB.minDuringRun)} max ${fmt(s.rssKiB.maxDuringRun)}); ${fmt(s.kibPerConnection, 1)} KiB/connection; ` +
      `${s.threads} threads`);
  }
  workers.forEach((w) => w.postMessage({ type: 'close' }));
  await new Promise((r) => setTimeout(r, 500));
  if (o.json) {
    const flat = {
      label: result.label, generator: `node-${o.transport}`, chargers: o.chargers, protocol: o.protocol, mix: o.mix, mode: o.mode,
      intervalMs: o.intervalMs, established: conn.established, failed: conn.failed, connectSeconds, seconds: elapsed,
      calls: total, msgsPerSec: result.msgsPerSec, p50: L.p50, p95: L.p95, p99: L.p99, max: L.max,
      callErrors: result.callErrors, timeouts: result.timeouts, disconnects: result.disconnectsDuringRun, openAtEnd: result.stillOpenAtEnd,
      generatorCores: result.generatorCpuCores, serverCores: result.server ? result.server.cpuCores : null, postgresCores: null,
      machineCores: result.machineCores,
      rssBeforeKiB: result.server ? result.server.rssKiB.beforeConnect : null, rssConnectedKiB: result.server ? result.server.rssKiB.afterConnect : null,
      rssEndKiB: result.server ? result.server.rssKiB.end : null, kibPerConnection: result.server ? result.server.kibPerConnection : null,
    };
    console.log(`LOADGEN_RESULT ${JSON.stringify(flat)}`);
  }
  process.exit(0);
}
