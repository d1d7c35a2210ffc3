import { address, type Address } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBurnLevelNft } from '../chain/build-burn-level-nft.ts';
import { userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser, type ChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { partiallySignTransaction, getBase64EncodedWireTransaction } from '@solana/kit';
import { prepareTransaction } from '../chain/prepare-transaction.ts';

async function unlocked(t: TestApp): Promise<{ u: ChainUser; mint: Address }> {
  const u = await newChainUser(t, { volumeUsd: '100000' });
  const prepared = (await u.call('POST', '/api/nft/unlock')).json();
  await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
    signedTransaction: await u.sign(prepared),
  });
  return { u, mint: address(prepared.mintAddress) };
}

describe(`reconciliation (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  it('detects an NFT burned outside the flow, corrects the database, and says so', async () => {
    const keeper = await unlocked(t);
    const burner = await unlocked(t);
    // The user burns the NFT with their own wallet, behind Insignia's back.
    const built = await buildBurnLevelNft(
      { rpc: t.ctx.chain.rpc.rpc },
      { owner: burner.u.wallet, mint: burner.mint },
    );
    const prepared = await prepareTransaction(built.message);
    const signed = await partiallySignTransaction([burner.u.wallet.keyPair], prepared.transaction);
    const sent = await t.ctx.chain.sender.send({
      wire: getBase64EncodedWireTransaction(signed),
      lastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    expect(sent.status).toBe('confirmed');
    expect((await burner.u.call('GET', '/api/nft/status')).json().currentNft?.level).toBe(1);

    const run = await t.ctx.reconciliation.run('manual');
    expect(run).toMatchObject({ status: 'completed', corrected: 1, flagged: 0 });
    expect(run.checked).toBeGreaterThanOrEqual(2);

    const [burned] = await t.ctx.database.db
      .select()
      .from(userNfts)
      .where(eq(userNfts.mintAddress, burner.mint));
    expect(burned!.status).toBe('burned');
    const [kept] = await t.ctx.database.db
      .select()
      .from(userNfts)
      .where(eq(userNfts.mintAddress, keeper.mint));
    expect(kept!.status).toBe('active');
    // The user's status no longer shows the NFT (the cache was invalidated), and they may unlock again.
    expect((await burner.u.call('GET', '/api/nft/status')).json()).toMatchObject({
      currentNft: null,
      canUnlock: true,
    });

    const flags = await t.app.inject({
      method: 'GET',
      url: '/api/admin/reconciliation/flags',
      headers: { authorization: `Bearer ${admin}` },
    });
    const flag = flags.json().items.find((f: { entityId: string }) => f.entityId === burned!.id);
    expect(flag).toMatchObject({
      entityType: 'user_nft',
      kind: 'supply_zero',
      autoCorrected: true,
      chainValue: { state: 'burned' },
    });
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/reconciliation/flags/${flag.id}/resolve`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { note: 'user confirmed they burned it' },
    });
    expect(resolved.json().resolutionNote).toBe('user confirmed they burned it');
  });

  it('a second run finds nothing new; runs are listed with their progress', async () => {
    const run = await t.ctx.reconciliation.run('manual');
    expect(run).toMatchObject({ status: 'completed', corrected: 0, flagged: 0 });
    const runs = await t.app.inject({
      method: 'GET',
      url: '/api/admin/reconciliation/runs',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(runs.json().items.length).toBeGreaterThanOrEqual(2);
    expect(runs.json().items[0]).toMatchObject({ status: 'completed', trigger: 'manual' });
  });

  it('starts on demand from the console and refuses a second concurrent run', async () => {
    const headers = { authorization: `Bearer ${admin}` };
    const first = await t.app.inject({ method: 'POST', url: '/api/admin/reconciliation/runs', headers });
    expect(first.statusCode).toBe(202);
    const second = await t.app.inject({ method: 'POST', url: '/api/admin/reconciliation/runs', headers });
    // Either the first already finished (fast, small data) or the second is refused.
    if (second.statusCode !== 202) expect(second.json().error.code).toBe('RECONCILIATION__ALREADY_RUNNING');
    for (let i = 0; i < 50; i++) {
      const run = (
        await t.app.inject({
          method: 'GET',
          url: `/api/admin/reconciliation/runs/${first.json().id}`,
          headers,
        })
      ).json();
      if (run.status !== 'running') {
        expect(run.status).toBe('completed');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('run did not finish');
  });
});
