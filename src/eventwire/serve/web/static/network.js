// /network: who acts on whom. Actors sit on a circle; an arrow per directed pair, as wide as
// its event count and coloured by its mean Goldstein score.

import { bindFilters, clear, el, fmtNumber, formValues, getJSON, plural, showStatus, svg, svgTitle } from "./common.js";

const SIZE = 860;
const LABEL_ROOM = 110;

function nodesOf(edges) {
  const weight = new Map();
  for (const e of edges) {
    weight.set(e.source, (weight.get(e.source) ?? 0) + e.events);
    weight.set(e.target, (weight.get(e.target) ?? 0) + e.events);
  }
  // Alphabetical order puts a country beside its own actors (RUS, RUSGOV, RUSMIL).
  const names = [...weight.keys()].sort((a, b) => a.localeCompare(b));
  const c = SIZE / 2;
  const RADIUS = c - LABEL_ROOM;
  return new Map(names.map((name, i) => {
    const angle = (2 * Math.PI * i) / names.length - Math.PI / 2;
    return [name, { name, weight: weight.get(name), x: c + RADIUS * Math.cos(angle), y: c + RADIUS * Math.sin(angle), angle }];
  }));
}

function tone(goldstein) {
  if (goldstein === null) return "edge-neutral";
  if (goldstein > 0.5) return "edge-coop";
  if (goldstein < -0.5) return "edge-conflict";
  return "edge-neutral";
}

function edgePath(a, b) {
  // Bend each arrow to its right so A→B and B→A do not overlap.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const bend = 0.15;
  return `M${a.x},${a.y} Q${mx - dy * bend},${my + dx * bend} ${b.x},${b.y}`;
}

function defs() {
  // Fixed-size arrowheads (userSpaceOnUse): they must not grow with the edge's width.
  const marker = (id, cls) => svg("marker", { id, viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
  return svg("defs", {}, marker("arrow-edge-coop", "edge-coop-fill"), marker("arrow-edge-conflict", "edge-conflict-fill"),
    marker("arrow-edge-neutral", "edge-neutral-fill"));
}

export function drawNetwork(edges) {
  const chart = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "chart network-chart", role: "img" });
  chart.append(svgTitle("Actor network"), defs());
  const nodes = nodesOf(edges);
  const maxEvents = Math.max(1, ...edges.map((e) => e.events));
  const maxWeight = Math.max(1, ...[...nodes.values()].map((n) => n.weight));
  for (const e of edges) {
    const a = nodes.get(e.source);
    const b = nodes.get(e.target);
    if (e.source === e.target) continue;  // self-loops say little in a circle layout
    const cls = tone(e.mean_goldstein);
    chart.append(svg("path", {
      d: edgePath(a, b), class: `edge ${cls}`, "stroke-width": 1 + (5 * e.events) / maxEvents, "marker-end": `url(#arrow-${cls})`,
    }, svgTitle(`${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${fmtNumber(e.mean_goldstein)}`)));
  }
  for (const n of nodes.values()) {
    const r = 4 + 9 * Math.sqrt(n.weight / maxWeight);
    const right = Math.cos(n.angle) >= 0;
    chart.append(svg("g", { class: "node" },
      svg("circle", { cx: n.x, cy: n.y, r }, svgTitle(`${n.name}: ${n.weight} events`)),
      svg("text", { x: n.x + (right ? r + 4 : -r - 4), y: n.y + 4, "text-anchor": right ? "start" : "end", class: "node-label" }, n.name)));
  }
  return chart;
}

async function load(form) {
  const status = document.getElementById("status");
  const box = document.getElementById("chart");
  const params = formValues(form);
  history.replaceState(null, "", `?${new URLSearchParams(params)}`);
  showStatus(status, "Loading…");
  try {
    const edges = await getJSON("/api/network", params);
    clear(box);
    if (!edges.length) {
      showStatus(status, "No events with both a source and a target yet.");
      return;
    }
    box.append(drawNetwork(edges));
    box.append(el("p", { className: "muted" }, "Green: cooperation, red: conflict, grey: neutral; width: number of events."));
    showStatus(status, `${plural(edges.length, "actor pair")}.`);
  } catch (err) {
    showStatus(status, err.message, true);
  }
}

bindFilters(load);
