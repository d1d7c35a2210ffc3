import type { Address } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`a held level NFT after trades are reversed (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const post = (trades: object[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: { trades },
    });

  it('is kept on chain and in the database, but an upgrade needs the corrected volume', async () => {
    const u = await newChainUser(t);
    const at = '2026-11-01T00:00:00Z';
    await post([{ id: 'nft-rev-a', userId: u.user.id, volumeUsd: '100000', executedAt: at }]);
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const submitted = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    expect(submitted.json()).toMatchObject({ status: 'completed', toLevel: 1 });

    // $500K reaches level 2 (Silver); then the $400K trade is busted.
    await post([{ id: 'nft-rev-b', userId: u.user.id, volumeUsd: '400000', executedAt: at }]);
    expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({ canUpgrade: true });
    expect((await post([{ id: 'nft-rev-b-x', reverses: 'nft-rev-b' }])).json()).toMatchObject({
      reversed: 1,
    });

    const status = (await u.call('GET', '/api/nft/status')).json();
    expect(status).toMatchObject({
      volumeUsd: '100000',
      currentNft: { level: 1, mintAddress: prepared.mintAddress },
      canUpgrade: false,
    });
    const upgrade = await u.call('POST', '/api/nft/upgrade');
    expect(upgrade.statusCode).toBe(403);
    expect(upgrade.json().error.code).toBe('NFT__INSUFFICIENT_VOLUME');

    // Even below level 1 now: the NFT stays, burned by nobody.
    await post([{ id: 'nft-rev-a-x', reverses: 'nft-rev-a' }]);
    const [nft] = await t.ctx.database.db.select().from(userNfts).where(eq(userNfts.userId, u.user.id));
    expect(nft).toMatchObject({ status: 'active', level: 1 });
    const onChain = await fetchLevelNftState(t.ctx.chain.rpc.rpc, {
      mint: prepared.mintAddress as Address,
      owner: u.wallet.address,
      authority: t.ctx.chain.authority.address,
    });
    expect(onChain).toMatchObject({ state: 'held', level: '1' });
    expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({
      volumeUsd: '0',
      currentNft: { level: 1 },
    });
  });
});
