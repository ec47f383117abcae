// /events: the event table with filters; every row links to its evidence in the reader.

import {
  QUAD_NAMES, articleHref, clear, el, fillForm, fmtNumber, formValues, getJSON, pager, plural, showStatus,
} from "./common.js";

const PAGE = 50;

function actors(side) {
  const labels = side.map((a) => (a.code && a.code !== a.name ? `${a.name} (${a.code})` : a.name));
  return labels.join(", ") || "–";
}

function row(ev) {
  const text = ev.evidence.text;
  const evidence = text.length > 220 ? `${text.slice(0, 217)}…` : text;
  const place = ev.location ? [ev.location.name, ev.location.country].filter(Boolean).join(", ") : "–";
  return el("tr", { className: "event-row", dataset: { articleId: ev.article_id, eventId: ev.event_id } },
    el("td", {}, ev.date ?? "–"),
    el("td", {}, el("span", { className: `badge quad-${ev.quad_class ?? 0}`, title: QUAD_NAMES[ev.quad_class] ?? "" }, ev.type),
      ev.cameo ? el("span", { className: "cameo" }, ` ${ev.cameo}`) : null),
    el("td", {}, actors(ev.source)),
    el("td", {}, actors(ev.target)),
    el("td", {}, place),
    el("td", { className: "num" }, fmtNumber(ev.goldstein)),
    el("td", { className: "evidence" },
      el("a", { href: articleHref(ev.article_id, ev.event_id), className: "evidence-link" }, evidence),
      ev.article.title ? el("div", { className: "muted" }, ev.article.title) : null));
}

async function load(form, offset) {
  const status = document.getElementById("status");
  const body = document.querySelector("#events tbody");
  const params = { ...formValues(form), limit: PAGE, offset };
  history.replaceState(null, "", `?${new URLSearchParams(params)}`);
  showStatus(status, "Loading…");
  try {
    const page = await getJSON("/api/events", params);
    clear(body);
    body.append(...page.items.map(row));
    if (!page.items.length) body.append(el("tr", {}, el("td", { colSpan: 7, className: "empty" }, "No events match.")));
    const pagerBox = document.getElementById("pager");
    clear(pagerBox);
    pagerBox.append(pager(page, (next) => load(form, next)));
    showStatus(status, plural(page.total, "event"));
  } catch (err) {
    showStatus(status, err.message, true);
  }
}

function main() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams(window.location.search);
  fillForm(form, params);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(form, 0);
  });
  form.addEventListener("reset", () => setTimeout(() => load(form, 0), 0));
  load(form, Number(params.get("offset") ?? 0) || 0);
}

main();
