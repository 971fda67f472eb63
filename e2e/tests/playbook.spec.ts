// The lead sees a challenge raised on a unit from their home page, opens the unit's playbook
// with its signals, evidence and what helped, and takes on an action (refused beside the
// field when the date is not real, with what was typed kept) — in English and in Welsh.
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
    home: 'Home',
    raised: 'Challenges raised',
    helped: 'What helped',
    signals: 'Signals',
    firing: 'Firing',
    take: 'Take on an action',
    what: 'What will be done',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    save: 'Save the action',
    realDate: 'real date',
    saved: 'The action has been saved.',
  },
  cy: {
    home: 'Hafan',
    raised: 'Heriau wedi\'u codi',
    helped: 'Beth a helpodd',
    signals: 'Arwyddion',
    firing: 'Yn tanio',
    take: 'Ymgymryd â cham gweithredu',
    what: 'Beth fydd yn cael ei wneud',
    day: 'Diwrnod',
    month: 'Mis',
    year: 'Blwyddyn',
    save: "Cadw'r cam gweithredu",
    realDate: 'go iawn',
    saved: "Mae'r cam gweithredu wedi'i gadw.",
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`the lead takes on an action for a challenge raised on a unit (${lang})`, async ({ page }) => {
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await useLanguage(page, lang);
    await page.goto('/home');
    await checkA11y(page);
    await expect(page.getByRole('heading', { name: w.raised })).toBeVisible();
    await page.locator('[data-raised-challenges] a').first().click();
    await checkA11y(page);

    const raised = page.locator('section[data-raised]').first();
    await expect(raised).toBeVisible();
    await expect(raised.getByRole('heading', { name: w.helped })).toBeVisible();
    await expect(raised.getByRole('table')).toContainText(w.firing);
    const help = raised.locator('ul.nhsuk-list--bullet a').first();
    await expect(help).toHaveAttribute('href', /^\//);

    await raised.getByRole('link', { name: new RegExp(w.take) }).click();
    await checkA11y(page);
    const text = lang === 'en' ? 'Talk it through at the next forum' : "Siarad amdano yn y fforwm nesaf";
    await page.getByLabel(w.what, { exact: true }).fill(text);
    await page.getByLabel(w.day, { exact: true }).fill('31');
    await page.getByLabel(w.month, { exact: true }).fill('2');
    await page.getByLabel(w.year, { exact: true }).fill(String(new Date().getFullYear() + 1));
    await page.getByRole('button', { name: w.save }).click();
    await checkA11y(page);
    await expect(page.locator('#due_on-error')).toBeVisible();
    await expect(page.getByLabel(w.what, { exact: true })).toHaveValue(text);

    await page.getByLabel(w.day, { exact: true }).fill('28');
    await page.getByRole('button', { name: w.save }).click();
    await checkA11y(page);
    await expect(page.getByRole('status')).toContainText(w.saved);
    await expect(page.locator('main')).toContainText(text);

    // The whole playbook: every challenge with its signals and thresholds.
    await page.goto('/playbook');
    await checkA11y(page);
    await expect(page.locator('section[data-challenge]')).toHaveCount(6);
  });
}

test('the board reads a unit\'s playbook, the catalogue and representation without people', async ({ page }) => {
  await signIn(page, 'viewer@demo.cairn.test');
  await checkA11y(page);
  await useLanguage(page, 'en');
  await page.goto('/reports/measures');
  await checkA11y(page);
  await expect(page.locator('[data-live="L1.08"]')).toBeVisible();
  await page.goto('/meetings/representation');
  await checkA11y(page);
  await expect(page.locator('main')).toContainText('Attendance counts of fewer than');
  await page.goto('/reports');
  await checkA11y(page);
  const link = page.locator('[data-raised-challenges] a').first();
  await link.click();
  await checkA11y(page);
  await expect(page.locator('section[data-raised]').first()).toBeVisible();
  await expect(page.locator('main a[href^="/people/"]')).toHaveCount(0);
  await expect(page.locator('main a[href*="/actions/new"]')).toHaveCount(0);
});

test('a member reads the handbook in Welsh and English side by side, and in Easy Read', async ({ page }) => {
  await signIn(page, 'member@demo.cairn.test');
  await checkA11y(page);
  await page.goto('/handbook?lang=both');
  await checkA11y(page);
  const sides = page.locator('section[lang]');
  await expect(sides.first()).toHaveAttribute('lang', 'cy');
  await expect(page.locator('main')).toContainText('Llawlyfr i ddefnyddwyr gwasanaeth a gofalwyr');
  await expect(page.locator('main')).toContainText('Handbook for service users and carers');
  await page.goto('/handbook?lang=en&easy=1');
  await checkA11y(page);
  await expect(page.locator('main.cairn-easy-read')).toBeVisible();
  await expect(page.locator('main')).toContainText('Roles you can take on');
});
