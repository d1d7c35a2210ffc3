import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { linkTestWallet, registerPerson } from './helpers/person.ts';
import { checkViewports } from './helpers/viewports.ts';
import { callApi, loginToken } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `Personal Center badges (SKIPPED: Chromium not found at ${chromiumPath()})`
  : 'Personal Center: badges, notifications and claims';
if (skip) console.warn(`\n${title}\n`);

const STAR_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="31" fill="#fef0c7"/><path d="M32 10l6.5 14 15 1.7-11.2 10.2 3.1 14.8L32 43.3 18.6 50.7l3.1-14.8L10.5 25.7l15-1.7z" fill="#f79009"/></svg>',
).toString('base64');

interface BadgeView {
  id: string;
  name: string;
  status: string;
}
interface ClaimView {
  id: string;
  badgeName: string;
  status: string;
}

suite(title, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  const admin = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    callApi<T>(server, adminToken, method, path, body);

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
    adminToken = await loginToken(server, server.admin.email, server.admin.password);
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  async function createBadge(name: string, type: 'database' | 'blockchain', image: boolean) {
    const badge = await admin<BadgeView>('POST', '/api/admin/badges', {
      name,
      description: `${name}: awarded in the browser test.`,
      type,
      ...(image ? { image: { contentType: 'image/svg+xml', data: STAR_SVG } } : {}),
    });
    // A blockchain badge's mint is created in the background; it must be active to be issued.
    for (let i = 0; i < 100 && badge.status !== 'active'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      badge.status = (await admin<BadgeView>('GET', `/api/admin/badges/${badge.id}`)).status;
    }
    expect(badge.status).toBe('active');
    return badge;
  }

  const tile = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });

  it('guides a person with vault badges to link a wallet, then claims; the admin approves one and declines one', async () => {
    const stamp = Date.now().toString(36);
    const early = await createBadge(`Early Supporter ${stamp}`, 'blockchain', true);
    const beta = await createBadge(`Beta Tester ${stamp}`, 'blockchain', false);
    const helper = await createBadge(`Community Helper ${stamp}`, 'database', true);

    const { page, wallet, email, pageErrors } = await registerPerson(browser, server, 'badges');
    await page.getByTestId('badges-empty').waitFor();
    await page.getByTestId('live-status').getByText('Live updates on').waitFor();

    // The admin issues three badges; with no wallet on file, the on-chain ones go to the vault.
    await admin('POST', '/api/admin/issuances', {
      badgeIds: [early.id, beta.id, helper.id],
      recipients: { emails: [email] },
      signingMode: 'server',
    });

    // They appear live, with notifications and the unclaimed prompt.
    const prompt = page.getByTestId('unclaimed-prompt');
    await prompt.getByText('You have 2 unclaimed badges').waitFor({ timeout: 60_000 });
    await prompt.getByText('held safely in the Insignia vault', { exact: false }).waitFor();
    await tile(page, helper.name).getByTestId('badge-status').getByText('Awarded').waitFor();
    await tile(page, early.name).getByTestId('badge-status').getByText('Held in the vault').waitFor();
    // A database-only badge says nothing about wallets, vaults or claims.
    expect(await tile(page, helper.name).textContent()).not.toMatch(/wallet|vault|claim/i);
    await expect.poll(() => page.getByTestId('badge-notification').count()).toBe(3);
    await page
      .getByRole('region', { name: /New/ })
      .getByText(`You received the badge ${early.name}`)
      .waitFor();
    // Linking a wallet is the next step, its button in view on a laptop and a phone.
    await checkViewports(page, 'pc-badges-link-wallet', (p) =>
      p.getByRole('button', { name: `Link ${wallet.name}` }),
    );

    // Acknowledge one notification, then the rest.
    await page.getByRole('button', { name: `Mark ${helper.name} as read` }).click();
    await expect.poll(() => page.getByTestId('badge-notification').count()).toBe(2);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => page.getByTestId('badge-notification').count()).toBe(0);

    // Linking a wallet turns the prompt into a claim form.
    await linkTestWallet(page, wallet);
    const form = page.getByRole('group', { name: /2 badges are waiting in the vault/ });
    await form.waitFor();
    await page.getByRole('button', { name: 'Claim selected badges' }).click();
    await page.getByText('Select at least one badge to claim.').waitFor();
    await form.getByRole('checkbox', { name: 'Select all' }).check();
    expect(await page.getByText('Select at least one badge to claim.').count()).toBe(0);
    await checkViewports(page, 'pc-badges-claim', (p) => p.getByRole('button', { name: 'Claim 2 badges' }));
    await page.getByRole('button', { name: 'Claim 2 badges' }).click();
    await page.getByTestId('unclaimed-prompt').getByText('Claim sent for 2 badges').waitFor();
    await tile(page, early.name).getByTestId('badge-status').getByText('Claim requested').waitFor();
    await tile(page, early.name).getByText('Waiting for an administrator to approve').waitFor();
    await checkViewports(page, 'pc-badges-claim-sent');

    // The admin approves one claim and declines the other; the page follows live.
    const { items } = await admin<{ items: ClaimView[] }>('GET', '/api/admin/claims?status=pending');
    const claimOf = (name: string) => items.find((c) => c.badgeName === name)!;
    await admin('POST', `/api/admin/claims/${claimOf(early.name).id}/approve`, { signingMode: 'server' });
    await admin('POST', `/api/admin/claims/${claimOf(beta.name).id}/reject`, {
      reason: 'This account was created after the beta ended',
    });
    await tile(page, early.name)
      .getByTestId('badge-status')
      .getByText('Claimed')
      .waitFor({ timeout: 60_000 });
    await tile(page, early.name)
      .getByText(`Transferred to ${wallet.address.slice(0, 4)}…`)
      .waitFor();
    await tile(page, beta.name)
      .getByText('Your claim was declined: This account was created after the beta ended.')
      .waitFor();
    // The declined claim reads as declined, with its reason, on top; nothing says "sent" any more.
    const declined = page.getByTestId('claim-declined');
    await declined.getByText('A claim was declined').waitFor();
    await declined.getByText('This account was created after the beta ended', { exact: false }).waitFor();
    expect(await page.getByText('Claim sent', { exact: false }).count()).toBe(0);
    await tile(page, beta.name).getByTestId('badge-status').getByText('Claim declined').waitFor();
    // The declined badge can be claimed again.
    await page.getByRole('group', { name: /1 badge is waiting in the vault/ }).waitFor();
    // Each badge links to its public proof.
    expect(
      await tile(page, early.name)
        .getByRole('link', { name: `Public proof of ${early.name}` })
        .getAttribute('href'),
    ).toMatch(/^\/verify\/badge\/[0-9a-f-]{36}$/);
    await checkViewports(page, 'pc-badges-declined', (p) => p.getByTestId('claim-declined'));
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
