// The people and roles journeys, in English and in Welsh.
//
// 1. The co-production lead advertises a role on Bedw House (an empty form is refused first).
//    Alex, a service user, finds it on a phone-sized screen and says he is interested; the lead
//    talks with him, offers him the role and appoints him; Alex then sees the role among the
//    roles he holds on "What Cairn holds about me", and the interest reads "Appointed".
// 2. A nurse on Bedw House adds a newcomer, who appears among the newcomers without a buddy;
//    she pairs them with a buddy, records a first check-in, and the newcomer's pathway shows
//    the buddy step done.
// Every page is checked with axe.
import { test, expect, checkA11y, londonDate, signIn, signOut } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

const WORDS = {
  en: { interested: "I'm interested", sent: 'Thank you for telling us', appointed: 'Appointed', buddy: 'A buddy' },
  cy: { interested: 'Mae gen i ddiddordeb', sent: 'Diolch am ddweud wrthym', appointed: 'Penodwyd', buddy: 'Cyfaill' },
} as const;

/** The value of the first option of `select` whose text contains `text`. */
async function optionContaining(select: Locator, text: string): Promise<string> {
  const options = await select.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, text: (o.textContent ?? '').trim() })),
  );
  const found = options.find((o) => o.value !== '' && o.text.includes(text));
  expect(found, `an option containing "${text}"`).toBeTruthy();
  return found!.value;
}

async function inLanguage(page: Page, lang: 'en' | 'cy', next: string): Promise<void> {
  await page.goto(`/language?to=${lang}&next=${encodeURIComponent(next)}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await checkA11y(page);
}

/** Moves an expression of interest one step, as the lead, from its page. */
async function move(page: Page, interest: string, to: string): Promise<void> {
  await page.goto(`/interests/${interest}`);
  await checkA11y(page);
  const form = page.locator(`main form[action="/interests/${interest}/transition"]`);
  await form.locator(`input[name="to"][value="${to}"]`).check();
  await form.locator('button[type="submit"]').click();
  await checkA11y(page);
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`a member finds an opportunity on a phone, says they are interested and is appointed, in ${language} (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const stamp = `${lang}-${Date.now()}`;
    const note = lang === 'en' ? `Tuesday afternoons, ${stamp}` : `Prynhawniau dydd Mawrth, ${stamp}`;

    // 1. The lead advertises the forum chair role on Bedw House.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await inLanguage(page, lang, '/opportunities/new');
    const form = page.locator('main form[action="/opportunities/new"]');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#role_id"]')).toBeVisible();
    await expect(page.locator('.nhsuk-error-summary a[href="#closes_on"]')).toBeVisible();
    await checkA11y(page);
    const role = await optionContaining(form.locator('select[name="role_id"]'), lang === 'en' ? 'Forum chair' : 'Cadeirydd fforwm');
    await form.locator('select[name="role_id"]').selectOption(role);
    await form.locator('select[name="unit_id"]').selectOption(await optionContaining(form.locator('select[name="unit_id"]'), 'Bedw'));
    const closes = londonDate(30);
    await form.locator('input[name="closes_on_day"]').fill(closes.day);
    await form.locator('input[name="closes_on_month"]').fill(closes.month);
    await form.locator('input[name="closes_on_year"]').fill(closes.year);
    await form.locator('textarea[name="note_en"]').fill(`Tuesday afternoons, ${stamp}`);
    await form.locator('textarea[name="note_cy"]').fill(`Prynhawniau dydd Mawrth, ${stamp}`);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/opportunities\/\d+$/);
    await checkA11y(page);
    const opportunity = new URL(page.url()).pathname.split('/')[2];
    // Its A4 poster.
    await page.goto(`/opportunities/${opportunity}/poster`);
    await expect(page.locator('main')).toContainText(`Prynhawniau dydd Mawrth, ${stamp}`);
    await checkA11y(page);

    // 2. Alex, on a phone, finds it among the open opportunities and says he is interested.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const alex = await phone.newPage();
    await signIn(alex, 'member@demo.cairn.test');
    await checkA11y(alex);
    await inLanguage(alex, lang, '/opportunities');
    const card = alex.locator('.nhsuk-card', { hasText: note });
    await expect(card).toBeVisible();
    await card.locator(`a[href="/opportunities/${opportunity}"]`).click();
    await expect(alex).toHaveURL(new RegExp(`/opportunities/${opportunity}$`));
    await checkA11y(alex);
    const button = alex.getByRole('button', { name: WORDS[lang].interested });
    // A big target on a small screen.
    const box = await button.boundingBox();
    expect(box && box.height >= 44, 'the button is at least 44 px high').toBeTruthy();
    await alex.locator('textarea[name="message"]').fill(lang === 'en' ? 'I have chaired our house meetings.' : "Rydw i wedi cadeirio cyfarfodydd y tŷ.");
    await button.click();
    await expect(alex).toHaveURL(/\/interests\/\d+\?sent=1$/);
    await expect(alex.locator('#sent')).toContainText(WORDS[lang].sent);
    await checkA11y(alex);
    const interest = new URL(alex.url()).pathname.split('/')[2];

    // 3. The lead talks with him, offers him the role and appoints him.
    await move(page, interest, 'talked');
    await move(page, interest, 'offered');
    await move(page, interest, 'appointed');
    await expect(page).toHaveURL(/\/appointments\/\d+$/);

    // 4. Alex sees the role he now holds, and the interest reads "Appointed".
    await alex.goto('/me');
    await expect(alex.locator('main')).toContainText(lang === 'en' ? 'Forum chair' : 'Cadeirydd fforwm');
    await checkA11y(alex);
    await alex.goto(`/interests/${interest}`);
    await expect(alex.locator('main .nhsuk-summary-list')).toContainText(WORDS[lang].appointed);
    await checkA11y(alex);
    await signOut(alex);
    await phone.close();
    await signOut(page);
  });

  test(`a newcomer is paired with a buddy, in ${language} (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const name = `Newcomer ${lang} ${Date.now()}`;

    // 1. A nurse on Bedw House adds a newcomer.
    await signIn(page, 'staff@demo.cairn.test');
    await checkA11y(page);
    await inLanguage(page, lang, '/people/new');
    const form = page.locator('main form[action="/people/new"]');
    await form.locator('input[name="chosen_name"]').fill(name);
    await form.locator('input[name="constituency"][value="service_user"]').check();
    await form.locator('input[name="unit_ids"]').first().check();
    await form.locator(`input[name="preferred_language"][value="${lang}"]`).check();
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await checkA11y(page);
    const person = new URL(page.url()).pathname.split('/')[2];

    // 2. They are listed without a buddy; the nurse finds them one.
    await page.goto('/buddies');
    await checkA11y(page);
    const find = page.locator(`main a[href="/buddies/new?newcomer=${person}"]`);
    await expect(find).toBeVisible();
    await find.click();
    await checkA11y(page);
    const pairing = page.locator('main form[action="/buddies/new"]');
    await expect(pairing.locator('select[name="newcomer_id"]')).toHaveValue(person);
    const buddies = await pairing.locator('select[name="buddy_id"] option').evaluateAll((os) =>
      os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''),
    );
    expect(buddies.length, 'somebody on Bedw House holds the buddy role').toBeGreaterThan(0);
    await pairing.locator('select[name="buddy_id"]').selectOption(buddies[0]);
    const today = londonDate(0);
    await pairing.locator('input[name="starts_on_day"]').fill(today.day);
    await pairing.locator('input[name="starts_on_month"]').fill(today.month);
    await pairing.locator('input[name="starts_on_year"]').fill(today.year);
    await pairing.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/buddies\/\d+$/);
    await expect(page.locator('main h1')).toContainText(name);
    await checkA11y(page);

    // 3. A first check-in.
    const pairingId = new URL(page.url()).pathname.split('/')[2];
    const checkin = page.locator(`main form[action="/buddies/${pairingId}/checkins"]`);
    await checkin.locator('input[name="held_on_day"]').fill(today.day);
    await checkin.locator('input[name="held_on_month"]').fill(today.month);
    await checkin.locator('input[name="held_on_year"]').fill(today.year);
    await checkin.locator('textarea[name="note"]').fill(lang === 'en' ? 'Showed them the garden.' : "Dangos yr ardd iddyn nhw.");
    await checkin.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/buddies/${pairingId}`));
    await expect(page.locator('main')).toContainText(lang === 'en' ? 'Showed them the garden.' : "Dangos yr ardd iddyn nhw.");
    await checkA11y(page);

    // 4. The newcomer's pathway shows the buddy step done, and they are no longer waiting.
    await page.goto(`/people/${person}/pathway`);
    const buddyStep = page.locator('main .nhsuk-summary-list__row', { hasText: WORDS[lang].buddy }).first();
    await expect(buddyStep.locator('.nhsuk-tag--green')).toBeVisible();
    await checkA11y(page);
    await page.goto('/buddies');
    await expect(page.locator(`main a[href="/buddies/new?newcomer=${person}"]`)).toHaveCount(0);
    await checkA11y(page);
    await signOut(page);
  });
}

/** Opens `path`, checks the page answered and passes axe, and returns it. */
async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers`).toBe(200);
  await checkA11y(page);
}

/** The first link in main whose address matches `pattern`. */
async function firstLink(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => pattern.test(h));
  expect(found, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return found!;
}

for (const lang of ['en', 'cy'] as const) {
  test(`every people and roles page passes axe, in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    // The lead's pages.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await inLanguage(page, lang, '/roles');
    const role = await firstLink(page, /^\/roles\/\d+$/);
    await visit(page, role);
    await visit(page, `${role}/edit`);
    await visit(page, '/roles/new');
    // An empty role description is refused, each problem beside its field.
    await page.locator('main form[action="/roles/new"] button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary a[href="#title_cy"]')).toBeVisible();
    await checkA11y(page);
    await visit(page, '/roles/exits');
    await visit(page, '/recruitment');
    await visit(page, await firstLink(page, /^\/recruitment\/\d+$/));
    await visit(page, '/recruitment/new');
    await visit(page, '/welcome');
    await visit(page, await firstLink(page, /^\/welcome\/\d+$/));
    await visit(page, '/welcome/new');
    await visit(page, '/buddies');
    await visit(page, await firstLink(page, /^\/buddies\/\d+$/));
    await visit(page, '/whos-who');
    await visit(page, await firstLink(page, /^\/whos-who\/units\/\d+$/));
    await visit(page, '/opportunities');
    const opportunity = await firstLink(page, /^\/opportunities\/\d+$/);
    await visit(page, opportunity);
    await visit(page, await firstLink(page, /^\/interests\/\d+$/));
    await visit(page, '/people');
    const person = await firstLink(page, /^\/people\/\d+$/);
    await visit(page, person);
    await visit(page, `${person}/profile`);
    await visit(page, `${person}/pathway`);
    await visit(page, `${person}/leave`);
    await signOut(page);

    // A member's own pages, on a phone.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const alex = await phone.newPage();
    await signIn(alex, 'member@demo.cairn.test');
    await checkA11y(alex);
    await inLanguage(alex, lang, '/me');
    await visit(alex, '/me/profile');
    await visit(alex, '/my-buddy');
    await visit(alex, '/whos-who');
    await visit(alex, '/opportunities');
    await signOut(alex);
    await phone.close();
  });
}
