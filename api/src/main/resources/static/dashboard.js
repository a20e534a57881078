// Chainplay live dashboard: reads the public REST API and the /ws feed, nothing else.
'use strict';

const MAX_BETS = 40;
const MAX_FILLS = 12;
const state = { pool: null, seen: new Set(), lastEventId: null, received: 0, since: Date.now() };

const $ = (id) => document.getElementById(id);
// Everything shown comes from the API; escape it anyway before it goes into HTML.
const esc = (v) => String(v === null || v === undefined ? '' : v)
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const short = (key) => esc(key && key.length > 12 ? key.slice(0, 4) + '…' + key.slice(-4) : key || '');
const time = (ms) => new Date(ms).toLocaleTimeString();

// Token amounts are decimal strings (they pass 2^53): format them with BigInt, never Number.
function amount(text, decimals = 9) {
  if (text === null || text === undefined) return '—';
  let v;
  try { v = BigInt(text); } catch (e) { return String(text); }
  const neg = v < 0n; if (neg) v = -v;
  const unit = 10n ** BigInt(decimals);
  const whole = v / unit;
  const frac = (v % unit).toString().padStart(decimals, '0').slice(0, 3);
  return (neg ? '-' : '') + whole.toLocaleString() + '.' + frac;
}

// Trading figures are exact decimal strings ("195.25", numeric(40,16) in the tables): group the
// integer part with BigInt and cut the fraction for display, never through Number.
function decimal(text, digits = 2) {
  if (text === null || text === undefined) return '—';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return esc(text);
  const frac = (m[3] || '').slice(0, digits);
  return m[1] + BigInt(m[2]).toLocaleString() + (frac ? '.' + frac : '');
}
const signed = (text) => `<span class="${String(text).startsWith('-') ? 'loss' : 'win'}">${decimal(text)}</span>`;

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ' → ' + response.status);
  return response.json();
}

function show(id, visible) { $(id).classList.toggle('hidden', !visible); }

function figures(id, entries) {
  $(id).innerHTML = entries
    .map(([label, value]) => `<div class="figure"><div class="label">${label}</div><div class="value">${value}</div></div>`)
    .join('');
}

// --- bets

function addBet(message, fresh) {
  const d = message.data || {};
  const id = message.id || (message.type + ':' + (d.trialId || d.signature));
  if (state.seen.has(id)) return; // the feed is at-least-once: dedup by event id
  state.seen.add(id);
  const body = $('bets').tBodies[0];
  const row = document.createElement('tr');
  row.dataset.id = id;
  row.dataset.trial = d.trialId || '';
  if (fresh) row.className = 'fresh';
  let outcome = '<span class="muted">placed</span>';
  if (message.type === 'bet.settled') {
    outcome = d.won ? `<span class="win">won ${amount(d.payout)}</span>` : '<span class="loss">lost</span>';
  } else if (message.type === 'bet.retracted') {
    outcome = '<span class="muted">retracted</span>';
  } else if (message.type === 'bet.expired') {
    outcome = '<span class="muted">expired</span>';
  }
  const wager = d.amount !== undefined ? d.amount : d.wager;
  row.innerHTML = `<td>${time(message.timestamp || Date.now())}</td><td title="${esc(d.player || '')}">${short(d.player)}</td>` +
    `<td title="${esc(d.poolId || '')}">${short(d.poolId)}</td><td>${amount(wager)}</td><td>${outcome}</td>` +
    `<td class="muted" title="${esc(d.trialId || '')}">${esc(d.trialId || '')}</td>`;
  body.insertBefore(row, body.firstChild);
  while (body.rows.length > MAX_BETS) body.deleteRow(body.rows.length - 1);
  show('bets-empty', false);
}

async function loadBets() {
  try {
    const page = await getJson('/api/bets?limit=20');
    page.bets.slice().reverse().forEach((b) => addBet({
      type: b.status === 'settled' ? 'bet.settled' : 'bet.' + b.status,
      id: 'row:' + b.trialId + ':' + b.status,
      timestamp: Date.parse(b.resolvedAt || b.registeredAt),
      data: { player: b.player, poolId: b.poolId, trialId: b.trialId, amount: b.wager, won: b.won, payout: b.payout },
    }, false));
  } catch (e) { /* shown empty */ }
}

// --- pools, volume, leaderboard

async function loadPools() {
  try {
    const page = await getJson('/api/pools?limit=50');
    const select = $('pool-select');
    select.innerHTML = page.pools.map((p) => `<option value="${esc(p.poolId)}">${p.name ? esc(p.name) : short(p.poolId)}</option>`).join('');
    if (!state.pool && page.pools.length) state.pool = page.pools[0].poolId;
    select.value = state.pool || '';
    show('pool-empty', page.pools.length === 0);
    await Promise.all([loadPool(), loadLeaderboard()]);
  } catch (e) { show('pool-empty', true); }
}

async function loadPool() {
  if (!state.pool) return;
  const pool = await getJson('/api/pools/' + state.pool);
  figures('pool-figures', [
    ['plays', (pool.plays || 0).toLocaleString()], ['players', (pool.players || 0).toLocaleString()],
    ['wagered', amount(pool.wagered)], ['paid out', amount(pool.paidOut)],
    ['house profit', amount(pool.houseProfit)], ['jackpot', amount(pool.jackpot)],
  ]);
  const volume = await getJson('/api/pools/' + state.pool + '/volume?granularity=hour');
  drawVolume(volume);
}

function drawVolume(volume) {
  const svg = $('volume-chart');
  const from = Date.parse(volume.from);
  const buckets = new Array(24).fill(0n);
  volume.buckets.forEach((b) => {
    const i = Math.floor((Date.parse(b.bucketStart) - from) / 3600000);
    if (i >= 0 && i < 24) buckets[i] = BigInt(b.wagered);
  });
  const max = buckets.reduce((a, b) => (b > a ? b : a), 1n);
  const w = 480 / 24;
  svg.innerHTML = buckets.map((v, i) => {
    const h = Number((v * 140n) / max);
    return `<rect x="${i * w + 2}" y="${150 - h}" width="${w - 4}" height="${h}"><title>${amount(v.toString())}</title></rect>`;
  }).join('') + `<text x="4" y="12">max ${amount(max.toString())}</text>`;
}

async function loadLeaderboard() {
  if (!state.pool) return;
  try {
    const board = await getJson(`/api/leaderboards?pool=${state.pool}&period=${$('lb-period').value}&metric=${$('lb-metric').value}&limit=10`);
    const metric = board.metric;
    $('leaderboard').innerHTML = board.entries
      .map((e) => `<li title="${esc(e.player)}">${short(e.player)}<span class="v">${metric === 'wins' ? e.value : amount(e.value)}</span></li>`)
      .join('');
    show('leaderboard-empty', board.entries.length === 0);
  } catch (e) { show('leaderboard-empty', true); }
}

// --- earnings

async function loadEarnings() {
  try {
    const stats = await getJson('/api/earnings/stats?top=5');
    const game = stats.games[0];
    show('earnings-empty', !game);
    if (game) {
      figures('earnings-figures', [
        ['players', game.players.toLocaleString()], ['businesses', game.businesses.toLocaleString()],
        ['invested', amount(game.totalInvested)], ['pending', amount(game.totalPending)],
        ['claimed', amount(game.totalClaimed)],
      ]);
    }
    $('earnings-top').innerHTML = stats.topPending
      .map((p) => `<li title="${esc(p.player)}">${short(p.player)}<span class="v">${amount(p.pendingEarnings)}</span></li>`)
      .join('');
  } catch (e) { show('earnings-empty', true); }
}

// --- trading

async function loadTraders() {
  try {
    const metric = $('tr-metric').value;
    const board = await getJson('/api/trading/leaderboard?metric=' + metric + '&limit=10');
    $('traders').innerHTML = board.entries
      .map((e) => `<li data-trader="${esc(e.player)}" title="${esc(e.player)}">${short(e.player)}` +
        `<span class="v">${metric === 'net' ? signed(e.netPnl) : decimal(e.volume)}</span></li>`)
      .join('');
    show('traders-empty', board.entries.length === 0);
  } catch (e) { show('traders-empty', true); }
}

function addFill(message) {
  const d = message.data || {};
  const id = message.id || ('trade:' + d.venue + ':' + d.fillId);
  if (state.seen.has(id)) return;
  state.seen.add(id);
  const body = $('fills').tBodies[0];
  const row = document.createElement('tr');
  row.dataset.fill = id;
  row.className = 'fresh';
  const side = d.side === 'BUY' ? '<span class="win">BUY</span>' : '<span class="loss">SELL</span>';
  row.innerHTML = `<td>${time(message.timestamp || Date.now())}</td><td title="${esc(d.player || '')}">${short(d.player)}</td>` +
    `<td>${esc(d.market)}</td><td>${side}</td><td>${decimal(d.qty, 4)} @ ${decimal(d.price)}</td><td>${signed(d.realizedPnl || '0')}</td>`;
  body.insertBefore(row, body.firstChild);
  while (body.rows.length > MAX_FILLS) body.deleteRow(body.rows.length - 1);
  show('fills-empty', false);
}

let tradersPending = false;
function refreshTradersSoon() {
  if (tradersPending) return;
  tradersPending = true;
  setTimeout(() => { tradersPending = false; loadTraders(); }, 2000);
}

// --- health

function pill(id, name, status) {
  const el = $(id);
  el.textContent = name + ': ' + (status || '?').toLowerCase();
  el.className = 'pill ' + (status || '').toLowerCase();
}

async function loadHealth() {
  try {
    const response = await fetch('/health');
    const health = await response.json();
    const c = health.components || {};
    pill('health-db', 'db', c.db && c.db.status);
    pill('health-kafka', 'kafka', c.kafka && c.kafka.status);
    pill('health-flink', 'flink', c.flink && c.flink.status);
  } catch (e) { pill('health-db', 'db', 'DOWN'); }
  try {
    const response = await fetch('/health/flink');
    const flink = await response.json();
    const jobs = flink.jobs || [];
    $('jobs').tBodies[0].innerHTML = jobs.map((j) => {
      const cp = j.lastCheckpoint ? `#${j.lastCheckpoint.id}, ${j.lastCheckpoint.ageSeconds} s ago` : '—';
      const cls = j.state === 'RUNNING' ? 'win' : 'loss';
      return `<tr><td>${esc(j.name)}</td><td class="${cls}">${esc(j.state)}</td><td>${cp}</td></tr>`;
    }).join('');
    show('jobs-empty', jobs.length === 0);
  } catch (e) { show('jobs-empty', true); }
  const seconds = Math.max(1, (Date.now() - state.since) / 1000);
  figures('feed-figures', [
    ['messages', state.received.toLocaleString()],
    ['per second', (state.received / seconds).toFixed(1)],
    ['last event', state.lastEventId ? short(state.lastEventId) : '—'],
  ]);
}

// --- the feed

let refreshPending = false;
function refreshSoon() {
  if (refreshPending) return;
  refreshPending = true;
  setTimeout(() => { refreshPending = false; loadPool().catch(() => {}); loadLeaderboard(); }, 2000);
}

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  const ws = new WebSocket(url);
  ws.onopen = () => {
    // Resume after the last event seen, so a reconnect does not lose bets (within the window).
    const subscribe = { type: 'subscribe', channels: ['bets', 'jackpots', 'stats', 'earnings', 'trades'] };
    if (state.lastEventId) subscribe.lastEventId = state.lastEventId;
    ws.send(JSON.stringify(subscribe));
  };
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    switch (message.type) {
      case 'welcome': case 'heartbeat': case 'pong': case 'unsubscribed': case 'error':
        return;
      case 'subscribed':
        $('ws-status').textContent = 'feed: live';
        $('ws-status').className = 'pill up';
        document.body.dataset.feed = 'live';
        return;
    }
    state.received++;
    if (message.id) state.lastEventId = message.id;
    if (message.type.startsWith('bet.')) addBet(message, true);
    else if (message.type.startsWith('stats.') || message.type.startsWith('jackpot.')) refreshSoon();
    else if (message.type.startsWith('earnings.')) loadEarnings();
    else if (message.type.startsWith('trade.')) addFill(message);
    else if (message.type.startsWith('position.')) refreshTradersSoon();
  };
  ws.onclose = () => {
    $('ws-status').textContent = 'feed: reconnecting';
    $('ws-status').className = 'pill down';
    document.body.dataset.feed = 'down';
    setTimeout(connect, 2000);
  };
}

$('pool-select').addEventListener('change', (e) => { state.pool = e.target.value; loadPool(); loadLeaderboard(); });
$('lb-period').addEventListener('change', loadLeaderboard);
$('lb-metric').addEventListener('change', loadLeaderboard);
$('tr-metric').addEventListener('change', loadTraders);

loadBets().then(connect);
loadPools();
loadEarnings();
loadTraders();
loadHealth();
setInterval(loadHealth, 5000);
setInterval(loadPools, 30000);
setInterval(loadEarnings, 30000);
setInterval(loadTraders, 30000);
