'use strict';
// Core charger-initiated messages, both versions: each answered as the spec says (the strict ocpp-rpc client also
// checks every response against the official schema), and the persisted effect checked through the operator API.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');

const { V16, V201, VERSIONS } = h;

function assertRecentTime(value, label) {
  const at = Date.parse(value);
  assert.ok(Number.isFinite(at), `${label} is not a timestamp: ${value}`);
  assert.ok(Math.abs(at - Date.now()) < 60000, `${label} ${value} is not the current time`);
}

/** Authorize status for an id token, whichever version the client speaks. */
async function authorize(client, token) {
  if (client.protocol === V16) {
    const res = await client.call('Authorize', { idTag: token });
    return res.idTagInfo;
  }
  const res = await client.call('Authorize', { idToken: { idToken: token, type: 'ISO14443' } });
  return res.idTokenInfo;
}

for (const version of VERSIONS) {
  const is16 = version === V16;

  describe(`Core messages (${version})`, () => {
    it(`${is16 ? '1.6 §4.2 / 6.2' : 'B01'} BootNotification → Accepted with interval and currentTime; identity persisted`, async (t) => {
      const client = await h.connect(t, { version });
      const res = await h.bootNotification(client);
      assert.equal(res.status, 'Accepted');
      assert.ok(Number.isInteger(res.interval) && res.interval > 0, `interval ${res.interval}`);
      assertRecentTime(res.currentTime, 'currentTime');

      const view = await h.eventually(() => h.getCharger(client.chargerId), (c) => c.vendor === 'ConformanceVendor');
      assert.equal(view.vendor, 'ConformanceVendor');
      assert.equal(view.model, is16 ? 'CF-Model-16' : 'CF-Model-201');
      assert.equal(view.serialNumber, is16 ? 'SN-16-0001' : 'SN-201-0001');
      assert.equal(view.firmwareVersion, is16 ? '1.6.0-cf' : '2.0.1-cf');
      assert.ok(String(view.ocppVersion).includes(is16 ? '1.6' : '2.0.1'), `ocppVersion ${view.ocppVersion}`);
      assert.ok(view.lastBootAt, 'lastBootAt not set');
      assert.equal(view.connected, true);
    });

    it('BootNotification again (reboot) updates the persisted identity', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const extra = is16 ? { firmwareVersion: '9.9.9-new' } : { firmwareVersion: '9.9.9-new' };
      const res = await h.bootNotification(client, extra);
      assert.equal(res.status, 'Accepted');
      const view = await h.eventually(() => h.getCharger(client.chargerId), (c) => c.firmwareVersion === '9.9.9-new');
      assert.equal(view.firmwareVersion, '9.9.9-new');
    });

    it(`${is16 ? '1.6 §4.6' : 'G02'} Heartbeat → currentTime; lastSeenAt advances`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const before = Date.now();
      const res = await client.call('Heartbeat', {});
      assertRecentTime(res.currentTime, 'currentTime');
      const view = await h.eventually(
        () => h.getCharger(client.chargerId),
        (c) => c.lastSeenAt && Date.parse(c.lastSeenAt) >= before - 2000,
      );
      assert.ok(view.lastSeenAt, 'lastSeenAt not set');
      assert.ok(Date.parse(view.lastSeenAt) >= before - 2000, `lastSeenAt ${view.lastSeenAt} did not advance`);
    });

    it(`${is16 ? '1.6 §4.1' : 'C01'} Authorize: unknown token → ${is16 ? 'Invalid' : 'Unknown'}`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const info = await authorize(client, h.uniqueToken('U'));
      assert.equal(info.status, is16 ? 'Invalid' : 'Unknown');
    });

    for (const status of ['Accepted', 'Blocked', 'Expired', 'Invalid']) {
      it(`Authorize: token registered as ${status} → ${status}`, async (t) => {
        const token = h.uniqueToken(status[0]);
        await h.registerIdToken(token, status);
        const client = await h.connect(t, { version, boot: true });
        const info = await authorize(client, token);
        assert.equal(info.status, status);
      });
    }

    it('Authorize: Accepted token whose expiresAt has passed → Expired', async (t) => {
      const token = h.uniqueToken('X');
      await h.registerIdToken(token, 'Accepted', h.isoAt(-3600e3));
      const client = await h.connect(t, { version, boot: true });
      const info = await authorize(client, token);
      assert.equal(info.status, 'Expired');
    });

    it('Authorize: Accepted token with a future expiresAt → Accepted', async (t) => {
      const token = h.uniqueToken('F');
      await h.registerIdToken(token, 'Accepted', h.isoAt(24 * 3600e3));
      const client = await h.connect(t, { version, boot: true });
      const info = await authorize(client, token);
      assert.equal(info.status, 'Accepted');
    });

    it(`${is16 ? '1.6 §4.9' : 'G01'} StatusNotification → empty response`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const payload = is16
        ? { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: h.isoAt() }
        : { timestamp: h.isoAt(), connectorStatus: 'Available', evseId: 1, connectorId: 1 };
      assert.deepEqual(await client.call('StatusNotification', payload), {});
      if (is16) {
        // timestamp is optional in 1.6; connector 0 is the charge point itself.
        assert.deepEqual(await client.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' }), {});
        assert.deepEqual(
          await client.call('StatusNotification', {
            connectorId: 2,
            errorCode: 'GroundFailure',
            status: 'Faulted',
            info: 'ground fault',
            vendorId: 'CF',
            vendorErrorCode: 'E42',
          }),
          {},
        );
      } else {
        assert.deepEqual(await client.call('StatusNotification', { ...payload, connectorStatus: 'Faulted', evseId: 2 }), {});
      }
    });

    it(`${is16 ? '1.6 §4.7' : 'J01'} MeterValues (with and without a transaction) → empty response`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const meterValue = [
        {
          timestamp: h.isoAt(),
          sampledValue: is16
            ? [{ value: '1234.5', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Clock' }]
            : [{ value: 1234.5, measurand: 'Energy.Active.Import.Register', context: 'Sample.Clock', unitOfMeasure: { unit: 'Wh' } }],
        },
      ];
      const payload = is16 ? { connectorId: 0, meterValue } : { evseId: 0, meterValue };
      assert.deepEqual(await client.call('MeterValues', payload), {});
    });

    it(`${is16 ? '1.6 §4.3' : 'P01'} DataTransfer from the charger → UnknownVendorId`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const res = await client.call('DataTransfer', { vendorId: 'com.example.nobody', messageId: 'Hello', data: 'x' });
      assert.equal(res.status, 'UnknownVendorId');
    });

    const notifications = is16
      ? [
          ['1.6 §4.4 DiagnosticsStatusNotification', 'DiagnosticsStatusNotification', { status: 'Uploaded' }],
          ['1.6 §4.5 FirmwareStatusNotification', 'FirmwareStatusNotification', { status: 'Installed' }],
        ]
      : [
          ['L01 FirmwareStatusNotification', 'FirmwareStatusNotification', { status: 'Installed', requestId: 1 }],
          ['N01 LogStatusNotification', 'LogStatusNotification', { status: 'Uploaded', requestId: 7 }],
          [
            'N07 NotifyEvent',
            'NotifyEvent',
            {
              generatedAt: h.isoAt(),
              seqNo: 0,
              tbc: false,
              eventData: [
                {
                  eventId: 1,
                  timestamp: h.isoAt(),
                  trigger: 'Delta',
                  actualValue: 'Occupied',
                  eventNotificationType: 'HardWiredNotification',
                  component: { name: 'Connector', evse: { id: 1, connectorId: 1 } },
                  variable: { name: 'AvailabilityState' },
                },
              ],
            },
          ],
          [
            'B07 NotifyReport',
            'NotifyReport',
            {
              requestId: 3,
              generatedAt: h.isoAt(),
              seqNo: 0,
              tbc: false,
              reportData: [
                {
                  component: { name: 'SecurityCtrlr' },
                  variable: { name: 'SecurityProfile' },
                  variableAttribute: [{ type: 'Actual', value: '1', mutability: 'ReadOnly' }],
                },
              ],
            },
          ],
          ['A04 SecurityEventNotification', 'SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: h.isoAt() }],
        ];
    for (const [label, action, payload] of notifications) {
      it(`${label} → empty response`, async (t) => {
        const client = await h.connect(t, { version, boot: true });
        assert.deepEqual(await client.call(action, payload), {});
      });
    }

    it('Raw frames are logged for the operator API (inbound CALL and outbound CALLRESULT; Heartbeats are not logged)', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const id = `frame-probe-${h.RUN_ID}`;
      const hbId = `frame-hb-${h.RUN_ID}`;
      // README (Ocpp:LogFramesByDefault): every frame but Heartbeats (and their answers) is recorded.
      assert.equal((await h.sendRawExpect(client, JSON.stringify([2, hbId, 'Heartbeat', {}]), hbId))[0], 3);
      const reply = await h.sendRawExpect(client, JSON.stringify([2, id, 'DataTransfer', { vendorId: 'cf-probe' }]), id);
      assert.equal(reply[0], 3);
      const list = await h.eventually(
        () => h.frames(client.chargerId, 50),
        (fs) => fs.filter((f) => f.frame.includes(id)).length >= 2,
      );
      const mine = list.filter((f) => f.frame.includes(id));
      assert.ok(mine.some((f) => f.direction === 'in' && f.frame.includes('"DataTransfer"')), JSON.stringify(list.slice(0, 5)));
      assert.equal(list.filter((f) => f.frame.includes(hbId)).length, 0, `Heartbeat frames were logged: ${JSON.stringify(list.slice(0, 5))}`);
      assert.ok(mine.some((f) => f.direction === 'out' && f.frame.startsWith('[3')), JSON.stringify(mine));
      for (const f of mine) {
        assert.equal(f.chargerId, client.chargerId);
        assert.ok(Date.parse(f.at));
      }
    });

    it('logFrames: false — frames are not recorded for that charger', async (t) => {
      const client = await h.connect(t, { version, register: { logFrames: false }, boot: true });
      await client.call('Heartbeat', {});
      await h.sleep(1200);
      const list = await h.frames(client.chargerId, 50);
      assert.deepEqual(list, []);
    });
  });
}

describe('Frames API', () => {
  it('limit outside 1..1000 → 400', async () => {
    const cp = await h.registerCharger();
    const res = await h.api('GET', `/api/chargers/${cp.id}/frames?limit=0`);
    assert.equal(res.status, 400);
  });
});
