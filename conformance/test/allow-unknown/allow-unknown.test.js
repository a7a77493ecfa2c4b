'use strict';
// Needs a server started with --Ocpp:AllowUnknownChargers=true (run.sh starts a second one for this file).
// Unknown ids are accepted and registered Pending: BootNotification answers Pending, every other CALL gets
// SecurityError until POST /api/chargers/{id}/accept (OCPP 2.0.1 B02; 1.6 §4.2 / 5.x Pending).

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../../lib/csms');
const { known } = require('../../lib/known-deviations');

const enabled = process.env.CSMS_ALLOW_UNKNOWN === '1';

for (const version of h.VERSIONS) {
  describe(`Ocpp:AllowUnknownChargers=true (${version})`, { skip: !enabled && 'set CSMS_ALLOW_UNKNOWN=1 with a server started with --Ocpp:AllowUnknownChargers=true' }, () => {
    it('an unknown id connects, is registered Pending, and is served only BootNotification until accepted', async (t) => {
      const id = h.uniqueId('self');
      const client = await h.connect(t, { version, charger: { id, password: 'whatever-password-1' } });
      const boot = await h.bootNotification(client);
      assert.equal(boot.status, 'Pending');
      await assert.rejects(client.call('Heartbeat', {}), (err) => err.rpcErrorCode === 'SecurityError');
      await assert.rejects(
        client.call('StatusNotification', version === h.V16
          ? { connectorId: 1, errorCode: 'NoError', status: 'Available' }
          : { timestamp: h.isoAt(), connectorStatus: 'Available', evseId: 1, connectorId: 1 }),
        (err) => err.rpcErrorCode === 'SecurityError',
      );
      const view = await h.getCharger(id);
      assert.equal(view.status, 'Pending');
      assert.equal(view.connected, true);

      await h.expectOk(h.api('POST', `/api/chargers/${encodeURIComponent(id)}/accept`));
      assert.equal((await h.bootNotification(client)).status, 'Accepted');
      assert.ok((await client.call('Heartbeat', {})).currentTime);
    });

    it('a registered charger still needs its password (401) even when unknown ids are allowed', async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { password: `${cp.password}-wrong`, protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
    });

    it('an unknown id without credentials is accepted too (registered Pending)', async () => {
      const id = h.uniqueId('nocred');
      const conn = await h.rawSocket(id, { protocols: [version] });
      try {
        assert.equal(conn.status, 101);
        const reply = await conn.exchange('[2,"hb","Heartbeat",{}]', 'hb');
        assert.equal(reply[0], 4);
        assert.equal(reply[2], 'SecurityError');
      } finally {
        conn.ws.terminate();
      }
    });

    it('security profile 1: once accepted, a self-registered charger cannot be taken over by a connection without credentials', known('self-registered-no-password'), async (t) => {
      const id = h.uniqueId('takeover');
      const password = 'the-first-password-1';
      const client = await h.connect(t, { version, charger: { id, password } });
      assert.equal((await h.bootNotification(client)).status, 'Pending');
      await h.expectOk(h.api('POST', `/api/chargers/${encodeURIComponent(id)}/accept`));
      const intruder = await h.rawSocket(id, { protocols: [version] });
      intruder.ws.terminate();
      assert.equal(intruder.status, 401, 'an accepted charger was reachable without any credentials (and superseded the real one)');
    });
  });
}
