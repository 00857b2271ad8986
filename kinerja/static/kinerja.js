// Behaviour the pages need, kept out of the templates so that the Content-Security-Policy can forbid inline
// scripts: a select marked data-submit-on-change sends its form when a choice is made (the language switch).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.submitOnChange !== undefined && field.form) {
    field.form.submit();
  }
});
