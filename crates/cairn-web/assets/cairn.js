// Cairn: progressive enhancement only; every page works without JavaScript.
// Load with <script type="module" src="/assets/cairn.js"></script> (no inline scripts anywhere:
// the Content Security Policy forbids them). Module scripts run after the page is parsed.

// nhsuk-frontend 10 only enhances its components when <body> has this class. Its documentation
// sets it from an inline script; a browser that runs this module supports what it needs.
document.body.classList.add("js-enabled", "nhsuk-frontend-supported");

// After a form is sent back with errors, move focus to the error summary so that screen reader
// and keyboard users hear what went wrong and can follow its links to each field.
function focusErrorSummary() {
  const summary = document.querySelector(".nhsuk-error-summary");
  if (!summary) return;
  if (!summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
    summary.addEventListener("blur", () => summary.removeAttribute("tabindex"), { once: true });
  }
  summary.focus();
}
focusErrorSummary();

// nhsuk-frontend's own behaviour (header menu, error summary links, character counts...).
// Its error summary would take focus again: we already did that above.
import("./nhsuk-frontend.min.js")
  .then((nhsuk) => nhsuk.initAll({ errorSummary: { disableAutoFocus: true } }))
  .catch((error) => console.error("nhsuk-frontend did not start", error));
