import { extension, getTokenSize } from '@solana-program/token-2022';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDashboardCharts } from '@insignia/contract';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { insertUsers } from '../badges/badge-test-fixtures.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import { nftRequests, userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';

const DAY = 86_400_000;
/** Now for today, else noon UTC `n` days back: inside that UTC day whatever the hour of the run. */
const daysAgo = (n: number) => {
  if (n === 0) return new Date();
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T12:00:00Z');
  return new Date(today.getTime() - n * DAY);
};
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe(`admin dashboard charts (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  const get = (query: string, token: string | null = adminToken) =>
    t.app.inject({
      method: 'GET',
      url: `/api/admin/dashboard/charts${query}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const trade = (userId: string, id: string, volumeUsd: string, at: Date) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: { trades: [{ id, userId, volumeUsd, executedAt: at.toISOString() }] },
    });

  it('is for admins only and refuses a period outside 1 to 365 days', async () => {
    expect((await get('', null)).statusCode).toBe(401);
    expect((await get('', (await t.newUser()).token)).statusCode).toBe(403);
    for (const bad of ['?days=0', '?days=366', '?days=abc', '?days=2.5']) {
      const res = await get(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toMatch(/^VALIDATION__/);
    }
    expect((await get('?days=365')).json().daily).toHaveLength(365);
  });

  it('groups trades, level changes, issuances, claims and the authority spend by UTC day, zeros filled', async () => {
    const db = t.ctx.database.db;
    const [close, ready, holder, farAway] = await insertUsers(t, 4, 0);
    // Bronze needs 100,000: 85,000 is close (≥ 80 %), 150,000 has reached it.
    expect((await trade(close!.id, 'c-1', '60000', daysAgo(0))).statusCode).toBeLessThan(300);
    await trade(close!.id, 'c-2', '25000', daysAgo(0));
    await trade(ready!.id, 'r-1', '150000', daysAgo(2));
    await trade(farAway!.id, 'f-1', '10', daysAgo(2));
    // Outside a 7-day period: counted in volume totals, not in the series.
    await trade(farAway!.id, 'f-old', '999', daysAgo(10));
    // Holds Silver (level 2) and has 4,500,000 of Gold's 5,000,000.
    await trade(holder!.id, 'h-1', '4500000', daysAgo(3));

    const wallet = createTestWallet().address;
    const mint = () => createTestWallet().address;
    const [upgrade] = await db
      .insert(nftRequests)
      .values({
        userId: holder!.id,
        kind: 'upgrade',
        mode: 'two_step',
        status: 'completed',
        fromLevel: 1,
        toLevel: 2,
        targetMint: mint(),
        walletAddress: wallet,
        completedAt: daysAgo(1),
      })
      .returning();
    await db.insert(userNfts).values({
      userId: holder!.id,
      level: 2,
      mintAddress: upgrade!.targetMint,
      ownerWallet: wallet,
      requestId: upgrade!.id,
      metadataUri: 'ipfs://bafy-level-2',
    });
    await db.insert(nftRequests).values({
      userId: ready!.id,
      kind: 'unlock',
      mode: 'user_signed',
      status: 'completed',
      toLevel: 1,
      targetMint: mint(),
      walletAddress: wallet,
      completedAt: daysAgo(1),
    });

    const [dbBadge, chainBadge] = await db
      .insert(badges)
      .values([
        { name: 'Helper', badgeType: 'database' },
        { name: 'Early', badgeType: 'blockchain', mintAddress: mint(), createdAt: daysAgo(20) },
      ])
      .returning();
    const issuance = (
      userId: string,
      badgeId: string,
      destination: 'wallet' | 'vault' | 'none',
      at: Date,
    ) => ({
      badgeId,
      userId,
      destination,
      status: destination === 'vault' ? ('in_vault' as const) : ('issued' as const),
      issuedAt: at,
      recipientHash: 'h'.repeat(64),
    });
    const [, vaulted] = await db
      .insert(badgeIssuances)
      .values([
        issuance(close!.id, dbBadge!.id, 'none', daysAgo(0)),
        issuance(ready!.id, chainBadge!.id, 'vault', daysAgo(4)),
        issuance(holder!.id, dbBadge!.id, 'none', daysAgo(4)),
      ])
      .returning();
    await db.insert(claimIntents).values({
      issuanceId: vaulted!.id,
      userId: ready!.id,
      walletAddress: wallet,
      tokenId: chainBadge!.mintAddress!,
      status: 'completed',
      signingMode: 'server',
      completedAt: daysAgo(0),
    });

    const res = await get('?days=7');
    expect(res.statusCode).toBe(200);
    const body = res.json<AdminDashboardCharts>();
    expect(body.days).toBe(7);
    expect(body.daily.map((d) => d.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => dayOf(daysAgo(n))));
    expect([body.from, body.to]).toEqual([dayOf(daysAgo(6)), dayOf(daysAgo(0))]);
    const on = (n: number) => body.daily.find((d) => d.day === dayOf(daysAgo(n)))!;

    expect(on(0)).toMatchObject({ trades: 2, issuedDatabaseOnly: 1, issuedOnChain: 0, claims: 1 });
    expect(Number(on(0).volumeUsd)).toBe(85_000);
    expect(on(1)).toMatchObject({ unlocks: 1, upgrades: 1, trades: 0, volumeUsd: '0' });
    expect(Number(on(2).volumeUsd)).toBe(150_010);
    expect(Number(on(3).volumeUsd)).toBe(4_500_000);
    expect(on(4)).toMatchObject({ issuedOnChain: 1, issuedDatabaseOnly: 1 });
    // Days with nothing: present, every series zero.
    for (const n of [5, 6]) {
      expect(on(n)).toEqual({
        day: dayOf(daysAgo(n)),
        volumeUsd: '0',
        trades: 0,
        unlocks: 0,
        upgrades: 0,
        issuedOnChain: 0,
        issuedDatabaseOnly: 0,
        claims: 0,
        authorityLamports: '0',
      });
    }

    // The authority's spend, checked against the validator's own rent: the claim transfer
    // (authority + vault signatures) created the recipient's token account.
    const rpc = t.ctx.chain.rpc.rpc;
    const accountRent = await rpc
      .getMinimumBalanceForRentExemption(BigInt(getTokenSize([extension('ImmutableOwner', {})])))
      .send();
    expect(BigInt(on(0).authorityLamports)).toBe(2n * 5_000n + accountRent);
    // The vault's token account for the badge came with its first vault issuance.
    expect(BigInt(on(4).authorityLamports)).toBe(accountRent);
    // The server minted the upgraded level NFT: mint and token account rent, two signatures.
    expect(BigInt(on(1).authorityLamports)).toBeGreaterThan(2n * 5_000n + accountRent);
    const spend = body.authoritySpend;
    expect(BigInt(spend.totalLamports)).toBe(
      body.daily.reduce((sum, d) => sum + BigInt(d.authorityLamports), 0n),
    );
    expect(BigInt(spend.claimsLamports)).toBe(2n * 5_000n + accountRent);
    expect(spend.badgeMintsLamports).toBe('0'); // its mint was created before the period

    // People per level (admins excluded): level 0 is "no level NFT yet".
    const level = (n: number) => body.levels.find((l) => l.level === n)!;
    expect(body.closeShare).toBe(0.8);
    expect(level(0)).toMatchObject({ name: 'No level yet', holders: 4 }); // + the 403 test's user
    expect(level(1)).toMatchObject({ name: 'Bronze', holders: 0, close: 1, ready: 1 });
    expect(level(2)).toMatchObject({ holders: 1, close: 0, ready: 0 });
    expect(level(3)).toMatchObject({ name: 'Gold', close: 1, ready: 0 });
    expect(body.levels.reduce((sum, l) => sum + l.holders, 0)).toBe(5);
  });
});
