import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { screenshot } from './helpers/screenshot.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `admin account (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin account: land in the console, change the password';

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Device = keyof typeof viewports;

suite(title, () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The admin's password as it stands: each journey changes it. */
  let password: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
    password = server.admin.password;
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  async function openPage(device: Device) {
    const context = await browser.newContext({ baseURL: server.url, viewport: viewports[device] });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    return { page, pageErrors };
  }

  async function logIn(page: Page, secret: string) {
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(secret);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  const onPath = (path: string) => (url: URL) => url.pathname === path;

  /** A session of the admin's own elsewhere (another browser): the change must end it. */
  async function otherSession(secret: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.admin.email, password: secret }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }
  const sessionWorks = async (token: string) =>
    (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status === 200;

  for (const device of ['desktop', 'phone'] as const) {
    it(`${device}: logs in to the dashboard, changes the password, logs in again with it`, async () => {
      const { page, pageErrors } = await openPage(device);
      const shot = (step: string) => screenshot(page, `admin-account-${step}-${device}`);
      const next = `new admin password ${device}`;
      const previous = password;
      const elsewhere = await otherSession(password);

      await page.goto('/');
      await page.waitForURL(onPath('/login'));
      await logIn(page, password);
      // An admin lands in the console, not in the Personal Center.
      await page.waitForURL(onPath('/admin'));
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.locator('.admin__main .loading').first().waitFor({ state: 'detached' });
      await shot('1-dashboard');

      if (device === 'phone') await page.getByRole('button', { name: /^Admin ·/ }).click();
      await page
        .getByRole('navigation', { name: 'Admin console' })
        .getByRole('link', { name: 'Your account' })
        .click();
      await page.waitForURL(onPath('/admin/account'));
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByText(server.admin.email, { exact: true }).last().waitFor();

      // Too short a new password: said next to the field, before anything is sent.
      const current = page.getByLabel('Current password');
      const fresh = page.getByLabel('New password', { exact: true });
      const again = page.getByLabel('New password again');
      await current.fill('not the password');
      await fresh.fill('short');
      await again.fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Use at least 8 characters.').waitFor();
      expect(await fresh.getAttribute('aria-invalid')).toBe('true');
      // A wrong current password: the server's refusal, next to that field; still signed in.
      await fresh.fill(next);
      await again.fill(next);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('That is not your current password.').waitFor();
      expect(await current.getAttribute('aria-invalid')).toBe('true');
      await expect(current.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await shot('2-wrong-current');

      await current.fill(password);
      await page.getByRole('button', { name: 'Change password' }).click();
      // The phone journey also signs out the desktop browser of the journey before it.
      await page
        .getByRole('status')
        .getByText(
          /^Your password is changed\. You stay signed in here\. Signed out of \d other sessions?\.$/,
        )
        .waitFor();
      password = next;
      expect(await current.inputValue()).toBe('');
      await shot('3-changed');
      expect(await sessionWorks(elsewhere)).toBe(false);
      // This session goes on.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

      await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(onPath('/login'));
      await logIn(page, previous);
      await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
      await shot('4-old-password-refused');
      await logIn(page, next);
      // Logged out by choice: the next login starts at the console's home, not the last page.
      await page.waitForURL(onPath('/admin'));
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(pageErrors).toEqual([]);
    }, 120_000);
  }

  it('sent to the login from a console page, the admin returns to that page', async () => {
    const { page, pageErrors } = await openPage('desktop');
    await page.goto('/admin/levels');
    await page.waitForURL(onPath('/login'));
    await logIn(page, password);
    await page.waitForURL(onPath('/admin/levels'));
    await page.getByRole('heading', { level: 1, name: 'Levels' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
