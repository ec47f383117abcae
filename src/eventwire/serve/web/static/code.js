// /code: codes pasted text through POST /api/code (nothing is stored) and shows the result.

import { formValues, plural, postJSON, showStatus } from "./common.js";
import { renderRecord } from "./reader.js";

function main() {
  const form = document.getElementById("code-form");
  const status = document.getElementById("status");
  const root = document.getElementById("reader");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = formValues(form);
    if (!values.text) {
      showStatus(status, "Paste an article first.", true);
      return;
    }
    const body = { text: form.elements.namedItem("text").value };
    if (values.published) body.published = values.published;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    showStatus(status, "Coding…");
    try {
      const record = await postJSON("/api/code", body);
      renderRecord(root, record);
      const counts = [plural(record.entities.length, "entity", "entities"),
        plural(record.actors.length, "actor"), plural(record.events.length, "event"),
        plural(record.quotes.length, "quote")];
      showStatus(status, `Coded: ${counts.join(", ")}.`);
    } catch (err) {
      showStatus(status, err.message, true);
    } finally {
      button.disabled = false;
    }
  });
}

main();
