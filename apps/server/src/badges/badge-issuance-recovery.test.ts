import { address } from '@solana/kit';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMintInfo } from '../chain/fetch-mint-info.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import {
  balances,
  callerFor,
  createBadge,
  drainAuthority,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
  type Caller,
} from './badge-test-fixtures.ts';
import { badgeIssuanceTransactions } from './badges-schema.ts';
import { createIssuanceMinter } from './issuance-minter.ts';
import { MAX_ISSUANCE_ATTEMPTS } from './issuance-machine.ts';

describe(`issuance failures, retries and crash recovery (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a mint failing for lack of SOL ends `failed`; after refunding, one issuance is retried alone', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    const people = await insertUsers(t, 2, 1);
    const created = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: people.map((u) => u.id) },
      })
    ).json();
    const restore = await drainAuthority(t);
    await drainBadgeWorker(t, { skipBackoff: true });
    const failed = await issuancesOf(t, created.batch.id);
    expect(failed.map((r) => [r.status, r.attempts])).toEqual(
      failed.map(() => ['failed', MAX_ISSUANCE_ATTEMPTS]),
    );
    expect(failed[0]!.lastError).toMatch(/too little SOL/);
    const batch = (await admin('GET', `/api/admin/issuances/${created.batch.id}`)).json().batch;
    expect(batch).toMatchObject({ status: 'failed', counts: { failed: 2, done: 2 } });
    expect(batch.transactions.failed).toBe(MAX_ISSUANCE_ATTEMPTS);
    const failedLogs = (
      await admin('GET', `/api/admin/badge-logs?action=issuance.failed&issuanceId=${failed[0]!.id}`)
    ).json();
    expect(failedLogs.items[0]).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/INSUFFICIENT_SOL/),
    });

    await restore();
    const walletRow = failed.find((r) => r.destination === 'wallet')!;
    const retried = await admin('POST', `/api/admin/issuances/${walletRow.id}/retry`);
    expect(retried.json()).toMatchObject({ status: 'uploaded', attempts: 0, lastError: null });
    const twice = await admin('POST', `/api/admin/issuances/${walletRow.id}/retry`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'BADGE__ISSUANCE_NOT_RETRYABLE']);
    await drainBadgeWorker(t);
    const after = await issuancesOf(t, created.batch.id);
    expect(after.find((r) => r.id === walletRow.id)).toMatchObject({ status: 'issued' });
    expect(after.find((r) => r.id !== walletRow.id)).toMatchObject({ status: 'failed' });
    const wallet = people.find((u) => u.wallet)!.wallet!.address;
    expect(await balances(t, badge.mintAddress!, [wallet, t.ctx.chain.vault.address])).toEqual([1n, 0n]);
    const mails = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(
        inArray(
          emailLogs.issuanceId,
          after.map((r) => r.id),
        ),
      );
    expect(mails.map((m) => [m.issuanceId, m.notificationType])).toEqual([
      [walletRow.id, 'badge_minted_to_wallet'],
    ]);
    const retryLog = (
      await admin('GET', `/api/admin/badge-logs?action=issuance.retried&issuanceId=${walletRow.id}`)
    ).json();
    expect(retryLog.total).toBe(1);
    expect((await admin('GET', `/api/admin/issuances/${created.batch.id}`)).json().batch.status).toBe(
      'completed',
    );
  });

  it('a worker that dies around sending: the next one finds each transaction on chain or re-sends it, minting nothing twice', async () => {
    const badge = await createBadge(admin, { type: 'blockchain' });
    const people = await insertUsers(t, 14, 6);
    const created = (
      await admin('POST', '/api/admin/issuances', {
        badgeIds: [badge.id],
        recipients: { userIds: people.map((u) => u.id) },
      })
    ).json();
    await t.ctx.badges.uploader.uploadDue('test');
    // This worker's process "dies" as it sends: after handing every other transaction to the
    // network, and before sending the others. Its rows say `sent`, nothing is settled.
    let n = 0;
    const dying = createIssuanceMinter({
      db: t.ctx.database.db,
      chain: {
        ...t.ctx.chain,
        sender: {
          ...t.ctx.chain.sender,
          send: async (input) => {
            if (n++ % 2 === 0)
              await t.ctx.chain.rpc.rpc.sendTransaction(input.wire, { encoding: 'base64' }).send();
            throw new Error('process killed');
          },
        },
      },
      mailer: t.ctx.mailer,
      logger: t.ctx.logger,
    });
    expect(await dying.mintDue('worker:dead')).toBe(14);
    const sent = await t.ctx.database.db
      .select()
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, created.batch.id));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((s) => s.status))).toEqual(new Set(['sent']));
    expect(new Set((await issuancesOf(t, created.batch.id)).map((r) => r.status))).toEqual(
      new Set(['minting']),
    );

    // A healthy worker takes over (its leases run out; back-off skipped as time would).
    await t.ctx.database.db
      .update(badgeIssuanceTransactions)
      .set({ leaseExpiresAt: null, nextAttemptAt: null })
      .where(eq(badgeIssuanceTransactions.batchId, created.batch.id));
    await drainBadgeWorker(t);
    const rows = await issuancesOf(t, created.batch.id);
    expect(rows.filter((r) => r.status === 'issued')).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'in_vault')).toHaveLength(8);
    const wallets = people.filter((u) => u.wallet).map((u) => u.wallet!.address);
    expect(await balances(t, badge.mintAddress!, wallets)).toEqual(wallets.map(() => 1n));
    expect(await balances(t, badge.mintAddress!, [t.ctx.chain.vault.address])).toEqual([8n]);
    const mint = await fetchMintInfo(t.ctx.chain.rpc.rpc, address(badge.mintAddress!));
    expect(mint?.supply).toBe(14n);
    const after = await t.ctx.database.db
      .select()
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, created.batch.id));
    expect(after.map((a) => a.status)).toEqual(sent.map(() => 'confirmed'));
    const mails = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(
        inArray(
          emailLogs.issuanceId,
          rows.map((r) => r.id),
        ),
      );
    expect(mails).toHaveLength(14);
  });
});
