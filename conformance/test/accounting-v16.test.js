'use strict';
// OCPP 1.6 transactions (§4.8 StartTransaction, §4.10 StopTransaction, §4.7 MeterValues) and the accounting rules
// real chargers need: retries, duplicates, meter anomalies, missing stop reasons, offline queues. Persisted effects
// are read back through GET /api/sessions.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');

const HOUR = 3600e3;

function closeTo(actual, expectedIso, label, toleranceMs = 1000) {
  assert.ok(actual, `${label} missing`);
  const delta = Math.abs(Date.parse(actual) - Date.parse(expectedIso));
  assert.ok(delta <= toleranceMs, `${label}: ${actual} differs from ${expectedIso} by ${delta} ms`);
}

async function acceptedTag() {
  const tag = h.uniqueToken('A');
  await h.registerIdToken(tag, 'Accepted');
  return tag;
}

function start(client, { connectorId = 1, idTag, meterStart = 1000, timestamp = h.isoAt(-HOUR), ...rest }) {
  return client.call('StartTransaction', { connectorId, idTag, meterStart, timestamp, ...rest });
}

function stop(client, { transactionId, meterStop, timestamp = h.isoAt(), ...rest }) {
  return client.call('StopTransaction', { transactionId, meterStop, timestamp, ...rest });
}

function meter(client, { connectorId = 1, transactionId, wh, timestamp = h.isoAt(-HOUR / 2) }) {
  const payload = {
    connectorId,
    meterValue: [
      {
        timestamp,
        sampledValue: [
          { value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
          { value: '7200', measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
        ],
      },
    ],
  };
  if (transactionId !== undefined) payload.transactionId = transactionId;
  return client.call('MeterValues', payload);
}

async function onlySession(chargerId, accept = () => true) {
  const list = await h.eventually(() => h.sessionsOf(chargerId), (l) => l.length > 0 && accept(l));
  return list;
}

describe('Transactions & accounting (ocpp1.6)', () => {
  it('1.6 §4.8/§4.10 Start → MeterValues → Stop: session Active, then Completed with energy, reason and timestamps', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const startedAt = h.isoAt(-HOUR);
    const res = await start(client, { idTag: tag, meterStart: 1000, timestamp: startedAt });
    assert.equal(res.idTagInfo.status, 'Accepted');
    assert.ok(Number.isInteger(res.transactionId), `transactionId ${res.transactionId}`);

    let [s] = await onlySession(client.chargerId);
    assert.equal(s.status, 'Active');
    assert.equal(s.chargerId, client.chargerId);
    assert.equal(String(s.transactionId), String(res.transactionId));
    assert.equal(s.connectorId, 1);
    assert.equal(s.idToken, tag);
    assert.equal(Number(s.meterStartWh), 1000);
    closeTo(s.startedAt, startedAt, 'startedAt');
    assert.equal(s.stoppedAt, null);

    assert.deepEqual(await meter(client, { transactionId: res.transactionId, wh: 8000 }), {});

    const stoppedAt = h.isoAt();
    const stopRes = await stop(client, { transactionId: res.transactionId, meterStop: 16500, timestamp: stoppedAt, reason: 'EVDisconnected', idTag: tag });
    if (stopRes.idTagInfo) assert.equal(stopRes.idTagInfo.status, 'Accepted');

    const list = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(list.length, 1);
    s = list[0];
    assert.equal(s.status, 'Completed');
    assert.equal(Number(s.meterStopWh), 16500);
    assert.equal(Number(s.energyWh), 15500);
    assert.equal(Number(s.energyKWh), 15.5);
    assert.equal(s.stopReason, 'EVDisconnected');
    closeTo(s.stoppedAt, stoppedAt, 'stoppedAt');
    assert.deepEqual(s.flags, []);
  });

  it('StartTransaction with an unknown idTag → idTagInfo Invalid, still a transactionId', async (t) => {
    const client = await h.connect(t, { boot: true });
    const res = await start(client, { idTag: h.uniqueToken('U') });
    assert.equal(res.idTagInfo.status, 'Invalid');
    assert.ok(Number.isInteger(res.transactionId));
  });

  it('StartTransaction with a Blocked idTag → idTagInfo Blocked', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = h.uniqueToken('B');
    await h.registerIdToken(tag, 'Blocked');
    const res = await start(client, { idTag: tag });
    assert.equal(res.idTagInfo.status, 'Blocked');
  });

  it('retried identical StartTransaction (lost response) → same transactionId, one session', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const req = { idTag: tag, meterStart: 2000, timestamp: h.isoAt(-HOUR) };
    const a = await start(client, req);
    const b = await start(client, req);
    assert.equal(b.transactionId, a.transactionId);
    await h.sleep(300);
    const list = await h.sessionsOf(client.chargerId);
    assert.equal(list.length, 1, JSON.stringify(list));
    assert.equal(list[0].status, 'Active');
  });

  it('retried StartTransaction on a NEW connection (charger reconnected before it got the answer) → same transactionId', async (t) => {
    const first = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const req = { connectorId: 2, idTag: tag, meterStart: 500, timestamp: h.isoAt(-HOUR) };
    const a = await start(first, req);
    await first.close();
    const second = await h.connect(t, { charger: { id: first.chargerId, password: first.password }, boot: true });
    const b = await start(second, req);
    assert.equal(b.transactionId, a.transactionId);
    assert.equal((await h.sessionsOf(first.chargerId)).length, 1);
  });

  it('a new StartTransaction on a connector with an open session closes the old one implicitly (flag ImplicitlyClosed)', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const a = await start(client, { idTag: tag, meterStart: 1000, timestamp: h.isoAt(-2 * HOUR) });
    await meter(client, { transactionId: a.transactionId, wh: 4000, timestamp: h.isoAt(-1.5 * HOUR) });
    const b = await start(client, { idTag: tag, meterStart: 4100, timestamp: h.isoAt(-HOUR) });
    assert.notEqual(b.transactionId, a.transactionId);
    const list = await onlySession(client.chargerId, (l) => l.length === 2 && l.some((s) => s.status === 'Completed'));
    const old = list.find((s) => String(s.transactionId) === String(a.transactionId));
    const cur = list.find((s) => String(s.transactionId) === String(b.transactionId));
    assert.ok(old && cur, JSON.stringify(list));
    assert.equal(old.status, 'Completed');
    assert.ok(old.flags.includes('ImplicitlyClosed'), `flags ${old.flags}`);
    assert.equal(cur.status, 'Active');
  });

  it('duplicate identical StopTransaction → answered both times, energy counted once', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const { transactionId } = await start(client, { idTag: tag, meterStart: 1000 });
    const req = { transactionId, meterStop: 11000, timestamp: h.isoAt(), reason: 'Local' };
    await stop(client, req);
    const again = await stop(client, req);
    assert.equal(typeof again, 'object');
    const list = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(list.length, 1);
    assert.equal(Number(list[0].energyWh), 10000);
    assert.equal(Number(list[0].meterStopWh), 11000);
  });

  it('conflicting duplicate StopTransaction (different meterStop) → answered, first stop kept, not double counted', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const { transactionId } = await start(client, { idTag: tag, meterStart: 1000 });
    await stop(client, { transactionId, meterStop: 6000, timestamp: h.isoAt(-60e3) });
    await stop(client, { transactionId, meterStop: 9000, timestamp: h.isoAt() });
    const list = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(list.length, 1);
    assert.equal(Number(list[0].energyWh), 5000);
    assert.equal(Number(list[0].meterStopWh), 6000);
  });

  it('meterStop < meterStart → energyWh null and flag MeterStopBelowMeterStart (stop still Accepted)', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const { transactionId } = await start(client, { idTag: tag, meterStart: 50000 });
    const res = await stop(client, { transactionId, meterStop: 100, idTag: tag });
    if (res.idTagInfo) assert.equal(res.idTagInfo.status, 'Accepted');
    const [s] = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(s.energyWh, null);
    assert.equal(s.energyKWh, null);
    assert.ok(s.flags.includes('MeterStopBelowMeterStart'), `flags ${s.flags}`);
  });

  it('1.6 §6.52 StopTransaction without reason → stopReason "Local"', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const { transactionId } = await start(client, { idTag: tag });
    await stop(client, { transactionId, meterStop: 1500 });
    const [s] = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(s.stopReason, 'Local');
    assert.equal(Number(s.energyWh), 500);
  });

  it('StopTransaction with transactionData and an idTag is accepted', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const { transactionId } = await start(client, { idTag: tag, meterStart: 0 });
    const res = await stop(client, {
      transactionId,
      meterStop: 3000,
      idTag: tag,
      reason: 'Remote',
      transactionData: [
        { timestamp: h.isoAt(-HOUR), sampledValue: [{ value: '0', context: 'Transaction.Begin', measurand: 'Energy.Active.Import.Register' }] },
        { timestamp: h.isoAt(), sampledValue: [{ value: '3000', context: 'Transaction.End', measurand: 'Energy.Active.Import.Register' }] },
      ],
    });
    assert.equal(res.idTagInfo.status, 'Accepted');
    const [s] = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    assert.equal(s.stopReason, 'Remote');
    assert.equal(Number(s.energyWh), 3000);
  });

  it('StopTransaction for an unknown transactionId is still answered (charger must not retry forever)', async (t) => {
    const client = await h.connect(t, { boot: true });
    const res = await stop(client, { transactionId: 987654321, meterStop: 100 });
    assert.equal(typeof res, 'object');
  });

  it('MeterValues without transactionId (connector 0 and 1, clock-aligned) are accepted; MeterValues for an unknown transaction too', async (t) => {
    const client = await h.connect(t, { boot: true });
    assert.deepEqual(await meter(client, { connectorId: 0, wh: 123456 }), {});
    assert.deepEqual(await meter(client, { connectorId: 1, wh: 2000 }), {});
    assert.deepEqual(await meter(client, { connectorId: 1, transactionId: 555555555, wh: 2100 }), {});
    const list = await h.frames(client.chargerId, 20);
    assert.ok(list.length > 0);
  });

  it('offline queue: StatusNotifications with old timestamps, then a transaction stamped hours ago — all accepted in order, timestamps kept', async (t) => {
    const client = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    const statuses = [
      ['Preparing', -5 * HOUR],
      ['Charging', -4.9 * HOUR],
      ['SuspendedEV', -4 * HOUR],
      ['Finishing', -3 * HOUR],
      ['Available', -2.9 * HOUR],
    ];
    for (const [status, offset] of statuses) {
      assert.deepEqual(await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status, timestamp: h.isoAt(offset) }), {});
    }
    const startedAt = h.isoAt(-5 * HOUR);
    const stoppedAt = h.isoAt(-3 * HOUR);
    const { transactionId } = await start(client, { idTag: tag, meterStart: 100, timestamp: startedAt });
    await meter(client, { transactionId, wh: 20000, timestamp: h.isoAt(-4 * HOUR) });
    await stop(client, { transactionId, meterStop: 40100, timestamp: stoppedAt, reason: 'EVDisconnected' });
    const [s] = await onlySession(client.chargerId, (l) => l[0].status === 'Completed');
    closeTo(s.startedAt, startedAt, 'startedAt');
    closeTo(s.stoppedAt, stoppedAt, 'stoppedAt');
    assert.equal(Number(s.energyWh), 40000);
    assert.deepEqual(s.flags, []);
    // The frames were logged in the order sent.
    const fr = await h.eventually(
      () => h.frames(client.chargerId, 100),
      (l) => l.filter((f) => f.direction === 'in' && f.frame.includes('StatusNotification')).length === statuses.length,
    );
    const inbound = fr.filter((f) => f.direction === 'in' && f.frame.includes('"StatusNotification"'));
    const order = inbound.map((f) => JSON.parse(f.frame)[3].status);
    const expected = statuses.map(([s]) => s);
    assert.ok(
      JSON.stringify(order) === JSON.stringify(expected) || JSON.stringify(order) === JSON.stringify([...expected].reverse()),
      `frame order ${order}`,
    );
  });

  it('sessions are listed per charger (chargerId filter isolates chargers)', async (t) => {
    const a = await h.connect(t, { boot: true });
    const b = await h.connect(t, { boot: true });
    const tag = await acceptedTag();
    await start(a, { idTag: tag });
    await start(b, { idTag: tag });
    await start(b, { connectorId: 2, idTag: tag });
    assert.equal((await h.sessionsOf(a.chargerId)).length, 1);
    assert.equal((await h.sessionsOf(b.chargerId)).length, 2);
  });
});
