import type { Address, Base64EncodedWireTransaction } from '@solana/kit';
import type { PreparedNftTransaction } from '@insignia/contract';
import {
  address,
  getBase64EncodedWireTransaction,
  getSignatureFromTransaction,
  partiallySignTransaction,
  signature,
  type Signature,
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseMessage, resolveLifetime } from '../apps/server/src/chain/create-base-message.ts';
import { fetchLevelNftState } from '../apps/server/src/chain/fetch-level-nft-state.ts';
import { prepareTransaction } from '../apps/server/src/chain/prepare-transaction.ts';
import { nftRequestEvents, nftRequests, userNfts } from '../apps/server/src/nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { addVolume, newChainUser, type ChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { driveNftWorker } from './helpers/drive-nft-worker.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: the chain, not the client, says what happened';
afterAll(() => printCaseCounts(SUITE));

const MISMATCH = 'CHAIN__SIGNED_TRANSACTION_MISMATCH';

/** A user holding level 1 (unlocked through the API) with the volume for level 2. */
async function levelOneHolder(t: TestApp) {
  const u = await newChainUser(t, { volumeUsd: '100000' });
  const unlock = (await u.call('POST', '/api/nft/unlock')).json();
  const done = await u.call('POST', `/api/nft/requests/${unlock.requestId}/submit`, {
    signedTransaction: await u.sign(unlock),
  });
  expect(done.json()).toMatchObject({ status: 'completed' });
  await addVolume(t, u.user.id, '400000');
  return { u, oldMint: address(unlock.mintAddress), unlockSignature: signature(done.json().mintSignature) };
}

/** A transaction of the user's own, signed but not sent, that has nothing to do with any request. */
async function signedTransfer(t: TestApp, u: ChainUser) {
  const message = createBaseMessage(u.wallet, await resolveLifetime({ rpc: t.ctx.chain.rpc.rpc }), [
    getTransferSolInstruction({ source: u.wallet, destination: u.wallet.address, amount: 1n }),
  ]);
  const prepared = await prepareTransaction(message);
  const signed = await partiallySignTransaction([u.wallet.keyPair], prepared.transaction);
  const send = async () => {
    const sent = await t.ctx.chain.sender.send({
      wire: getBase64EncodedWireTransaction(signed),
      lastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    expect(sent.status).toBe('confirmed');
    return sent.signature;
  };
  return { signature: getSignatureFromTransaction(signed), send };
}

/** The same, confirmed. */
const unrelatedTransfer = async (t: TestApp, u: ChainUser): Promise<Signature> =>
  (await signedTransfer(t, u)).send();

/** The wallet sends the prepared transaction itself; returns its signature, confirmed. */
async function walletSends(t: TestApp, u: ChainUser, prepared: PreparedNftTransaction): Promise<string> {
  const sent = await t.ctx.chain.sender.send({
    wire: (await u.sign(prepared)) as Base64EncodedWireTransaction,
    lastValidBlockHeight: BigInt(prepared.lastValidBlockHeight),
  });
  expect(sent.status).toBe('confirmed');
  return sent.signature;
}

const holds = async (t: TestApp, mint: Address, owner: Address) =>
  (
    await fetchLevelNftState(t.ctx.chain.rpc.rpc, {
      mint,
      owner,
      authority: t.ctx.chain.authority.address,
    })
  ).state;

const activeLevels = async (t: TestApp, userId: string) =>
  (
    await t.ctx.database.db
      .select()
      .from(userNfts)
      .where(and(eq(userNfts.userId, userId), eq(userNfts.status, 'active')))
  ).map((n) => n.level);

const requestRow = async (t: TestApp, id: string) =>
  (await t.ctx.database.db.select().from(nftRequests).where(eq(nftRequests.id, id)))[0]!;

/** Submits `signature` for the request and expects a 400 that changed nothing about it. */
async function expectRefused(t: TestApp, u: ChainUser, requestId: string, signature: string) {
  const before = await requestRow(t, requestId);
  const events = () =>
    t.ctx.database.db.select().from(nftRequestEvents).where(eq(nftRequestEvents.requestId, requestId));
  const eventsBefore = (await events()).length;
  const res = await u.call('POST', `/api/nft/requests/${requestId}/submit`, { signature });
  expect([res.statusCode, res.json().error?.code], res.body).toEqual([400, MISMATCH]);
  expect(await requestRow(t, requestId)).toEqual(before);
  expect(await events()).toHaveLength(eventsBefore);
}

describe('two-step upgrade: a burn counts only when the chain shows it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NFT_ATOMIC_UPGRADE: 'false' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('the user’s own unlock signature is not a burn: refused, level 1 stays, no level 2; the real burn still completes', async () => {
    countCase(SUITE);
    const { u, oldMint, unlockSignature } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    expect(upgrade.action).toBe('burn');

    await expectRefused(t, u, upgrade.requestId, unlockSignature);
    expect(await requestRow(t, upgrade.requestId)).toMatchObject({
      status: 'awaiting_burn_signature',
      burnSignature: null,
    });
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    expect(await activeLevels(t, u.user.id)).toEqual([1]);
    expect(await holds(t, upgrade.mintAddress, u.wallet.address)).toBe('absent');

    // The request is not spoiled: the wallet signs the real burn and the upgrade goes through.
    const again = (await u.call('POST', '/api/nft/upgrade')).json();
    expect(again.requestId).toBe(upgrade.requestId);
    const burn = await u.call('POST', `/api/nft/requests/${again.requestId}/submit`, {
      signedTransaction: await u.sign(again),
    });
    expect(burn.json()).toMatchObject({ status: 'burn_confirmed' });
    expect(await driveNftWorker(t, upgrade.requestId)).toBe('completed');
    expect(await holds(t, oldMint, u.wallet.address)).toBe('absent');
    expect(await activeLevels(t, u.user.id)).toEqual([2]);
  });

  it('the real burn, sent by the wallet itself and reported by its signature, counts', async () => {
    countCase(SUITE);
    const { u, oldMint } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    const burn = await u.call('POST', `/api/nft/requests/${upgrade.requestId}/submit`, {
      signature: await walletSends(t, u, upgrade),
    });
    expect(burn.json()).toMatchObject({ status: 'burn_confirmed' });
    expect(await driveNftWorker(t, upgrade.requestId)).toBe('completed');
    expect(await holds(t, oldMint, u.wallet.address)).toBe('absent');
    expect(await activeLevels(t, u.user.id)).toEqual([2]);
  });

  it('any other confirmed transaction of the wallet is not a burn either', async () => {
    countCase(SUITE);
    const { u, oldMint } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    await expectRefused(t, u, upgrade.requestId, await unrelatedTransfer(t, u));
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    expect(await activeLevels(t, u.user.id)).toEqual([1]);
  });

  it('a signature reported before its transaction lands is judged when it lands', async () => {
    countCase(SUITE);
    const { u, oldMint } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    const transfer = await signedTransfer(t, u);
    const pending = u.call('POST', `/api/nft/requests/${upgrade.requestId}/submit`, {
      signature: transfer.signature,
    });
    await new Promise((r) => setTimeout(r, 500)); // the server is now waiting for it to land
    await transfer.send();
    const res = await pending;
    expect([res.statusCode, res.json().error?.code], res.body).toEqual([400, MISMATCH]);
    expect(await requestRow(t, upgrade.requestId)).toMatchObject({
      status: 'awaiting_burn_signature',
      burnSignature: null,
      errorCode: MISMATCH,
    });
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    expect(await activeLevels(t, u.user.id)).toEqual([1]);
  });

  it('a burn counted before this check existed, with the old NFT still held, mints nothing: a person decides', async () => {
    countCase(SUITE);
    const { u, oldMint, unlockSignature } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    // What the forged burn used to leave: burn_confirmed, level 1 marked burned, still held.
    await t.ctx.database.db
      .update(nftRequests)
      .set({ status: 'burn_confirmed', burnSignature: unlockSignature })
      .where(eq(nftRequests.id, upgrade.requestId));
    await t.ctx.database.db
      .update(userNfts)
      .set({ status: 'burned', burnedAt: new Date() })
      .where(eq(userNfts.mintAddress, oldMint));
    expect(await driveNftWorker(t, upgrade.requestId)).toBe('needs_compensation');
    expect((await requestRow(t, upgrade.requestId)).errorCode).toBe('NFT__BURN_NOT_ON_CHAIN');
    expect(await holds(t, upgrade.mintAddress, u.wallet.address)).toBe('absent');
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
  });

  it('a recorded signature the worker resumes after a restart is checked the same way', async () => {
    countCase(SUITE);
    const { u, oldMint, unlockSignature } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    // As if the process died right after recording the client's signature, before checking it.
    await t.ctx.database.db
      .update(nftRequests)
      .set({ status: 'burn_submitted', burnSignature: unlockSignature, sentTransaction: null })
      .where(eq(nftRequests.id, upgrade.requestId));
    expect(await driveNftWorker(t, upgrade.requestId)).toBe('awaiting_burn_signature');
    expect((await requestRow(t, upgrade.requestId)).errorCode).toBe(MISMATCH);
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    expect(await activeLevels(t, u.user.id)).toEqual([1]);
    expect(await holds(t, upgrade.mintAddress, u.wallet.address)).toBe('absent');
  });
});

describe('unlock and atomic upgrade: a confirmed signature must be the prepared transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('unlock: another confirmed transaction is refused and the request still waits for the real one', async () => {
    countCase(SUITE);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const unlock = (await u.call('POST', '/api/nft/unlock')).json();
    await expectRefused(t, u, unlock.requestId, await unrelatedTransfer(t, u));
    expect((await requestRow(t, unlock.requestId)).status).toBe('awaiting_signature');
    const real = await u.call('POST', `/api/nft/requests/${unlock.requestId}/submit`, {
      signedTransaction: await u.sign((await u.call('POST', '/api/nft/unlock')).json()),
    });
    expect(real.json()).toMatchObject({ status: 'completed' });
  });

  it('atomic upgrade: the unlock signature is refused, level 1 stays and the request waits', async () => {
    countCase(SUITE);
    const { u, oldMint, unlockSignature } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    expect(upgrade.action).toBe('burn_and_mint');
    await expectRefused(t, u, upgrade.requestId, unlockSignature);
    expect((await requestRow(t, upgrade.requestId)).status).toBe('awaiting_signature');
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    expect(await activeLevels(t, u.user.id)).toEqual([1]);
  });

  it('atomic upgrade: the real transaction, sent by the wallet and reported by its signature, counts', async () => {
    countCase(SUITE);
    const { u, oldMint } = await levelOneHolder(t);
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    const done = await u.call('POST', `/api/nft/requests/${upgrade.requestId}/submit`, {
      signature: await walletSends(t, u, upgrade),
    });
    expect(done.json()).toMatchObject({ status: 'completed' });
    expect(await holds(t, oldMint, u.wallet.address)).toBe('absent');
    expect(await activeLevels(t, u.user.id)).toEqual([2]);
  });

  it('a string the signature pattern admits but that is not 64 bytes is refused as bad input', async () => {
    countCase(SUITE);
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const unlock = (await u.call('POST', '/api/nft/unlock')).json();
    for (const signature of ['z'.repeat(88), '2'.repeat(64)]) {
      const res = await u.call('POST', `/api/nft/requests/${unlock.requestId}/submit`, { signature });
      expect([res.statusCode, res.json().error?.code], res.body).toEqual([400, 'VALIDATION__INVALID_BODY']);
    }
    expect((await requestRow(t, unlock.requestId)).status).toBe('awaiting_signature');
  });

  it('reconciliation flags an NFT the database calls burned that the chain still holds', async () => {
    countCase(SUITE);
    const { u, oldMint } = await levelOneHolder(t);
    // What the accepted forged burn used to leave behind: burned in the database, held on chain.
    const [nft] = await t.ctx.database.db
      .update(userNfts)
      .set({ status: 'burned', burnedAt: new Date() })
      .where(eq(userNfts.mintAddress, oldMint))
      .returning();
    const run = await t.ctx.reconciliation.run('manual');
    expect(run.status).toBe('completed');
    expect(run.flagged).toBeGreaterThanOrEqual(1);
    const admin = (await t.newAdmin()).token;
    const flags = await t.app.inject({
      method: 'GET',
      url: '/api/admin/reconciliation/flags',
      headers: { authorization: `Bearer ${admin}` },
    });
    const flag = flags.json().items.find((f: { entityId: string }) => f.entityId === nft!.id);
    expect(flag).toMatchObject({
      entityType: 'user_nft',
      kind: 'burned_but_on_chain',
      autoCorrected: false,
      databaseValue: { status: 'burned' },
      chainValue: { state: 'held' },
    });
    expect(await holds(t, oldMint, u.wallet.address)).toBe('held');
    // Seen again, it is the same finding, not a new one.
    const second = await t.ctx.reconciliation.run('manual');
    expect(second.flagged).toBe(0);
  });
});
