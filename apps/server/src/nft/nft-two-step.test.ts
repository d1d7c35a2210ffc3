import type { Address } from '@solana/kit';
import { and, eq } from 'drizzle-orm';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseMessage, resolveLifetime } from '../chain/create-base-message.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { addVolume, newChainUser, SOL, type ChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createNftRequestWorker } from './nft-request-worker.ts';
import { nftRequests, userNfts } from './nft-schema.ts';
import { MAX_MINT_ATTEMPTS } from './nft-request-machine.ts';

/** A holder of level 1 with the volume for level 2, the upgrade burn submitted and confirmed. */
async function burnedForUpgrade(
  t: TestApp,
): Promise<{ u: ChainUser; requestId: string; oldMint: string; newMint: string }> {
  const u = await newChainUser(t, { volumeUsd: '100000' });
  const unlock = (await u.call('POST', '/api/nft/unlock')).json();
  await u.call('POST', `/api/nft/requests/${unlock.requestId}/submit`, {
    signedTransaction: await u.sign(unlock),
  });
  await addVolume(t, u.user.id, '400000');
  const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
  expect(upgrade.action).toBe('burn');
  const burn = await u.call('POST', `/api/nft/requests/${upgrade.requestId}/submit`, {
    signedTransaction: await u.sign(upgrade),
  });
  expect(burn.json()).toMatchObject({ status: 'burn_confirmed', mode: 'two_step' });
  return { u, requestId: upgrade.requestId, oldMint: unlock.mintAddress, newMint: upgrade.mintAddress };
}

const state = (t: TestApp, mint: string, owner: string) =>
  fetchLevelNftState(t.ctx.chain.rpc.rpc, {
    mint: mint as Address,
    owner: owner as Address,
    authority: t.ctx.chain.authority.address,
  });

/** Runs the worker until the request leaves `status` (ignoring retry back-off, as time would). */
async function driveWhile(t: TestApp, requestId: string, statuses: string[], maxPasses = 20) {
  for (let i = 0; i < maxPasses; i++) {
    await t.ctx.database.db
      .update(nftRequests)
      .set({ nextAttemptAt: null })
      .where(eq(nftRequests.id, requestId));
    await t.ctx.nftWorker.processDue();
    const [row] = await t.ctx.database.db.select().from(nftRequests).where(eq(nftRequests.id, requestId));
    if (!statuses.includes(row!.status)) return row!;
  }
  throw new Error('request did not move on');
}

describe(`two-step upgrades, recovery and compensation (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp({ NFT_ATOMIC_UPGRADE: 'false' });
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  it('burn signed by the user, then the server mints the new level', async () => {
    const { u, requestId, oldMint, newMint } = await burnedForUpgrade(t);
    expect(await state(t, oldMint, u.wallet.address)).toEqual({ state: 'absent' });
    const done = await driveWhile(t, requestId, ['burn_confirmed', 'mint_submitted']);
    expect(done.status).toBe('completed');
    expect(await state(t, newMint, u.wallet.address)).toMatchObject({ state: 'held', level: '2' });
    const active = await t.ctx.database.db
      .select()
      .from(userNfts)
      .where(and(eq(userNfts.userId, u.user.id), eq(userNfts.status, 'active')));
    expect(active.map((n) => [n.level, n.mintAddress])).toEqual([[2, newMint]]);
  });

  it('a restart between burn confirmation and mint completes the upgrade with exactly one NFT', async () => {
    const { u, requestId, newMint } = await burnedForUpgrade(t);
    // The process "dies" here: nothing in memory survives, only the row. A fresh worker
    // (new lease owner, new advancer state) must finish the job from the database alone.
    const fresh = createNftRequestWorker({
      db: t.ctx.database.db,
      advancer: t.ctx.nftAdvancer,
      logger: t.ctx.logger,
    });
    await fresh.processDue();
    await fresh.processDue();
    const [row] = await t.ctx.database.db.select().from(nftRequests).where(eq(nftRequests.id, requestId));
    expect(row!.status).toBe('completed');
    expect(await state(t, newMint, u.wallet.address)).toMatchObject({ state: 'held' });
    const all = await t.ctx.database.db.select().from(userNfts).where(eq(userNfts.userId, u.user.id));
    expect(all.filter((n) => n.status === 'active')).toHaveLength(1);
    expect(all.filter((n) => n.status === 'burned')).toHaveLength(1);
  });

  it('a mint failing after the burn is retried, then queued for compensation; an admin retry completes it', async () => {
    const { u, requestId, newMint } = await burnedForUpgrade(t);
    const authority = t.ctx.chain.authority;
    // Empty the authority, which pays for the server's mint: every mint attempt now fails.
    const { value: balance } = await t.ctx.chain.rpc.rpc.getBalance(authority.address).send();
    const sink = (await import('@solana/kit')).address('11111111111111111111111111111112');
    const drain = createBaseMessage(authority, await resolveLifetime({ rpc: t.ctx.chain.rpc.rpc }), [
      getTransferSolInstruction({ source: authority, destination: sink, amount: balance - 5_000n }),
    ]);
    const drained = await prepareTransaction(drain);
    expect(
      (
        await t.ctx.chain.sender.send({
          wire: drained.wire,
          lastValidBlockHeight: drained.lastValidBlockHeight,
        })
      ).status,
    ).toBe('confirmed');

    const parked = await driveWhile(t, requestId, ['burn_confirmed', 'mint_submitted'], 40);
    expect(parked).toMatchObject({
      status: 'needs_compensation',
      attempts: MAX_MINT_ATTEMPTS,
      errorCode: 'CHAIN__INSUFFICIENT_SOL',
    });
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/nft/requests',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(queue.json().items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({
      currentNft: null,
      reason: 'NFT__REQUEST_IN_PROGRESS',
    });

    await t.ctx.chain.localValidator!.airdrop(
      authority.address,
      (await import('@solana/kit')).lamports(50n * SOL),
    );
    // Three admins press Retry at once: one wins, the others are told it moved on (never a 500).
    const retries = await Promise.all(
      [0, 1, 2].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/admin/nft/requests/${requestId}/retry`,
          headers: { authorization: `Bearer ${adminToken}` },
        }),
      ),
    );
    expect(retries.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const lost of retries.filter((r) => r.statusCode === 409))
      expect(['STATE__STALE', 'NFT__REQUEST_NOT_COMPENSABLE']).toContain(lost.json().error.code);
    const retried = retries.find((r) => r.statusCode === 200)!;
    expect(retried.json().status).toBe('burn_confirmed');
    expect((await driveWhile(t, requestId, ['burn_confirmed', 'mint_submitted'])).status).toBe('completed');
    expect(await state(t, newMint, u.wallet.address)).toMatchObject({ state: 'held', level: '2' });

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/admin/nft/requests/${requestId}/history`,
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const steps = history.json().items.map((e: { toStatus: string }) => e.toStatus);
    expect(steps).toContain('needs_compensation');
    expect(steps.at(-1)).toBe('completed');
  });

  it('compensation by hand is recorded with its note, and only for parked requests', async () => {
    const { requestId } = await burnedForUpgrade(t);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/admin/nft/requests/${requestId}/compensate`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { note: 'minted by hand' },
    });
    expect(early.json().error.code).toBe('NFT__REQUEST_NOT_COMPENSABLE');
  });
});
