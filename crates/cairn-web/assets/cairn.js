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
  // On the page body (the suggestion kiosk) or on a wrapper (a survey on a kiosk).
  const host = document.querySelector("[data-kiosk-idle]");
  if (!host) return;
  const limit = Number(host.dataset.kioskIdle || 0);
  const home = host.dataset.kioskHome;
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

// Signed-in pages: warn before the session ends (WCAG 2.2.1). <body> carries the seconds left
// until the session ends if unused (data-session-idle) and at the latest (data-session-end). Five
// minutes before either, the warning shows; "Stay signed in" asks the server to keep the session
// (only the idle end can move). When the time is up, the page goes to sign-in and comes back here.
// Without JavaScript there is no warning, and a form sent after the end asks to sign in again.
const WARN_MS = 5 * 60 * 1000; // the warning's text says "5 minutes"
function sessionWarning() {
  const body = document.body;
  const idle = Number(body.dataset.sessionIdle || 0);
  if (!idle) return;
  const dialog = document.getElementById("session-warning");
  const stay = document.getElementById("session-stay");
  const idleText = document.getElementById("session-warning-idle");
  const endText = document.getElementById("session-warning-end");
  const kept = document.getElementById("session-kept");
  if (!dialog || !stay) return;
  let idleAt = Date.now() + idle * 1000;
  const endAt = Date.now() + Number(body.dataset.sessionEnd || idle) * 1000;
  let before = null; // where focus was when the warning took it

  const hide = () => {
    dialog.hidden = true;
    if (before && document.contains(before)) before.focus();
    before = null;
  };
  const check = () => {
    const ends = Math.min(idleAt, endAt);
    const left = ends - Date.now();
    if (left <= 0) {
      window.location.assign(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    if (left <= WARN_MS && dialog.hidden) {
      const atTheEnd = endAt <= idleAt;
      idleText.hidden = atTheEnd;
      endText.hidden = !atTheEnd;
      stay.hidden = atTheEnd;
      dialog.hidden = false;
      // Focus moves to the warning, unless the person is typing: their keys must not land on
      // the button. The warning stays in view at the top of the page either way.
      const typing = document.activeElement?.matches("input, textarea, select, [contenteditable]");
      if (!typing) {
        before = document.activeElement;
        const target = atTheEnd ? dialog.querySelector("h2") : stay;
        if (atTheEnd) target?.setAttribute("tabindex", "-1");
        target?.focus();
      }
    }
  };
  stay.addEventListener("click", async () => {
    try {
      const res = await fetch("/session/keep", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf: stay.dataset.csrf || "" }),
        credentials: "same-origin",
      });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const left = await res.json();
      idleAt = Date.now() + Number(left.idle_seconds) * 1000;
      hide();
      if (kept) {
        kept.textContent = kept.dataset.text || "";
        setTimeout(() => (kept.textContent = ""), 10000);
      }
    } catch (error) {
      // The session has already ended: go and sign in again (what was typed is kept below).
      window.location.assign(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    }
  });
  setInterval(check, 5000);
  check();
}
sessionWarning();

// What a person types in a form marked data-cairn-keep (a member's suggestion, a claim) is kept
// in this tab (sessionStorage, gone when the tab closes) until a page confirms it was saved, so a
// session that ends while they type loses nothing: after signing in again as the same person the
// text is filled back in and a note says so. Signing out, or anyone else signing in, clears it.
function keepDrafts() {
  // Drafts belong to one account and one form on one page (its query included): a draft is never
  // offered to someone else on a shared tablet, or to another person's claim.
  const user = document.body.dataset.sessionUser;
  if (!user) return;
  const prefix = `cairn-keep:${user}:`;
  for (const k of Object.keys(sessionStorage)) {
    if (k.startsWith("cairn-keep:") && !k.startsWith(prefix)) sessionStorage.removeItem(k);
  }
  // Only what was typed is kept and restored: never a choice the server made for the page.
  const fields = (form) => [...form.querySelectorAll("textarea, input[type=text], input[type=number], input[type=email], input[type=tel], input:not([type])")]
    .filter((el) => el.name && el.name !== "csrf");
  for (const form of document.querySelectorAll("form[data-cairn-keep]")) {
    const key = `${prefix}${form.getAttribute("action") || location.pathname}${location.search}`;
    const save = () => {
      const values = {};
      for (const el of fields(form)) if (el.value) values[el.name] = el.value;
      sessionStorage.setItem(key, JSON.stringify(values));
    };
    const stored = sessionStorage.getItem(key);
    // A form the server sent back with what was typed (errors beside fields) is left as it is.
    const typed = fields(form).some((el) => el.value);
    if (stored && !typed) {
      try {
        const values = JSON.parse(stored);
        let restored = 0;
        for (const el of fields(form)) {
          if (typeof values[el.name] === "string") {
            el.value = values[el.name];
            restored += 1;
          }
        }
        const note = document.getElementById("kept-draft");
        if (note && restored > 0) note.hidden = false;
      } catch {
        sessionStorage.removeItem(key);
      }
    }
    form.addEventListener("input", save);
  }
  // A page that confirms a form was saved names it (data-cairn-sent): its drafts are done with.
  for (const sent of document.querySelectorAll("[data-cairn-sent]")) {
    for (const k of Object.keys(sessionStorage)) {
      if (k.startsWith(`${prefix}${sent.dataset.cairnSent}`)) sessionStorage.removeItem(k);
    }
  }
  const signOut = document.querySelector('form[action="/sign-out"]');
  signOut?.addEventListener("submit", () => {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith("cairn-keep:")) sessionStorage.removeItem(k);
  });
}
keepDrafts();

// A form sent twice by a double click or tap would be acted on twice (two rounds, two answers
// from one person). Once a form that changes something has been sent, a second send of the
// same page's form is ignored until the next page arrives (or ten seconds pass, in case the
// connection dropped and the person has to send it again). Without JavaScript every send goes.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
  if (form.dataset.cairnSent) {
    event.preventDefault();
    return;
  }
  form.dataset.cairnSent = "1";
  setTimeout(() => delete form.dataset.cairnSent, 10000);
});
