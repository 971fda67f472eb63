// A member turns on Easy Read and makes a suggestion on a phone, in English and in Welsh: the
// switch is in the header, the standard suggestion page sends them to its Easy Read version,
// the type is large with a picture left of each sentence, a mistake is explained beside the
// box, and the thank-you page says what happens next; their claims say in words when money is
// taken back. They turn it off again at the end, so the
// demo account is left as it was found. Every page is checked with axe.
import { test, expect, checkA11y, signIn } from '../fixtures';

const WORDS = {
  en: {
    nav: 'Easy Read',
    turnOn: 'Turn Easy Read on',
    turnOff: 'Turn Easy Read off',
    on: 'Easy Read is on.',
    suggest: 'Make a suggestion',
    idea: 'A suggestion is an idea to make things better.',
    send: 'Send my idea',
    error: 'Write your suggestion',
    thanks: 'We have your idea.',
    takenBack: /We paid you £\d+\.\d\d too much\./,
  },
  cy: {
    nav: 'Hawdd ei Ddeall',
    turnOn: 'Troi Hawdd ei Ddeall ymlaen',
    turnOff: 'Diffodd Hawdd ei Ddeall',
    on: 'Mae Hawdd ei Ddeall ymlaen.',
    suggest: 'Gwneud awgrym',
    idea: "Syniad i wneud pethau'n well yw awgrym.",
    send: 'Anfon fy syniad',
    error: 'Ysgrifennwch eich awgrym',
    thanks: 'Mae eich syniad gyda ni.',
    takenBack: /Rydym wedi talu £\d+\.\d\d yn ormod i chi\./,
  },
} as const;

for (const lang of ['en', 'cy'] as const) {
  const w = WORDS[lang];
  test(`a member turns on Easy Read and makes a suggestion on a phone (${lang})`, async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, 'carer@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/home`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);

    // The header's Easy Read link, then the switch.
    await page.locator('nav').getByRole('link', { name: w.nav, exact: true }).click();
    await expect(page).toHaveURL(/\/easy-read$/);
    await checkA11y(page);
    await page.getByRole('button', { name: w.turnOn }).click();
    await expect(page.locator('[data-easy-read-state="on"]')).toContainText(w.on);
    await checkA11y(page);

    try {
      // The standard suggestion page now sends them to its Easy Read version.
      await page.locator('nav a[href="/suggest"]').click();
      await expect(page).toHaveURL(/\/easy-read\/suggest$/);
      await expect(page.locator('main h1')).toHaveText(w.suggest);
      await checkA11y(page);
      // Large type, with each picture to the left of its sentence.
      const first = page.locator('.cairn-er__idea').first();
      await expect(first.locator('.cairn-er__text')).toHaveText(w.idea);
      const size = await first.locator('.cairn-er__text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size, 'Easy Read type is at least 24px').toBeGreaterThanOrEqual(24);
      const pic = await first.locator('img').boundingBox();
      const text = await first.locator('.cairn-er__text').boundingBox();
      expect(pic!.x + pic!.width, 'the picture sits left of the sentence').toBeLessThanOrEqual(text!.x);
      expect(await first.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

      // A mistake is explained beside the box; then the suggestion goes.
      const send = page.getByRole('button', { name: w.send });
      const box = await send.boundingBox();
      expect(box!.width, 'the button is full width on a phone').toBeGreaterThan(300);
      await send.click();
      await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
      await expect(page.locator('#text-error')).toContainText(w.error);
      await checkA11y(page);
      await page.locator('textarea[name="text"]').fill(`Easy Read ${lang} ${Date.now()}: more plants in the lounge`);
      await page.getByRole('button', { name: w.send }).click();
      await expect(page).toHaveURL(/\/easy-read\/suggest\/thanks$/);
      await expect(page.locator('main')).toContainText(w.thanks);
      await checkA11y(page);

      // Their claims: the demo corrected one of Mair's paid claims, and Easy Read says money
      // is taken back in words, never as a minus sign.
      await page.locator('nav a[href="/payments/claims"]').click();
      await expect(page).toHaveURL(/\/easy-read\/claims$/);
      await expect(page.locator('main')).toContainText(w.takenBack);
      await expect(page.locator('main')).not.toContainText('-£');
      await checkA11y(page);
    } finally {
      // Off again: the demo member is left as they were.
      await page.goto('/easy-read');
      await checkA11y(page);
      await page.getByRole('button', { name: w.turnOff }).click();
      await expect(page.locator('[data-easy-read-state="off"]')).toBeVisible();
      await checkA11y(page);
    }
    await phone.close();
  });
}
