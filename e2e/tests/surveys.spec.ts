// Surveys, in English and in Welsh.
//
// Someone opens a unit's survey link on a tablet, switches to Easy Read, sends without a
// rating and is shown what is missing beside the question with their comment kept, then
// answers by keyboard and is thanked. A lead starts a survey from the baseline template,
// opens a round on two units, and reads a round's results, where small numbers are shown as
// "fewer than 5". On a ward kiosk, the Friends and Family Test is answered by keyboard at
// tablet size, and a half-answered form left alone warns and then clears itself for the next
// person. Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';

const WORDS = {
  en: { idle: 'Are you still there?', next: 'Start again for the next person', easy: 'Easy Read version', rating: 'How was our service?', good: 'Good', thanks: 'Thank you', required: 'Answer this question', fewer: 'fewer than 5', results: 'Results', template: 'Co-production baseline for staff', saved: 'Baseline' },
  cy: { idle: 'Ydych chi yno o hyd?', next: 'Dechrau eto ar gyfer y person nesaf', easy: 'Fersiwn Hawdd ei Ddeall', rating: 'Sut oedd ein gwasanaeth?', good: 'Da', thanks: 'Diolch', required: 'Atebwch y cwestiwn hwn', fewer: 'llai na 5', results: 'Canlyniadau', template: 'Llinell sylfaen cydgynhyrchu ar gyfer staff', saved: 'Llinell sylfaen' },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const words = WORDS[lang];

  test(`a lead starts a baseline, opens a round and reads results with small numbers hidden, in ${language} (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/surveys`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // A new survey from the staff baseline.
    await page.locator('main a[href="/surveys/new"]').click();
    await checkA11y(page);
    await page.locator('main input[name="title_en"]').fill(`Staff baseline ${lang}`);
    await page.locator('main label', { hasText: words.template }).click();
    await page.locator('main form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/surveys\/\d+$/);
    await checkA11y(page);

    // A round on the first two units; a closing date before the opening date is refused.
    const form = page.locator('main form[action$="/rounds"]');
    await form.locator('input[name="name"]').fill(words.saved);
    await form.locator('input[name="unit_ids"]').nth(0).check();
    await form.locator('input[name="unit_ids"]').nth(1).check();
    await form.locator('input[name="opens_on_day"]').fill('10');
    await form.locator('input[name="opens_on_month"]').fill('1');
    await form.locator('input[name="opens_on_year"]').fill('2027');
    await form.locator('input[name="closes_on_day"]').fill('1');
    await form.locator('input[name="closes_on_month"]').fill('1');
    await form.locator('input[name="closes_on_year"]').fill('2027');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('main .nhsuk-error-summary')).toBeVisible();
    await expect(page.locator('main input[name="name"]')).toHaveValue(words.saved);
    await checkA11y(page);
    await page.locator('main input[name="closes_on_month"]').fill('2');
    await page.locator('main form[action$="/rounds"] button[type="submit"]').click();
    await expect(page.locator('main .nhsuk-card h3', { hasText: words.saved })).toBeVisible();
    await checkA11y(page);

    // The demo's satisfaction survey: a unit with few answers shows "fewer than 5".
    await page.goto('/surveys');
    await checkA11y(page);
    await page.locator('main a[href^="/surveys/"]').last().click();
    await checkA11y(page);
    await page.locator('main a[href^="/surveys/rounds/"]').first().click();
    await expect(page.locator('main h1')).toHaveText(words.results);
    await checkA11y(page);
    const few = page.locator('main a[href*="unit_id="]');
    // Every third demo unit has few answers: the third unit's results.
    await page.goBack();
    await checkA11y(page);
    const links = await few.count();
    expect(links).toBeGreaterThan(2);
    await few.nth(2).click();
    await expect(page.locator('main')).toContainText(words.fewer);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });

  test(`someone answers a unit's survey link in Easy Read by keyboard, in ${language} (${lang})`, async ({ browser }) => {
    // The link of the demo's open satisfaction round, as a lead sees it.
    const lead = await browser.newContext();
    const leadPage = await lead.newPage();
    await signIn(leadPage, 'lead@demo.cairn.test');
    await checkA11y(leadPage);
    await leadPage.goto('/surveys');
    await checkA11y(leadPage);
    await leadPage.locator('main a[href^="/surveys/"]').last().click();
    await checkA11y(leadPage);
    const href = await leadPage.locator('main .nhsuk-card').last().locator('a[href^="/s/"]').first().getAttribute('href');
    await signOut(leadPage);
    await checkA11y(leadPage);
    await lead.close();

    // A tablet, nobody signed in.
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 } });
    const page = await context.newPage();
    await page.goto(`/language?to=${lang}&next=${href}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a', { hasText: words.easy }).click();
    await expect(page.locator('main legend').first()).toContainText(words.rating);
    await checkA11y(page);

    // Sent without a rating: the message is beside the question and the comment is kept.
    await page.locator('main textarea').fill(lang === 'en' ? 'Kind staff' : 'Staff caredig');
    await page.locator('main form button[type="submit"]').click();
    await expect(page.locator('main .nhsuk-error-message').first()).toContainText(words.required);
    await expect(page.locator('main textarea')).toHaveValue(lang === 'en' ? 'Kind staff' : 'Staff caredig');
    await checkA11y(page);

    // By keyboard: focus the first rating, arrow to the second ("good"), send.
    await page.locator('main input[type="radio"]').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('main input[type="radio"]').nth(1)).toBeChecked();
    await page.locator('main form button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main [role="status"] h2')).toHaveText(words.thanks);
    await checkA11y(page);
    await context.close();
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const words = WORDS[lang];

  test(`the Friends and Family Test on a ward kiosk, by keyboard, clears itself when left, in ${language} (${lang})`, async ({ browser }) => {
    const lead = await browser.newContext();
    const leadPage = await lead.newPage();
    await signIn(leadPage, 'lead@demo.cairn.test');
    await checkA11y(leadPage);
    await leadPage.goto('/surveys');
    await checkA11y(leadPage);
    await leadPage.locator('main a[href^="/surveys/"]').last().click();
    await checkA11y(leadPage);
    const kiosk = await leadPage.locator('main .nhsuk-card').last().locator('a[href$="?kiosk=1"]').first().getAttribute('href');
    await signOut(leadPage);
    await checkA11y(leadPage);
    await lead.close();

    const context = await browser.newContext({ viewport: { width: 820, height: 1180 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`/language?to=${lang}&next=${encodeURIComponent(kiosk!)}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // Someone starts, then walks away: a warning after a minute, then a fresh form.
    await page.locator('main textarea').fill(lang === 'en' ? 'Half a thought' : 'Hanner syniad');
    await page.clock.fastForward('01:05');
    await expect(page.locator('#kiosk-idle')).toBeVisible();
    await expect(page.locator('#kiosk-idle')).toContainText(words.idle);
    await checkA11y(page);
    await page.clock.fastForward('01:05');
    await expect(page.locator('main textarea')).toHaveValue('');
    await checkA11y(page);

    // The next person answers by keyboard and is thanked; the kiosk offers a fresh start.
    await page.locator('main input[type="radio"]').first().focus();
    await page.keyboard.press('Space');
    await expect(page.locator('main input[type="radio"]').first()).toBeChecked();
    await page.locator('main form button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main [role="status"] h2')).toHaveText(words.thanks);
    await checkA11y(page);
    await page.locator('main a', { hasText: words.next }).click();
    await expect(page.locator('main input[type="radio"]:checked')).toHaveCount(0);
    await checkA11y(page);
    await context.close();
  });
}

// A member on a phone: signed in, they find their unit's confidential baseline on their home
// page, switch to Easy Read, answer by keyboard and are thanked; the survey is then marked as
// answered, and opening it again says so. Alex (a service user) answers in English, Mair (a
// carer) in Welsh, each their own baseline.
const MEMBERS = {
  en: { email: 'member@demo.cairn.test', survey: 'Co-production baseline: service users', yes: 'Yes', answered: 'answered, thank you', already: 'You have already answered this survey.', words: 'More groups at the weekend' },
  cy: { email: 'carer@demo.cairn.test', survey: 'Llinell sylfaen cydgynhyrchu: gofalwyr', yes: 'Ie', answered: "wedi'i ateb, diolch", already: "Rydych chi wedi ateb yr arolwg hwn yn barod.", words: 'Mwy o gyfarfodydd gyda’r nos' },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const words = WORDS[lang];
  const m = MEMBERS[lang];

  test(`a member answers their baseline on a phone in Easy Read, signed in, in ${language} (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signIn(page, m.email);
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/home`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    await page.locator('main a', { hasText: m.survey }).click();
    await expect(page.locator('main h1')).toHaveText(m.survey);
    await checkA11y(page);
    await page.locator('main a', { hasText: words.easy }).click();
    await checkA11y(page);

    // By keyboard: the first statement's fourth answer ("Yes"), a few words, then send.
    const first = page.locator('main fieldset').first();
    await first.locator('input[type="radio"]').first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(first.locator('input[type="radio"]:checked + label')).toHaveText(m.yes);
    await page.locator('main textarea').first().fill(m.words);
    await page.locator('main form button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main [role="status"] h2')).toHaveText(words.thanks);
    await checkA11y(page);

    // Home marks it answered; the link says so instead of asking again.
    await page.goto('/home');
    const item = page.locator('main li', { hasText: m.survey });
    await expect(item).toContainText(m.answered);
    await checkA11y(page);
    await context.close();
  });
}

// The lead prints single-use cards and a unit's poster (each with its QR code), and the
// organisation's administrator opens the comments waiting for a check for names.
const PRINT = {
  en: { cards: 'Print single-use cards', make: 'Make the cards', poster: 'Poster', check: 'Check comments for names', title: 'Single-use survey cards' },
  cy: { cards: 'Argraffu cardiau untro', make: 'Gwneud y cardiau', poster: 'Poster', check: 'Gwirio sylwadau am enwau', title: 'Cardiau arolwg untro' },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const p = PRINT[lang];

  test(`a lead prints cards and a poster with QR codes and comments wait for a check, in ${language} (${lang})`, async ({ page, browser }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/surveys`);
    await checkA11y(page);
    // The satisfaction survey is the oldest, last in the list.
    await page.locator('main a[href^="/surveys/"]').last().click();
    await checkA11y(page);
    const surveyUrl = page.url();
    const round = page.locator('main .nhsuk-card').last();
    await round.locator('summary', { hasText: p.cards }).click();
    await round.locator('input[name="count"]').fill('4');
    await round.getByRole('button', { name: p.make }).click();
    await expect(page.locator('main h1')).toHaveText(p.title);
    await expect(page.locator('main .cairn-card-slip svg')).toHaveCount(4);
    await checkA11y(page);

    await page.goto(surveyUrl);
    await checkA11y(page);
    await page.locator('main .nhsuk-card').last().locator('a', { hasText: p.poster }).first().click();
    await expect(page.locator('main .cairn-card-slip svg')).toHaveCount(1);
    await checkA11y(page);

    // The administrator, in a browser of their own.
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, 'admin@demo.cairn.test');
    await checkA11y(admin);
    await admin.goto(`/language?to=${lang}&next=/surveys`);
    await checkA11y(admin);
    await admin.locator('main a[href^="/surveys/"]').last().click();
    await checkA11y(admin);
    await admin.locator('main a[href^="/surveys/rounds/"]').first().click();
    await checkA11y(admin);
    await admin.locator('main a', { hasText: p.check }).click();
    await expect(admin.locator('main h1')).toHaveText(p.check);
    await checkA11y(admin);
    await context.close();
  });
}
