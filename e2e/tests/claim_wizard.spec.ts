// A member claims for their own time and expenses on a phone, one question a page, in English
// and in Welsh: what it was for, when, how long, car miles and a parking charge (one expense a
// page, "add another"), how they would like to be paid if they have not said, then Check your
// answers, where the parking reads back in pounds and in words and a Change link comes back to
// it, then sending, the receipt parking needs, and the confirmation saying what happens next.
// Every page is checked with axe.
import { test, expect, checkA11y, londonDate, signIn } from '../fixtures';
import type { Page } from '@playwright/test';

/** What each language's pages say, where the test reads them. */
const WORDS = {
  en: {
    parking: '£4.50',
    inWords: 'four pounds and fifty pence',
    duration: '2 hours 30 minutes',
    sent: 'Claim sent',
    next: 'What happens next',
  },
  cy: {
    parking: '£4.50',
    inWords: 'pedair punt a hanner can ceiniog',
    duration: '2 awr 30 munud',
    sent: "Hawliad wedi'i anfon",
    next: "Beth sy'n digwydd nesaf",
  },
} as const;

/** A PNG's signature and the start of its header: a receipt the server accepts. */
const RECEIPT = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
]);

/** Presses the page's one Continue button and waits for the next page. */
async function next(page: Page, url: RegExp): Promise<void> {
  await page.locator('main form button[type="submit"]').click();
  await expect(page).toHaveURL(url);
  await checkA11y(page);
}

for (const lang of ['en', 'cy'] as const) {
  test(`a member makes a claim one question a page on a phone in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ browser }) => {
    const w = WORDS[lang];
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    // Alex claims in English, Mair in Welsh: each has their own kept draft.
    await signIn(page, lang === 'en' ? 'member@demo.cairn.test' : 'carer@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=${encodeURIComponent('/payments/claims')}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // 1. "Make a claim" starts the journey (starting again if an earlier draft is kept).
    await page.locator('main a[href="/payments/claims/start"]').click();
    await expect(page).toHaveURL(/\/payments\/claims\/start$/);
    await checkA11y(page);
    const again = page.locator('main form[action="/payments/claims/start/again"] button');
    if ((await again.count()) > 0) {
      await again.click();
    } else {
      await page.locator('main a[href="/payments/claims/start/what"]').click();
    }
    await expect(page).toHaveURL(/\/start\/what$/);
    await checkA11y(page);

    // 2. What it was for: nothing chosen is refused beside the field, what was typed stays.
    await page.locator('textarea[name="description"]').fill(`Menu tasting ${lang}`);
    await page.locator('main form button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#activity_type"]')).toBeVisible();
    await expect(page.locator('textarea[name="description"]')).toHaveValue(`Menu tasting ${lang}`);
    await checkA11y(page);
    await page.locator('input[name="activity_type"][value="consultation"]').check();
    await next(page, /\/start\/when$/);

    // 3. When (yesterday), and how long.
    const d = londonDate(-1);
    await page.locator('input[name="activity_on_day"]').fill(d.day);
    await page.locator('input[name="activity_on_month"]').fill(d.month);
    await page.locator('input[name="activity_on_year"]').fill(d.year);
    await next(page, /\/start\/time$/);
    await page.locator('input[name="hours"]').fill('1');
    await page.locator('input[name="minutes"]').fill('30');
    await next(page, /\/start\/expenses$/);

    // 4. Expenses, one a page: car miles, then parking in pounds with a £ prefix.
    await page.locator('input[name="has_expenses"][value="yes"]').check();
    await next(page, /\/start\/expense\?n=0$/);
    await page.locator('input[name="category"][value="mileage_car"]').check();
    await next(page, /\/start\/expense\/amount\?n=0$/);
    await page.locator('input[name="miles"]').fill('10');
    await next(page, /\/start\/expense\/more$/);
    await page.locator('input[name="more"][value="yes"]').check();
    await next(page, /\/start\/expense\?n=1$/);
    await page.locator('input[name="category"][value="parking"]').check();
    await next(page, /\/start\/expense\/amount\?n=1$/);
    await expect(page.locator('main .nhsuk-input__prefix')).toHaveText('£');
    await page.locator('input[name="amount"]').fill('4.50');
    await next(page, /\/start\/expense\/more$/);
    await page.locator('input[name="more"][value="no"]').check();
    await page.locator('main form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/start\/(paid|check)$/);
    await checkA11y(page);

    // 5. How to be paid, only when not chosen yet.
    if (page.url().endsWith('/paid')) {
      await page.locator('input[name="choice"][value="bank"]').check();
      await next(page, /\/start\/check$/);
    }

    // 6. Check your answers: the parking in pounds and in words; Change comes back here.
    const answers = page.locator('main dl.nhsuk-summary-list');
    await expect(answers).toContainText(`Menu tasting ${lang}`);
    await expect(answers).toContainText(w.parking);
    await expect(answers).toContainText(w.inWords);
    await page.locator('main a[href="/payments/claims/start/time?change=1"]').click();
    await expect(page).toHaveURL(/\/start\/time\?change=1$/);
    await expect(page.locator('input[name="minutes"]')).toHaveValue('30');
    await checkA11y(page);
    await page.locator('input[name="hours"]').fill('2');
    await next(page, /\/start\/check$/);
    await expect(answers).toContainText(w.duration);

    // 7. Send: parking needs a receipt, so the claim waits for it, then goes.
    await page.locator('main form[action="/payments/claims/start/check"] button').click();
    await expect(page).toHaveURL(/\/payments\/claims\/\d+\/sent$/);
    await checkA11y(page);
    await page.locator('input#receipt').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: RECEIPT });
    await page.locator('main form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/payments\/claims\/\d+\/sent$/);
    await expect(page.locator('main .nhsuk-panel')).toContainText(w.sent);
    await expect(page.locator('main h2').first()).toHaveText(w.next);
    await checkA11y(page);

    // 8. The claim itself speaks to them, and is on its way.
    await page.locator(`main a[href^="/payments/claims/"]`).last().click();
    await expect(page).toHaveURL(/\/payments\/claims\/\d+$/);
    await expect(page.locator('main h2#steps')).toHaveText(w.next);
    await checkA11y(page);
    await phone.close();
  });
}
