import type { Browser, Page } from 'playwright-core';
import { readEmailedCode } from './emailed-code.ts';
import { ingestTrades } from './server-api.ts';
import type { RunningServer } from './start-server.ts';
import { createTestWallet, type TestWallet } from './test-wallet.ts';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1200, height: 900 };

let seq = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.test`;

export interface Person {
  page: Page;
  wallet: TestWallet;
  email: string;
  password: string;
  /** Uncaught errors in the page; a test expects none. */
  pageErrors: Error[];
}

/**
 * A fresh browser profile with the Wallet Standard test wallet (able to send to the server's
 * local validator), registered as a new person and looking at their Personal Center.
 */
export async function registerPerson(browser: Browser, server: RunningServer, tag: string): Promise<Person> {
  const wallet = createTestWallet({ rpcUrl: server.rpcUrl });
  const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await wallet.install(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const email = uniqueEmail(tag);
  const password = 'correct-horse-battery';
  await page.goto('/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/app');
  await page.getByTestId('nft-card').waitFor();
  // Trades and rosters reach a person by email only once they proved the address.
  await verifyEmailInBrowser(page, server, email);
  return { page, wallet, email, password, pageErrors };
}

/** Proves the address as the person would: ask for a code, read the email, type it in. */
export async function verifyEmailInBrowser(page: Page, server: RunningServer, email: string): Promise<void> {
  const prompt = page.getByTestId('verify-email');
  await prompt.getByRole('button', { name: 'Email me a code' }).click();
  await prompt.getByText(`We sent a 6-digit code to ${email}`).waitFor();
  await prompt.getByLabel('Verification code').fill(await readEmailedCode(server, email));
  await prompt.getByRole('button', { name: 'Verify' }).click();
  await prompt.waitFor({ state: 'detached' });
}

/** Links the test wallet by Sign-In-With-Solana, as the person would. */
export async function linkTestWallet(page: Page, wallet: TestWallet): Promise<void> {
  await page.getByRole('button', { name: `Link ${wallet.name}` }).click();
  await page.getByText('Wallet linked:').waitFor();
}

/** Funds the linked wallet from the faucet button on the account card (embedded mode). */
export async function fundFromFaucet(page: Page): Promise<void> {
  await page.getByTestId('account').getByRole('button', { name: 'Get test SOL from the faucet' }).click();
  await page.getByTestId('account').getByText('Added 2 SOL.', { exact: false }).waitFor();
}

/** The address shown in the review panel (the NFT to be minted). */
export async function reviewedMint(page: Page): Promise<string | null> {
  return page.getByTestId('nft-review').locator('[data-address]').getAttribute('data-address');
}

/** A new person with a linked, funded wallet who has traded `volumeUsd`: ready to unlock. */
export async function registerReadyToUnlock(
  browser: Browser,
  server: RunningServer,
  tag: string,
  volumeUsd: string,
): Promise<Person> {
  const person = await registerPerson(browser, server, tag);
  await linkTestWallet(person.page, person.wallet);
  await fundFromFaucet(person.page);
  await ingestTrades(server, person.email, volumeUsd);
  await person.page.reload();
  return person;
}
