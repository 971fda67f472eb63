// Signing in with the organisation's identity provider, in English and in Welsh.
//
// The spec starts a real, certified OpenID provider (npm `oidc-provider`, e2e/oidc/provider.mjs)
// on a free port, registered with this Cairn's redirect address. The organisation administrator
// connects it on the organisation's settings: an issuer that does not answer is refused beside
// the field and kept as typed; the provider's address is then saved. A member of staff opens
// the sign-in page in their language, presses "Sign in with NHS Wales" ("Mewngofnodi gyda GIG
// Cymru"), signs in on the provider's own page and arrives in Cairn signed in. The administrator
// then disconnects the provider through the page that asks first, and the button is gone from
// the sign-in page (which also leaves the demo as other journeys expect it).
//
// "Staff must sign in with the provider" stays off: other journeys sign staff in with passwords
// against the same demo, and password sign-in keeps working with the provider connected. That
// rule is tested in the Rust web tests.
//
// Every Cairn page is checked with axe. The provider's development sign-in pages belong to the
// provider, not to Cairn, so the member of staff uses a browser context of their own, outside the
// fixture that fails on pages from another origin.
import { test, expect, checkA11y, signIn, signOut } from '../fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const WORDS = {
  en: {
    button: 'Sign in with NHS Wales',
    unreachable: 'Cairn could not read the provider',
    disconnect: 'Disconnect NHS Wales',
  },
  cy: {
    button: 'Mewngofnodi gyda GIG Cymru',
    unreachable: 'Nid oedd Cairn yn gallu darllen',
    disconnect: 'Datgysylltu GIG Cymru',
  },
} as const;

let provider: ChildProcess | undefined;
let issuer = '';

/** Starts e2e/oidc/provider.mjs on a free port; resolves with its issuer. */
function startProvider(redirectUri: string): Promise<string> {
  const root = join(__dirname, '..');
  if (!existsSync(join(root, 'node_modules', 'oidc-provider', 'package.json'))) {
    throw new Error('oidc-provider is not installed: run `cd e2e && npm ci`');
  }
  const child = spawn(process.execPath, [join(root, 'oidc', 'provider.mjs'), '0', redirectUri], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  provider = child;
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(JSON.parse(line).issuer as string);
    });
    child.on('exit', (code) => reject(new Error(`the OpenID provider stopped (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`the OpenID provider did not start within 15 s: ${stderr}`)), 15_000);
  });
}

test.beforeAll(async ({ baseURL }) => {
  if (!baseURL) throw new Error('CAIRN_BASE_URL is not set');
  issuer = await startProvider(new URL('/sign-in/provider/callback', baseURL).href);
});

test.afterAll(() => {
  provider?.kill();
});

/** Fills the provider form on /settings/identity and saves it. */
async function saveProvider(page: Page, issuerAddress: string): Promise<void> {
  const form = page.locator('main form[action="/settings/identity"]');
  await form.locator('input[name="issuer"]').fill(issuerAddress);
  await form.locator('input[name="client_id"]').fill('cairn');
  await form.locator('input[name="client_secret"]').fill('cairn-test-secret');
  await form.locator('input[name="display_name"]').fill('NHS Wales');
  await form.locator('input[name="display_name_cy"]').fill('GIG Cymru');
  await form.locator('input[name="staff_required"]').uncheck();
  await form.locator('button[type="submit"]').click();
}

for (const lang of ['en', 'cy'] as const) {
  test(`an administrator connects the identity provider and staff sign in with it (${lang})`, async ({ page, browser, baseURL }) => {
    const words = WORDS[lang];
    const origin = new URL(baseURL ?? '').origin;

    // The administrator, in the journey's language. The language link changes this browser
    // only, so the account's saved language (which other journeys expect) stays as it was.
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/settings`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a[href="/settings/identity"]').click();
    await expect(page).toHaveURL(/\/settings\/identity$/);
    await checkA11y(page);

    // An issuer that does not answer: refused beside the field, kept as typed.
    const dead = 'http://127.0.0.1:1';
    await saveProvider(page, dead);
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expect(page.locator('#issuer-error')).toContainText(words.unreachable);
    await expect(page.locator('main input[name="issuer"]')).toHaveValue(dead);
    await expect(page.locator('main input[name="client_secret"]')).toHaveValue('');
    await checkA11y(page);

    // The real provider: checked and saved.
    await saveProvider(page, issuer);
    await expect(page).toHaveURL(/\/settings\/identity\?saved=1$/);
    await expect(page.locator('#identity-saved')).toBeVisible();
    await expect(page.locator('main input[name="issuer"]')).toHaveValue(issuer);
    await checkA11y(page);
    await signOut(page);
    await expect(page).toHaveURL(/\/sign-in/);
    await checkA11y(page);

    // A member of staff, in a browser of their own that speaks the journey's language.
    const context = await browser.newContext({ baseURL, locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    try {
      const staff = await context.newPage();
      await staff.goto('/sign-in');
      await expect(staff.locator('html')).toHaveAttribute('lang', lang);
      await checkA11y(staff);
      await staff.getByRole('link', { name: words.button, exact: true }).click();

      // The provider's own sign-in page (another site), then its consent page.
      await expect(staff.locator('input[name="login"]')).toBeVisible();
      const loginUrl = staff.url();
      expect(new URL(loginUrl).origin).toBe(new URL(issuer).origin);
      await staff.locator('input[name="login"]').fill('staff');
      await staff.locator('input[name="password"]').fill('any password');
      await staff.locator('button[type="submit"]').click();
      await staff.waitForURL((u) => u.href !== loginUrl);
      if (new URL(staff.url()).origin !== origin) {
        await staff.getByRole('button', { name: 'Continue' }).click();
      }

      // Back in Cairn, signed in as the member of staff.
      await expect(staff).toHaveURL(`${origin}/home`);
      await expect(staff.getByRole('button', { name: /^(Sign out|Allgofnodi)$/ })).toBeVisible();
      await checkA11y(staff);
      await staff.goto('/account');
      await expect(staff.locator('main')).toContainText('staff@demo.cairn.test');
      await checkA11y(staff);
      await signOut(staff);
      await expect(staff).toHaveURL(/\/sign-in/);
      await checkA11y(staff);
    } finally {
      await context.close();
    }

    // The administrator disconnects the provider, after a page that asks. This browser still
    // speaks the journey's language; the fixture signs in with the English form, so English
    // first, then back to the journey's language.
    await page.goto('/language?to=en&next=/sign-in');
    await checkA11y(page);
    await signIn(page, 'admin@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/settings/identity`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a[href="/settings/identity/disconnect"]').click();
    await expect(page).toHaveURL(/\/settings\/identity\/disconnect$/);
    await checkA11y(page);
    await page.getByRole('button', { name: words.disconnect, exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/identity\?disconnected=1$/);
    await expect(page.locator('#identity-disconnected')).toBeVisible();
    await expect(page.locator('main input[name="issuer"]')).toHaveValue('');
    await checkA11y(page);
    await signOut(page);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('link', { name: words.button, exact: true })).toHaveCount(0);
    await checkA11y(page);
  });
}
