'use strict';
// OSCP 2.0 (issue 5): CentralSystem as Flexibility Provider, driven black-box by our own Capacity Provider simulator
// (conformance/oscp/cp-simulator.js) on loopback: operator API, register → handshake → heartbeats → forecasts
// (normal, fallback, emergency cut) → silence, the messages the server sends the CP, and end to end down to the
// charging profiles of simulated chargers. Every test has its own peer, group, site and chargers.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');
const { CapacityProviderSimulator, block, RFC3339 } = require('../oscp/cp-simulator');
const fp = require('../oscp/fp');

const MIN = 60e3;
const HOUR = 3600e3;

/** The server must not have sent the simulator anything it had to refuse. */
function assertNoViolations(sim) {
  const bad = sim.violations();
  assert.deepEqual(bad.map((r) => `${r.method} ${r.suffix ?? r.path} → ${r.status}: ${r.errors.join('; ')}`), [], 'requests from the server that a strict CP refuses');
}

function assertMessage(res, what) {
  assert.ok(res.body && typeof res.body.message === 'string' && res.body.message.length > 0, `${what}: {"message"} body expected, got ${res.status} ${res.text}`);
}

/** A CONSUMPTION-style block covering now (from a minute ago) for `hours`. */
const nowBlock = (capacity, unit = 'W', hours = 1) => block(capacity, unit, Date.now() - MIN, Date.now() + hours * HOUR);

/** The site's allocation names the envelope from forecast `requestId` with `quality` in some EVSE's lineage. */
async function expectEnvelopeLineage(siteId, requestId, quality) {
  const alloc = await h.api('GET', `/api/sites/${siteId}/allocation`);
  assert.equal(alloc.status, 200, alloc.text);
  const lineage = [];
  JSON.stringify(alloc.body, (k, v) => {
    // The live API spells enum values in PascalCase ("NodeLimit"), SITE-FORMAT.md in camelCase.
    if (v && typeof v === 'object' && String(v.kind).toLowerCase() === 'envelope') lineage.push(v);
    return v;
  });
  assert.ok(lineage.some((l) => l.sourceRequestId === requestId && String(l.envelopeQuality ?? l.quality).toLowerCase() === quality),
    `an envelope lineage entry naming request ${requestId} (${quality}): ${alloc.text.slice(0, 1500)}`);
}

/** Sends a 3 kW forecast the group cannot meet and returns it with the compliance error it must draw. */
async function forecastThatCannotBeMet(peer) {
  const fc = await peer.sim.forecast(peer.groupId, 'CONSUMPTION', [nowBlock(3, 'KW')]);
  assert.equal(fc.status, 204, fc.text);
  const err = await peer.sim.waitFor((r) => r.suffix === 'group_capacity_compliance_error', 5000);
  assert.deepEqual(err.errors, []);
  assert.equal(err.correlationId, fc.requestId, 'X-Correlation-ID = the forecast X-Request-ID (digest §4.3 SHALL)');
  assert.ok(err.body.message.length > 0);
  return { fc, err };
}

async function chargersWithSessions(t, versions) {
  const list = [];
  for (const version of versions) list.push(await h.registerCharger());
  return {
    ids: list,
    async connect() {
      const clients = [];
      for (let i = 0; i < list.length; i += 1) clients.push(await fp.profiledCharger(t, list[i], versions[i]));
      for (const c of clients) await fp.startSession(c);
      return clients;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('OSCP operator API', () => {
  it('POST /api/oscp/peers: 201 with TOKEN_A and the register URL; GET shows AwaitingRegister; 409 on a duplicate; 400 naming the field; 401 without the API key', async () => {
    const peerId = fp.uid('dso');
    const created = await h.api('POST', '/api/oscp/peers', { peerId, role: 'CapacityProvider' });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.peerId, peerId);
    assert.equal(created.body.role, 'CapacityProvider');
    assert.ok(typeof created.body.token === 'string' && created.body.token.length >= 32, `a token of ≥ 32 characters expected: ${created.text}`);
    assert.match(created.body.registerUrl, /^https?:\/\/[^/]+.*\/oscp\/fp\/2\.0\/register$/, created.text);

    const got = await fp.getPeer(peerId);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.state, 'AwaitingRegister');
    assert.equal(got.body.role, 'CapacityProvider');
    assert.deepEqual(got.body.groups, []);
    assert.equal(JSON.stringify(got.body).includes(created.body.token), false, 'GET must not reveal the token');

    const list = await h.api('GET', '/api/oscp/peers');
    assert.equal(list.status, 200, list.text);
    assert.ok(Array.isArray(list.body) && list.body.some((p) => p.peerId === peerId), `listed: ${list.text.slice(0, 300)}`);

    const dup = await h.api('POST', '/api/oscp/peers', { peerId, role: 'CapacityProvider' });
    assert.equal(dup.status, 409, dup.text);

    for (const [body, field] of [
      [{ role: 'CapacityProvider' }, 'peerid'],
      [{ peerId: '', role: 'CapacityProvider' }, 'peerid'],
      [{ peerId: fp.uid('dso'), role: 'Bogus' }, 'role'],
      [{ peerId: fp.uid('dso'), role: 'capacityprovider' }, 'role'],
    ]) {
      const res = await h.api('POST', '/api/oscp/peers', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.ok(res.body && res.body.errors, `validation problem body expected: ${res.text}`);
      assert.ok(Object.keys(res.body.errors).map((k) => k.toLowerCase()).includes(field), `errors should name ${field}: ${res.text}`);
    }

    const noKey = await h.api('POST', '/api/oscp/peers', { peerId: fp.uid('dso'), role: 'CapacityProvider' }, { apiKey: null });
    assert.equal(noKey.status, 401, noKey.text);
    assert.equal((await fp.getPeer(fp.uid('nobody'))).status, 404);
  });

  it('group bindings: 404 for an unknown peer, 400 for an unknown site or node, 200 then listed on the peer, DELETE 204', async (t) => {
    const peer = await fp.createPeer();
    const siteId = fp.uid('site');
    await fp.putSite(t, siteId, fp.siteJson([]));
    const groupId = fp.uid('grp');

    assert.equal((await fp.bindGroup(fp.uid('nobody'), groupId, siteId, 'grid')).status, 404);
    const noSite = await fp.bindGroup(peer.peerId, groupId, fp.uid('nosite'), 'grid');
    assert.equal(noSite.status, 400, noSite.text);
    const noNode = await fp.bindGroup(peer.peerId, groupId, siteId, 'no-such-node');
    assert.equal(noNode.status, 400, noNode.text);

    const ok = await fp.bindGroup(peer.peerId, groupId, siteId, 'grid');
    assert.equal(ok.status, 200, ok.text);
    const got = await fp.getPeer(peer.peerId);
    assert.deepEqual(got.body.groups, [{ groupId, siteId, nodeId: 'grid' }], got.text);
    const group = await fp.getGroup(groupId);
    assert.equal(group.status, 200, group.text);
    assert.equal(group.body.peerId, peer.peerId);
    assert.equal(group.body.siteId, siteId);
    assert.equal(group.body.nodeId, 'grid');
    assert.equal(group.body.state, 'None', 'no forecast yet');

    const del = await h.api('DELETE', `/api/oscp/peers/${peer.peerId}/groups/${groupId}`);
    assert.equal(del.status, 204, del.text);
    assert.deepEqual((await fp.getPeer(peer.peerId)).body.groups, []);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('OSCP registration (digest §3.1)', () => {
  it('register: 204, then the Register reply (Token TOKEN_B, TOKEN_C, one 2.0 version with our FP base, X-Correlation-ID); TOKEN_A revoked, TOKEN_C works', async (t) => {
    const peer = await fp.createPeer();
    const sim = await new CapacityProviderSimulator({ fpBaseUrl: fp.FP_BASE }).start();
    t.after(() => sim.stop());

    const before = await sim.heartbeat({ offlineModeAt: h.isoAt(60e3) }).catch((e) => e);
    assert.equal(before.status, 401, 'no TOKEN_C yet: a message without Authorization is 401');
    const early = await sim.send('heartbeat', { offline_mode_at: h.isoAt(60e3) }, { token: peer.token });
    assert.equal(early.status, 403, `a non-register message before registration: ${early.status} ${early.text}`);

    const reg = await sim.register(peer.token);
    assert.equal(reg.status, 204, reg.text);
    assert.equal(reg.text, '', '204 has an empty body');

    const reply = await sim.waitFor((r) => r.suffix === 'register', 5000);
    assert.equal(reply.method, 'POST');
    assert.deepEqual(reply.errors, []);
    assert.equal(reply.headers.authorization, `Token ${sim.tokenB}`);
    assert.ok(reply.requestId, 'X-Request-ID');
    assert.equal(reply.correlationId, reg.requestId, 'X-Correlation-ID = our register X-Request-ID');
    assert.ok(reply.at >= reg.sentAt, 'the reply is a separate request');
    const tokenC = reply.body.token;
    assert.ok(tokenC.length >= 32, 'TOKEN_C of ≥ 32 characters');
    assert.notEqual(tokenC, peer.token, 'TOKEN_C is new');
    assert.equal(reply.body.version_url.length, 1, 'only the selected version');
    assert.equal(reply.body.version_url[0].version, '2.0');
    assert.match(reply.body.version_url[0].base_url, /\/oscp\/fp\/2\.0$/);
    assert.equal(`${reply.body.version_url[0].base_url}/register`, peer.registerUrl, 'the reply names the base the register URL was issued under');

    // Registered, and Active as soon as the simulator acknowledges the Handshake the server then sends (digest §3.3).
    const state = await fp.peerUntil(peer.peerId, (p) => p.state === 'Registered' || p.state === 'Active');
    assert.ok(['Registered', 'Active'].includes(state.body.state), state.text);
    const ours = await sim.waitFor((r) => r.suffix === 'handshake', 5000);
    assert.deepEqual(ours.errors, []);
    assert.ok(ours.body.required_behaviour.heartbeat_interval >= 1, `our handshake asks for heartbeats: ${ours.raw}`);
    assert.equal(state.body.version, '2.0');
    assert.equal(state.body.baseUrl, sim.baseUrl);

    const revoked = await sim.send('heartbeat', { offline_mode_at: h.isoAt(60e3) }, { token: peer.token });
    assert.equal(revoked.status, 403, `TOKEN_A after registration: ${revoked.text}`);
    assertMessage(revoked, 'revoked TOKEN_A');
    const again = await sim.register(peer.token);
    assert.equal(again.status, 403, `a second register with the revoked TOKEN_A: ${again.text}`);
    const hb = await sim.heartbeat({ offlineModeAt: h.isoAt(60e3) });
    assert.equal(hb.status, 204, `TOKEN_C: ${hb.text}`);
    assertNoViolations(sim);
    await sim.unregister();
  });

  it('register offering only version 1.0 → 501; TOKEN_A stays valid and a 2.0 register then succeeds', async (t) => {
    const peer = await fp.createPeer();
    const sim = await new CapacityProviderSimulator({ fpBaseUrl: fp.FP_BASE }).start();
    t.after(() => sim.stop());
    const old = await sim.register(peer.token, { versions: [{ version: '1.0', base_url: `${sim.baseUrl.replace('2.0', '1.0')}` }] });
    assert.equal(old.status, 501, old.text);
    assert.equal((await fp.getPeer(peer.peerId)).body.state, 'AwaitingRegister');
    const multi = await sim.register(peer.token, { versions: [{ version: '1.0', base_url: sim.baseUrl.replace('2.0', '1.0') }, { version: '2.0', base_url: sim.baseUrl }] });
    assert.equal(multi.status, 204, multi.text);
    const reply = await sim.waitFor((r) => r.suffix === 'register', 5000);
    assert.deepEqual(reply.body.version_url.map((v) => v.version), ['2.0']);
    assertNoViolations(sim);
    await sim.unregister();
  });

  it('PUT /register rotates TOKEN_B (the server calls with the new one); DELETE /register → Unregistered and TOKEN_C revoked', async (t) => {
    const peer = await fp.registeredPeer(t, { handshake: { heartbeat_interval: 1, measurement_configuration: ['CONTINUOUS'] } });
    const { sim } = peer;
    const oldB = sim.tokenB;
    const put = await sim.updateRegistration();
    assert.equal(put.status, 204, put.text);
    assert.notEqual(sim.tokenB, oldB);
    const since = sim.received.length;
    // The server owes us heartbeats every second: the next ones must carry the new TOKEN_B.
    const next = await sim.waitFor((r) => r.suffix === 'heartbeat', 4000, { since: since + 1 });
    assert.equal(next.headers.authorization, `Token ${sim.tokenB}`, `after PUT /register: ${next.errors.join('; ')}`);

    const beforeDelete = sim.received.length;
    const del = await sim.unregister();
    assert.equal(del.status, 204, del.text);
    const state = await fp.peerUntil(peer.peerId, (p) => p.state === 'Unregistered');
    assert.equal(state.body.state, 'Unregistered', state.text);
    const after = await sim.heartbeat({ offlineModeAt: h.isoAt(60e3) });
    assert.equal(after.status, 403, `TOKEN_C after DELETE /register: ${after.text}`);
    // Heartbeats to an unregistered peer must stop (we would answer 403 to them).
    const mark = sim.received.length;
    await h.sleep(2500);
    assert.deepEqual(sim.received.slice(mark).map((r) => r.suffix), [], 'nothing sent after DELETE /register');
    // Heartbeats already in flight when we unregistered are refused by the simulator; they are no violation.
    assertNoViolations({ violations: () => sim.received.slice(0, beforeDelete).filter((r) => r.status !== 204) });
  });

  it('outbound queue: a Register reply answered 503 is retried until 204 (RegisteredPendingReply meanwhile); one answered 403 flags needsAttention', async (t) => {
    const peer = await fp.createPeer();
    const sim = await new CapacityProviderSimulator({ fpBaseUrl: fp.FP_BASE }).start();
    t.after(() => sim.stop());
    sim.failNext('register', 503);
    const reg = await sim.register(peer.token);
    assert.equal(reg.status, 204, reg.text);
    const refused = await sim.waitFor((r) => r.suffix === 'register', 5000);
    assert.equal(refused.status, 503);
    const pending = await fp.getPeer(peer.peerId);
    assert.equal(pending.body.state, 'RegisteredPendingReply', pending.text);
    const retry = await sim.waitFor((r) => r.suffix === 'register' && r.seq > refused.seq, 15000);
    assert.equal(retry.status, 204, retry.errors.join('; '));
    assert.equal(retry.correlationId, reg.requestId, 'the retry still correlates to our register');
    assert.equal(retry.body.token, refused.body.token, 'the retry carries the same TOKEN_C');
    const done = await fp.peerUntil(peer.peerId, (p) => p.state === 'Registered' || p.state === 'Active');
    assert.ok(['Registered', 'Active'].includes(done.body.state), done.text);
    assertNoViolations(sim);
    await sim.unregister();

    const peer2 = await fp.createPeer();
    const sim2 = await new CapacityProviderSimulator({ fpBaseUrl: fp.FP_BASE }).start();
    t.after(() => sim2.stop());
    sim2.failNext('register', 403);
    assert.equal((await sim2.register(peer2.token)).status, 204);
    await sim2.waitFor((r) => r.suffix === 'register', 5000);
    const flagged = await fp.peerUntil(peer2.peerId, (p) => typeof p.needsAttention === 'string' && p.needsAttention.length > 0);
    assert.ok(flagged.body.needsAttention, `a 403 from the CP needs an operator (digest §7.2): ${flagged.text}`);
    assert.notEqual(flagged.body.state, 'Registered');
    assertNoViolations(sim2);
  });

  it('connection profile: acknowledge at pyoscp\'s path with {}, ReplaceAll forecasts, no measurements; PUT /profile validated', async (t) => {
    const profile = { handshakeAcknowledgePath: 'handshake_acknowledgment', emptyHandshakeAcknowledge: true, replacement: 'ReplaceAll', sendMeasurements: false };
    const peer = await fp.peerWithSite(t, { profile, aliases: { handshake_acknowledgment: 'handshake_acknowledge' } });
    const { sim, groupId } = peer;
    assert.equal(peer.ack.path, '/oscp/cp/2.0/handshake_acknowledgment', 'the profile path');
    assert.equal(peer.ack.raw, '{}', 'the ELMO-style empty acknowledge');
    assert.equal(peer.ack.correlationId, sim.sent.find((x) => x.suffix === 'handshake').requestId);

    sim.stopHeartbeats();
    assert.equal((await sim.heartbeat({ offlineModeAt: new Date(Date.now() + 3 * HOUR).toISOString() })).status, 204);
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    const dayAhead = await sim.forecast(groupId, 'CONSUMPTION', [block(100, 'KW', t0 - MIN, t0 + 2 * HOUR)]);
    assert.equal(dayAhead.status, 204, dayAhead.text);
    const cut = await sim.forecast(groupId, 'CONSUMPTION', [block(30, 'KW', t0 - MIN / 2, t0 + 30 * MIN)]);
    assert.equal(cut.status, 204, cut.text);
    const g = await fp.groupUntil(groupId, (b) => fp.segmentAt(b, Date.now())?.requestId === cut.requestId);
    const later = fp.segmentAt(g.body, t0 + HOUR);
    assert.ok(!later || later.requestId !== dayAhead.requestId, `ReplaceAll drops the day-ahead blocks outside the new span: ${g.text}`);

    await h.sleep(fp.MEASUREMENT_INTERVAL_S * 2000 + 1000);
    assert.equal(sim.requests('update_group_measurements').length, 0, 'sendMeasurements: false');

    const got = await fp.getPeer(peer.peerId);
    assert.equal(got.body.profile?.handshakeAcknowledgePath, 'handshake_acknowledgment', got.text);
    const put = await h.api('PUT', `/api/oscp/peers/${peer.peerId}/profile`, { ...profile, sendMeasurements: true });
    assert.equal(put.status, 200, put.text);
    await sim.waitFor((r) => r.suffix === 'update_group_measurements' && r.body?.group_id === groupId, fp.MEASUREMENT_INTERVAL_S * 2000 + 2000);
    const bad = await h.api('PUT', `/api/oscp/peers/${peer.peerId}/profile`, { ...profile, handshakeAcknowledgePath: '../admin' });
    assert.equal(bad.status, 400, bad.text);
    assert.ok(Object.keys(bad.body?.errors || {}).some((k) => k.toLowerCase().includes('handshakeacknowledgepath')), bad.text);
    assert.equal((await h.api('PUT', `/api/oscp/peers/${fp.uid('nobody')}/profile`, profile)).status, 404);
    assertNoViolations(sim);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('OSCP handshake and heartbeats (digest §3.2, §3.3)', () => {
  it('handshake → 204, then handshake_acknowledge correlated to it and asking for heartbeats; peer Active', async (t) => {
    const peer = await fp.registeredPeer(t, { handshake: null });
    const { sim } = peer;
    const hs = await sim.handshake({ measurement_configuration: ['CONTINUOUS'] });
    assert.equal(hs.status, 204, hs.text);
    const ack = await sim.waitFor((r) => r.suffix === 'handshake_acknowledge', 5000);
    assert.deepEqual(ack.errors, []);
    assert.equal(ack.correlationId, hs.requestId);
    assert.equal(ack.headers.authorization, `Token ${sim.tokenB}`);
    assert.ok(ack.body.required_behaviour, `our acknowledge carries our required behaviour: ${ack.raw}`);
    assert.equal(ack.body.required_behaviour.heartbeat_interval, fp.ASKED_HEARTBEAT_S, 'Oscp:HeartbeatIntervalSeconds');
    assert.ok(Array.isArray(ack.body.required_behaviour.measurement_configuration));

    const state = await fp.peerUntil(peer.peerId, (p) => p.state === 'Active');
    assert.equal(state.body.state, 'Active', state.text);
    assert.equal(state.body.online, true);
    assert.equal(state.body.heartbeatIntervalSeconds, null, 'we asked for no heartbeats');
    assert.equal(state.body.needsAttention, null);

    // A repeated handshake is acknowledged again (digest §3.2 [R]).
    const again = await sim.handshake({ heartbeat_interval: 30, measurement_configuration: [] });
    assert.equal(again.status, 204, again.text);
    await sim.waitFor((r) => r.suffix === 'handshake_acknowledge' && r.correlationId === again.requestId, 5000);
    const updated = await fp.peerUntil(peer.peerId, (p) => p.heartbeatIntervalSeconds === 30);
    assert.equal(updated.body.heartbeatIntervalSeconds, 30, updated.text);

    // Acknowledges from the CP are accepted under every spelling seen in the wild (digest §12 Q1), {} included.
    for (const path of ['handshake_acknowledge', 'handshake_acknowledgment', 'handshake_acknowledgement']) {
      const res = await sim.send(path, { required_behaviour: { measurement_configuration: ['CONTINUOUS'] } });
      assert.equal(res.status, 204, `${path}: ${res.text}`);
    }
    assert.equal((await sim.send('handshake_acknowledge', {})).status, 204);
    assert.equal((await sim.send('handshake_acknowledgment_typo', {})).status, 404);
    assertNoViolations(sim);
  });

  it('the server heartbeats at the interval the CP asked for, offline_mode_at in the future', async (t) => {
    const N = 2;
    const { sim } = await fp.registeredPeer(t, { handshake: { heartbeat_interval: N, measurement_configuration: ['CONTINUOUS'] } });
    const first = await sim.waitFor((r) => r.suffix === 'heartbeat', N * 1000 + 2000);
    await h.sleep(3 * N * 1000 + 400);
    const beats = sim.requests('heartbeat').filter((r) => r.seq >= first.seq);
    assert.ok(beats.length >= 3, `≥ 3 heartbeats in ${3 * N + 0.4} s at ${N} s, got ${beats.length}: ${sim.summary()}`);
    for (const b of beats) {
      assert.deepEqual(b.errors, []);
      assert.match(b.body.offline_mode_at, RFC3339);
      assert.ok(Date.parse(b.body.offline_mode_at) > b.at + N * 1000, `offline_mode_at ${b.body.offline_mode_at} is more than one interval ahead`);
    }
    const gaps = beats.slice(1).map((b, i) => b.at - beats[i].at);
    // One scheduler tick of lateness is tolerable once; a systematically late sender is not "every N s".
    for (const gap of gaps) assert.ok(gap >= N * 1000 - 500 && gap <= N * 1000 + 1100, `heartbeat gaps ${gaps} ms at a ${N} s interval`);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    assert.ok(mean <= N * 1000 + 400, `mean heartbeat gap ${Math.round(mean)} ms (gaps ${gaps}) at a ${N} s interval`);
    for (let i = 1; i < beats.length; i += 1) {
      assert.ok(Date.parse(beats[i].body.offline_mode_at) >= Date.parse(beats[i - 1].body.offline_mode_at), 'offline_mode_at moves forward');
    }
    assertNoViolations(sim);
  });

  it('CP heartbeats: 204, lastHeartbeatAt / offlineModeAt shown; a heartbeat with a bad offline_mode_at is 400', async (t) => {
    const peer = await fp.registeredPeer(t);
    const at = h.isoAt(90e3);
    const hb = await peer.sim.heartbeat({ offlineModeAt: at });
    assert.equal(hb.status, 204, hb.text);
    const state = await fp.peerUntil(peer.peerId, (p) => p.offlineModeAt && Date.parse(p.offlineModeAt) === Date.parse(at));
    assert.equal(Date.parse(state.body.offlineModeAt), Date.parse(at), state.text);
    assert.ok(state.body.lastHeartbeatAt && Math.abs(Date.parse(state.body.lastHeartbeatAt) - hb.sentAt) < 5000, state.text);
    for (const bad of ['2026-03-01 10:02:00', '2026-03-01T10:02:00', 1234]) {
      const res = await peer.sim.send('heartbeat', { offline_mode_at: bad });
      assert.equal(res.status, 400, `offline_mode_at ${JSON.stringify(bad)}: ${res.text}`);
      assertMessage(res, 'bad heartbeat');
    }
    const missing = await peer.sim.send('heartbeat', {});
    assert.equal(missing.status, 400, missing.text);
    assertNoViolations(peer.sim);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('OSCP capacity forecasts (digest §4.1, §7, §8)', () => {
  it('HTTP negative cases (§10): 401 no Authorization, 403 Bearer, 400 no X-Request-ID, 415 text/plain, 404 unknown group, 400 {"message"} bad content', async (t) => {
    const peer = await fp.peerWithSite(t);
    const { sim, groupId } = peer;
    const body = { group_id: groupId, type: 'CONSUMPTION', forecasted_blocks: [nowBlock(50, 'KW')] };
    const cases = [
      ['no Authorization', sim.send('update_group_capacity_forecast', body, { token: null }), 401],
      ['Bearer scheme', sim.send('update_group_capacity_forecast', body, { authorization: `Bearer ${sim.tokenC}` }), 403],
      ['unknown token', sim.send('update_group_capacity_forecast', body, { token: 'not-a-token-we-issued' }), 403],
      ['no X-Request-ID', sim.send('update_group_capacity_forecast', body, { requestId: null }), 400],
      ['Content-Type text/plain', sim.send('update_group_capacity_forecast', body, { contentType: 'text/plain' }), 415],
      ['unknown group', sim.forecast(fp.uid('nogroup'), 'CONSUMPTION', body.forecasted_blocks), 404],
      ['malformed JSON', sim.send('update_group_capacity_forecast', '{"group_id":"x","type":'), 400],
      ['lower-case type', sim.forecast(groupId, 'consumption', body.forecasted_blocks), 400],
      ['unit kW', sim.forecast(groupId, 'CONSUMPTION', [{ ...body.forecasted_blocks[0], unit: 'kW' }]), 400],
      ['capacity as a string', sim.forecast(groupId, 'CONSUMPTION', [{ ...body.forecasted_blocks[0], capacity: '50' }]), 400],
      ['negative capacity', sim.forecast(groupId, 'CONSUMPTION', [{ ...body.forecasted_blocks[0], capacity: -5 }]), 400],
      ['no blocks', sim.forecast(groupId, 'CONSUMPTION', []), 400],
      ['time without offset', sim.forecast(groupId, 'CONSUMPTION', [{ ...body.forecasted_blocks[0], start_time: '2026-03-01T00:00:00' }]), 400],
      ['end before start', sim.forecast(groupId, 'CONSUMPTION', [block(50, 'KW', Date.now() + HOUR, Date.now())]), 400],
      ['overlapping same-phase blocks', sim.forecast(groupId, 'CONSUMPTION', [nowBlock(50, 'KW'), nowBlock(40, 'KW')]), 400],
    ];
    const problems = [];
    for (const [label, promise, expected] of cases) {
      const res = await promise;
      if (res.status !== expected) problems.push(`${label}: expected ${expected}, got ${res.status} ${res.text}`);
      else if (expected === 400 || expected === 404) {
        if (!(res.body && typeof res.body.message === 'string' && res.body.message)) problems.push(`${label}: no {"message"} body: ${res.text}`);
      }
    }
    assert.deepEqual(problems, []);
    const group = await fp.getGroup(groupId);
    assert.equal(group.body.state, 'None', `none of the refused forecasts may be applied: ${group.text}`);
    assertNoViolations(sim);
  });

  it('a group bound to another peer is refused (403/404), and a forecast from a CapacityOptimizer token is 403', async (t) => {
    const owner = await fp.peerWithSite(t);
    const other = await fp.registeredPeer(t);
    const stranger = await other.sim.forecast(owner.groupId, 'CONSUMPTION', [nowBlock(50, 'KW')]);
    assert.ok([403, 404].includes(stranger.status), `another CP's group: ${stranger.status} ${stranger.text}`);
    const co = await fp.registeredPeer(t, { role: 'CapacityOptimizer' });
    const fromCo = await co.sim.forecast(owner.groupId, 'CONSUMPTION', [nowBlock(50, 'KW')]);
    assert.equal(fromCo.status, 403, `UGCF from a CO token: ${fromCo.text}`);
    assert.equal((await fp.getGroup(owner.groupId)).body.state, 'None');
  });

  it('CONSUMPTION forecast → 204, envelope Active with a W timeline naming the request id; a duplicate X-Request-ID is 204 and not re-applied', async (t) => {
    const { sim, groupId, peerId } = await fp.peerWithSite(t);
    const first = await sim.forecast(groupId, 'CONSUMPTION', [nowBlock(40, 'KW')]);
    assert.equal(first.status, 204, first.text);
    assert.equal(first.text, '');
    const active = await fp.groupUntil(groupId, (g) => g.state === 'Active');
    assert.equal(active.body.state, 'Active', active.text);
    assert.equal(active.body.peerId, peerId);
    const seg = fp.segmentAt(active.body, Date.now());
    assert.ok(seg, `a timeline segment covering now: ${active.text}`);
    assert.equal(seg.importW, 40000);
    assert.equal(seg.mode, 'Normal');
    assert.equal(seg.requestId, first.requestId);
    assert.equal(seg.fresh, true);
    assert.ok(Math.abs(seg.importA - 40000 / (3 * fp.VOLTAGE)) < 0.6, `importA per phase ≈ 58 A: ${JSON.stringify(seg)}`);

    const dup = await sim.forecast(groupId, 'CONSUMPTION', [nowBlock(10, 'KW')], { requestId: first.requestId });
    assert.equal(dup.status, 204, `duplicate X-Request-ID: ${dup.text}`);
    await h.sleep(300);
    const after = await fp.getGroup(groupId);
    assert.equal(fp.segmentAt(after.body, Date.now()).importW, 40000, `the duplicate must not be re-applied: ${after.text}`);
    assertNoViolations(sim);
  });

  it('emergency cut: a same-day forecast replaces only its own span (day-ahead kept outside it); amps and per-phase blocks normalised', async (t) => {
    const { sim, groupId } = await fp.peerWithSite(t);
    // The timeline projects the fallback from offline_mode_at on: promise a long presence so the day-ahead part after
    // the cut is visible.
    sim.stopHeartbeats();
    assert.equal((await sim.heartbeat({ offlineModeAt: new Date(Date.now() + 3 * HOUR).toISOString() })).status, 204);
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    const dayAhead = await sim.forecast(groupId, 'CONSUMPTION', [
      block(100, 'KW', t0 - MIN, t0 + HOUR),
      block(100, 'KW', t0 + HOUR, t0 + 2 * HOUR),
    ]);
    assert.equal(dayAhead.status, 204, dayAhead.text);
    const cut = await sim.forecast(groupId, 'CONSUMPTION', [block(30000, 'W', t0 - MIN / 2, t0 + 90 * MIN)]);
    assert.equal(cut.status, 204, cut.text);
    const g = await fp.groupUntil(groupId, (b) => fp.segmentAt(b, Date.now())?.requestId === cut.requestId);
    const nowSeg = fp.segmentAt(g.body, Date.now());
    assert.ok(nowSeg && nowSeg.importW === 30000 && nowSeg.requestId === cut.requestId, `the cut is in force now: ${g.text}`);
    const later = fp.segmentAt(g.body, t0 + 100 * MIN);
    assert.ok(later && later.importW === 100000 && later.requestId === dayAhead.requestId, `the day-ahead block after the cut is kept: ${g.text}`);

    // Per-phase amps: 16 A on ALL phases ≙ 3 × 230 V × 16 A.
    const amps = await sim.forecast(groupId, 'CONSUMPTION', [block(16, 'A', t0 - MIN / 4, t0 + 30 * MIN)]);
    assert.equal(amps.status, 204, amps.text);
    const ga = await fp.groupUntil(groupId, (b) => fp.segmentAt(b, Date.now())?.requestId === amps.requestId);
    const seg = fp.segmentAt(ga.body, Date.now());
    assert.ok(seg && Math.abs(seg.importA - 16) < 0.01 && Math.abs(seg.importW - 3 * fp.VOLTAGE * 16) < 1, `16 A ALL: ${ga.text}`);
    assertNoViolations(sim);
  });

  it('lifecycle: a future block is Pending, Active from its start, Expired after its end (edges fire on time)', async (t) => {
    const { sim, groupId } = await fp.peerWithSite(t);
    sim.stopHeartbeats();
    assert.equal((await sim.heartbeat({ offlineModeAt: new Date(Date.now() + HOUR).toISOString() })).status, 204);
    const start = Math.ceil((Date.now() + 2500) / 1000) * 1000;
    const end = start + 3000;
    const fc = await sim.forecast(groupId, 'CONSUMPTION', [block(20, 'KW', start, end)]);
    assert.equal(fc.status, 204, fc.text);
    const pending = await fp.groupUntil(groupId, (g) => g.state === 'Pending', 1000);
    assert.equal(pending.body.state, 'Pending', pending.text);
    const active = await fp.groupUntil(groupId, (g) => g.state === 'Active', start - Date.now() + 1500);
    assert.equal(active.body.state, 'Active', active.text);
    assert.ok(Date.now() >= start - 200, 'not Active before the block starts');
    assert.equal(fp.segmentAt(active.body, Date.now())?.importW, 20000);
    const expired = await fp.groupUntil(groupId, (g) => g.state === 'Expired', end - Date.now() + 1500);
    assert.equal(expired.body.state, 'Expired', `${Date.now() - end} ms after the block ended (${new Date(end).toISOString()}): ${expired.text}`);
    assert.ok(Date.now() >= end - 200, 'not Expired before the block ends');
    assertNoViolations(sim);
  });

  it('edges of many groups at the same instant all fire: 8 groups go Active at their common start and Expired at their common end', async (t) => {
    const peers = await Promise.all(Array.from({ length: 8 }, () => fp.peerWithSite(t)));
    await Promise.all(peers.map(async ({ sim }) => {
      sim.stopHeartbeats();
      assert.equal((await sim.heartbeat({ offlineModeAt: new Date(Date.now() + HOUR).toISOString() })).status, 204);
    }));
    const start = Math.ceil((Date.now() + 2500) / 1000) * 1000;
    const end = start + 3000;
    const sent = await Promise.all(peers.map(({ sim, groupId }) => sim.forecast(groupId, 'CONSUMPTION', [block(20, 'KW', start, end)])));
    assert.deepEqual(sent.map((r) => r.status), sent.map(() => 204));
    const states = async () => Promise.all(peers.map(async ({ groupId }) => (await fp.getGroup(groupId)).body?.state));
    await h.sleep(Math.max(0, start - Date.now() + 1000));
    assert.deepEqual(await states(), peers.map(() => 'Active'), '1 s after the common start');
    await h.sleep(Math.max(0, end - Date.now() + 1500));
    const late = await states();
    assert.deepEqual(late.map((st, i) => `${peers[i].groupId}: ${st}`), peers.map((p) => `${p.groupId}: Expired`), '1.5 s after the common end');
    for (const p of peers) assertNoViolations(p.sim);
  });

  it('a gap between CONSUMPTION blocks is covered by FALLBACK_CONSUMPTION (mode Gap), never unlimited', async (t) => {
    const { sim, groupId } = await fp.peerWithSite(t);
    sim.stopHeartbeats();
    assert.equal((await sim.heartbeat({ offlineModeAt: new Date(Date.now() + 2 * HOUR).toISOString() })).status, 204);
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    const fc = await sim.forecast(groupId, 'CONSUMPTION', [block(40, 'KW', t0 - MIN, t0 + 10 * MIN), block(40, 'KW', t0 + 20 * MIN, t0 + HOUR)]);
    assert.equal(fc.status, 204, fc.text);
    const fb = await sim.forecast(groupId, 'FALLBACK_CONSUMPTION', [block(5, 'KW', t0 - MIN, t0 + HOUR)]);
    assert.equal(fb.status, 204, fb.text);
    const g = await fp.groupUntil(groupId, (b) => fp.segmentAt(b, t0 + 15 * MIN)?.requestId === fb.requestId);
    const gap = fp.segmentAt(g.body, t0 + 15 * MIN);
    assert.ok(gap && gap.mode === 'Gap' && gap.importW === 5000, `the gap uses FALLBACK_CONSUMPTION: ${g.text}`);
    const after = fp.segmentAt(g.body, t0 + 30 * MIN);
    assert.ok(after && after.mode === 'Normal' && after.importW === 40000 && after.requestId === fc.requestId, `after the gap: ${g.text}`);
    assertNoViolations(sim);
  });

  it('DELETE /register withdraws the peer\'s envelopes (state Withdrawn)', async (t) => {
    const { sim, groupId } = await fp.peerWithSite(t);
    const fc = await sim.forecast(groupId, 'CONSUMPTION', [nowBlock(20, 'KW')]);
    assert.equal(fc.status, 204, fc.text);
    await fp.groupUntil(groupId, (g) => g.state === 'Active');
    sim.stopHeartbeats();
    assert.equal((await sim.unregister()).status, 204);
    const g = await fp.groupUntil(groupId, (b) => b.state === 'Withdrawn', 3000);
    assert.equal(g.body.state, 'Withdrawn', g.text);
  });

  it('adjust: POST /api/oscp/groups/{id}/adjust → 202 {requestId}; the CP receives adjust_group_capacity_forecast; the envelope is unchanged', async (t) => {
    const { sim, groupId } = await fp.peerWithSite(t);
    const fc = await sim.forecast(groupId, 'CONSUMPTION', [nowBlock(20, 'KW')]);
    assert.equal(fc.status, 204, fc.text);
    await fp.groupUntil(groupId, (g) => g.state === 'Active');
    const blocks = [nowBlock(60, 'KW', 2)];
    const res = await h.api('POST', `/api/oscp/groups/${groupId}/adjust`, { type: 'CONSUMPTION', forecasted_blocks: blocks });
    assert.equal(res.status, 202, res.text);
    assert.ok(res.body && res.body.requestId, res.text);
    const adj = await sim.waitFor((r) => r.suffix === 'adjust_group_capacity_forecast', 5000);
    assert.deepEqual(adj.errors, []);
    assert.equal(adj.requestId, res.body.requestId, 'X-Request-ID = the requestId the API returned');
    assert.equal(adj.body.group_id, groupId);
    assert.equal(adj.body.type, 'CONSUMPTION');
    assert.deepEqual(adj.body.forecasted_blocks.map((b) => [b.capacity, b.unit, b.phase, Date.parse(b.start_time), Date.parse(b.end_time)]),
      blocks.map((b) => [b.capacity, b.unit, b.phase, Date.parse(b.start_time), Date.parse(b.end_time)]));
    const g = await fp.getGroup(groupId);
    assert.equal(fp.segmentAt(g.body, Date.now()).importW, 20000, 'the adjust request itself changes nothing (digest §4.2)');

    const bad = await h.api('POST', `/api/oscp/groups/${groupId}/adjust`, { type: 'LIMIT', forecasted_blocks: blocks });
    assert.equal(bad.status, 400, bad.text);
    const unknown = await h.api('POST', `/api/oscp/groups/${fp.uid('nogroup')}/adjust`, { type: 'CONSUMPTION', forecasted_blocks: blocks });
    assert.equal(unknown.status, 404, unknown.text);
    assertNoViolations(sim);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('OSCP end to end: forecasts to charging profiles, silence, measurements', () => {
  it('a CONSUMPTION forecast lowering the grid connection makes both chargers (1.6 and 2.0.1) receive lower profiles within 1 s of the 204', async (t) => {
    const chargers = await chargersWithSessions(t, [h.V16, h.V201]);
    const peer = await fp.peerWithSite(t, { chargers: chargers.ids, gridA: 64 });
    // A generous day-ahead forecast first (60 kW ≙ 87 A, above the 64 A grid connection): the site limit binds.
    const dayAhead = await peer.sim.forecast(peer.groupId, 'CONSUMPTION', [nowBlock(60, 'KW')]);
    assert.equal(dayAhead.status, 204, dayAhead.text);
    const clients = await chargers.connect();
    const initial = [];
    for (const c of clients) initial.push(await c.profileWhere((p) => p.purpose === 'TxProfile' && p.limit >= 30, 8000));
    await h.sleep(500); // let the first allocation settle before we time the next one
    const marks = clients.map((c) => c.profiles.length);

    // 11,040 W on the grid connection ≙ 16 A per phase at 230 V: 8 A each.
    const fc = await peer.sim.forecast(peer.groupId, 'CONSUMPTION', [nowBlock(11040, 'W')]);
    assert.equal(fc.status, 204, fc.text);
    const lowered = await Promise.all(clients.map((c, i) =>
      c.profileWhere((p) => p.purpose === 'TxProfile' && p.limit < initial[i].limit, 3000, marks[i])));
    for (const [i, p] of lowered.entries()) {
      const delay = p.at - fc.answeredAt;
      assert.ok(delay <= 1000, `${clients[i].chargerId} (${clients[i].protocol}): lower profile ${p.limit} ${p.unit} ${delay} ms after the 204 (≤ 1000 ms)`);
      assert.equal(p.unit, 'A');
    }
    assert.ok(lowered.reduce((s, p) => s + p.limit, 0) <= 16.01, `the two together stay within 16 A: ${lowered.map((p) => p.limit)}`);

    await expectEnvelopeLineage(peer.siteId, fc.requestId, 'fresh');
    assertNoViolations(peer.sim);
  });

  it('a forecast below the minimum currents of the running sessions → group_capacity_compliance_error correlated to it', async (t) => {
    const chargers = await chargersWithSessions(t, [h.V201, h.V201]);
    const peer = await fp.peerWithSite(t, { chargers: chargers.ids });
    const clients = await chargers.connect();
    for (const c of clients) await c.profileWhere((p) => p.purpose === 'TxProfile', 8000);
    // Two 3-phase sessions at 6 A minimum need 2 × 6 A × 3 × 230 V = 8,280 W; 3 kW cannot be met.
    const { err } = await forecastThatCannotBeMet(peer);
    if (err.body.forecasted_blocks) assert.ok(err.body.forecasted_blocks.every((b) => b.capacity === 3 && b.unit === 'KW'), `the blocks we cannot meet: ${err.raw}`);
    const g = await fp.groupUntil(peer.groupId, (b) => b.compliance && b.compliance.allowedW === 3000);
    assert.equal(g.body.compliance?.allowedW, 3000, g.text);
    assertNoViolations(peer.sim);
  });

  it('non-EV load that alone exceeds the forecast → group_capacity_compliance_error correlated to it, compliance shown', async (t) => {
    // 5 kW of reserved office load under the grid connection cannot be shed; 3 kW cannot be met.
    const peer = await fp.peerWithSite(t, { siteLoads: [{ id: 'office', node: 'grid', reservedPowerW: 5000 }] });
    await forecastThatCannotBeMet(peer);
    const g = await fp.groupUntil(peer.groupId, (b) => b.compliance && b.compliance.compliant === false);
    assert.equal(g.body.compliance?.compliant, false, g.text);
    assert.equal(g.body.compliance.allowedW, 3000, g.text);
    await h.sleep(1500);
    assert.equal(peer.sim.requests('group_capacity_compliance_error').length, 1, 'one compliance error per forecast');
    assertNoViolations(peer.sim);
  });

  it('a silent CP: FALLBACK_CONSUMPTION applies within one heartbeat window after offline_mode_at (ActiveFallback, lower profile); the next heartbeat restores Active', async (t) => {
    const chargers = await chargersWithSessions(t, [h.V201]);
    // Heartbeats every second with offline_mode_at 2 s ahead; the last one we send also says 2 s, so the silence
    // starts at a moment we know and offline_mode_at never moves backwards.
    const hbS = 2;
    const peer = await fp.peerWithSite(t, { chargers: chargers.ids, heartbeatS: 1 });
    const [client] = await chargers.connect();
    // 20,700 W ≙ 30 A per phase online; the fallback 6,900 W ≙ 10 A.
    const normal = await peer.sim.forecast(peer.groupId, 'CONSUMPTION', [nowBlock(20700, 'W')]);
    assert.equal(normal.status, 204, normal.text);
    const fallback = await peer.sim.forecast(peer.groupId, 'FALLBACK_CONSUMPTION', [nowBlock(6900, 'W')]);
    assert.equal(fallback.status, 204, fallback.text);
    await client.profileWhere((p) => p.purpose === 'TxProfile' && p.limit >= 29 && p.limit <= 30.5, 8000);
    const active = await fp.groupUntil(peer.groupId, (g) => g.state === 'Active');
    assert.equal(active.body.state, 'Active', active.text);

    const window = Math.max(hbS, fp.ASKED_HEARTBEAT_S) * 1000;
    peer.sim.stopHeartbeats();
    const hb = await peer.sim.heartbeat({ offlineModeAt: new Date(Date.now() + hbS * 1000).toISOString() });
    assert.equal(hb.status, 204);
    const offlineAt = Date.parse(peer.sim.lastOfflineModeAt);
    const mark = client.profiles.length;
    const premature = await fp.getGroup(peer.groupId);
    assert.equal(premature.body.state, 'Active', 'not offline before offline_mode_at');

    const fb = await fp.groupUntil(peer.groupId, (g) => g.state === 'ActiveFallback', offlineAt + window - Date.now() + 500, 100);
    const seenAt = Date.now();
    assert.equal(fb.body.state, 'ActiveFallback', `ActiveFallback by offline_mode_at + ${window} ms: ${fb.text}`);
    assert.ok(seenAt >= offlineAt - 200, `fallback ${offlineAt - seenAt} ms before offline_mode_at`);
    const seg = fp.segmentAt(fb.body, Date.now());
    assert.ok(seg && seg.mode === 'Fallback' && seg.importW === 6900 && seg.requestId === fallback.requestId && seg.fresh === false, `fallback segment: ${fb.text}`);
    const lowered = await client.profileWhere((p) => p.purpose === 'TxProfile' && p.limit <= 10.5, Math.max(offlineAt + window + 1000 - Date.now(), 1500), mark);
    assert.ok(lowered.at <= offlineAt + window + 1000, `fallback profile ${lowered.at - offlineAt} ms after offline_mode_at`);
    await expectEnvelopeLineage(peer.siteId, fallback.requestId, 'fallback');
    const peerState = await fp.getPeer(peer.peerId);
    assert.equal(peerState.body.state, 'Offline', peerState.text);
    assert.equal(peerState.body.online, false);

    const back = await peer.sim.heartbeat({ offlineModeAt: new Date(Date.now() + 60e3).toISOString() });
    assert.equal(back.status, 204, back.text);
    const restored = await fp.groupUntil(peer.groupId, (g) => g.state === 'Active', 2000);
    assert.equal(restored.body.state, 'Active', `back to Active on the next heartbeat: ${restored.text}`);
    await client.profileWhere((p) => p.purpose === 'TxProfile' && p.limit >= 29, 3000, mark);
    assert.equal((await fp.getPeer(peer.peerId)).body.state, 'Active');
    assertNoViolations(peer.sim);
  });

  it(`update_group_measurements reach the CP every Oscp:MeasurementIntervalSeconds (${fp.MEASUREMENT_INTERVAL_S} s) with the group id`, async (t) => {
    const chargers = await chargersWithSessions(t, [h.V16]);
    const peer = await fp.peerWithSite(t, { chargers: chargers.ids });
    const [client] = await chargers.connect();
    await client.call('MeterValues', { connectorId: 1, meterValue: [{ timestamp: h.isoAt(), sampledValue: [{ value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] });
    const intervalMs = fp.MEASUREMENT_INTERVAL_S * 1000;
    const mine = (r) => r.suffix === 'update_group_measurements' && r.body?.group_id === peer.groupId;
    const first = await peer.sim.waitFor(mine, intervalMs * 2 + 3000);
    await h.sleep(intervalMs * 3 + 500);
    const list = peer.sim.received.filter((r) => r.seq >= first.seq && mine(r));
    assert.ok(list.length >= 3, `≥ 3 measurements in ${3.25 * fp.MEASUREMENT_INTERVAL_S} s, got ${list.length}: ${peer.sim.summary()}`);
    const gaps = list.slice(1).map((m, i) => m.at - list[i].at);
    for (const gap of gaps) assert.ok(gap >= intervalMs - 500 && gap <= intervalMs + 1100, `measurement gaps ${gaps} ms at a ${intervalMs} ms interval`);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    assert.ok(mean <= intervalMs + 400, `mean measurement gap ${Math.round(mean)} ms (gaps ${gaps}) at a ${intervalMs} ms interval`);
    for (const m of list) {
      assert.deepEqual(m.errors, []);
      assert.equal(m.headers.authorization, `Token ${peer.sim.tokenB}`);
      for (const e of m.body.measurements) assert.ok(Date.parse(e.measure_time) <= m.at + 1000, 'measure_time not in the future');
    }
    assertNoViolations(peer.sim);
  });

  it('a CP that asked for INTERMITTENT measurements gets initial_measure_time on each (digest §5.1)', async (t) => {
    const peer = await fp.peerWithSite(t, { handshake: { measurement_configuration: ['INTERMITTENT'] } });
    const m = await peer.sim.waitFor((r) => r.suffix === 'update_group_measurements' && r.body?.group_id === peer.groupId, fp.MEASUREMENT_INTERVAL_S * 2000 + 3000);
    assert.deepEqual(m.errors, []);
    for (const e of m.body.measurements) assert.match(e.initial_measure_time, RFC3339);
    assertNoViolations(peer.sim);
  });
});
