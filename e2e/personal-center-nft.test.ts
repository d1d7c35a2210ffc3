import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { screenshot } from './helpers/screenshot.ts';
import { ingestTrades } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import {
  fundFromFaucet,
  linkTestWallet,
  PHONE,
  registerPerson,
  registerReadyToUnlock,
  reviewedMint,
} from './helpers/person.ts';
import { createTestWallet, type TestWallet } from './helpers/test-wallet.ts';
import { shortAddress } from '../apps/web/src/wallet/short-address.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `Personal Center NFT (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'Personal Center: level NFT unlock and upgrade on the local validator';
if (skip) console.warn(`\n${title}\n`);

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

  const newPerson = (tag: string) => registerPerson(browser, server, tag);
  const readyPerson = (tag: string, volumeUsd: string) =>
    registerReadyToUnlock(browser, server, tag, volumeUsd);

  const nftCard = (page: Page) => page.getByTestId('nft-card');
  const liveOn = (page: Page) => page.getByTestId('live-status').getByText('Live updates on').waitFor();

  async function signReview(page: Page, wallet: TestWallet) {
    await page.getByRole('button', { name: `Sign with ${wallet.name}` }).click();
  }

  it('takes a new person from sign-up to level 1 and then level 2, live', async () => {
    const { page, wallet, email, pageErrors } = await newPerson('journey');

    // A newcomer: what to do first, no NFT, and how far level 1 is.
    await page.getByRole('heading', { name: 'Get started' }).waitFor();
    await nftCard(page).getByRole('heading', { name: 'No level NFT yet' }).waitFor();
    await page
      .getByTestId('nft-reason')
      .getByText('Trade $100,000 more to unlock Level 1 (Bronze).')
      .waitFor();
    await page.getByTestId('missing-volume').getByText('$100,000 to go.').waitFor();
    await liveOn(page);
    await screenshot(page, 'pc-nft-01-newcomer');

    await linkTestWallet(page, wallet);
    await ingestTrades(server, email, '100000', '50000');
    await page.reload();

    // Qualified: the button appears and the progress bar is full.
    const unlock = page.getByRole('button', { name: 'Unlock Level 1 NFT' });
    await unlock.waitFor();
    await page.getByTestId('volume').getByText('$150,000').waitFor();
    expect(await page.getByRole('heading', { name: 'Get started' }).count()).toBe(0);
    await screenshot(page, 'pc-nft-02-qualified');

    // Fund the new wallet from the faucet (embedded mode), then unlock.
    await fundFromFaucet(page);
    await page.getByTestId('account').getByText('Your wallet now holds 2 SOL.', { exact: false }).waitFor();
    await unlock.click();
    const review = page.getByTestId('nft-review');
    await review.getByText('Mint your Level 1 NFT to your wallet').waitFor();
    await review
      .getByTestId('review-cost')
      .getByText(/^About 0\.\d+ SOL/)
      .waitFor();
    const mintAddress = await reviewedMint(page);
    expect(mintAddress).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    await screenshot(page, 'pc-nft-03-review-unlock');

    await signReview(page, wallet);
    await page.getByTestId('nft-success').getByText('Level 1 unlocked!').waitFor();
    // The card shows the new NFT without a page reload.
    await nftCard(page).getByRole('heading', { name: 'Level 1 · Bronze' }).waitFor();
    expect(await nftCard(page).locator(`[data-address="${mintAddress}"]`).count()).toBe(1);
    await nftCard(page).getByText('Level 1 trading-fee discount').waitFor();
    expect(wallet.calls).toContain('signTransaction');
    await screenshot(page, 'pc-nft-04-unlocked');

    // The copy button puts the full mint address on the clipboard.
    await nftCard(page).getByRole('button', { name: 'Copy mint address' }).click();
    await nftCard(page).getByRole('button', { name: 'Copy mint address' }).getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(mintAddress);

    // More volume: level 2 becomes an upgrade.
    await page.getByRole('button', { name: 'Close' }).click();
    await page
      .getByTestId('nft-reason')
      .getByText('Trade $350,000 more to upgrade to Level 2 (Silver).')
      .waitFor();
    await ingestTrades(server, email, '400000');
    await page.reload();
    await page.getByRole('button', { name: 'Upgrade to Level 2' }).click();
    await review.getByText('Burn your Level 1 NFT and mint Level 2, in one transaction').waitFor();
    const newMint = await reviewedMint(page);
    expect(newMint).not.toBe(mintAddress);
    await screenshot(page, 'pc-nft-05-review-upgrade');
    await signReview(page, wallet);
    await page.getByTestId('nft-success').getByText('Upgraded to Level 2!').waitFor();
    await nftCard(page).getByRole('heading', { name: 'Level 2 · Silver' }).waitFor();
    expect(await nftCard(page).locator(`[data-address="${newMint}"]`).count()).toBe(1);
    await nftCard(page).getByText('Priority support').waitFor();
    await page
      .getByTestId('nft-progress')
      .getByRole('heading', { name: 'Progress to Level 3 · Gold' })
      .waitFor();
    await screenshot(page, 'pc-nft-06-upgraded');

    await page.setViewportSize(PHONE);
    await screenshot(page, 'pc-nft-07-upgraded-phone');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('upgrades with the wallet holding the NFT after the person linked another wallet', async () => {
    const { page, wallet, email, pageErrors } = await readyPerson('relink', '150000');
    await page.getByRole('button', { name: 'Unlock Level 1 NFT' }).click();
    await signReview(page, wallet);
    await page.getByTestId('nft-success').getByText('Level 1 unlocked!').waitFor();

    // A second wallet appears in the browser and the person links it instead.
    const second = createTestWallet({ name: 'Second Test Wallet', rpcUrl: server.rpcUrl });
    await second.install(page.context());
    await page.reload();
    await page.getByText(`Linked now: ${shortAddress(wallet.address)}`).waitFor();
    await page.getByRole('button', { name: `Link ${second.name} instead` }).click();
    await page.getByText('Wallet linked:').waitFor();
    await page.getByTestId('linked-wallet').getByText(second.address).waitFor();
    // Each wallet button says what pressing it would do now.
    await page.getByRole('button', { name: `${second.name} is linked; link it again` }).waitFor();
    await page.getByRole('button', { name: `Link ${wallet.name} instead` }).waitFor();

    // The upgrade is signed where the NFT is, and the review says so.
    await ingestTrades(server, email, '400000');
    await page.reload();
    await page.getByRole('button', { name: 'Upgrade to Level 2' }).click();
    const review = page.getByTestId('nft-review');
    await review.getByText('(the wallet that holds your NFT)').waitFor();
    await review.getByTitle(wallet.address).waitFor();
    await screenshot(page, 'pc-nft-relinked-review');
    await page.getByRole('button', { name: `Sign with ${second.name}` }).click();
    await page
      .getByRole('alert')
      .getByText(
        `${second.name} is not using ${shortAddress(wallet.address)}, the wallet that must sign this.`,
        {
          exact: false,
        },
      )
      .waitFor();
    expect(second.calls).not.toContain('signTransaction');
    await screenshot(page, 'pc-nft-relinked-wrong-wallet');
    await page.getByTestId('nft-problem').getByRole('button', { name: 'Try again' }).click();
    await signReview(page, wallet);
    await page.getByTestId('nft-success').getByText('Upgraded to Level 2!').waitFor();
    await nftCard(page).getByRole('heading', { name: 'Level 2 · Silver' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('tells a person without SOL how much to add, funds them, and survives a rejected signature', async () => {
    const { page, wallet, email, pageErrors } = await newPerson('no-sol');
    await linkTestWallet(page, wallet);
    await ingestTrades(server, email, '120000');
    await page.reload();
    await page.getByRole('button', { name: 'Unlock Level 1 NFT' }).click();

    const problem = page.getByTestId('nft-problem');
    await problem.getByText('Not enough SOL in your wallet').waitFor();
    await problem
      .getByTestId('add-sol')
      .getByText(/Add at least 0\.\d+ SOL to your wallet/)
      .waitFor();
    await problem.getByTestId('add-sol').getByText(wallet.address).waitFor();
    await screenshot(page, 'pc-nft-08-not-enough-sol');

    await problem.getByRole('button', { name: 'Get test SOL from the faucet' }).click();
    await problem.getByText('Added 2 SOL.', { exact: false }).waitFor();
    await problem.getByRole('button', { name: 'Try again' }).click();
    const review = page.getByTestId('nft-review');
    await review.waitFor();
    const firstMint = await reviewedMint(page);

    // The person presses "Reject" in the wallet: a clear message, nothing sent.
    wallet.rejectNext('signTransaction');
    await signReview(page, wallet);
    await problem.getByText('Your wallet did not sign').waitFor();
    await problem
      .getByText(
        `${wallet.name} did not sign the transaction: User rejected the request. Nothing was sent; you can try again.`,
      )
      .waitFor();
    await nftCard(page).getByRole('heading', { name: 'No level NFT yet' }).waitFor();
    await screenshot(page, 'pc-nft-09-signature-rejected');

    // Trying again prepares the same request: the NFT keeps its address.
    await problem.getByRole('button', { name: 'Try again' }).click();
    await review.waitFor();
    expect(await reviewedMint(page)).toBe(firstMint);
    await signReview(page, wallet);
    await nftCard(page).getByRole('heading', { name: 'Level 1 · Bronze' }).waitFor();
    expect(await nftCard(page).locator(`[data-address="${firstMint}"]`).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('offers to continue an unlock the person left at the review step', async () => {
    const { page, wallet, pageErrors } = await readyPerson('resume', '100000');
    await page.getByRole('button', { name: 'Unlock Level 1 NFT' }).click();
    const review = page.getByTestId('nft-review');
    await review.waitFor();
    const mint = await reviewedMint(page);
    await review.getByRole('button', { name: 'Cancel' }).click();

    await page.getByText('Your unlock to Level 1 is prepared and waiting for your signature.').waitFor();
    await page.reload();
    const resume = page.getByRole('button', { name: 'Continue unlock' });
    await resume.waitFor();
    await screenshot(page, 'pc-nft-10-waiting-for-signature');
    await resume.click();
    expect(await reviewedMint(page)).toBe(mint);
    await signReview(page, wallet);
    await page.getByTestId('nft-success').getByText('Level 1 unlocked!').waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('shows new trading volume as soon as the server counts it, without a reload', async () => {
    const { page, email, pageErrors } = await newPerson('live-volume');
    await page.getByTestId('missing-volume').getByText('$100,000 to go.').waitFor();
    await liveOn(page);
    let loads = 0;
    page.on('load', () => loads++);

    // The server pushes `nft:status_changed`; the page's status query is invalidated and
    // refetched (its own refresh is a minute away, and the tab never loses focus here).
    await ingestTrades(server, email, '30000');
    await page.getByTestId('missing-volume').getByText('$70,000 to go.').waitFor({ timeout: 10_000 });
    await page
      .getByTestId('nft-reason')
      .getByText('Trade $70,000 more to unlock Level 1 (Bronze).')
      .waitFor();
    expect(loads).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('says plainly when its data or live updates cannot be loaded, and recovers', async () => {
    const { page, pageErrors } = await newPerson('trouble');
    // The server is in trouble: the status answers 503, the badges are unreachable, and live
    // updates are refused.
    await page.route('**/api/nft/status', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'SERVICE__UNAVAILABLE',
            message: 'A service Insignia depends on is unavailable; try again shortly.',
          },
        }),
      }),
    );
    await page.route('**/api/badges**', (route) => route.abort('connectionrefused'));
    await page.routeWebSocket('**/api/ws**', (ws) => ws.close());
    await page.reload();

    const levelError = page.getByRole('alert').filter({ hasText: 'Could not load your level' });
    await levelError.getByText('A service Insignia depends on is unavailable; try again shortly.').waitFor();
    const badgesError = page.getByRole('alert').filter({ hasText: 'Could not load your badges' });
    await badgesError.getByText('Could not reach the Insignia server.', { exact: false }).waitFor();
    await page.getByTestId('live-status').getByText('Live updates paused; reconnecting…').waitFor();
    await screenshot(page, 'pc-nft-11-load-errors');

    await page.unrouteAll();
    await levelError.getByRole('button', { name: 'Try again' }).click();
    await badgesError.getByRole('button', { name: 'Try again' }).click();
    await nftCard(page).getByRole('heading', { name: 'No level NFT yet' }).waitFor();
    await page.getByTestId('badges-empty').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
