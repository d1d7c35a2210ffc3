import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
} from '../badges/badge-test-fixtures.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { generateKeyPairSigner } from '@solana/kit';
import { freePort } from '../test-support/free-port.ts';
import { createCredentialSigner, didKeyOf } from './issuer-key.ts';
import { signCredential } from './sign-credential.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = 'apps/server/src/credentials/verify-credential-cli.ts';

/** The CLI as `npm run verify-credential` runs it: its own process, no database. */
async function runCli(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', cli, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

describe('npm run verify-credential', () => {
  let t: TestApp;
  let dir: string;
  let issuanceId: string;
  let file: string;
  beforeAll(async () => {
    // A real server on a port, named in the credentials' status list URLs.
    const port = await freePort();
    t = await createTestApp({ PLATFORM_NAME: 'Acme Exchange', PUBLIC_URL: `http://127.0.0.1:${port}` });
    await t.app.listen({ host: '127.0.0.1', port });
    const admin = callerFor(t, (await t.newAdmin()).token);
    const badge = await createBadge(admin, { type: 'database', name: 'Helpful' });
    const [person] = await insertUsers(t, 1, 0);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [person!.id] },
    });
    await drainBadgeWorker(t);
    issuanceId = (await issuancesOf(t, created.json().batch.id))[0]!.id;
    dir = await mkdtemp(join(tmpdir(), 'insignia-credential-'));
    file = join(dir, 'helpful.json');
    const res = await fetch(`http://127.0.0.1:${port}/api/public/badges/${issuanceId}/credential?download=1`);
    await writeFile(file, await res.text());
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a saved credential verifies (status read from the server); a tampered one does not', async () => {
    const ok = await runCli(file);
    expect(ok.output).toMatch(/^ok {3}signature/m);
    expect(ok.output).toContain('Not revoked (status list read now).');
    expect(ok.output).toMatch(/Acme Exchange did:key:z6Mk/);
    expect(ok.output).toContain('VERIFIED: Helpful');
    expect(ok.code, ok.output).toBe(0);

    const tampered = join(dir, 'tampered.json');
    const json = JSON.parse(await import('node:fs/promises').then((f) => f.readFile(file, 'utf8')));
    await writeFile(tampered, JSON.stringify({ ...json, name: 'Grand Champion' }));
    const bad = await runCli(tampered);
    expect(bad.output).toMatch(/^FAIL signature/m);
    expect(bad.output).toContain('NOT VERIFIED: invalid');
    expect(bad.code).toBe(1);
  });

  it('revoked on the server: the CLI reads the bit and refuses; --offline says it did not check', async () => {
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ revokedAt: new Date() })
      .where(eq(badgeIssuances.id, issuanceId));
    const revoked = await runCli(file);
    expect(revoked.output).toMatch(/^FAIL status +Revoked/m);
    expect(revoked.output).toContain('NOT VERIFIED: revoked');
    expect(revoked.code).toBe(1);

    // Offline, the issuer is confirmed only against a DID the person gives.
    const unpinned = await runCli('--offline', file);
    expect(unpinned.output).toMatch(/^FAIL issuer +Not confirmed \(--offline\)/m);
    expect(unpinned.code).toBe(1);
    const did = didKeyOf(t.ctx.chain.authority.address);
    const offline = await runCli('--offline', '--issuer', did, file);
    expect(offline.output).toContain('Skipped (--offline)');
    expect(offline.output).toContain('VERIFIED (revocation not checked)');
    expect(offline.code).toBe(0);
    const otherDid = didKeyOf((await generateKeyPairSigner()).address);
    expect((await runCli('--offline', '--issuer', otherDid, file)).code).toBe(1);
  });

  it('refuses a forgery signed by another key in the platform’s name and URL', async () => {
    const saved = JSON.parse(await import('node:fs/promises').then((f) => f.readFile(file, 'utf8')));
    const forger = await generateKeyPairSigner();
    const { proof: _proof, ...unsigned } = saved as { proof: unknown; issuer: Record<string, unknown> };
    const forged = await signCredential(
      { ...unsigned, issuer: { ...unsigned.issuer, id: didKeyOf(forger.address) } },
      createCredentialSigner(forger),
    );
    const path = join(dir, 'forged.json');
    await writeFile(path, JSON.stringify(forged));
    const res = await runCli('--offline', path);
    expect(res.code).toBe(1);
    const online = await runCli(path);
    expect(online.output).toMatch(/^ok {3}signature/m);
    expect(online.output).toMatch(
      /^FAIL issuer +It claims http:\/\/127\.0\.0\.1:\d+, but .* publishes another DID/m,
    );
    expect(online.output).toContain('NOT VERIFIED');
    expect(online.code).toBe(1);
  });

  it('usage and file errors exit 2', async () => {
    expect((await runCli()).code).toBe(2);
    expect((await runCli(join(dir, 'missing.json'))).code).toBe(2);
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, 'hello');
    expect((await runCli(notJson)).code).toBe(2);
  });
});
