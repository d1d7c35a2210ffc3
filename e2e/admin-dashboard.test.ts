import type { AdminDashboard, AdminDashboardCharts } from '@insignia/contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { callApi, loginToken } from './helpers/server-api.ts';
import { screenshot } from './helpers/screenshot.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { tinyPng } from './helpers/tiny-png.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `admin dashboard (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin dashboard';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;
const run = Date.now().toString(36);
/** Now, or noon UTC `n` days back (inside that UTC day whatever the hour). */
const daysAgo = (n: number) =>
  n === 0 ? new Date() : new Date(Date.parse(new Date().toISOString().slice(0, 10) + 'T12:00:00Z') - n * DAY);

suite(title, { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let token: string;
  let ids: { close: string; reached: string; far: string };

  /** Registers a trader through the API and gives their id. */
  async function register(tag: string): Promise<string> {
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${tag}-${run}@example.test`, password: 'correct-horse-battery' }),
    });
    if (!response.ok) throw new Error(`register failed (${response.status}): ${await response.text()}`);
    return ((await response.json()) as { user: { id: string } }).user.id;
  }

  async function trade(userId: string, volumeUsd: string, at: Date, tag: string) {
    const response = await fetch(`${server.url}/api/trades`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.ingestApiKey },
      body: JSON.stringify({
        trades: [{ id: `dash-${run}-${tag}`, userId, volumeUsd, executedAt: at.toISOString() }],
      }),
    });
    if (!response.ok) throw new Error(`trade failed (${response.status}): ${await response.text()}`);
  }

  async function issue(type: 'database' | 'blockchain', userIds: string[]) {
    const badge = await callApi<{ id: string }>(server, token, 'POST', '/api/admin/badges', {
      name: `${type === 'database' ? 'Helper' : 'Pioneer'} ${run}`,
      description: 'For the dashboard test',
      type,
      image: { contentType: 'image/png', data: tinyPng().toString('base64') },
    });
    const created = await callApi<{ batch: { id: string } }>(server, token, 'POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds },
    });
    // The worker issues them; wait until the batch is done.
    for (let i = 0; i < 120; i++) {
      const { batch } = await callApi<{ batch: { status: string } }>(
        server,
        token,
        'GET',
        `/api/admin/issuances/${created.batch.id}`,
      );
      if (batch.status === 'completed') return;
      if (batch.status === 'failed') throw new Error('issuance failed');
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('issuance did not complete');
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
    token = await loginToken(server, server.admin.email, server.admin.password);
    // Bronze needs $100,000: one trader is close (85 %), one has reached it, one is far.
    const close = await register('close');
    const reached = await register('reached');
    const far = await register('far');
    await trade(close, '60000', daysAgo(0), 'c1');
    await trade(close, '25000', daysAgo(3), 'c2');
    await trade(reached, '150000', daysAgo(5), 'r1');
    await trade(far, '12000', daysAgo(3), 'f1');
    await trade(far, '3000', daysAgo(20), 'f2');
    ids = { close, reached, far };
    await issue('database', [close, reached]);
    await issue('blockchain', [far]);
  }, 240_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  async function openDashboard(viewport: typeof DESKTOP): Promise<{ page: Page; pageErrors: Error[] }> {
    const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/login');
    await page
      .getByLabel('Email')
      .waitFor({ timeout: 10_000 })
      .catch(async (e: unknown) => {
        await screenshot(page, 'admin-dashboard-failed-login');
        throw e;
      });
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('chart-authority-spend').locator('svg.recharts-surface').waitFor();
    return { page, pageErrors };
  }

  const figure = (page: Page, chart: string, label: string) =>
    page.getByTestId(chart).locator('.dash-chart__figure', { hasText: label }).locator('dd');

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`draws the charts, with their numbers, beside the authority and vault wallets (${name})`, async () => {
      const { page, pageErrors } = await openDashboard(viewport);
      const dashboard = await callApi<AdminDashboard>(server, token, 'GET', '/api/admin/dashboard');

      // The platform wallets: both addresses in full, each with its balance and a Copy button.
      const authority = page.getByTestId('wallet-authority');
      const vault = page.getByTestId('wallet-vault');
      await authority.getByText(dashboard.authority.address).waitFor();
      await vault.getByText(dashboard.vault.address).waitFor();
      expect(dashboard.vault.address).not.toBe(dashboard.authority.address);
      await expect(authority.locator('.dash-wallet__balance').textContent()).resolves.toMatch(
        /^[\d,.]+ SOL$/,
      );
      await expect(vault.locator('.dash-wallet__balance').textContent()).resolves.toMatch(/^[\d,.]+ SOL$/);
      await vault.getByRole('button', { name: 'Copy the vault address' }).click();
      await vault.locator('button', { hasText: /^Copied$/ }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(dashboard.vault.address);

      // Database-only badges are not counted as in wallets.
      await expect(page.getByTestId('badge-counts').textContent()).resolves.toBe(
        '0 in wallets · 1 in the vault · 2 database only',
      );

      // People per level: three traders, none with a level NFT; one bar per level drawn.
      expect(await figure(page, 'chart-people-per-level', 'traders').textContent()).toBe('3');
      expect(await figure(page, 'chart-people-per-level', 'hold a level NFT').textContent()).toBe('0');
      // One bar per level that has people (here only "No level yet"), as the series says.
      const charts = await callApi<AdminDashboardCharts>(server, token, 'GET', '/api/admin/dashboard/charts');
      const levelBars = page
        .getByTestId('chart-people-per-level')
        .locator('.recharts-bar-rectangle path.recharts-rectangle');
      expect(await levelBars.count()).toBe(charts.levels.filter((l) => l.holders > 0).length);
      expect(charts.levels[0]).toMatchObject({ level: 0, holders: 3 });
      expect(await figure(page, 'chart-close-to-next', 'close (80 %+').textContent()).toBe('1');
      expect(await figure(page, 'chart-close-to-next', 'volume reached').textContent()).toBe('1');

      // 30 days of volume: five trades, $250K, one bar for each of the four days that had any.
      expect(await figure(page, 'chart-volume', 'trades').textContent()).toBe('5');
      expect(await figure(page, 'chart-volume', 'in 30 days').textContent()).toBe('$250K');
      expect(charts.daily.filter((d) => d.volumeUsd !== '0')).toHaveLength(4);
      expect(
        await page
          .getByTestId('chart-volume')
          .locator('.recharts-bar-rectangle path.recharts-rectangle')
          .count(),
      ).toBe(4);
      expect(await figure(page, 'chart-badges', 'database only').textContent()).toBe('2');
      expect(await figure(page, 'chart-badges', 'minted on chain').textContent()).toBe('1');
      // Today's issuances: one stacked bar for on chain, one for database only.
      expect(
        await page
          .getByTestId('chart-badges')
          .locator('.recharts-bar-rectangle path.recharts-rectangle')
          .count(),
      ).toBe(2);
      expect(await figure(page, 'chart-level-changes', 'unlocks').textContent()).toBe('0');
      // The badge mint and the vault's token account cost the authority something.
      const spent = await figure(page, 'chart-authority-spend', 'in 30 days').textContent();
      expect(Number(spent!.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);

      // Every chart has a heading and its numbers behind "Show the numbers": one row per day.
      for (const heading of [
        'People per level',
        'Close to the next level',
        'Trading volume',
        'Unlocks and upgrades',
        'Badges issued and claimed',
        'SOL spent by the authority',
      ]) {
        await page.getByRole('heading', { level: 3, name: heading }).waitFor();
      }
      const volumeNumbers = page.getByTestId('chart-volume').locator('details');
      await volumeNumbers.locator('summary').click();
      expect(await volumeNumbers.locator('tbody tr').count()).toBe(30);

      // "Needs attention" is still there, first; nothing is wider than the screen.
      await page.getByRole('heading', { level: 2, name: 'Needs attention' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await volumeNumbers.locator('summary').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `admin-dashboard-${name}`);

      // A shorter period: the series shrink to seven days, the old trade drops out.
      await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '7 days' }).click();
      await page.getByTestId('chart-volume').getByText('in 7 days').waitFor();
      expect(await volumeNumbers.locator('tbody tr').count()).toBe(7);
      expect(await figure(page, 'chart-volume', 'trades').textContent()).toBe('4');
      expect(pageErrors).toEqual([]);
      await page.context().close();
    });
  }

  // The phone only previews; the desktop then issues (after which the roster would change).
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`counts rejected roster rows by reason, adding up, and database-only badges apart (${name})`, async () => {
      const { page, pageErrors } = await openDashboard(viewport);
      await page.goto('/admin/issuance');
      await page.getByRole('checkbox', { name: new RegExp(`Helper ${run}`) }).check();
      await page.getByRole('button', { name: 'Next: recipients' }).click();
      // The one who lacks the badge, a typo, a stranger, one who has it, and a repeat.
      const roster = [ids.far, 'not-an-email', `ghost-${run}@example.test`, ids.close, ids.far];
      await page.getByLabel(/Or paste emails or user ids/).fill(roster.join('\n'));
      await page.getByRole('button', { name: 'Next: preview' }).click();
      const preview = page.getByTestId('issuance-preview');
      await preview.waitFor({ timeout: 30_000 });
      expect(await preview.getByTestId('preview-row-counts').textContent()).toBe(
        '5 roster rows: 1 accepted, 4 rejected (1 not a valid email or id, 1 no such person, 1 duplicate, 1 already holds every badge).',
      );
      expect(await preview.getByTestId('preview-database-only').textContent()).toBe('1');
      expect(await preview.getByTestId('preview-to-wallet').textContent()).toBe('0');
      await preview
        .getByRole('row', { name: /not-an-email.*Not a valid email address or user id/ })
        .waitFor();
      await preview.getByRole('row', { name: /ghost-.*No user with that email or id/ }).waitFor();
      await preview.getByRole('row', { name: /Already holds every selected badge/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await screenshot(page, `admin-dashboard-issuance-preview-${name}`);

      if (name === 'desktop') {
        // Issued: the batch says it went to the database, not to a wallet.
        await page.getByRole('button', { name: 'Next: sign and issue' }).click();
        await page.getByRole('button', { name: 'Issue 1 badge' }).click();
        await page.waitForURL(/\/admin\/issuance\/[0-9a-f-]{36}$/);
        const counts = page.getByTestId('batch-counts');
        await counts.getByText('1 recorded in the database only · 0 failed').waitFor({ timeout: 30_000 });
        expect(await counts.textContent()).not.toMatch(/issued to wallets/);
        await screenshot(page, 'admin-dashboard-issuance-batch-desktop');
      }
      expect(pageErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('answers the chart series for 1 to 365 days only', async () => {
    const bad = await fetch(`${server.url}/api/admin/dashboard/charts?days=400`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
  });
});
