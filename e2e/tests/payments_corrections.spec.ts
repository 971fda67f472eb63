// Correcting a paid claim, in English and in Welsh, on a phone: Sioned (finance) finds a paid
// claim, is told beside the field when she chooses no line, then reverses a line with a reason.
// The correction names the paid claim and waits for someone else: Sioned cannot authorise it.
// Dylan (finance) authorises it and puts it in the next payment run, where it takes the amount
// back. Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** "-£1,234.56" or "£7.50" as pence. */
function pence(text: string): number {
  const m = text.replace(/[£,\s]/g, '').match(/^(-?)(\d+)\.(\d{2})$/);
  expect(m, `"${text}" is an amount in pounds`).toBeTruthy();
  const p = Number(m![2]) * 100 + Number(m![3]);
  return m![1] === '-' ? -p : p;
}

/** A phone-sized browser of its own (the language choice lives in a cookie). */
async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

/** Signs in (in English), then switches to `lang` on the way to `next`. */
async function signInAs(page: Page, email: string, lang: 'en' | 'cy', next: string): Promise<void> {
  await signIn(page, email);
  await checkA11y(page);
  await page.goto(`/language?to=${lang}&next=${encodeURIComponent(next)}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await checkA11y(page);
}

for (const lang of ['en', 'cy'] as const) {
  test(`finance correct a paid claim and a second person puts it in the next run in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const reason = `Mileage twice (${lang}-${Date.now()})`;

    // 1. Sioned, on a phone, looks through the paid claims for one with a line left to correct.
    const sioned = await phone(browser);
    const page = sioned.page;
    await signInAs(page, 'finance@demo.cairn.test', lang, '/payments/claims?status=paid');
    await expect(page).toHaveURL(/\/payments\/claims\?status=paid$/);
    const hrefs = await page.locator('main a[href^="/payments/claims/"]').evaluateAll((as) =>
      as.map((a) => a.getAttribute('href')!).filter((h) => /^\/payments\/claims\/\d+$/.test(h)),
    );
    expect(hrefs.length, 'the demo has paid claims').toBeGreaterThan(0);
    let claim = '';
    for (const href of hrefs) {
      await page.goto(href);
      await checkA11y(page);
      if ((await page.locator(`main form[action="${href}/correct"]`).count()) > 0) {
        claim = href.split('/')[3];
        break;
      }
    }
    expect(claim, 'a paid claim with a line left to correct').not.toBe('');
    const form = page.locator(`main form[action="/payments/claims/${claim}/correct"]`);

    // No line chosen: the message is beside the field and in the summary; the reason stays.
    await form.locator('textarea[name="correct_reason"]').fill(reason);
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#correct_lines"]')).toBeVisible();
    await expect(page.locator('#correct_lines-error')).toBeVisible();
    await expect(form.locator('textarea[name="correct_reason"]')).toHaveValue(reason);
    await checkA11y(page);

    // She reverses the first line.
    const box = form.locator('input[name="correct_lines"]').first();
    const label = await form.locator(`label[for="${await box.getAttribute('id')}"]`).innerText();
    const amount = pence(label.split(':').pop()!.trim());
    await box.check();
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/payments\/claims\/\d+$/);
    const correction = new URL(page.url()).pathname.split('/')[3];
    expect(correction).not.toBe(claim);
    await expect(page.locator(`main .nhsuk-inset-text a[href="/payments/claims/${claim}"]`)).toBeVisible();
    await expect(page.locator('main table')).toContainText(reason);
    // Whoever records a correction cannot authorise it.
    await expect(page.locator(`main form[action="/payments/claims/${correction}/authorise"]`)).toHaveCount(0);
    await checkA11y(page);
    // The paid claim lists it.
    await page.goto(`/payments/claims/${claim}`);
    await expect(page.locator(`main a[href="/payments/claims/${correction}"]`)).toBeVisible();
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
    await sioned.context.close();

    // 2. Dylan authorises it, on his phone.
    const dylan = await phone(browser);
    const d = dylan.page;
    await signInAs(d, 'finance2@demo.cairn.test', lang, `/payments/claims/${correction}`);
    await expect(d).toHaveURL(new RegExp(`/payments/claims/${correction}$`));
    const authorise = d.locator(`main form[action="/payments/claims/${correction}/authorise"]`);
    await expect(authorise).toHaveCount(1);
    await checkA11y(d);
    await authorise.locator('button[type="submit"]').click();
    await expect(d).toHaveURL(new RegExp(`/payments/claims/${correction}$`));
    await expect(d.locator('main h1 .nhsuk-tag--blue')).toBeVisible();
    await checkA11y(d);

    // 3. He makes the next payment run of just the correction: it takes the amount back.
    await d.goto('/payments/runs');
    await checkA11y(d);
    const runForm = d.locator('main form[action="/payments/runs"]');
    for (const b of await runForm.locator('input[name="claim_ids"]').all()) {
      if ((await b.getAttribute('value')) !== correction) await b.uncheck();
    }
    await runForm.locator(`input[name="claim_ids"][value="${correction}"]`).check();
    await runForm.locator('button[type="submit"]').click();
    await expect(d).toHaveURL(/\/payments\/runs\/\d+$/);
    const runTable = d.locator('main table');
    await expect(runTable.locator(`a[href="/payments/claims/${correction}"]`)).toBeVisible();
    const cells = await runTable.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells.map((c) => c.trim())).toContain(`-£${Math.floor(amount / 100).toLocaleString('en-GB')}.${String(amount % 100).padStart(2, '0')}`);
    await checkA11y(d);
    await signOut(d);
    await checkA11y(d);
    await dylan.context.close();
  });
}
