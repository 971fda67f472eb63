// Shared test fixtures: an accessibility check (axe) for every page a test reaches, and the
// sign-in / sign-out steps.
//
// The `page` fixture records every page load it sees. Tests call `checkA11y(page)` on each page
// they reach; when the test ends, the page it finished on is checked if it was not, and the test
// fails if any other page was loaded but never checked. So a journey cannot pass an
// inaccessible page by forgetting to look at it.
//
// It also fails a test whose pages requested anything from another origin, broke the Content
// Security Policy, threw a JavaScript error, or asked for an asset that was not there.
//
// Every checked page is also laid out 320 CSS px wide (WCAG 1.4.10, reflow: 1280 px zoomed to
// 400%) and must not scroll sideways, and its HTML is saved to CAIRN_HTML_DIR (default
// test-results/html) for the Nu HTML checker, which scripts/test.sh runs after the journeys
// (check-html.mjs).
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export { expect };

/** The WCAG levels Cairn must meet (2.2 AA, which includes everything before it). */
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

type Load = { url: string; doc?: number };

/** What the fixture saw on one page: each load, and which documents were checked. */
class LoadTracker {
  loads: Load[] = [];
  pending: Promise<void>[] = [];
  checked = new Set<number>();
  problems: string[] = [];

  constructor(page: Page, origin: string | undefined) {
    page.on('request', (request) => {
      const url = request.url();
      if (origin && /^(https?|wss?):/.test(url) && new URL(url).origin !== origin) {
        this.problems.push(`request to another origin: ${url} (from ${page.url()})`);
      }
    });
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'document' && response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        this.problems.push(`${type} ${response.url()} answered ${response.status()} (on ${page.url()})`);
      }
    });
    page.on('pageerror', (error) => this.problems.push(`JavaScript error on ${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
        this.problems.push(`on ${page.url()}: ${message.text()}`);
      }
    });
    page.on('load', (loaded) => {
      const url = loaded.url();
      if (!/^https?:/.test(url)) return;
      const entry: Load = { url };
      this.loads.push(entry);
      // performance.timeOrigin differs for every document, also when the same URL loads again
      // (a form sent back with errors). If the page has already moved on, doc stays unset and
      // the load counts as unchecked, which is true.
      this.pending.push(
        loaded.evaluate(() => performance.timeOrigin).then(
          (t) => {
            entry.doc = t;
          },
          () => undefined,
        ),
      );
    });
  }

  async unchecked(): Promise<string[]> {
    await Promise.all(this.pending);
    return this.loads.filter((l) => l.doc === undefined || !this.checked.has(l.doc)).map((l) => l.url);
  }
}

const trackers = new WeakMap<Page, LoadTracker>();

function trackLoads(page: Page, baseURL: string | undefined): void {
  if (!trackers.has(page)) trackers.set(page, new LoadTracker(page, baseURL ? new URL(baseURL).origin : undefined));
}

/** Run axe on the page as it is now; fail with the rule ids, the URL and the offending nodes. */
export async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const doc = await page.evaluate(() => performance.timeOrigin);
  const url = page.url();
  // Legacy mode runs axe in the page itself instead of gathering its results in a new blank
  // page each time: half the time per check (the payments journey: 36 s of axe down to 18 s).
  // It only gives up testing cross-origin frames, which Cairn never has (a request to another
  // origin fails the test anyway, above).
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).setLegacyMode(true).analyze();
  trackers.get(page)?.checked.add(doc);

  const details = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      at ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'impact unknown'}): ${v.help}\n${nodes}`;
    })
    .join('\n');
  expect(
    results.violations.map((v) => v.id),
    `axe found accessibility violations on ${url}:\n${details}`,
  ).toEqual([]);

  await saveHtml(page, url);
  await checkReflow(page, url);
}

/** The narrowest layout a page must work in without scrolling sideways (WCAG 1.4.10). */
export const REFLOW_WIDTH = 320;

/**
 * Lay the page out REFLOW_WIDTH px wide and fail if it scrolls sideways, or if anything that
 * is not inside its own scrolling or clipping box reaches past the viewport (which a page with
 * `overflow-x: hidden` would cut off instead of scrolling). The viewport is put back after.
 */
export async function checkReflow(page: Page, url = page.url()): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: before?.height ?? 720 });
  try {
    const found = await page.evaluate(reflowProblems);
    const message =
      `the page does not reflow at ${REFLOW_WIDTH} px (WCAG 1.4.10) on ${url}: ` +
      `scrollWidth ${found.scrollWidth} > clientWidth ${found.clientWidth}\n` +
      found.offenders.map((o) => `      ${o}`).join('\n');
    expect(found.scrolls || found.offenders.length > 0, message).toBe(false);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * Runs in the page. Two animation frames first, so the layout at the new width is the one
 * measured. Data tables may scroll inside their own box (a `.cairn-table-wrap`); what spills
 * out of every box up to the page itself is what makes the page scroll.
 */
async function reflowProblems(): Promise<{ scrolls: boolean; scrollWidth: number; clientWidth: number; offenders: string[] }> {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const root = document.documentElement;
  const width = root.clientWidth;
  const TOLERANCE = 1;
  const outside = (r: DOMRect) => r.right > width + TOLERANCE || r.left < -TOLERANCE;
  const positioned = (s: CSSStyleDeclaration) =>
    s.position !== 'static' || s.transform !== 'none' || s.filter !== 'none' || s.contain.includes('paint');

  // Is the element held inside a box that clips or scrolls it, and that box within the viewport?
  // An absolutely positioned element is clipped only by boxes at or above its containing block
  // (the nearest positioned ancestor); a fixed one only by a transformed ancestor.
  const contained = (el: Element): boolean => {
    const own = getComputedStyle(el).position;
    let needPositioned = own === 'absolute' || own === 'fixed';
    for (let a = el.parentElement; a && a !== root && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const isBlock = own === 'fixed' ? s.transform !== 'none' : positioned(s);
      if (needPositioned && !isBlock) continue;
      needPositioned = false;
      if (s.overflowX !== 'visible' && !outside(a.getBoundingClientRect())) return true;
      if (s.position === 'fixed') return false;
      if (s.position === 'absolute') needPositioned = true;
    }
    return false;
  };

  const describe = (el: Element): string => {
    const path: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && path.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += `#${e.id}`;
      const classes = Array.from(e.classList).slice(0, 2);
      if (classes.length) part += `.${classes.join('.')}`;
      path.unshift(part);
    }
    const r = el.getBoundingClientRect();
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${path.join(' > ')} spans x ${Math.round(r.left)}..${Math.round(r.right)}${text ? ` ("${text}")` : ''}`;
  };

  const outsiders = new Set<Element>();
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (!outside(r)) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (contained(el)) continue;
    outsiders.add(el);
  }
  // Text spills out of a box that stays within the viewport (a long word or address in a
  // heading): the box's own rectangle does not show it, the text's does.
  const spilling = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim() || outsiders.has(parent)) continue;
    range.selectNodeContents(node);
    if (!outside(range.getBoundingClientRect())) continue;
    const s = getComputedStyle(parent);
    if (s.visibility === 'hidden' || s.overflowX !== 'visible' || contained(parent)) continue;
    spilling.add(parent);
  }
  // Name the outermost of each: its descendants overflow with it.
  const offenders = [
    ...Array.from(outsiders)
      .filter((el) => !(el.parentElement && outsiders.has(el.parentElement)))
      .map(describe),
    ...Array.from(spilling).map((el) => `the text of ${describe(el)}`),
  ].slice(0, 8);
  return { scrolls: root.scrollWidth > width + TOLERANCE, scrollWidth: root.scrollWidth, clientWidth: width, offenders };
}

/**
 * Where the checked pages' HTML goes for the Nu HTML checker (e2e/check-html.mjs). Playwright
 * empties test-results/ when a run starts, so the default holds one run's pages; scripts/test.sh
 * gives a directory of its own.
 */
export const HTML_DIR = process.env.CAIRN_HTML_DIR ?? join(__dirname, 'test-results', 'html');
let savedPages = 0;

/** Save the page's HTML as it stands, named after its URL, the worker and a counter. */
async function saveHtml(page: Page, url: string): Promise<void> {
  const html = await page.content();
  const u = new URL(url);
  const slug = `${u.pathname}${u.search}`.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 100) || 'root';
  savedPages += 1;
  const worker = base.info().workerIndex;
  mkdirSync(HTML_DIR, { recursive: true });
  writeFileSync(join(HTML_DIR, `${slug}.w${worker}-${String(savedPages).padStart(4, '0')}.html`), html);
}

async function finishTracking(page: Page, testInfo: TestInfo): Promise<void> {
  const tracker = trackers.get(page);
  // A test that already failed has said what went wrong; do not add to it.
  if (!tracker || page.isClosed() || testInfo.status !== testInfo.expectedStatus) return;
  expect(tracker.problems, `the pages misbehaved:\n  ${tracker.problems.join('\n  ')}`).toEqual([]);
  const left = await tracker.unchecked();
  if (left.length === 0) return;
  const doc = await page.evaluate(() => performance.timeOrigin);
  if (!tracker.checked.has(doc)) {
    await checkA11y(page); // the page the test finished on
  }
  const missed = await tracker.unchecked();
  expect(missed, `pages loaded but never checked with checkA11y(page):\n  ${missed.join('\n  ')}`).toEqual([]);
}

export const test = base.extend({
  page: async ({ page, baseURL }, use, testInfo) => {
    trackLoads(page, baseURL);
    await use(page);
    await finishTracking(page, testInfo);
  },
});

/** A date on the organisation's clock (the demo organisation is in Europe/London), `offset` days from today. */
export function londonDate(offset: number): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  // Calendar arithmetic in UTC, so a clock change cannot add or lose a day.
  const d = new Date(Date.UTC(part('year'), part('month') - 1, part('day') + offset));
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

/** Sign in through the English sign-in page, checking that page on the way. */
export async function signIn(page: Page, email: string): Promise<void> {
  const password = process.env.CAIRN_DEMO_PASSWORD;
  if (!password) throw new Error('CAIRN_DEMO_PASSWORD is not set (scripts/test.sh sets it)');
  await page.goto('/sign-in');
  await checkA11y(page);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page, `signing in as ${email} should leave the sign-in page`).not.toHaveURL(/\/sign-in(\?|$)/);
}

/** Sign out with the header's sign-out button, in English or Welsh. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Sign out|Allgofnodi)$/ }).click();
}
