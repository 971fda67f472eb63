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

// Ward kiosk: a half-written suggestion is cleared after a few idle minutes so the next person
// starts fresh. A warning shows (and is announced) a minute before, and any typing, tap or key
// press keeps the page. Without JavaScript the form simply stays until it is sent.
function kioskIdle() {
  const body = document.body;
  const limit = Number(body.dataset.kioskIdle || 0);
  const home = body.dataset.kioskHome;
  if (!limit || !home) return;
  const warning = document.getElementById("kiosk-idle");
  let last = Date.now();
  const reset = () => {
    last = Date.now();
    if (warning) warning.hidden = true;
  };
  ["input", "keydown", "pointerdown", "touchstart"].forEach((e) => document.addEventListener(e, reset, { passive: true }));
  setInterval(() => {
    const idle = (Date.now() - last) / 1000;
    if (warning && idle >= limit - 60) warning.hidden = false;
    if (idle >= limit) window.location.replace(home);
  }, 5000);
}
kioskIdle();
