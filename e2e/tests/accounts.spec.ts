// Accounts that can be stopped, in English and in Welsh.
//
// The organisation administrator adds a person with an account (e-mail is off in the demo, so
// the invitation link is handed over) and the person chooses a password. The person forgets
// it: the administrator makes a single-use link on the account's page, the person chooses a
// new password through it and signs in with that. Then the administrator records that the
// person has left: their session ends at once, they can no longer sign in, and the account
// reads "Disabled".
//
// A member is warned before their session ends for want of use and stays signed in; a
// suggestion they type as the session ends anyway is there again once they have signed in.
//
// The administrator erases a person: the confirmation page says what goes and what stays and
// wants a reason; afterwards the person's page shows only the pseudonym.
//
// The administrator sets how long records are kept: a payment period under three years is refused
// beside its field and kept as typed; six years is saved.
// Every page is checked with axe.
import { test, expect, checkA11y, londonDate, signIn, signOut } from '../fixtures';
import type { Browser, Page } from '@playwright/test';

const WORDS = {
  en: { disabled: 'Disabled', resetDone: 'Your new password is saved', kept: 'You are still signed in.' },
  cy: { disabled: "Wedi'i analluogi", resetDone: "Mae eich cyfrinair newydd wedi'i gadw", kept: "Rydych chi'n dal wedi mewngofnodi." },
} as const;

/** The link shown once on the page in `code.cairn-secret`, as a path on this site. */
async function shownLink(page: Page): Promise<string> {
  const text = (await page.locator('main code.cairn-secret').textContent())?.trim() ?? '';
  expect(text, 'a link is shown to hand over').toMatch(/^https?:\/\//);
  return new URL(text).pathname;
}

/** Chooses a password on an invitation or reset page (both ask twice). */
async function choosePassword(page: Page, password: string): Promise<void> {
  const form = page.locator('main form');
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="confirm"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** Signs in on a fresh sign-in page with an e-mail address and password. */
async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await checkA11y(page);
  const form = page.locator('main form[action="/sign-in"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** As the signed-in administrator, in `lang`: adds a person on the first unit; their id. */
async function addPerson(page: Page, lang: 'en' | 'cy', name: string, constituency: string, accessNeeds?: string): Promise<string> {
  await page.goto(`/language?to=${lang}&next=/people/new`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await checkA11y(page);
  const form = page.locator('main form[action="/people/new"]');
  await form.locator('input[name="chosen_name"]').fill(name);
  await form.locator(`input[name="constituency"][value="${constituency}"]`).check();
  await form.locator('input[name="unit_ids"]').first().check();
  await form.locator(`input[name="preferred_language"][value="${lang}"]`).check();
  if (accessNeeds) await form.locator('textarea[name="access_needs"]').fill(accessNeeds);
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await checkA11y(page);
  return new URL(page.url()).pathname.split('/')[2];
}

async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  return context.newPage();
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`a forgotten password is reset through a handed-over link, and a leaver can no longer sign in, in ${language} (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const stamp = `${lang}-${Date.now()}`;
    const name = `Leaver ${stamp}`;
    const email = `leaver-${stamp}@example.org`;
    const first = `first password ${stamp}`;
    const second = `second password ${stamp}`;

    // 1. The administrator adds the person and gives them an account.
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    const person = await addPerson(page, lang, name, 'service_user');
    const give = page.locator(`main form[action="/people/${person}/account"]`);
    await give.locator('input[name="email"]').fill(email);
    await give.locator('select[name="role"]').selectOption('member');
    await give.locator('button[type="submit"]').click();
    await checkA11y(page);
    const invitation = await shownLink(page);

    // 2. The person accepts the invitation on their phone and signs in.
    const phone = await newPhone(browser);
    await phone.goto(invitation);
    await checkA11y(phone);
    await choosePassword(phone, first);
    await expect(phone).toHaveURL(/\/sign-in$/);
    await signInWith(phone, email, first);
    await expect(phone).not.toHaveURL(/\/sign-in/);
    await checkA11y(phone);
    await signOut(phone);
    await checkA11y(phone);

    // 3. They forget it. The administrator makes a link on the account's page.
    await page.goto('/accounts');
    await checkA11y(page);
    await page.locator('main a', { hasText: email }).click();
    await expect(page).toHaveURL(/\/accounts\/\d+$/);
    await checkA11y(page);
    const account = new URL(page.url()).pathname;
    await page.locator(`main form[action="${account}/password-link"] button`).click();
    await checkA11y(page);
    const reset = await shownLink(page);

    // 4. The person chooses a new password through it; the old one no longer works.
    await phone.goto(reset);
    await checkA11y(phone);
    await choosePassword(phone, second);
    await expect(phone).toHaveURL(/\/sign-in\?reset=done$/);
    await checkA11y(phone);
    await phone.goto(`/language?to=${lang}&next=${encodeURIComponent('/sign-in?reset=done')}`);
    await expect(phone.locator('main')).toContainText(WORDS[lang].resetDone);
    await checkA11y(phone);
    await signInWith(phone, email, first);
    await expect(phone).toHaveURL(/\/sign-in/);
    await expect(phone.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(phone);
    const used = await phone.goto(reset);
    expect(used?.status(), 'the link works once').toBe(404);
    await checkA11y(phone);
    await signInWith(phone, email, second);
    await expect(phone).not.toHaveURL(/\/sign-in/);
    await checkA11y(phone);

    // 5. The administrator records that the person has left.
    await page.goto(`/people/${person}/leave`);
    await checkA11y(page);
    const leave = page.locator(`main form[action="/people/${person}/leave"]`);
    const today = londonDate(0);
    await leave.locator('input[name="left_on_day"]').fill(today.day);
    await leave.locator('input[name="left_on_month"]').fill(today.month);
    await leave.locator('input[name="left_on_year"]').fill(today.year);
    await leave.locator('input[name="reasons"]').first().check();
    await leave.locator('input[name="stay_in_touch"]').first().check();
    await leave.locator('button[type="submit"]').click();
    await expect(page).not.toHaveURL(/\/leave$/);
    await checkA11y(page);

    // 6. Their open session has ended, and signing in again is refused.
    await phone.reload();
    await expect(phone).toHaveURL(/\/sign-in/);
    await checkA11y(phone);
    await signInWith(phone, email, second);
    await expect(phone).toHaveURL(/\/sign-in/);
    await expect(phone.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(phone);

    // 7. The account reads as disabled.
    await page.goto(account);
    await expect(page.locator('#account-status')).toHaveText(WORDS[lang].disabled);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
    await phone.context().close();
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`a member is warned before the session ends and stays signed in, and what they typed survives signing in again, in ${language} (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const text = `More evening activities, please (${lang} ${Date.now()})`;
    // The page's clock, so that hours of not using Cairn pass in a moment.
    await page.clock.install();
    await signIn(page, 'member@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/suggest`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // 1. Nothing is done until four minutes before the idle end: the warning shows, with focus
    //    on "Stay signed in".
    const idle = Number(await page.locator('body').getAttribute('data-session-idle'));
    expect(idle, 'the page says how long the session lasts unused').toBeGreaterThan(5 * 60);
    const warning = page.locator('#session-warning');
    await expect(warning).toBeHidden();
    await page.clock.fastForward((idle - 4 * 60) * 1000);
    await expect(warning).toBeVisible();
    await expect(page.locator('#session-stay')).toBeFocused();
    await checkA11y(page);
    await page.keyboard.press('Enter');
    await expect(warning).toBeHidden();
    await expect(page.locator('#session-kept')).toHaveText(WORDS[lang].kept);
    await checkA11y(page);

    // 2. The member types a suggestion; the session ends before they send it (its cookie is
    //    gone, as after an ended session), so sending asks them to sign in again.
    const form = page.locator('main form[action="/suggest"]');
    await form.locator('textarea[name="text"]').fill(text);
    await page.context().clearCookies({ name: 'cairn_session' });
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await checkA11y(page);
    const signInForm = page.locator('main form[action="/sign-in"]');
    await signInForm.locator('input[name="email"]').fill('member@demo.cairn.test');
    await signInForm.locator('input[name="password"]').fill(process.env.CAIRN_DEMO_PASSWORD ?? '');
    await signInForm.locator('button[type="submit"]').click();

    // 3. Back on the form, with what they typed and a note saying so; sending it works.
    await expect(page).toHaveURL(/\/suggest$/);
    await expect(form.locator('textarea[name="text"]')).toHaveValue(text);
    await expect(page.locator('#kept-draft')).toBeVisible();
    await checkA11y(page);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/suggest\/thanks$/);
    await checkA11y(page);
    await page.goto('/suggest');
    await expect(form.locator('textarea[name="text"]')).toHaveValue('');
    await expect(page.locator('#kept-draft')).toBeHidden();
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`an administrator erases a person after a confirmation page, in ${language} (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const name = `Erasable ${lang} ${Date.now()}`;

    // A person with nothing open: added by the administrator.
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    const person = await addPerson(page, lang, name, 'carer', 'Large print, please');

    // The confirmation page says what goes and what stays; an empty reason is refused.
    await page.locator(`main a[href="/people/${person}/erase"]`).click();
    await expect(page.locator('main h1')).toContainText(name);
    await checkA11y(page);
    const erase = page.locator(`main form[action="/people/${person}/erase"]`);
    await erase.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#reason"]')).toBeVisible();
    await checkA11y(page);
    await erase.locator('textarea[name="reason"]').fill(lang === 'en' ? 'They asked us to erase their data' : 'Gofynnon nhw i ni ddileu eu data');
    await erase.locator('button[type="submit"]').click();

    // Their page now shows only the pseudonym.
    await expect(page).toHaveURL(new RegExp(`/people/${person}$`));
    await expect(page.locator('main h1')).toHaveText(`Person ${person}`);
    await expect(page.locator('main')).not.toContainText(name);
    await expect(page.locator('main')).not.toContainText('Large print');
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`an administrator sets how long records are kept and a period below the legal minimum is refused beside its field, in ${language} (${lang})`, async ({ page }) => {
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/settings`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a[href="/settings/retention"]').click();
    await checkA11y(page);
    const form = page.locator('main form[action="/settings/retention"]');
    const years = form.locator('input[name="payment_years"]');

    // Two years is less than payment records must be kept: said beside the field, kept as typed.
    await years.fill('2');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#payment_years"]')).toBeVisible();
    await expect(page.locator('#payment_years-error')).toContainText(lang === 'en' ? 'from 3 to 10' : 'rhwng 3 a 10');
    await expect(years).toHaveValue('2');
    await checkA11y(page);

    // Six is saved and the page says so; what the next run would remove is listed.
    await years.fill('6');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('main [role="status"]')).toBeVisible();
    await expect(years).toHaveValue('6');
    await expect(page.locator('main dd[data-due="claims"]')).toHaveText(/^\d+$/);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}
