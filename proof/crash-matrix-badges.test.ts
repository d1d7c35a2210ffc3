import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../apps/server/src/db/database.ts';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '../apps/server/src/test-support/scratch-database.ts';
import { emailLogs } from '../apps/server/src/mail/mail-schema.ts';
import { createApiUser, linkWallet, type ApiUser, type ServerEndpoint } from './helpers/api-user.ts';
import { adminConsole, waitUntil, type AdminConsole } from './helpers/badge-flow.ts';
import { callApi } from './helpers/call-api.ts';
import {
  checkBadgeHoldings,
  checkBadgeRecords,
  vaultAddress,
  type BadgeRecipient,
} from './helpers/check-badge-deliveries.ts';
import { mapLimit } from './helpers/map-limit.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const LONG = process.env.PROOF_LONG === '1';

type Person = ApiUser & { rebind(next: ServerEndpoint): void };
/** Where a server dies: a crash point (`{authority}` stands for the platform key) or a kill after `afterMs`. */
interface Crash {
  at?: string;
  afterMs?: number;
}

const issuanceCrashes: Crash[] = [
  { at: 'chain.send.after@{authority}' },
  { at: 'chain.send.settled@{authority}' },
  { at: 'mail.sent@{recipient}' },
  ...(LONG
    ? [
        { at: 'chain.send.before@{authority}' },
        { at: 'chain.send.settled@{authority}#2' },
        { afterMs: 400 },
        { afterMs: 1_500 },
        { afterMs: 4_000 },
      ]
    : []),
];
const claimCrashes: Crash[] = [
  { at: 'chain.send.settled@{authority}' },
  { at: 'mail.sent@{recipient}' },
  ...(LONG
    ? [{ at: 'chain.send.before@{authority}' }, { at: 'chain.send.after@{authority}' }, { afterMs: 300 }]
    : []),
];
const RECIPIENTS = LONG ? 12 : 4;

/**
 * The crash matrix for badges: the real server killed while a batch issuance mints and mails,
 * and while an approved claim moves a badge out of the vault, then restarted. Every issuance
 * and claim reaches a terminal state; each person holds exactly one unit; the vault holds
 * exactly what was not claimed; no email was written twice; no event was lost or doubled.
 */
// With TEST_DATABASE_URL (CI's PostgreSQL pass) the server runs on a scratch database there.
const postgresUrl = process.env.TEST_DATABASE_URL;

describe(`crash matrix: badge issuance and claims (${LONG ? 'long' : 'fast'} variant, ${postgresUrl ? 'PostgreSQL' : 'embedded mode'})`, () => {
  const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
  const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
  const env = {
    ADMIN_EMAIL: 'admin@proof.test',
    ADMIN_PASSWORD: adminPassword,
    INGEST_API_KEY: ingestApiKey,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  let scratch: ScratchDatabase | undefined;
  afterAll(async () => {
    await server?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  it(
    `${issuanceCrashes.length} crashes during issuance and ${claimCrashes.length} during claims lose nothing`,
    async () => {
      const started = Date.now();
      dataDir = await mkdtemp(join(tmpdir(), 'insignia-crash-badges-'));
      if (postgresUrl) scratch = await createScratchDatabase(postgresUrl, 'insignia_crash_badges');
      const databaseEnv = scratch ? { DATABASE_URL: scratch.url } : {};
      let restarts = 0;
      let people: Person[] = [];
      const start = async (crashAt?: string) => {
        server = await startServerProcess({
          dataDir: dataDir!,
          env: { ...env, ...databaseEnv, INSIGNIA_CRASH_AT: crashAt },
        });
        restarts++;
        for (const p of people) p.rebind({ url: server.url, rpcUrl: server.rpcUrl, ingestApiKey });
        return server;
      };
      const url = () => server!.url;
      /** Runs `act` on a server started to crash as `crash` says; returns once it has died. */
      /** `act` calls `arm()` when the work under test has begun: a timed kill counts from there. */
      const crashDuring = async (
        crash: Crash,
        vars: Record<string, string>,
        act: (arm: () => void) => Promise<unknown>,
      ) => {
        const at = crash.at?.replace(/\{(\w+)\}/g, (_, k: string) => vars[k]!);
        const victim = await start(at);
        const arm = () => {
          if (crash.afterMs !== undefined) setTimeout(() => void victim.kill(), crash.afterMs);
        };
        await Promise.race([act(arm).catch(() => undefined), victim.exited]);
        const died = await Promise.race([
          victim.exited,
          new Promise<'alive'>((r) => setTimeout(() => r('alive'), 90_000)),
        ]);
        expect(
          died,
          `${at ?? crash.afterMs}: the server never crashed\n${victim.output().slice(-2_000)}`,
        ).not.toBe('alive');
        if (at) expect(victim.output()).toContain(`INSIGNIA_CRASH_AT reached: ${at}`);
      };

      // Setup on a healthy server: one chain badge per case, recipients half with a wallet.
      await start();
      const login = await callApi(url(), 'POST', '/api/auth/login', {
        body: { email: env.ADMIN_EMAIL, password: adminPassword },
      });
      const admin: AdminConsole = adminConsole(url, login.body.token);
      const authority = await admin.authorityAddress();
      const endpoint = { url: url(), rpcUrl: server!.rpcUrl, ingestApiKey };
      const cases = await mapLimit(issuanceCrashes, 2, async (crash, i) => {
        const badge = await admin.createChainBadge(`Crash ${i}`);
        const recipients = await mapLimit(Array.from({ length: RECIPIENTS }), 4, async (_, r) => {
          const p = await createApiUser(endpoint, { linkWallet: r % 2 === 0, sol: 0n });
          return { person: p, withWallet: r % 2 === 0 };
        });
        return { crash, badge, recipients, batchId: '' };
      });
      people = cases.flatMap((c) => c.recipients.map((r) => r.person));
      await server!.stop();

      const batchDone = (batchId: string) => async () => (await admin.batch(batchId)).status === 'completed';
      for (const [n, c] of cases.entries()) {
        const vars = { authority, recipient: c.recipients[0]!.person.email };
        await crashDuring(c.crash, vars, async (arm) => {
          c.batchId = await admin.issue(
            c.badge.id,
            c.recipients.map((r) => r.person.id),
          );
          arm();
          // The worker mints and mails in the background; wait for the crash.
          await waitUntil(batchDone(c.batchId), 60_000, 'batch');
        });
        // Restarted healthy, it finishes the batch (and any before it) on its own.
        await start();
        if (!c.batchId) throw new Error(`${c.crash.at ?? c.crash.afterMs}: the batch was never created`);
        await waitUntil(batchDone(c.batchId), 120_000, `batch ${c.batchId}`);
        if (n < cases.length - 1) await server!.stop();
      }
      await flushEmails();

      // Claims: vaulted recipients link a wallet and claim; the admin approves while it crashes.
      const claimants = cases
        .flatMap((c) => c.recipients.filter((r) => !r.withWallet).map((r) => ({ ...r, badge: c.badge })))
        .slice(0, claimCrashes.length * 2);
      const claims: Array<{ claimant: (typeof claimants)[number]; claimId: string }> = [];
      for (const claimant of claimants) {
        await linkWallet(claimant.person);
        const mine = (await claimant.person.call('GET', '/api/badges/unclaimed')).body.items as Array<{
          issuanceId: string;
        }>;
        const res = await claimant.person.call('POST', '/api/badges/claims', {
          issuanceIds: [mine[0]!.issuanceId],
        });
        expect(res.status, res.text).toBe(201);
        claims.push({ claimant, claimId: res.body.items[0].id });
      }
      await server!.stop();
      const claimDone = (claimId: string) => async () => (await admin.claim(claimId)).status === 'completed';
      for (const [i, crash] of claimCrashes.entries()) {
        const { claimant, claimId } = claims[i]!;
        // The confirmation email goes out (or the crash comes) shortly after the approval.
        await crashDuring(crash, { authority, recipient: claimant.person.email }, (arm) => {
          arm();
          return admin.approveClaim(claimId);
        });
        await start();
        await waitUntil(claimDone(claimId), 120_000, `claim ${claimId}`);
        if (i < claimCrashes.length - 1) await server!.stop();
      }
      for (const { claimId } of claims.slice(claimCrashes.length)) await admin.approveClaim(claimId);
      for (const { claimId } of claims) await waitUntil(claimDone(claimId), 120_000, `claim ${claimId}`);
      await flushEmails();

      const expected: BadgeRecipient[] = cases.flatMap((c) =>
        c.recipients.map((r) => ({
          userId: r.person.id,
          wallet: r.person.wallet.address,
          mint: c.badge.mintAddress,
          claimed: claims.some((cl) => cl.claimant.person.id === r.person.id),
          withWallet: r.withWallet,
        })),
      );
      expect(await checkBadgeHoldings(server!.rpcUrl!, await vaultAddress(dataDir), expected)).toEqual([]);
      await server!.stop();
      const database = await openDatabase({ databaseUrl: scratch?.url, dataDir });
      try {
        expect(await checkBadgeRecords(database.db, dataDir, expected)).toEqual([]);
      } finally {
        await database.close();
      }
      console.log(
        `crash matrix (badges): ${issuanceCrashes.length} issuance and ${claimCrashes.length} claim crashes ` +
          `tried, ${restarts} restarts, ${expected.length} recipients, ${claims.length} claims; all invariants ` +
          `held in ${Math.round((Date.now() - started) / 1000)} s`,
      );

      /**
       * Emails the crashed process had claimed are leased for five minutes; time passes (as a
       * restart of the app a few minutes later would see it), then every email must be sent.
       */
      async function flushEmails() {
        await server!.stop();
        const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: dataDir! });
        await database.db.update(emailLogs).set({ nextAttemptAt: new Date(0) });
        await database.close();
        await start();
        await waitUntil(
          async () => {
            const dashboard = await admin.call('GET', '/api/admin/email-logs?status=pending&limit=1');
            return dashboard.total === 0;
          },
          60_000,
          'emails',
        );
      }
    },
    LONG ? 90 * 60_000 : 20 * 60_000,
  );
});
