'use strict';
// Needs a server started with --Ocpp:AllowUnknownChargers=true (run.sh starts a second one for this file).
// Unknown ids are accepted and registered Pending: BootNotification answers Pending, every other CALL gets
// SecurityError until POST /api/chargers/{id}/accept (OCPP 2.0.1 B02; 1.6 §4.2 / 5.x Pending). Security profile 1
// still applies: the password an unknown id presents first becomes its credential (trust on first use).

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../../lib/csms');

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

    it('an unknown id without Basic credentials is refused (401): a self-registering charger must present a password', async () => {
      const id = h.uniqueId('nocred');
      const conn = await h.rawSocket(id, { protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
      assert.match(String(conn.headers['www-authenticate'] || ''), /^Basic /);
      const lookup = await h.api('GET', `/api/chargers/${encodeURIComponent(id)}`);
      assert.equal(lookup.status, 404, `a refused connection must not register the id: ${lookup.text}`);
    });

    it('trust on first use: the first password becomes the credential; later connections with another or no password get 401', async (t) => {
      const id = h.uniqueId('tofu');
      const password = 'the-first-password-1';
      const client = await h.connect(t, { version, charger: { id, password } });
      assert.equal((await h.bootNotification(client)).status, 'Pending');
      for (const accepted of [false, true]) {
        if (accepted) await h.expectOk(h.api('POST', `/api/chargers/${encodeURIComponent(id)}/accept`));
        const other = await h.rawSocket(id, { password: 'another-password-22', protocols: [version] });
        other.ws.terminate();
        assert.equal(other.status, 401, `another password (${accepted ? 'accepted' : 'pending'} charger)`);
        const none = await h.rawSocket(id, { protocols: [version] });
        none.ws.terminate();
        assert.equal(none.status, 401, `no credentials (${accepted ? 'accepted' : 'pending'} charger): the id could be taken over`);
      }
      // The real charger was not superseded and is served once accepted.
      assert.equal((await h.bootNotification(client)).status, 'Accepted');
      assert.ok((await client.call('Heartbeat', {})).currentTime);
      // And it can reconnect with its first password.
      await client.close({ force: true });
      const again = await h.connect(t, { version, charger: { id, password } });
      assert.equal((await h.bootNotification(again)).status, 'Accepted');
    });
  });
}
