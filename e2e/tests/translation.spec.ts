// Welsh for what the organisation writes, in the browser and in Welsh throughout: the lead
// publishes a kiosk suggestion in English and Welsh side by side and it reads in Welsh on the
// ward kiosk, the public board and the poster (Welsh first); another is answered in English
// only and shows to a Welsh reader marked as English with a note; the translation list goes out
// as a CSV and comes back filled in, and the Welsh then shows. Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';
import type { Browser, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A kiosk on the lead's first unit, its link, and a Welsh tablet that sends `texts` to it. */
async function kioskWith(page: Page, browser: Browser, stamp: string, texts: string[]): Promise<string> {
  await page.goto('/feedback/kiosks');
  await checkA11y(page);
  const form = page.locator('main form[action="/feedback/kiosks"]');
  const unit = await form.locator('select[name="unit_id"] option[value]:not([value=""])').first().getAttribute('value');
  await form.locator('select[name="unit_id"]').selectOption(unit as string);
  await form.locator('input[name="label"]').fill(`Tabled ${stamp}`);
  await form.locator('button[type="submit"]').click();
  const link = new URL((await page.locator('main code.cairn-secret').innerText()).trim()).pathname;
  await checkA11y(page);
  const tablet = await browser.newContext({ locale: 'cy', extraHTTPHeaders: { 'Accept-Language': 'cy' } });
  const kiosk = await tablet.newPage();
  for (const text of texts) {
    await kiosk.goto(link);
    await checkA11y(kiosk);
    await kiosk.locator('main a.cairn-kiosk__choice').first().click();
    await checkA11y(kiosk);
    await kiosk.locator('textarea[name="text"]').fill(text);
    await kiosk.locator('main form button[type="submit"]').click();
    await expect(kiosk).toHaveURL(/\/thanks$/);
    await checkA11y(kiosk);
  }
  await tablet.close();
  return link;
}

/** Opens a suggestion from the staff list and returns its id. */
async function open(page: Page, said: string): Promise<string> {
  await page.goto('/feedback?channel=kiosk');
  await checkA11y(page);
  await page.locator('main table tbody a', { hasText: said.slice(0, 30) }).first().click();
  await checkA11y(page);
  return (page.url().match(/\/feedback\/(\d+)/) as RegExpMatchArray)[1];
}

/** Publishes and closes the open suggestion with the given words in each language. */
async function answer(page: Page, wording: [string, string], response: [string, string]): Promise<void> {
  const publish = page.locator('main form[action$="/publish"]');
  await publish.locator('textarea[name="public_text"]').fill(wording[0]);
  await publish.locator('textarea[name="public_text_cy"]').fill(wording[1]);
  await publish.locator('button[type="submit"]').click();
  await checkA11y(page);
  const status = page.locator('main form[action$="/status"]');
  await status.locator('input[name="status"][value="done"]').check();
  await status.locator('textarea[name="public_response"]').fill(response[0]);
  await status.locator('textarea[name="public_response_cy"]').fill(response[1]);
  await status.locator('button[type="submit"]').click();
  await checkA11y(page);
}

test('what the organisation writes reads in Welsh on the kiosk, board and poster, and the translation list round-trips (cy)', async ({ page, browser }) => {
  const stamp = `${Date.now()}`;
  const both = `Tegell yn yr ystafell ddydd (${stamp})`;
  const englishOnly = `Amserlen y bws ar yr hysbysfwrdd (${stamp})`;

  await signIn(page, 'lead@demo.cairn.test');
  await checkA11y(page);
  await page.goto('/language?to=cy&next=/home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await checkA11y(page);
  const kiosk = await kioskWith(page, browser, stamp, [both, englishOnly]);

  // One answered in both languages, side by side; one in English only.
  await open(page, both);
  await expect(page.locator('main textarea[name="public_text"]')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main textarea[name="public_text_cy"]')).toHaveAttribute('lang', 'cy');
  await answer(
    page,
    [`A kettle in the day room (${stamp})`, `Tegell yn yr ystafell ddydd, os gwelwch yn dda (${stamp})`],
    [`We bought a kettle (${stamp})`, `Prynon ni degell (${stamp})`],
  );
  const englishId = await open(page, englishOnly);
  await answer(page, [`The bus timetable on the notice board (${stamp})`, ''], [`It is up by the door (${stamp})`, '']);

  // The ward kiosk, in Welsh: the Welsh words, and the English-only item marked and noted.
  await page.goto(`${kiosk}/board`);
  await checkA11y(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  const main = page.locator('main');
  await expect(main).toContainText(`Tegell yn yr ystafell ddydd, os gwelwch yn dda (${stamp})`);
  await expect(main).toContainText(`Prynon ni degell (${stamp})`);
  await expect(main).not.toContainText(`A kettle in the day room (${stamp})`);
  const marked = main.locator('[lang="en"]', { hasText: `The bus timetable on the notice board (${stamp})` });
  await expect(marked).toBeVisible();
  await expect(main).toContainText('Nid yw ar gael yn Gymraeg eto');

  // The public board and the poster: Welsh, then English on the poster.
  await page.goto('/feedback');
  await checkA11y(page);
  await page.locator('main table tbody a', { hasText: both.slice(0, 30) }).first().click();
  await checkA11y(page);
  await page.locator('main a[href*="/you-said-we-did"]').first().click();
  await checkA11y(page);
  await expect(page.locator('main')).toContainText(`Prynon ni degell (${stamp})`);
  await page.locator('main a[href*="/poster"]').click();
  await checkA11y(page);
  const poster = await page.content();
  expect(poster.indexOf(`Prynon ni degell (${stamp})`)).toBeGreaterThan(0);
  expect(poster.indexOf(`Prynon ni degell (${stamp})`)).toBeLessThan(poster.indexOf(`We bought a kettle (${stamp})`));

  // The translation list: the English-only item waits for Welsh; out as CSV, back filled in.
  await page.goto('/translations');
  await checkA11y(page);
  await expect(page.locator('main')).toContainText(`The bus timetable on the notice board (${stamp})`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('main a[href="/translations.csv"]').click(),
  ]);
  const lines = readFileSync(await download.path() as string, 'utf8').split('\r\n');
  const filled = lines.map((line) => {
    if (line.startsWith(`suggestion_public_text,${englishId},cy,`)) return `${line}Amserlen y bws ar yr hysbysfwrdd (${stamp})`;
    if (line.startsWith(`suggestion_response,${englishId},cy,`)) return `${line}Mae hi i fyny wrth y drws (${stamp})`;
    return line;
  });
  expect(filled.join('\n')).toContain(`Mae hi i fyny wrth y drws (${stamp})`);
  const back = join(tmpdir(), `cairn-translations-${stamp}.csv`);
  writeFileSync(back, filled.join('\r\n'));
  await page.locator('main input[type="file"][name="file"]').setInputFiles(back);
  await page.locator('main form[action="/translations/upload"] button[type="submit"]').click();
  await checkA11y(page);
  await expect(page.locator('main [role="status"]')).toContainText('Ychwanegwyd 2 gyfieithiad');
  await expect(page.locator('main')).not.toContainText(`The bus timetable on the notice board (${stamp})`);

  // The kiosk now reads in Welsh, with no note.
  await page.goto(`${kiosk}/board`);
  await checkA11y(page);
  await expect(page.locator('main')).toContainText(`Mae hi i fyny wrth y drws (${stamp})`);
  await expect(page.locator('main [lang="en"]', { hasText: `The bus timetable on the notice board (${stamp})` })).toHaveCount(0);

  await page.goto('/home');
  await checkA11y(page);
  await signOut(page);
  await checkA11y(page);
});
