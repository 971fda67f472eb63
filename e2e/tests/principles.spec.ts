// A member reads the organisation's guiding principles on a phone, in Easy Read, and says they
// have read them — in English and in Welsh. Their home page asks first, and stops asking after.
import { test, expect, checkA11y, signIn } from '../fixtures';

const WORDS = {
  en: {
    email: 'member@demo.cairn.test',
    homeLink: 'Read our guiding principles',
    title: 'Our guiding principles',
    easy: 'Read the Easy Read version',
    easyText: 'We work with you. You are a partner.',
    button: 'I have read these principles',
    thanks: 'Thank you for reading our principles.',
  },
  cy: {
    email: 'carer@demo.cairn.test',
    homeLink: 'Darllen ein hegwyddorion arweiniol',
    title: 'Ein hegwyddorion arweiniol',
    easy: 'Darllen y fersiwn Hawdd ei Deall',
    easyText: "Rydym yn gweithio gyda chi. Rydych chi'n bartner.",
    button: "Rwyf wedi darllen yr egwyddorion hyn",
    thanks: 'Diolch am ddarllen ein hegwyddorion.',
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`a member acknowledges the principles on a phone in Easy Read (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signIn(page, w.email);
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/home`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    await expect(page.locator('[data-principles-asked]')).toBeVisible();
    await page.getByRole('link', { name: w.homeLink }).click();
    await expect(page.locator('main h1')).toHaveText(w.title);
    await checkA11y(page);
    await page.getByRole('link', { name: w.easy }).click();
    await checkA11y(page);
    await expect(page.locator('[data-principles] p').first()).toHaveText(w.easyText);

    // By keyboard: the button is reached and pressed without a mouse.
    const button = page.getByRole('button', { name: w.button });
    const box = await button.boundingBox();
    expect(box!.width, 'the button is full width on a phone').toBeGreaterThan(300);
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main [role="status"]')).toHaveText(w.thanks);
    await expect(page.locator('[data-acknowledged]')).toBeVisible();
    await checkA11y(page);

    await page.goto('/home');
    await expect(page.locator('[data-principles-asked]')).toHaveCount(0);
    await checkA11y(page);
    await context.close();
  });
}
