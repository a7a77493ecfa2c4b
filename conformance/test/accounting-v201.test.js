'use strict';
// OCPP 2.0.1 E01–E07 TransactionEvent Started / Updated / Ended mapped onto sessions: energy from the
// Energy.Active.Import.Register samples, stoppedReason (default Local), retries by seqNo, offline events.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');

const HOUR = 3600e3;

function closeTo(actual, expectedIso, label, toleranceMs = 1000) {
  assert.ok(actual, `${label} missing`);
  const delta = Math.abs(Date.parse(actual) - Date.parse(expectedIso));
  assert.ok(delta <= toleranceMs, `${label}: ${actual} differs from ${expectedIso} by ${delta} ms`);
}

function energySample(value, context, timestamp, unit) {
  const sv = { value, measurand: 'Energy.Active.Import.Register', context };
  if (unit) sv.unitOfMeasure = { unit };
  return [{ timestamp, sampledValue: [sv] }];
}

let txCounter = 0;
function txId() {
  txCounter += 1;
  return `tx-${h.RUN_ID}-${txCounter}`;
}

/** Builds and sends a TransactionEvent. */
function event(client, { eventType, transactionId, seqNo, timestamp = h.isoAt(), triggerReason, meterWh, meterUnit, meterContext, idToken, stoppedReason, evse = { id: 1, connectorId: 1 }, offline, chargingState }) {
  const payload = {
    eventType,
    timestamp,
    triggerReason: triggerReason || (eventType === 'Started' ? 'Authorized' : eventType === 'Ended' ? 'EVCommunicationLost' : 'MeterValuePeriodic'),
    seqNo,
    transactionInfo: { transactionId },
  };
  if (stoppedReason) payload.transactionInfo.stoppedReason = stoppedReason;
  if (chargingState) payload.transactionInfo.chargingState = chargingState;
  if (evse) payload.evse = evse;
  if (offline !== undefined) payload.offline = offline;
  if (idToken) payload.idToken = { idToken, type: 'ISO14443' };
  if (meterWh !== undefined) {
    const ctx = meterContext || (eventType === 'Started' ? 'Transaction.Begin' : eventType === 'Ended' ? 'Transaction.End' : 'Sample.Periodic');
    payload.meterValue = energySample(meterWh, ctx, timestamp, meterUnit);
  }
  return client.call('TransactionEvent', payload);
}

async function acceptedToken() {
  const tag = h.uniqueToken('A');
  await h.registerIdToken(tag, 'Accepted');
  return tag;
}

async function sessionFor(chargerId, transactionId, accept = () => true) {
  const list = await h.eventually(
    () => h.sessionsOf(chargerId),
    (l) => l.some((s) => s.transactionId === transactionId && accept(s)),
  );
  return { list, s: list.find((x) => x.transactionId === transactionId) };
}

describe('TransactionEvent & accounting (ocpp2.0.1)', () => {
  it('E01/E06 Started → Updated → Ended: session Active then Completed with energy, stoppedReason and timestamps', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const token = await acceptedToken();
    const transactionId = txId();
    const startedAt = h.isoAt(-HOUR);
    const started = await event(client, {
      eventType: 'Started', transactionId, seqNo: 0, timestamp: startedAt, meterWh: 1000, idToken: token, evse: { id: 2, connectorId: 1 }, chargingState: 'Charging',
    });
    assert.equal(started.idTokenInfo.status, 'Accepted');

    let { s } = await sessionFor(client.chargerId, transactionId);
    assert.equal(s.status, 'Active');
    assert.equal(s.evseId, 2);
    assert.equal(s.connectorId, 1);
    assert.equal(s.idToken, token);
    assert.equal(Number(s.meterStartWh), 1000);
    closeTo(s.startedAt, startedAt, 'startedAt');

    assert.deepEqual(await event(client, { eventType: 'Updated', transactionId, seqNo: 1, timestamp: h.isoAt(-HOUR / 2), meterWh: 8000, evse: undefined }), {});
    const stoppedAt = h.isoAt();
    await event(client, { eventType: 'Ended', transactionId, seqNo: 2, timestamp: stoppedAt, meterWh: 16500, stoppedReason: 'EVDisconnected', triggerReason: 'EVDeparted', evse: undefined });

    ({ s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed'));
    assert.equal(s.status, 'Completed');
    assert.equal(Number(s.meterStopWh), 16500);
    assert.equal(Number(s.energyWh), 15500);
    assert.equal(Number(s.energyKWh), 15.5);
    assert.equal(s.stopReason, 'EVDisconnected');
    closeTo(s.stoppedAt, stoppedAt, 'stoppedAt');
    assert.deepEqual(s.flags, []);
  });

  it('E06: Ended without stoppedReason → stopReason "Local"', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 100 });
    await event(client, { eventType: 'Ended', transactionId, seqNo: 1, meterWh: 2100 });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(s.stopReason, 'Local');
    assert.equal(Number(s.energyWh), 2000);
  });

  it('Started with an unknown idToken → idTokenInfo Unknown; with a Blocked one → Blocked', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const unknown = await event(client, { eventType: 'Started', transactionId: txId(), seqNo: 0, idToken: h.uniqueToken('U') });
    assert.equal(unknown.idTokenInfo.status, 'Unknown');
    const blocked = h.uniqueToken('B');
    await h.registerIdToken(blocked, 'Blocked');
    const res = await event(client, { eventType: 'Started', transactionId: txId(), seqNo: 0, idToken: blocked, evse: { id: 2, connectorId: 1 } });
    assert.equal(res.idTokenInfo.status, 'Blocked');
  });

  it('retried Started (same seqNo) → one session, answered again', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    const req = { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 1000 };
    assert.deepEqual(await event(client, req), {});
    assert.deepEqual(await event(client, req), {});
    await h.sleep(300);
    const list = await h.sessionsOf(client.chargerId);
    assert.equal(list.length, 1, JSON.stringify(list));
  });

  it('retried Updated with the same seqNo is not re-applied (a different meter value in the retry is ignored)', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 1000 });
    await event(client, { eventType: 'Updated', transactionId, seqNo: 1, timestamp: h.isoAt(-HOUR / 2), meterWh: 5000 });
    await event(client, { eventType: 'Updated', transactionId, seqNo: 1, timestamp: h.isoAt(-HOUR / 2), meterWh: 9000 });
    // Ended without a meter value: the session closes at the last applied reading.
    await event(client, { eventType: 'Ended', transactionId, seqNo: 2, stoppedReason: 'Local' });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(Number(s.meterStopWh), 5000);
    assert.equal(Number(s.energyWh), 4000);
  });

  it('retried Ended (same seqNo) → answered, energy counted once', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 1000 });
    const ended = { eventType: 'Ended', transactionId, seqNo: 1, timestamp: h.isoAt(), meterWh: 4000, stoppedReason: 'StoppedByEV' };
    await event(client, ended);
    await event(client, ended);
    const { list, s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(list.length, 1);
    assert.equal(Number(s.energyWh), 3000);
    assert.equal(s.stopReason, 'StoppedByEV');
  });

  it('Updated for a transaction never Started (Started lost) → session created with flag StartedImplicitly', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    assert.deepEqual(await event(client, { eventType: 'Updated', transactionId, seqNo: 3, timestamp: h.isoAt(-HOUR), meterWh: 2000 }), {});
    const { s } = await sessionFor(client.chargerId, transactionId);
    assert.ok(s.flags.includes('StartedImplicitly'), `flags ${s.flags}`);
    assert.equal(s.status, 'Active');
    await event(client, { eventType: 'Ended', transactionId, seqNo: 4, meterWh: 3000 });
    const done = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(done.s.status, 'Completed');
  });

  it('Ended meter below Started meter → energyWh null and flag MeterStopBelowMeterStart', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 90000 });
    await event(client, { eventType: 'Ended', transactionId, seqNo: 1, meterWh: 100 });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(s.energyWh, null);
    assert.ok(s.flags.includes('MeterStopBelowMeterStart'), `flags ${s.flags}`);
  });

  it('2.0.1 unitOfMeasure kWh is converted to Wh', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: h.isoAt(-HOUR), meterWh: 1.5, meterUnit: 'kWh' });
    await event(client, { eventType: 'Ended', transactionId, seqNo: 1, meterWh: 12, meterUnit: 'kWh' });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(Number(s.meterStartWh), 1500);
    assert.equal(Number(s.meterStopWh), 12000);
    assert.equal(Number(s.energyWh), 10500);
  });

  it('sampledValue without measurand counts as Energy.Active.Import.Register (2.0.1 default); other measurands are not energy', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const transactionId = txId();
    const startTs = h.isoAt(-HOUR);
    await client.call('TransactionEvent', {
      eventType: 'Started', timestamp: startTs, triggerReason: 'CablePluggedIn', seqNo: 0,
      transactionInfo: { transactionId }, evse: { id: 1, connectorId: 1 },
      meterValue: [{ timestamp: startTs, sampledValue: [{ value: 7400, measurand: 'Power.Active.Import', context: 'Transaction.Begin' }, { value: 2000, context: 'Transaction.Begin' }] }],
    });
    const endTs = h.isoAt();
    await client.call('TransactionEvent', {
      eventType: 'Ended', timestamp: endTs, triggerReason: 'EVDeparted', seqNo: 1,
      transactionInfo: { transactionId, stoppedReason: 'EVDisconnected' },
      meterValue: [{ timestamp: endTs, sampledValue: [{ value: 11000, measurand: 'Energy.Active.Import.Register', context: 'Transaction.End' }, { value: 0, measurand: 'Power.Active.Import', context: 'Transaction.End' }] }],
    });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    assert.equal(Number(s.meterStartWh), 2000);
    assert.equal(Number(s.energyWh), 9000);
  });

  it('offline: events stamped hours ago (offline=true) are accepted in order and keep their timestamps', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    for (const [status, offset] of [['Occupied', -6 * HOUR], ['Available', -4 * HOUR]]) {
      assert.deepEqual(await client.call('StatusNotification', { timestamp: h.isoAt(offset), connectorStatus: status, evseId: 1, connectorId: 1 }), {});
    }
    const transactionId = txId();
    const startedAt = h.isoAt(-6 * HOUR);
    const stoppedAt = h.isoAt(-4 * HOUR);
    await event(client, { eventType: 'Started', transactionId, seqNo: 0, timestamp: startedAt, meterWh: 0, offline: true });
    await event(client, { eventType: 'Updated', transactionId, seqNo: 1, timestamp: h.isoAt(-5 * HOUR), meterWh: 10000, offline: true });
    await event(client, { eventType: 'Ended', transactionId, seqNo: 2, timestamp: stoppedAt, meterWh: 20000, offline: true, stoppedReason: 'PowerLoss' });
    const { s } = await sessionFor(client.chargerId, transactionId, (x) => x.status === 'Completed');
    closeTo(s.startedAt, startedAt, 'startedAt');
    closeTo(s.stoppedAt, stoppedAt, 'stoppedAt');
    assert.equal(Number(s.energyWh), 20000);
    assert.equal(s.stopReason, 'PowerLoss');
  });

  it('MeterValues (J02) outside a transaction are accepted; sessions of two chargers are kept apart', async (t) => {
    const a = await h.connect(t, { version: h.V201, boot: true });
    const b = await h.connect(t, { version: h.V201, boot: true });
    assert.deepEqual(await a.call('MeterValues', { evseId: 1, meterValue: energySample(5, 'Sample.Clock', h.isoAt()) }), {});
    const shared = txId(); // the same transactionId on two chargers is two sessions
    await event(a, { eventType: 'Started', transactionId: shared, seqNo: 0 });
    await event(b, { eventType: 'Started', transactionId: shared, seqNo: 0 });
    assert.equal((await h.sessionsOf(a.chargerId)).length, 1);
    assert.equal((await h.sessionsOf(b.chargerId)).length, 1);
  });
});
