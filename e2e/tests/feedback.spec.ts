// The feedback journey, in English and in Welsh: someone on the ward leaves a suggestion on a
// kiosk with no sign-in; the lead reviews and publishes it, then closes it with a public
// response; it appears on the unit's public "you said, we did" board and on the poster.
// Every page, the kiosk included, is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';

for (const lang of ['en', 'cy'] as const) {
  test(`a kiosk suggestion reaches the public board in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page, browser }) => {
    const stamp = `${lang}-${Date.now()}`;
    const said = `A kettle in the day room (${stamp})`;
    const publicWording = `A kettle in the day room please (${stamp})`;
    const response = `We bought a kettle for the day room (${stamp})`;

    // The lead makes a kiosk link for a unit.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/feedback/kiosks`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    const form = page.locator('main form[action="/feedback/kiosks"]');
    const unit = await form.locator('select[name="unit_id"] option[value]:not([value=""])').first().getAttribute('value');
    await form.locator('select[name="unit_id"]').selectOption(unit as string);
    await form.locator('input[name="label"]').fill(`Tablet ${stamp}`);
    await form.locator('button[type="submit"]').click();
    const link = (await page.locator('main code.cairn-secret').innerText()).trim();
    expect(link).toContain('/kiosk/');
    await checkA11y(page);

    // On the ward tablet: no sign-in, big choices, the chosen language.
    const tablet = await browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    const kiosk = await tablet.newPage();
    await kiosk.goto(new URL(link).pathname);
    await expect(kiosk.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(kiosk);
    await kiosk.locator('main a.cairn-kiosk__choice').first().click();
    await checkA11y(kiosk);
    await kiosk.locator('main form button[type="submit"]').click();
    await expect(kiosk.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(kiosk);
    await kiosk.locator('textarea[name="text"]').fill(said);
    await kiosk.locator('main form button[type="submit"]').click();
    await expect(kiosk).toHaveURL(/\/thanks$/);
    await checkA11y(kiosk);
    await tablet.close();

    // The lead finds it, publishes the public wording, and closes it with a response.
    await page.goto('/feedback?channel=kiosk');
    await checkA11y(page);
    await page.locator('main table tbody a', { hasText: said.slice(0, 30) }).first().click();
    await expect(page.locator('main')).toContainText(said);
    await checkA11y(page);
    // The words go in the box of the page's language (English and Welsh sit side by side).
    const box = lang === 'cy' ? '_cy' : '';
    await page.locator(`main form[action$="/publish"] textarea[name="public_text${box}"]`).fill(publicWording);
    await page.locator('main form[action$="/publish"] button[type="submit"]').click();
    await checkA11y(page);
    const statusForm = page.locator('main form[action$="/status"]');
    await statusForm.locator('input[name="status"][value="done"]').check();
    await statusForm.locator('button[type="submit"]').click();
    // Closing without a response is refused beside the field.
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(page);
    await statusForm.locator('input[name="status"][value="done"]').check();
    await statusForm.locator(`textarea[name="public_response${box}"]`).fill(response);
    await statusForm.locator('button[type="submit"]').click();
    await expect(page.locator('main')).toContainText(response);
    await checkA11y(page);

    // The public board and the poster show the public wording and the response.
    await page.locator('main a[href*="/you-said-we-did"]').first().click();
    await expect(page.locator('main')).toContainText(publicWording);
    await expect(page.locator('main')).toContainText(response);
    await expect(page.locator('main')).not.toContainText(said);
    await checkA11y(page);
    await page.locator('main a[href*="/poster"]').click();
    await expect(page.locator('main')).toContainText(publicWording);
    await expect(page.locator('main h1 [lang="cy"]')).toHaveText('Dywedoch chi, gwnaethom ni');
    await checkA11y(page);

    await page.goto('/home');
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

/** Every visible link, button and form control on the page smaller than 44 × 44 CSS px. A
 * control laid out 1 px or less (the skip link until it has focus) is not on screen. */
async function smallTargets(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) continue;
      if (r.width < 44 || r.height < 44) {
        small.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
    }
    return small;
  });
}

test('unit staff make a kiosk link for their unit, and every kiosk target is at least 44 × 44 px', async ({ page, browser }) => {
  const stamp = `targets-${Date.now()}`;
  await signIn(page, 'staff@demo.cairn.test');
  await checkA11y(page);
  await page.goto('/feedback/kiosks');
  await checkA11y(page);
  const form = page.locator('main form[action="/feedback/kiosks"]');
  const unit = await form.locator('select[name="unit_id"] option[value]:not([value=""])').first().getAttribute('value');
  await form.locator('select[name="unit_id"]').selectOption(unit as string);
  await form.locator('input[name="label"]').fill(`Tablet ${stamp}`);
  await form.locator('button[type="submit"]').click();
  const link = (await page.locator('main code.cairn-secret').innerText()).trim();
  expect(link).toContain('/kiosk/');
  await checkA11y(page);

  const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const kiosk = await tablet.newPage();
  const measured: string[] = [];
  const measure = async () => {
    await checkA11y(kiosk);
    expect(await smallTargets(kiosk), `targets on ${kiosk.url()}`).toEqual([]);
    // The skip link, once the keyboard reaches it.
    await kiosk.keyboard.press('Tab');
    const skip = await kiosk.locator('.nhsuk-skip-link').boundingBox();
    expect(skip && skip.width >= 44 && skip.height >= 44, `the skip link on ${kiosk.url()}: ${JSON.stringify(skip)}`).toBe(true);
    measured.push(new URL(kiosk.url()).pathname);
  };
  await kiosk.goto(new URL(link).pathname);
  await measure();
  await kiosk.locator('main a.cairn-kiosk__choice').first().click();
  await measure();
  // The limit is stated, and the anonymity box says what it does.
  await expect(kiosk.locator('#text-hint')).toHaveText('Up to 2,000 characters.');
  await expect(kiosk.locator('#anonymous-hint')).toContainText('never asks your name');
  await kiosk.locator('main form button[type="submit"]').click();
  await expect(kiosk.locator('.nhsuk-error-summary')).toBeVisible();
  await measure();
  await kiosk.locator('textarea[name="text"]').fill(`A clock in the lounge (${stamp})`);
  await kiosk.locator('main form button[type="submit"]').click();
  await expect(kiosk).toHaveURL(/\/thanks$/);
  await measure();
  await kiosk.goto(`${new URL(link).pathname}/board`);
  await measure();
  expect(measured).toHaveLength(5);
  await tablet.close();
});

test('a poster of eight short answers prints on one A4 page and says how many it shows', async ({ page }) => {
  const stamp = `${Date.now()}`.slice(-6);
  await signIn(page, 'lead@demo.cairn.test');
  await checkA11y(page);
  await page.goto('/feedback/new');
  await checkA11y(page);
  const csrf = await page.locator('main form input[name="csrf"]').first().inputValue();
  const unit = await page.locator('main select[name="unit_id"] option[value]:not([value=""])').first().getAttribute('value');
  // Eight short answers closed now: the newest on the unit's poster. One in three is a "can't do".
  for (let i = 0; i < 8; i++) {
    const made = await page.request.post('/feedback/new', {
      form: { csrf, channel: 'meeting', unit_id: unit as string, text: `Idea ${i} (${stamp})`, contact: '' },
      maxRedirects: 0,
    });
    expect(made.status()).toBe(303);
    const at = made.headers()['location'];
    const published = await page.request.post(`${at}/publish`, {
      form: { csrf, public_text: `Idea ${i} (${stamp})`, public_text_cy: `Syniad ${i} (${stamp})` },
      maxRedirects: 0,
    });
    expect(published.status()).toBe(303);
    const closed = await page.request.post(`${at}/status`, {
      form: {
        csrf,
        from_status: 'received',
        status: i % 3 === 0 ? 'cannot_do' : 'done',
        public_response: `Answer ${i} (${stamp})`,
        public_response_cy: `Ateb ${i} (${stamp})`,
        note: '',
      },
      maxRedirects: 0,
    });
    expect(closed.status()).toBe(303);
  }
  await page.goto('/feedback?q=' + stamp);
  await checkA11y(page);
  await page.locator('main table tbody a').first().click();
  await checkA11y(page);
  await page.locator('main a[href*="/you-said-we-did"]').first().click();
  await checkA11y(page);
  await page.locator('main a[href*="/poster"]').click();
  await checkA11y(page);

  const count = page.locator('main .cairn-poster__count [lang="en"]');
  await expect(count).toContainText(/^Last 8 weeks: (8 answers|the newest 8 of \d+ answers)$/);
  await expect(page.locator('main .cairn-poster__count [lang="cy"]')).toContainText(/^Y 8 wythnos diwethaf: 8 ateb/);
  await expect(page.locator('main .cairn-poster__item')).toHaveCount(8);
  await expect(page.locator('main')).toContainText(`Answer 7 (${stamp})`);
  await expect(page.locator('main h2', { hasText: "We can't do this, because…" })).toHaveCount(3);

  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, 'one A4 sheet').toBe(1);
  await page.emulateMedia({ media: 'screen' });
});
