// /articles/{id}: fetches the stored record and shows it in the reader.

import { getJSON, showStatus } from "./common.js";
import { renderRecord } from "./reader.js";

async function main() {
  const root = document.getElementById("reader");
  const status = document.getElementById("status");
  showStatus(status, "Loading…");
  try {
    const record = await getJSON(`/api/articles/${encodeURIComponent(root.dataset.articleId)}`);
    const select = renderRecord(root, record);
    showStatus(status, "");
    const wanted = new URLSearchParams(window.location.search).get("event");
    if (wanted) select(`ev:${wanted}`);
  } catch (err) {
    showStatus(status, err.message, true);
  }
}

main();
