'use strict';
// CSMS → charger CALLs through POST /api/chargers/{id}/calls (OCPP-J 1.6 §4.1.1 / 2.0.1 Part 4 §4.1.1: at most
// one CALL in flight per direction; replies matched by message id; late replies never complete another call).

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { createRPCError } = require('ocpp-rpc');
const h = require('../lib/csms');

const { V16, VERSIONS } = h;

for (const version of VERSIONS) {
  const is16 = version === V16;
  const soft = is16 ? { type: 'Soft' } : { type: 'OnIdle' };
  const hard = is16 ? { type: 'Hard' } : { type: 'Immediate' };

  describe(`CSMS → charger calls (${version})`, () => {
    it('a CALL is delivered with its payload and the CALLRESULT comes back as status Result', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      let seen;
      client.handle('Reset', ({ params, messageId }) => {
        seen = { params, messageId };
        return { status: 'Accepted' };
      });
      const res = await h.callCharger(client.chargerId, 'Reset', soft);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, 'Result');
      assert.deepEqual(res.body.payload, { status: 'Accepted' });
      assert.deepEqual(seen.params, soft);
      assert.ok(seen.messageId.length > 0 && seen.messageId.length <= 36);

      const fr = await h.eventually(
        () => h.frames(client.chargerId, 20),
        (l) => l.filter((f) => f.frame.includes(seen.messageId)).length >= 2,
      );
      assert.ok(fr.some((f) => f.direction === 'out' && f.frame.includes(seen.messageId) && f.frame.includes('"Reset"')), 'outbound CALL not in frame log');
      assert.ok(fr.some((f) => f.direction === 'in' && f.frame.includes(seen.messageId)), 'inbound CALLRESULT not in frame log');
    });

    it('a CALLERROR from the charger comes back as status Error with its code and description', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      client.handle('Reset', () => {
        throw createRPCError('NotSupported', 'this charger cannot reset today');
      });
      const res = await h.callCharger(client.chargerId, 'Reset', soft);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, 'Error');
      assert.equal(res.body.errorCode, 'NotSupported');
      assert.equal(res.body.errorDescription, 'this charger cannot reset today');
    });

    it('a payload that violates the schema → 400, nothing is sent to the charger', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      let calls = 0;
      client.handle(() => {
        calls += 1;
        return {};
      });
      const res = await h.callCharger(client.chargerId, 'Reset', { type: 'Bogus' });
      assert.equal(res.status, 400, res.text);
      const res2 = await h.callCharger(client.chargerId, 'Reset', { type: 'Soft', extra: 1 });
      assert.equal(res2.status, 400, res2.text);
      await h.sleep(300);
      assert.equal(calls, 0);
    });

    it('one CALL in flight: of two concurrent API calls, the second reaches the charger only after the first is answered', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const timeline = [];
      client.handle('Reset', async ({ params }) => {
        timeline.push(`recv ${params.type}`);
        await h.sleep(700);
        timeline.push(`reply ${params.type}`);
        return { status: params.type === soft.type ? 'Accepted' : 'Rejected' };
      });
      const first = h.callCharger(client.chargerId, 'Reset', soft);
      await h.sleep(50); // make the order of the two API requests deterministic
      const second = h.callCharger(client.chargerId, 'Reset', hard);
      const [a, b] = await Promise.all([first, second]);
      // Whichever API request the server queued first, the other CALL must not reach the charger before it is answered.
      const [x, y] = timeline[0] === `recv ${soft.type}` ? [soft.type, hard.type] : [hard.type, soft.type];
      assert.deepEqual(timeline, [`recv ${x}`, `reply ${x}`, `recv ${y}`, `reply ${y}`]);
      assert.equal(a.body.status, 'Result');
      assert.deepEqual(a.body.payload, { status: 'Accepted' });
      assert.equal(b.body.status, 'Result');
      assert.deepEqual(b.body.payload, { status: 'Rejected' });
    });

    it(`timeout (server Ocpp:CallTimeoutSeconds=${h.CALL_TIMEOUT_SECONDS}): status Timeout; the late reply does not complete the next call`, { timeout: (h.CALL_TIMEOUT_SECONDS * 2 + 20) * 1000 }, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      let releaseFirst;
      const firstHeld = new Promise((resolve) => {
        releaseFirst = resolve;
      });
      const received = [];
      client.handle('Reset', async ({ params, messageId }) => {
        received.push({ type: params.type, messageId });
        if (params.type === soft.type) {
          await firstHeld; // answered late, only once the next call has arrived
          return { status: 'Rejected' };
        }
        releaseFirst(); // the late reply to call #1 goes out first...
        await h.sleep(300); // ...and only then the real answer to call #2
        return { status: 'Accepted' };
      });

      const t0 = Date.now();
      const a = await h.callCharger(client.chargerId, 'Reset', soft);
      const elapsed = Date.now() - t0;
      assert.equal(a.status, 200, a.text);
      assert.equal(a.body.status, 'Timeout');
      assert.ok(elapsed >= h.CALL_TIMEOUT_SECONDS * 1000 - 250, `timed out too early: ${elapsed} ms`);
      assert.ok(elapsed <= h.CALL_TIMEOUT_SECONDS * 1000 + 3000, `timed out too late: ${elapsed} ms`);

      const b = await h.callCharger(client.chargerId, 'Reset', hard);
      assert.equal(b.body.status, 'Result', JSON.stringify(b.body));
      assert.deepEqual(b.body.payload, { status: 'Accepted' }, 'the late reply to the timed-out call completed the next call');
      assert.equal(received.length, 2);
      assert.notEqual(received[0].messageId, received[1].messageId, 'each CALL needs a fresh message id');

      // The connection is still healthy in both directions.
      assert.ok((await client.call('Heartbeat', {})).currentTime);
      const c = await h.callCharger(client.chargerId, 'Reset', hard);
      assert.deepEqual(c.body.payload, { status: 'Accepted' });
    });

    it('the charger disconnecting while a CALL is in flight → status ConnectionClosed (promptly, not a timeout)', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      client.handle('Reset', async () => {
        setTimeout(() => client.close({ force: true }), 100);
        return new Promise(() => {});
      });
      const t0 = Date.now();
      const res = await h.callCharger(client.chargerId, 'Reset', soft);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, 'ConnectionClosed');
      assert.ok(Date.now() - t0 < h.CALL_TIMEOUT_SECONDS * 1000, 'waited for the timeout instead of noticing the close');
    });

    it('a CALL in each direction at the same time: both are served', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      let chargerCallDone = null;
      client.handle('Reset', async () => {
        // While our answer is pending, the charger sends its own CALL (allowed: one per direction).
        chargerCallDone = await client.call('Heartbeat', {});
        return { status: 'Accepted' };
      });
      const res = await h.callCharger(client.chargerId, 'Reset', soft);
      assert.equal(res.body.status, 'Result');
      assert.ok(chargerCallDone && chargerCallDone.currentTime);
    });

    it('other CSMS-initiated actions round-trip (GetConfiguration / GetVariables, ChangeAvailability)', async (t) => {
      const client = await h.connect(t, { version, boot: true });
      if (is16) {
        client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] }));
        client.handle('ChangeAvailability', () => ({ status: 'Scheduled' }));
        const a = await h.callCharger(client.chargerId, 'GetConfiguration', { key: ['HeartbeatInterval', 'Nope'] });
        assert.equal(a.body.status, 'Result');
        assert.deepEqual(a.body.payload.unknownKey, ['Nope']);
        const b = await h.callCharger(client.chargerId, 'ChangeAvailability', { connectorId: 1, type: 'Inoperative' });
        assert.deepEqual(b.body.payload, { status: 'Scheduled' });
      } else {
        client.handle('GetVariables', ({ params }) => ({
          getVariableResult: params.getVariableData.map((d) => ({ attributeStatus: 'Accepted', attributeValue: '300', component: d.component, variable: d.variable })),
        }));
        client.handle('ChangeAvailability', () => ({ status: 'Scheduled' }));
        const a = await h.callCharger(client.chargerId, 'GetVariables', {
          getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
        });
        assert.equal(a.body.status, 'Result');
        assert.equal(a.body.payload.getVariableResult[0].attributeValue, '300');
        const b = await h.callCharger(client.chargerId, 'ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } });
        assert.deepEqual(b.body.payload, { status: 'Scheduled' });
      }
    });
  });
}
