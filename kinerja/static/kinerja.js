// Behaviour the pages need, kept out of the templates so that the Content-Security-Policy can forbid inline
// scripts: a select marked data-submit-on-change sends its form when a choice is made (the language switch).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.submitOnChange !== undefined && field.form) {
    field.form.submit();
  }
});

// A form's one-time token (kinerja.core.once) is also written into the page's address, without reloading it:
// when Back makes the browser load the form page again, the server gives the form the same token, so saving
// it a second time is recognised and creates nothing.
document.addEventListener("DOMContentLoaded", () => {
  const token = document.querySelector("input[data-once]");
  if (!token || !token.value) return;
  const url = new URL(window.location.href);
  if (url.searchParams.get(token.name) === token.value) return;
  url.searchParams.set(token.name, token.value);
  window.history.replaceState(window.history.state, "", url);
});

// Tables on a phone. A data table (one head row) gets each cell's column name as data-label and the class
// table-stack, which kinerja.css turns into one card per row below 576 px. A matrix (its head starts with an
// empty corner cell), a head of several rows, or a table marked data-columns keeps its columns inside its scroll
// container, which says so (data-scroll-hint on <body>) when it does scroll. Without JavaScript the tables stay in
// their scroll containers. See docs/decisions/0018-phone-tables-and-help.md.
function stackTables(root) {
  const tables = [...root.querySelectorAll("table.table")];
  if (root instanceof HTMLTableElement && root.matches("table.table")) tables.push(root);
  for (const table of tables) {
    const head = table.tHead;
    if (table.dataset.columns !== undefined || !head || head.rows.length !== 1) continue;
    const corner = head.rows[0].cells[0];
    if (corner.tagName === "TD" && !corner.textContent.trim()) continue; // an empty corner: a two-way matrix
    const labels = [...head.rows[0].cells].flatMap((cell) => Array(cell.colSpan).fill(cell.textContent.trim()));
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (cell.colSpan === 1 && labels[column] && !cell.hasAttribute("data-label")) {
            cell.dataset.label = labels[column];
          }
          column += cell.colSpan;
        }
      }
    }
    table.classList.add("table-stack");
  }
}

function markScrolling() {
  const hint = document.body.dataset.scrollHint;
  for (const box of document.querySelectorAll(".table-responsive")) {
    if (box.scrollWidth > box.clientWidth + 1) box.dataset.hint = hint || "⇆";
    else delete box.dataset.hint;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  stackTables(document);
  markScrolling();
});
document.addEventListener("htmx:load", (event) => {
  stackTables(event.target);
  markScrolling();
});
window.addEventListener("resize", markScrolling);

// A section marked data-show-when="FIELD" data-show-value="VALUE" shows only while that field of its form has
// that value (the indikator form's numeric and qualitative targets). Without JavaScript every section shows, and
// the server still says which fields the chosen kind needs.
function showChosenSections(form) {
  for (const section of form.querySelectorAll("[data-show-when]")) {
    const field = form.elements.namedItem(section.dataset.showWhen);
    if (field && "value" in field) {
      section.hidden = field.value !== section.dataset.showValue;
    }
  }
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form").forEach(showChosenSections);
});
document.addEventListener("change", (event) => {
  if (event.target.form) {
    showChosenSections(event.target.form);
  }
});
