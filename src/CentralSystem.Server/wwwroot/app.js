// CentralSystem live dashboard: loads a snapshot over REST, then follows the SignalR push stream (/hubs/dashboard).
'use strict';

const state = { chargers: new Map(), sessions: new Map(), sites: new Map(), envelopes: new Map(), connection: null };
const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, ...options });
  if (response.status === 401) { showLogin(); throw new Error('unauthorized'); }
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

function showLogin() {
  $('#login-panel').hidden = false;
  $('#dashboard').hidden = true;
  $('#logout').hidden = true;
  $('#who').textContent = '';
}

async function login(event) {
  event.preventDefault();
  $('#login-error').textContent = '';
  const response = await fetch('/auth/login', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: $('#login-name').value, password: $('#login-password').value }),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    $('#login-error').textContent = problem.detail || problem.title || `Login failed (${response.status})`;
    return;
  }
  await start(await response.json());
}

async function start(me) {
  $('#login-panel').hidden = true;
  $('#dashboard').hidden = false;
  $('#logout').hidden = false;
  $('#who').textContent = `${me.name} (${me.role})`;
  await connect();
}

// Subscribe first, then load the snapshot, so that nothing between the two is lost; events replayed onto the
// snapshot are idempotent (last status/meter wins).
async function connect() {
  const pending = [];
  let loaded = false;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/dashboard')
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('Events', (events) => { if (loaded) apply(events); else pending.push(...events); });
  // Site allocations are pushed (coalesced per site) after each recalculation; the REST load below is only the start.
  connection.on('SiteAllocation', (allocation) => showAllocation(allocation));
  connection.on('OscpGroup', (group) => showEnvelope(group));
  connection.onreconnecting(() => setLive(false));
  connection.onreconnected(async () => { setLive(true); await loadSnapshot(); await loadSites(); await loadEnvelopes(); });
  connection.onclose(() => setLive(false));
  await connection.start();
  state.connection = connection;
  setLive(true);
  await loadSnapshot();
  loaded = true;
  apply(pending);
  loadDenials();
  await loadSites();
  await loadEnvelopes();
  // A slow safety net for what is not pushed (a site added or deleted without a recalculation, a group unbound).
  setInterval(loadSites, 30000);
  setInterval(loadEnvelopes, 30000);
  setInterval(renderLastSeen, 1000);
}

function setLive(on) {
  const badge = $('#live');
  badge.textContent = on ? 'live' : 'offline';
  badge.className = `badge ${on ? 'on' : 'off'}`;
}

async function loadSnapshot() {
  const snapshot = await api('/api/dashboard/snapshot');
  state.chargers.clear();
  state.sessions.clear();
  for (const c of snapshot.chargers) {
    const connectors = new Map(c.connectors.map((k) => [`${k.evseId}/${k.connectorId}`, k]));
    state.chargers.set(c.id, { ...c, connectors, access: c.access ?? null });
  }
  for (const s of snapshot.sessions) state.sessions.set(sessionKey(s.chargerId, s.transactionId), s);
  renderChargers();
  renderSessions();
}

async function loadDenials() {
  let events;
  try { events = await api('/api/access-events?decision=Denied&limit=20'); } catch { return; }
  $('#denials tbody').replaceChildren(...(events.items ?? events).map((e) =>
    denialRow(e.occurredAt, e.chargerId, `${e.identifier}${e.identifierType ? ` (${e.identifierType})` : ''}`, e.reason)));
}

function denialRow(at, chargerId, identifier, reason) {
  return el('tr', { 'data-charger': chargerId },
    el('td', {}, new Date(at).toLocaleString()), el('td', {}, chargerId), el('td', { 'data-field': 'identifier' }, identifier),
    el('td', { 'data-field': 'reason' }, reason));
}

function addDenial(e) {
  const body = $('#denials tbody');
  const row = denialRow(e.at, e.chargerId, e.identifier, e.reason);
  row.classList.add('flash');
  body.prepend(row);
  while (body.children.length > 50) body.lastElementChild.remove();
}

const sessionKey = (chargerId, transactionId) => `${chargerId}|${transactionId}`;

function chargerFor(id) {
  let charger = state.chargers.get(id);
  if (!charger) {
    charger = { id, status: '?', connected: false, ocppVersion: null, lastSeenAt: null, connectors: new Map(), access: null };
    state.chargers.set(id, charger);
  }
  return charger;
}

function apply(events) {
  const touchedChargers = new Set();
  let sessionsChanged = false;
  for (const e of events) {
    if (e.type === 'accessDenied') { addDenial(e); continue; }
    const charger = chargerFor(e.chargerId);
    if (e.type !== 'accessMode') charger.lastSeenAt = e.at;
    touchedChargers.add(e.chargerId);
    switch (e.type) {
      case 'connection':
        charger.connected = e.connected;
        charger.ocppVersion = e.ocppVersion ?? charger.ocppVersion;
        break;
      case 'status':
        charger.connectors.set(`${e.evseId}/${e.connectorId}`,
          { evseId: e.evseId, connectorId: e.connectorId, status: e.status, errorCode: e.errorCode, reportedAt: e.at });
        break;
      case 'sessionStarted':
        state.sessions.set(sessionKey(e.chargerId, e.transactionId), {
          id: e.sessionId, chargerId: e.chargerId, transactionId: e.transactionId, evseId: e.evseId, connectorId: e.connectorId,
          idToken: e.idToken, startedAt: e.at, meterStartWh: e.meterStartWh, energyWh: 0, powerW: null,
        });
        sessionsChanged = true;
        break;
      case 'sessionEnded':
        state.sessions.delete(sessionKey(e.chargerId, e.transactionId));
        sessionsChanged = true;
        break;
      case 'accessMode':
        charger.access = e.accessMode === 'None' ? null
          : { mode: e.accessMode, rule: e.rule, nextSwitchAt: e.nextSwitchAt, nextMode: e.nextMode };
        break;
      case 'meter': {
        const session = findSession(e);
        if (session) {
          if (e.powerW !== null && e.powerW !== undefined) session.powerW = e.powerW;
          if (e.energyWh !== null && e.energyWh !== undefined) {
            if (session.meterStartWh === null || session.meterStartWh === undefined) session.meterStartWh = e.energyWh;
            session.energyWh = Math.max(0, e.energyWh - session.meterStartWh);
          }
          sessionsChanged = true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (touchedChargers.size > 50) renderChargers(); else touchedChargers.forEach(renderCharger);
  if (sessionsChanged) renderSessions();
}

function findSession(e) {
  if (e.transactionId) {
    const byTx = state.sessions.get(sessionKey(e.chargerId, e.transactionId));
    if (byTx) return byTx;
  }
  for (const s of state.sessions.values()) {
    if (s.chargerId === e.chargerId && (s.evseId === e.evseId || s.connectorId === e.connectorId)) return s;
  }
  return null;
}

function renderChargers() {
  const rows = [...state.chargers.keys()].sort().map(chargerRow);
  $('#chargers tbody').replaceChildren(...rows);
  renderCount();
}

function renderCount() {
  $('#charger-count').textContent = `(${state.chargers.size}, ${[...state.chargers.values()].filter((c) => c.connected).length} connected)`;
}

function renderCharger(id) {
  const row = chargerRow(id);
  const existing = document.getElementById(`charger-${id}`);
  if (existing) { existing.replaceWith(row); renderCount(); } else renderChargers();
  row.classList.add('flash');
}

function chargerRow(id) {
  const c = state.chargers.get(id);
  const connectors = [...c.connectors.values()]
    .sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId)
    .map((k) => el('span', { class: `conn ${k.status}`, 'data-connector': `${k.evseId}/${k.connectorId}`, title: k.errorCode ?? '' },
      `${k.evseId}/${k.connectorId} ${k.status}${k.errorCode && k.errorCode !== 'NoError' ? ` (${k.errorCode})` : ''}`));
  const access = c.access?.mode
    ? [el('span', { class: `mode ${c.access.mode}`, 'data-field': 'access-mode', title: c.access.rule ? `rule ${c.access.rule}` : '' }, c.access.mode),
      c.access.nextSwitchAt ? el('span', { 'data-field': 'next-switch', 'data-at': c.access.nextSwitchAt },
        ` → ${c.access.nextMode ?? '?'} at ${new Date(c.access.nextSwitchAt).toLocaleString()}`) : '']
    : [];
  return el('tr', { id: `charger-${id}`, 'data-charger': id },
    el('td', { 'data-field': 'id' }, id),
    el('td', { 'data-field': 'connection' }, el('span', { class: `badge ${c.connected ? 'on' : 'off'}` }, c.connected ? 'connected' : 'disconnected')),
    el('td', { 'data-field': 'version' }, c.ocppVersion ?? ''),
    el('td', { 'data-field': 'last-seen', 'data-at': c.lastSeenAt ?? '' }, ago(c.lastSeenAt)),
    el('td', { 'data-field': 'connectors' }, ...connectors),
    el('td', { 'data-field': 'access' }, ...access));
}

function renderLastSeen() {
  for (const cell of document.querySelectorAll('td[data-field="last-seen"]')) cell.textContent = ago(cell.dataset.at);
}

function ago(at) {
  if (!at) return '';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(at).getTime()) / 1000));
  return seconds < 90 ? `${seconds} s ago` : seconds < 5400 ? `${Math.round(seconds / 60)} min ago` : new Date(at).toLocaleString();
}

function renderSessions() {
  const rows = [...state.sessions.values()]
    .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))
    .map((s) => el('tr', { 'data-session': sessionKey(s.chargerId, s.transactionId), 'data-charger': s.chargerId },
      el('td', {}, s.chargerId),
      el('td', {}, `${s.evseId ?? '-'}/${s.connectorId ?? '-'}`),
      el('td', { 'data-field': 'transaction' }, s.transactionId),
      el('td', {}, s.idToken ?? ''),
      el('td', {}, new Date(s.startedAt).toLocaleTimeString()),
      el('td', { 'data-field': 'power' }, s.powerW === null || s.powerW === undefined ? '' : `${(s.powerW / 1000).toFixed(2)} kW`),
      el('td', { 'data-field': 'energy' }, s.energyWh === null || s.energyWh === undefined ? '' : `${(s.energyWh / 1000).toFixed(3)} kWh`)));
  $('#sessions tbody').replaceChildren(...rows);
}

// Smart-charging data, shown only when sites are configured: per node the allocated power against its effective
// limit and its limit sources (envelopes), per EVSE the allocation and why (the binding limit first), and breaches.
// Pushed allocations carry the same field names as GET /api/sites/{id}/allocation (per EVSE only the binding lineage).
async function loadSites() {
  let sites;
  try { sites = await api('/api/sites'); } catch { return; }
  const known = new Set(sites.map((site) => site.id));
  for (const id of [...state.sites.keys()]) if (!known.has(id)) state.sites.delete(id);
  for (const site of sites) {
    let allocation = null;
    try { allocation = await api(`/api/sites/${encodeURIComponent(site.id)}/allocation`); } catch { /* not calculable now */ }
    const shown = state.sites.get(site.id);
    // A push may have arrived while this request ran: keep whichever is newer.
    if (!shown || !shown.allocation || (allocation && Date.parse(allocation.at) >= Date.parse(shown.allocation.at))) state.sites.set(site.id, { id: site.id, allocation });
  }
  renderSites();
}

function showAllocation(allocation) {
  const shown = state.sites.get(allocation.siteId);
  if (shown?.allocation && Date.parse(shown.allocation.at) > Date.parse(allocation.at)) return;
  state.sites.set(allocation.siteId, { id: allocation.siteId, allocation });
  const block = siteBlock(state.sites.get(allocation.siteId), allocation);
  block.classList.add('flash');
  const existing = document.querySelector(`#sites [data-site="${CSS.escape(allocation.siteId)}"]`);
  if (existing) existing.replaceWith(block); else renderSites();
}

function renderSites() {
  $('#sites-panel').hidden = state.sites.size === 0;
  $('#sites').replaceChildren(...[...state.sites.keys()].sort().map((id) => siteBlock(state.sites.get(id), state.sites.get(id).allocation)));
}

// An ElectricalLimit: amps per phase and/or total watts; neither means the node has no limit of its own.
function limitText(limit) {
  const parts = [];
  if (limit?.currentA !== null && limit?.currentA !== undefined) parts.push(`${Math.round(limit.currentA * 10) / 10} A`);
  if (limit?.powerW !== null && limit?.powerW !== undefined) parts.push(`${(limit.powerW / 1000).toFixed(1)} kW`);
  return parts.length > 0 ? parts.join(', ') : 'no limit';
}

function why(entry) {
  if (!entry) return '';
  const where = entry.envelopeId ? `envelope ${entry.envelopeId}` : entry.nodeId ? `node ${entry.nodeId}` : '';
  const limit = entry.limit !== null && entry.limit !== undefined ? `${Math.round(entry.limit * 10) / 10} ${entry.unit ?? ''}` : '';
  return [entry.kind, where, entry.phase, limit, entry.detail].filter(Boolean).join(' · ');
}

function siteBlock(site, allocation) {
  const block = el('div', { class: 'site', 'data-site': site.id }, el('h3', {}, `${site.id}${allocation ? ` — ${new Date(allocation.at).toLocaleTimeString()}` : ''}`));
  if (!allocation) { block.append(el('p', {}, 'no allocation available')); return block; }
  block.append(el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, 'Node'), el('th', {}, 'Kind'), el('th', {}, 'Allocated'), el('th', {}, 'Fixed load'),
      el('th', {}, 'Effective limit'), el('th', {}, 'Limit sources'))),
    el('tbody', {}, ...(allocation.nodes ?? []).map((n) => el('tr', { 'data-node': n.nodeId },
      el('td', {}, n.nodeId), el('td', {}, n.kind ?? ''), el('td', { 'data-field': 'allocated' }, `${((n.allocatedPowerW ?? 0) / 1000).toFixed(2)} kW`),
      el('td', {}, `${((n.fixedPowerW ?? 0) / 1000).toFixed(2)} kW`), el('td', { 'data-field': 'limit' }, limitText(n.effectiveImport)),
      el('td', {}, (n.limitSources ?? []).map(why).join('; ') + (n.telemetryStale ? ' (telemetry stale)' : '')))))));
  block.append(el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, 'EVSE'), el('th', {}, 'Charger'), el('th', {}, 'Allocation'), el('th', {}, 'Why'))),
    el('tbody', {}, ...(allocation.evses ?? []).map((e) => el('tr', { 'data-evse': e.evseId },
      el('td', {}, e.evseId), el('td', {}, e.chargerId ?? ''),
      el('td', { 'data-field': 'allocation' }, `${e.currentA !== null && e.currentA !== undefined ? `${Math.round(e.currentA * 10) / 10} A, ` : ''}${((e.powerW ?? 0) / 1000).toFixed(2)} kW${e.admitted === false ? ' (not admitted)' : ''}${e.stale ? ' (stale)' : ''}`),
      el('td', { 'data-field': 'why' }, why((e.lineage ?? [])[0])))))));
  if ((allocation.breaches ?? []).length > 0) {
    block.append(el('p', { class: 'error', 'data-field': 'breaches' }, 'Breaches: ' + allocation.breaches
      .map((b) => `${b.nodeId} ${Math.round(b.measured)} > ${Math.round(b.limit)} ${b.unit ?? ''}${b.phase ? ` (${b.phase})` : ''} by ${b.measuredBy}`).join('; ')));
  }
  return block;
}

// OSCP groups: the envelope the capacity provider set on a node — lifecycle state, where the limit comes from (forecast
// type and request id, fresh or fallback), the timeline ahead and compliance (measured against allowed).
async function loadEnvelopes() {
  let groups;
  try { groups = await api('/api/oscp/groups'); } catch { return; }
  state.envelopes = new Map(groups.map((g) => [g.groupId, g]));
  renderEnvelopes();
}

function showEnvelope(group) {
  state.envelopes.set(group.groupId, group);
  const block = envelopeBlock(group);
  block.classList.add('flash');
  const existing = document.querySelector(`#envelopes [data-group="${CSS.escape(group.groupId)}"]`);
  if (existing) existing.replaceWith(block); else renderEnvelopes();
}

function renderEnvelopes() {
  $('#envelopes-panel').hidden = state.envelopes.size === 0;
  $('#envelopes').replaceChildren(...[...state.envelopes.keys()].sort().map((id) => envelopeBlock(state.envelopes.get(id))));
}

function kw(watts) {
  return watts === null || watts === undefined ? '—' : `${(watts / 1000).toFixed(1)} kW`;
}

function envelopeBlock(group) {
  const where = group.siteId ? `${group.siteId} / ${group.nodeId}` : 'unbound';
  const block = el('div', { class: 'envelope', 'data-group': group.groupId },
    el('h3', {}, `${group.groupId} — ${group.peerId ?? '?'} → ${where} — `, el('span', { 'data-field': 'state' }, group.state)));
  const c = group.compliance;
  if (c) {
    block.append(el('p', { class: c.compliant ? '' : 'error', 'data-field': 'compliance' },
      `measured ${kw(c.measuredW)} of ${kw(c.allowedW)} allowed${c.compliant ? '' : ` — not compliant${c.reason ? `: ${c.reason}` : ''}`}`));
  }
  const rows = (group.timeline ?? []).slice(0, 12);
  if (rows.length === 0) { block.append(el('p', {}, 'no envelope in force or ahead')); return block; }
  block.append(el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, 'From'), el('th', {}, 'To'), el('th', {}, 'Import'), el('th', {}, 'Export'),
      el('th', {}, 'Mode'), el('th', {}, 'Source'), el('th', {}, 'Request'))),
    el('tbody', {}, ...rows.map((s) => el('tr', { 'data-from': s.from },
      el('td', {}, new Date(s.from).toLocaleString()), el('td', {}, new Date(s.to).toLocaleString()),
      el('td', { 'data-field': 'import' }, `${kw(s.importW)}${s.importA !== null && s.importA !== undefined ? ` (${Math.round(s.importA * 10) / 10} A)` : ''}`),
      el('td', {}, kw(s.exportW)), el('td', { 'data-field': 'mode' }, `${s.mode}${s.fresh ? '' : ' (fallback)'}`),
      el('td', {}, s.source ?? 'gap policy'), el('td', {}, s.requestId ?? ''))))));
  return block;
}

$('#login-form').addEventListener('submit', login);
$('#logout').addEventListener('click', async () => {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
  if (state.connection) await state.connection.stop();
  showLogin();
});

fetch('/auth/me', { credentials: 'same-origin' })
  .then((response) => (response.ok ? response.json().then(start) : showLogin()))
  .catch(showLogin);
