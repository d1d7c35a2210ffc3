import type { Browser, Page } from 'playwright-core';
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
  ? `admin console pages (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin console pages';

const PHONE = { width: 390, height: 844 };

/** Every console page, with the heading it must show. */
const pages = [
  { path: '/admin', heading: 'Dashboard', shot: 'dashboard' },
  { path: '/admin/users', heading: 'Users', shot: 'users' },
  {
    path: '/admin/awaiting-verification',
    heading: 'Awaiting email verification',
    shot: 'awaiting-verification',
  },
  { path: '/admin/levels', heading: 'Levels', shot: 'levels' },
  { path: '/admin/compensation', heading: 'Compensation queue', shot: 'compensation' },
  { path: '/admin/reconciliation', heading: 'Reconciliation', shot: 'reconciliation' },
  { path: '/admin/badges', heading: 'Badge catalogue', shot: 'badges' },
  { path: '/admin/issuance', heading: 'Issue badges', shot: 'issuance' },
  { path: '/admin/claims', heading: 'Claim queue', shot: 'claims' },
  { path: '/admin/audit', heading: 'Audit log', shot: 'audit' },
  { path: '/admin/emails', heading: 'Email log', shot: 'emails' },
  { path: '/admin/webhooks', heading: 'Webhook deliveries', shot: 'webhooks' },
];

suite(title, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  async function adminPage(viewport?: typeof PHONE): Promise<{ page: Page; pageErrors: Error[] }> {
    const context = await browser.newContext({ baseURL: server.url, viewport });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/login');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin');
    return { page, pageErrors };
  }

  /** No spinner left and no unexpected error: the page settled into data, empty or "not yet". */
  async function settle(page: Page) {
    await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0, undefined, {
      timeout: 15_000,
    });
    const errors = await page.locator('.notice--error').allTextContents();
    expect(errors.filter((e) => /does not understand|unexpected/i.test(e))).toEqual([]);
  }

  // Visits every page and waits out a reconciliation run: 15–20 s here, so it gets room.
  it('shows every page with a heading, navigation and no errors (desktop)', async () => {
    const { page, pageErrors } = await adminPage();
    for (const p of pages) {
      await page.goto(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      await settle(page);
      await screenshot(page, `admin-page-${p.shot}`);
    }
    // A user's detail page, reached from the list.
    await page.goto('/admin/users');
    await page.getByRole('link', { name: server.admin.email }).click();
    await page.getByRole('heading', { level: 1, name: server.admin.email }).waitFor();
    await page.getByTestId('user-volume').getByText('$0').waitFor();
    await settle(page);
    await screenshot(page, 'admin-page-user-detail');

    // A reconciliation run started by hand shows up and finishes (nothing to compare yet).
    await page.goto('/admin/reconciliation');
    await page.getByRole('button', { name: 'Run now' }).click();
    const run = page.getByTestId('reconciliation-run').first();
    await run.getByText('Completed').waitFor({ timeout: 30_000 });
    await run.getByText('Started by an admin').waitFor();
    await screenshot(page, 'admin-page-reconciliation-run');

    // An unknown address inside the console says so, without leaving the console.
    await page.goto('/admin/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

    // The side navigation reaches each section.
    await page.goto('/admin');
    const nav = page.getByRole('navigation', { name: 'Admin console' });
    await nav.getByRole('link', { name: 'Levels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Levels' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('offers a reload when the console’s code cannot be loaded (a deploy replaced it)', async () => {
    const { page, pageErrors } = await adminPage();
    // The console is a lazily loaded chunk; make its files vanish, as after a deploy.
    await page.route(/\/assets\/admin-console-[^/]*\.(js|css)$/, (route) => route.abort('failed'));
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto('/admin');

    // The page reloads itself once, the chunk is still missing, so it asks instead of looping.
    const offer = page.getByRole('alert').filter({ hasText: 'A new version of Insignia is available' });
    await offer.waitFor();
    expect(loads).toBe(2);
    await screenshot(page, 'admin-chunk-load-error');

    await page.unrouteAll();
    await offer.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(loads).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('is usable at phone width, with the sections behind a menu button', async () => {
    const { page, pageErrors } = await adminPage(PHONE);
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await settle(page);
    await screenshot(page, 'admin-phone-dashboard');
    const menu = page.getByRole('button', { name: /Admin · Dashboard/ });
    await menu.click();
    await screenshot(page, 'admin-phone-menu');
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await settle(page);
    await screenshot(page, 'admin-phone-users');
    for (const p of pages.filter((x) =>
      ['levels', 'badges', 'issuance', 'claims', 'audit', 'reconciliation'].includes(x.shot),
    )) {
      await page.goto(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      await settle(page);
      await screenshot(page, `admin-phone-${p.shot}`);
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${p.path} scrolls sideways`).toBeLessThanOrEqual(1);
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
