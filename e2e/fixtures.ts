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
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
