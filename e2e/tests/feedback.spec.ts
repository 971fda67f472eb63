// The feedback journey, in English and in Welsh: someone on the ward leaves a suggestion on a
// kiosk with no sign-in; the lead reviews and publishes it, then closes it with a public
// response; it appears on the unit's public "you said, we did" board and on the poster.
// Every page, the kiosk included, is checked with axe.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';

for (const lang of ['en', 'cy'] as const) {
  test(`a kiosk suggestion reaches the public board in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page, browser }) => {
    const stamp = `${lang}-${Date.now()}`;
    const said = `A kettle in the day room (${stamp})`;
    const publicWording = `A kettle in the day room please (${stamp})`;
    const response = `We bought a kettle for the day room (${stamp})`;

    // The lead makes a kiosk link for a unit.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/feedback/kiosks`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    const form = page.locator('main form[action="/feedback/kiosks"]');
    const unit = await form.locator('select[name="unit_id"] option[value]:not([value=""])').first().getAttribute('value');
    await form.locator('select[name="unit_id"]').selectOption(unit as string);
    await form.locator('input[name="label"]').fill(`Tablet ${stamp}`);
    await form.locator('button[type="submit"]').click();
    const link = (await page.locator('main code.cairn-secret').innerText()).trim();
    expect(link).toContain('/kiosk/');
    await checkA11y(page);

    // On the ward tablet: no sign-in, big choices, the chosen language.
    const tablet = await browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    const kiosk = await tablet.newPage();
    await kiosk.goto(new URL(link).pathname);
    await expect(kiosk.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(kiosk);
    await kiosk.locator('main a.cairn-kiosk__choice').first().click();
    await checkA11y(kiosk);
    await kiosk.locator('main form button[type="submit"]').click();
    await expect(kiosk.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(kiosk);
    await kiosk.locator('textarea[name="text"]').fill(said);
    await kiosk.locator('main form button[type="submit"]').click();
    await expect(kiosk).toHaveURL(/\/thanks$/);
    await checkA11y(kiosk);
    await tablet.close();

    // The lead finds it, publishes the public wording, and closes it with a response.
    await page.goto('/feedback?channel=kiosk');
    await checkA11y(page);
    await page.locator('main table tbody a', { hasText: said.slice(0, 30) }).first().click();
    await expect(page.locator('main')).toContainText(said);
    await checkA11y(page);
    // The words go in the box of the page's language (English and Welsh sit side by side).
    const box = lang === 'cy' ? '_cy' : '';
    await page.locator(`main form[action$="/publish"] textarea[name="public_text${box}"]`).fill(publicWording);
    await page.locator('main form[action$="/publish"] button[type="submit"]').click();
    await checkA11y(page);
    const statusForm = page.locator('main form[action$="/status"]');
    await statusForm.locator('input[name="status"][value="done"]').check();
    await statusForm.locator('button[type="submit"]').click();
    // Closing without a response is refused beside the field.
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await checkA11y(page);
    await statusForm.locator('input[name="status"][value="done"]').check();
    await statusForm.locator(`textarea[name="public_response${box}"]`).fill(response);
    await statusForm.locator('button[type="submit"]').click();
    await expect(page.locator('main')).toContainText(response);
    await checkA11y(page);

    // The public board and the poster show the public wording and the response.
    await page.locator('main a[href*="/you-said-we-did"]').first().click();
    await expect(page.locator('main')).toContainText(publicWording);
    await expect(page.locator('main')).toContainText(response);
    await expect(page.locator('main')).not.toContainText(said);
    await checkA11y(page);
    await page.locator('main a[href*="/poster"]').click();
    await expect(page.locator('main')).toContainText(publicWording);
    await expect(page.locator('main h1 [lang="cy"]')).toHaveText('Dywedoch chi, gwnaethom ni');
    await checkA11y(page);

    await page.goto('/home');
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}
