// Shared helpers of the explorer pages. Data from the API is only ever put into the page
// with textContent, attribute setters or SVG attributes: never parsed as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

// el("a", {href: "/x", className: "y"}, "text", child) builds an element; strings become text.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

// An SVG <title> gives a hover tooltip without any script.
export function svgTitle(text) {
  return svg("title", {}, text);
}

function setProps(node, props) {
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    if (name === "className") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "href") node.setAttribute("href", safeHref(value));
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Only same-site paths and http(s) urls become links: "javascript:" and the like never do.
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // not an absolute url: fall through to the inert link
  }
  return "#";
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readResponse(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(response.status, `${response.status}: ${detail}`);
  }
  return body;
}

export async function getJSON(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  return readResponse(await fetch(url, { headers: { Accept: "application/json" } }));
}

export async function postJSON(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return readResponse(response);
}

// Shows an error (or clears it) in the page's status line.
export function showStatus(node, message, isError = false) {
  node.textContent = message || "";
  node.classList.toggle("error", Boolean(isError));
}

// The form's non-empty fields, as an object of strings.
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
  }
  return values;
}

// Fills a form from the page url's query string (so a filtered view can be linked to).
export function fillForm(form, params) {
  for (const [name, value] of params.entries()) {
    const field = form.elements.namedItem(name);
    if (field && "value" in field) field.value = value;
  }
}

export function articleHref(articleId, eventId) {
  const base = `/articles/${encodeURIComponent(articleId)}`;
  return eventId ? `${base}?event=${encodeURIComponent(eventId)}` : base;
}

// "1 event", "2 events"; irregular words give their plural.
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

export function fmtNumber(value, digits = 1) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
}

// Pager: "previous / next" buttons and "x–y of n".
export function pager(page, onOffset) {
  const end = Math.min(page.offset + page.items.length, page.total);
  const prev = el("button", {
    type: "button", className: "pager-prev", disabled: page.offset <= 0,
    onclick: () => onOffset(Math.max(0, page.offset - page.limit)),
  }, "← previous");
  const next = el("button", {
    type: "button", className: "pager-next", disabled: end >= page.total,
    onclick: () => onOffset(page.offset + page.limit),
  }, "next →");
  const label = page.total === 0 ? "nothing found" : `${page.offset + 1}–${end} of ${page.total}`;
  return el("div", { className: "pager" }, prev, el("span", { className: "pager-label" }, label), next);
}

// The filter form of a chart page: filled from the URL, reloads the chart on submit.
export function bindFilters(load) {
  const form = document.getElementById("filters");
  fillForm(form, new URLSearchParams(window.location.search));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(form);
  });
  load(form);
}
