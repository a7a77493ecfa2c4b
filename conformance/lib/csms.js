'use strict';
// Shared helpers for the black-box suite: where the server is, its operator API, and OCPP clients
// (ocpp-rpc RPCClient in strict mode for well-formed traffic, raw frames for bad input).

const crypto = require('node:crypto');
const { RPCClient } = require('ocpp-rpc');
const WebSocket = require('ws');

const BASE_URL = (process.env.CSMS_URL || 'http://127.0.0.1:8180').replace(/\/+$/, '');
const API_KEY = process.env.CSMS_API_KEY || 'dev-only-api-key-change-me';
const WS_URL = `${BASE_URL.replace(/^http/, 'ws')}/ocpp`;
/** The server's Ocpp:CallTimeoutSeconds (run.sh starts it with 2). */
const CALL_TIMEOUT_SECONDS = Number(process.env.CSMS_CALL_TIMEOUT_SECONDS || 2);

const V16 = 'ocpp1.6';
const V201 = 'ocpp2.0.1';
const VERSIONS = [V16, V201];

// Unique per run (and per process: node --test runs each file in its own process).
const RUN_ID = `${Date.now().toString(36).slice(-5)}${crypto.randomBytes(2).toString('hex')}`;
let counter = 0;

/** A charger id unique to this run; at most 48 characters. */
function uniqueId(tag = 'cp') {
  counter += 1;
  return `cf-${RUN_ID}-${tag}-${counter}`.slice(0, 48);
}

function newPassword() {
  return `pw-${crypto.randomBytes(12).toString('hex')}`; // 27 characters
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An ISO-8601 UTC timestamp offset from now by `offsetMs` (negative = in the past), millisecond precision. */
function isoAt(offsetMs = 0) {
  return new Date(Date.now() + offsetMs).toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Operator API

async function api(method, path, body, { apiKey = API_KEY, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (apiKey !== null) init.headers['X-Api-Key'] = apiKey;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`${BASE_URL}${path}`, init);
  const text = await res.text();
  let json;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: json };
}

async function expectOk(promise, expected = [200]) {
  const res = await promise;
  if (!expected.includes(res.status)) {
    throw new Error(`operator API answered ${res.status} (expected ${expected.join('/')}): ${res.text}`);
  }
  return res.body;
}

/** Registers a charger through the operator API and returns {id, password}. */
async function registerCharger({ id = uniqueId(), password = newPassword(), ...rest } = {}) {
  await expectOk(api('POST', '/api/chargers', { id, password, ...rest }), [201]);
  return { id, password };
}

const getCharger = (id) => expectOk(api('GET', `/api/chargers/${encodeURIComponent(id)}`));

async function sessionsOf(chargerId) {
  return expectOk(api('GET', `/api/sessions?chargerId=${encodeURIComponent(chargerId)}&limit=1000`));
}

async function frames(chargerId, limit = 50) {
  return expectOk(api('GET', `/api/chargers/${encodeURIComponent(chargerId)}/frames?limit=${limit}`));
}

/** CSMS→charger CALL through the operator API; returns the raw API response ({status, body}). */
function callCharger(chargerId, action, payload) {
  return api('POST', `/api/chargers/${encodeURIComponent(chargerId)}/calls`, { action, payload });
}

async function registerIdToken(idToken, status = 'Accepted', expiresAt = null) {
  return expectOk(api('POST', '/api/id-tokens', { idToken, status, expiresAt }));
}

function uniqueToken(tag = 'T') {
  counter += 1;
  return `${tag}${RUN_ID}${counter}`.slice(0, 20); // fits 1.6 idTag (CiString20)
}

/** Polls `probe` until `accept(value)` holds (the frame log and some projections are written asynchronously). */
async function eventually(probe, accept, { timeoutMs = 5000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) return last;
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// OCPP clients

/**
 * Opens an ocpp-rpc RPCClient (strictMode: requests and the server's responses are schema-checked on our side too).
 * Registers the charger first unless `charger` is given. The client is closed when the test ends.
 */
async function connect(t, { version = V16, charger, register = {}, protocols, strict = true, boot = false } = {}) {
  const cp = charger || (await registerCharger(register));
  const client = new RPCClient({
    endpoint: WS_URL,
    identity: cp.id,
    password: cp.password,
    protocols: protocols || [version],
    strictMode: strict,
    reconnect: false,
    callTimeoutMs: 10000,
    pingIntervalMs: 0,
  });
  client.on('error', () => {});
  client.on('socketError', () => {});
  if (t) t.after(() => client.close({ force: true }).catch(() => {}));
  await client.connect();
  client.chargerId = cp.id;
  client.password = cp.password;
  if (boot) await bootNotification(client);
  return client;
}

function bootPayload(version, extra = {}) {
  if (version === V16) {
    return {
      chargePointVendor: 'ConformanceVendor',
      chargePointModel: 'CF-Model-16',
      chargePointSerialNumber: 'SN-16-0001',
      firmwareVersion: '1.6.0-cf',
      ...extra,
    };
  }
  return {
    reason: 'PowerUp',
    chargingStation: {
      vendorName: 'ConformanceVendor',
      model: 'CF-Model-201',
      serialNumber: 'SN-201-0001',
      firmwareVersion: '2.0.1-cf',
      ...extra,
    },
  };
}

function bootNotification(client, extra) {
  return client.call('BootNotification', bootPayload(client.protocol, extra));
}

/**
 * Sends a raw frame on an RPCClient's socket and resolves with the first inbound frame whose message id is
 * `expectId` (or one of them, when an array) as a parsed JSON array. Rejects after `timeoutMs`.
 */
function sendRawExpect(client, raw, expectId, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const onMessage = ({ message, outbound }) => {
      if (outbound) return;
      let parsed;
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      if (Array.isArray(parsed) && (Array.isArray(expectId) ? expectId.includes(parsed[1]) : parsed[1] === expectId)) {
        clearTimeout(timer);
        client.off('message', onMessage);
        resolve(parsed);
      }
    };
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      reject(new Error(`no frame with message id ${JSON.stringify(expectId)} within ${timeoutMs} ms after sending ${raw}`));
    }, timeoutMs);
    client.on('message', onMessage);
    client.sendRaw(raw);
  });
}

/** Sends a raw frame and collects every inbound frame for `windowMs` (to prove that nothing is answered). */
async function sendRawCollect(client, raw, windowMs = 700) {
  const seen = [];
  const onMessage = ({ message, outbound }) => {
    if (!outbound) seen.push(message);
  };
  client.on('message', onMessage);
  client.sendRaw(raw);
  await sleep(windowMs);
  client.off('message', onMessage);
  return seen;
}

/**
 * A plain `ws` connection (no OCPP client in between) for handshake tests and byte-level input.
 * Resolves with {ws, status, protocol, messages[], closed: Promise<{code, reason}>}; `status` is the HTTP status
 * when the upgrade was refused.
 */
function rawSocket(id, { password, protocols = [V16], user = id, authHeader, timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    if (authHeader !== undefined) headers.Authorization = authHeader;
    else if (password !== undefined) headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const ws = new WebSocket(`${WS_URL}/${encodeURIComponent(id)}`, protocols, { headers, handshakeTimeout: timeoutMs });
    const messages = [];
    const listeners = [];
    let closeResolve;
    const closed = new Promise((r) => {
      closeResolve = r;
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? data : data.toString('utf8');
      messages.push(text);
      for (const l of listeners.slice()) l(text);
    });
    ws.on('close', (code, reason) => closeResolve({ code, reason: reason.toString('utf8') }));
    ws.on('error', () => {});
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ ws, status: res.statusCode, headers: res.headers, body, messages, closed }));
      res.on('error', () => resolve({ ws, status: res.statusCode, headers: res.headers, body, messages, closed }));
    });
    ws.on('open', () =>
      resolve({
        ws,
        status: 101,
        protocol: ws.protocol,
        messages,
        closed,
        /** Sends a text frame and waits for the inbound frame with message id `expectId`. */
        exchange(raw, expectId, waitMs = 5000) {
          return new Promise((res2, rej2) => {
            const l = (text) => {
              try {
                const parsed = JSON.parse(text);
                if (Array.isArray(parsed) && parsed[1] === expectId) {
                  listeners.splice(listeners.indexOf(l), 1);
                  clearTimeout(timer);
                  res2(parsed);
                }
              } catch {
                /* not JSON */
              }
            };
            const timer = setTimeout(() => {
              listeners.splice(listeners.indexOf(l), 1);
              rej2(new Error(`no frame with id ${expectId} after ${raw}`));
            }, waitMs);
            listeners.push(l);
            if (Buffer.isBuffer(raw)) ws.send(raw, { binary: true });
            else ws.send(raw);
          });
        },
      }),
    );
    ws.on('error', (err) => resolve({ ws, status: 0, error: err, messages, closed }));
  });
}


/**
 * A WebSocket handshake written by hand over TCP (the `ws` client refuses a 101 without the subprotocol it asked
 * for, which is exactly what OCPP prescribes when none is acceptable). Resolves with the HTTP status, headers and
 * the first server frame's close code (if the server closes within `timeoutMs`).
 */
function handRolledHandshake(id, { password, protocols = [], timeoutMs = 5000 } = {}) {
  const net = require('node:net');
  const url = new URL(`${WS_URL}/${encodeURIComponent(id)}`);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 80), url.hostname);
    let buffer = Buffer.alloc(0);
    let head = null;
    const result = { status: 0, headers: {}, closeCode: null, frames: [] };
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      const lines = [
        `GET ${url.pathname} HTTP/1.1`,
        `Host: ${url.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
      ];
      if (protocols.length) lines.push(`Sec-WebSocket-Protocol: ${protocols.join(', ')}`);
      if (password !== undefined) lines.push(`Authorization: Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!head) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        head = buffer.subarray(0, end).toString('latin1').split('\r\n');
        buffer = buffer.subarray(end + 4);
        result.status = Number(head[0].split(' ')[1]);
        for (const line of head.slice(1)) {
          const i = line.indexOf(':');
          result.headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        if (result.status !== 101) return finish();
      }
      // Server frames are unmasked; only short payloads are expected here.
      while (buffer.length >= 2) {
        const opcode = buffer[0] & 0x0f;
        let len = buffer[1] & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          return finish();
        }
        if (buffer.length < offset + len) return;
        const payload = buffer.subarray(offset, offset + len);
        buffer = buffer.subarray(offset + len);
        result.frames.push({ opcode, payload: payload.toString('utf8') });
        if (opcode === 0x8) {
          result.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          result.closeReason = payload.subarray(2).toString('utf8');
          return finish();
        }
      }
    });
  });
}

module.exports = {
  handRolledHandshake,
  BASE_URL,
  API_KEY,
  WS_URL,
  CALL_TIMEOUT_SECONDS,
  V16,
  V201,
  VERSIONS,
  RUN_ID,
  uniqueId,
  uniqueToken,
  newPassword,
  sleep,
  isoAt,
  api,
  expectOk,
  registerCharger,
  getCharger,
  sessionsOf,
  frames,
  callCharger,
  registerIdToken,
  eventually,
  connect,
  bootPayload,
  bootNotification,
  sendRawExpect,
  sendRawCollect,
  rawSocket,
};
