// The coordinator's side of accredited training, in English and in Welsh.
//
// A lead opens the interview-panel course (assessed, with a credit), marks a learner as
// passed, records another learner's details for credits and downloads the registration file;
// prints a session's register for paper sign-in (Welsh first, then English); reads the
// training report; and sees on the panel role that it needs the course. A member sees courses
// to try next on "About me". Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';

const WORDS = {
  en: { course: 'Sitting on an interview panel', learners: 'See learners, assessments and credits', report: 'Training report', needs: 'Training this role needs', next: 'Courses you could try next' },
  cy: { course: 'Eistedd ar banel cyfweld', learners: 'Gweld dysgwyr, asesiadau a chredydau', report: 'Adroddiad hyfforddiant', needs: "Yr hyfforddiant sydd ei angen ar gyfer y rôl hon", next: 'Cyrsiau y gallech roi cynnig arnynt nesaf' },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const language = lang === 'en' ? 'English' : 'Welsh';
  const words = WORDS[lang];

  test(`a lead assesses, registers a learner for credits, prints a register and reads the report, in ${language} (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/training`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a.nhsuk-card__link').filter({ hasText: words.course }).click();
    await expect(page.locator('main h1')).toHaveText(words.course);
    await checkA11y(page);

    // The learners: an assessment for one, details for credits for another.
    await page.locator('main a', { hasText: words.learners }).click();
    await expect(page).toHaveURL(/\/training\/courses\/\d+\/learners$/);
    await checkA11y(page);
    const mark = page.locator('main form[action$="/assessments"] button');
    if ((await mark.count()) > 0) {
      await mark.first().click();
      await expect(page.locator('main [role="status"]')).toBeVisible();
      await checkA11y(page);
    }
    const form = page.locator('main form[action$="/credits"]');
    await form.locator('select[name="person_id"]').selectOption({ index: lang === 'en' ? 1 : 2 });
    await form.locator('input[name="given_names"]').fill('Rhian');
    await form.locator('input[name="family_name"]').fill(`Prys-${lang}`);
    // A date of birth that does not exist is refused beside the field, keeping the names.
    await form.locator('input[name="date_of_birth_day"]').fill('30');
    await form.locator('input[name="date_of_birth_month"]').fill('2');
    await form.locator('input[name="date_of_birth_year"]').fill('1984');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('main .nhsuk-error-summary')).toBeVisible();
    await expect(page.locator('main input[name="family_name"]')).toHaveValue(`Prys-${lang}`);
    await checkA11y(page);
    await page.locator('main input[name="date_of_birth_day"]').fill('28');
    await page.locator('main form[action$="/credits"] button[type="submit"]').click();
    await expect(page.locator('main [role="status"]')).toBeVisible();
    await checkA11y(page);
    // The details are in the file, never on the page.
    await expect(page.locator('main')).not.toContainText(`Prys-${lang}`);
    const href = await page.locator('main a[href$="/accreditation.csv"]').getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(`Prys-${lang},Rhian,28/02/1984`);

    // A register to print: Welsh first, then English, whatever the page language.
    await page.goto(page.url().replace(/\/learners.*$/, ''));
    await checkA11y(page);
    await page.locator('main a[href^="/training/sessions/"]').first().click();
    await checkA11y(page);
    await page.locator('main a[href$="/print"]').click();
    await expect(page.locator('h1 span[lang="cy"]')).toHaveText('Cofrestr');
    await expect(page.locator('h1 span[lang="en"]')).toHaveText('Register');
    await checkA11y(page);

    // The training report: a chart with its table.
    await page.goto('/training');
    await checkA11y(page);
    await page.locator('main a', { hasText: words.report }).click();
    await expect(page.locator('main h1')).toHaveText(words.report);
    await expect(page.locator('#training-chart')).toBeVisible();
    await checkA11y(page);

    // The panel role says it needs the course.
    await page.goto('/roles');
    await checkA11y(page);
    await page.locator('main a[href^="/roles/"]').filter({ hasText: lang === 'en' ? /panel/i : /banel/i }).first().click();
    await expect(page.locator('main #training')).toHaveText(words.needs);
    await expect(page.locator('main')).toContainText(words.course);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });

  test(`a member sees courses to try next on About me, in ${language} (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'member@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/me`);
    await expect(page.locator('main')).toContainText(words.next);
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
    await context.close();
  });
}
