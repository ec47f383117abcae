// /dyads: cooperation and conflict between two actors or countries per period, as SVG bars,
// with the mean Goldstein score as a line on its own scale (−10 … +10).

import { bindFilters, clear, fmtNumber, formValues, getJSON, plural, showStatus, svg, svgTitle } from "./common.js";

const W = 860;
const H = 340;
const M = { top: 34, right: 50, bottom: 60, left: 44 };

function niceMax(value) {
  if (value <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

function axes(chart, maxCount, ys, yg) {
  for (let i = 0; i <= 5; i += 1) {
    const value = (maxCount * i) / 5;
    const y = ys(value);
    chart.append(svg("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, class: "grid" }),
      svg("text", { x: M.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, fmtNumber(value, 0)));
  }
  for (const g of [-10, 0, 10]) {
    chart.append(svg("text", { x: W - M.right + 6, y: yg(g) + 4, class: "tick goldstein-tick" }, String(g)));
  }
  chart.append(
    svg("text", { x: M.left, y: 14, class: "axis-label", "text-anchor": "middle" }, "events"),
    svg("text", { x: W - M.right, y: 14, class: "axis-label", "text-anchor": "middle" }, "Goldstein"));
}

function legend(chart) {
  const items = [["bar-coop", "cooperation (quad 1–2)"], ["bar-conflict", "conflict (quad 3–4)"],
    ["goldstein-dot", "mean Goldstein"]];
  items.forEach(([cls, label], i) => {
    const x = M.left + i * 220;
    chart.append(svg("rect", { x, y: H - 18, width: 12, height: 12, class: cls }),
      svg("text", { x: x + 18, y: H - 8, class: "legend-text" }, label));
  });
}

export function drawDyads(periods) {
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart dyad-chart", role: "img" });
  chart.append(svgTitle("Cooperation and conflict per period"));
  const maxCount = niceMax(Math.max(1, ...periods.flatMap((p) => [p.cooperation, p.conflict])));
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const ys = (v) => M.top + innerH - (v / maxCount) * innerH;
  const yg = (g) => M.top + innerH / 2 - (g / 10) * (innerH / 2);
  axes(chart, maxCount, ys, yg);
  const band = innerW / Math.max(1, periods.length);
  const bar = Math.max(2, Math.min(28, band * 0.35));
  const line = [];
  const bars = svg("g", { class: "bars" });
  periods.forEach((p, i) => {
    const cx = M.left + band * (i + 0.5);
    const tip = `${p.period}: ${p.events} events, ${p.cooperation} cooperation, ${p.conflict} conflict, `
      + `mean Goldstein ${fmtNumber(p.mean_goldstein)}`;
    bars.append(
      svg("rect", { x: cx - bar, y: ys(p.cooperation), width: bar, height: ys(0) - ys(p.cooperation), class: "bar-coop" }, svgTitle(tip)),
      svg("rect", { x: cx, y: ys(p.conflict), width: bar, height: ys(0) - ys(p.conflict), class: "bar-conflict" }, svgTitle(tip)));
    if (periods.length <= 24 || i % Math.ceil(periods.length / 24) === 0) {
      chart.append(svg("text", { x: cx, y: M.top + innerH + 16, class: "tick", "text-anchor": "middle" }, p.period));
    }
    if (p.mean_goldstein !== null) line.push([cx, yg(p.mean_goldstein), tip]);
  });
  chart.append(bars);
  if (line.length > 1) {
    chart.append(svg("polyline", { points: line.map(([x, y]) => `${x},${y}`).join(" "), class: "goldstein-line" }));
  }
  for (const [x, y, tip] of line) chart.append(svg("circle", { cx: x, cy: y, r: 4, class: "goldstein-dot" }, svgTitle(tip)));
  legend(chart);
  return chart;
}

async function load(form) {
  const status = document.getElementById("status");
  const box = document.getElementById("chart");
  const params = formValues(form);
  if (!params.a || !params.b) {
    showStatus(status, "Give two actor or country codes, e.g. RUS and UKR.");
    return;
  }
  history.replaceState(null, "", `?${new URLSearchParams(params)}`);
  showStatus(status, "Loading…");
  try {
    const periods = await getJSON("/api/dyads", params);
    clear(box);
    if (!periods.length) {
      showStatus(status, `No events between ${params.a} and ${params.b}.`);
      return;
    }
    box.append(drawDyads(periods));
    const total = periods.reduce((n, p) => n + p.events, 0);
    showStatus(status, `${plural(total, "event")} between ${params.a} and ${params.b} in ${plural(periods.length, "period")}.`);
  } catch (err) {
    showStatus(status, err.message, true);
  }
}

bindFilters(load);
