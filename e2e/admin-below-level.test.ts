import { getBase58Decoder } from '@solana/kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { readEmailedCode } from './helpers/emailed-code.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { uniqueEmail } from './helpers/person.ts';
import { callApi } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createTestWallet } from './helpers/test-wallet.ts';
import { checkViewports } from './helpers/viewports.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `console: holders below their level (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'console: holders below their level, and badge validity';

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

  const postTrades = async (trades: object[]) => {
    const res = await fetch(`${server.url}/api/trades`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.ingestApiKey },
      body: JSON.stringify({ trades }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { inserted: number; reversed: number };
  };

  it('a holder whose trade was reversed is findable from the dashboard, at laptop and phone sizes', async () => {
    // A person unlocks level 1 (Bronze, $100K) with a $60K and a $50K trade, as the app does it.
    const email = uniqueEmail('reversed');
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct-horse-battery' }),
    });
    const { token } = (await registered.json()) as { token: string };
    const call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
      callApi<T>(server, token, method, path, body);
    await call('POST', '/api/auth/email/code');
    await call('POST', '/api/auth/email/verify', { code: await readEmailedCode(server, email) });
    const wallet = createTestWallet({ rpcUrl: server.rpcUrl });
    const challenge = await call<{ message: string }>(
      'GET',
      `/api/auth/siws/challenge?address=${wallet.address}`,
    );
    await call('PUT', '/api/me/wallet', {
      address: wallet.address,
      message: challenge.message,
      signature: getBase58Decoder().decode(wallet.signMessage(new TextEncoder().encode(challenge.message))),
    });
    await call('POST', '/api/dev/faucet');
    const tag = Date.now().toString(36);
    const at = new Date().toISOString();
    await postTrades([
      { id: `bl-a-${tag}`, email, volumeUsd: '60000', executedAt: at },
      { id: `bl-b-${tag}`, email, volumeUsd: '50000', executedAt: at },
    ]);
    const prepared = await call<{ requestId: string; transaction: string }>('POST', '/api/nft/unlock');
    const signed = wallet.signTransaction(new Uint8Array(Buffer.from(prepared.transaction, 'base64')));
    await call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: Buffer.from(signed).toString('base64'),
    });
    await expect
      .poll(
        async () =>
          (await call<{ currentNft: { level: number } | null }>('GET', '/api/nft/status')).currentNft,
      )
      .toMatchObject({ level: 1 });
    // The platform busts the $50K trade.
    expect(await postTrades([{ id: `bl-rev-${tag}`, reverses: `bl-b-${tag}` }])).toMatchObject({
      reversed: 1,
    });

    const page = await (await browser.newContext({ baseURL: server.url, locale: 'en-US' })).newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/login');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin');

    await page.getByRole('link', { name: /1 below their level after reversed trades/ }).click();
    await page.waitForURL('**/admin/below-level');
    const row = page.getByTestId('below-level').getByRole('row', { name: new RegExp(email) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/\$100,000[\s\S]*\$60,000[\s\S]*\$40,000/);
    await checkViewports(page, 'admin-below-level', (p) =>
      p.getByRole('heading', { name: 'Below their level' }),
    );

    // The badge form asks for a validity period, and says what empty means.
    await page.goto('/admin/badges');
    await page.getByRole('button', { name: 'New badge' }).click();
    const validity = page.getByLabel('Valid for (days)');
    await validity.fill('0');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`Quarterly ${tag}`);
    await page.getByRole('button', { name: 'Create badge' }).click();
    await page.getByText('Enter whole days from 1 to 36500, or leave it empty.').waitFor();
    await validity.fill('90');
    await page.getByRole('button', { name: 'Create badge' }).click();
    await page.getByText('valid for 90 days').waitFor();
    await page.getByRole('button', { name: 'New badge' }).click();
    await page.getByText('Leave empty: never expires.', { exact: false }).waitFor();
    await checkViewports(page, 'admin-badge-validity', (p) => p.getByLabel('Valid for (days)'));
    expect(pageErrors).toEqual([]);
  });
});
