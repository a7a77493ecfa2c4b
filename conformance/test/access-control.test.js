'use strict';
// Scheduled managed access (issue #3, src/CentralSystem.Server/Access/README.md), seen from a third-party charger:
// the mode-switch CALLs a charger receives (2.0.1 SetVariables → ClearCache → SendLocalList; 1.6 ChangeConfiguration of
// the model's free-vend key → AllowOfflineTxForUnknownId=false → ClearCache → SendLocalList), the CSMS answers in Managed
// (unknown → 2.0.1 NotAtThisTime + personalMessage / 1.6 Invalid; own and agreement vehicles Accepted) and Freevend
// (cache expiry = next switch), access events, a schedule edge, a refused switch, a late boot, and operator remote start.
//
// The 1.6 free-vend key checks need a server started with Access:V16FreevendKeys for a model; run.sh passes
// --Access:V16FreevendKeys:CF-Access-16:Key=FreeVend and exports CSMS_V16_FREEVEND_MODEL=CF-Access-16 (Key=FreeVend,
// ManagedValue "false", FreevendValue "true" are the defaults of the other two fields).

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/csms');

const FREEVEND_MODEL = process.env.CSMS_V16_FREEVEND_MODEL || '';
const FREEVEND_KEY = process.env.CSMS_V16_FREEVEND_KEY || 'FreeVend';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const enc = encodeURIComponent;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const ALWAYS_MANAGED = { timeZone: 'UTC', defaultMode: 'Managed', rules: [] };

/** HH:mm:ss (UTC) of an instant. */
function hms(ms) {
  return new Date(ms).toISOString().slice(11, 19);
}

/** A Freevend schedule (UTC) whose only Managed window starts at `startMs` (whole second) and lasts `lengthMs`. */
function managedFrom(startMs, lengthMs = 3600e3, defaultMode = 'Freevend') {
  return {
    timeZone: 'UTC',
    defaultMode,
    rules: [{ name: 'cf window', mode: 'Managed', days: [DAYS[new Date(startMs).getUTCDay()]], start: hms(startMs), end: hms(startMs + lengthMs) }],
  };
}

function putSchedule(chargerId, schedule) {
  return h.expectOk(h.api('PUT', `/api/chargers/${enc(chargerId)}/access-schedule`, schedule));
}

function accessOf(chargerId) {
  return h.expectOk(h.api('GET', `/api/chargers/${enc(chargerId)}/access`));
}

function eventsOf(chargerId) {
  return h.expectOk(h.api('GET', `/api/access-events?chargerId=${enc(chargerId)}&limit=1000`));
}

/**
 * Answers every CSMS→charger CALL of a mode switch and records it ({action, params, at}). `answers[action]` may
 * return a custom response from the params.
 */
function recordCsmsCalls(client, answers = {}) {
  const log = [];
  const defaults = {
    SetVariables: ({ setVariableData }) => ({
      setVariableResult: setVariableData.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })),
    }),
    ClearCache: () => ({ status: 'Accepted' }),
    SendLocalList: () => ({ status: 'Accepted' }),
    ChangeConfiguration: () => ({ status: 'Accepted' }),
    RemoteStartTransaction: () => ({ status: 'Accepted' }),
    RequestStartTransaction: () => ({ status: 'Accepted' }),
  };
  const waiters = [];
  for (const action of Object.keys(defaults)) {
    client.handle(action, ({ params }) => {
      log.push({ action, params, at: Date.now() });
      for (const w of waiters.slice()) w();
      return (answers[action] || defaults[action])(params);
    });
  }
  /** Resolves with the log once `accept(log)` holds; rejects after `timeoutMs`. */
  log.until = (accept, timeoutMs = 8000, what = 'CSMS calls') =>
    new Promise((resolve, reject) => {
      if (accept(log)) return resolve(log);
      const check = () => {
        if (accept(log)) {
          waiters.splice(waiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve(log);
        }
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(check), 1);
        reject(new Error(`${what}: not received within ${timeoutMs} ms; got ${JSON.stringify(log.map((c) => [c.action, c.params]))}`));
      }, timeoutMs);
      waiters.push(check);
    });
  return log;
}

/** Index of the first call at or after `from` matching `pred`. */
function findCall(log, pred, from = 0) {
  if (from < 0) return -1;
  for (let i = from; i < log.length; i++) if (pred(log[i])) return i;
  return -1;
}

const isAuthEnabled = (value) => (c) =>
  c.action === 'SetVariables' && c.params.setVariableData.some((d) => d.component.name === 'AuthCtrlr' && d.variable.name === 'Enabled' && d.attributeValue === value);

/** Waits for the 2.0.1 "enter Managed" sequence (from index `from`) and checks its content; returns the indices. */
async function expectManagedSequence201(log, from = 0, timeoutMs = 8000) {
  await log.until((l) => {
    const s = findCall(l, isAuthEnabled('true'), from);
    return findCall(l, (c) => c.action === 'SendLocalList', findCall(l, (c) => c.action === 'ClearCache', s)) >= 0;
  }, timeoutMs, '2.0.1 SetVariables(AuthCtrlr.Enabled=true) → ClearCache → SendLocalList');
  const s = findCall(log, isAuthEnabled('true'), from);
  const data = log[s].params.setVariableData;
  const value = (component, variable) => data.find((d) => d.component.name === component && d.variable.name === variable)?.attributeValue;
  assert.equal(value('AuthCtrlr', 'Enabled'), 'true');
  assert.equal(value('AuthCtrlr', 'OfflineTxForUnknownIdEnabled'), 'false');
  const c = findCall(log, (x) => x.action === 'ClearCache', s);
  const l = findCall(log, (x) => x.action === 'SendLocalList', c);
  assert.ok(s < c && c < l, `order SetVariables < ClearCache < SendLocalList: ${log.map((x) => x.action).join(', ')}`);
  assert.equal(log[l].params.updateType, 'Full');
  assert.equal(typeof log[l].params.versionNumber, 'number');
  return { set: log[s], clear: log[c], list: log[l], listIndex: l };
}

/** Waits for the 1.6 "enter Managed" sequence with a free-vend key. */
async function expectManagedSequence16(log, from = 0, { key = FREEVEND_KEY, timeoutMs = 8000 } = {}) {
  // ManagedValue is "false" unless configured otherwise (run.sh keeps the default).
  const isKey = (c) => c.action === 'ChangeConfiguration' && c.params.key === key && c.params.value === 'false';
  const isOffline = (c) => c.action === 'ChangeConfiguration' && c.params.key === 'AllowOfflineTxForUnknownId';
  const positions = (l) => {
    const k = key === null ? from : findCall(l, isKey, from);
    const o = k < 0 ? -1 : findCall(l, isOffline, k);
    const c = o < 0 ? -1 : findCall(l, (x) => x.action === 'ClearCache', o);
    const s = c < 0 ? -1 : findCall(l, (x) => x.action === 'SendLocalList', c);
    return { k, o, c, s };
  };
  await log.until((l) => positions(l).s >= 0, timeoutMs, `1.6 ${key === null ? '' : `ChangeConfiguration(${key}) → `}AllowOfflineTxForUnknownId=false → ClearCache → SendLocalList`);
  const { k, o, c, s } = positions(log);
  assert.equal(log[o].params.value, 'false');
  assert.equal(log[s].params.updateType, 'Full');
  assert.equal(typeof log[s].params.listVersion, 'number');
  return { key: log[k], offline: log[o], clear: log[c], list: log[s], listIndex: s };
}

function authorize(client, idToken) {
  return client.protocol === h.V16
    ? client.call('Authorize', { idTag: idToken })
    : client.call('Authorize', { idToken: { idToken, type: 'ISO14443' } });
}

const statusOf = (client, reply) => (client.protocol === h.V16 ? reply.idTagInfo.status : reply.idTokenInfo.status);

function startTx(client, idToken, n = 1) {
  if (client.protocol === h.V16) {
    return client.call('StartTransaction', { connectorId: 1, idTag: idToken, meterStart: 1000, timestamp: h.isoAt() });
  }
  return client.call('TransactionEvent', {
    eventType: 'Started',
    timestamp: h.isoAt(),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: `acc-${h.RUN_ID}-${n}` },
    idToken: { idToken, type: 'ISO14443' },
    evse: { id: 1, connectorId: 1 },
  });
}

function assertDenied(client, reply, label) {
  const info = client.protocol === h.V16 ? reply.idTagInfo : reply.idTokenInfo;
  if (client.protocol === h.V16) {
    assert.equal(info.status, 'Invalid', `${label}: ${JSON.stringify(reply)}`);
    return;
  }
  assert.equal(info.status, 'NotAtThisTime', `${label}: ${JSON.stringify(reply)}`);
  assert.ok(info.personalMessage, `${label}: personalMessage missing: ${JSON.stringify(reply)}`);
  assert.equal(info.personalMessage.format, 'UTF8');
  assert.equal(typeof info.personalMessage.content, 'string');
  assert.ok(info.personalMessage.content.length > 0 && info.personalMessage.content.length <= 512, `content length ${info.personalMessage.content.length}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Fleet: one own vehicle and one agreement vehicle (agreement valid now, everywhere), created before any schedule
// (changing vehicles re-sends the local list to every Managed charger).

const fleet = {};

before(async () => {
  fleet.own = h.uniqueToken('OWN');
  fleet.agreement = h.uniqueToken('AGR');
  fleet.agreementId = `cf-agr-${h.RUN_ID}`;
  fleet.agreementValidTo = h.isoAt(30 * 24 * 3600e3);
  await h.expectOk(h.api('POST', '/api/vehicles', { id: `cf-own-${h.RUN_ID}`, name: 'CF own', class: 'Own', identifiers: [{ type: 'RFID', value: fleet.own }] }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/agreements', {
    id: fleet.agreementId, name: 'CF agreement', validFrom: h.isoAt(-24 * 3600e3), validTo: fleet.agreementValidTo, siteIds: [], chargerIds: [],
  }), [200, 201]);
  fleet.outOfScope = h.uniqueToken('OOS');
  fleet.expired = h.uniqueToken('EXP');
  fleet.mac = `02:CF:${require('node:crypto').randomBytes(4).toString('hex').replace(/(..)(?=.)/g, '$1:').toUpperCase()}`;
  await h.expectOk(h.api('POST', '/api/agreements', {
    id: `${fleet.agreementId}-oos`, name: 'CF elsewhere', validFrom: null, validTo: null, siteIds: [], chargerIds: ['cf-some-other-charger'],
  }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/agreements', {
    id: `${fleet.agreementId}-exp`, name: 'CF expired', validFrom: h.isoAt(-48 * 3600e3), validTo: h.isoAt(-24 * 3600e3), siteIds: [], chargerIds: [],
  }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/vehicles', {
    id: `cf-oos-${h.RUN_ID}`, name: 'CF elsewhere van', class: 'Agreement', agreementId: `${fleet.agreementId}-oos`, identifiers: [{ type: 'RFID', value: fleet.outOfScope }],
  }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/vehicles', {
    id: `cf-exp-${h.RUN_ID}`, name: 'CF expired van', class: 'Agreement', agreementId: `${fleet.agreementId}-exp`, identifiers: [{ type: 'RFID', value: fleet.expired }],
  }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/vehicles', {
    id: `cf-mac-${h.RUN_ID}`, name: 'CF MAC', class: 'Own', identifiers: [{ type: 'MAC', value: fleet.mac }],
  }), [200, 201]);
  await h.expectOk(h.api('POST', '/api/vehicles', {
    id: `cf-agrv-${h.RUN_ID}`, name: 'CF agreement van', class: 'Agreement', agreementId: fleet.agreementId, identifiers: [{ type: 'RFID', value: fleet.agreement }],
  }), [200, 201]);
});

// ---------------------------------------------------------------------------------------------------------------

describe('scheduled managed access', { concurrency: true }, () => {
  it('2.0.1: entering Managed sends SetVariables(AuthCtrlr.Enabled=true, OfflineTxForUnknownIdEnabled=false) → ClearCache → SendLocalList(Full) with the fleet', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const log = recordCsmsCalls(client);
    const view = await putSchedule(client.chargerId, ALWAYS_MANAGED);
    assert.equal(view.mode, 'Managed');
    const { list } = await expectManagedSequence201(log);
    const tokens = (list.params.localAuthorizationList || []).map((e) => e.idToken.idToken);
    assert.ok(tokens.includes(fleet.own), `own vehicle in the local list: ${JSON.stringify(tokens)}`);
    assert.ok(tokens.includes(fleet.agreement), `agreement vehicle in the local list: ${JSON.stringify(tokens)}`);
    assert.ok(!tokens.includes(fleet.outOfScope) && !tokens.includes(fleet.expired), `out-of-scope / expired agreement vehicles in the local list: ${JSON.stringify(tokens)}`);
    assert.ok(list.params.versionNumber > 0, `versionNumber ${list.params.versionNumber}`);
    const agr = list.params.localAuthorizationList.find((e) => e.idToken.idToken === fleet.agreement);
    assert.equal(agr.idTokenInfo.status, 'Accepted');
    assert.equal(Date.parse(agr.idTokenInfo.cacheExpiryDateTime), Date.parse(fleet.agreementValidTo), `agreement entry expiry: ${JSON.stringify(agr)}`);
    const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'Applied');
    assert.equal(access.modeChange, 'Applied', JSON.stringify(access));
    assert.equal(access.mode, 'Managed');
  });

  it('1.6 with a free-vend key: ChangeConfiguration(key=ManagedValue) → AllowOfflineTxForUnknownId=false → ClearCache → SendLocalList(Full); listVersion increases on each push',
    { skip: !FREEVEND_MODEL && 'set CSMS_V16_FREEVEND_MODEL (server started with --Access:V16FreevendKeys:<model>:Key=FreeVend); run.sh does' },
    async (t) => {
      const client = await h.connect(t, { version: h.V16 });
      const log = recordCsmsCalls(client);
      await h.bootNotification(client, { chargePointModel: FREEVEND_MODEL });
      await putSchedule(client.chargerId, ALWAYS_MANAGED);
      const first = await expectManagedSequence16(log);
      const tags = (first.list.params.localAuthorizationList || []).map((e) => e.idTag);
      assert.ok(tags.includes(fleet.own) && tags.includes(fleet.agreement), `fleet in the local list: ${JSON.stringify(tags)}`);
      const agr = first.list.params.localAuthorizationList.find((e) => e.idTag === fleet.agreement);
      assert.equal(Date.parse(agr.idTagInfo.expiryDate), Date.parse(fleet.agreementValidTo), `agreement entry expiry: ${JSON.stringify(agr)}`);
      const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'Applied');
      assert.equal(access.modeChange, 'Applied', JSON.stringify(access));

      // A new vehicle changes the allow-list: the list is pushed again with a higher listVersion.
      const extra = h.uniqueToken('NEW');
      await h.expectOk(h.api('POST', '/api/vehicles', { id: `cf-new-${h.RUN_ID}`, name: 'CF new', class: 'Own', identifiers: [{ type: 'RFID', value: extra }] }), [200, 201]);
      await log.until((l) => findCall(l, (c) => c.action === 'SendLocalList' && (c.params.localAuthorizationList || []).some((e) => e.idTag === extra), first.listIndex + 1) >= 0,
        10000, 'SendLocalList with the new vehicle');
      const second = log[findCall(log, (c) => c.action === 'SendLocalList' && (c.params.localAuthorizationList || []).some((e) => e.idTag === extra), first.listIndex + 1)];
      assert.equal(second.params.updateType, 'Full');
      assert.ok(second.params.listVersion > first.list.params.listVersion, `listVersion ${second.params.listVersion} after ${first.list.params.listVersion}`);
    });

  it('1.6 model without a free-vend key: Managed is CsmsOnly, still AllowOfflineTxForUnknownId=false → ClearCache → SendLocalList', async (t) => {
    const client = await h.connect(t, { version: h.V16 });
    const log = recordCsmsCalls(client);
    await h.bootNotification(client, { chargePointModel: 'CF-NoKey-16' });
    await putSchedule(client.chargerId, ALWAYS_MANAGED);
    await expectManagedSequence16(log, 0, { key: null });
    assert.equal(findCall(log, (c) => c.action === 'ChangeConfiguration' && c.params.key !== 'AllowOfflineTxForUnknownId'), -1, 'no free-vend key was configured');
    const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'CsmsOnly');
    assert.equal(access.modeChange, 'CsmsOnly', JSON.stringify(access));
  });

  for (const version of h.VERSIONS) {
    it(`${version}: in Managed, unknown identifiers are denied (Authorize, ${version === h.V16 ? 'StartTransaction' : 'TransactionEvent Started'}), own and agreement vehicles Accepted; every attempt is an access event`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      recordCsmsCalls(client);
      await putSchedule(client.chargerId, ALWAYS_MANAGED);
      const unknown = h.uniqueToken('UNK');
      const listed = h.uniqueToken('LST'); // Accepted in the id-token list, but no fleet vehicle
      await h.registerIdToken(listed, 'Accepted');

      assertDenied(client, await authorize(client, unknown), 'Authorize unknown');
      assertDenied(client, await authorize(client, listed), 'Authorize id-token-list only');
      assertDenied(client, await startTx(client, unknown, 1), 'start unknown');
      assert.equal(statusOf(client, await authorize(client, fleet.own)), 'Accepted');
      assert.equal(statusOf(client, await authorize(client, fleet.agreement)), 'Accepted');
      assert.equal(statusOf(client, await startTx(client, fleet.own, 2)), 'Accepted');
      assertDenied(client, await authorize(client, fleet.outOfScope), 'agreement scoped to another charger');
      assertDenied(client, await authorize(client, fleet.expired), 'expired agreement');
      // MAC identifiers match case-insensitively and without separators.
      const macPlain = fleet.mac.replace(/:/g, '').toLowerCase();
      const macReply = version === h.V16
        ? await client.call('Authorize', { idTag: macPlain })
        : await client.call('Authorize', { idToken: { idToken: macPlain, type: 'MacAddress' } });
      assert.equal(statusOf(client, macReply), 'Accepted', `MAC ${macPlain} for vehicle identifier ${fleet.mac}`);

      const startTrigger = version === h.V16 ? 'StartTransaction' : 'TransactionEvent';
      const expected = [
        [unknown, 'Authorize', 'Denied'], [listed, 'Authorize', 'Denied'], [unknown, startTrigger, 'Denied'],
        [fleet.own, 'Authorize', 'Allowed'], [fleet.agreement, 'Authorize', 'Allowed'], [fleet.own, startTrigger, 'Allowed'],
        [fleet.outOfScope, 'Authorize', 'Denied'], [fleet.expired, 'Authorize', 'Denied'],
      ];
      const events = await h.eventually(() => eventsOf(client.chargerId), (e) => e.length >= expected.length + 1);
      for (const [identifier, trigger, decision] of expected) {
        const e = events.find((x) => x.identifier === identifier && x.trigger === trigger && x.decision === decision);
        assert.ok(e, `access event ${identifier}/${trigger}/${decision} missing: ${JSON.stringify(events)}`);
        assert.equal(e.chargerId, client.chargerId);
        assert.equal(e.mode, 'Managed');
      }
      assert.equal(events.length, expected.length + 1, `one event per attempt: ${JSON.stringify(events)}`);
      assert.equal(events.find((x) => x.identifier === fleet.outOfScope).reason, 'AgreementOutOfScope');
      assert.equal(events.find((x) => x.identifier === fleet.expired).reason, 'AgreementExpired');
      const own = events.find((x) => x.identifier === fleet.own);
      assert.equal(own.accessClass, 'Own');
      assert.equal(events.find((x) => x.identifier === fleet.agreement).agreementId, fleet.agreementId);
    });
  }

  for (const version of h.VERSIONS) {
    it(`${version}: schedule edges a few seconds ahead — the switch CALLs arrive at or after each edge (Freevend → Managed → Freevend)`,
      { skip: version === h.V16 && !FREEVEND_MODEL && 'needs CSMS_V16_FREEVEND_MODEL' },
      async (t) => {
        const client = await h.connect(t, { version });
        const log = recordCsmsCalls(client);
        await h.bootNotification(client, version === h.V16 ? { chargePointModel: FREEVEND_MODEL } : undefined);
        const edge = Math.ceil((Date.now() + 4000) / 1000) * 1000;
        const back = edge + 3000;
        const view = await putSchedule(client.chargerId, managedFrom(edge, back - edge));
        assert.equal(view.mode, 'Freevend');
        assert.equal(Date.parse(view.nextSwitchAt), edge, `nextSwitchAt ${view.nextSwitchAt}`);
        assert.equal(view.nextMode, 'Managed');
        const enteredManaged = version === h.V201
          ? (await expectManagedSequence201(log, 0, 15000)).set
          : (await expectManagedSequence16(log, 0, { timeoutMs: 15000 })).key;
        assert.ok(enteredManaged.at >= edge, `switch to Managed received ${edge - enteredManaged.at} ms before the edge`);
        assert.ok(enteredManaged.at - edge < 6000, `switch to Managed received ${enteredManaged.at - edge} ms after the edge`);
        // Before the edge, only the Freevend switch may have been sent.
        const isFreevend = version === h.V201 ? isAuthEnabled('false') : (c) => c.action === 'ChangeConfiguration' && c.params.key === FREEVEND_KEY && c.params.value === 'true';
        for (const c of log.filter((x) => x.at < edge)) assert.ok(isFreevend(c), `before the edge: ${JSON.stringify(c)}`);
        assert.equal((await accessOf(client.chargerId)).mode, 'Managed');

        const from = log.indexOf(enteredManaged) + 1;
        await log.until((l) => findCall(l, isFreevend, from) >= 0, 12000, 'switch back to Freevend');
        const leftManaged = log[findCall(log, isFreevend, from)];
        assert.ok(leftManaged.at >= back, `switch back to Freevend received ${back - leftManaged.at} ms before the edge`);
        const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.mode === 'Freevend' && a.modeChange === 'Applied');
        assert.equal(access.mode, 'Freevend');
        assert.equal(access.modeChange, 'Applied', JSON.stringify(access));
      });
  }

  for (const version of h.VERSIONS) {
    it(`${version}: a charger that rejects the switch shows modeChange Rejected; unknown identifiers are still denied`, async (t) => {
      const client = await h.connect(t, { version, boot: version === h.V201 });
      const answers = version === h.V201
        ? { SetVariables: ({ setVariableData }) => ({ setVariableResult: setVariableData.map((d) => ({ attributeStatus: 'Rejected', component: d.component, variable: d.variable })) }) }
        : { ChangeConfiguration: ({ key }) => ({ status: key === FREEVEND_KEY ? 'Rejected' : 'Accepted' }) };
      const log = recordCsmsCalls(client, answers);
      if (version === h.V16) {
        if (!FREEVEND_MODEL) return t.skip('needs CSMS_V16_FREEVEND_MODEL');
        await h.bootNotification(client, { chargePointModel: FREEVEND_MODEL });
      }
      await putSchedule(client.chargerId, ALWAYS_MANAGED);
      await log.until((l) => findCall(l, (c) => c.action === 'SendLocalList') >= 0, 8000, 'the switch');
      const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'Rejected');
      assert.equal(access.modeChange, 'Rejected', JSON.stringify(access));
      assert.equal(access.state.applyStatus, 'Rejected');
      assert.equal(access.mode, 'Managed');
      assertDenied(client, await authorize(client, h.uniqueToken('UNK')), 'Authorize unknown after a rejected switch');
      assert.equal(statusOf(client, await authorize(client, fleet.own)), 'Accepted');
      // README: a Rejected switch is retried when the charger boots.
      const before = log.length;
      await h.bootNotification(client, version === h.V16 ? { chargePointModel: FREEVEND_MODEL } : undefined);
      await log.until((l) => l.length > before && findCall(l, (c) => c.action === (version === h.V201 ? 'SetVariables' : 'ChangeConfiguration'), before) >= 0,
        6000, 'retry of the rejected switch after BootNotification');
    });
  }

  it('2.0.1: a switch the charger does not answer stays Pending and is applied after its next BootNotification', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    let silent = true;
    const accept = ({ setVariableData }) => ({
      setVariableResult: setVariableData.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })),
    });
    const log = recordCsmsCalls(client, { SetVariables: (params) => (silent ? new Promise(() => {}) : accept(params)) });
    await putSchedule(client.chargerId, ALWAYS_MANAGED);
    await log.until((l) => l.length >= 1, 5000, 'SetVariables');
    const pending = await h.eventually(() => accessOf(client.chargerId), (a) => a.state?.applyAttemptedAt,
      { timeoutMs: h.CALL_TIMEOUT_SECONDS * 1000 + 4000 });
    assert.equal(pending.modeChange, 'Pending', JSON.stringify(pending));
    assert.equal(pending.state.applyStatus, 'Pending');
    silent = false;
    const from = log.length;
    await h.bootNotification(client);
    await expectManagedSequence201(log, from, 8000);
    const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'Applied');
    assert.equal(access.modeChange, 'Applied', JSON.stringify(access));
  });

  it('2.0.1: a charger inheriting its site schedule is switched when the site schedule changes; overlapping rules: Managed wins', async (t) => {
    const client = await h.connect(t, { version: h.V201, boot: true });
    const log = recordCsmsCalls(client);
    const site = `cf-site-${h.RUN_ID}`;
    await h.expectOk(h.api('PUT', `/api/access-sites/${site}`, { name: 'CF site', timeZone: 'UTC', defaultMode: 'Freevend', rules: [] }));
    const view = await putSchedule(client.chargerId, { siteId: site, inheritSiteSchedule: true });
    assert.equal(view.source, 'Site');
    assert.equal(view.mode, 'Freevend');
    await log.until((l) => findCall(l, isAuthEnabled('false')) >= 0, 5000, 'SetVariables(AuthCtrlr.Enabled=false)');
    const from = log.length;
    const all = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    await h.expectOk(h.api('PUT', `/api/access-sites/${site}`, {
      name: 'CF site', timeZone: 'UTC', defaultMode: 'Freevend',
      rules: [{ name: 'open', mode: 'Freevend', days: all, start: '00:00', end: '24:00' }, { name: 'fleet', mode: 'Managed', days: all, start: '00:00', end: '24:00' }],
    }));
    await expectManagedSequence201(log, from);
    const access = await h.eventually(() => accessOf(client.chargerId), (a) => a.modeChange === 'Applied');
    assert.equal(access.mode, 'Managed');
    assert.equal(access.rule, 'fleet');
    assertDenied(client, await authorize(client, h.uniqueToken('UNK')), 'Authorize unknown on an inherited Managed schedule');
  });

  for (const version of h.VERSIONS) {
    it(`${version}: a charger that connects after the switch receives the commands within a few seconds of its BootNotification`, async (t) => {
      const cp = await h.registerCharger();
      await putSchedule(cp.id, ALWAYS_MANAGED);
      const offline = await accessOf(cp.id);
      assert.equal(offline.mode, 'Managed');
      assert.equal(offline.modeChange, 'Pending', JSON.stringify(offline));
      const client = await h.connect(t, { version, charger: cp });
      const log = recordCsmsCalls(client);
      const booted = Date.now();
      await h.bootNotification(client, version === h.V16 && FREEVEND_MODEL ? { chargePointModel: FREEVEND_MODEL } : undefined);
      if (version === h.V201) await expectManagedSequence201(log, 0, 6000);
      else await expectManagedSequence16(log, 0, { key: FREEVEND_MODEL ? FREEVEND_KEY : null, timeoutMs: 6000 });
      const first = log[0];
      assert.ok(first.at - booted < 5000, `first command ${first.at - booted} ms after the BootNotification`);
      const access = await h.eventually(() => accessOf(cp.id), (a) => a.modeChange !== 'Pending');
      assert.ok(['Applied', 'CsmsOnly'].includes(access.modeChange), JSON.stringify(access));
    });
  }

  for (const version of h.VERSIONS) {
    it(`${version}: operator remote start reaches the charger only for allowed identifiers (403 otherwise)`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      const log = recordCsmsCalls(client);
      await putSchedule(client.chargerId, ALWAYS_MANAGED);
      const action = version === h.V16 ? 'RemoteStartTransaction' : 'RequestStartTransaction';
      const tokenOf = (c) => (version === h.V16 ? c.params.idTag : c.params.idToken.idToken);
      const remote = (idToken) => h.api('POST', `/api/chargers/${enc(client.chargerId)}/remote-start`, { idToken, connectorId: 1 });

      const unknown = h.uniqueToken('UNK');
      const denied = await remote(unknown);
      assert.equal(denied.status, 403, denied.text);
      for (const token of [fleet.own, fleet.agreement]) {
        const ok = await remote(token);
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.body.status, 'Result', ok.text);
        assert.equal(ok.body.payload?.status, 'Accepted', ok.text);
      }
      const starts = log.filter((c) => c.action === action);
      assert.deepEqual(starts.map(tokenOf), [fleet.own, fleet.agreement], `${action} received: ${JSON.stringify(starts)}`);
      if (version === h.V16) assert.equal(starts[0].params.connectorId, 1);
      else assert.equal(typeof starts[0].params.remoteStartId, 'number');

      const events = await h.eventually(() => eventsOf(client.chargerId), (e) => e.filter((x) => x.trigger === 'RemoteStart').length >= 3);
      const remoteEvents = events.filter((x) => x.trigger === 'RemoteStart');
      assert.deepEqual(remoteEvents.map((x) => `${x.identifier}:${x.decision}`).sort(),
        [`${unknown}:Denied`, `${fleet.own}:Allowed`, `${fleet.agreement}:Allowed`].sort());
    });
  }

  for (const version of h.VERSIONS) {
    it(`${version}: in Freevend, Authorize is Accepted with ${version === h.V16 ? 'expiryDate' : 'cacheExpiryDateTime'} = the next switch`, async (t) => {
      const client = await h.connect(t, { version, boot: true });
      recordCsmsCalls(client);
      const next = Math.floor((Date.now() + 2 * 3600e3) / 1000) * 1000;
      const view = await putSchedule(client.chargerId, managedFrom(next));
      assert.equal(view.mode, 'Freevend');
      assert.equal(Date.parse(view.nextSwitchAt), next, JSON.stringify(view));
      const unknown = h.uniqueToken('UNK');
      const reply = await authorize(client, unknown);
      const info = version === h.V16 ? reply.idTagInfo : reply.idTokenInfo;
      assert.equal(info.status, 'Accepted', JSON.stringify(reply));
      const expiry = version === h.V16 ? info.expiryDate : info.cacheExpiryDateTime;
      assert.ok(expiry, `expiry missing: ${JSON.stringify(reply)}`);
      assert.equal(Date.parse(expiry), next, `expiry ${expiry}, next switch ${new Date(next).toISOString()}`);
      const events = await h.eventually(() => eventsOf(client.chargerId), (e) => e.length >= 1);
      assert.equal(events[0].mode, 'Freevend');
      assert.equal(events[0].decision, 'Allowed');
      assert.equal(events[0].identifier, unknown);
    });
  }
});
