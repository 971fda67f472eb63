// Training, in English and in Welsh.
//
// A member on a phone opens Training from the menu, finds a course in the prospectus and asks
// to do it; the course page then says they have asked; they send an idea for a course. A member
// of staff opens the register of a session and types in the paper register: each line then says
// who entered it. A lead turns a peer trainer's delivery into a claim from the register. A
// member sees their learning, credits and a certificate. Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';

const WORDS = {
  en: { course: 'Chairing a meeting', ask: "I'd like to do this course", asked: 'You have asked to do this course', saved: 'The register is saved.', attended: 'Attended' },
  cy: { course: 'Adrodd eich stori yn ddiogel', ask: 'Hoffwn i wneud y cwrs hwn', asked: "Rydych chi wedi gofyn am wneud y cwrs hwn", saved: "Mae'r gofrestr wedi'i chadw.", attended: 'Yn bresennol' },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const words = WORDS[lang];

  test(`a member on a phone finds a course and asks to do it, in ${language} (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'member@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/training`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // The prospectus, by level; a Level 2 course (a different one in each language, so each
    // run asks afresh).
    await page.locator('main a.nhsuk-card__link').filter({ hasText: words.course }).click();
    await expect(page.locator('main h1')).toHaveText(words.course);
    await checkA11y(page);

    // Asking, once; the page then says so instead of offering the button again.
    await page.locator('main form button[type="submit"]', { hasText: words.ask }).click();
    await expect(page.locator('main [role="status"]')).toBeVisible();
    await expect(page.locator('main')).toContainText(words.asked);
    await expect(page.locator('main form button', { hasText: words.ask })).toHaveCount(0);
    await checkA11y(page);

    // An idea for the training agenda, from the foot of the prospectus.
    await page.goto('/training');
    await page.locator('main form[action="/training/topics"] textarea[name="topic"]').fill(lang === 'en' ? 'Cooking on a budget' : 'Coginio ar gyllideb');
    await page.locator('main form[action="/training/topics"] button[type="submit"]').click();
    await expect(page.locator('main #suggest-topic ~ [role="status"]')).toBeVisible();
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
    await context.close();
  });

  test(`staff type in a paper register, in ${language} (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/training`);
    await checkA11y(page);
    await page.locator('main a.nhsuk-card__link').first().click();
    await checkA11y(page);

    // The last session listed has people booked: open its register.
    await page.locator('main a[href^="/training/sessions/"]').last().click();
    await expect(page).toHaveURL(/\/training\/sessions\/\d+$/);
    await checkA11y(page);
    const first = page.locator('main form fieldset .nhsuk-radios').first();
    await first.locator('input[value="attended"]').check();
    await page.locator('main form[data-cairn-keep] button[type="submit"]').click();

    await expect(page.locator('main [role="status"]')).toHaveText(words.saved);
    await expect(page.locator('main form fieldset .nhsuk-radios').first().locator('input[value="attended"]')).toBeChecked();
    await expect(page.locator('main form .nhsuk-hint').first()).toContainText('lead@demo.cairn.test');
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`a peer trainer's delivery becomes a claim from the register, in ${language} (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/training`);
    await checkA11y(page);
    // A different course in each language, so each run finds a trainer not yet paid.
    await page.locator('main a.nhsuk-card__link').nth(lang === 'en' ? 1 : 2).click();
    await checkA11y(page);
    // The most recent session that has happened with a peer trainer.
    await page.locator('#past-sessions li[data-co-delivered] a').first().click();
    await checkA11y(page);

    const claim = page.locator('main form[action$="/claims"]').first();
    await claim.locator('input[name="prep_minutes"]').fill('30');
    await claim.locator('input[name="debrief_minutes"]').fill('15');
    await claim.locator('button[type="submit"]').click();

    // The claim's own page: a draft for training delivery, to send when ready. Its description
    // is in the trainer's own language, whichever the page is in.
    await expect(page).toHaveURL(/\/payments\/claims\/\d+$/);
    await expect(page.locator('main')).toContainText(/Training delivery:|Cyflwyno hyfforddiant:/);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';

  test(`a member sees their learning, credits and a certificate, in ${language} (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'member@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/training`);
    await checkA11y(page);

    await expect(page.locator('main h2').first()).toHaveText(lang === 'en' ? 'Your learning' : 'Eich dysgu');
    await expect(page.locator('main')).toContainText(lang === 'en' ? 'credits at Entry 3' : '(Mynediad 3)');
    await page.locator('main a[href^="/training/certificates/"]').first().click();
    await expect(page.locator('main h1')).toHaveText(/Certificate of completion|Tystysgrif cwblhau/);
    await expect(page.locator('main code')).toHaveText(/^CRN-/);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
    await context.close();
  });
}
