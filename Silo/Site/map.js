"use strict";
// The risk map: an SVG of New York's corners (Web Mercator, no tiles), the hotspot table, search, a corner's panel
// and "where am I". Every string from the API goes into the page as text, never as markup.
const CLASSES = ["Safe", "Somewhat Safe", "Average", "Somewhat Dangerous", "Dangerous"];
const COLOURS = ["#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"];
const NO_CLASS = "#9aa5b1";
const SVG = "http://www.w3.org/2000/svg";
const TILE = 256;
const view = { lon: -73.94, lat: 40.70, zoom: 10 };
let boroughs = [];
let shown = { corners: [], cells: [] };
let selected = null;
let you = null;
let loading = null;
let timer = 0;

const $ = (id) => document.getElementById(id);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}
const colour = (c) => (c === null || c === undefined ? NO_CLASS : COLOURS[c]);
const classIndex = (name) => CLASSES.indexOf(name);
function badge(name) {
  const b = el("span", { class: "badge" }, name ?? "no model yet");
  b.style.background = name ? COLOURS[classIndex(name)] : NO_CLASS;
  return b;
}

// Web Mercator in pixels at the current zoom.
function world(lon, lat) {
  const size = TILE * 2 ** view.zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}
function screen(lon, lat) {
  const [cx, cy] = world(view.lon, view.lat);
  const [x, y] = world(lon, lat);
  const box = $("map").getBoundingClientRect();
  return [x - cx + box.width / 2, y - cy + box.height / 2];
}
function unproject(sx, sy) {
  const box = $("map").getBoundingClientRect();
  const [cx, cy] = world(view.lon, view.lat);
  const size = TILE * 2 ** view.zoom;
  const x = (cx + sx - box.width / 2) / size;
  const y = (cy + sy - box.height / 2) / size;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [x * 360 - 180, lat];
}

function draw() {
  const outlines = $("boroughs");
  outlines.replaceChildren();
  for (const f of boroughs) {
    let d = "";
    for (const polygon of f.geometry.coordinates)
      for (const ring of polygon)
        d += ring.map(([lon, lat], i) => (i ? "L" : "M") + screen(lon, lat).map((v) => v.toFixed(1)).join(",")).join("")
          + "Z";
    outlines.append(svg("path", { d, "data-borough": f.properties.borough }));
  }
  const dots = $("corners");
  dots.replaceChildren();
  // The most dangerous are drawn last, on top.
  for (const c of [...shown.corners].sort((a, b) => (a.class ?? -1) - (b.class ?? -1))) {
    const [x, y] = screen(c.lon, c.lat);
    const r = Math.min(14, 2.5 + Math.sqrt(c.expected) * (view.zoom >= 15 ? 4 : 2.5));
    const dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), fill: colour(c.class),
      "data-id": c.id, class: "corner" });
    dot.append(svg("title", {}));
    dot.firstChild.textContent = `${c.name}: ${c.class == null ? "no model" : CLASSES[c.class]}, ` +
      `${c.expected} expected`;
    dots.append(dot);
  }
  for (const c of shown.cells) {
    const [x, y] = screen(c.lon, c.lat);
    const dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: Math.min(16, 3 + Math.sqrt(c.count) * 0.5)
      .toFixed(1), fill: colour(c.class), class: "cell", "data-count": c.count });
    dot.append(svg("title", {}));
    dot.firstChild.textContent = `${c.count} corners, ${c.expected} crashes expected; click to zoom in`;
    dot.addEventListener("click", () => { view.lon = c.lon; view.lat = c.lat; zoomBy(2); });
    dots.append(dot);
  }
  const marks = $("marks");
  marks.replaceChildren();
  if (selected) {
    const [x, y] = screen(selected.longitude, selected.latitude);
    marks.append(svg("circle", { cx: x, cy: y, r: 16, class: "selected" }));
  }
  if (you) {
    const [x, y] = screen(you.lon, you.lat);
    marks.append(svg("circle", { cx: x, cy: y, r: 7, class: "you" }));
  }
}

function load() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const box = $("map").getBoundingClientRect();
    const [west, north] = unproject(0, 0);
    const [east, south] = unproject(box.width, box.height);
    loading?.abort();
    loading = new AbortController();
    try {
      const q = new URLSearchParams({ west, south, east, north, max: 3000 });
      const answer = await fetch(`/api/map/corners?${q}`, { signal: loading.signal });
      if (!answer.ok) throw new Error(`the map's corners answered ${answer.status}`);
      shown = await answer.json();
      $("status").textContent = `As of ${shown.asOf ?? "—"} · ` +
        (shown.modelVersion ? `model ${shown.modelVersion}` : "no model yet: sized by last year's crashes") +
        ` · ${shown.total.toLocaleString()} corners in view` + (shown.mode === "cells" ? " (grouped)" : "");
      draw();
    } catch (e) {
      if (e.name !== "AbortError") $("status").textContent = e.message;
    }
  }, 120);
}

function zoomBy(factor, sx, sy) {
  const box = $("map").getBoundingClientRect();
  const [lon, lat] = unproject(sx ?? box.width / 2, sy ?? box.height / 2);
  view.zoom = Math.min(19, Math.max(9, view.zoom + Math.log2(factor)));
  if (sx !== undefined) {
    // Keep the point under the cursor where it was.
    const [nx, ny] = screen(lon, lat);
    const [clon, clat] = unproject(box.width / 2 + nx - sx, box.height / 2 + ny - sy);
    view.lon = clon; view.lat = clat;
  }
  draw();
  load();
}

function fitCity() {
  const box = $("map").getBoundingClientRect();
  const [x0, y0] = world(-74.26, 40.92);
  const [x1, y1] = world(-73.69, 40.49);
  view.zoom += Math.log2(Math.min(box.width / (x1 - x0), box.height / (y1 - y0)));
  view.lon = -73.975; view.lat = 40.705;
}

function wireMap() {
  const map = $("map");
  let drag = null;
  map.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  map.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    map.classList.add("dragging");
    const box = map.getBoundingClientRect();
    [view.lon, view.lat] = unproject(box.width / 2 - dx, box.height / 2 - dy);
    drag.x = e.clientX; drag.y = e.clientY;
    draw();
  });
  map.addEventListener("pointerup", (e) => {
    const moved = drag?.moved;
    drag = null;
    map.classList.remove("dragging");
    if (moved) return load();
    const id = e.target.getAttribute?.("data-id");
    if (id) openCorner(id);
  });
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = map.getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1.5 : 1 / 1.5, e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  $("zoom-in").addEventListener("click", () => zoomBy(2));
  $("zoom-out").addEventListener("click", () => zoomBy(0.5));
  window.addEventListener("resize", () => { draw(); load(); });
  $("legend").append(...CLASSES.map((name, i) => {
    const dot = el("span");
    dot.style.background = COLOURS[i];
    return el("li", {}, dot, name);
  }), el("li", { class: "muted" }, "size: crashes expected in 6 months"));
}

async function hotspots() {
  const q = new URLSearchParams({ k: $("k").value });
  if ($("borough").value) q.set("borough", $("borough").value);
  const answer = await fetch(`/api/intersections/top?${q}`);
  const rows = $("hotspot-rows");
  if (!answer.ok) { rows.replaceChildren(el("tr", {}, el("td", { colspan: 4 }, `top answered ${answer.status}`))); return; }
  const list = await answer.json();
  rows.replaceChildren(...list.map((c, i) => {
    const row = el("tr", { "data-id": c.id }, el("td", {}, String(i + 1)), el("td", {}, c.name),
      el("td", {}, badge(c.riskClass)), el("td", {}, (c.riskScore ?? c.accidents1y).toFixed?.(2) ?? ""));
    row.addEventListener("click", () => openCorner(c.id, true));
    return row;
  }));
}

function section(title, ...children) { return el("div", {}, el("h3", {}, title), ...children); }

function chart(months) {
  const box = svg("svg", { id: "chart", viewBox: "0 0 340 110", preserveAspectRatio: "none", role: "img",
    "aria-label": "Crashes per month" });
  if (!months.length) return box;
  const top = Math.max(1, ...months.map((m) => m.crashes));
  const w = 340 / months.length;
  months.forEach((m, i) => {
    const h = (m.crashes / top) * 90;
    const bar = svg("rect", { x: (i * w).toFixed(2), y: (95 - h).toFixed(2), width: Math.max(0.5, w - 0.3).toFixed(2),
      height: h.toFixed(2), "data-month": m.month });
    bar.append(svg("title", {}));
    bar.firstChild.textContent = `${m.month}: ${m.crashes} crashes, ${m.injured} injured, ${m.killed} killed`;
    box.append(bar);
    if (m.month.endsWith("-01")) {
      const label = svg("text", { x: (i * w).toFixed(1), y: 107 });
      label.textContent = m.month.slice(0, 4);
      box.append(label);
    }
  });
  return box;
}

async function openCorner(id, centre) {
  const panel = $("panel");
  panel.hidden = false;
  panel.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  const [one, months] = await Promise.all([fetch(`/api/intersections/${encodeURIComponent(id)}`),
    fetch(`/api/intersections/${encodeURIComponent(id)}/months`)]);
  if (!one.ok) { panel.replaceChildren(el("p", {}, `No answer for ${id} (${one.status}).`)); return; }
  showCorner(await one.json(), months.ok ? await months.json() : [], centre);
}

function showCorner(c, months, centre) {
  selected = c;
  if (centre && c.latitude != null) { view.lon = c.longitude; view.lat = c.latitude; view.zoom = Math.max(view.zoom, 15); load(); }
  draw();
  const close = el("button", { class: "close", type: "button", "aria-label": "Close" }, "×");
  close.addEventListener("click", () => { $("panel").hidden = true; selected = null; draw(); });
  const windows = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, "6 months"),
    el("th", {}, "1 year"), el("th", {}, "5 years"))), el("tbody", {},
    ...[["Crashes", "accidents"], ["Injured", "personsInjured"], ["Killed", "personsKilled"],
      ["Pedestrians injured", "pedestriansInjured"], ["Cyclists injured", "cyclistsInjured"]].map(([label, key]) =>
      el("tr", {}, el("td", {}, label), ...["6m", "1y", "5y"].map((w) => el("td", {}, String(c[key + w] ?? "")))))));
  const forecast = c.riskClass
    ? [el("p", {}, badge(c.riskClass), ` ${c.riskScore.toFixed(2)} crashes expected in the next 6 months`),
      el("p", { class: "muted" }, `confidence ${(c.confidence * 100).toFixed(0)} % · model ${c.modelVersion}`),
      el("div", { class: "bars" }, ...Object.entries(c.probabilities).map(([name, p]) => {
        const bar = el("b");
        bar.style.width = `${Math.round(p * 150)}px`;
        bar.style.background = COLOURS[classIndex(name)];
        return el("div", {}, bar, `${name} ${(p * 100).toFixed(0)} %`);
      }))]
    : [el("p", {}, badge(null), ` ${c.riskUnavailable ?? ""}`)];
  $("panel").replaceChildren(close, el("h2", { id: "corner-name" }, c.name),
    el("p", { class: "muted" }, `${c.borough ?? "borough unknown"} · as of ${c.asOf} · ${c.totalCrashes} crashes on ` +
      `record, the last on ${c.lastCrashDate ?? "—"}`),
    section("Forecast", ...forecast), section("Windows", windows), section("Crashes per month", chart(months)));
}

async function search(e) {
  e.preventDefault();
  const name = $("name").value.trim();
  const panel = $("panel");
  panel.hidden = false;
  const answer = await fetch(`/api/intersections?${new URLSearchParams({ name })}`);
  if (answer.ok) return openCorner((await answer.json()).id, true);
  const problem = await answer.json().catch(() => ({}));
  const list = el("div", { class: "suggestions" }, ...(problem.suggestions ?? []).map((s) => {
    const b = el("button", { type: "button" }, s.name);
    b.addEventListener("click", () => openCorner(s.id, true));
    return b;
  }));
  const why = problem.errors ? Object.values(problem.errors).flat().join("; ") : (problem.detail ?? answer.statusText);
  panel.replaceChildren(el("p", { role: "alert" }, why), list);
}

function locate() {
  const panel = $("panel");
  panel.hidden = false;
  if (!navigator.geolocation) { panel.replaceChildren(el("p", {}, "This browser cannot tell where you are.")); return; }
  panel.replaceChildren(el("p", { class: "muted" }, "Finding you…"));
  navigator.geolocation.getCurrentPosition(async (pos) => {
    const { latitude: lat, longitude: lon } = pos.coords;
    you = { lat, lon };
    view.lat = lat; view.lon = lon; view.zoom = Math.max(view.zoom, 15);
    draw(); load();
    const answer = await fetch(`/api/risk/near?${new URLSearchParams({ lat, lon, radiusM: 250, limit: 5 })}`);
    const near = await answer.json();
    if (!answer.ok) {
      panel.replaceChildren(el("p", { role: "alert" }, Object.values(near.errors ?? {}).flat().join("; ") ||
        "Your position is outside New York City."));
      return;
    }
    const s = near.summary;
    panel.replaceChildren(el("h2", { id: "area-risk" }, "Your area (250 m)"),
      el("p", {}, badge(s.highestClass), ` ${s.intersections} corners, ${s.expectedCrashes ?? 0} crashes expected ` +
        "in the next 6 months"),
      el("ul", {}, ...near.intersections.map((c) => {
        const item = el("li", { "data-id": c.id }, `${c.name} (${Math.round(c.distanceM)} m) `, badge(c.riskClass));
        item.addEventListener("click", () => openCorner(c.id, true));
        return item;
      })));
  }, (error) => panel.replaceChildren(el("p", { role: "alert" }, `No position: ${error.message}`)));
}

async function start() {
  wireMap();
  fitCity();
  $("search").addEventListener("submit", search);
  $("locate").addEventListener("click", locate);
  $("k").addEventListener("change", hotspots);
  $("borough").addEventListener("change", hotspots);
  const outlines = await fetch("boroughs.geojson");
  boroughs = outlines.ok ? (await outlines.json()).features : [];
  draw();
  load();
  await hotspots();
}

start();
