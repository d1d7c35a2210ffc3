import type { Address, Base64EncodedWireTransaction, Signature } from '@solana/kit';
import { getTransactionDecoder } from '@solana/kit';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLevelNftState } from '../apps/server/src/chain/fetch-level-nft-state.ts';
import { getFeePayerSignature } from '../apps/server/src/chain/prepare-transaction.ts';
import { nftRequests, userNfts } from '../apps/server/src/nft/nft-schema.ts';
import type { ChainUser } from '../apps/server/src/test-support/test-chain-user.ts';
import { createAppOnValidator, type AppOnValidator } from './helpers/app-on-validator.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'storage full';
afterAll(() => printCaseCounts(SUITE));

/**
 * The disk filling up at the submit step, as the database reports it: a trigger raising
 * SQLSTATE 53100 (disk_full) on the table the step writes, on the real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL). The chain is the real local validator.
 */
describe('disk full during an unlock submit: 503 with a code, and the landed mint is always recorded', () => {
  let h: AppOnValidator;
  beforeAll(async () => {
    h = await createAppOnValidator();
    await exec(`create or replace function proof_disk_full() returns trigger language plpgsql as $$
      begin
        raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
      end $$`);
  }, 120_000);
  afterAll(async () => maybeUnset(h)?.close());

  const exec = (text: string) => h.t.ctx.database.db.execute(sql.raw(text));
  const fillDiskOn = (table: string) =>
    exec(
      `create trigger proof_disk_full before insert on ${table} for each row execute function proof_disk_full()`,
    );
  const freeDiskOn = (table: string) => exec(`drop trigger if exists proof_disk_full on ${table}`);

  const requestRow = async (id: string) =>
    (await h.t.ctx.database.db.select().from(nftRequests).where(eq(nftRequests.id, id)))[0]!;
  const activeNfts = (userId: string) =>
    h.t.ctx.database.db
      .select()
      .from(userNfts)
      .where(and(eq(userNfts.userId, userId), eq(userNfts.status, 'active')));
  const heldOnChain = async (u: ChainUser, mint: string) =>
    (
      await fetchLevelNftState(h.t.ctx.chain.rpc.rpc, {
        mint: mint as Address,
        owner: u.wallet.address,
        authority: h.t.ctx.chain.authority.address,
      })
    ).state;

  /** The user holds exactly the request's NFT, in the database and on chain, and cannot unlock again. */
  async function expectRecordedOnce(u: ChainUser, prepared: { requestId: string; mintAddress: string }) {
    expect((await requestRow(prepared.requestId)).status).toBe('completed');
    const nfts = await activeNfts(u.user.id);
    expect(nfts.map((n) => n.mintAddress)).toEqual([prepared.mintAddress]);
    expect(await heldOnChain(u, prepared.mintAddress)).toBe('held');
    const again = await u.call('POST', '/api/nft/unlock');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('NFT__ALREADY_HAS_NFT');
  }

  /** Prepares, signs and sends the unlock from the wallet itself (it submits only the signature). */
  async function landFromWallet(u: ChainUser) {
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const wire = (await u.sign(prepared)) as Base64EncodedWireTransaction;
    const sent = await h.t.ctx.chain.sender.send({
      wire,
      lastValidBlockHeight: BigInt(prepared.lastValidBlockHeight),
    });
    expect(sent.status).toBe('confirmed');
    const signature = getFeePayerSignature(getTransactionDecoder().decode(Buffer.from(wire, 'base64')))!;
    return { prepared, signature };
  }

  /** The submit whose first write hits the full disk: 503 with a code; the request still waits. */
  async function submitOnFullDisk(u: ChainUser, requestId: string, signature: Signature) {
    await fillDiskOn('nft_request_events');
    try {
      const res = await u.call('POST', `/api/nft/requests/${requestId}/submit`, { signature });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('SERVICE__STORAGE_FAILING');
    } finally {
      await freeDiskOn('nft_request_events');
    }
    expect((await requestRow(requestId)).status).toBe('awaiting_signature');
  }

  it('the write recording a landed mint fails: 503; a node reporting it expired later does not send it back', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const signed = await u.sign(prepared);
    await fillDiskOn('user_nfts');
    try {
      const res = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
        signedTransaction: signed,
      });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('SERVICE__STORAGE_FAILING');
    } finally {
      await freeDiskOn('user_nfts');
    }
    expect(await heldOnChain(u, prepared.mintAddress)).toBe('held');
    const row = await requestRow(prepared.requestId);
    expect(row.status).toBe('submitted');
    // The incident: by the time the write works again the node no longer has the signature's
    // status and reports the blockhash expired. The chain's accounts still decide.
    const after = await h.t.ctx.nftAdvancer.onUserTransaction(row, {
      status: 'expired',
      signature: row.mintSignature as Signature,
    });
    expect(after.status).toBe('completed');
    await expectRecordedOnce(u, prepared);
  });

  it('the wallet sent it, the submit hit a full disk: the expiry sweep records the mint instead of abandoning it', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    const { prepared, signature } = await landFromWallet(u);
    await submitOnFullDisk(u, prepared.requestId, signature);
    // The user never comes back: an hour later the sweep looks at the request.
    await exec(
      `update nft_requests set updated_at = now() - interval '2 hours' where id = '${prepared.requestId}'`,
    );
    await h.t.ctx.nftWorker.processDue();
    await expectRecordedOnce(u, prepared);
    expect((await requestRow(prepared.requestId)).mintSignature).toBe(signature);
  });

  it('the wallet sent it, the submit hit a full disk: a re-prepare records the mint instead of handing out another', async () => {
    countCase(SUITE);
    const u = await h.newUser('100000');
    const { prepared, signature } = await landFromWallet(u);
    await submitOnFullDisk(u, prepared.requestId, signature);
    // The prepared transaction's blockhash has run out: the next unlock would rebuild it.
    await exec(`update nft_requests set last_valid_block_height = 0 where id = '${prepared.requestId}'`);
    const again = await u.call('POST', '/api/nft/unlock');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'NFT__REQUEST_ALREADY_LANDED',
      details: { requestId: prepared.requestId, status: 'completed' },
    });
    await expectRecordedOnce(u, prepared);
  });
});
