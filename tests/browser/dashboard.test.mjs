// Browser test of the live dashboard: headless Chromium (playwright-core, executablePath /usr/bin/chromium) logs in,
// opens the dashboard, and a simulated OCPP 1.6 charger (ws) connects, changes status, starts and stops a session.
// Each change must show on the page within 1 s of the charger sending it; so must the charger's site allocation
// (pushed by the hub after each recalculation, e.g. a node limit change) and its access mode with the next switch.
// Prints "browser: N passed, M failed".
//
// Env: CSMS_URL, CSMS_API_KEY (admin key, to register the charger and the id tag), BROWSER_USER, BROWSER_PASSWORD,
//      BROWSER_ARTIFACTS (screenshot folder), CHROMIUM (default /usr/bin/chromium), PUSH_BUDGET_MS (default 1000).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

const url = process.env.CSMS_URL ?? 'http://127.0.0.1:8180';
const apiKey = process.env.CSMS_API_KEY ?? 'dev-only-api-key-change-me';
const user = process.env.BROWSER_USER ?? 'operator';
const password = process.env.BROWSER_PASSWORD ?? 'dev-only-operator';
const artifacts = process.env.BROWSER_ARTIFACTS ?? path.resolve('artifacts/browser');
const budgetMs = Number(process.env.PUSH_BUDGET_MS ?? 1000);
const chargerId = `BRW-${Date.now().toString(36)}`;
const chargerPassword = 'browser-test-password-1';
const idTag = `TAG${Date.now().toString(36)}`.slice(0, 20).toUpperCase();
const siteId = `SITE-${Date.now().toString(36)}`;

let passed = 0;
let failed = 0;
const results = [];

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    results.push(`ok   ${name} (${Date.now() - started} ms)`);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
    return false;
  }
}

async function api(method, pathname, body) {
  const response = await fetch(`${url}${pathname}`, {
    method, headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

// A capacity provider's call to our OSCP endpoint (the DERMS side), answered 204 when accepted.
async function oscp(message, token, body) {
  const response = await fetch(`${url}/oscp/fp/2.0/${message}`, {
    method: 'POST',
    headers: { Authorization: `Token ${token}`, 'X-Request-ID': `brw-${Date.now()}-${Math.random()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 204) throw new Error(`OSCP ${message}: ${response.status} ${await response.text()}`);
}

class Charger {
  constructor(socket) { this.socket = socket; this.pending = new Map(); this.next = 1; }

  static connect() {
    const ws = new URL(`/ocpp/${encodeURIComponent(chargerId)}`, url);
    ws.protocol = 'ws:';
    const socket = new WebSocket(ws, ['ocpp1.6'], {
      headers: { Authorization: `Basic ${Buffer.from(`${chargerId}:${chargerPassword}`).toString('base64')}` },
    });
    const charger = new Charger(socket);
    socket.on('message', (data) => charger.onMessage(JSON.parse(data.toString())));
    return new Promise((resolve, reject) => { socket.once('open', () => resolve(charger)); socket.once('error', reject); });
  }

  onMessage(frame) {
    if (frame[0] === 2) {
      // Answer any CSMS-initiated CALL (e.g. access-mode switching) with an empty-ish accept.
      this.socket.send(JSON.stringify([3, frame[1], { status: 'Accepted' }]));
      return;
    }
    const pending = this.pending.get(frame[1]);
    if (!pending) return;
    this.pending.delete(frame[1]);
    if (frame[0] === 3) pending.resolve(frame[2]); else pending.reject(new Error(`CALLERROR ${JSON.stringify(frame)}`));
  }

  call(action, payload) {
    const id = `b${this.next++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify([2, id, action, payload]));
      setTimeout(() => reject(new Error(`${action}: no answer`)), 5000);
    });
  }

  close() { this.socket.close(1000); return new Promise((resolve) => this.socket.once('close', resolve)); }
}

// Runs `action`, then waits until `predicate` holds in the page; fails when that takes longer than the budget.
// `fromAnswer`: the clock starts when the action's answer arrived (an operator API call whose effect is the event,
// e.g. a stored site), not when it was sent (a charger's message, whose arrival is the event).
async function within(page, label, action, predicate, arg, { fromAnswer = false } = {}) {
  let started = Date.now();
  await action();
  if (fromAnswer) started = Date.now();
  await page.waitForFunction(predicate, arg, { timeout: budgetMs * 3, polling: 20 });
  const elapsed = Date.now() - started;
  if (elapsed > budgetMs) throw new Error(`${label} took ${elapsed} ms to show (budget ${budgetMs} ms)`);
  console.log(`     ${label}: shown after ${elapsed} ms`);
}

const profile = mkdtempSync(path.join(tmpdir(), 'csms-chromium-'));
mkdirSync(artifacts, { recursive: true });
let browser;
let charger;
try {
  // A fresh profile per run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] ?? await browser.newPage();
  page.on('console', (message) => { if (message.type() === 'error') console.log(`     page console: ${message.text()}`); });
  let transactionId;

  const ok = await step('operator logs in and the dashboard goes live', async () => {
    await api('POST', '/api/chargers', { id: chargerId, password: chargerPassword });
    await api('POST', '/api/id-tokens', { idToken: idTag, status: 'Accepted' });
    await page.goto(url);
    await page.waitForSelector('#login-form', { state: 'visible', timeout: 10000 });
    await page.fill('#login-name', user);
    await page.fill('#login-password', password);
    await page.click('#login-submit');
    await page.waitForFunction(() => document.getElementById('live')?.textContent === 'live', null, { timeout: 10000 });
    const who = await page.textContent('#who');
    if (!who.includes(user)) throw new Error(`header shows '${who}'`);
  });

  if (ok) {
    // The page loaded its sites at login; a new site appears only by push (the REST fallback runs every 30 s).
    await step('a new site\'s allocation is pushed within 1 s', () => within(page, 'site allocation',
      () => api('PUT', `/api/sites/${encodeURIComponent(siteId)}`, {
        nodes: [
          { id: 'root', kind: 'site' },
          { id: 'circuit', parent: 'root', kind: 'circuit', import: { currentA: 32 } },
          { id: chargerId, parent: 'circuit', kind: 'charger', import: { currentA: 32 }, safeImport: { currentA: 8 } },
        ],
        evses: [{ id: `${chargerId}/1`, parent: chargerId, minCurrentA: 6, maxCurrentA: 32 }],
      }),
      ([site]) => document.querySelector(`#sites [data-site="${CSS.escape(site)}"] tr[data-node="circuit"] [data-field="limit"]`)
        ?.textContent === '32 A',
      [siteId], { fromAnswer: true }));

    await step('charger connection shows within 1 s', () => within(page, 'connected',
      async () => { charger = await Charger.connect(); },
      ([id]) => document.querySelector(`#charger-${CSS.escape(id)} [data-field="connection"]`)?.textContent === 'connected',
      [chargerId]));

    await step('BootNotification + status Available shows within 1 s', () => within(page, 'Available',
      async () => {
        await charger.call('BootNotification', { chargePointVendor: 'Browser', chargePointModel: 'Test' });
        await charger.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
      },
      ([id]) => document.querySelector(`#charger-${CSS.escape(id)} [data-field="connectors"]`)?.textContent.includes('Available'),
      [chargerId]));

    await step('status change to Preparing shows within 1 s', () => within(page, 'Preparing',
      () => charger.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' }),
      ([id]) => document.querySelector(`#charger-${CSS.escape(id)} [data-field="connectors"]`)?.textContent.includes('Preparing'),
      [chargerId]));

    await step('access mode and next switch show within 1 s of a schedule change', () => within(page, 'access mode',
      () => {
        const hour = (offset) => `${String((new Date().getUTCHours() + offset) % 24).padStart(2, '0')}:00`;
        return api('PUT', `/api/chargers/${encodeURIComponent(chargerId)}/access-schedule`, {
          timeZone: 'UTC', defaultMode: 'Managed',
          rules: [{ name: 'open later', mode: 'Freevend', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], start: hour(2), end: hour(3) }],
        });
      },
      ([id]) => {
        const cell = document.querySelector(`#charger-${CSS.escape(id)} [data-field="access"]`);
        return cell?.querySelector('[data-field="access-mode"]')?.textContent === 'Managed'
          && cell?.querySelector('[data-field="next-switch"]')?.textContent.includes('Freevend');
      },
      [chargerId]));

    await page.screenshot({ path: path.join(artifacts, 'dashboard-access.png'), fullPage: true });

    await step('access denial on a Managed charger shows within 1 s', async () => {
      await api('PUT', `/api/chargers/${encodeURIComponent(chargerId)}/access-schedule`, { timeZone: 'UTC', defaultMode: 'Managed', rules: [] });
      try {
        await within(page, 'access denied',
          async () => {
            const answer = await charger.call('Authorize', { idTag: 'STRANGER1' });
            if (answer.idTagInfo?.status === 'Accepted') throw new Error('a stranger was accepted on a Managed charger');
          },
          ([id]) => [...document.querySelectorAll(`#denials tr[data-charger="${id}"] [data-field="identifier"]`)]
            .some((cell) => cell.textContent.startsWith('STRANGER1')),
          [chargerId]);
      } finally {
        await api('DELETE', `/api/chargers/${encodeURIComponent(chargerId)}/access-schedule`);
      }
    });

    await step('session start shows within 1 s', () => within(page, 'session row',
      async () => {
        const started = await charger.call('StartTransaction', { connectorId: 1, idTag, meterStart: 1000, timestamp: new Date().toISOString() });
        if (started.idTagInfo?.status !== 'Accepted') throw new Error(`StartTransaction: ${JSON.stringify(started)}`);
        transactionId = String(started.transactionId);
        await charger.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
      },
      ([id]) => document.querySelector(`#sessions tr[data-charger="${id}"]`) !== null
        && document.querySelector(`#charger-${CSS.escape(id)} [data-field="connectors"]`)?.textContent.includes('Charging'),
      [chargerId]));

    await step('meter values (power, energy) show within 1 s', () => within(page, 'power and energy',
      () => charger.call('MeterValues', {
        connectorId: 1, transactionId: Number(transactionId), meterValue: [{
          timestamp: new Date().toISOString(),
          sampledValue: [
            { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
            { value: '2500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          ],
        }],
      }),
      ([id]) => {
        const row = document.querySelector(`#sessions tr[data-charger="${id}"]`);
        return row?.querySelector('[data-field="power"]')?.textContent === '7.20 kW'
          && row?.querySelector('[data-field="energy"]')?.textContent === '1.500 kWh';
      },
      [chargerId]));

    await step('a lowered node limit is pushed to the site allocation within 1 s, with the EVSE\'s why', () => within(page, 'site limit 20 A',
      () => api('PATCH', `/api/sites/${encodeURIComponent(siteId)}/nodes/circuit`, { import: { currentA: 20 } }),
      ([site, evse]) => {
        const block = document.querySelector(`#sites [data-site="${CSS.escape(site)}"]`);
        return block?.querySelector('tr[data-node="circuit"] [data-field="limit"]')?.textContent === '20 A'
          && block?.querySelector(`tr[data-evse="${CSS.escape(evse)}"] [data-field="why"]`)?.textContent.length > 0;
      },
      [siteId, `${chargerId}/1`], { fromAnswer: true }));

    await page.screenshot({ path: path.join(artifacts, 'dashboard-charging.png'), fullPage: true });

    await step('an OSCP capacity forecast shows as its node\'s envelope within 1 s', async () => {
      const peerId = `brw-cp-${Date.now().toString(36)}`;
      const groupId = `brw-group-${Date.now().toString(36)}`;
      const { token } = await api('POST', '/api/oscp/peers', { peerId, role: 'CapacityProvider' });
      await api('PUT', `/api/oscp/peers/${encodeURIComponent(peerId)}/groups/${encodeURIComponent(groupId)}`, { siteId, nodeId: 'circuit' });
      // Nobody listens at the provider's URL: our register reply stays pending, which is enough to accept forecasts.
      await oscp('register', token, { token: 'browser-token-b', version_url: [{ version: '2.0', base_url: 'http://127.0.0.1:9/oscp/cp/2.0' }] });
      const now = Date.now();
      await within(page, 'envelope 5 kW', () => oscp('update_group_capacity_forecast', token, {
        group_id: groupId,
        type: 'CONSUMPTION',
        forecasted_blocks: [{ capacity: 5, phase: 'ALL', unit: 'KW', start_time: new Date(now - 60000).toISOString(), end_time: new Date(now + 3600000).toISOString() }],
      }), ([group]) => {
        const block = document.querySelector(`#envelopes [data-group="${CSS.escape(group)}"]`);
        return block?.querySelector('[data-field="state"]')?.textContent === 'Active'
          && block.querySelector('[data-field="import"]')?.textContent.startsWith('5.0 kW');
      }, [groupId], { fromAnswer: true });
      await page.screenshot({ path: path.join(artifacts, 'dashboard-envelope.png'), fullPage: true });
    });

    await step('session stop removes the running session within 1 s', () => within(page, 'session gone',
      () => charger.call('StopTransaction', { transactionId: Number(transactionId), meterStop: 3000, timestamp: new Date().toISOString(), reason: 'Local' }),
      ([id]) => document.querySelector(`#sessions tr[data-charger="${id}"]`) === null,
      [chargerId]));

    await step('disconnect shows within 1 s', () => within(page, 'disconnected',
      () => charger.close(),
      ([id]) => document.querySelector(`#charger-${CSS.escape(id)} [data-field="connection"]`)?.textContent === 'disconnected',
      [chargerId]));

    await page.screenshot({ path: path.join(artifacts, 'dashboard.png'), fullPage: true });
    console.log(`     screenshots in ${artifacts}`);
  }
} catch (error) {
  failed += 1;
  console.log(`FAIL browser test setup: ${error?.stack ?? error}`);
} finally {
  if (charger && charger.socket.readyState === WebSocket.OPEN) charger.socket.terminate();
  if (browser) await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
