import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { screenshot } from './helpers/screenshot.ts';
import { callApi, loginToken } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { tinyPng } from './helpers/tiny-png.ts';
import { checkViewports, expectNoHorizontalOverflow, LAPTOP, PHONE_VIEWPORT } from './helpers/viewports.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `admin audit log (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin audit log';

suite(title, { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  const run = Date.now().toString(36);
  const badgeName = `Early trader ${run}`;
  const personEmail = `bob-${run}@example.test`;

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  /** A person, a badge and its issuance to them, made through the API as the console would. */
  async function seedIssuance() {
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: personEmail, password: 'correct-horse-battery' }),
    });
    expect(registered.status).toBe(201);
    const { user } = (await registered.json()) as { user: { id: string } };
    const token = await loginToken(server, server.admin.email, server.admin.password);
    const badge = await callApi<{ id: string }>(server, token, 'POST', '/api/admin/badges', {
      name: badgeName,
      description: 'For the audit log test',
      type: 'database',
      image: { contentType: 'image/png', data: tinyPng().toString('base64') },
    });
    await callApi(server, token, 'POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [user.id] },
    });
  }

  const entries = (page: Page) => page.getByRole('list', { name: 'Audit log entries, newest first' });

  it('shows readable rows, filters them, opens the details and exports what is shown', async () => {
    await seedIssuance();
    const context = await browser.newContext({ baseURL: server.url, viewport: LAPTOP, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    await page.goto('/login');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin');

    // The admin raises level 3's threshold in the console.
    await page.goto('/admin/levels');
    const level3 = page.getByTestId('level-3');
    await level3.getByRole('button', { name: 'Edit level 3' }).click();
    await level3.getByLabel('Minimum trading volume (USD)').fill('$6,000,000');
    await level3.getByRole('button', { name: 'Save level 3' }).click();
    await level3
      .getByRole('status')
      .getByText(/^Saved\./)
      .waitFor();

    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const list = entries(page);
    const levelEdit = list.getByText(
      new RegExp(`^${server.admin.email} changed Level 3 \\w+: minimum volume \\$5,000,000 → \\$6,000,000$`),
    );
    await levelEdit.waitFor();
    await list.getByText(`${server.admin.email} signed in to the console`).first().waitFor();
    await list
      .getByText(new RegExp(`badge '${badgeName}' for ${personEmail}`))
      .first()
      .waitFor();
    await checkViewports(page, 'admin-audit-log', (p) => p.getByRole('button', { name: 'Export CSV' }));

    // Only level edits: the sign-ins and the badge leave the list.
    await page.getByLabel('Kind').selectOption({ label: 'Level edit' });
    await list
      .getByText(`${server.admin.email} signed in to the console`)
      .first()
      .waitFor({ state: 'detached' });
    expect(await list.getByRole('listitem').count()).toBe(1);

    // The JSON behind the row, on demand.
    const item = list.getByRole('listitem').first();
    await item.getByText('Details (JSON)').click();
    const json = JSON.parse((await item.locator('pre').textContent()) ?? '{}');
    expect(json).toMatchObject({
      action: 'level.updated',
      actor: { kind: 'admin', email: server.admin.email },
      details: { before: { minVolumeUsd: '5000000' }, after: { minVolumeUsd: '6000000' } },
    });
    await checkViewports(page, 'admin-audit-level-json');

    // The export has what the filters show, nothing else.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^insignia-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'time,category,action,summary,actor,actor_kind,person,badge,level,outcome,tx_signature,error,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',level,level.updated,');
    expect(lines[1]).toMatch(/changed Level 3 \w+: minimum volume \$5,000,000 → \$6,000,000/);

    // A person's rows, by their email, on a phone.
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Person affected').fill(personEmail);
    await page.getByRole('button', { name: 'Apply' }).click();
    await list
      .getByText(`${server.admin.email} signed in to the console`)
      .first()
      .waitFor({ state: 'detached' });
    const rows = await list.getByRole('listitem').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes(personEmail))).toBe(true);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'admin-audit-person-phone');
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'admin-audit-person-desktop');
    expect(pageErrors).toEqual([]);
  });
});
