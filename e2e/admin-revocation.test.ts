import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { callApi, loginToken } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { tinyPng } from './helpers/tiny-png.ts';
import { checkViewports, LAPTOP } from './helpers/viewports.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `admin badge revocation (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin badge revocation';

suite(title, { timeout: 150_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  const run = Date.now().toString(36);
  const badgeName = `Helpful member ${run}`;
  const personEmail = `revoked-${run}@example.test`;
  const password = 'correct-horse-battery';

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  /** A person with a database-only badge issued to them through the API; returns the batch id. */
  async function seedIssuance(): Promise<string> {
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: personEmail, password }),
    });
    expect(registered.status).toBe(201);
    const { user } = (await registered.json()) as { user: { id: string } };
    const token = await loginToken(server, server.admin.email, server.admin.password);
    const badge = await callApi<{ id: string }>(server, token, 'POST', '/api/admin/badges', {
      name: badgeName,
      description: 'For the revocation test',
      type: 'database',
      image: { contentType: 'image/png', data: tinyPng().toString('base64') },
    });
    const created = await callApi<{ batch: { id: string } }>(server, token, 'POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [user.id] },
    });
    return created.batch.id;
  }

  async function logIn(email: string, secret: string, landing: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, viewport: LAPTOP, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(secret);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(landing);
    return page;
  }

  it('revokes an issued badge from the console with a reason; the person sees why and dismisses it', async () => {
    const batchId = await seedIssuance();
    const admin = await logIn(server.admin.email, server.admin.password, '**/admin');
    const pageErrors: Error[] = [];
    admin.on('pageerror', (error) => pageErrors.push(error));

    await admin.goto(`/admin/issuance/${batchId}`);
    const row = admin.getByTestId(`issuance-${personEmail}`);
    await row.getByText('Issued').waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: `Revoke ${badgeName} of ${personEmail}` }).click();
    const form = row.getByRole('form', { name: `Revoke ${badgeName} of ${personEmail}` });
    await form.getByText('Nothing to do on chain: this badge lives only in the database.').waitFor();

    // No reason: said plainly, nothing sent.
    await form.getByRole('button', { name: 'Revoke badge' }).click();
    await form
      .getByRole('alert')
      .getByText(/Give a reason of at least 3 characters/)
      .waitFor();
    await form.getByLabel('Why is this badge revoked?').fill('Awarded by mistake during the spring campaign');
    await checkViewports(admin, 'revocation-01-dialog');

    await form.getByRole('button', { name: 'Revoke badge' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    await row.getByText('Awarded by mistake during the spring campaign').waitFor();
    await row.getByText('On chain: nothing to burn (database-only badge)').waitFor();
    await checkViewports(admin, 'revocation-02-revoked');
    // A reload shows the same, from the server's issuance view.
    await admin.reload();
    await row.getByText('Awarded by mistake during the spring campaign').waitFor();
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    // The console's list of revocations says the same.
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Revocations' })
      .click();
    const listed = admin.getByTestId(`revocation-${personEmail}`);
    await listed.getByText('Awarded by mistake during the spring campaign').waitFor();
    await listed.getByText('nothing to burn (database-only badge)').waitFor();
    await checkViewports(admin, 'revocation-03-list');
    // The person's page in the console shows the badge revoked, with the reason, and no Revoke.
    await admin.goto(`/admin/issuance/${batchId}`);
    await row.getByRole('link', { name: personEmail }).click();
    const badges = admin.getByTestId('user-badges');
    await badges.getByText('Awarded by mistake during the spring campaign').waitFor();
    expect(await badges.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    await checkViewports(admin, 'revocation-05-user-detail');
    expect(pageErrors).toEqual([]);

    const person = await logIn(personEmail, password, '**/app');
    const notice = person.getByTestId('revocation-notice');
    await notice
      .getByText('was revoked: Awarded by mistake during the spring campaign. It no longer counts')
      .waitFor();
    // The earlier "you received" notice is gone: it would contradict this one.
    expect(await person.getByTestId('badge-notification').count()).toBe(0);
    await notice.getByText(badgeName).waitFor();
    await checkViewports(person, 'revocation-04-person-notice');
    await notice.getByRole('button', { name: `Dismiss the notice about ${badgeName}` }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
