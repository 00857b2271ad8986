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
