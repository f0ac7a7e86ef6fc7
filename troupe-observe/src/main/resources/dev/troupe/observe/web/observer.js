// The Troupe observer page: plain JavaScript, no build step. Everything it shows comes from the JSON endpoints
// documented on dev.troupe.observe.TroupeObserver and from the live stream /api/live (server-sent events).
// Text from the system (actor names, causes) is only ever set with textContent, never parsed as HTML.
'use strict';

const token = new URLSearchParams(location.search).get('token');
const CHART_POINTS = 120;          // two minutes at one point a second
const TABLE_REFRESH_MS = 2000;
const LEVEL_SIZE = 500;            // children shown per level at first, and added by each "show more"
const MAX_LEVEL_SIZE = 10000;      // the most /api/tree gives in one level
const state = {
  points: [],
  selectedPath: null,
  expanded: new Map(),           // path -> the <ul> holding its children
  treeLoad: null,                // the promise of the tree's first level, once asked for
  shownChildren: new Map(),      // path -> how many of its children to show, when more than LEVEL_SIZE
  tablesDue: 0,
};

// ---- HTTP ----------------------------------------------------------------------------------------------

function withToken(url) {
  if (!token) return url;
  return url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
}

async function api(path, options = {}) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  if (options.method === 'POST') headers['X-Troupe-Observer'] = '1'; // the server refuses a POST without it
  const response = await fetch(path, { ...options, headers });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.message || response.statusText), { status: response.status });
  return body;
}

const q = (name, value) => name + '=' + encodeURIComponent(value);

// ---- formatting ----------------------------------------------------------------------------------------

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function fmtCount(n) { return n == null ? '–' : integer.format(n); }
/** Milliseconds: two decimals, or two significant digits below 0.1 ms (a fast actor's times are microseconds). */
function fmtMs(n) {
  if (n == null) return '–';
  return n > 0 && n < 0.1 ? String(Number(n.toPrecision(2))) : decimal.format(n);
}
function fmtBytes(n) {
  if (n == null) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return decimal.format(n) + ' ' + units[i];
}
function fmtDuration(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
}
function fmtTime(millis) { return new Date(millis).toLocaleTimeString('en-GB'); }
function shortPath(path) { return path.replace(/^troupe:\/\/[^/]+/, ''); }

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// ---- counters ------------------------------------------------------------------------------------------

function showSummary(s) {
  document.getElementById('system-name').textContent = s.systemName;
  document.title = 'Troupe observer · ' + s.systemName;
  const set = (id, text) => { document.getElementById(id).textContent = text; };
  set('c-uptime', fmtDuration(s.uptimeMillis));
  set('c-actors', fmtCount(s.actorsAlive));
  set('c-rate', fmtCount(s.messagesPerSecond));
  set('c-messages', fmtCount(s.messagesProcessed));
  set('c-dead', fmtCount(s.deadLetters));
  set('c-drops', fmtCount(s.drops));
  set('c-restarts', fmtCount(s.restarts));
  set('c-heap', fmtBytes(s.heapUsedBytes));
}

// ---- charts: small hand-made SVG line charts -----------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
const W = 400, H = 120;

function drawChart(svg, series) {
  const max = Math.max(1e-9, ...series.flatMap(s => s.values));
  const scale = niceCeiling(max);
  svg.replaceChildren();
  for (let i = 1; i < 4; i++) {
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('class', 'grid');
    line.setAttribute('x1', 0); line.setAttribute('x2', W);
    line.setAttribute('y1', H * i / 4); line.setAttribute('y2', H * i / 4);
    svg.append(line);
  }
  // Until two minutes of points have come, the points so far fill the width.
  const slots = Math.max(2, Math.min(CHART_POINTS, series[0].values.length));
  for (const s of series) {
    const n = s.values.length;
    const points = s.values.map((v, i) => {
      const x = (slots - n + i) * W / (slots - 1);
      const y = H - 4 - (v / scale) * (H - 8);
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', 'series ' + s.name);
    line.setAttribute('points', points);
    svg.append(line);
  }
  svg.dataset.points = String(series[0].values.length);
  svg.dataset.max = String(scale);
  const caption = svg.parentElement.querySelector('.unit');
  caption.textContent = caption.dataset.unit + ' · scale ' + decimal.format(scale);
}

function niceCeiling(x) {
  const power = Math.pow(10, Math.floor(Math.log10(x)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= x) return step * power;
  return 10 * power;
}

function addPoint(point) {
  state.points.push(point);
  if (state.points.length > CHART_POINTS) state.points.shift();
  drawCharts();
}

function drawCharts() {
  const p = state.points;
  drawChart(document.getElementById('chart-throughput'),
    [{ name: 'throughput', values: p.map(x => x.messagesPerSecond) }]);
  drawChart(document.getElementById('chart-latency'), [
    { name: 'processing', values: p.map(x => x.processingP95Millis) },
    { name: 'mailbox', values: p.map(x => x.timeInMailboxP95Millis) },
  ]);
}

// ---- the actor tree: one level per request -------------------------------------------------------------

function nodeRow(node) {
  const row = el('div', { class: 'node-row', role: 'treeitem', 'data-path': node.path });
  row.append(el('span', { class: 'toggle' }),
    el('span', { class: 'node-name', text: node.name, title: node.actorType }),
    el('span', { class: 'node-stats' },
      el('span', { class: 'badge depth', title: 'mailbox depth' }),
      el('span', { class: 'badge rate', title: 'messages/s' }),
      el('span', { class: 'badge children', title: 'children' })));
  if (node.path === state.selectedPath) row.classList.add('selected');
  row.querySelector('.toggle').addEventListener('click', event => { event.stopPropagation(); toggleNode(row); });
  row.addEventListener('click', () => select(node.path));
  row.addEventListener('dblclick', () => toggleNode(row));
  updateRow(row, node);
  return row;
}

/** Refreshes a row's numbers in place, so that rows stay put (and clickable) while the tree is live. */
function updateRow(row, node) {
  const depth = row.querySelector('.depth'), rate = row.querySelector('.rate');
  depth.textContent = fmtCount(node.mailboxDepth);
  depth.classList.toggle('busy', node.mailboxDepth > 0);
  rate.textContent = fmtCount(node.messagesPerSecond) + '/s';
  rate.classList.toggle('busy', node.messagesPerSecond > 0);
  row.querySelector('.children').textContent = fmtCount(node.childCount);
  row.dataset.children = String(node.childCount);
  row.querySelector('.toggle').textContent = state.expanded.has(node.path) ? '▾' : node.childCount > 0 ? '▸' : '·';
}

/** Shows the children of {@code path} in {@code list}, reusing the items of those already shown. */
async function loadChildren(path, list) {
  const limit = state.shownChildren.get(path) || LEVEL_SIZE;
  const level = await api('api/tree?' + q('limit', limit) + (path ? '&' + q('path', path) : ''));
  const shown = new Map();
  for (const item of list.children) if (item.dataset.path) shown.set(item.dataset.path, item);
  const items = level.children.map(child => {
    const existing = shown.get(child.path);
    if (existing) {
      updateRow(existing.firstChild, child);
      return existing;
    }
    return el('li', { 'data-path': child.path }, nodeRow(child));
  });
  if (level.total > level.children.length) {
    const more = el('li', { class: 'more', role: 'button',
      text: '… and ' + fmtCount(level.total - level.children.length) + ' more (show ' + LEVEL_SIZE + ' more)' });
    more.addEventListener('click', () => {
      state.shownChildren.set(path, Math.min(limit + LEVEL_SIZE, MAX_LEVEL_SIZE));
      loadChildren(path, list).catch(e => console.error('Could not load more children', e));
    });
    items.push(more);
  }
  const kept = new Set(items);
  for (const item of [...list.children]) if (!kept.has(item)) {
    if (item.dataset.path) forgetExpanded(item.dataset.path);
    item.remove();
  }
  list.append(...items); // moves the kept items into order, adds the new ones
  return level;
}

/** Forgets the open levels at and under {@code top} (collapsed, or a stopped actor's subtree). */
function forgetExpanded(top) {
  for (const path of [...state.expanded.keys()]) {
    if (path === top || path.startsWith(top + '/')) state.expanded.delete(path);
  }
}

async function toggleNode(row) {
  const path = row.dataset.path;
  const item = row.parentElement;
  const toggle = row.querySelector('.toggle');
  if (state.expanded.has(path)) {
    state.expanded.get(path).remove();
    forgetExpanded(path);
    toggle.textContent = '▸';
    return;
  }
  if (row.dataset.children === '0') return;
  const list = el('ul', { role: 'group' });
  state.expanded.set(path, list);
  item.append(list);
  toggle.textContent = '▾';
  list.dataset.loading = 'yes';
  try {
    await loadChildren(path, list);
  } finally {
    delete list.dataset.loading;
  }
}

/** Loads the top of the tree once: a load in flight is shared, a failed one may be tried again. */
function loadTree() {
  if (!state.treeLoad) {
    state.treeLoad = renderTree().catch(e => {
      state.treeLoad = null;
      throw e;
    });
  }
  return state.treeLoad;
}

async function renderTree() {
  const rootLevel = await api('api/tree');
  const root = el('ul');
  const rootNode = { path: rootLevel.path, name: rootLevel.name, actorType: 'root', mailboxDepth: 0,
    messagesPerSecond: 0, childCount: rootLevel.total };
  const item = el('li', { 'data-path': rootNode.path }, nodeRow(rootNode));
  root.append(item);
  document.getElementById('tree').replaceChildren(root);
  await toggleNode(item.firstChild);
}

/**
 * Re-reads every open level, so depths and rates stay live; closed levels cost nothing. A level still loading
 * is left alone: two loads of one level at once would each build its rows.
 */
async function refreshTree() {
  for (const [path, list] of state.expanded) {
    if (!list.isConnected || list.dataset.loading) continue;
    list.dataset.loading = 'yes';
    await loadChildren(path, list).catch(() => {}).finally(() => { delete list.dataset.loading; });
  }
}

// ---- the detail panel and Stop -------------------------------------------------------------------------

async function select(path) {
  state.selectedPath = path;
  document.querySelectorAll('.node-row.selected').forEach(r => r.classList.remove('selected'));
  document.querySelectorAll('.node-row').forEach(r => { if (r.dataset.path === path) r.classList.add('selected'); });
  document.getElementById('stop-result').textContent = '';
  await showDetail();
}

async function showDetail() {
  const panel = document.getElementById('detail');
  if (!state.selectedPath) return;
  let a;
  try {
    a = await api('api/actor?' + q('path', state.selectedPath));
  } catch (e) {
    // 404: the actor stopped (perhaps from here); the panel keeps its last values.
    document.getElementById('stop-result').textContent = e.status === 404 ? 'Stopped: no longer alive.' : e.message;
    document.getElementById('stop-button').disabled = true;
    return;
  }
  panel.hidden = false;
  document.getElementById('detail-path').textContent = a.path;
  const fields = [
    ['behavior', a.actorType], ['mailbox', a.mailboxKind], ['mailbox depth', fmtCount(a.mailboxDepth)],
    ['dispatcher', a.dispatcher],
    ['children', fmtCount(a.childCount) + (a.children.length ? ': ' + a.children.join(', ') : '')],
    ['messages processed', fmtCount(a.messagesProcessed)], ['messages/s', fmtCount(a.messagesPerSecond)],
    ['processing time (est.)', fmtMs(a.estimatedProcessingMillis) + ' ms'],
    ['memory (est.)', fmtBytes(a.estimatedMemoryBytes)], ['uptime', fmtDuration(a.uptimeMillis)],
    ['state', a.terminated ? 'stopped' : 'alive'],
  ];
  document.getElementById('detail-fields').replaceChildren(
    ...fields.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  document.getElementById('stop-button').disabled = a.terminated;
}

async function stopSelected() {
  const path = state.selectedPath;
  if (!path || !confirm('Stop ' + path + '?\n\nIts children stop with it.')) return;
  const result = document.getElementById('stop-result');
  try {
    await api('api/actor/stop?' + q('path', path), { method: 'POST' });
    result.textContent = 'Stop requested.';
    document.getElementById('stop-button').disabled = true;
  } catch (e) {
    result.textContent = e.message;
  }
}

// ---- tables and event lists ----------------------------------------------------------------------------

function fillTable(id, rows, cells) {
  const body = document.querySelector('#' + id + ' tbody');
  if (rows.length === 0) {
    const columns = document.querySelectorAll('#' + id + ' thead th').length;
    body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: columns, text: 'none' })));
    return;
  }
  body.replaceChildren(...rows.map(row => el('tr', {}, ...cells(row))));
}

function pathCell(path) {
  const cell = el('td', { class: 'path', title: path, text: shortPath(path) });
  cell.addEventListener('click', () => select(path));
  return cell;
}
const num = text => el('td', { class: 'num', text });
const pct = p => fmtMs(p.p50) + ' / ' + fmtMs(p.p95) + ' / ' + fmtMs(p.p99);

function fillEvents(id, events, render) {
  const list = document.getElementById(id);
  if (events.length === 0) { list.replaceChildren(el('li', { class: 'none', text: 'none' })); return; }
  list.replaceChildren(...events.map(e => el('li', {}, ...render(e))));
}

async function refreshTables() {
  const [hot, types, restarts, dead, alerts] = await Promise.all([api('api/hottest?limit=8'), api('api/types'),
    api('api/restarts'), api('api/dead-letters'), api('api/alerts')]);
  fillTable('hot-processing', hot.byProcessing,
    a => [pathCell(a.path), num(fmtMs(a.processingMillis)), num(fmtCount(a.messagesPerSecond))]);
  fillTable('hot-depth', hot.byMailboxDepth,
    a => [pathCell(a.path), num(fmtCount(a.mailboxDepth)), num(fmtCount(a.messagesPerSecond))]);
  fillTable('types', types, t => [el('td', { class: 'mono', text: t.actorType, title: t.actorType }),
    num(fmtCount(t.actorsAlive)), num(fmtCount(t.messagesProcessed)), num(pct(t.processingMillis)),
    num(pct(t.timeInMailboxMillis)), num(fmtCount(t.mailboxDepthMax)), num(fmtCount(t.restarts))]);
  fillEvents('restarts', restarts, r => [el('span', { class: 'when', text: fmtTime(r.timeMillis) }),
    el('code', { text: shortPath(r.path) }), ' ' + r.kind + ' ',
    el('span', { class: 'cause', text: r.causeClass + (r.causeMessage ? ': ' + r.causeMessage : '') })]);
  fillEvents('alerts', alerts, a => [el('span', { class: 'when', text: fmtTime(a.timeMillis) }),
    el('strong', { text: a.kind }), ' ', el('code', { text: a.subject }), ' ' + a.message]);
  const countRow = d => [el('td', { class: 'mono', text: d.messageType }), num(fmtCount(d.count))];
  fillTable('dead-letters', dead.deadLettersByType, countRow);
  fillTable('drops', dead.dropsByType, countRow);
}

// ---- the live stream -----------------------------------------------------------------------------------

function setConnection(kind, text) {
  const badge = document.getElementById('connection');
  badge.className = 'status ' + kind;
  badge.textContent = text;
}

function connect() {
  const events = new EventSource(withToken('api/live'));
  events.onopen = () => setConnection('live', 'live');
  events.onerror = () => setConnection('offline', 'disconnected – retrying');
  events.addEventListener('history', e => { state.points = JSON.parse(e.data).slice(-CHART_POINTS); drawCharts(); });
  events.addEventListener('tick', e => {
    const frame = JSON.parse(e.data);
    setConnection('live', 'live');
    showSummary(frame.summary);
    addPoint(frame.point);
    if (Date.now() >= state.tablesDue) {
      state.tablesDue = Date.now() + TABLE_REFRESH_MS;
      refreshTables().catch(() => {});
      if (document.querySelector('#tree ul')) refreshTree();
      else loadTree().catch(e => console.error('Could not load the actor tree', e)); // a failed start heals
      showDetail();
    }
  });
}

async function start() {
  document.querySelectorAll('.unit').forEach(u => { u.dataset.unit = u.textContent; });
  document.getElementById('stop-button').addEventListener('click', stopSelected);
  drawCharts();
  connect();
  showSummary(await api('api/summary'));
  await Promise.all([loadTree(), refreshTables()]);
}

start().catch(e => {
  console.error('The observer page could not start', e);
  setConnection('offline', 'error: ' + e.message);
});
