// Behaviour the pages need, kept out of the templates so that the Content-Security-Policy can forbid inline
// scripts: a select marked data-submit-on-change sends its form when a choice is made (the language switch).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.submitOnChange !== undefined && field.form) {
    field.form.submit();
  }
});

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
