import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { getBase58Decoder } from '@solana/kit';
import { readEmailedCode } from './helpers/emailed-code.ts';
import { PHONE, uniqueEmail } from './helpers/person.ts';
import { screenshot, screenshotDir } from './helpers/screenshot.ts';
import { callApi, ingestTrades, loginToken } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createTestWallet } from './helpers/test-wallet.ts';

const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `verification pages and levels editor (SKIPPED: Chromium not found at ${chromiumPath()})`
  : 'public verification pages and the levels editor';
if (skip) console.warn(`\n${title}\n`);

const DESKTOP = { width: 1280, height: 800 };
const RIBBON_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="31" fill="#dbeafe"/><path d="M32 12l16 10v20L32 52 16 42V22z" fill="#2563eb"/></svg>',
).toString('base64');

interface BadgeView {
  id: string;
  status: string;
}
interface UserBadge {
  issuanceId: string;
  name: string;
  status: string;
}

/** Desktop, then phone: both screenshots, and nothing wider than the phone's screen. */
async function shotBoth(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} at phone width`).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
}

/** Whether the element's box lies inside the viewport (the person can see it without scrolling). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
  }, selector);
}

suite(title, { timeout: 150_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  let person: { email: string; password: string; walletAddress: string };
  let personToken: string;
  let mintAddress: string;
  const stamp = Date.now().toString(36);
  const admin = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    callApi<T>(server, adminToken, method, path, body);

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer({ env: { PLATFORM_NAME: 'Acme Exchange' } });
    adminToken = await loginToken(server, server.admin.email, server.admin.password);
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  async function createBadge(name: string, type: 'database' | 'blockchain') {
    const badge = await admin<BadgeView>('POST', '/api/admin/badges', {
      name,
      description: `${name}: for taking part in the autumn trading league.`,
      type,
      image: { contentType: 'image/svg+xml', data: RIBBON_SVG },
    });
    for (let i = 0; i < 100 && badge.status !== 'active'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      badge.status = (await admin<BadgeView>('GET', `/api/admin/badges/${badge.id}`)).status;
    }
    expect(badge.status).toBe('active');
    return badge;
  }

  /** A signed-out visitor, as anyone a link was shared with. */
  async function visitor(): Promise<{ page: Page; errors: Error[] }> {
    const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    return { page, errors };
  }

  /**
   * A person set up through the API as the app would do it (register, prove the email, link a
   * wallet by signing, faucet, trades), who then unlocks level 1 by signing the transaction.
   */
  async function unlockThroughApi(): Promise<void> {
    const email = uniqueEmail('verify');
    const password = 'correct-horse-battery';
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(registered.status).toBe(201);
    personToken = ((await registered.json()) as { token: string }).token;
    const call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
      callApi<T>(server, personToken, method, path, body);
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
    await ingestTrades(server, email, '150000');
    const prepared = await call<{ requestId: string; transaction: string; mintAddress: string }>(
      'POST',
      '/api/nft/unlock',
    );
    const signed = wallet.signTransaction(new Uint8Array(Buffer.from(prepared.transaction, 'base64')));
    await call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: Buffer.from(signed).toString('base64'),
    });
    mintAddress = prepared.mintAddress;
    person = { email, password, walletAddress: wallet.address };
  }

  it('a person unlocks level 1 and receives an on-chain and a database-only badge', async () => {
    await unlockThroughApi();
    await expect
      .poll(
        async () =>
          (
            await callApi<{ currentNft: { mintAddress: string } | null }>(
              server,
              personToken,
              'GET',
              '/api/nft/status',
            )
          ).currentNft?.mintAddress,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(mintAddress);

    const onChain = await createBadge(`League Finalist ${stamp}`, 'blockchain');
    const recorded = await createBadge(`Helpful Trader ${stamp}`, 'database');
    await admin('POST', '/api/admin/issuances', {
      badgeIds: [onChain.id, recorded.id],
      recipients: { emails: [person.email] },
      signingMode: 'server',
    });
    await expect
      .poll(
        async () =>
          (await callApi<{ items: UserBadge[] }>(server, personToken, 'GET', '/api/badges')).items.filter(
            (b) => b.status === 'issued',
          ).length,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(2);
  });

  it('shows a badge’s and a level NFT’s verification page to a signed-out visitor, with nothing personal', async () => {
    const { items: badges } = await callApi<{ items: UserBadge[] }>(
      server,
      personToken,
      'GET',
      '/api/badges',
    );
    const onChain = badges.find((b) => b.name.startsWith('League Finalist'))!;
    const recorded = badges.find((b) => b.name.startsWith('Helpful Trader'))!;
    const { page, errors } = await visitor();

    await page.goto(`/verify/badge/${onChain.issuanceId}`);
    await page.getByRole('heading', { level: 1, name: onChain.name }).waitFor();
    await page.getByRole('status').getByText('Verified on Solana').waitFor();
    await page.getByText('Held by the wallet it was issued to.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'On-chain proof' }).waitFor();
    await page.getByText('Local test network (no public explorer)').waitFor();
    // The bundled validator has no public explorer: no link pretends otherwise.
    expect(await page.getByRole('link', { name: /View in explorer/ }).count()).toBe(0);
    expect(await page.locator('.proof-value__text', { hasText: person.walletAddress }).count()).toBe(1);
    await page.getByRole('link', { name: /Open the metadata/ }).waitFor();
    expect(page.url()).toContain('/verify/badge/');
    expect(await page.textContent('body')).not.toContain(person.email);
    await shotBoth(page, 'verify-badge');

    await page.goto(`/verify/badge/${recorded.issuanceId}`);
    await page.getByRole('heading', { level: 1, name: recorded.name }).waitFor();
    await page.getByRole('status').getByText('Recorded by Acme Exchange').waitFor();
    expect(await page.getByRole('heading', { name: 'On-chain proof' }).count()).toBe(0);
    await shotBoth(page, 'verify-badge-recorded');

    await page.goto(`/verify/nft/${mintAddress}`);
    await page.getByRole('heading', { level: 1, name: 'Bronze' }).waitFor();
    await page.getByText('Level NFT · Level 1').waitFor();
    await page.getByRole('status').getByText('Verified on Solana').waitFor();
    const art = page.getByRole('img', { name: 'Level 1 Bronze artwork' });
    await art.waitFor();
    await expect.poll(() => art.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('.proof-value__text', { hasText: mintAddress }).count()).toBe(1);
    expect(await page.textContent('body')).not.toContain(person.email);
    await page.getByRole('button', { name: 'Copy mint address' }).waitFor();
    await shotBoth(page, 'verify-nft');

    // A mistyped link: a plain explanation, not an error code.
    await page.goto(`/verify/badge/${randomUUID()}`);
    await page.getByRole('heading', { name: 'We could not find this badge' }).waitFor();
    expect(await page.textContent('body')).not.toMatch(/VERIFY__|VALIDATION__/);
    await shotBoth(page, 'verify-missing');
    await page.goto('/verify/nft/not-a-mint');
    await page.getByRole('heading', { name: 'We could not find this level NFT' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('levels editor: the new-level form opens in view with focus; edited benefits reach the Personal Center as written', async () => {
    const { page, errors } = await visitor();
    await page.goto('/login');
    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/(admin|app)/);
    await page.goto('/admin/levels');
    const level1 = page.getByTestId('level-1');
    await level1.getByRole('img', { name: 'Level 1 Bronze artwork' }).waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('level-2')
          .getByRole('img', { name: /Level 2 .* artwork/ })
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await shotBoth(page, 'levels-artwork');

    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: 'Add a level' }).click();
      const name = page.getByRole('region', { name: /New level 6/ }).getByLabel('Name');
      await name.waitFor();
      await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await inView(page, '[aria-labelledby="new-level-title"] input')).toBe(true);
      const label = viewport === PHONE ? 'phone' : 'desktop';
      // What the operator sees right after the click (the viewport, not the whole page).
      await page.screenshot({ path: join(screenshotDir, `levels-add-${label}.png`) });
      await page
        .getByRole('region', { name: /New level 6/ })
        .getByRole('button', { name: 'Cancel' })
        .click();
    }
    await page.setViewportSize(DESKTOP);

    // The operator's own words, line by line, exactly as typed.
    const benefits = ['5% off trading fees, every month', 'A named account manager: reply within 1 day'];
    await level1.getByRole('button', { name: 'Edit level 1' }).click();
    await level1.getByLabel('Benefits (one per line)').fill(benefits.join('\n'));
    await level1.getByRole('button', { name: 'Save level 1' }).click();
    await level1
      .getByRole('status')
      .getByText(/^Saved\./)
      .waitFor();
    for (const b of benefits) await level1.getByText(b, { exact: true }).waitFor();
    expect(errors).toEqual([]);

    // The person sees the new benefits in their Personal Center, each line as the operator wrote it.
    const trader = await visitor();
    await trader.page.goto('/login');
    await trader.page.getByLabel('Email').fill(person.email);
    await trader.page.getByLabel('Password').fill(person.password);
    await trader.page.getByRole('button', { name: 'Log in' }).click();
    await trader.page.waitForURL('**/app');
    const list = trader.page.getByRole('list', { name: 'Benefits of Level 1' }).first();
    await list.waitFor();
    await expect.poll(() => list.getByRole('listitem').allTextContents()).toEqual(benefits);
    await list.scrollIntoViewIfNeeded();
    await screenshot(trader.page, 'levels-benefits-in-personal-center');
    expect(trader.errors).toEqual([]);
  });
});
