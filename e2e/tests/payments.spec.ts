// The payments journey, in English and in Welsh: Alex (a service user), on a phone, records his
// own weekly earnings limit and claims for a two-hour meeting yesterday (the £75 session fee and
// 10 miles by car at 45p). The claim page warns that the fee would take him past his limit; he
// attaches a receipt and sends it. Rhian (the lead) sees the same warning and approves it; she
// cannot authorise it. Sioned (finance) could authorise it, having not approved it, but Dylan
// (finance) does; after that nobody can authorise it again. Sioned gathers it into a payment run,
// locks the run, downloads both exports and marks the run paid. Alex then sees the claim paid
// and the fee on his statement. Every page is checked with axe.
import { test, expect, checkA11y, londonDate, signIn, signOut } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

/** The demo's example rates: a meeting under 4 hours is £75; car mileage is 45p a mile. */
const FEE = 7500;
const MILES = 10;
const MILEAGE = MILES * 45;
const TOTAL = FEE + MILEAGE;

/** The run exports' headings and words in each language (payments.ftl, payments-export-…). */
const EXPORT = {
  en: {
    payroll: [
      'Run number',
      'Person number',
      'Name',
      'Payment method',
      'Number of claims',
      'Taxable fees (pence)',
      'Expenses (pence)',
      'Total (pence)',
      'Total (pounds)',
    ],
    claim: 'Claim',
    meeting: 'Meeting',
    bank: 'Bank transfer',
  },
  cy: {
    payroll: [
      'Rhif y rhediad',
      'Rhif y person',
      'Enw',
      'Dull talu',
      'Nifer yr hawliadau',
      'Ffioedd trethadwy (ceiniogau)',
      'Treuliau (ceiniogau)',
      'Cyfanswm (ceiniogau)',
      'Cyfanswm (punnoedd)',
    ],
    claim: 'Hawliad',
    meeting: 'Cyfarfod',
    bank: 'Trosglwyddiad banc',
  },
} as const;

/** "£1,234.56" as pence. */
function pence(text: string): number {
  const m = text.replace(/[£,\s]/g, '').match(/^(-?)(\d+)\.(\d{2})$/);
  expect(m, `"${text}" is an amount in pounds`).toBeTruthy();
  const p = Number(m![2]) * 100 + Number(m![3]);
  return m![1] === '-' ? -p : p;
}

/** Pence as Cairn writes them: "£79.50". */
function pounds(p: number): string {
  return `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;
}

/** The fees paid in every week of the statement (its first table), added up. */
async function paidOnStatement(page: Page): Promise<number> {
  const tables = page.locator('main table');
  if ((await tables.count()) === 0) return 0;
  const cells = await tables.first().locator('tbody tr td:nth-of-type(1)').allInnerTexts();
  return cells.reduce((sum, c) => sum + pence(c), 0);
}

/** Signs in (in English), then switches to `lang` on the way to `next`. */
async function signInAs(page: Page, email: string, lang: 'en' | 'cy', next: string): Promise<void> {
  await signIn(page, email);
  await checkA11y(page);
  await page.goto(`/language?to=${lang}&next=${encodeURIComponent(next)}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await checkA11y(page);
}

/** The claim page's step forms. */
function steps(page: Page, claim: string) {
  const form = (step: string): Locator => page.locator(`main form[action="/payments/claims/${claim}/${step}"]`);
  return {
    submit: form('submit'),
    approve: form('approve'),
    authorise: form('authorise'),
    reject: form('reject'),
  };
}

for (const lang of ['en', 'cy'] as const) {
  test(`a claim goes from a phone to a paid payment run in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page, browser }) => {
    // Four people and many pages: give it more than the default minute.
    test.setTimeout(180_000);
    const stamp = `${lang}-${Date.now()}`;
    const description = `Recovery forum (${stamp})`;

    // 1. Alex, on a phone, records his own limit: £20 a week.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const alex = await phone.newPage();
    await signInAs(alex, 'member@demo.cairn.test', lang, '/payments/claims');
    await expect(alex).toHaveURL(/\/payments\/claims$/);

    // What his statement shows as paid before this claim.
    await alex.goto('/payments/statement');
    await expect(alex.locator('main h1')).toBeVisible();
    await checkA11y(alex);
    const paidBefore = await paidOnStatement(alex);

    await alex.goto('/payments/claims');
    await checkA11y(alex);
    await alex.locator('main a[href="/payments/settings"]').click();
    await expect(alex).toHaveURL(/\/payments\/settings$/);
    await checkA11y(alex);
    // "How I am paid" asks one question a page, then shows the answers to check and save.
    await alex.locator('main button[name="go"][value="choice"]').click();
    await checkA11y(alex);
    const question = alex.locator('main form#step-form');
    const next = async () => {
      await question.locator('button.nhsuk-button').click();
      await checkA11y(alex);
    };
    await question.locator('input[name="choice"][value="bank"]').check();
    await next();
    await question.locator('input[name="limit_kind"][value="own"]').check();
    await next();
    await question.locator('input[name="limit_period"][value="week"]').check();
    await question.locator('input[name="limit_amount"]').fill('20');
    await next();
    // Warned only: the fee is paid in full, after the warning below.
    await question.locator('input[name="hold"][value="no"]').check();
    await next();
    await alex.locator('main form[action="/payments/settings"] button[type="submit"]').click();
    await expect(alex).toHaveURL(/\/payments\/settings\?saved=1$/);
    await expect(alex.locator('main [role="status"]')).toBeVisible();
    await expect(alex.locator('main .nhsuk-summary-list')).toContainText(pounds(2000));
    await checkA11y(alex);

    // 2. He makes a claim: an empty form is refused with an error summary.
    await alex.goto('/payments/claims');
    await checkA11y(alex);
    // The member's "Make a claim" now starts the one-question-a-page journey
    // (claim_wizard.spec.ts); the one-page form it used to open still takes a member's claim.
    await expect(alex.locator('main a[href="/payments/claims/start"]')).toBeVisible();
    await alex.goto('/payments/claims/new');
    await expect(alex).toHaveURL(/\/payments\/claims\/new$/);
    await checkA11y(alex);
    const claimForm = alex.locator('main form[action="/payments/claims/new"]');
    // A member claims for himself: there is no choice of person.
    await expect(claimForm.locator('select[name="person_id"]')).toHaveCount(0);
    await claimForm.locator('button[type="submit"]').click();
    await expect(alex.locator('.nhsuk-error-summary')).toBeVisible();
    await expect(alex.locator('.nhsuk-error-summary a[href="#activity_type"]')).toBeVisible();
    await expect(alex.locator('.nhsuk-error-summary a[href="#activity_on"]')).toBeVisible();
    await checkA11y(alex);

    // A two-hour meeting yesterday, and 10 miles by car.
    const yesterday = londonDate(-1);
    await claimForm.locator('input[name="activity_type"][value="meeting"]').check();
    await claimForm.locator('input[name="activity_on_day"]').fill(yesterday.day);
    await claimForm.locator('input[name="activity_on_month"]').fill(yesterday.month);
    await claimForm.locator('input[name="activity_on_year"]').fill(yesterday.year);
    await claimForm.locator('input[name="hours"]').fill('2');
    await claimForm.locator('input[name="minutes"]').fill('0');
    await claimForm.locator('textarea[name="description"]').fill(description);
    await claimForm.locator('select[name="expense_category_0"]').selectOption('mileage_car');
    await claimForm.locator('input[name="expense_miles_0"]').fill(String(MILES));
    await claimForm.locator('button[type="submit"]').click();
    await expect(alex).toHaveURL(/\/payments\/claims\/\d+$/);
    const claim = new URL(alex.url()).pathname.split('/')[3];
    const money = alex.locator('main table');
    await expect(money).toContainText(pounds(FEE));
    await expect(money).toContainText(pounds(MILEAGE));
    await expect(money).toContainText(pounds(TOTAL));
    // The fee would take him past his own limit.
    await expect(alex.locator('#benefits-warning')).toBeVisible();
    await expect(alex.locator('#benefits-warning')).toContainText(pounds(FEE));
    await checkA11y(alex);

    // He attaches a receipt (a PDF; the mileage does not need one, but it does no harm).
    const alexSteps = steps(alex, claim);
    await expect(alexSteps.approve).toHaveCount(0);
    await expect(alexSteps.authorise).toHaveCount(0);
    await alex.locator(`main form[action="/payments/claims/${claim}/receipts"] input[name="receipt"]`).setInputFiles({
      name: 'parking.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    });
    await alex.locator(`main form[action="/payments/claims/${claim}/receipts"] button[type="submit"]`).click();
    await expect(alex).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(alex.locator('main a[href^="/payments/receipts/"]')).toHaveCount(1);
    await checkA11y(alex);

    // He sends it.
    await alexSteps.submit.locator('button[type="submit"]').click();
    await expect(alex).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(alexSteps.submit).toHaveCount(0);
    await expect(alex.locator('main h1 .nhsuk-tag--yellow')).toBeVisible();
    await checkA11y(alex);

    // 3. Rhian, the lead, finds it waiting, sees the warning and approves the full fee. (Each
    // person has their own browser: the language choice is remembered in a cookie.)
    const leadContext = await browser.newContext();
    const rhian = await leadContext.newPage();
    await signInAs(rhian, 'lead@demo.cairn.test', lang, '/payments');
    await expect(rhian.locator('main a[href="/payments/claims?status=submitted"]')).toBeVisible();
    await rhian.locator('main a[href="/payments/claims?status=submitted"]').click();
    await expect(rhian).toHaveURL(/\/payments\/claims\?status=submitted$/);
    await checkA11y(rhian);
    await rhian.locator(`main a[href="/payments/claims/${claim}"]`).click();
    await expect(rhian).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(rhian.locator('#benefits-warning')).toBeVisible();
    await expect(rhian.locator('main')).toContainText(description);
    const leadSteps = steps(rhian, claim);
    await expect(leadSteps.authorise).toHaveCount(0);
    await expect(leadSteps.reject).toHaveCount(1);
    await checkA11y(rhian);
    await leadSteps.approve.locator('button[type="submit"]').click();
    await expect(rhian).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(leadSteps.approve).toHaveCount(0);
    // A lead never authorises.
    await expect(leadSteps.authorise).toHaveCount(0);
    await expect(rhian.locator('main table')).toContainText(pounds(TOTAL));
    await checkA11y(rhian);
    await signOut(rhian);
    await checkA11y(rhian);
    await leadContext.close();

    // 4. Sioned (finance) did not approve it, so she could authorise it.
    await signInAs(page, 'finance@demo.cairn.test', lang, `/payments/claims/${claim}`);
    await expect(page).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(page.locator('#benefits-warning')).toBeVisible();
    await expect(steps(page, claim).authorise).toHaveCount(1);
    await expect(steps(page, claim).approve).toHaveCount(0);
    await checkA11y(page);

    // Dylan (finance) authorises it; then there is nothing left to authorise.
    const dylanContext = await browser.newContext();
    const dylan = await dylanContext.newPage();
    await signInAs(dylan, 'finance2@demo.cairn.test', lang, '/payments');
    await dylan.locator('main a[href="/payments/claims?status=approved"]').click();
    await expect(dylan).toHaveURL(/\/payments\/claims\?status=approved$/);
    await checkA11y(dylan);
    await dylan.locator(`main a[href="/payments/claims/${claim}"]`).click();
    await expect(dylan).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(steps(dylan, claim).authorise).toHaveCount(1);
    await checkA11y(dylan);
    await steps(dylan, claim).authorise.locator('button[type="submit"]').click();
    await expect(dylan).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(steps(dylan, claim).authorise).toHaveCount(0);
    await expect(dylan.locator('main h1 .nhsuk-tag--blue')).toBeVisible();
    await checkA11y(dylan);
    await signOut(dylan);
    await checkA11y(dylan);
    await dylanContext.close();

    // Sioned's page, reloaded, no longer offers to authorise it either.
    await page.reload();
    await expect(steps(page, claim).authorise).toHaveCount(0);
    await expect(page.locator('main h1 .nhsuk-tag--blue')).toBeVisible();
    await checkA11y(page);

    // 5. Sioned makes a payment run of just this claim, locks it and exports it.
    await page.goto('/payments');
    await checkA11y(page);
    await page.locator('main a[href="/payments/runs"]').click();
    await expect(page).toHaveURL(/\/payments\/runs$/);
    await checkA11y(page);
    const runForm = page.locator('main form[action="/payments/runs"]');
    const boxes = runForm.locator('input[name="claim_ids"]');
    for (const box of await boxes.all()) {
      if ((await box.getAttribute('value')) !== claim) await box.uncheck();
    }
    await runForm.locator(`input[name="claim_ids"][value="${claim}"]`).check();
    await runForm.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/payments\/runs\/\d+$/);
    const run = new URL(page.url()).pathname.split('/')[3];
    const runTable = page.locator('main table');
    await expect(runTable.locator('tbody tr')).toHaveCount(1);
    await expect(runTable.locator(`a[href="/payments/claims/${claim}"]`)).toBeVisible();
    await expect(runTable).toContainText(pounds(TOTAL));
    await expect(page.locator('main .nhsuk-tag--green')).toBeVisible();
    // Nothing to download until the run is locked.
    await expect(page.locator(`main a[href^="/payments/runs/${run}/export.csv"]`)).toHaveCount(0);
    await checkA11y(page);

    await page.locator(`main form[action="/payments/runs/${run}/lock"] button[type="submit"]`).click();
    await expect(page).toHaveURL(new RegExp(`/payments/runs/${run}$`));
    await expect(page.locator(`main form[action="/payments/runs/${run}/lock"]`)).toHaveCount(0);
    await checkA11y(page);

    const payrollLink = page.locator(`main a[href="/payments/runs/${run}/export.csv?format=payroll"]`);
    const accountsLink = page.locator(`main a[href="/payments/runs/${run}/export.csv?format=accounts"]`);
    await expect(payrollLink).toBeVisible();
    await expect(accountsLink).toBeVisible();
    const download = async (link: Locator): Promise<string[][]> => {
      const res = await page.request.get((await link.getAttribute('href'))!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('text/csv');
      const body = await res.text();
      expect(body.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark for Excel').toBe(true);
      return body
        .slice(1)
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
    };
    // Payroll: one row per person, the fee taxable and the mileage not; headings and the
    // payment method in the reader's language.
    const payroll = await download(payrollLink);
    expect(payroll[0]).toEqual([...EXPORT[lang].payroll]);
    expect(payroll.slice(1)).toHaveLength(1);
    expect(payroll[1][0]).toBe(run);
    expect(payroll[1][2]).toBe('Alex');
    expect(payroll[1].slice(3)).toEqual([EXPORT[lang].bank, '1', String(FEE), String(MILEAGE), String(TOTAL), (TOTAL / 100).toFixed(2)]);
    // Accounts: a row for the claim, then totals.
    const accounts = await download(accountsLink);
    const claimRows = accounts.filter((r) => r[1] === EXPORT[lang].claim);
    expect(claimRows).toHaveLength(1);
    expect(claimRows[0][2]).toBe(claim);
    expect(claimRows[0][6]).toBe(EXPORT[lang].meeting);
    expect(claimRows[0][7]).toBe(`${yesterday.year}-${yesterday.month.padStart(2, '0')}-${yesterday.day.padStart(2, '0')}`);
    expect(claimRows[0].slice(9)).toEqual([String(FEE), String(MILEAGE), String(TOTAL), (TOTAL / 100).toFixed(2)]);

    await page.locator(`main form[action="/payments/runs/${run}/paid"] button[type="submit"]`).click();
    await expect(page).toHaveURL(new RegExp(`/payments/runs/${run}$`));
    await expect(page.locator(`main form[action="/payments/runs/${run}/paid"]`)).toHaveCount(0);
    await checkA11y(page);
    // The claim is paid, and cannot be authorised again.
    await runTable.locator(`a[href="/payments/claims/${claim}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/payments/claims/${claim}$`));
    await expect(page.locator('main h1 .nhsuk-tag--green')).toBeVisible();
    await expect(steps(page, claim).authorise).toHaveCount(0);
    // Once paid, there is nothing left to warn about ("paying up to … this time").
    await expect(page.locator('#benefits-warning')).toHaveCount(0);
    await checkA11y(page);
    await page.goto('/payments/report');
    await expect(page.locator('main svg[role="img"]')).toHaveCount(1);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);

    // 6. Alex sees the claim paid, and the fee on his statement.
    await alex.goto('/payments/claims');
    const item = alex.locator('main li', { has: alex.locator(`a[href="/payments/claims/${claim}"]`) });
    await expect(item.locator('.nhsuk-tag--green')).toBeVisible();
    await expect(item).toContainText(pounds(TOTAL));
    await checkA11y(alex);
    await alex.goto('/payments/statement');
    await expect(alex.locator('html')).toHaveAttribute('lang', lang);
    expect(await paidOnStatement(alex), 'the statement shows the fee as paid').toBe(paidBefore + FEE);
    // £75 in a week is over his £20 limit.
    await expect(alex.locator('main table').first().locator('.nhsuk-tag--red').first()).toBeVisible();
    await checkA11y(alex);
    await alex.goto('/payments/claims');
    await checkA11y(alex);
    await signOut(alex);
    await checkA11y(alex);
    await phone.close();
  });
}
