import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { verifyEmailInBrowser } from './helpers/person.ts';
import { screenshot } from './helpers/screenshot.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createTestWallet, type TestWallet } from './helpers/test-wallet.ts';
import { tinyPng } from './helpers/tiny-png.ts';

// Without Chromium a local run skips, saying why; in CI a missing browser is a failure.
const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `admin console (SKIPPED: Chromium not found at ${chromiumPath()}; install it or set CHROMIUM_PATH)`
  : 'admin console';

const run = Date.now().toString(36);
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * Full-page screenshots from the top (so the sticky side navigation sits where a person sees it)
 * at laptop and at phone width, where nothing may be wider than the screen.
 */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `admin-console-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `admin-console-${name}-phone`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  expect(width, `${name} at phone width`).toBeLessThanOrEqual(PHONE.width);
}

/**
 * One story, in order, as an admin and a user would live it: the admin edits a level, builds a
 * badge catalogue, issues an on-chain badge to a user without a wallet (so it goes to the vault),
 * the user links a wallet and claims it, the admin approves, and the badge ends up claimed; then
 * a second user's badges are minted, and their claim approved, with the admin's browser wallet.
 * Each step depends on the one before, so the steps share state and run in sequence.
 */
// Mints, chain confirmations and the 45 s approve wait: steps get up to 2.5 minutes each.
suite(title, { timeout: 150_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let user: Page;
  let wallet: TestWallet;
  let adminWallet: TestWallet;
  const adminErrors: Error[] = [];
  const userErrors: Error[] = [];
  const userEmail = `holder-${run}@example.test`;
  const badgeName = `Genesis ${run}`;
  const second = `second-${run}@example.test`;

  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWeb();
    server = await startServer();
    const adminContext = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
    adminWallet = createTestWallet({ name: 'Admin Test Wallet' });
    await adminWallet.install(adminContext);
    admin = await adminContext.newPage();
    admin.on('pageerror', (error) => adminErrors.push(error));
    wallet = createTestWallet();
    const userContext = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
    await wallet.install(userContext);
    user = await userContext.newPage();
    user.on('pageerror', (error) => userErrors.push(error));
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
  });

  // Each step builds on the last: after a failure, say where it stopped and skip the rest.
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || failed) return;
    failed = true;
    await screenshot(admin, 'admin-console-failed-admin').catch(() => undefined);
    await screenshot(user, 'admin-console-failed-user').catch(() => undefined);
  });

  it('logs the admin in and opens the console on the dashboard', async () => {
    await admin.goto('/login');
    await admin.getByLabel('Email').fill(server.admin.email);
    await admin.getByLabel('Password').fill(server.admin.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.waitForURL('**/admin');
    await admin.goto('/admin');
    await admin.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await admin.getByText('Nothing needs your attention').waitFor();
    await shot(admin, '01-dashboard');
  });

  it('edits a level, and shows the server’s error next to a bad threshold', async () => {
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Levels' })
      .click();
    const level2 = admin.getByTestId('level-2');
    await level2.getByRole('button', { name: 'Edit level 2' }).click();
    const threshold = level2.getByLabel('Minimum trading volume (USD)');
    await threshold.waitFor();

    // Below level 1's $100,000: the server's refusal, in words (no internal code), at the field.
    await threshold.fill('50,000');
    await level2.getByRole('button', { name: 'Save level 2' }).click();
    const fieldError = level2.locator('.field__error', {
      hasText: 'Each level must need more volume than the level below it.',
    });
    await fieldError.waitFor();
    expect(await fieldError.textContent()).not.toContain('NFT__');
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    await shot(admin, '02-level-threshold-error');

    // Not a number at all: the schema's complaint, in words, at the same field.
    await threshold.fill('lots');
    await level2.getByRole('button', { name: 'Save level 2' }).click();
    await level2.getByText('Enter an amount in US dollars').waitFor();

    await threshold.fill('$750,000');
    await level2
      .getByLabel('Benefits (one per line)')
      .fill('Level 2 trading-fee discount\nPriority support\nMonthly report');
    await level2.getByRole('button', { name: 'Save level 2' }).click();
    await level2
      .getByRole('status')
      .getByText(/^Saved\./)
      .waitFor();
    await level2.getByText('Monthly report').waitFor();
    await level2.getByRole('heading', { name: /Level 2: Silver from \$750,000/ }).waitFor();
    await shot(admin, '03-level-saved');
  });

  it('creates a category, a database-only badge and a blockchain badge with an image', async () => {
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Catalogue' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Badge catalogue' }).waitFor();

    await admin.getByLabel('New category name').fill(`Community ${run}`);
    await admin.getByLabel('Description', { exact: true }).first().fill('Badges for community members');
    await admin.getByRole('button', { name: 'Add category' }).click();
    await admin
      .getByRole('region', { name: 'Categories' })
      .getByText(`Community ${run}`, { exact: true })
      .waitFor();

    // A database-only badge.
    await admin.getByRole('button', { name: 'New badge' }).click();
    const form = admin.locator('form', { has: admin.getByRole('group', { name: 'Type' }) });
    await form.getByLabel('Name').fill(`Early supporter ${run}`);
    await form.getByLabel('Category').selectOption({ label: `Community ${run}` });
    await form.getByRole('button', { name: 'Create badge' }).click();
    await admin.getByTestId(`badge-Early supporter ${run}`).waitFor();

    // A blockchain badge: first a file that only claims to be a PNG, which the server refuses.
    await admin.getByRole('button', { name: 'New badge' }).click();
    await form.getByLabel(/^Blockchain/).check();
    await form.getByLabel('Name').fill(badgeName);
    await form.getByLabel('Category').selectOption({ label: `Community ${run}` });
    await form.getByLabel('Image').setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is not really a PNG image at all'),
    });
    await form.getByRole('button', { name: 'Create badge and its mint' }).click();
    const imageError = form.locator('.field__error', { hasText: 'is not a PNG, JPEG, SVG or WebP' });
    await imageError.waitFor();
    expect(await imageError.textContent()).not.toContain('BADGE__');
    await shot(admin, '04-badge-image-refused');

    await form
      .getByLabel('Image')
      .setInputFiles({ name: 'genesis.png', mimeType: 'image/png', buffer: tinyPng() });
    await form.getByRole('img', { name: 'Preview of genesis.png' }).waitFor();
    await form.getByRole('button', { name: 'Create badge and its mint' }).click();
    const card = admin.getByTestId(`badge-${badgeName}`);
    await card.waitFor();
    // The mint is created in the background; the card follows it to Active.
    await card.getByText('Active', { exact: true }).waitFor({ timeout: 60_000 });
    await card.getByText(/Token id/).waitFor();
    expect(await card.locator('img').getAttribute('src')).toMatch(/\/ipfs\//);
    await shot(admin, '05-catalogue');
  });

  it('registers the user through the page, with no wallet linked yet', async () => {
    await user.goto('/register');
    await user.getByLabel('Email').fill(userEmail);
    await user.getByLabel('Password').fill('correct-horse-battery');
    await user.getByRole('button', { name: 'Create account' }).click();
    await user.waitForURL('**/app');
    await user.getByTestId('linked-wallet').getByText('No wallet linked').waitFor();
    // The Personal Center asks to verify the address; rosters name the user by it.
    await user.getByTestId('verify-email').waitFor();
    await shot(user, '04b-user-verify-email');
    await verifyEmailInBrowser(user, server, userEmail);
  });

  it('issues the blockchain badge to the user, previewed as going to the vault, and follows it to the end', async () => {
    await admin.getByTestId(`badge-${badgeName}`).getByRole('link', { name: 'Issue' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Issue badges' }).waitFor();
    // The badge is picked already; the roster mixes the user with two rows that must be refused.
    await admin.getByRole('checkbox', { name: new RegExp(badgeName), checked: true }).waitFor();
    await admin.getByRole('button', { name: 'Next: recipients' }).click();
    await admin.getByLabel('Search users by email').fill(userEmail);
    await admin.getByRole('button', { name: `Add ${userEmail}` }).click();
    await admin.getByLabel(/Or paste emails or user ids/).fill(`nobody-${run}@example.test\n${userEmail}`);
    await admin.getByRole('button', { name: 'Next: preview' }).click();

    const preview = admin.getByTestId('issuance-preview');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.getByTestId('preview-to-vault').textContent()).toBe('1');
    expect(await preview.getByTestId('preview-to-wallet').textContent()).toBe('0');
    await preview.getByRole('row', { name: new RegExp(`${userEmail}.*Vault`) }).waitFor();
    await preview.getByRole('row', { name: /nobody-.*No user with that email or id/ }).waitFor();
    await preview.getByRole('row', { name: /Duplicate of an earlier row/ }).waitFor();
    await preview.getByTestId('issuance-cost').getByText('The authority can pay').waitFor();
    await shot(admin, '06-issuance-preview');

    await admin.getByRole('button', { name: 'Next: sign and issue' }).click();
    await admin.getByRole('radio', { name: /Server key/ }).check();
    await shot(admin, '07-issuance-sign');
    await admin.getByRole('button', { name: 'Issue 1 badge' }).click();
    await admin.waitForURL(/\/admin\/issuance\/[0-9a-f-]{36}$/);
    const progress = admin.getByTestId('batch-progress');
    await progress.getByRole('progressbar', { name: 'Issuance progress' }).waitFor();
    await shot(admin, '08-issuance-progress');
    await progress.getByText('Finished: every issuance succeeded.').waitFor({ timeout: 90_000 });
    const row = admin.getByTestId(`issuance-${userEmail}`);
    await row.getByText('In the vault').waitFor();
    await row.getByText(/^tx /).waitFor();
    await row.getByRole('link', { name: /^IPFS / }).waitFor();
    await shot(admin, '09-issuance-done');
  });

  it('lets the user link the test wallet and claim the badge from the Personal Center', async () => {
    // The admin watches the empty claim queue; the claim must arrive there live.
    await admin.goto('/admin/claims');
    await admin.getByText('No claim is waiting').waitFor();
    await user.reload();
    const badges = user.getByTestId('badges');
    await badges.getByText(badgeName).first().waitFor({ timeout: 30_000 });
    await user.getByTestId('unclaimed-prompt').getByText('You have 1 unclaimed badge').waitFor();
    await user.getByRole('button', { name: `Link ${wallet.name}` }).click();
    await user.getByTestId('linked-wallet').getByText(wallet.address).waitFor();

    const prompt = user.getByTestId('unclaimed-prompt');
    await prompt.getByRole('checkbox', { name: badgeName }).check();
    await prompt.getByRole('button', { name: 'Claim 1 badge' }).click();
    await prompt.getByText('Claim sent for 1 badge').waitFor();
    await shot(user, '10-user-claimed');
    await admin.locator('[data-testid^="claim-"]', { hasText: userEmail }).waitFor({ timeout: 10_000 });
    await shot(admin, '10b-claim-arrived-live');
  });

  it('shows the claim in the queue; a bad rejection is refused, then the admin approves and it completes', async () => {
    await admin.goto('/admin');
    await admin.getByTestId('attention-claims').waitFor({ timeout: 15_000 });
    await shot(admin, '11-dashboard-attention');
    await admin.getByTestId('attention-claims').getByRole('link').click();
    await admin.getByRole('heading', { level: 1, name: 'Claim queue' }).waitFor();
    const claim = admin.locator('[data-testid^="claim-"]', { hasText: userEmail });
    await claim.waitFor();
    await claim.getByText(wallet.address).waitFor();

    // Rejecting needs a reason the user can read: an empty one is refused, nothing changes.
    await claim.getByRole('button', { name: 'Reject…' }).click();
    await claim.getByRole('button', { name: 'Reject claim' }).click();
    await claim.getByRole('alert').getByText('Give a reason of at least 3 characters').waitFor();
    await shot(admin, '12-claim-reject-refused');
    await claim.getByRole('button', { name: 'Reject…' }).click(); // close the form

    await claim.getByRole('button', { name: 'Approve (server key)' }).click();
    await admin.getByRole('button', { name: /^Completed/ }).click();
    const done = admin.locator('[data-testid^="claim-"]', { hasText: userEmail });
    await done.locator('.pill', { hasText: 'Completed' }).waitFor({ timeout: 60_000 });
    await done.getByText('Transfer').waitFor();
    await shot(admin, '13-claim-completed');

    // Approving it again is a bad action now: the server's refusal is shown, not swallowed.
    const response = await admin.evaluate(
      async (id) => {
        const token = localStorage.getItem('insignia.token');
        const res = await fetch(`/api/admin/claims/${id}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ signingMode: 'server' }),
        });
        return { status: res.status, body: (await res.json()) as { error: { code: string } } };
      },
      (await done.getAttribute('data-testid'))!.slice('claim-'.length),
    );
    expect(response).toMatchObject({ status: 409, body: { error: { code: 'CLAIM__NOT_PENDING' } } });
  });

  it('shows the badge as claimed to the user, and in the admin’s issuance results and audit log', async () => {
    await user.reload();
    const badges = user.getByTestId('badges');
    await badges.getByText('Claimed', { exact: true }).first().waitFor({ timeout: 30_000 });
    await shot(user, '14-user-badge-claimed');

    await admin.goto('/admin/issuance');
    await admin.getByRole('link', { name: badgeName }).first().click();
    await admin.getByTestId(`issuance-${userEmail}`).getByText('Claimed').waitFor();

    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await admin
      .getByText(new RegExp(`received badge '${badgeName}'`))
      .first()
      .waitFor();
    await shot(admin, '15-audit-log');
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Email log' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Email log' }).waitFor();
    await admin.getByRole('cell', { name: userEmail }).first().waitFor({ timeout: 30_000 });
    await shot(admin, '16-email-log');

    expect(adminErrors).toEqual([]);
    expect(userErrors).toEqual([]);
  });

  it('issues both badges to a second user, the mints signed by the admin’s browser wallet', async () => {
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: second, password: 'correct-horse-battery' }),
    });
    expect(registered.status).toBe(201);

    await admin.goto('/admin/issuance');
    await admin.getByRole('checkbox', { name: new RegExp(badgeName) }).check();
    await admin.getByRole('checkbox', { name: new RegExp(`Early supporter ${run}`) }).check();
    await admin.getByRole('button', { name: 'Next: recipients' }).click();
    await admin.getByLabel('Search users by email').fill(second);
    await admin.getByRole('button', { name: `Add ${second}` }).click();
    await admin.getByRole('button', { name: 'Next: preview' }).click();
    const preview = admin.getByTestId('issuance-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-to-vault').textContent()).toBe('1');
    expect(await preview.getByTestId('preview-database-only').textContent()).toBe('1');
    await admin.getByRole('button', { name: 'Next: sign and issue' }).click();

    await admin.getByRole('radio', { name: /My wallet/ }).check();
    await admin.getByRole('button', { name: `Connect ${adminWallet.name}` }).click();
    await admin.getByText(`${adminWallet.name} connected`).waitFor();
    await shot(admin, '17-issuance-admin-wallet');

    // The admin first says no in the wallet: the batch waits, and says why.
    adminWallet.rejectNext('signTransaction');
    await admin.getByRole('button', { name: 'Issue 2 badges' }).click();
    await admin.waitForURL(/\/admin\/issuance\/[0-9a-f-]{36}$/);
    await admin.getByRole('heading', { name: 'Waiting for your wallet’s signature' }).waitFor();
    await admin
      .getByRole('alert')
      .getByText(`${adminWallet.name} did not sign: User rejected the request.`)
      .waitFor();
    await shot(admin, '18-issuance-wallet-rejected');

    // Then signs: every prepared transaction in one request, sent by the server.
    await admin.getByRole('button', { name: `Connect ${adminWallet.name}` }).click();
    await admin.getByRole('button', { name: 'Sign all and send' }).click();
    const progress = admin.getByTestId('batch-progress');
    await progress.getByText('Finished: every issuance succeeded.').waitFor({ timeout: 90_000 });
    expect(adminWallet.calls.filter((c) => c === 'signTransaction').length).toBeGreaterThanOrEqual(2);
    await admin.getByTestId(`issuance-${second}`).first().waitFor();
    await shot(admin, '19-issuance-admin-wallet-done');
    expect(adminErrors).toEqual([]);
  });

  // The admin's wallet was never funded: approving must cost it nothing (the platform pays).
  it('approves the second user’s claim with the admin’s wallet, which needs no SOL', async () => {
    const secondWallet = createTestWallet({ name: 'Second Test Wallet' });
    const context = await browser.newContext({ baseURL: server.url });
    await secondWallet.install(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(second);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    const prompt = page.getByTestId('unclaimed-prompt');
    await prompt.getByText('You have 1 unclaimed badge').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: `Link ${secondWallet.name}` }).click();
    await page.getByTestId('linked-wallet').getByText(secondWallet.address).waitFor();
    await prompt.getByRole('checkbox', { name: badgeName }).check();
    await prompt.getByRole('button', { name: 'Claim 1 badge' }).click();
    await prompt.getByText('Claim sent for 1 badge').waitFor();

    await admin.goto('/admin/claims');
    await admin.getByRole('radio', { name: /My wallet/ }).check();
    await admin
      .getByText('approve each transfer; the platform pays the fee', { exact: false })
      .first()
      .waitFor();
    await admin.getByRole('button', { name: `Connect ${adminWallet.name}` }).click();
    await admin.getByText(`${adminWallet.name} connected`).waitFor();
    const claim = admin.locator('[data-testid^="claim-"]', { hasText: second });
    await claim.getByRole('button', { name: 'Approve and sign with wallet' }).click();
    await admin.getByRole('button', { name: /^Completed/ }).click();
    const done = admin.locator('[data-testid^="claim-"]', { hasText: second });
    await done.locator('.pill', { hasText: 'Completed' }).waitFor({ timeout: 60_000 });
    await done.getByText('Approved by wallet').waitFor();
    await shot(admin, '20-claim-approved-by-admin-wallet');
    expect(adminWallet.calls).toContain('signTransaction');

    await page.reload();
    await page
      .getByTestId('badges')
      .getByText('Claimed', { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    await context.close();
    expect(adminErrors).toEqual([]);
  });
});
