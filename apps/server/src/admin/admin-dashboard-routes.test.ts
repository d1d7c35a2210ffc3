import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeLogs } from '../badges/badge-logs-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { nftRequests, reconciliationFlags, reconciliationRuns, userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';

describe(`admin dashboard (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp({ AUTHORITY_LOW_BALANCE_SOL: '1000000' });
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  const get = (token?: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/admin/dashboard',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('is for admins only', async () => {
    expect((await get()).statusCode).toBe(401);
    const user = await t.newUser();
    const res = await get(user.token);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH__FORBIDDEN');
  });

  it('counts users, NFTs and every queue that needs attention, with recent activity', async () => {
    const db = t.ctx.database.db;
    const { user } = await t.newUser();
    const wallet = createTestWallet().address;
    // A fresh keypair's address for each mint: unique, and a real address.
    const mint = () => createTestWallet().address;

    await db.insert(userNfts).values({ userId: user.id, level: 2, mintAddress: mint(), ownerWallet: wallet });
    const [stuck] = await db
      .insert(nftRequests)
      .values({
        userId: user.id,
        kind: 'upgrade',
        mode: 'two_step',
        status: 'needs_compensation',
        fromLevel: 2,
        toLevel: 3,
        targetMint: mint(),
        walletAddress: wallet,
        errorCode: 'CHAIN__TRANSACTION_FAILED',
        lastError: 'mint failed',
      })
      .returning();
    const [badge] = await db
      .insert(badges)
      .values({ name: 'Early bird', badgeType: 'blockchain', mintAddress: mint() })
      .returning();
    const [issuance] = await db
      .insert(badgeIssuances)
      .values({
        badgeId: badge!.id,
        userId: user.id,
        status: 'claim_requested',
        destination: 'vault',
        recipientHash: 'h'.repeat(64),
      })
      .returning();
    await db.insert(claimIntents).values({
      issuanceId: issuance!.id,
      userId: user.id,
      walletAddress: wallet,
      tokenId: badge!.mintAddress!,
    });
    await db.insert(emailLogs).values({
      notificationType: 'badge_in_vault',
      recipient: user.email,
      subject: 'A badge',
      dedupeKey: 'dash-1',
      status: 'failed',
    });
    await db.insert(webhookDeliveries).values({
      eventType: 'claim.requested',
      url: 'https://example.com/hook',
      payload: {},
      dedupeKey: 'dash-1',
      status: 'failed',
    });
    const [run] = await db
      .insert(reconciliationRuns)
      .values({ status: 'completed', trigger: 'manual', flagged: 1, finishedAt: new Date() })
      .returning();
    await db.insert(reconciliationFlags).values({
      runId: run!.id,
      entityType: 'user_nft',
      entityId: stuck!.id,
      kind: 'missing_on_chain',
    });
    await db.insert(badgeLogs).values({
      actionType: 'badge.created',
      entityType: 'badge',
      badgeId: badge!.id,
    });

    const res = await get(adminToken);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.users).toMatchObject({ total: 3, admins: 1, withWallet: 0 }); // + the user of the first test;
    expect(body.nfts.totalActive).toBe(1);
    expect(body.nfts.activeByLevel).toHaveLength(5);
    expect(body.nfts.activeByLevel[1]).toMatchObject({ level: 2, count: 1 });
    expect(body.badges).toEqual({
      total: 1,
      issued: 1,
      onChain: 0,
      inVault: 1,
      databaseOnly: 0,
      expired: 0,
      revoked: 0,
    });
    // The level 2 holder has no volume at all (as if every trade was reversed).
    expect(body.nfts.heldBelowLevel).toBe(1);
    expect(body.attention).toEqual({
      compensationQueue: 1,
      openReconciliationFlags: 1,
      failedEmails: 1,
      failedWebhooks: 1,
      pendingClaims: 1,
      failedIssuances: 0,
    });
    expect(body.lastReconciliation).toMatchObject({ status: 'completed', flagged: 1 });

    // Its period ends: still issued and still in the vault, but told apart as expired.
    await db
      .update(badgeIssuances)
      .set({ validUntil: new Date(Date.now() - 1_000) })
      .where(eq(badgeIssuances.id, issuance!.id));
    expect((await get(adminToken)).json().badges).toMatchObject({
      issued: 1,
      inVault: 1,
      expired: 1,
      revoked: 0,
    });
    // The audit log's newest entries, worded as its page words them.
    expect(body.recentActivity[0]).toMatchObject({ category: 'badge', action: 'badge.created' });
    expect(body.recentActivity[0].summary).toMatch(/created badge/i);

    // The compensation queue the dashboard links to says whose upgrade is stuck.
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/nft/requests',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(queue.json().items).toEqual([
      expect.objectContaining({
        id: stuck!.id,
        error: 'mint failed',
        user: { id: user.id, email: user.email },
        compensationNote: null,
      }),
    ]);
  });

  it('reads the authority balance from the chain and flags it low against the threshold', async () => {
    const body = (await get(adminToken)).json();
    expect(body.authority.address).toBe(t.ctx.chain.authority.address);
    expect(BigInt(body.authority.balanceLamports)).toBeGreaterThan(0n);
    // The test app's threshold (1,000,000 SOL) is above what the faucet gives.
    expect(body.authority.lowThresholdLamports).toBe('1000000000000000');
    expect(body.authority.low).toBe(true);
    // The vault, which holds unclaimed badges, is shown beside it with its own balance.
    expect(body.vault.address).toBe(t.ctx.chain.vault.address);
    expect(body.vault.address).not.toBe(body.authority.address);
    const { value } = await t.ctx.chain.rpc.rpc.getBalance(t.ctx.chain.vault.address).send();
    expect(body.vault.balanceLamports).toBe(value.toString());
  });
});
