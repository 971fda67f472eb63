// The model journey, in English and in Welsh: the co-production lead opens a unit's
// self-assessment, puts a practice in place with evidence, sees the level's percentage rise,
// and takes a baseline. Every page is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';
import type { Page } from '@playwright/test';

const WORDS = {
  en: { done: ['In place', 'Does not apply'], baselineKind: 'baseline' },
  cy: { done: ['Ar waith', "Nid yw'n berthnasol"], baselineKind: 'baseline' },
} as const;

async function levelOnePercent(page: Page): Promise<number> {
  const text = await page.locator('#levels [data-level-percent]').first().innerText();
  return Number.parseInt(text, 10);
}

for (const lang of ['en', 'cy'] as const) {
  test(`the lead puts a practice in place and takes a baseline in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    // Each run chooses its language explicitly (the choice is remembered on the account).
    await page.goto(`/language?to=${lang}&next=/assessment`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('svg[role="img"]')).toHaveCount(1);
    await checkA11y(page);

    // The service-wide view lists units by name; open the first unit's assessment.
    await page.locator('main table tbody th a').first().click();
    await expect(page).toHaveURL(/\/units\/\d+\/assessment$/);
    await checkA11y(page);
    const before = await levelOnePercent(page);

    // A level-1 practice that is not yet in place.
    const rows = page.locator('main tbody tr[id^="L1."]');
    const count = await rows.count();
    let chosen = '';
    for (let i = 0; i < count; i++) {
      const status = (await rows.nth(i).locator('.nhsuk-tag').first().innerText()).trim();
      if (!WORDS[lang].done.includes(status as never)) {
        chosen = (await rows.nth(i).getAttribute('id')) ?? '';
        break;
      }
    }
    expect(chosen, 'the demo unit has a level-1 practice still to do').not.toBe('');
    await page.locator(`main tbody tr[id="${chosen}"] a`).first().click();
    await expect(page).toHaveURL(new RegExp(`/assessment/${chosen.replace('.', '\\.')}$`));
    await checkA11y(page);

    const form = page.locator('main form');
    await form.locator('input[name="status"][value="in_place"]').check();
    await form.locator('textarea[name="evidence"]').fill(`Agreed at the community meeting (${lang})`);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/units\/\d+\/assessment(#.*)?$/);
    await checkA11y(page);
    const after = await levelOnePercent(page);
    expect(after, 'level 1 percentage rises').toBeGreaterThan(before);
    await expect(page.locator(`main tbody tr[id="${chosen}"] .nhsuk-tag--green`)).toBeVisible();

    // Take a baseline.
    await page.goto('/assessment/rounds');
    await checkA11y(page);
    const name = `Baseline ${lang} ${Date.now()}`;
    await page.locator(`main form[action="/assessment/rounds"] input[name="kind"][value="${WORDS[lang].baselineKind}"]`).check();
    await page.locator('main form[action="/assessment/rounds"] input[name="name"]').fill(name);
    await page.locator('main form[action="/assessment/rounds"] button[type="submit"]').click();
    await expect(page.locator('main table')).toContainText(name);
    await checkA11y(page);

    await signOut(page);
    await checkA11y(page);
  });
}
