// Reports: the lead reads the dashboard and a measure's SPC chart, assembles a board pack,
// previews it, signs it off and prints it — in English and in Welsh. The printed pack is
// checked as a PDF: its pages, the running header and "page x of y" on every page, and every
// chart whole on one page (its title and the caption under it on the same page). The board
// member then reads the signed-off pack and the dashboards, and never a person's name.
import { test, expect, checkA11y, signIn } from '../fixtures';
import type { Page } from '@playwright/test';

/** The text of each page of a PDF, spaces normalised. */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    pages.push(norm(text));
  }
  return pages;
}

// PDF text comes in runs that may drop the space between words, so text is compared with
// every space taken out.
const norm = (s: string) => s.replace(/\s+/g, '');

/** Puts the signed-in page in `lang` with the header's switch (the account remembers the
 * last choice, so it may already be in either). */
async function useLanguage(page: Page, lang: 'en' | 'cy'): Promise<void> {
  const other = page.getByRole('button', { name: lang === 'cy' ? 'Cymraeg' : 'English', exact: true });
  if ((await other.count()) > 0) {
    await other.click();
    await checkA11y(page);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

const WORDS = {
  en: {
    nav: 'Reports',
    dashboard: 'Dashboard: The whole service',
    measure: 'Suggestions received',
    scope: 'The whole service',
    variation: 'What the chart shows',
    packs: 'Board packs',
    assemble: 'Assemble a board pack',
    title: 'Title',
    committee: 'Committee',
    summary: 'Executive summary',
    save: 'Save and preview',
    signOff: 'Sign off the pack',
    frozen: 'Signed off. This is the pack exactly as it was signed off',
    print: 'Print in English',
    page: (i: number, n: number) => `Page ${i} of ${n}`,
    org: 'Demo Health Board',
    packTitle: 'Co-production report, quarter 3',
    committeeName: 'Quality, Safety and Experience Committee',
    asked: 'The Committee is asked to note this report.',
  },
  cy: {
    nav: 'Adroddiadau',
    dashboard: 'Dangosfwrdd: Y gwasanaeth cyfan',
    measure: 'Awgrymiadau a ddaeth i law',
    scope: 'Y gwasanaeth cyfan',
    variation: "Beth mae'r siart yn ei ddangos",
    packs: "Pecynnau'r bwrdd",
    assemble: "Llunio pecyn i'r bwrdd",
    title: 'Teitl',
    committee: 'Pwyllgor',
    summary: 'Crynodeb gweithredol',
    save: 'Cadw a rhagweld',
    signOff: "Cadarnhau'r pecyn",
    frozen: "Wedi'i gadarnhau. Dyma'r pecyn yn union fel yr oedd",
    print: 'Argraffu yn Gymraeg',
    page: (i: number, n: number) => `Tudalen ${i} o ${n}`,
    org: 'Bwrdd Iechyd Demo',
    packTitle: 'Adroddiad cydgynhyrchu, chwarter 3',
    committeeName: 'Pwyllgor Ansawdd, Diogelwch a Phrofiad',
    asked: "Gofynnir i'r Pwyllgor nodi'r adroddiad hwn.",
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`the lead reads the charts, assembles, signs off and prints a board pack (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await useLanguage(page, lang);

    await page.getByRole('navigation').getByRole('link', { name: w.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.dashboard);
    await checkA11y(page);
    // Every catalogue measure has a row with its icons described in words.
    const rows = page.locator('table.cairn-icon-table tbody tr');
    await expect(rows).toHaveCount(9);
    await expect(page.locator('[data-measure="suggestions_received"] [data-variation]')).not.toHaveText('');

    // The measure's chart: server-drawn SVG with a title and summary, and its data table.
    await page.getByRole('link', { name: w.measure, exact: true }).click();
    await checkA11y(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.measure);
    const svg = page.locator('svg.cairn-spc');
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg.locator('title')).toHaveText(`${w.measure}: ${w.scope}`);
    const summary = await page.locator('[data-summary]').innerText();
    expect(summary.length).toBeGreaterThan(10);
    await expect(svg.locator('desc')).toHaveText(summary);
    await expect(page.locator('table.cairn-spc-table tbody tr')).toHaveCount(24);
    // The CSV of the same figures opens in Excel: UTF-8 with a byte-order mark.
    const csvHref = await page.locator('a[href*="data.csv"]').getAttribute('href');
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8').split('\r\n').filter((l) => l.length > 0)).toHaveLength(25);

    // Assemble a pack.
    await page.goto('/reports/packs');
    await checkA11y(page);
    await page.getByRole('link', { name: w.assemble }).click();
    await checkA11y(page);
    await page.getByLabel(w.title, { exact: true }).fill(w.packTitle);
    await page.getByLabel(w.committee, { exact: true }).fill(w.committeeName);
    await page.getByLabel(w.summary, { exact: true }).fill(
      lang === 'en'
        ? 'Suggestions are answered sooner than last year.\n\nCarers take part in more meetings.'
        : "Mae awgrymiadau'n cael eu hateb yn gynt na'r llynedd.\n\nMae gofalwyr yn cymryd rhan mewn mwy o gyfarfodydd.",
    );
    await page.getByRole('radio', { name: lang === 'en' ? 'Welsh and English side by side' : 'Cymraeg a Saesneg ochr yn ochr' }).check();
    await page.getByRole('button', { name: w.save }).click();
    await checkA11y(page);
    await expect(page.locator('[data-pack-state]')).toHaveAttribute('data-pack-state', 'draft');
    await expect(page.getByText(w.asked)).toBeVisible();

    // Sign off: frozen from now on.
    await page.getByRole('button', { name: w.signOff }).click();
    await checkA11y(page);
    await expect(page.locator('[data-pack-state]')).toHaveAttribute('data-pack-state', 'frozen');
    await expect(page.getByText(w.frozen)).toBeVisible();
    const packUrl = page.url().split('?')[0];

    // Print in the page's language, as the browser would, and read the PDF.
    await page.getByRole('link', { name: w.print, exact: true }).click();
    await checkA11y(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const chartTitles = await page.locator('.cairn-pack-chart .cairn-chart-title').allInnerTexts();
    const captions = await page.locator('.cairn-pack-chart [data-caption]').allInnerTexts();
    expect(chartTitles.length).toBe(9);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(chartTitles.length);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1} has the running header`).toContain(norm(w.org));
      expect(text, `page ${i + 1} has the running header`).toContain(norm(w.committeeName));
      expect(text, `page ${i + 1} has its number`).toContain(norm(w.page(i + 1, pages.length)));
    });
    expect(pages[0]).toContain(norm(w.packTitle));
    chartTitles.forEach((title, k) => {
      const at = pages.findIndex((p) => p.includes(norm(title)));
      expect(at, `chart "${title}" is in the PDF`).toBeGreaterThanOrEqual(0);
      expect(pages[at], `chart "${title}" is whole on page ${at + 1}`).toContain(norm(captions[k]));
    });

    // Both languages side by side: Welsh first.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${packUrl}/print?lang=both`);
    await checkA11y(page);
    const cells = page.locator('.cairn-pack-cover .cairn-pack-cell');
    await expect(cells).toHaveCount(2);
    await expect(cells.nth(0)).toHaveAttribute('lang', 'cy');
    await expect(cells.nth(1)).toHaveAttribute('lang', 'en');
    const both = await pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    expect(both[0]).toContain(norm('Tudalen / Page 1 o / of'));
  });
}

test('the board reads dashboards and signed-off packs, and never a person', async ({ page }) => {
  await signIn(page, 'viewer@demo.cairn.test');
  await checkA11y(page);
  await useLanguage(page, 'en');
  await page.goto('/reports');
  await checkA11y(page);
  await expect(page.locator('table.cairn-icon-table tbody tr')).toHaveCount(9);
  const firstUnit = page.locator('a[href^="/reports/units/"]').first();
  await firstUnit.click();
  await checkA11y(page);
  await page.goto('/reports/packs');
  await checkA11y(page);
  // Only signed-off packs are listed for the board; the lead's packs above were signed off.
  const links = page.locator('table a[href^="/reports/packs/"]');
  expect(await links.count()).toBeGreaterThan(0);
  await links.first().click();
  await checkA11y(page);
  await expect(page.locator('[data-pack-state]')).toHaveAttribute('data-pack-state', 'frozen');
  await expect(page.getByRole('button', { name: 'Sign off the pack' })).toHaveCount(0);
  // The board cannot assemble one.
  const refused = await page.request.get('/reports/packs/new');
  expect(refused.status()).toBe(403);
  // No names of the demo's people anywhere on these pages.
  for (const name of ['Mair', 'Carys', 'Dafydd']) {
    await expect(page.getByText(name)).toHaveCount(0);
  }
});
