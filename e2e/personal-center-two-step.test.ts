import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { registerReadyToUnlock, reviewedMint } from './helpers/person.ts';
import { ingestTrades } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { checkViewports, expectInFirstViewport, LAPTOP } from './helpers/viewports.ts';

const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `Personal Center two-step upgrade (SKIPPED: Chromium not found at ${chromiumPath()})`
  : 'Personal Center: two-step upgrade and an expired transaction';
if (skip) console.warn(`\n${title}\n`);

/** Records every text the NFT action area shows, in order, however briefly. */
async function recordActionTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="nft-actions"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** How long this file's validator accepts a blockhash: 60 slots of 400 ms (mainnet has 150). */
const BLOCKHASH_SLOTS = 60;

/** Moves the server's validator past the blockhash lifetime at once, instead of waiting 24 s. */
async function outliveBlockhashes(server: RunningServer): Promise<void> {
  const res = await fetch(`${server.rpcUrl}/__faults/advance-slots`, {
    method: 'POST',
    body: JSON.stringify({ slots: BLOCKHASH_SLOTS + 1 }),
  });
  if (res.status !== 200) throw new Error(`advance-slots: ${res.status} ${await res.text()}`);
}

suite(title, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer({
      env: {
        NFT_ATOMIC_UPGRADE: 'false',
        SOLANA_LOCAL_BLOCKHASH_SLOTS: String(BLOCKHASH_SLOTS),
        // The embedded validator serves /__faults/advance-slots: the expiry test needs no wait.
        SOLANA_LOCAL_FAULT_CONTROL: 'true',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });
  const readyPerson = (tag: string, volumeUsd: string) =>
    registerReadyToUnlock(browser, server, tag, volumeUsd);

  it('shows the burn step, then "minting your new level", then level 2', async () => {
    const { page, wallet, email, pageErrors } = await readyPerson('two-step', '100000');
    await page.getByRole('button', { name: 'Unlock Level 1 NFT' }).click();
    await page.getByRole('button', { name: `Sign with ${wallet.name}` }).click();
    await page.getByTestId('nft-card').getByRole('heading', { name: 'Level 1 · Bronze' }).waitFor();

    await ingestTrades(server, email, '400000');
    await page.reload();
    await recordActionTexts(page);
    await page.getByRole('button', { name: 'Upgrade to Level 2' }).click();
    const review = page.getByTestId('nft-review');
    await review
      .getByText('Burn your Level 1 NFT (step 1 of 2; Insignia then mints Level 2 for you)')
      .waitFor();
    const newMint = await reviewedMint(page);
    // Five steps: the person signs the burn; the server mints.
    expect(await page.locator('.steps__item').allTextContents()).toEqual([
      'Prepare',
      'Sign the burn',
      'Burn on Solana',
      'Mint your new level',
      'Done',
    ]);
    // The burn's review fits a laptop screen: Sign is in view without scrolling.
    await page.setViewportSize(LAPTOP);
    await expectInFirstViewport(page, page.getByRole('button', { name: `Sign with ${wallet.name}` }), 'Sign');
    await checkViewports(page, 'pc-two-step-review');

    await page.getByRole('button', { name: `Sign with ${wallet.name}` }).click();
    await page.getByTestId('nft-success').getByText('Upgraded to Level 2!').waitFor({ timeout: 30_000 });
    await page.getByTestId('nft-card').getByRole('heading', { name: 'Level 2 · Silver' }).waitFor();
    expect(await page.getByTestId('nft-card').locator(`[data-address="${newMint}"]`).count()).toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.some((text) => text.includes('Old NFT burned. Minting your new level (Level 2)…'))).toBe(
      true,
    );
    await checkViewports(page, 'pc-two-step-upgraded', (p) =>
      p.getByTestId('nft-success').getByRole('link', { name: 'See its public proof' }),
    );
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('offers to prepare again, with the same NFT address, when the signed transaction expired', async () => {
    const { page, wallet, pageErrors } = await readyPerson('expiry', '100000');
    await page.getByRole('button', { name: 'Unlock Level 1 NFT' }).click();
    const mint = await reviewedMint(page);
    // The chain moves on past the blockhash's lifetime while no time passes for the page: the
    // person signs a review that looks valid to the page, but the validator no longer accepts it.
    await outliveBlockhashes(server);
    await page.getByRole('button', { name: `Sign with ${wallet.name}` }).click();

    const problem = page.getByTestId('nft-problem');
    await problem.getByText('The transaction expired').waitFor({ timeout: 60_000 });
    await problem.getByText('Prepare it again: your NFT keeps the same address.', { exact: false }).waitFor();
    await checkViewports(page, 'pc-expired', () => problem.getByRole('button', { name: 'Try again' }));
    await problem.getByRole('button', { name: 'Try again' }).click();
    expect(await reviewedMint(page)).toBe(mint);
    await page.getByRole('button', { name: `Sign with ${wallet.name}` }).click();
    await page.getByTestId('nft-success').getByText('Level 1 unlocked!').waitFor({ timeout: 30_000 });
    // The card follows live: the new NFT's address appears without a reload.
    await page.getByTestId('nft-card').locator(`[data-address="${mint}"]`).waitFor();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
