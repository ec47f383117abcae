// /articles: the stored articles, newest first, with full-text search.

import { articleHref, clear, el, fillForm, formValues, getJSON, pager, showStatus } from "./common.js";

const PAGE = 50;

function row(article) {
  return el("tr", {},
    el("td", {}, article.published ?? "–"),
    el("td", {}, el("a", { href: articleHref(article.id), className: "article-link" }, article.title ?? "(untitled)")),
    el("td", {}, article.source ?? "–"),
    el("td", { className: "num" }, String(article.events)),
    el("td", { className: "num" }, String(article.quotes)));
}

async function load(form, offset) {
  const status = document.getElementById("status");
  const body = document.querySelector("#articles tbody");
  const params = { ...formValues(form), limit: PAGE, offset };
  history.replaceState(null, "", `?${new URLSearchParams(params)}`);
  showStatus(status, "Loading…");
  try {
    const page = await getJSON("/api/articles", params);
    clear(body);
    body.append(...page.items.map(row));
    const pagerBox = document.getElementById("pager");
    clear(pagerBox);
    pagerBox.append(pager(page, (next) => load(form, next)));
    showStatus(status, "");
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
  load(form, Number(params.get("offset") ?? 0) || 0);
}

main();
