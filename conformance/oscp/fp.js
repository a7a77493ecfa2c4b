'use strict';
// Glue between the CP simulator and the server under test: the OSCP operator API (peers, group bindings, envelope
// view, adjust), a smart-charging site whose grid connection a group is bound to, and chargers that record the
// charging profiles the dispatcher sends them.

const assert = require('node:assert/strict');
const h = require('../lib/csms');
const { CapacityProviderSimulator } = require('./cp-simulator');

const FP_BASE = `${h.BASE_URL}/oscp/fp/2.0`;
/** Server options conformance/run.sh starts with (override when testing another server). */
const MEASUREMENT_INTERVAL_S = Number(process.env.CSMS_OSCP_MEASUREMENT_SECONDS || 2);
const ASKED_HEARTBEAT_S = Number(process.env.CSMS_OSCP_HEARTBEAT_SECONDS || 3);
const VOLTAGE = 230;

let counter = 0;
function uid(tag) {
  counter += 1;
  return `${tag}-${h.RUN_ID}-${counter}`;
}

function describe(res) {
  return `${res.status} ${res.text ?? ''}`.trim();
}

function expectStatus(res, expected, what) {
  const list = Array.isArray(expected) ? expected : [expected];
  assert.ok(list.includes(res.status), `${what}: expected ${list.join('/')}, got ${describe(res)}`);
  return res;
}

// -----------------------------------------------------------------------------------------------------------------
// Operator API

async function createPeer(role = 'CapacityProvider', peerId = uid('dso'), profile) {
  const res = await h.api('POST', '/api/oscp/peers', { peerId, role, ...(profile ? { profile } : {}) });
  expectStatus(res, 201, `POST /api/oscp/peers ${peerId}`);
  return { peerId, ...res.body };
}

const getPeer = (peerId) => h.api('GET', `/api/oscp/peers/${encodeURIComponent(peerId)}`);
const getGroup = (groupId) => h.api('GET', `/api/oscp/groups/${encodeURIComponent(groupId)}`);
const bindGroup = (peerId, groupId, siteId, nodeId) =>
  h.api('PUT', `/api/oscp/peers/${encodeURIComponent(peerId)}/groups/${encodeURIComponent(groupId)}`, { siteId, nodeId });

/** Polls GET /api/oscp/groups/{id} until `accept(body)`; returns the last response (status, body). */
function groupUntil(groupId, accept, timeoutMs = 5000, intervalMs = 100) {
  return h.eventually(() => getGroup(groupId), (r) => r.status === 200 && accept(r.body), { timeoutMs, intervalMs });
}

function peerUntil(peerId, accept, timeoutMs = 5000) {
  return h.eventually(() => getPeer(peerId), (r) => r.status === 200 && accept(r.body), { timeoutMs });
}

/** The timeline segment in force at `ms` (epoch ms); `to` null/absent means open-ended. */
function segmentAt(group, ms) {
  return (group?.timeline || []).find((s) => Date.parse(s.from) <= ms && (s.to == null || ms < Date.parse(s.to)));
}

// -----------------------------------------------------------------------------------------------------------------
// Sites and chargers

/** A site: root → grid connection `grid` (3-phase, `gridA` per phase) → one AC charger per id with one EVSE. */
function siteJson(chargerIds, { gridA = 64, siteLoads } = {}) {
  return {
    ...(siteLoads ? { siteLoads } : {}),
    settings: { nominalVoltageV: VOLTAGE },
    nodes: [
      { id: 'root', kind: 'site' },
      { id: 'grid', parent: 'root', kind: 'gridConnection', import: { currentA: gridA } },
      ...chargerIds.map((id) => ({ id, parent: 'grid', kind: 'charger', supply: 'AC', import: { currentA: 32 }, safeImport: { currentA: 8 } })),
    ],
    evses: chargerIds.map((id) => ({ id: `${id}/1`, parent: id, phases: 3, minCurrentA: 6, maxCurrentA: 32 })),
  };
}

async function putSite(t, siteId, json) {
  const res = await h.api('PUT', `/api/sites/${encodeURIComponent(siteId)}`, json);
  expectStatus(res, 200, `PUT /api/sites/${siteId}`);
  t.after(() => h.api('DELETE', `/api/sites/${encodeURIComponent(siteId)}`).catch(() => {}));
}

/** The limit in force now of a SetChargingProfile payload (either version), with purpose and unit. */
function profileOf(params) {
  const profile = params.csChargingProfiles || params.chargingProfile;
  const schedule = Array.isArray(profile.chargingSchedule) ? profile.chargingSchedule[0] : profile.chargingSchedule;
  const start = schedule.startSchedule ? Date.parse(schedule.startSchedule) : null;
  let period = schedule.chargingSchedulePeriod[0];
  if (start !== null) {
    for (const p of schedule.chargingSchedulePeriod) if (start + p.startPeriod * 1000 <= Date.now()) period = p;
  }
  return { purpose: profile.chargingProfilePurpose, unit: schedule.chargingRateUnit, limit: period.limit, stackLevel: profile.stackLevel, raw: params };
}

/**
 * Connects a registered charger (ocpp-rpc strict), answers SetChargingProfile/ClearChargingProfile Accepted and
 * records each profile with its arrival time; boots it.
 */
async function profiledCharger(t, charger, version) {
  const client = await h.connect(t, { version, charger });
  const profiles = [];
  const waiters = [];
  client.handle('SetChargingProfile', ({ params }) => {
    profiles.push({ ...profileOf(params), at: Date.now() });
    for (const w of waiters.slice()) w();
    return { status: 'Accepted' };
  });
  client.handle('ClearChargingProfile', () => ({ status: 'Accepted' }));
  // The dispatcher asks which rate unit a charger takes; these AC chargers answer amps, like the site says.
  client.handle('GetConfiguration', ({ params }) => {
    const keys = params.key || ['ChargingScheduleAllowedChargingRateUnit'];
    const known = keys.filter((k) => k === 'ChargingScheduleAllowedChargingRateUnit');
    return {
      configurationKey: known.map((key) => ({ key, readonly: true, value: 'Current' })),
      unknownKey: keys.filter((k) => !known.includes(k)),
    };
  });
  client.handle('GetVariables', ({ params }) => ({
    getVariableResult: params.getVariableData.map((d) => (d.variable.name === 'RateUnit'
      ? { attributeStatus: 'Accepted', attributeValue: 'A', component: d.component, variable: d.variable }
      : { attributeStatus: 'UnknownVariable', component: d.component, variable: d.variable })),
  }));
  client.profiles = profiles;
  /** Resolves with the first profile from index `since` matching `pred`; rejects after `timeoutMs`. */
  client.profileWhere = (pred, timeoutMs = 5000, since = 0) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = profiles.slice(since).find(pred);
        if (!found) return false;
        const i = waiters.indexOf(check);
        if (i >= 0) waiters.splice(i, 1);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        const i = waiters.indexOf(check);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`${client.chargerId}: no matching SetChargingProfile within ${timeoutMs} ms; got ${JSON.stringify(profiles.slice(since).map((p) => [p.purpose, p.limit, p.unit]))}`));
      }, timeoutMs);
      if (!check()) waiters.push(check);
    });
  await h.bootNotification(client);
  return client;
}

/** Starts a charging session on EVSE/connector 1 with an Accepted id token. */
async function startSession(client) {
  const tag = h.uniqueToken('O');
  await h.registerIdToken(tag, 'Accepted');
  const now = h.isoAt();
  if (client.protocol === h.V16) {
    await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: now });
    const res = await client.call('StartTransaction', { connectorId: 1, idTag: tag, meterStart: 0, timestamp: now });
    return String(res.transactionId);
  }
  const transactionId = `tx-${h.RUN_ID}-${(counter += 1)}`;
  await client.call('TransactionEvent', {
    eventType: 'Started',
    timestamp: now,
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId, chargingState: 'Charging' },
    evse: { id: 1, connectorId: 1 },
    idToken: { idToken: tag, type: 'ISO14443' },
  });
  return transactionId;
}

// -----------------------------------------------------------------------------------------------------------------
// Peers

/**
 * A capacity provider that is registered with the server (digest §3.1 steps 1–5) and, unless `handshake: null`,
 * has handshaken with `handshake` as its required behaviour. The simulator unregisters and stops when the test ends.
 */
async function registeredPeer(t, { handshake = { measurement_configuration: ['CONTINUOUS'] }, role = 'CapacityProvider', profile, aliases } = {}) {
  const peer = await createPeer(role, undefined, profile);
  const sim = await new CapacityProviderSimulator({ fpBaseUrl: FP_BASE, aliases }).start();
  t.after(async () => {
    sim.stopHeartbeats();
    if (sim.tokenC && !sim.revoked) await sim.unregister().catch(() => {});
    await sim.stop();
  });
  const reg = await sim.register(peer.token);
  expectStatus(reg, 204, 'POST /register with TOKEN_A');
  const reply = await sim.waitFor((r) => r.suffix === 'register' && r.method === 'POST', 5000);
  assert.equal(reply.status, 204, `the server's Register reply was refused: ${reply.errors.join('; ')}`);
  let ack;
  if (handshake !== null) {
    const hs = await sim.handshake(handshake);
    expectStatus(hs, 204, 'POST /handshake');
    ack = await sim.waitFor((r) => r.suffix === 'handshake_acknowledge' && r.correlationId === hs.requestId, 5000);
  }
  return { ...peer, sim, registerRequestId: reg.requestId, reply, ack };
}

/** A registered, handshaken, heartbeating peer whose new group is bound to the `grid` node of a new site. */
async function peerWithSite(t, { chargers = [], gridA = 64, heartbeatS = 2, handshake, siteLoads, profile, aliases } = {}) {
  const peer = await registeredPeer(t, { ...(handshake === undefined ? {} : { handshake }), profile, aliases });
  if (heartbeatS) peer.sim.startHeartbeats(heartbeatS);
  const siteId = uid('site');
  await putSite(t, siteId, siteJson(chargers.map((c) => c.id), { gridA, siteLoads }));
  const groupId = uid('grp');
  expectStatus(await bindGroup(peer.peerId, groupId, siteId, 'grid'), 200, `PUT group binding ${groupId}`);
  t.after(() => h.api('DELETE', `/api/oscp/peers/${encodeURIComponent(peer.peerId)}/groups/${encodeURIComponent(groupId)}`).catch(() => {}));
  return { ...peer, siteId, groupId };
}

module.exports = {
  FP_BASE,
  MEASUREMENT_INTERVAL_S,
  ASKED_HEARTBEAT_S,
  VOLTAGE,
  uid,
  expectStatus,
  createPeer,
  getPeer,
  getGroup,
  bindGroup,
  groupUntil,
  peerUntil,
  segmentAt,
  siteJson,
  putSite,
  profileOf,
  profiledCharger,
  startSession,
  registeredPeer,
  peerWithSite,
};
