'use strict';
// The CP simulator checked on its own (no CentralSystem involved): a fake FP on loopback plays the server's part so
// we know the simulator accepts every well-formed message and refuses each malformed one with the right status.
// Without this, a too-lenient simulator would let server bugs through and a too-strict one would fail good servers.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { CapacityProviderSimulator, block } = require('../oscp/cp-simulator');

/** A stand-in FP that answers 204 to everything and records what the simulator sent it. */
async function fakeFp() {
  const seen = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { seen, base: `http://127.0.0.1:${server.address().port}/oscp/fp/2.0`, close: () => new Promise((r) => server.close(r)) };
}

describe('CP simulator (self-check, no server)', () => {
  let fp;
  let sim;
  const TOKEN_C = 'token-c-issued-by-the-fake-fp-0123456789';

  before(async () => {
    fp = await fakeFp();
    sim = await new CapacityProviderSimulator({ fpBaseUrl: fp.base }).start();
  });
  after(async () => {
    await sim.stop();
    await fp.close();
  });

  /** Posts to the simulator as the FP would; `headers` override the well-formed defaults (null removes one). */
  async function toSim(suffix, body, { method = 'POST', headers = {} } = {}) {
    const h = { Authorization: `Token ${sim.tokenB}`, 'X-Request-ID': `fp-${Math.random()}`, 'Content-Type': 'application/json', ...headers };
    for (const k of Object.keys(h)) if (h[k] === null) delete h[k];
    const res = await fetch(`${sim.baseUrl}/${suffix}`, { method, headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }

  it('sends register / handshake / heartbeat / forecast with Token, X-Request-ID and JSON', async () => {
    const reg = await sim.register('TOKEN_A-out-of-band');
    assert.equal(reg.status, 204);
    const r = fp.seen.at(-1);
    assert.equal(r.url, '/oscp/fp/2.0/register');
    assert.equal(r.headers.authorization, 'Token TOKEN_A-out-of-band');
    assert.equal(r.headers['x-request-id'], reg.requestId);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.deepEqual(r.body, { token: sim.tokenB, version_url: [{ version: '2.0', base_url: sim.baseUrl }] });

    // The FP's Register reply hands us TOKEN_C; from then on we call with it.
    assert.equal((await toSim('register', { token: TOKEN_C, version_url: [{ version: '2.0', base_url: fp.base }] }, { headers: { 'X-Correlation-ID': reg.requestId } })).status, 204);
    assert.equal(sim.tokenC, TOKEN_C);
    assert.equal(sim.fpAdvertisedBaseUrl, fp.base);

    const hs = await sim.handshake({ heartbeat_interval: 5, measurement_configuration: ['CONTINUOUS'] });
    assert.equal(fp.seen.at(-1).headers.authorization, `Token ${TOKEN_C}`);
    assert.deepEqual(fp.seen.at(-1).body, { required_behaviour: { heartbeat_interval: 5, measurement_configuration: ['CONTINUOUS'] } });
    assert.equal(hs.status, 204);

    await sim.heartbeat();
    const hb = fp.seen.at(-1);
    assert.equal(hb.url, '/oscp/fp/2.0/heartbeat');
    assert.ok(Date.parse(hb.body.offline_mode_at) > Date.now());

    const fc = await sim.forecast('g-1', 'CONSUMPTION', [block(10, 'KW', Date.now(), Date.now() + 3600e3)]);
    assert.equal(fc.status, 204);
    assert.equal(fp.seen.at(-1).body.forecasted_blocks[0].unit, 'KW');
    assert.match(fp.seen.at(-1).body.forecasted_blocks[0].start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('acknowledges a handshake from the FP with X-Correlation-ID, after its 204', async () => {
    const before = fp.seen.length;
    assert.equal((await toSim('handshake', { required_behaviour: { measurement_configuration: [] } }, { headers: { 'X-Request-ID': 'fp-hs-1' } })).status, 204);
    for (let i = 0; i < 50 && fp.seen.length === before; i += 1) await new Promise((r) => setTimeout(r, 20));
    const ack = fp.seen.at(-1);
    assert.equal(ack.url, '/oscp/fp/2.0/handshake_acknowledge');
    assert.equal(ack.headers['x-correlation-id'], 'fp-hs-1');
  });

  it('accepts well-formed FP messages (digest sample shapes)', async () => {
    const hs = sim.sent.find((s) => s.suffix === 'handshake');
    const fc = sim.sent.find((s) => s.suffix === 'update_group_capacity_forecast');
    const good = [
      ['handshake_acknowledge', { required_behaviour: { heartbeat_interval: 60, measurement_configuration: ['CONTINUOUS'] } }, { 'X-Correlation-ID': hs.requestId }],
      ['handshake_acknowledge', {}, { 'X-Correlation-ID': hs.requestId }],
      ['heartbeat', { offline_mode_at: '2026-03-01T18:02:00.250+08:00' }],
      ['update_group_measurements', { group_id: 'g-1', measurements: [{ value: 123.456, phase: 'ALL', unit: 'KWH', direction: 'IMPORT', measure_time: '2024-01-01T11:22:33.456+08:00' }] }],
      ['update_group_measurements', { group_id: 'g-1', measurements: [{ value: 5400, phase: 'ALL', unit: 'WH', direction: 'IMPORT', energy_type: 'FLEXIBLE', measure_time: '2026-03-01T10:15:00Z', initial_measure_time: '2026-03-01T09:02:11Z' }] }],
      ['group_capacity_compliance_error', { message: 'Whoops!', forecasted_blocks: [{ capacity: 123.456, phase: 'ALL', unit: 'KW', start_time: '2022-10-08T18:00:00Z', end_time: '2022-10-08T18:15:00Z' }] }, { 'X-Correlation-ID': fc.requestId }],
      ['group_capacity_compliance_error', { message: 'Cannot reduce below 22 kW' }, { 'X-Correlation-ID': fc.requestId }],
      ['adjust_group_capacity_forecast', { group_id: 'g-1', type: 'CONSUMPTION', forecasted_blocks: [
        { capacity: 150, phase: 'ALL', unit: 'KW', start_time: '2024-09-13T00:00:00.000+08:00', end_time: '2024-09-13T01:00:00.000+08:00' },
        { capacity: 150, phase: 'ALL', unit: 'KW', start_time: '2024-09-13T01:00:00.000+08:00', end_time: '2024-09-13T02:00:00.000+08:00' }] }],
    ];
    for (const [suffix, body, headers] of good) {
      const res = await toSim(suffix, body, { headers });
      assert.equal(res.status, 204, `${suffix} ${JSON.stringify(body)}: ${res.text}`);
    }
  });

  it('refuses malformed FP messages with 400 / 401 / 403 / 404 / 415 and {"message"}', async () => {
    const fc = sim.sent.find((s) => s.suffix === 'update_group_capacity_forecast');
    const blk = { capacity: 10, phase: 'ALL', unit: 'KW', start_time: '2026-03-01T00:00:00Z', end_time: '2026-03-01T01:00:00Z' };
    const hb = { offline_mode_at: '2099-01-01T00:00:00Z' };
    const bad = [
      ['no Authorization', 'heartbeat', hb, { Authorization: null }, 401],
      ['TOKEN_C instead of TOKEN_B', 'heartbeat', hb, { Authorization: `Token ${TOKEN_C}` }, 403],
      ['Bearer scheme', 'heartbeat', hb, { Authorization: `Bearer ${sim.tokenB}` }, 403],
      ['no X-Request-ID', 'heartbeat', hb, { 'X-Request-ID': null }, 400],
      ['text/plain', 'heartbeat', hb, { 'Content-Type': 'text/plain' }, 415],
      ['not JSON', 'heartbeat', '{"offline_mode_at":', {}, 400],
      ['unknown endpoint', 'handshake_acknowledgment', {}, {}, 404],
      ['heartbeat without offset', 'heartbeat', { offline_mode_at: '2026-03-01T10:02:00' }, {}, 400],
      ['pyoscp heartbeat format', 'heartbeat', { offline_mode_at: '2026-03-01 10:02:00' }, {}, 400],
      ['camelCase member', 'heartbeat', { offlineModeAt: '2099-01-01T00:00:00Z' }, {}, 400],
      ['ack without X-Correlation-ID', 'handshake_acknowledge', {}, {}, 400],
      ['ack correlated to nothing we sent', 'handshake_acknowledge', {}, { 'X-Correlation-ID': 'nope' }, 400],
      ['heartbeat_interval 0', 'handshake', { required_behaviour: { heartbeat_interval: 0, measurement_configuration: [] } }, {}, 400],
      ['required_behaviour without measurement_configuration', 'handshake', { required_behaviour: { heartbeat_interval: 5 } }, {}, 400],
      ['duplicate measurement_configuration', 'handshake', { required_behaviour: { measurement_configuration: ['CONTINUOUS', 'CONTINUOUS'] } }, {}, 400],
      ['PERIODIC', 'handshake', { required_behaviour: { measurement_configuration: ['PERIODIC'] } }, {}, 400],
      ['compliance error without X-Correlation-ID', 'group_capacity_compliance_error', { message: 'x' }, {}, 400],
      ['compliance error without message', 'group_capacity_compliance_error', { forecasted_blocks: [blk] }, { 'X-Correlation-ID': fc.requestId }, 400],
      ['measurements []', 'update_group_measurements', { group_id: 'g', measurements: [] }, {}, 400],
      ['energy unit KW', 'update_group_measurements', { group_id: 'g', measurements: [{ value: 1, phase: 'ALL', unit: 'KW', direction: 'IMPORT', measure_time: '2026-03-01T00:00:00Z' }] }, {}, 400],
      ['measurement without direction', 'update_group_measurements', { group_id: 'g', measurements: [{ value: 1, phase: 'ALL', unit: 'WH', measure_time: '2026-03-01T00:00:00Z' }] }, {}, 400],
      ['value as a string', 'update_group_measurements', { group_id: 'g', measurements: [{ value: '1', phase: 'ALL', unit: 'WH', direction: 'IMPORT', measure_time: '2026-03-01T00:00:00Z' }] }, {}, 400],
      ['adjust with lower-case type', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'consumption', forecasted_blocks: [blk] }, {}, 400],
      ['adjust with phase L1', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'CONSUMPTION', forecasted_blocks: [{ ...blk, phase: 'L1' }] }, {}, 400],
      ['adjust with capacity "10"', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'CONSUMPTION', forecasted_blocks: [{ ...blk, capacity: '10' }] }, {}, 400],
      ['adjust with end before start', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'CONSUMPTION', forecasted_blocks: [{ ...blk, end_time: blk.start_time }] }, {}, 400],
      ['adjust with overlapping blocks', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'CONSUMPTION', forecasted_blocks: [blk, blk] }, {}, 400],
      ['adjust without blocks', 'adjust_group_capacity_forecast', { group_id: 'g', type: 'CONSUMPTION', forecasted_blocks: [] }, {}, 400],
      ['register reply with a trailing slash', 'register', { token: 't', version_url: [{ version: '2.0', base_url: 'https://x/oscp/fp/2.0/' }] }, {}, 400],
      ['register reply without token', 'register', { version_url: [{ version: '2.0', base_url: 'https://x/oscp/fp/2.0' }] }, {}, 400],
    ];
    const wrong = [];
    for (const [label, suffix, body, headers, expected] of bad) {
      const res = await toSim(suffix, body, { headers });
      if (res.status !== expected) wrong.push(`${label}: ${res.status} (expected ${expected}) ${res.text}`);
      else if (!JSON.parse(res.text).message) wrong.push(`${label}: no message`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(sim.tokenC, TOKEN_C, 'a refused register must not change TOKEN_C');
    assert.ok(sim.violations().length >= bad.length);
  });

  it('failNext refuses the next valid request on purpose and does not count it as a violation', async () => {
    const hb = { offline_mode_at: '2099-01-01T00:00:00Z' };
    const before = sim.violations().length;
    sim.failNext('heartbeat', 503);
    assert.equal((await toSim('heartbeat', hb)).status, 503);
    assert.equal((await toSim('heartbeat', hb)).status, 204);
    assert.equal(sim.violations().length, before);
  });

  it('PUT /register rotates TOKEN_B (old one accepted until the FP uses the new); after DELETE everything is 403', async () => {
    const old = sim.tokenB;
    assert.equal((await sim.updateRegistration()).status, 204);
    assert.notEqual(sim.tokenB, old);
    const hb = { offline_mode_at: '2099-01-01T00:00:00Z' };
    assert.equal((await toSim('heartbeat', hb, { headers: { Authorization: `Token ${old}` } })).status, 204, 'queued with the old token');
    assert.equal((await toSim('heartbeat', hb)).status, 204);
    assert.equal((await toSim('heartbeat', hb, { headers: { Authorization: `Token ${old}` } })).status, 403, 'old token dead once the new one was used');
    assert.equal((await sim.unregister()).status, 204);
    assert.equal(fp.seen.at(-1).method, 'DELETE');
    assert.equal((await toSim('heartbeat', hb)).status, 403);
  });

  it('serves a deviating path only when given as an alias, recorded under the canonical suffix', async () => {
    const other = await new CapacityProviderSimulator({ fpBaseUrl: fp.base, aliases: { handshake_acknowledgment: 'handshake_acknowledge' } }).start();
    try {
      const hs = await other.handshake();
      const res = await fetch(`${other.baseUrl}/handshake_acknowledgment`, {
        method: 'POST', body: '{}',
        headers: { Authorization: `Token ${other.tokenB}`, 'X-Request-ID': 'fp-ack-2', 'X-Correlation-ID': hs.requestId, 'Content-Type': 'application/json' },
      });
      assert.equal(res.status, 204, await res.text());
      const rec = other.received.at(-1);
      assert.equal(rec.suffix, 'handshake_acknowledge');
      assert.equal(rec.path, '/oscp/cp/2.0/handshake_acknowledgment');
    } finally {
      await other.stop();
    }
  });

  it('waitFor resolves on past and future requests and rejects naming what arrived', async () => {
    const past = await sim.waitFor((r) => r.suffix === 'heartbeat', 100);
    assert.equal(past.suffix, 'heartbeat');
    const later = sim.waitFor((r) => r.suffix === 'update_group_measurements' && r.body?.group_id === 'late', 2000);
    await toSim('update_group_measurements', { group_id: 'late', measurements: [{ value: 1, phase: 'ALL', unit: 'WH', direction: 'IMPORT', measure_time: '2026-03-01T00:00:00Z' }] }, { headers: { Authorization: `Token ${sim.tokenB}` } });
    // After DELETE the simulator refuses (403) but still records, so the waiter sees it.
    assert.equal((await later).status, 403);
    await assert.rejects(sim.waitFor(() => false, 50), /no matching request within 50 ms; received: .*heartbeat/);
  });
});
