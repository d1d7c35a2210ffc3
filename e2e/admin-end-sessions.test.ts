import type { Browser } from 'playwright-core';
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
  ? `admin ends a user's sessions (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : "admin ends a user's sessions";

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

  const api = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });

  it('the "End all sessions" button on the user detail page signs the person out everywhere', async () => {
    const email = `stolen-${Date.now().toString(36)}@example.test`;
    const registered = await api('/api/auth/register', {
      method: 'POST',
      body: { email, password: 'correct-horse-battery' },
    });
    expect(registered.status).toBe(201);
    const { token, user } = (await registered.json()) as { token: string; user: { id: string } };
    expect((await api('/api/me', { token })).status).toBe(200);

    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/login');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin');

    await page.goto(`/admin/users/${user.id}`);
    await page.getByRole('heading', { name: email }).waitFor();
    await page.getByRole('button', { name: 'End all sessions' }).click();
    await page.getByRole('button', { name: 'Yes, end sessions' }).click();
    await page.getByText('Ended 1 session(s): they must log in again.').waitFor();
    await screenshot(page, 'admin-user-sessions-ended');

    expect((await api('/api/me', { token })).status).toBe(401);
    // The admin's own session goes on.
    await page.reload();
    await page.getByRole('heading', { name: email }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
