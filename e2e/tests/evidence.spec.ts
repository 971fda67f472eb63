// Ward staff keep evidence for a practice Cairn cannot see: they open their unit's evidence,
// add a sampled audit of care plans (refused beside the field when more met than were looked
// at, with what was typed kept), and the unit's assessment shows the practice's measure — in
// English and in Welsh.
import { test, expect, checkA11y, signIn } from '../fixtures';
import type { Page } from '@playwright/test';

async function useLanguage(page: Page, lang: 'en' | 'cy'): Promise<void> {
  const other = page.getByRole('button', { name: lang === 'cy' ? 'Cymraeg' : 'English', exact: true });
  if ((await other.count()) > 0) {
    await other.click();
    await checkA11y(page);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

const WORDS = {
  en: {
    add: 'Add an audit',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    practice: 'L2.09: care and activity plans written by the person',
    looked: 'How many were looked at',
    met: 'How many met the practice',
    save: 'Save',
    tooMany: 'This cannot be more than how many were looked at',
    line: '7 of 10 met the practice',
  },
  cy: {
    add: 'Ychwanegu archwiliad',
    day: 'Diwrnod',
    month: 'Mis',
    year: 'Blwyddyn',
    practice: 'L2.09: cynlluniau gofal a gweithgareddau a ysgrifennwyd gan y person',
    looked: 'Faint a edrychwyd arnynt',
    met: "Faint oedd yn bodloni'r arfer",
    save: 'Cadw',
    tooMany: 'Ni all hwn fod yn fwy na faint a edrychwyd arnynt',
    line: "roedd 7 o 10 yn bodloni'r arfer",
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`staff add a sampled audit to their unit's evidence (${lang})`, async ({ page }) => {
    await signIn(page, 'staff@demo.cairn.test');
    await checkA11y(page);
    await useLanguage(page, lang);
    // The staff member's unit: the first unit link on the units page.
    await page.goto('/units');
    await checkA11y(page);
    const href = await page.locator('main a[href^="/units/"]').first().getAttribute('href');
    const unit = href!.split('/')[2];
    await page.goto(`/units/${unit}/evidence`);
    await checkA11y(page);
    await page.getByRole('link', { name: w.add }).click();
    await checkA11y(page);

    const today = new Date();
    await page.getByLabel(w.day, { exact: true }).fill(String(today.getDate()));
    await page.getByLabel(w.month, { exact: true }).fill(String(today.getMonth() + 1));
    await page.getByLabel(w.year, { exact: true }).fill(String(today.getFullYear()));
    await page.getByRole('radio', { name: w.practice }).check();
    await page.getByLabel(w.looked, { exact: true }).fill('10');
    await page.getByLabel(w.met, { exact: true }).fill('11');
    await page.getByRole('button', { name: w.save }).click();
    await checkA11y(page);
    await expect(page.locator('#met-error')).toContainText(w.tooMany);
    await expect(page.getByLabel(w.looked, { exact: true })).toHaveValue('10');

    await page.getByLabel(w.met, { exact: true }).fill('7');
    await page.getByLabel(w.met, { exact: true }).press('Enter');
    await checkA11y(page);
    await expect(page.locator('[data-kind="practice_audit"]')).toContainText(w.line);
  });
}
