import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChainBadge,
  createDatabaseBadge,
  issueDatabaseBadge,
  issueToVault,
  issueToWallet,
} from '../claims/test-claim-fixtures.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { badgeCategories, badgeIssuances, badges } from './badges-schema.ts';

describe(`the user's badges (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows database-only, wallet and vault badges with what each needs, no wallet required', async () => {
    const u = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    const [category] = await t.ctx.database.db
      .insert(badgeCategories)
      .values({ name: 'Community' })
      .returning();
    const kudosBadge = await createDatabaseBadge(t, 'Helpful Reviewer');
    await t.ctx.database.db
      .update(badges)
      .set({ categoryId: category!.id })
      .where(eq(badges.id, kudosBadge.id));
    const kudos = await issueDatabaseBadge(t, kudosBadge, u.user.id);
    const vaultBadge = await createChainBadge(t, 'Volume Hero');
    const vaulted = await issueToVault(t, vaultBadge, u.user.id);
    const walletBadge = await createChainBadge(t, 'Streak');
    const minted = await issueToWallet(t, walletBadge, u.user.id, u.wallet.address);
    // Not the user's yet: a mint still in progress is not shown.
    await t.ctx.database.db.insert(badgeIssuances).values({
      badgeId: (await createDatabaseBadge(t)).id,
      userId: u.user.id,
      status: 'pending',
      destination: 'none',
      recipientHash: 'h'.repeat(64),
    });

    const res = await u.call('GET', '/api/badges');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { issuanceId: string }[];
    expect(items).toHaveLength(3);
    const byId = new Map(items.map((b) => [b.issuanceId, b]));
    expect(byId.get(kudos.id)).toMatchObject({
      name: 'Helpful Reviewer',
      type: 'database',
      status: 'issued',
      category: { id: category!.id, name: 'Community' },
      tokenId: null,
      walletAddress: null,
      claimable: false,
      claim: null,
    });
    expect(byId.get(vaulted.id)).toMatchObject({
      name: 'Volume Hero',
      type: 'blockchain',
      status: 'in_vault',
      tokenId: vaultBadge.mintAddress,
      mintSignature: vaulted.mintSignature,
      walletAddress: null,
      claimable: true,
    });
    expect(byId.get(minted.id)).toMatchObject({
      status: 'issued',
      tokenId: walletBadge.mintAddress,
      walletAddress: u.wallet.address,
      claimable: false,
    });

    const unclaimed = (await u.call('GET', '/api/badges/unclaimed')).json();
    expect(unclaimed).toMatchObject({ walletOnFile: false, walletAddress: null });
    expect(unclaimed.items.map((b: { issuanceId: string }) => b.issuanceId)).toEqual([vaulted.id]);

    // Another user sees none of them.
    const other = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    expect((await other.call('GET', '/api/badges')).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/badges' })).statusCode).toBe(401);
  });
});
