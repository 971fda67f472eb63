// A person's payment settings, from their page, in English and in Welsh, on a phone: Rhian (the
// lead) opens someone's record, follows the link to their payments, sees them named on every
// page, types a limit wrongly and is told beside the field, then records £400 a month held at
// the limit with the rest paid later; the summary shows it, and their statement (named, with
// three-field dates) opens. Every page is checked with axe.
import { test, expect, checkA11y, signIn } from '../fixtures';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

const WORDS = {
  en: { recording: 'You are recording this for', saved: 'Saved.', month: 'a month' },
  cy: { recording: 'Rydych yn cofnodi hyn ar ran', saved: 'Wedi', month: 'y mis' },
} as const;

/** Goes to `path` and checks the page. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await checkA11y(page);
}

for (const lang of ['en', 'cy'] as const) {
  test(`staff set a person's limit from their page on a phone in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    const w = WORDS[lang];

    // Rhian signs in and switches language.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=${encodeURIComponent('/people')}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // The first person on the list, and their name as their page shows it.
    const hrefs = await page.locator('main a[href^="/people/"]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    );
    const href = hrefs.find((h) => /^\/people\/\d+$/.test(h));
    expect(href, 'someone is on the people list').toBeTruthy();
    await visit(page, href!);
    const name = (await page.locator('main h1').innerText()).trim();
    expect(name.length).toBeGreaterThan(0);

    // From their page to their payments: named in the heading and the inset.
    await page.locator(`main a[href="${href}/payments"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href}/payments$`));
    await expect(page.locator('main h1')).toContainText(name);
    await expect(page.locator('#recording-for')).toContainText(`${w.recording} ${name}`);
    await checkA11y(page);

    // Their settings: a limit typed wrongly is refused beside the field and kept.
    await page.locator(`main a[href="${href}/payments/settings"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href}/payments/settings$`));
    await expect(page.locator('main h1')).toContainText(name);
    await expect(page.locator('#recording-for')).toContainText(`${w.recording} ${name}`);
    await checkA11y(page);
    const form = page.locator(`main form[action="${href}/payments/settings"]`);
    await form.locator('input[name="choice"][value="bank"]').check();
    await form.locator('input[name="limit_kind"][value="own"]').check();
    await form.locator('input[name="limit_period"][value="month"]').check();
    await form.locator('input[name="limit_amount"]').fill('four hundred');
    await form.locator('input[name="hold"][value="yes"]').check();
    await form.locator('input[name="over_limit"][value="later"]').check();
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#limit_amount"]')).toBeVisible();
    await expect(page.locator('#limit_amount-error')).toBeVisible();
    await expect(form.locator('input[name="limit_amount"]')).toHaveValue('four hundred');
    await expect(page.locator('#recording-for')).toContainText(`${w.recording} ${name}`);
    await checkA11y(page);

    // Typed again: saved.
    await form.locator('input[name="limit_amount"]').fill('400');
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`${href}/payments/settings\\?saved=1$`));
    await expect(page.locator('main [role="status"]')).toContainText(w.saved);
    await expect(form.locator('input[name="limit_amount"]')).toHaveValue('400.00');
    await expect(form.locator('input[name="hold"][value="yes"]')).toBeChecked();
    await expect(form.locator('input[name="over_limit"][value="later"]')).toBeChecked();
    await checkA11y(page);

    // The summary shows the limit; the statement is theirs, named, with three-field dates.
    await visit(page, `${href}/payments`);
    await expect(page.locator('main .nhsuk-summary-list')).toContainText(`£400.00 ${w.month}`);
    await page.locator(`main a[href="${href}/payments/statement"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href}/payments/statement$`));
    await expect(page.locator('main h1')).toContainText(name);
    await expect(page.locator('#recording-for')).toContainText(`${w.recording} ${name}`);
    await expect(page.locator('main input[name="from_day"]')).toBeVisible();
    await expect(page.locator('main input[name="to_year"]')).toBeVisible();
    await checkA11y(page);
  });
}
