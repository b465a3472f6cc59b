// AmazonScale dashboard: every page is rendered in the browser from the JSON API (/api/...).
// DOM is built with h(), never from HTML strings, so resource output and telemetry cannot inject markup.
'use strict';

const page = document.getElementById('page');
let refreshTimer = null;
let pageEvents = null;
let renderGeneration = 0;

function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'className') element.className = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function svg(tag, attrs, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) element.setAttribute(key, value);
  for (const child of children.flat(Infinity)) if (child) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

async function api(path, options) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (response.status === 401) {
    location.href = '/login';
    throw new Error('Not logged in');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || `HTTP ${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

function serviceColor(name) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 65% 55%)`;
}

function formatTime(iso) {
  return iso ? new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + '.' + String(new Date(iso).getMilliseconds()).padStart(3, '0') : '';
}

function formatDuration(ms) {
  if (ms === 0) return '0 ms';
  if (ms >= 1000) return (ms / 1000).toFixed(2) + ' s';
  if (ms >= 1) return ms.toFixed(1) + ' ms';
  return Math.round(ms * 1000) + ' µs';
}

function query() {
  const [, search = ''] = location.hash.split('?');
  return new URLSearchParams(search);
}

function setHashQuery(path, params) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  history.replaceState(null, '', `#${path}${search ? '?' + search : ''}`);
}

function errorBox(error) {
  return h('div', { className: 'error' }, error.message);
}

function badge(text, kind) {
  return h('span', { className: `badge ${kind || String(text).toLowerCase()}` }, text ?? '—');
}

function serviceChip(name) {
  return h('span', { className: 'chip', style: `--service:${serviceColor(name)}` }, name);
}

function attributeTable(attributes) {
  const entries = Object.entries(attributes || {});
  if (entries.length === 0) return h('p', { className: 'muted' }, 'No attributes');
  return h('table', { className: 'attributes' },
    h('tbody', {}, entries.map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, value)))));
}

function every(ms, action) {
  const generation = renderGeneration;
  const tick = async () => {
    if (generation !== renderGeneration) return;
    try { await action(); } catch (e) { console.warn(e); }
    if (generation === renderGeneration) refreshTimer = setTimeout(tick, ms);
  };
  tick();
}

// ---------- Resources ----------
// Pages re-render on every poll, so what the user opened or revealed is remembered outside the DOM.
const openEnvironment = new Set();
const revealedEnvironment = new Set();
const expandedLogs = new Set();

function toggleIn(set, key, on) {
  if (on) set.add(key); else set.delete(key);
}

async function resourcesPage() {
  const table = h('div', { id: 'resources' });
  page.replaceChildren(h('h1', {}, 'Resources'), table);
  const refresh = async () => table.replaceChildren(resourcesTable(await api('/api/resources')));
  // State changes are pushed; the slow poll only catches what a dropped event stream missed.
  pageEvents = new EventSource('/api/resources/events');
  pageEvents.addEventListener('resource', () => refresh().catch(e => console.warn(e)));
  every(5000, refresh);
}

function resourcesTable(resources) {
  return h('table', { className: 'grid' },
    h('thead', {}, h('tr', {}, ['Name', 'Type', 'State', 'Health', 'PID', 'Started', 'Endpoints', 'Environment', 'References', 'Actions'].map(t => h('th', {}, t)))),
    h('tbody', {}, resources.map(resourceRow)));
}

function resourceRow(r) {
  return h('tr', { 'data-resource': r.name },
    h('td', {}, h('strong', {}, r.name),
      h('div', {}, h('a', { className: 'small', href: `#/console?resource=${encodeURIComponent(r.name)}` }, 'console logs')),
      r.restartCount ? h('div', { className: 'muted' }, `restarts: ${r.restartCount}`) : null),
    h('td', {}, r.type),
    h('td', {}, badge(r.state), r.exitCode !== null && r.exitCode !== undefined ? h('span', { className: 'muted' }, ` exit ${r.exitCode}`) : null),
    h('td', {}, r.health ? badge(r.health) : h('span', { className: 'muted' }, '—')),
    h('td', {}, r.pid ?? ''),
    h('td', {}, formatTime(r.startedAt)),
    h('td', {}, (r.endpoints || []).map(url => h('div', {}, h('a', { href: url, target: '_blank', rel: 'noopener' }, url)))),
    h('td', {}, environmentCell(r)),
    h('td', {}, (r.references || []).map(name => h('div', {}, name))),
    h('td', { className: 'actions' },
      applicableCommands(r.state).map(command => h('button', { 'data-command': command, onclick: () => runCommand(r.name, command) }, command))));
}

// Offer what the orchestrator can do in this state: start a stopped resource, stop a live one, restart either.
function applicableCommands(state) {
  const live = ['Running', 'Starting', 'Waiting'].includes(state);
  return [live ? 'stop' : 'start', 'restart'];
}

function environmentCell(r) {
  const entries = Object.entries(r.environment || {});
  if (entries.length === 0) return h('span', { className: 'muted' }, 'none');
  const revealed = revealedEnvironment.has(r.name);
  const toggle = h('button', {
    className: 'link',
    onclick: () => { toggleIn(revealedEnvironment, r.name, !revealed); toggle.closest('td').replaceChildren(environmentCell(r)); },
  }, revealed ? 'hide values' : `show ${entries.length} values`);
  return h('details', { open: openEnvironment.has(r.name), ontoggle: e => toggleIn(openEnvironment, r.name, e.target.open) },
    h('summary', {}, `${entries.length} variables`),
    toggle,
    h('table', { className: 'attributes' }, h('tbody', {}, entries.map(([key, value]) =>
      h('tr', {}, h('th', {}, key), h('td', { className: revealed ? '' : 'masked' }, revealed ? value : '••••••••'))))));
}

async function runCommand(name, command) {
  try {
    await api(`/api/resources/${encodeURIComponent(name)}/commands/${command}`, { method: 'POST' });
    route();
  } catch (e) {
    alert(`${command} ${name}: ${e.message}`);
  }
}

// ---------- Console logs ----------
const maxConsoleLines = 10000;

async function consolePage() {
  const resources = await api('/api/resources');
  const selected = query().get('resource') || resources[0]?.name || '';
  const select = h('select', { onchange: () => { setHashQuery('/console', { resource: select.value }); route(); } },
    resources.map(r => h('option', { value: r.name, selected: r.name === selected }, r.name)));
  const output = h('pre', { className: 'console', id: 'console-output' });
  page.replaceChildren(h('h1', {}, 'Console logs'), h('div', { className: 'filters' }, h('label', {}, 'Resource ', select)), output);
  if (!selected) return;
  let after = 0;
  every(1000, async () => {
    const lines = await api(`/api/resources/${encodeURIComponent(selected)}/logs?after=${after}`);
    if (lines.length === 0) return;
    const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
    output.append(...lines.map(line => h('div', { className: line.isError ? 'stderr' : '' }, h('span', { className: 'muted' }, formatTime(line.timestamp) + ' '), line.text)));
    while (output.childElementCount > maxConsoleLines) output.firstElementChild.remove();
    after = lines[lines.length - 1].sequence;
    if (atBottom) output.scrollTop = output.scrollHeight;
  });
}

// ---------- Structured logs ----------
async function logsPage() {
  const params = query();
  const services = await api('/api/services');
  const resource = h('select', {}, h('option', { value: '' }, '(all)'), services.map(s => h('option', { value: s, selected: s === params.get('resource') }, s)));
  const level = h('select', {}, ['', 'Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'].map(l =>
    h('option', { value: l, selected: l === (params.get('level') || '') }, l || '(any)')));
  const text = h('input', { type: 'search', placeholder: 'Filter text', value: params.get('text') || '' });
  const body = h('tbody', {});
  const apply = () => { setHashQuery('/logs', { resource: resource.value, level: level.value, text: text.value, traceId: params.get('traceId') }); route(); };
  resource.onchange = apply; level.onchange = apply; text.onchange = apply;
  page.replaceChildren(
    h('h1', {}, 'Structured logs'),
    h('div', { className: 'filters' }, h('label', {}, 'Resource ', resource), h('label', {}, 'Minimum level ', level), text,
      params.get('traceId') ? h('span', {}, 'trace ', h('code', {}, params.get('traceId'))) : null),
    h('table', { className: 'grid' }, h('thead', {}, h('tr', {}, ['Time', 'Resource', 'Level', 'Message', 'Trace'].map(t => h('th', {}, t)))), body));
  const search = new URLSearchParams({ resource: resource.value, level: level.value, text: text.value, traceId: params.get('traceId') || '', limit: '500' });
  every(2000, async () => {
    const result = await api(`/api/logs?${search}`);
    body.replaceChildren(...result.entries.reverse().flatMap(logRow));
  });
}

function logRow(entry) {
  const details = h('tr', { className: 'details', hidden: !expandedLogs.has(entry.sequence) }, h('td', { colspan: 5 }, attributeTable({ category: entry.scope, ...entry.attributes })));
  const row = h('tr', { className: 'clickable', onclick: () => { details.hidden = !details.hidden; toggleIn(expandedLogs, entry.sequence, !details.hidden); } },
    h('td', {}, formatTime(entry.timestamp)),
    h('td', {}, serviceChip(entry.service)),
    h('td', {}, badge(entry.level)),
    h('td', { className: 'message' }, entry.message),
    h('td', {}, entry.traceId ? h('a', { href: `#/traces/${entry.traceId}`, onclick: e => e.stopPropagation() }, entry.traceId.slice(0, 8)) : ''));
  return [row, details];
}

// ---------- Traces ----------
async function tracesPage() {
  const params = query();
  const services = await api('/api/services');
  const service = h('select', { onchange: () => { setHashQuery('/traces', { service: service.value }); route(); } },
    h('option', { value: '' }, '(all)'), services.map(s => h('option', { value: s, selected: s === params.get('service') }, s)));
  const body = h('tbody', {});
  page.replaceChildren(
    h('h1', {}, 'Traces'),
    h('div', { className: 'filters' }, h('label', {}, 'Resource ', service)),
    h('table', { className: 'grid', id: 'traces' }, h('thead', {}, h('tr', {}, ['Time', 'Name', 'Resources', 'Spans', 'Duration'].map(t => h('th', {}, t)))), body));
  every(3000, async () => {
    const traces = await api(`/api/traces?limit=200${service.value ? '&service=' + encodeURIComponent(service.value) : ''}`);
    body.replaceChildren(...traces.map(t => h('tr', { className: 'clickable', onclick: () => { location.hash = `#/traces/${t.traceId}`; } },
      h('td', {}, formatTime(t.startTime)),
      h('td', {}, h('a', { href: `#/traces/${t.traceId}` }, `${t.service}: ${t.name}`), t.hasError ? badge('Error') : null),
      h('td', {}, t.services.map(serviceChip)),
      h('td', {}, t.spanCount),
      h('td', {}, formatDuration(t.durationMs)))));
  });
}

async function traceDetailPage(traceId) {
  let trace;
  try {
    trace = await api(`/api/traces/${encodeURIComponent(traceId)}`);
  } catch (e) {
    page.replaceChildren(h('h1', {}, 'Trace'), errorBox(e));
    return;
  }
  const rows = orderAsTree(trace.spans);
  const root = rows[0]?.span;
  const detail = h('div', { className: 'span-detail', id: 'span-detail' }, h('p', { className: 'muted' }, 'Select a span to see its attributes.'));
  page.replaceChildren(
    h('h1', {}, root ? `${root.service}: ${root.name}` : 'Trace'),
    h('div', { className: 'trace-summary' },
      h('span', {}, 'Trace ', h('code', {}, trace.traceId)),
      h('span', {}, 'Duration ', h('strong', {}, formatDuration(trace.durationMs))),
      h('span', {}, `${trace.spans.length} spans`),
      h('span', {}, trace.services.map(serviceChip)),
      h('a', { href: `#/logs?traceId=${trace.traceId}` }, 'logs for this trace')),
    waterfall(trace, rows, detail),
    detail);
}

function orderAsTree(spans) {
  const ids = new Set(spans.map(s => s.spanId));
  const children = new Map();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(span);
  }
  const rows = [];
  const visit = (parent, depth) => {
    for (const span of (children.get(parent) || []).sort((a, b) => a.offsetMs - b.offsetMs)) {
      rows.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

function waterfall(trace, rows, detail) {
  const total = Math.max(trace.durationMs, 0.001);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => h('span', { style: `left:${f * 100}%` }, formatDuration(total * f)));
  return h('div', { className: 'waterfall', id: 'waterfall' },
    h('div', { className: 'waterfall-header' }, h('div', { className: 'span-label' }, 'Span'), h('div', { className: 'span-track ticks' }, ticks)),
    rows.map(({ span, depth }) => {
      const left = (span.offsetMs / total) * 100;
      const width = Math.max((span.durationMs / total) * 100, 0.4);
      return h('div', {
        className: `span-row${span.status === 'Error' ? ' error-span' : ''}`,
        'data-span-id': span.spanId,
        'data-service': span.service,
        onclick: () => detail.replaceChildren(spanDetail(span)),
      },
        h('div', { className: 'span-label', style: `padding-left:${depth * 16 + 6}px` },
          serviceChip(span.service), ' ', h('span', { className: 'span-name' }, span.name), h('span', { className: 'muted' }, ` ${span.kind}`)),
        h('div', { className: 'span-track' },
          h('div', { className: 'span-bar', style: `left:${left}%;width:${width}%;background:${serviceColor(span.service)}` }),
          h('span', { className: `span-duration ${durationPlacement(left, width)}`, style: durationStyle(left, width) }, formatDuration(span.durationMs))));
    }));
}

// The duration label goes after the bar, before it when the bar reaches the right edge, or inside a full-width bar.
function durationPlacement(left, width) {
  if (left + width <= 85) return 'after';
  return left >= 15 ? 'before' : 'inside';
}

function durationStyle(left, width) {
  switch (durationPlacement(left, width)) {
    case 'after': return `left:${left + width}%`;
    case 'before': return `right:${100 - left}%`;
    default: return `right:${100 - (left + width)}%`;
  }
}

function spanDetail(span) {
  return h('div', {},
    h('h2', {}, `${span.service}: ${span.name}`),
    h('p', {}, `${span.kind} · ${span.status}${span.statusMessage ? ' (' + span.statusMessage + ')' : ''} · ${formatDuration(span.durationMs)} · span `, h('code', {}, span.spanId)),
    attributeTable({ 'otel.scope': span.scope, 'service.instance.id': span.instanceId || '', ...span.attributes }),
    span.events.length ? h('div', {}, h('h3', {}, 'Events'), span.events.map(e => h('div', {}, h('strong', {}, e.name), ' ', formatTime(e.time), attributeTable(e.attributes)))) : null,
    span.links.length ? h('div', {}, h('h3', {}, 'Links'), span.links.map(l => h('div', {}, h('a', { href: `#/traces/${l.traceId}` }, `${l.traceId}/${l.spanId}`)))) : null);
}

// ---------- Metrics ----------
async function metricsPage(resource, meter, instrument) {
  const resources = await api('/api/metrics');
  resource = resource || resources[0];
  const select = h('select', { onchange: () => { location.hash = `#/metrics/${encodeURIComponent(select.value)}`; } },
    resources.map(r => h('option', { value: r, selected: r === resource }, r)));
  const tree = h('div', { className: 'meter-tree' });
  const chartArea = h('div', { className: 'chart-area', id: 'chart-area' }, h('p', { className: 'muted' }, resources.length ? 'Select an instrument.' : 'No metrics received yet.'));
  page.replaceChildren(h('h1', {}, 'Metrics'), h('div', { className: 'filters' }, h('label', {}, 'Resource ', select)), h('div', { className: 'metrics-layout' }, tree, chartArea));
  if (!resource) return;
  const meters = await api(`/api/metrics/${encodeURIComponent(resource)}`);
  tree.replaceChildren(...meters.map(m => h('div', { className: 'meter' }, h('div', { className: 'meter-name' }, m.name),
    m.instruments.map(i => h('a', {
      className: i.name === instrument && m.name === meter ? 'selected' : '',
      href: `#/metrics/${encodeURIComponent(resource)}/${encodeURIComponent(m.name)}/${encodeURIComponent(i.name)}`,
    }, i.name)))));
  if (!meter || !instrument) return;
  const path = `/api/metrics/${[resource, meter, instrument].map(encodeURIComponent).join('/')}`;
  every(2000, async () => chartArea.replaceChildren(instrumentView(await api(path))));
}

function instrumentView(view) {
  const i = view.instrument;
  const series = chartSeries(view);
  return h('div', {},
    h('h2', {}, i.name),
    h('p', { className: 'muted' }, `${i.kind}${i.isMonotonic ? ' (monotonic)' : ''} · ${i.unit || 'no unit'} · ${i.description || ''}`),
    lineChart(series, i.unit),
    h('table', { className: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Series'), h('th', {}, 'Latest'))),
      h('tbody', {}, series.map(s => h('tr', {}, h('td', {}, h('span', { className: 'swatch', style: `background:${s.color}` }), s.name), h('td', {}, formatNumber(s.points.at(-1)?.y)))))));
}

const maxSeries = 10;

function chartSeries(view) {
  const fields = view.instrument.kind === 'Histogram' || view.instrument.kind === 'ExponentialHistogram' ? ['p50', 'p90', 'p99'] : view.instrument.kind === 'Summary' ? ['sum'] : ['value'];
  const byName = new Map();
  for (const point of view.points) {
    const labels = Object.entries(point.attributes).map(([k, v]) => `${k}=${v}`);
    if (point.instanceId) labels.unshift(point.instanceId);
    for (const field of fields) {
      const y = point[field];
      if (y === null || y === undefined) continue;
      const name = [...labels, fields.length > 1 ? field : null].filter(Boolean).join(', ') || view.instrument.name;
      if (!byName.has(name)) {
        if (byName.size >= maxSeries) continue;
        byName.set(name, { name, color: serviceColor(name + byName.size), points: [] });
      }
      byName.get(name).points.push({ x: Date.parse(point.time), y });
    }
  }
  return [...byName.values()];
}

function formatNumber(value) {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(3) : Number(value.toFixed(3)).toString();
}

function lineChart(series, unit) {
  const width = 760, height = 260, left = 64, bottom = 28, top = 10, right = 10;
  const all = series.flatMap(s => s.points);
  if (all.length === 0) return h('p', { className: 'muted' }, 'No points yet.');
  const minX = Math.min(...all.map(p => p.x)), maxX = Math.max(...all.map(p => p.x), minX + 1);
  const minY = Math.min(0, ...all.map(p => p.y)), maxY = Math.max(...all.map(p => p.y), minY + 1e-9);
  const x = v => left + ((v - minX) / (maxX - minX)) * (width - left - right);
  const y = v => height - bottom - ((v - minY) / (maxY - minY)) * (height - top - bottom);
  const grid = [0, 0.5, 1].map(f => {
    const value = minY + f * (maxY - minY);
    return [svg('line', { x1: left, x2: width - right, y1: y(value), y2: y(value), class: 'gridline' }),
      svg('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatNumber(value))];
  });
  const timeLabels = [minX, maxX].map((v, i) => svg('text', { x: x(v), y: height - 8, 'text-anchor': i ? 'end' : 'start' }, new Date(v).toLocaleTimeString(undefined, { hour12: false })));
  const lines = series.map(s => svg('polyline', {
    points: s.points.map(p => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' '),
    fill: 'none', stroke: s.color, 'stroke-width': 2,
  }));
  return svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `chart (${unit || 'no unit'})` }, grid, timeLabels, lines);
}

// ---------- Router ----------
function route() {
  renderGeneration++;
  clearTimeout(refreshTimer);
  pageEvents?.close();
  pageEvents = null;
  const [path] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const name = parts[0] || 'resources';
  for (const link of document.querySelectorAll('.sidebar a')) link.classList.toggle('active', link.dataset.page === name);
  const pages = {
    resources: () => resourcesPage(),
    console: () => consolePage(),
    logs: () => logsPage(),
    traces: () => (parts[1] ? traceDetailPage(parts[1]) : tracesPage()),
    metrics: () => metricsPage(parts[1], parts[2], parts[3]),
  };
  (pages[name] || pages.resources)().catch(e => page.replaceChildren(errorBox(e)));
}

window.addEventListener('hashchange', route);
route();
