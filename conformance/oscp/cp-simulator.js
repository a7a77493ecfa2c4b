'use strict';
// A Capacity Provider (DSO / DERMS side of OSCP 2.0) on loopback, used to drive CentralSystem's Flexibility Provider
// endpoint black-box. It is deliberately strict about what it receives (digest §1 headers, §6 shapes, RFC 3339 with
// offset, exact upper-case enums, no unknown members): anything our server sends that a picky real CP could refuse
// is answered with a non-204 and kept in `violations()`, so a test can fail with the exact reason.

const http = require('node:http');
const crypto = require('node:crypto');

const BASE_PATH = '/oscp/cp/2.0';

const ENUMS = {
  type: ['CONSUMPTION', 'GENERATION', 'FALLBACK_CONSUMPTION', 'FALLBACK_GENERATION', 'OPTIMUM'],
  blockUnit: ['A', 'W', 'KW', 'WH', 'KWH'],
  energyUnit: ['WH', 'KWH'],
  phase: ['UNKNOWN', 'ONE', 'TWO', 'THREE', 'ALL'],
  measurementConfiguration: ['CONTINUOUS', 'INTERMITTENT'],
  direction: ['NET', 'IMPORT', 'EXPORT'],
  energyType: ['FLEXIBLE', 'NONFLEXIBLE', 'TOTAL'],
};

// Digest §9: an offset is mandatory; date-only and space-separated forms are what lenient parsers let through.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function newRequestId() {
  return crypto.randomUUID();
}

function newToken() {
  return crypto.randomBytes(32).toString('base64url');
}

/** ISO-8601 UTC at `ms` (epoch ms), whole seconds: block edges from the simulator are always on a second. */
function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A ForecastedBlock; `fromMs`/`toMs` are epoch milliseconds. */
function block(capacity, unit, fromMs, toMs, phase = 'ALL') {
  return { capacity, phase, unit, start_time: isoSeconds(fromMs), end_time: isoSeconds(toMs) };
}

// ---------------------------------------------------------------------------------------------------------------
// Shape checks (digest §6). Each pushes "path: problem" strings into `errs`.

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function members(errs, path, obj, required, optional = []) {
  if (!isObject(obj)) {
    errs.push(`${path || 'body'}: must be a JSON object`);
    return false;
  }
  for (const name of required) if (!(name in obj)) errs.push(`${path ? `${path}.` : ''}${name}: required`);
  for (const name of Object.keys(obj)) {
    if (!required.includes(name) && !optional.includes(name)) errs.push(`${path ? `${path}.` : ''}${name}: unknown member`);
  }
  return true;
}

function string(errs, path, v, { nonEmpty = true } = {}) {
  if (v === undefined) return;
  if (typeof v !== 'string') errs.push(`${path}: must be a string`);
  else if (nonEmpty && v.length === 0) errs.push(`${path}: must not be empty`);
}

function number(errs, path, v, { min } = {}) {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v)) errs.push(`${path}: must be a JSON number`);
  else if (min !== undefined && v < min) errs.push(`${path}: must be >= ${min}`);
}

function enumValue(errs, path, v, allowed) {
  if (v === undefined) return;
  if (typeof v !== 'string' || !allowed.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} is not one of ${allowed.join('|')}`);
}

function dateTime(errs, path, v) {
  if (v === undefined) return;
  if (typeof v !== 'string' || !RFC3339.test(v) || Number.isNaN(Date.parse(v))) {
    errs.push(`${path}: ${JSON.stringify(v)} is not an RFC 3339 date-time with offset`);
  }
}

function baseUrl(errs, path, v) {
  string(errs, path, v);
  if (typeof v !== 'string' || !v) return;
  let url;
  try {
    url = new URL(v);
  } catch {
    errs.push(`${path}: ${JSON.stringify(v)} is not an absolute URL`);
    return;
  }
  if (!/^https?:$/.test(url.protocol)) errs.push(`${path}: scheme must be http(s)`);
  if (v.endsWith('/')) errs.push(`${path}: must not end with a slash (digest §1)`);
}

function requiredBehaviour(errs, path, v) {
  if (!members(errs, path, v, ['measurement_configuration'], ['heartbeat_interval'])) return;
  number(errs, `${path}.heartbeat_interval`, v.heartbeat_interval, { min: 1 });
  const mc = v.measurement_configuration;
  if (mc === undefined) return;
  if (!Array.isArray(mc)) {
    errs.push(`${path}.measurement_configuration: must be an array`);
    return;
  }
  mc.forEach((m, i) => enumValue(errs, `${path}.measurement_configuration[${i}]`, m, ENUMS.measurementConfiguration));
  if (new Set(mc).size !== mc.length) errs.push(`${path}.measurement_configuration: duplicate items`);
}

function forecastedBlocks(errs, path, v) {
  if (!Array.isArray(v)) {
    errs.push(`${path}: must be an array`);
    return;
  }
  if (v.length === 0) errs.push(`${path}: needs at least one block`);
  v.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!members(errs, p, b, ['capacity', 'phase', 'unit', 'start_time', 'end_time'])) return;
    number(errs, `${p}.capacity`, b.capacity, { min: 0 });
    enumValue(errs, `${p}.phase`, b.phase, ENUMS.phase);
    enumValue(errs, `${p}.unit`, b.unit, ENUMS.blockUnit);
    dateTime(errs, `${p}.start_time`, b.start_time);
    dateTime(errs, `${p}.end_time`, b.end_time);
    if (Date.parse(b.end_time) <= Date.parse(b.start_time)) errs.push(`${p}: end_time must be after start_time`);
  });
  // Digest §7.1: same-phase blocks of one message must not overlap.
  for (let i = 0; i < v.length; i += 1) {
    for (let j = i + 1; j < v.length; j += 1) {
      const a = v[i];
      const b = v[j];
      if (!isObject(a) || !isObject(b) || a.phase !== b.phase) continue;
      if (Date.parse(a.start_time) < Date.parse(b.end_time) && Date.parse(b.start_time) < Date.parse(a.end_time)) {
        errs.push(`${path}[${i}] and [${j}]: overlap on phase ${a.phase}`);
      }
    }
  }
}

function energyMeasurement(errs, path, v, { intermittent }) {
  const optional = ['energy_type', 'initial_measure_time'];
  if (!members(errs, path, v, ['value', 'phase', 'unit', 'direction', 'measure_time'], optional)) return;
  number(errs, `${path}.value`, v.value);
  enumValue(errs, `${path}.phase`, v.phase, ENUMS.phase);
  enumValue(errs, `${path}.unit`, v.unit, ENUMS.energyUnit);
  enumValue(errs, `${path}.direction`, v.direction, ENUMS.direction);
  enumValue(errs, `${path}.energy_type`, v.energy_type, ENUMS.energyType);
  dateTime(errs, `${path}.measure_time`, v.measure_time);
  dateTime(errs, `${path}.initial_measure_time`, v.initial_measure_time);
  if (intermittent && v.initial_measure_time === undefined) {
    errs.push(`${path}.initial_measure_time: required because we asked for INTERMITTENT (digest §5.1)`);
  }
}

const BODY_CHECKS = {
  register(errs, body) {
    if (!members(errs, '', body, ['token', 'version_url'])) return;
    string(errs, 'token', body.token);
    if (!Array.isArray(body.version_url) || body.version_url.length === 0) {
      errs.push('version_url: must be a non-empty array');
      return;
    }
    body.version_url.forEach((vu, i) => {
      if (!members(errs, `version_url[${i}]`, vu, ['version', 'base_url'])) return;
      string(errs, `version_url[${i}].version`, vu.version);
      baseUrl(errs, `version_url[${i}].base_url`, vu.base_url);
    });
  },
  handshake(errs, body) {
    if (!members(errs, '', body, [], ['required_behaviour'])) return;
    if (body.required_behaviour !== undefined) requiredBehaviour(errs, 'required_behaviour', body.required_behaviour);
  },
  handshake_acknowledge(errs, body) {
    BODY_CHECKS.handshake(errs, body);
  },
  heartbeat(errs, body) {
    if (!members(errs, '', body, ['offline_mode_at'])) return;
    dateTime(errs, 'offline_mode_at', body.offline_mode_at);
  },
  update_group_measurements(errs, body, sim) {
    if (!members(errs, '', body, ['group_id', 'measurements'])) return;
    string(errs, 'group_id', body.group_id);
    if (!Array.isArray(body.measurements)) {
      errs.push('measurements: must be an array');
      return;
    }
    // Digest §12 Q5: the schema says minItems 1 and our server promises a zero-delta reading rather than [].
    if (body.measurements.length === 0) errs.push('measurements: must not be empty');
    const intermittent = (sim.sentBehaviour?.measurement_configuration || []).includes('INTERMITTENT')
      && !(sim.sentBehaviour?.measurement_configuration || []).includes('CONTINUOUS');
    body.measurements.forEach((m, i) => energyMeasurement(errs, `measurements[${i}]`, m, { intermittent }));
  },
  group_capacity_compliance_error(errs, body) {
    if (!members(errs, '', body, ['message'], ['forecasted_blocks'])) return;
    string(errs, 'message', body.message);
    if (body.forecasted_blocks !== undefined) forecastedBlocks(errs, 'forecasted_blocks', body.forecasted_blocks);
  },
  adjust_group_capacity_forecast(errs, body) {
    if (!members(errs, '', body, ['group_id', 'type', 'forecasted_blocks'])) return;
    string(errs, 'group_id', body.group_id);
    enumValue(errs, 'type', body.type, ENUMS.type);
    forecastedBlocks(errs, 'forecasted_blocks', body.forecasted_blocks);
  },
};

// Digest §1 / §4.3: the reply correlates to a request of ours, so it must name one we actually sent.
const CORRELATION_REQUIRED = {
  handshake_acknowledge: 'handshake',
  group_capacity_compliance_error: 'update_group_capacity_forecast',
};

// ---------------------------------------------------------------------------------------------------------------

class CapacityProviderSimulator {
  /**
   * @param {object} options
   * @param {string} options.fpBaseUrl   the FP base we call, e.g. http://127.0.0.1:8180/oscp/fp/2.0
   * @param {object} [options.acknowledgeBehaviour] what we put in our HandshakeAcknowledge when the FP handshakes us
   */
  constructor({ fpBaseUrl, acknowledgeBehaviour, aliases = {} } = {}) {
    if (!fpBaseUrl) throw new Error('fpBaseUrl is required');
    this.fpBaseUrl = fpBaseUrl.replace(/\/+$/, '');
    this.tokenB = newToken();
    this.tokenC = null;
    this.fpAdvertisedBaseUrl = null;
    this.acknowledgeBehaviour = acknowledgeBehaviour;
    // Extra path suffixes this CP serves, e.g. pyoscp's {handshake_acknowledgment: 'handshake_acknowledge'}: a
    // strict CP serves only the canonical names, so these exist only when a test plays a deviating peer.
    this.aliases = aliases;
    this.sentBehaviour = null;
    this.received = [];
    this.sent = [];
    this.revoked = false;
    this._waiters = [];
    this._timer = null;
    this._server = null;
    this._seq = 0;
    this._forced = [];
  }

  /** Answers the next `count` otherwise valid requests to `suffix` with `status` (to exercise the FP's retries). */
  failNext(suffix, status, count = 1) {
    this._forced.push({ suffix, status, count });
  }

  async start() {
    this._server = http.createServer((req, res) => this._onRequest(req, res));
    this._server.keepAliveTimeout = 1000;
    await new Promise((resolve, reject) => {
      this._server.once('error', reject);
      this._server.listen(0, '127.0.0.1', resolve);
    });
    this.baseUrl = `http://127.0.0.1:${this._server.address().port}${BASE_PATH}`;
    return this;
  }

  async stop() {
    this.stopHeartbeats();
    for (const w of this._waiters.splice(0)) w.reject(new Error('simulator stopped'));
    if (!this._server) return;
    const server = this._server;
    this._server = null;
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Inbound

  _onRequest(req, res) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const record = this._classify(req, raw);
      this._answer(res, record);
      this.received.push(record);
      for (const w of this._waiters.slice()) {
        if (w.predicate(record)) {
          this._waiters.splice(this._waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(record);
        }
      }
      if (record.status === 204) this._followUp(record);
    });
  }

  _classify(req, raw) {
    const url = new URL(req.url, 'http://sim');
    const headers = { ...req.headers };
    const served = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length + 1) : null;
    const record = {
      seq: (this._seq += 1),
      at: Date.now(),
      method: req.method,
      path: url.pathname,
      suffix: (served && this.aliases[served]) || served,
      headers,
      requestId: headers['x-request-id'],
      correlationId: headers['x-correlation-id'],
      raw,
      body: undefined,
      status: 204,
      errors: [],
    };
    const fail = (status, message) => {
      if (record.status === 204) record.status = status;
      record.errors.push(message);
    };

    const known = record.suffix === 'register' ? ['POST', 'PUT', 'DELETE'] : ['POST'];
    if (!record.suffix || !(record.suffix in BODY_CHECKS)) {
      fail(404, `no such CP endpoint: ${req.method} ${url.pathname}`);
      return record;
    }
    if (!known.includes(req.method)) {
      fail(405, `${req.method} not allowed on ${record.suffix}`);
      return record;
    }

    const auth = headers.authorization;
    if (auth === undefined) fail(401, 'Authorization header missing');
    else if (this.revoked || !this._acceptedTokens().some((tk) => auth === `Token ${tk}`)) {
      fail(403, `Authorization ${JSON.stringify(auth.slice(0, 16))}… is not "Token <the TOKEN_B we issued>"`);
    } else if (this._previousTokenB && auth === `Token ${this.tokenB}`) {
      // The FP has switched to the rotated token: the old one is dead from here on.
      this._previousTokenB = null;
    }

    if (!record.requestId) fail(400, 'X-Request-ID header missing');

    const correlatesTo = CORRELATION_REQUIRED[record.suffix];
    if (correlatesTo) {
      if (!record.correlationId) fail(400, `X-Correlation-ID header missing (required on ${record.suffix})`);
      else if (!this.sent.some((s) => s.suffix === correlatesTo && s.requestId === record.correlationId)) {
        fail(400, `X-Correlation-ID ${record.correlationId} names no ${correlatesTo} we sent`);
      }
    }

    // Digest §12 Q3 allows a bodyless DELETE /register.
    const bodyless = record.suffix === 'register' && req.method === 'DELETE' && raw.length === 0;
    if (!bodyless) {
      const contentType = (headers['content-type'] || '').split(';')[0].trim().toLowerCase();
      if (contentType !== 'application/json') fail(415, `Content-Type ${JSON.stringify(headers['content-type'])} is not application/json`);
      try {
        record.body = JSON.parse(raw);
      } catch {
        fail(400, `body is not JSON: ${raw.slice(0, 80)}`);
        return record;
      }
      const errs = [];
      BODY_CHECKS[record.suffix](errs, record.body, this);
      for (const e of errs) fail(400, e);
    }
    const forced = this._forced.find((f) => f.suffix === record.suffix && f.count > 0);
    if (forced && record.status === 204) {
      forced.count -= 1;
      record.forced = true;
      fail(forced.status, `refused with ${forced.status} on purpose (failNext)`);
    }
    return record;
  }

  /**
   * While a PUT /register is in flight and until the FP first uses the new TOKEN_B, requests it had already queued
   * with the old one are legitimate.
   */
  _acceptedTokens() {
    return [this.tokenB, this._previousTokenB, this._pendingTokenB].filter(Boolean);
  }

  _answer(res, record) {
    if (record.status === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    const body = JSON.stringify({ message: record.errors.join('; ') });
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    if (record.requestId) headers['X-Correlation-ID'] = record.requestId;
    res.writeHead(record.status, headers);
    res.end(body);
  }

  /** What a CP does after it has answered 204 (digest §3.1, §3.2: replies go out as separate requests). */
  _followUp(record) {
    if (record.suffix === 'register') {
      if (record.method === 'DELETE') {
        this.tokenC = null;
      } else {
        this.tokenC = record.body.token;
        const chosen = record.body.version_url.find((v) => v.version === '2.0');
        if (chosen) this.fpAdvertisedBaseUrl = chosen.base_url;
      }
    } else if (record.suffix === 'handshake') {
      const body = this.acknowledgeBehaviour ? { required_behaviour: this.acknowledgeBehaviour } : {};
      setImmediate(() => {
        this.send('handshake_acknowledge', body, { correlationId: record.requestId }).catch(() => {});
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Outbound

  /**
   * Sends one request to the FP. `token: null` omits Authorization; `authorization` overrides the whole header;
   * `requestId: null` omits X-Request-ID; `body` may be a string (sent as is).
   */
  async send(suffix, body, { method = 'POST', token = this.tokenC, authorization, requestId = newRequestId(), correlationId, contentType = 'application/json', headers = {} } = {}) {
    const h = { ...headers };
    if (authorization !== undefined) h.Authorization = authorization;
    else if (token) h.Authorization = `Token ${token}`;
    if (requestId !== null) h['X-Request-ID'] = requestId;
    if (correlationId) h['X-Correlation-ID'] = correlationId;
    let payload;
    if (body !== undefined) {
      if (contentType !== null) h['Content-Type'] = contentType;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const entry = { suffix, method, requestId, body, sentAt: Date.now() };
    this.sent.push(entry);
    const res = await fetch(`${this.fpBaseUrl}/${suffix}`, { method, headers: h, body: payload });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    entry.status = res.status;
    entry.answeredAt = Date.now();
    return { status: res.status, body: json, text, headers: res.headers, requestId, sentAt: entry.sentAt, answeredAt: entry.answeredAt };
  }

  /** Step 2 of digest §3.1: offer our versions and TOKEN_B, authenticated with the out-of-band TOKEN_A. */
  register(tokenA, { versions = [{ version: '2.0', base_url: this.baseUrl }], requestId } = {}) {
    return this.send('register', { token: this.tokenB, version_url: versions }, { token: tokenA, requestId });
  }

  /** PUT /register: hand the FP a new TOKEN_B (and/or base URL); the old one stops working once the FP has it. */
  async updateRegistration({ token = newToken(), versions = [{ version: '2.0', base_url: this.baseUrl }] } = {}) {
    this._pendingTokenB = token;
    try {
      const res = await this.send('register', { token, version_url: versions }, { method: 'PUT' });
      if (res.status === 204) {
        this._previousTokenB = this.tokenB;
        this.tokenB = token;
      }
      return res;
    } finally {
      this._pendingTokenB = null;
    }
  }

  /** DELETE /register: ends the registration; from now on the FP must not call us (we answer 403). */
  async unregister() {
    const res = await this.send('register', { token: this.tokenB, version_url: [{ version: '2.0', base_url: this.baseUrl }] }, { method: 'DELETE' });
    if (res.status === 204) this.revoked = true;
    return res;
  }

  handshake(requiredBehaviourValue = { measurement_configuration: ['CONTINUOUS'] }) {
    this.sentBehaviour = requiredBehaviourValue;
    const body = requiredBehaviourValue === null ? {} : { required_behaviour: requiredBehaviourValue };
    return this.send('handshake', body);
  }

  /**
   * One Heartbeat; `offlineModeAt` defaults to now + `offlineFactor` × the running heartbeat interval (digest §3.3
   * recommends 2×: with 1× a heartbeat that is a few milliseconds late would already count as silence).
   */
  heartbeat({ offlineModeAt } = {}) {
    const ms = (this.heartbeatIntervalS || 60) * (this.offlineFactor || 2) * 1000;
    const at = offlineModeAt || new Date(Date.now() + ms).toISOString();
    this.lastOfflineModeAt = at;
    return this.send('heartbeat', { offline_mode_at: at });
  }

  /** Heartbeats now and every `intervalS` seconds until stopHeartbeats()/stop(); failures are kept in `sent`. */
  startHeartbeats(intervalS, { offlineFactor = 2 } = {}) {
    this.stopHeartbeats();
    this.heartbeatIntervalS = intervalS;
    this.offlineFactor = offlineFactor;
    const beat = () => this.heartbeat().catch(() => {});
    beat();
    this._timer = setInterval(beat, intervalS * 1000);
  }

  stopHeartbeats() {
    if (this._timer) clearInterval(this._timer);
    this._timer = null;
  }

  /** UpdateGroupCapacityForecast; resolves with {status, body, requestId, answeredAt}. */
  forecast(groupId, type, blocks, options = {}) {
    return this.send('update_group_capacity_forecast', { group_id: groupId, type, forecasted_blocks: blocks }, options);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Observation

  /**
   * Resolves with the first received request (from index `since`, default all so far) matching `predicate`;
   * rejects after `timeoutMs` listing what did arrive.
   */
  waitFor(predicate, timeoutMs = 5000, { since = 0 } = {}) {
    const found = this.received.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve, reject };
      waiter.timer = setTimeout(() => {
        this._waiters.splice(this._waiters.indexOf(waiter), 1);
        reject(new Error(`no matching request within ${timeoutMs} ms; received: ${this.summary(since)}`));
      }, timeoutMs);
      this._waiters.push(waiter);
    });
  }

  requests(suffix, method = 'POST') {
    return this.received.filter((r) => r.suffix === suffix && r.method === method);
  }

  /** Received requests we refused, with why (each is a protocol violation by the FP); failNext refusals are not. */
  violations() {
    return this.received.filter((r) => r.status !== 204 && !r.forced);
  }

  summary(since = 0) {
    const list = this.received.slice(since).map((r) => `${r.method} ${r.suffix ?? r.path} → ${r.status}${r.errors.length ? ` (${r.errors.join('; ')})` : ''}`);
    return list.length ? list.join(', ') : 'nothing';
  }
}

module.exports = { CapacityProviderSimulator, block, isoSeconds, newRequestId, newToken, BASE_PATH, ENUMS, RFC3339 };
