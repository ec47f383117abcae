// /map: event locations on an equirectangular projection with a 30° graticule; each point
// is sized by its event count. No tiles, no coastlines: nothing is fetched from elsewhere.

import { bindFilters, clear, formValues, getJSON, plural, showStatus, svg, svgTitle } from "./common.js";

const W = 1080;
const H = 540;
const LABELLED = 8;
const x = (lon) => ((lon + 180) / 360) * W;
const y = (lat) => ((90 - lat) / 180) * H;

function graticule(chart) {
  chart.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sphere" }));
  for (let lon = -180; lon <= 180; lon += 30) {
    chart.append(svg("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, class: lon === 0 ? "graticule major" : "graticule" }));
    if (lon > -180 && lon < 180) chart.append(svg("text", { x: x(lon) + 2, y: H - 3, class: "tick" }, `${lon}°`));
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    chart.append(svg("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), class: lat === 0 ? "graticule major" : "graticule" }));
    if (lat > -90 && lat < 90) chart.append(svg("text", { x: 3, y: y(lat) - 2, class: "tick" }, `${lat}°`));
  }
}

export function drawMap(points) {
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart map-chart", role: "img" });
  chart.append(svgTitle("Event locations"));
  graticule(chart);
  const most = Math.max(1, ...points.map((p) => p.events));
  const busiest = [...points].sort((a, b) => b.events - a.events);
  // Biggest first so small points are drawn on top and stay clickable.
  for (const p of busiest) {
    const r = 2 + 7 * Math.sqrt(p.events / most);
    const link = svg("a", { href: `/events?place=${encodeURIComponent(p.name)}`, class: "point-link" },
      svg("circle", { cx: x(p.lon), cy: y(p.lat), r, class: "point" },
        svgTitle(`${p.name}${p.country ? `, ${p.country}` : ""}: ${p.events} events`)));
    chart.append(link);
  }
  for (const p of busiest.slice(0, LABELLED)) {
    chart.append(svg("text", { x: x(p.lon) + 9, y: y(p.lat) + 4, class: "point-label" }, p.name ?? ""));
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
    const points = await getJSON("/api/map", params);
    clear(box);
    box.append(drawMap(points));
    const total = points.reduce((n, p) => n + p.events, 0);
    showStatus(status, points.length ? `${plural(total, "event")} at ${plural(points.length, "place")}.` : "No located events match.");
  } catch (err) {
    showStatus(status, err.message, true);
  }
}

bindFilters(load);
