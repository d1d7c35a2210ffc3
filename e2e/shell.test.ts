import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { screenshot } from './helpers/screenshot.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createTestWallet, type TestWallet } from './helpers/test-wallet.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `web shell (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'web shell';

if (skip) console.warn(`\n${title}\n`);

const PHONE = { width: 390, height: 844 };
let seq = 0;
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.test`;

suite(title, () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser(); // first: fails fast in CI when Chromium is missing
    await buildWeb();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  /** A fresh browser profile (no token), optionally with the test wallet installed. */
  async function openPage(options: { wallet?: TestWallet; viewport?: typeof PHONE } = {}) {
    const context = await browser.newContext({ baseURL: server.url, viewport: options.viewport });
    contexts.push(context);
    if (options.wallet) await options.wallet.install(context);
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    return { page, pageErrors };
  }

  async function logIn(page: Page, email: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  async function register(page: Page, email: string) {
    await page.goto('/register');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app');
  }

  it('sends a visitor from / to the login page and shows the local-validator banner', async () => {
    const { page, pageErrors } = await openPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    // waitFor, not isVisible: the URL changes before the login page has rendered.
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByText('Running on the local validator (test network)').waitFor();
    await screenshot(page, '01-login');
    expect(pageErrors).toEqual([]);
  });

  it('shows the server’s message for a wrong password', async () => {
    const { page } = await openPage();
    await logIn(page, server.admin.email, 'definitely-not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text.length).toBeGreaterThan(5);
    expect(text).not.toMatch(/unexpected|does not understand/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, '02-wrong-password');
  });

  it('shows the server’s message when registering a taken email', async () => {
    const { page } = await openPage();
    await page.goto('/register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter your email address.').waitFor();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await screenshot(page, '02a-register-field-errors');

    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill('another-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/register');
    await screenshot(page, '02b-email-taken');
  });

  it('logs the admin in through the login page and shows the admin console', async () => {
    const { page, pageErrors } = await openPage();
    await logIn(page, server.admin.email, server.admin.password);
    // Admins land in the console.
    await page.waitForURL('**/admin');
    const header = page.getByRole('banner');
    await header.getByText(server.admin.email).waitFor();
    await header.getByText('Admin', { exact: true }).first().waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Admin console' }).waitFor();
    const traders = page.locator('.dash-tile', { hasText: 'Traders' });
    await traders.locator('.dash-tile__figure').waitFor();
    expect(Number(await traders.locator('.dash-tile__figure').textContent())).toBeGreaterThanOrEqual(0);
    await traders.getByText(/\b1 admin\b/).waitFor();
    await screenshot(page, '03-admin-console');

    await page.setViewportSize(PHONE);
    await screenshot(page, '04-admin-console-phone');
    expect(pageErrors).toEqual([]);
  });

  it('registers a new user, lands on the Personal Center and keeps them out of /admin', async () => {
    const { page, pageErrors } = await openPage();
    const email = uniqueEmail('newcomer');
    await register(page, email);
    await page.getByRole('heading', { name: 'Personal Center' }).waitFor();
    await page.getByTestId('linked-wallet').getByText('No wallet linked').waitFor();
    await page.getByText('No Solana wallet found in this browser').waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await screenshot(page, '05-personal-center-no-wallet');

    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Admins only' }).waitFor();
    await page.getByText(email).first().waitFor();
    await screenshot(page, '06-admins-only');

    const token = await page.evaluate(() => localStorage.getItem('insignia.token'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    // Logging out ended the session on the server too: a copy of the token is now refused.
    const meWith = async (bearer: string | null) =>
      (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${bearer}` } })).status;
    await expect.poll(() => meWith(token), { timeout: 5000 }).toBe(401);
    await page.goto('/app');
    await page.waitForURL('**/login');
    expect(pageErrors).toEqual([]);
  });

  it('links the test wallet with Sign-In-With-Solana', async () => {
    const wallet = createTestWallet();
    const { page, pageErrors } = await openPage({ wallet });
    await register(page, uniqueEmail('wallet'));
    const linkButton = page.getByRole('button', { name: `Link ${wallet.name}` });

    // The person rejects the signature first: a clear error, nothing linked.
    wallet.rejectNext('signMessage');
    await linkButton.click();
    await page
      .getByRole('alert')
      .getByText(`${wallet.name} did not sign the message: User rejected the request.`)
      .waitFor();
    await page.getByTestId('linked-wallet').getByText('No wallet linked').waitFor();
    await screenshot(page, '07-wallet-signature-rejected');

    await linkButton.click();
    await page.getByText('Wallet linked:').waitFor();
    await page.getByTestId('linked-wallet').getByText(wallet.address).waitFor();
    expect(wallet.calls).toEqual(['connect', 'signMessage', 'connect', 'signMessage']);
    await screenshot(page, '08-wallet-linked');

    await page.reload();
    await page.getByTestId('linked-wallet').getByText(wallet.address).waitFor();
    await page.setViewportSize(PHONE);
    await screenshot(page, '09-personal-center-phone');
    expect(pageErrors).toEqual([]);
  });

  it('frames the Personal Center and the console with one header that fits a phone', async () => {
    const { page, pageErrors } = await openPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, server.admin.email, server.admin.password);
    await page.getByRole('banner').getByText(server.admin.email).waitFor();
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    // The header spans what the console does: brand over the side bar, Log out over the content.
    const brand = await box('.header__brand');
    const aside = await box('.admin__aside');
    const logOut = await box('.header button:has-text("Log out")');
    const main = await box('.admin__main');
    expect(Math.abs(brand.x - aside.x)).toBeLessThanOrEqual(4);
    expect(Math.abs(logOut.x + logOut.width - (main.x + main.width))).toBeLessThanOrEqual(4);
    await screenshot(page, 'shell-console-desktop');

    await page.setViewportSize(PHONE);
    for (const path of ['/admin/users', '/app']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await screenshot(page, `shell-${path === '/app' ? 'personal-center' : 'console'}-phone`);
      // Two rows at most (brand and account, then the section tabs), and nothing wider than the phone.
      expect((await box('.header')).height).toBeLessThanOrEqual(110);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await page.getByRole('banner').getByText(server.admin.email).waitFor();
    }
    expect(pageErrors).toEqual([]);
  });

  it('sends a person whose session is no longer valid back to the login page', async () => {
    const { page } = await openPage();
    await page.addInitScript(() => localStorage.setItem('insignia.token', 'not-a-valid-token'));
    await page.goto('/app');
    await page.waitForURL('**/login');
    await page.getByText('Your session has ended. Please log in again.').waitFor();
    await screenshot(page, '10-session-ended');
  });
});
