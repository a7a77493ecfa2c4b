'use strict';
// OCPP-J 1.6 §3 / OCPP 2.0.1 Part 4 §3: connection, security profile 1 (HTTP Basic), subprotocol negotiation,
// a second connection superseding the first, and the operator API guarding itself.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');

const { V16, V201, VERSIONS } = h;

describe('Operator API', () => {
  it('rejects requests without X-Api-Key: 401 problem+json', async () => {
    const res = await h.api('GET', '/api/chargers', undefined, { apiKey: null });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') || '', /application\/problem\+json/);
  });

  it('rejects a wrong X-Api-Key: 401', async () => {
    const res = await h.api('GET', '/api/chargers', undefined, { apiKey: 'not-the-key' });
    assert.equal(res.status, 401);
  });

  it('GET /health answers ok with a connected-charger count', async () => {
    const res = await h.api('GET', '/health', undefined, { apiKey: null });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.equal(typeof res.body.connectedChargers, 'number');
  });

  it('POST /api/chargers: 201, then 409 for the same id', async () => {
    const id = h.uniqueId('dup');
    const first = await h.api('POST', '/api/chargers', { id, password: h.newPassword() });
    assert.equal(first.status, 201);
    assert.equal(first.body.id, id);
    assert.equal(first.body.status, 'Accepted');
    assert.equal(first.body.connected, false);
    const second = await h.api('POST', '/api/chargers', { id, password: h.newPassword() });
    assert.equal(second.status, 409);
  });

  for (const [label, body, field] of [
    ['an id with ":"', { id: 'bad:id', password: 'a-good-password-123' }, 'id'],
    ['an empty id', { id: '', password: 'a-good-password-123' }, 'id'],
    ['an id longer than 48 characters', { id: 'x'.repeat(49), password: 'a-good-password-123' }, 'id'],
    ['a password shorter than 16 characters', { id: 'ok-id', password: 'short-pw-15char' }, 'password'],
    ['a password longer than 40 characters', { id: 'ok-id', password: 'p'.repeat(41) }, 'password'],
  ]) {
    it(`POST /api/chargers with ${label}: 400 validation problem naming "${field}"`, async () => {
      const res = await h.api('POST', '/api/chargers', body);
      assert.equal(res.status, 400, res.text);
      assert.ok(res.body && res.body.errors, `validation problem body expected: ${res.text}`);
      const keys = Object.keys(res.body.errors).map((k) => k.toLowerCase());
      assert.ok(keys.includes(field), `errors should name ${field}: ${res.text}`);
    });
  }

  it('accepts passwords of exactly 16 and 40 characters', async () => {
    for (const password of ['p'.repeat(16), 'q'.repeat(40)]) {
      const res = await h.api('POST', '/api/chargers', { id: h.uniqueId('pwlen'), password });
      assert.equal(res.status, 201, res.text);
    }
  });

  it('GET /api/chargers/{unknown}: 404', async () => {
    const res = await h.api('GET', `/api/chargers/${h.uniqueId('nobody')}`);
    assert.equal(res.status, 404);
  });

  it('POST /api/chargers/{id}/calls for a charger that is not connected: 404', async () => {
    const cp = await h.registerCharger();
    const res = await h.callCharger(cp.id, 'Reset', { type: 'Soft' });
    assert.equal(res.status, 404, res.text);
  });
});

for (const version of VERSIONS) {
  describe(`Connection & security profile 1 (${version})`, () => {
    it('OCPP-J 3 / 2.0.1 Part 4 §3: unknown charge point id → HTTP 404, no WebSocket', async () => {
      const conn = await h.rawSocket(h.uniqueId('unknown'), { password: h.newPassword(), protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 404);
    });

    it('Security profile 1: wrong password → HTTP 401 with a Basic challenge', async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { password: `${cp.password}x`, protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
      assert.match(String(conn.headers['www-authenticate'] || ''), /^Basic/i);
    });

    it('Security profile 1: no credentials → HTTP 401', async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
    });

    it('Security profile 1: Basic user name must be the charge point id → 401 for another user', async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { password: cp.password, user: `${cp.id}x`, protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
    });

    it('Security profile 1: malformed Authorization header → 401', async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { authHeader: 'Basic !!!not-base64!!!', protocols: [version] });
      conn.ws.terminate();
      assert.equal(conn.status, 401);
    });

    it('correct credentials → 101 with the offered subprotocol; charger shows connected in the API', async (t) => {
      const client = await h.connect(t, { version });
      assert.equal(client.protocol, version);
      const view = await h.eventually(() => h.getCharger(client.chargerId), (c) => c.connected === true);
      assert.equal(view.connected, true);
      await client.close();
      const after = await h.eventually(() => h.getCharger(client.chargerId), (c) => c.connected === false);
      assert.equal(after.connected, false, 'charger still shows connected after the socket closed');
    });

    it('A second connection with the same id supersedes the first (first is closed, second serves)', async (t) => {
      const first = await h.connect(t, { version });
      const closed = new Promise((resolve) => first.once('close', resolve));
      const second = await h.connect(t, { version, charger: { id: first.chargerId, password: first.password } });
      const ev = await Promise.race([closed, h.sleep(5000).then(() => null)]);
      assert.ok(ev, 'the first connection was not closed within 5 s');
      const res = await second.call('Heartbeat', {});
      assert.ok(res.currentTime);
      const view = await h.getCharger(first.chargerId);
      assert.equal(view.connected, true);
    });
  });
}

describe('Subprotocol negotiation (OCPP-J 1.6 §3.1.2 / 2.0.1 Part 4 §3.1.2)', () => {
  for (const [offered, expected] of [
    [[V16], V16],
    [[V201], V201],
    [[V16, V201], V201],
    [[V201, V16], V201],
    [['ocpp1.5', V16], V16],
  ]) {
    it(`offering ${JSON.stringify(offered)} selects ${expected}`, async () => {
      const cp = await h.registerCharger();
      const conn = await h.rawSocket(cp.id, { password: cp.password, protocols: offered });
      try {
        assert.equal(conn.status, 101);
        assert.equal(conn.protocol, expected);
        // The selected version is really spoken: a Heartbeat is answered.
        const reply = await conn.exchange('[2,"hb-1","Heartbeat",{}]', 'hb-1');
        assert.equal(reply[0], 3);
        assert.ok(reply[2].currentTime);
      } finally {
        conn.ws.terminate();
      }
    });
  }

  it('both offered: a 2.0.1 BootNotification is accepted through a strict ocpp-rpc client', async (t) => {
    const client = await h.connect(t, { protocols: [V16, V201] });
    assert.equal(client.protocol, V201);
    const res = await h.bootNotification(client);
    assert.equal(res.status, 'Accepted');
  });

  for (const [label, offered] of [
    ['only unsupported subprotocols', ['ocpp1.5', 'ocpp2.1-draft']],
    ['no Sec-WebSocket-Protocol at all', []],
  ]) {
    it(`${label}: handshake completes without a subprotocol, then the server closes with 1002`, async () => {
      const cp = await h.registerCharger();
      const res = await h.handRolledHandshake(cp.id, { password: cp.password, protocols: offered });
      assert.equal(res.status, 101);
      assert.equal(res.headers['sec-websocket-protocol'], undefined, 'no subprotocol may be selected');
      assert.equal(res.closeCode, 1002, `expected a close frame with 1002, got ${JSON.stringify(res.frames)}`);
    });
  }
});

for (const version of VERSIONS) {
  describe(`Registration status (${version}) — B02/B03, 1.6 §4.2`, () => {
    it('Pending charger: BootNotification → Pending, other CALLs → SecurityError until accepted', async (t) => {
      const client = await h.connect(t, { version, register: { status: 'Pending' } });
      const boot = await h.bootNotification(client);
      assert.equal(boot.status, 'Pending');
      assert.ok(boot.interval > 0);
      await assert.rejects(client.call('Heartbeat', {}), (err) => err.rpcErrorCode === 'SecurityError');

      const accepted = await h.expectOk(h.api('POST', `/api/chargers/${client.chargerId}/accept`));
      assert.equal(accepted.status, 'Accepted');
      const boot2 = await h.bootNotification(client);
      assert.equal(boot2.status, 'Accepted');
      const hb = await client.call('Heartbeat', {});
      assert.ok(hb.currentTime);
    });

    it('Rejected charger: BootNotification → Rejected, Heartbeat → SecurityError', async (t) => {
      const client = await h.connect(t, { version });
      await h.expectOk(h.api('POST', `/api/chargers/${client.chargerId}/reject`));
      const boot = await h.bootNotification(client);
      assert.equal(boot.status, 'Rejected');
      await assert.rejects(client.call('Heartbeat', {}), (err) => err.rpcErrorCode === 'SecurityError');
    });
  });
}

describe('Operator API: listings, id tokens, lenient validation', () => {
  it('GET /api/chargers lists a registered charger', async () => {
    const cp = await h.registerCharger();
    const list = await h.expectOk(h.api('GET', '/api/chargers'));
    assert.ok(Array.isArray(list));
    assert.ok(list.some((c) => c.id === cp.id));
  });

  it('POST /api/id-tokens upserts; GET /api/id-tokens lists it; an idToken over 36 characters → 400', async () => {
    const token = h.uniqueToken('L');
    await h.registerIdToken(token, 'Blocked');
    await h.registerIdToken(token, 'Accepted');
    const list = await h.expectOk(h.api('GET', '/api/id-tokens'));
    const mine = list.filter((t) => t.idToken === token);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].status, 'Accepted');
    const bad = await h.api('POST', '/api/id-tokens', { idToken: 'x'.repeat(37), status: 'Accepted' });
    assert.equal(bad.status, 400);
  });

  for (const version of VERSIONS) {
    it(`PATCH lenientValidation=true (${version}): maxLength / unknown-property violations are tolerated, type violations are not`, async (t) => {
      const client = await h.connect(t, { version });
      const patched = await h.expectOk(h.api('PATCH', `/api/chargers/${client.chargerId}`, { lenientValidation: true }));
      assert.equal(patched.lenientValidation, true);
      const long = 'V'.repeat(version === V16 ? 25 : 55);
      const lenientBoot = version === V16
        ? { ...h.bootPayload(version), chargePointVendor: long, unexpected: 1 }
        : { ...h.bootPayload(version), chargingStation: { ...h.bootPayload(version).chargingStation, vendorName: long }, unexpected: 1 };
      const id = 'lenient-1';
      const ok = await h.sendRawExpect(client, JSON.stringify([2, id, 'BootNotification', lenientBoot]), id);
      assert.equal(ok[0], 3, JSON.stringify(ok));
      assert.equal(ok[2].status, 'Accepted');
      const typeBad = version === V16
        ? { ...h.bootPayload(version), chargePointModel: 7 }
        : { ...h.bootPayload(version), chargingStation: { ...h.bootPayload(version).chargingStation, model: 7 } };
      const err = await h.sendRawExpect(client, JSON.stringify([2, 'lenient-2', 'BootNotification', typeBad]), 'lenient-2');
      assert.equal(err[0], 4);
      assert.equal(err[2], 'TypeConstraintViolation');

      const strict = await h.expectOk(h.api('PATCH', `/api/chargers/${client.chargerId}`, { lenientValidation: false }));
      assert.equal(strict.lenientValidation, false);
      const again = await h.sendRawExpect(client, JSON.stringify([2, 'lenient-3', 'BootNotification', lenientBoot]), 'lenient-3');
      assert.equal(again[0], 4, 'strict again after PATCH lenientValidation=false');
    });
  }
});
