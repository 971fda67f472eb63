// An organisation administrator connects another system by webhook, in English and in Welsh:
// from the settings to the list, a form refused beside its fields (keeping what was typed),
// the endpoint made with its secret shown once, a new secret, and deleting after being asked.
import { test, expect, checkA11y, signIn } from '../fixtures';

const WORDS = {
  en: {
    settingsLink: 'Webhooks: tell your other systems when things change',
    add: 'Add an endpoint',
    url: 'Address (URL)',
    save: 'Add endpoint',
    httpsError: 'Enter an address starting with https://',
    eventsError: 'Select at least one event',
    event: 'A suggestion arrives, by any route',
    personal: 'Include names and what people wrote',
    once: 'Copy this secret now',
    rotate: 'Make a new secret',
    deleteLink: 'Delete this endpoint',
    deleteButton: 'Delete endpoint',
    deleted: 'The endpoint was deleted.',
  },
  cy: {
    settingsLink: "Bachau gwe: rhoi gwybod i'ch systemau eraill pan fydd pethau'n newid",
    add: 'Ychwanegu pwynt terfyn',
    url: 'Cyfeiriad (URL)',
    save: "Ychwanegu'r pwynt terfyn",
    httpsError: "Rhowch gyfeiriad sy'n dechrau gydag https://",
    eventsError: 'Dewiswch o leiaf un digwyddiad',
    event: 'Daw awgrym i law, ar unrhyw lwybr',
    personal: "Cynnwys enwau a'r hyn a ysgrifennodd pobl",
    once: "Copïwch y gyfrinach hon nawr",
    rotate: 'Gwneud cyfrinach newydd',
    deleteLink: "Dileu'r pwynt terfyn hwn",
    deleteButton: "Dileu'r pwynt terfyn",
    deleted: 'Cafodd y pwynt terfyn ei ddileu.',
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`an administrator adds, rotates and deletes a webhook endpoint (${lang})`, async ({ page }) => {
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/settings`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.getByRole('link', { name: w.settingsLink }).click();
    await checkA11y(page);
    await page.getByRole('link', { name: w.add }).click();
    await checkA11y(page);

    // Plain http to another machine and no event: both refused beside their fields.
    const url = `http://receiver-${lang}.example.org/hook`;
    await page.getByLabel(w.url).fill(url);
    await page.getByLabel(w.personal).check();
    await page.getByRole('button', { name: w.save }).click();
    await expect(page.locator('#url-error')).toContainText(w.httpsError);
    await expect(page.locator('#events-error')).toContainText(w.eventsError);
    await expect(page.getByLabel(w.url)).toHaveValue(url);
    await expect(page.getByLabel(w.personal)).toBeChecked();
    await checkA11y(page);

    await page.getByLabel(w.url).fill(`https://receiver-${lang}.example.org/hook`);
    await page.getByLabel(w.event).check();
    await page.getByRole('button', { name: w.save }).click();
    await expect(page.getByText(w.once)).toBeVisible();
    const first = await page.locator('#webhook-secret').textContent();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    await checkA11y(page);

    await page.getByRole('button', { name: w.rotate }).click();
    const second = await page.locator('#webhook-secret').textContent();
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    await checkA11y(page);

    await page.getByRole('link', { name: w.deleteLink }).click();
    await checkA11y(page);
    await page.getByRole('button', { name: w.deleteButton }).click();
    await expect(page.getByText(w.deleted)).toBeVisible();
    await checkA11y(page);
  });
}
