import { PGlite } from '@electric-sql/pglite';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../apps/server/src/db/lock-data-dir.ts';
import { buildWeb } from './helpers/build-web.ts';
import { chromiumPath, isChromiumAvailable, launchBrowser } from './helpers/launch-browser.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { DESKTOP, registerPerson } from './helpers/person.ts';
import { callApi, loginToken } from './helpers/server-api.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { screenshotDir } from './helpers/screenshot.ts';
import { checkViewports, PHONE_VIEWPORT } from './helpers/viewports.ts';

const skip = !isChromiumAvailable() && process.env.CI !== 'true';
const suite = skip ? describe.skip : describe;
const title = skip
  ? `badge credentials, revocation and expiry (SKIPPED: Chromium not found at ${chromiumPath()})`
  : 'badge credentials, revocation and expiry in the browser';
if (skip) console.warn(`\n${title}\n`);

interface BadgeView {
  id: string;
  name: string;
  status: string;
}
interface MyBadge {
  issuanceId: string;
  name: string;
  credentialUrl: string;
}

const REASON = 'Awarded to the wrong account';

suite(title, { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  // Our own data dir, so the server can be stopped and started again on the same database.
  let dataDir: string;
  const stamp = Date.now().toString(36);
  const names = {
    kept: `Credential Keeper ${stamp}`,
    revoked: `Withdrawn Award ${stamp}`,
    expiring: `Seasonal Pass ${stamp}`,
    onChain: `Vault Keeper ${stamp}`,
  };
  const admin = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    callApi<T>(server, adminToken, method, path, body);

  async function start() {
    const started = await startServer({ env: { PLATFORM_NAME: 'Acme Exchange', DATA_DIR: dataDir } });
    // The server runs on our data dir (the outbox the helpers read is there too).
    server = { ...started, dataDir };
    adminToken = await loginToken(server, server.admin.email, server.admin.password);
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-e2e-credentials-'));
    browser = await launchBrowser();
    await buildWeb();
    await start();
  }, 180_000);

  afterAll(async () => {
    await maybeUnset(browser)?.close();
    await maybeUnset(server)?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  async function createBadge(name: string, validityDays?: number, type = 'database') {
    const badge = await admin<BadgeView>('POST', '/api/admin/badges', {
      name,
      description: `${name}: awarded in the credentials browser test.`,
      type,
      ...(validityDays ? { validityDays } : {}),
    });
    // A blockchain badge's mint is created in the background; it must be active to be issued.
    for (let i = 0; i < 100 && badge.status !== 'active'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      badge.status = (await admin<BadgeView>('GET', `/api/admin/badges/${badge.id}`)).status;
    }
    expect(badge.status).toBe('active');
    return badge;
  }

  /** The part under test at phone width, for a close look (the full pages are long). */
  async function shootPart(page: Page, part: Locator, name: string) {
    await page.setViewportSize(PHONE_VIEWPORT);
    await part.screenshot({ path: join(screenshotDir, `${name}-phone-part.png`) });
    await page.setViewportSize(DESKTOP);
  }

  const tile = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });

  /** A signed-out visitor on a fresh profile, as anyone a link was shared with. */
  async function visitor(): Promise<{ page: Page; errors: Error[] }> {
    const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    return { page, errors };
  }

  it('downloads a verifiable credential, verifies it, and shows revoked and expired badges as such', async () => {
    const kept = await createBadge(names.kept, 365);
    const revoked = await createBadge(names.revoked);
    const expiring = await createBadge(names.expiring, 30);
    const onChain = await createBadge(names.onChain, undefined, 'blockchain');
    const { page, email, password, pageErrors } = await registerPerson(browser, server, 'credentials');
    await admin('POST', '/api/admin/issuances', {
      badgeIds: [kept.id, revoked.id, expiring.id, onChain.id],
      recipients: { emails: [email] },
      signingMode: 'server',
    });
    const personToken = await loginToken(server, email, password);
    const mine = async () =>
      (await callApi<{ items: MyBadge[] }>(server, personToken, 'GET', '/api/badges')).items;
    const idOf = async (name: string) => (await mine()).find((b) => b.name === name)!.issuanceId;

    // Personal Center: every badge offers its credential, a plain secondary link.
    await tile(page, names.kept).waitFor({ timeout: 60_000 });
    const download = tile(page, names.kept).getByRole('link', {
      name: `Download credential for ${names.kept}`,
    });
    expect(await download.getAttribute('download')).not.toBeNull();
    expect(await download.getAttribute('href')).toMatch(
      /^\/api\/public\/badges\/[0-9a-f-]{36}\/credential\?download=1$/,
    );
    await tile(page, names.kept).getByText('An Open Badges 3.0 credential you can show anywhere').waitFor();
    await tile(page, names.kept)
      .getByText(/^Valid until /)
      .waitFor();
    await checkViewports(page, 'credentials-pc-valid');
    await shootPart(page, page.getByTestId('badges'), 'credentials-pc-valid');

    // The browser saves a JSON file: an Open Badges 3.0 credential.
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(saved.suggestedFilename()).toMatch(/\.json$/);
    const credentialText = await readFile(await saved.path(), 'utf8');
    const credential = JSON.parse(credentialText) as { type: string[]; proof?: unknown };
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(credential.type).toContain('VerifiableCredential');
    const fetched = await fetch(`${server.url}${await download.getAttribute('href')}`);
    expect(fetched.headers.get('content-disposition')).toMatch(/^attachment/);

    // Its public page: the credential panel checks the signature, issuer, status and expiry.
    const keptId = await idOf(names.kept);
    const { page: verifier, errors: verifierErrors } = await visitor();
    await verifier.goto(`/verify/badge/${keptId}`);
    const panel = verifier.getByTestId('credential-panel');
    await panel.getByTestId('credential-verdict').getByText('Credential verified').waitFor();
    for (const check of ['Signature', 'Issuer', 'Revocation status', 'Validity period'])
      await panel
        .getByRole('listitem')
        .filter({ hasText: check })
        .getByText('(passed)')
        .waitFor({ state: 'attached' });
    await panel.getByText(/^did:key:z/).waitFor();
    await panel.getByRole('button', { name: 'Copy issuer DID' }).click();
    expect(await verifier.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/,
    );
    await panel.getByRole('link', { name: 'Download credential (JSON)' }).waitFor();
    await panel.getByText('npm run verify-credential -- file.json').waitFor();
    await checkViewports(verifier, 'credentials-verify-valid');
    await shootPart(verifier, verifier.locator('main'), 'credentials-verify-valid');

    // An on-chain badge (held in the vault: no wallet yet) has its credential too.
    await verifier.goto(`/verify/badge/${await idOf(names.onChain)}`);
    await verifier.getByText('Verified on Solana').waitFor({ timeout: 30_000 });
    await verifier.getByTestId('credential-verdict').getByText('Credential verified').waitFor();
    await verifier.goto(`/verify/badge/${keptId}`);

    // A credential file someone was given: checked on /verify/credential; a wrong file is told plainly.
    await panel.getByRole('link', { name: 'Check a credential file' }).click();
    await verifier.getByRole('heading', { name: 'Check a credential' }).waitFor();
    await verifier.getByLabel('Credential file').setInputFiles({
      name: 'credential.json',
      mimeType: 'application/json',
      buffer: Buffer.from(credentialText),
    });
    await verifier.getByTestId('credential-file-result').getByText('Credential verified').waitFor();
    await checkViewports(verifier, 'credentials-check-file');
    await shootPart(verifier, verifier.locator('main'), 'credentials-check-file');
    await verifier.getByLabel('Or paste its contents').fill('this is a photo of my badge, not a file');
    await verifier.getByRole('button', { name: 'Check credential' }).click();
    await verifier.getByRole('alert').getByText('it is not JSON', { exact: false }).waitFor();
    expect(await verifier.getByTestId('credential-file-result').count()).toBe(0);
    // A tampered credential is JSON but not verified.
    const tampered = { ...JSON.parse(credentialText), name: 'Something else entirely' } as object;
    await verifier.getByLabel('Or paste its contents').fill(JSON.stringify(tampered));
    await verifier.getByRole('button', { name: 'Check credential' }).click();
    await verifier.getByTestId('credential-file-result').getByTestId('credential-verdict').waitFor();
    expect(await verifier.getByTestId('credential-result').getAttribute('data-verified')).toBe('false');
    await checkViewports(verifier, 'credentials-check-tampered');
    await shootPart(verifier, verifier.locator('main'), 'credentials-check-tampered');

    // The admin revokes one: the person sees it greyed, set apart, with the reason, and no download.
    const revokedId = await idOf(names.revoked);
    await admin('POST', '/api/admin/revocations', { issuanceId: revokedId, reason: REASON });
    const revokedTile = page.getByRole('region', { name: 'No longer valid' }).getByRole('listitem', {
      name: names.revoked,
      exact: true,
    });
    // The revoked notice arrives live; a reload is the fallback should the event be missed.
    await revokedTile
      .waitFor({ timeout: 20_000 })
      .catch(() => page.reload().then(() => revokedTile.waitFor({ timeout: 20_000 })));
    expect(await revokedTile.getByTestId('badge-status').textContent()).toBe('Revoked');
    await revokedTile.getByText(`: ${REASON}.`, { exact: false }).waitFor();
    await revokedTile.getByText(/^Revoked on /).waitFor();
    expect(await revokedTile.getByRole('link', { name: /Download credential/ }).count()).toBe(0);
    expect(await revokedTile.getAttribute('data-standing')).toBe('revoked');
    await checkViewports(page, 'credentials-pc-revoked');
    await shootPart(page, page.getByTestId('badges'), 'credentials-pc-revoked');

    // Its public page says "Revoked" first, and the credential check agrees.
    await verifier.goto(`/verify/badge/${revokedId}`);
    await verifier
      .getByTestId('badge-standing')
      .getByText(/^Revoked on /)
      .waitFor();
    expect(await verifier.getByText('Verified on Solana').count()).toBe(0);
    await verifier.getByTestId('credential-verdict').getByText('Credential revoked').waitFor();
    await checkViewports(verifier, 'credentials-verify-revoked');
    await shootPart(verifier, verifier.locator('main'), 'credentials-verify-revoked');

    // Time passes for the seasonal pass: its end moves into the past while the server is down.
    const expiringId = await idOf(names.expiring);
    await server.stop();
    // As any second program on the embedded database: its lock first (the server's is gone).
    const lock = await lockDataDir(join(dataDir, 'pg'), 'The stopped server’s database');
    const pg = await PGlite.create(join(dataDir, 'pg'));
    try {
      // Issued 40 days ago with its 30 days of validity: it ended 10 days ago.
      await pg.query(
        `update badge_issuances set issued_at = now() - interval '40 days', valid_until = now() - interval '10 days'
         where id = $1`,
        [expiringId],
      );
    } finally {
      await pg.close();
      lock.release();
    }
    await start();

    const { page: again, errors: againErrors } = await visitor();
    await again.goto('/login');
    await again.getByLabel('Email').fill(email);
    await again.getByLabel('Password').fill(password);
    await again.getByRole('button', { name: 'Log in' }).click();
    await again.waitForURL('**/app');
    const expiredTile = again.getByRole('region', { name: 'No longer valid' }).getByRole('listitem', {
      name: names.expiring,
      exact: true,
    });
    await expiredTile.getByTestId('badge-status').getByText('Expired').waitFor({ timeout: 30_000 });
    await expiredTile.getByText(/^Expired on /).waitFor();
    // Valid first, then the expired one, then the revoked one.
    const order = await again
      .getByTestId('badge-tile')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label')));
    expect(order.slice(0, 2).sort()).toEqual([names.kept, names.onChain].sort());
    expect(order.slice(2)).toEqual([names.expiring, names.revoked]);
    await checkViewports(again, 'credentials-pc-expired');
    await shootPart(again, again.getByTestId('badges'), 'credentials-pc-expired');

    // Signed on first request, after the validity ended: the credential says so itself.
    const check = await fetch(`${server.url}/api/public/badges/${expiringId}/credential/verification`);
    expect(await check.json()).toMatchObject({ status: 'expired', verified: false });
    await again.goto(`/verify/badge/${expiringId}`);
    await again
      .getByTestId('badge-standing')
      .getByText(/^Expired on /)
      .waitFor();
    await again.getByTestId('credential-verdict').getByText('Credential expired').waitFor();
    await checkViewports(again, 'credentials-verify-expired');
    await shootPart(again, again.locator('main'), 'credentials-verify-expired');

    expect([...pageErrors, ...verifierErrors, ...againErrors]).toEqual([]);
  });
});
