import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSolanaRpc, type Address } from '@solana/kit';
import { afterAll, describe, expect, it } from 'vitest';
import { readTokenBalance } from '../apps/server/src/claims/read-token-balance.ts';
import { createApiUser } from './helpers/api-user.ts';
import { adminConsole, waitUntil, type AdminConsole } from './helpers/badge-flow.ts';
import { callApi } from './helpers/call-api.ts';
import { vaultAddress } from './helpers/check-badge-deliveries.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

/** Where the server dies while burning a revoked badge (`{issuance}` / `{authority}` filled in). */
const crashes = [
  'revocation.burn.stored@{issuance}', // the signed burn is stored, not sent
  'chain.send.after@{authority}', // sent, its outcome not known
  'revocation.burn.settled@{issuance}', // landed, not recorded
];
const HOLDERS = 3;

/**
 * The real server killed (SIGKILL) at each step of a revocation's burn, then restarted: the
 * revocation finishes on its own, and the vault, which holds one unit per vaulted person, lost
 * exactly one: the revoked person's, never a second.
 */
describe('crash matrix: revocation burns (embedded mode)', () => {
  const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
  const env = {
    ADMIN_EMAIL: 'admin@proof.test',
    ADMIN_PASSWORD: adminPassword,
    INGEST_API_KEY: `ik_${randomBytes(18).toString('base64url')}`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(
    `${crashes.length} crashes mid-burn each end in exactly one burn`,
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'insignia-crash-revocations-'));
      const start = async (crashAt?: string) => {
        server = await startServerProcess({ dataDir: dataDir!, env: { ...env, INSIGNIA_CRASH_AT: crashAt } });
        return server;
      };
      const url = () => server!.url;
      await start();
      const login = await callApi(url(), 'POST', '/api/auth/login', {
        body: { email: env.ADMIN_EMAIL, password: adminPassword },
      });
      const admin: AdminConsole = adminConsole(url, login.body.token);
      const authority = await admin.authorityAddress();
      const vault = (await vaultAddress(dataDir)) as Address;
      const endpoint = { url: url(), rpcUrl: server!.rpcUrl, ingestApiKey: env.INGEST_API_KEY };

      // One chain badge per crash, held in the vault for three people each.
      const cases = [];
      for (const [i, crash] of crashes.entries()) {
        const badge = await admin.createChainBadge(`Revocation crash ${i}`);
        const people = [];
        for (let n = 0; n < HOLDERS; n++)
          people.push(await createApiUser(endpoint, { linkWallet: false, sol: 0n }));
        const batchId = await admin.issue(
          badge.id,
          people.map((p) => p.id),
        );
        await waitUntil(async () => (await admin.batch(batchId)).status === 'completed', 120_000, 'batch');
        const { items } = (await admin.call('GET', `/api/admin/issuances/${batchId}?limit=200`)) as {
          items: Array<{ id: string; status: string }>;
        };
        expect(items.every((i) => i.status === 'in_vault')).toBe(true);
        cases.push({ crash, mint: badge.mintAddress as Address, issuanceId: items[0]!.id });
      }
      // The local validator moves to a new port with every restart: ask the one running now.
      const rpc = () => createSolanaRpc(server!.rpcUrl!);
      for (const c of cases) expect(await readTokenBalance(rpc(), vault, c.mint)).toBe(BigInt(HOLDERS));
      await server!.stop();

      for (const c of cases) {
        const at = c.crash.replace('{issuance}', c.issuanceId).replace('{authority}', authority);
        const victim = await start(at);
        // The revoke request burns at once, so the crash comes inside it.
        await admin
          .call('POST', '/api/admin/revocations', { issuanceId: c.issuanceId, reason: 'Crash test' })
          .catch(() => undefined);
        const died = await Promise.race([
          victim.exited,
          new Promise<'alive'>((r) => setTimeout(() => r('alive'), 60_000)),
        ]);
        expect(died, `${at}: the server never crashed\n${victim.output().slice(-2_000)}`).not.toBe('alive');
        expect(victim.output()).toContain(`INSIGNIA_CRASH_AT reached: ${at}`);

        await start();
        await waitUntil(
          async () =>
            (await admin.call('GET', `/api/admin/revocations/${c.issuanceId}`)).revocation?.status === 'done',
          120_000,
          `revocation after ${c.crash}`,
        );
        const revocation = (await admin.call('GET', `/api/admin/revocations/${c.issuanceId}`)).revocation;
        expect(revocation).toMatchObject({ chainAction: 'burn_from_vault', status: 'done', lastError: null });
        expect(await readTokenBalance(rpc(), vault, c.mint), c.crash).toBe(BigInt(HOLDERS - 1));
        await server!.stop();
      }
    },
    15 * 60_000,
  );
});
