import type { Address, Base64EncodedWireTransaction } from '@solana/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { outbox } from '../events/events-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { addVolume, newChainUser, type ChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { userNfts } from './nft-schema.ts';

async function chainState(t: TestApp, mint: string, owner: string) {
  return fetchLevelNftState(t.ctx.chain.rpc.rpc, {
    mint: mint as Address,
    owner: owner as Address,
    authority: t.ctx.chain.authority.address,
  });
}

async function activeNfts(t: TestApp, userId: string) {
  return t.ctx.database.db
    .select()
    .from(userNfts)
    .where(and(eq(userNfts.userId, userId), eq(userNfts.status, 'active')));
}

/** Prepares, signs as the wallet, and submits; returns the final request view. */
async function signAndSubmit(u: ChainUser, path: '/api/nft/unlock' | '/api/nft/upgrade') {
  const prepared = await u.call('POST', path);
  expect(prepared.statusCode, prepared.body).toBe(200);
  const body = prepared.json();
  const submitted = await u.call('POST', `/api/nft/requests/${body.requestId}/submit`, {
    signedTransaction: await u.sign(body),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { prepared: body, request: submitted.json() };
}

describe(`level NFTs end to end, atomic upgrades (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('a user with $100K unlocks level 1 and holds it on chain', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({
      canUnlock: true,
      nextLevel: { level: 1 },
    });

    const { prepared, request } = await signAndSubmit(u, '/api/nft/unlock');
    expect(prepared.action).toBe('mint');
    expect(request).toMatchObject({
      status: 'completed',
      kind: 'unlock',
      toLevel: 1,
      mintAddress: prepared.mintAddress,
    });

    const onChain = await chainState(t, prepared.mintAddress, u.wallet.address);
    expect(onChain).toMatchObject({ state: 'held', level: '1' });
    expect((await u.call('GET', '/api/nft/status')).json()).toMatchObject({
      currentNft: { level: 1, name: 'Bronze', mintAddress: prepared.mintAddress },
      canUnlock: false,
      reason: 'NFT__INSUFFICIENT_VOLUME',
    });
    const events = await t.ctx.database.db.select().from(outbox).where(eq(outbox.key, u.user.id));
    expect(events.map((e) => e.type)).toContain('nft.claim_success');
  });

  it('then $500K upgrades it to level 2: old mint burned and closed, new one held', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const first = await signAndSubmit(u, '/api/nft/unlock');
    await addVolume(t, u.user.id, '400000');

    const { prepared, request } = await signAndSubmit(u, '/api/nft/upgrade');
    expect(prepared.action).toBe('burn_and_mint');
    expect(request).toMatchObject({
      status: 'completed',
      kind: 'upgrade',
      mode: 'atomic',
      fromLevel: 1,
      toLevel: 2,
    });
    expect(await chainState(t, first.prepared.mintAddress, u.wallet.address)).toEqual({ state: 'absent' });
    expect(await chainState(t, prepared.mintAddress, u.wallet.address)).toMatchObject({
      state: 'held',
      level: '2',
    });

    const active = await activeNfts(t, u.user.id);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ level: 2, mintAddress: prepared.mintAddress });
    const [old] = await t.ctx.database.db
      .select()
      .from(userNfts)
      .where(eq(userNfts.mintAddress, first.prepared.mintAddress));
    expect(old).toMatchObject({ status: 'burned' });
  });

  it('re-preparing keeps the same request and mint address; concurrent unlocks give one NFT', async () => {
    const u = await newChainUser(t, { volumeUsd: '120000' });
    const prepares = await Promise.all(Array.from({ length: 5 }, () => u.call('POST', '/api/nft/unlock')));
    expect(prepares.map((p) => p.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const bodies = prepares.map((p) => p.json());
    expect(new Set(bodies.map((b) => b.requestId)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.mintAddress)).size).toBe(1);
    // The Personal Center learns of the waiting request, and its level, from the status.
    expect((await u.call('GET', '/api/nft/status')).json().openRequest).toEqual({
      id: bodies[0].requestId,
      kind: 'unlock',
      toLevel: 1,
      status: 'awaiting_signature',
    });

    // The last prepared transaction is the one the server expects back.
    const latest = (await u.call('POST', '/api/nft/unlock')).json();
    const signed = await u.sign(latest);
    const submits = await Promise.all(
      [1, 2, 3].map(() =>
        u.call('POST', `/api/nft/requests/${latest.requestId}/submit`, { signedTransaction: signed }),
      ),
    );
    expect(submits.some((s) => s.statusCode === 200)).toBe(true);
    const status = await u.call('GET', `/api/nft/requests/${latest.requestId}`);
    expect(status.json().status).toBe('completed');
    expect(await activeNfts(t, u.user.id)).toHaveLength(1);
  });

  it('accepts the signature of a transaction the wallet sent itself', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const signed = await u.sign(prepared);
    const sent = await t.ctx.chain.sender.send({
      wire: signed as Base64EncodedWireTransaction,
      lastValidBlockHeight: BigInt(prepared.lastValidBlockHeight),
    });
    expect(sent.status).toBe('confirmed');
    const res = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signature: sent.signature,
    });
    expect(res.json()).toMatchObject({ status: 'completed', mintSignature: sent.signature });
    expect(await activeNfts(t, u.user.id)).toHaveLength(1);
  });

  it('explains why a user cannot unlock or upgrade', async () => {
    const short = await newChainUser(t, { volumeUsd: '99999.99' });
    const refused = await short.call('POST', '/api/nft/unlock');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'NFT__INSUFFICIENT_VOLUME',
      details: { nextLevel: { missingVolumeUsd: '0.01' } },
    });
    expect((await short.call('POST', '/api/nft/upgrade')).json().error.code).toBe('NFT__NO_NFT');

    const noWallet = await newChainUser(t, { volumeUsd: '100000', linkWallet: false, fundSol: 0n });
    expect((await noWallet.call('POST', '/api/nft/unlock')).json().error.code).toBe('NFT__WALLET_NOT_LINKED');
  });

  it('a wallet without SOL is told how much it needs, and nothing is minted', async () => {
    const broke = await newChainUser(t, { volumeUsd: '100000', fundSol: 0n });
    const res = await broke.call('POST', '/api/nft/unlock');
    expect(res.statusCode).toBe(402);
    expect(res.json().error.code).toBe('CHAIN__INSUFFICIENT_SOL');
    const need = BigInt(res.json().error.details.needLamports);
    expect(need).toBeGreaterThan(0n);
    // The status told the cost before Unlock was pressed: within 2 % of what the chain asks.
    const estimate = BigInt((await broke.call('GET', '/api/nft/status')).json().unlockCostLamports);
    expect(estimate * 100n).toBeGreaterThanOrEqual(need * 98n);
    expect(estimate * 100n).toBeLessThanOrEqual(need * 102n);
    expect(await activeNfts(t, broke.user.id)).toHaveLength(0);
  });

  it('refuses a transaction other than the one prepared, or another user’s request', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const other = await newChainUser(t, { volumeUsd: '100000' });
    const mine = (await u.call('POST', '/api/nft/unlock')).json();
    const theirs = (await other.call('POST', '/api/nft/unlock')).json();
    const wrong = await u.call('POST', `/api/nft/requests/${mine.requestId}/submit`, {
      signedTransaction: await other.sign(theirs),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('CHAIN__SIGNED_TRANSACTION_MISMATCH');
    const notMine = await u.call('POST', `/api/nft/requests/${theirs.requestId}/submit`, {
      signedTransaction: await u.sign(mine),
    });
    expect(notMine.statusCode).toBe(404);
    expect((await u.call('GET', `/api/nft/requests/${mine.requestId}`)).json().status).toBe(
      'awaiting_signature',
    );
  });
});
