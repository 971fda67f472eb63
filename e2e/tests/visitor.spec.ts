// A visitor whose browser asks for Welsh gets the sign-in page in Welsh, and a wrong password
// is reported accessibly without losing what they typed.
import { test, expect, checkA11y } from '../fixtures';

test('a Welsh-speaking visitor signs in with a wrong password', async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    locale: 'cy',
    extraHTTPHeaders: { 'Accept-Language': 'cy' },
  });
  try {
    const page = await context.newPage();

    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mewngofnodi');
    await checkA11y(page);

    const email = 'admin@demo.cairn.test';
    await page.locator('main form input[name="email"]').fill(email);
    await page.locator('main form input[name="password"]').fill('not-the-password');
    await page.locator('main form button[type="submit"]').click();

    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    await expect(page.locator('main form input[name="email"]')).toHaveValue(email);
    // A password is never sent back to the browser.
    await expect(page.locator('main form input[name="password"]')).toHaveValue('');
    await checkA11y(page);
  } finally {
    await context.close();
  }
});
