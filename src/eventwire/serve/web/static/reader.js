// The article reader: the text with entities, times, quotes and event evidence marked, and
// side lists of events, quotes, actors and times. Clicking an item highlights its words.

import { QUAD_NAMES, clear, el, fmtNumber } from "./common.js";

const LABEL_RE = /^[A-Z_]{1,20}$/;

// Cuts the text at every span boundary; each piece knows which marks cover it. A sweep over
// the boundaries keeps this linear in text marks, not quadratic, for long articles.
function buildSegments(text, marks) {
  const starts = new Map();
  const ends = new Map();
  const cuts = new Set([0, text.length]);
  for (const mark of marks) {
    if (!(mark.start >= 0 && mark.end <= text.length && mark.start < mark.end)) continue;
    cuts.add(mark.start);
    cuts.add(mark.end);
    if (!starts.has(mark.start)) starts.set(mark.start, []);
    if (!ends.has(mark.end)) ends.set(mark.end, []);
    starts.get(mark.start).push(mark);
    ends.get(mark.end).push(mark);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const active = new Set();
  const segments = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    for (const mark of ends.get(points[i]) ?? []) active.delete(mark);
    for (const mark of starts.get(points[i]) ?? []) active.add(mark);
    segments.push({ start: points[i], end: points[i + 1], covering: [...active] });
  }
  return segments;
}

function collectMarks(record) {
  const actorName = actorNamer(record);
  const marks = [];
  for (const ent of record.entities) {
    const label = LABEL_RE.test(ent.label) ? ent.label : "OTHER";
    const parts = [ent.label];
    if (ent.actor) parts.push(actorName(ent.actor));
    if (ent.place) parts.push(`${ent.place.name}${ent.place.country ? `, ${ent.place.country}` : ""}`);
    marks.push({ start: ent.start, end: ent.end, cls: ["ent", `ent-${label}`], tip: parts.join(" · ") });
  }
  for (const time of record.times) {
    marks.push({ start: time.start, end: time.end, cls: ["time"], key: `time:${time.start}`,
      tip: `time: ${time.value ?? "unresolved"}` });
  }
  for (const quote of record.quotes) {
    const who = quote.speaker ? actorName(quote.speaker) : (quote.speaker_text ?? "unattributed");
    marks.push({ start: quote.start, end: quote.end, cls: ["quote"], key: `q:${quote.id}`,
      tip: `${quote.kind} quote (${quote.id}) by ${who}` });
  }
  for (const ev of record.events) {
    marks.push({ start: ev.evidence.start, end: ev.evidence.end, cls: [], key: `ev:${ev.id}` });
    marks.push({ start: ev.trigger.start, end: ev.trigger.end, cls: ["trigger"], key: `trig:${ev.id}`,
      tip: `${ev.type} trigger (${ev.id})` });
  }
  for (const actor of record.actors) {
    for (const [start, end] of actor.mentions) {
      marks.push({ start, end, cls: [], key: `actor:${actor.id}` });
    }
  }
  return marks;
}

function actorNamer(record) {
  const byId = new Map(record.actors.map((a) => [a.id, a]));
  return (id) => {
    const actor = byId.get(id);
    if (!actor) return id;
    return actor.code ? `${actor.name} (${actor.code})` : actor.name;
  };
}

// Renders the text; returns a map from mark key ("ev:E1", "q:Q1", ...) to its pieces.
function renderText(container, text, marks) {
  const byKey = new Map();
  for (const seg of buildSegments(text, marks)) {
    const piece = el("span", { className: "seg" }, text.slice(seg.start, seg.end));
    const tips = [];
    for (const mark of seg.covering) {
      piece.classList.add(...mark.cls);
      if (mark.tip) tips.push(mark.tip);
      if (mark.key) {
        if (!byKey.has(mark.key)) byKey.set(mark.key, []);
        byKey.get(mark.key).push(piece);
      }
    }
    if (tips.length) piece.title = tips.join("\n");
    container.append(piece);
  }
  return byKey;
}

function metaLine(art) {
  const parts = [];
  if (art.published) parts.push(el("time", { dateTime: art.published }, art.published));
  if (art.source) parts.push(el("span", {}, art.source));
  if (art.publisher) parts.push(el("span", {}, art.publisher));
  if (art.authors.length) parts.push(el("span", {}, `by ${art.authors.join(", ")}`));
  if (art.url) parts.push(el("a", { href: art.url, rel: "noopener noreferrer nofollow" }, "original"));
  const line = el("p", { className: "meta" });
  parts.forEach((part, i) => {
    if (i) line.append(" · ");
    line.append(part);
  });
  return line;
}

function eventItem(ev, name) {
  const who = [ev.source.map(name).join(", ") || "?", ev.target.map(name).join(", ") || "–"];
  const facts = [
    ev.cameo ? `CAMEO ${ev.cameo}` : null,
    ev.quad_class ? QUAD_NAMES[ev.quad_class] : null,
    ev.goldstein !== null ? `Goldstein ${fmtNumber(ev.goldstein)}` : null,
    ev.date ? `on ${ev.date}` : null,
    ev.location ? `in ${ev.location.name}` : null,
    ev.modality !== "asserted" ? ev.modality : null,
    ev.negated ? "negated" : null,
    ev.reported_by ? `reported by ${name(ev.reported_by)}` : null,
    `confidence ${fmtNumber(ev.confidence, 2)}`,
  ].filter(Boolean);
  return [
    el("span", { className: `badge quad-${ev.quad_class ?? 0}` }, ev.type),
    el("span", { className: "item-title" }, ` ${who[0]} → ${who[1]}`),
    el("span", { className: "item-facts" }, facts.join(" · ")),
    el("span", { className: "item-quote" }, `“${ev.trigger.text}”`),
  ];
}

function quoteItem(quote, name) {
  const who = quote.speaker ? name(quote.speaker) : (quote.speaker_text ?? "unattributed");
  const text = quote.text.length > 160 ? `${quote.text.slice(0, 157)}…` : quote.text;
  const facts = [quote.kind, quote.cue ? `cue “${quote.cue}”` : null,
    quote.addressees.length ? `to ${quote.addressees.map(name).join(", ")}` : quote.addressee_text]
    .filter(Boolean);
  return [el("span", { className: "item-title" }, who), el("span", { className: "item-quote" }, `“${text}”`),
    el("span", { className: "item-facts" }, facts.join(" · "))];
}

function actorItem(actor) {
  const facts = [actor.code, actor.role, actor.kb_id, `${actor.mentions.length} mentions`].filter(Boolean);
  return [el("span", { className: "item-title" }, actor.name), el("span", { className: "item-facts" }, facts.join(" · "))];
}

function timeItem(time) {
  return [el("span", { className: "item-title" }, time.text),
    el("span", { className: "item-facts" }, `→ ${time.value ?? "unresolved"}`)];
}

function section(title, items, emptyText) {
  const list = el("ol", { className: "item-list" }, items);
  return el("section", { className: "side-section" }, el("h3", {}, `${title} (${items.length})`),
    items.length ? list : el("p", { className: "empty" }, emptyText));
}

// Draws the record into `root`. Returns a `select(key)` function ("ev:E1", "q:Q1", ...).
export function renderRecord(root, record) {
  clear(root);
  const name = actorNamer(record);
  const textBox = el("div", { className: "article-text", id: "article-text" });
  const byKey = renderText(textBox, record.article.text, collectMarks(record));
  const itemByKey = new Map();

  function select(key) {
    for (const node of root.querySelectorAll(".hl-active, .hl-trigger, .selected")) {
      node.classList.remove("hl-active", "hl-trigger", "selected");
    }
    const pieces = byKey.get(key) ?? [];
    for (const piece of pieces) piece.classList.add("hl-active");
    if (key.startsWith("ev:")) {
      for (const piece of byKey.get(`trig:${key.slice(3)}`) ?? []) piece.classList.add("hl-trigger");
    }
    itemByKey.get(key)?.classList.add("selected");
    if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
    return pieces.length > 0;
  }

  function item(key, content, dataId) {
    const node = el("li", { className: "item", tabIndex: 0, dataset: { key, id: dataId } }, content);
    node.addEventListener("click", () => select(key));
    node.addEventListener("keydown", (e) => { if (e.key === "Enter") select(key); });
    itemByKey.set(key, node);
    return node;
  }

  const side = el("aside", { className: "reader-side" },
    section("Events", record.events.map((ev) => item(`ev:${ev.id}`, eventItem(ev, name), ev.id)),
      "No events coded in this article."),
    section("Quotes", record.quotes.map((q) => item(`q:${q.id}`, quoteItem(q, name), q.id)),
      "No quotes found."),
    section("Actors", record.actors.map((a) => item(`actor:${a.id}`, actorItem(a), a.id)),
      "No actors found."),
    section("Times", record.times.map((t) => item(`time:${t.start}`, timeItem(t), String(t.start))),
      "No time expressions found."));
  const legend = el("p", { className: "legend" }, "Marked: ",
    el("span", { className: "seg ent ent-PERSON" }, "person"), " ",
    el("span", { className: "seg ent ent-ORG" }, "organisation"), " ",
    el("span", { className: "seg ent ent-GPE" }, "place"), " ",
    el("span", { className: "seg time" }, "time"), " ",
    el("span", { className: "seg quote" }, "quote"), " ",
    el("span", { className: "seg trigger" }, "event trigger"),
    " — click an event, quote, actor or time to highlight its words.");
  root.append(el("article", { className: "reader" },
    el("header", {}, el("h2", { className: "article-title" }, record.article.title ?? "(untitled)"),
      metaLine(record.article),
      record.article.credits.length ? el("p", { className: "meta" }, `Credits: ${record.article.credits.join(", ")}`) : null),
    el("div", { className: "reader-body" }, el("div", { className: "reader-main" }, legend, textBox), side)));
  return select;
}
