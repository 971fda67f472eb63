// The foundation journey, once in English and once in Welsh: an administrator signs in, adds a
// unit, adds a person to it (getting a form error first), and signs out. Every page is checked
// with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';
import type { Page } from '@playwright/test';

const TEXT = {
  en: { addUnit: 'Add a unit', errorTitle: /^Error:/ },
  cy: { addUnit: 'Ychwanegu uned', errorTitle: /^Gwall:/ },
} as const;

type Lang = keyof typeof TEXT;

async function expectLang(page: Page, lang: Lang): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** The one submit button of the form in <main>. */
async function submitMainForm(page: Page): Promise<void> {
  await page.locator('main form button[type="submit"]').click();
}

for (const lang of ['en', 'cy'] as const) {
  test(`foundation journey in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page }) => {
    const t = TEXT[lang];
    const stamp = `${lang} ${Date.now()}`;
    const unitName = `E2E unit ${stamp}`;
    const chosenName = `E2E person ${stamp}`;
    const accessNeeds = 'Needs a hearing loop and step-free access';

    // Sign in (English by default) and land on the home page.
    await signIn(page, 'admin@demo.cairn.test');
    await expectLang(page, 'en');
    await checkA11y(page);

    if (lang === 'cy') {
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await expectLang(page, 'cy');
      await checkA11y(page);
    }

    // Units: the list, then a new unit.
    await page.goto('/units');
    await expectLang(page, lang);
    await checkA11y(page);

    await page.getByRole('link', { name: t.addUnit, exact: true }).click();
    await expect(page).toHaveURL(/\/units\/new$/);
    await expectLang(page, lang);
    await checkA11y(page);

    const unitForm = page.locator('main form');
    await unitForm.locator('[name="name"]').fill(unitName);
    await unitForm.locator('[name="beds"]').fill('12');
    const service = unitForm.locator('select[name="service_id"]');
    const serviceId = await service.locator('option[value]:not([value=""])').first().getAttribute('value');
    expect(serviceId, 'the demo organisation offers at least one service to choose').toBeTruthy();
    await service.selectOption(serviceId as string);
    await unitForm.locator('select[name="unit_type"]').selectOption('open_rehab');
    await unitForm.locator('input[name="gender_mix"][value="mixed"]').check();
    await submitMainForm(page);

    await expect(page.getByRole('heading', { level: 1 })).toContainText(unitName);
    await expectLang(page, lang);
    await checkA11y(page);

    // People: a new person, sent once with the required name missing.
    await page.goto('/people/new');
    await expectLang(page, lang);
    await checkA11y(page);

    const personForm = page.locator('main form');
    await personForm.locator('textarea[name="access_needs"]').fill(accessNeeds);
    await submitMainForm(page);

    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary).toBeVisible();
    await expect(summary, 'cairn.js moves focus to the error summary').toBeFocused();
    await expect(page).toHaveTitle(t.errorTitle);
    const nameInput = personForm.locator('[name="chosen_name"]');
    const nameGroup = page.locator('main form .nhsuk-form-group', { has: page.locator('[name="chosen_name"]') });
    const nameError = nameGroup.locator('.nhsuk-error-message');
    await expect(nameError).toBeVisible();
    const errorId = await nameError.getAttribute('id');
    expect(errorId, 'the error message beside chosen_name has an id').toBeTruthy();
    await expect(nameInput).toHaveAttribute('aria-describedby', new RegExp(`(^|\\s)${errorId}(\\s|$)`));
    await expect(personForm.locator('textarea[name="access_needs"]')).toHaveValue(accessNeeds);
    await expectLang(page, lang);
    await checkA11y(page);

    // Now complete it.
    await nameInput.fill(chosenName);
    await personForm.locator('input[name="constituency"][value="carer"]').check();
    await personForm
      .locator('input[name="unit_ids"]')
      .and(page.getByRole('checkbox', { name: unitName, exact: true }))
      .check();
    await personForm.locator('input[name="preferred_language"][value="cy"]').check();
    await submitMainForm(page);

    await expect(page.getByRole('heading', { level: 1 })).toContainText(chosenName);
    await expect(page.locator('main')).toContainText(unitName);
    await expectLang(page, lang);
    await checkA11y(page);

    if (lang === 'cy') {
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await expectLang(page, 'en');
      await checkA11y(page);
    }

    await signOut(page);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await checkA11y(page);
  });
}
