// The data dashboard: polls /api/admin/data and redraws. Every value from the server is set as text, never as HTML:
// quarantined rows are hostile input by definition.
'use strict';

const PollMs = 5000;
const $ = id => document.getElementById(id);
const fmt = new Intl.NumberFormat('en-US');
let timer = null;
let lastGood = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells, cls) {
  const tr = el('tr', undefined, cls);
  for (const c of cells) {
    if (c instanceof Node) { const td = el('td'); td.appendChild(c); tr.appendChild(td); }
    else if (typeof c === 'number') tr.appendChild(el('td', fmt.format(c), 'n'));
    else tr.appendChild(el('td', c ?? '—'));
  }
  return tr;
}

function fill(tbodyId, rows, columns, emptyText) {
  const body = $(tbodyId);
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = el('tr'); const td = el('td', emptyText, 'empty'); td.colSpan = columns; tr.appendChild(td);
    body.appendChild(tr);
  }
  for (const r of rows) body.appendChild(r);
}

function facts(articleId, pairs) {
  const dl = $(articleId).querySelector('dl');
  dl.replaceChildren();
  for (const [name, value, cls] of pairs) {
    dl.appendChild(el('dt', name));
    dl.appendChild(el('dd', value ?? '—', cls));
  }
}

const when = iso => iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace(/(Z|\+00:00)$/, '') : null;

function duration(ms) {
  if (ms === undefined || ms === null) return null;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60000).toFixed(1)} min`;
}

function drawFreshness(d) {
  const f = d.freshness;
  const behind = f.daysBehindWallClock;
  facts('freshness', [
    ['Wall clock (UTC)', when(d.wallClock)],
    ['Data as of', f.dataAsOf ?? 'no crashes yet'],
    ['Behind wall clock', behind === undefined ? null : `${fmt.format(behind)} days`, behind > 30 ? 'warn' : ''],
    ['Last source', f.lastSource],
    ['Its status', f.lastStatus, f.lastStatus === 'abandoned' ? 'warn' : ''],
    ['Started', when(f.lastStartedAt)],
    ['Finished', when(f.lastCompletedAt)],
  ]);
}

function drawGrid(d) {
  facts('grid', [['Intersections', fmt.format(d.grid.intersections)], ['Crashes stored', fmt.format(d.grid.crashes)]]);
}

function drawModel(d) {
  const m = d.model;
  if (!m) { facts('model', [['Version', 'none in production']]); return; }
  const drift = m.drift, live = m.live;
  const pct = v => v === undefined || v === null ? null : `${(v * 100).toFixed(1)} %`;
  facts('model', [
    ['Version', `v${m.version}`],
    ['Drift', drift ? (drift.drifted ? 'drifted' : 'within threshold') : 'not measured', drift?.drifted ? 'warn' : ''],
    ['Prediction PSI', drift?.predictionPsi?.toFixed(3)],
    ['Live capture@5 %', live ? pct(live.capture5) ?? `waiting (${fmt.format(live.logged)} logged)` : 'not measured'],
    ['Backtest capture@5 %', pct(live?.backtestCapture5)],
    ['Matured predictions', live ? fmt.format(live.matured) : null],
  ]);
}

function drawIngest(d) {
  fill('ingest-rows', d.ingestByDay.map(g =>
    row([g.day, g.source, g.runs, g.read, g.accepted, g.replaced, g.duplicates, g.rejected])), 8,
    `No ingest in the last ${d.days} days.`);
  const byDay = new Map();
  for (const g of d.ingestByDay) {
    const t = byDay.get(g.day) ?? { accepted: 0, rejected: 0 };
    t.accepted += g.accepted; t.rejected += g.rejected; byDay.set(g.day, t);
  }
  const svg = $('ingest-chart');
  svg.replaceChildren();
  const ns = 'http://www.w3.org/2000/svg';
  const width = svg.clientWidth || 800, height = 140, days = [...byDay.keys()].sort();
  const max = Math.max(1, ...[...byDay.values()].map(t => t.accepted + t.rejected));
  const step = width / Math.max(days.length, 7);
  days.forEach((day, i) => {
    const t = byDay.get(day);
    const hA = (t.accepted / max) * (height - 24), hR = (t.rejected / max) * (height - 24);
    for (const [cls, h, y] of [['accepted', hA, height - 14 - hA], ['rejected', hR, height - 14 - hA - hR]]) {
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('class', cls); r.setAttribute('x', i * step + 4); r.setAttribute('width', Math.max(2, step - 8));
      r.setAttribute('y', y); r.setAttribute('height', Math.max(h, 0));
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${day}: ${fmt.format(t.accepted)} accepted, ${fmt.format(t.rejected)} rejected`;
      r.appendChild(title); svg.appendChild(r);
    }
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', i * step + 4); label.setAttribute('y', height - 3); label.textContent = day.slice(5);
    svg.appendChild(label);
  });
}

function drawRejects(d) {
  const max = Math.max(1, ...d.rejects.map(r => r.rows));
  fill('reject-rows', d.rejects.map(r => {
    const bar = el('span', undefined, 'bar'); bar.style.width = `${Math.max(2, (r.rows / max) * 120)}px`;
    return row([r.reason, r.rows, bar]);
  }), 3, 'No rows rejected.');
}

function drawJobs(d) {
  fill('job-rows', d.jobs.map(j =>
    row([j.kind, j.state, when(j.at), duration(j.durationMs), j.error], j.state === 'Failed' ? 'failed' : '')), 5,
    'No job has run yet.');
}

function drawQuarantine(d) {
  fill('quarantine-rows', d.quarantined.map(q => row([q.lineNumber, q.reason, q.detail, el('code', q.row)])), 4,
    'Nothing quarantined.');
}

async function refresh() {
  const status = $('updated');
  try {
    const response = await fetch(`/api/admin/data?days=${$('days').value}`,
      { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      status.textContent = 'Signed out: reload to sign in again.';
      status.className = 'stale';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const d = await response.json();
    drawFreshness(d); drawGrid(d); drawModel(d); drawIngest(d); drawRejects(d); drawJobs(d); drawQuarantine(d);
    lastGood = new Date();
    status.textContent = `Updated ${lastGood.toLocaleTimeString('en-US', { hour12: false })}, every ${PollMs / 1000} s`;
    status.className = '';
    document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
  } catch (e) {
    status.textContent = `Could not update (${e.message})` +
      (lastGood ? `; showing ${lastGood.toLocaleTimeString('en-US', { hour12: false })}` : '');
    status.className = 'stale';
  } finally {
    clearTimeout(timer);
    timer = setTimeout(refresh, PollMs);
  }
}

$('days').addEventListener('change', refresh);
refresh();
