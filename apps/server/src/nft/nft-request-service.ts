import { randomUUID } from 'node:crypto';
import { address, isSignature, type Base64EncodedWireTransaction } from '@solana/kit';
import type { NftStatus, PreparedNftTransaction, SubmitNftRequest } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { deriveMintSigner } from '../chain/derive-mint-signer.ts';
import { parseSignedTransaction } from '../chain/parse-signed-transaction.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import {
  buildRequestTransaction,
  LEVEL_NFT_PURPOSE,
  type BuiltRequestTransaction,
} from './build-request-transaction.ts';
import type { NftRequestAdvancer } from './nft-request-advancer.ts';
import { precheckNamedSignature, SUBMITTED_TRANSACTION_MISMATCH } from './verify-user-transaction.ts';
import { initialStatus } from './nft-request-machine.ts';
import {
  findRequest,
  insertRequest as insertRequestRow,
  releaseLease,
  storePreparedTransaction,
  type NftRequestRow,
} from './nft-request-store.ts';
import { toNftRequestView } from './nft-request-view.ts';
import type { nftRequests } from './nft-schema.ts';
import { findActiveNft } from './user-nft-store.ts';
import type { NftStatusService } from './nft-status-service.ts';
import type { NftAdvancerDeps } from './nft-request-advancer.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

const SLOT_MS = 400;
/** A stored transaction is handed out again only with this many slots (~20 s) left to sign it. */
const REUSE_MARGIN_SLOTS = 50n;

const LAMPORTS_PER_SIGNATURE = 5000n;
/** How long the submit call waits for the chain before answering "still submitted". */
const SUBMIT_WAIT_MS = 45_000;

/**
 * Unlock and upgrade as the user drives them: prepare a transaction for their wallet, take it
 * back signed (or its signature), and follow it on chain. Everything after that is the
 * advancer's, which the worker also runs, so a crash at any point resumes from the row.
 */
export function createNftRequestService(deps: {
  db: Db;
  chain: Chain;
  status: NftStatusService;
  advancer: NftRequestAdvancer;
  levelFor: NftAdvancerDeps['levelFor'];
  atomicUpgrade: boolean;
  nonTransferable: boolean;
  /** Wakes the worker (a two-step upgrade's server mint should not wait for the next tick). */
  nudgeWorker: () => void;
}) {
  const { db, chain } = deps;

  /**
   * The user's open request of this kind still waiting for their signature (a double click, a
   * second tab, or a re-prepare after expiry all land here), or a 409 for anything else open.
   */
  async function resumable(
    open: NftStatus['openRequest'],
    kind: 'unlock' | 'upgrade',
  ): Promise<NftRequestRow | undefined> {
    if (!open) return undefined;
    const row = await findRequest(db, open.id);
    const awaiting = row?.status === 'awaiting_signature' || row?.status === 'awaiting_burn_signature';
    if (row && row.kind === kind && awaiting) return row;
    throw new AppError('NFT__REQUEST_IN_PROGRESS', { requestId: open.id, status: open.status });
  }

  /**
   * The transaction `row` needs now, built against a fresh blockhash (same mint every time),
   * signed by the server's keys, and checked against the wallet's balance. Long metadata can
   * push burn-and-mint past 1232 bytes: then `tooLarge` switches the request to two steps.
   */
  async function buildFor(row: NftRequestRow, tooLarge: (row: NftRequestRow) => Promise<NftRequestRow>) {
    // Asked before the first wait, in the tick the caller asks for the block height: the
    // three reads go out as one batched RPC request.
    const balanceRead = chain.rpc.rpc.getBalance(row.walletAddress).send();
    const lifetimeRead = chain.rpc.rpc.getLatestBlockhash().send();
    balanceRead.catch(() => undefined); // awaited below; a build failure must not leave it unhandled
    const [{ level, metadataUri }, { value: lifetime }] = await Promise.all([
      deps.levelFor(row.toLevel),
      lifetimeRead,
    ]);
    const build = (r: NftRequestRow) =>
      buildRequestTransaction(chain, r, level, metadataUri, {
        nonTransferable: deps.nonTransferable,
        lifetime,
      });
    let built: BuiltRequestTransaction;
    try {
      built = await build(row);
    } catch (e) {
      if (!isAppError(e, 'CHAIN__TRANSACTION_TOO_LARGE') || row.mode !== 'atomic') throw e;
      row = await tooLarge(row);
      built = await build(row);
    }
    const [prepared, { value: balance }] = await Promise.all([
      prepareTransaction(built.message),
      balanceRead,
    ]);
    const need = (built.costLamports ?? 0n) + LAMPORTS_PER_SIGNATURE * 3n;
    if (balance < need) {
      throw new AppError('CHAIN__INSUFFICIENT_SOL', {
        needLamports: need.toString(),
        balanceLamports: balance.toString(),
        missingSol: Number(need - balance) / 1e9,
      });
    }
    const stored = {
      preparedTransaction: prepared.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
      costLamports: need,
    };
    return { row, stored };
  }

  /**
   * A new request, inserted with its transaction already built (one write); a concurrent one
   * for the same user loses on the unique index and the winner's is handed out instead.
   */
  async function create(
    values: Omit<typeof nftRequests.$inferInsert, 'id' | 'targetMint'>,
  ): Promise<PreparedNftTransaction> {
    const id = randomUUID();
    const mint = await deriveMintSigner(chain.mintKeySecret, LEVEL_NFT_PURPOSE, id);
    const draft = { ...values, id, targetMint: mint.address } as NftRequestRow;
    const [height, { row, stored }] = await Promise.all([
      chain.rpc.rpc.getBlockHeight().send(),
      // Not written yet: a request too large for one transaction is simply created as two steps.
      buildFor(draft, (r) =>
        Promise.resolve({ ...r, mode: 'two_step', status: initialStatus('upgrade', 'two_step') }),
      ),
    ]);
    let inserted: NftRequestRow;
    try {
      inserted = await insertRequestRow(db, {
        ...values,
        mode: row.mode,
        status: row.status,
        id,
        targetMint: mint.address,
        ...stored,
      });
    } catch (e) {
      if (!isUniqueViolation(e, 'nft_requests_one_open_per_user')) throw e;
      // A concurrent request won the race: resume it instead.
      const open = await resumable((await deps.status.load(values.userId)).openRequest, values.kind);
      if (!open) throw e;
      return prepare(open);
    }
    crashPoint('nft.request.created', values.userId); // test-only, see crash-point.ts
    await deps.status.invalidate([values.userId]);
    return describePrepared(inserted, height);
  }

  /** Rebuilds (fresh blockhash, same mint) the transaction of a request waiting for its user. */
  async function prepare(row: NftRequestRow): Promise<PreparedNftTransaction> {
    const height = await chain.rpc.rpc.getBlockHeight().send();
    // Concurrent prepares of one request hand out the same transaction while it is still
    // comfortably valid, so whichever response the wallet signs is the one the server expects.
    if (row.preparedTransaction && (row.lastValidBlockHeight ?? 0n) > height + REUSE_MARGIN_SLOTS) {
      return describePrepared(row, height);
    }
    // A rebuild replaces a transaction the user may have signed and sent after all: read the
    // chain first, and record it if it landed instead of handing out a second one.
    if (row.preparedTransaction) {
      const landed = await deps.advancer.recordLandedIfAny(row);
      if (landed) {
        deps.nudgeWorker();
        throw new AppError('NFT__REQUEST_ALREADY_LANDED', { requestId: landed.id, status: landed.status });
      }
    }
    const built = await buildFor(row, async (r) => {
      // Only while it still waits for the user: a submit racing this prepare keeps its request.
      try {
        return await deps.advancer.apply(r, { type: 'fallback_to_two_step' });
      } catch (err) {
        if (!isAppError(err, 'STATE__STALE', 'STATE__INVALID_TRANSITION')) throw err;
        throw new AppError('NFT__REQUEST_IN_PROGRESS', { requestId: r.id });
      }
    });
    // Compare-and-set: if another prepare stored a transaction meanwhile, theirs is returned.
    const updated = await storePreparedTransaction(db, built.row, built.stored);
    const current = updated ?? (await findRequest(db, row.id));
    if (!current) throw new AppError('NFT__REQUEST_NOT_FOUND');
    return describePrepared(current, height);
  }

  function describePrepared(row: NftRequestRow, height: bigint): PreparedNftTransaction {
    // Called only once a transaction is stored for the request.
    if (!row.preparedTransaction)
      throw new AppError('INTERNAL', undefined, {
        message: `Request ${row.id} has no prepared transaction.`,
      });
    const lastValidBlockHeight = row.lastValidBlockHeight ?? 0n;
    const slotsLeft = Number(lastValidBlockHeight - height);
    return {
      requestId: row.id,
      transaction: row.preparedTransaction,
      expiresAt: new Date(Date.now() + Math.max(0, slotsLeft) * SLOT_MS).toISOString(),
      lastValidBlockHeight: lastValidBlockHeight.toString(),
      mintAddress: row.targetMint,
      action: row.kind === 'unlock' ? 'mint' : row.mode === 'atomic' ? 'burn_and_mint' : 'burn',
      costLamports: (row.costLamports ?? 0n).toString(),
      request: toNftRequestView(row),
    };
  }

  async function unlock(userId: string): Promise<PreparedNftTransaction> {
    const status = await deps.status.load(userId);
    const existing = await resumable(status.openRequest, 'unlock');
    if (existing) return prepare(existing);
    if (status.currentNft) throw new AppError('NFT__ALREADY_HAS_NFT');
    // `canUnlock` implies a next level and a linked wallet.
    const { nextLevel, walletAddress } = status;
    if (!status.canUnlock || !nextLevel || !walletAddress)
      throw new AppError(status.reason ?? 'NFT__INSUFFICIENT_VOLUME', { nextLevel });
    return create({
      userId,
      kind: 'unlock',
      mode: 'user_signed',
      status: initialStatus('unlock', 'user_signed'),
      toLevel: nextLevel.level,
      walletAddress: address(walletAddress),
    });
  }

  async function upgrade(userId: string): Promise<PreparedNftTransaction> {
    const status = await deps.status.load(userId);
    const existing = await resumable(status.openRequest, 'upgrade');
    if (existing) return prepare(existing);
    if (!status.currentNft) throw new AppError('NFT__NO_NFT');
    const { nextLevel } = status;
    if (!status.canUpgrade || !nextLevel)
      throw new AppError(status.reason ?? 'NFT__INSUFFICIENT_VOLUME', { nextLevel });
    const nft = await findActiveNft(db, userId);
    // Burned or moved since the status was read.
    if (!nft) throw new AppError('NFT__NO_NFT');
    const mode = deps.atomicUpgrade ? 'atomic' : 'two_step';
    return create({
      userId,
      kind: 'upgrade',
      mode,
      status: initialStatus('upgrade', mode),
      fromLevel: nft.level,
      toLevel: nextLevel.level,
      fromNftId: nft.id,
      fromMint: nft.mintAddress,
      // The wallet holding the old NFT signs the burn and receives the new one.
      walletAddress: nft.ownerWallet,
    });
  }

  async function ownRequest(userId: string, id: string): Promise<NftRequestRow> {
    const row = await findRequest(db, id);
    if (!row || row.userId !== userId) throw new AppError('NFT__REQUEST_NOT_FOUND');
    return row;
  }

  const notThePreparedTransaction = (row: NftRequestRow, detail: string | null) =>
    new AppError('CHAIN__SIGNED_TRANSACTION_MISMATCH', {
      requestId: row.id,
      reason: 'not_the_prepared_transaction',
      detail,
    });

  /**
   * The signed transaction (or the signature of one the wallet sent itself), checked against
   * the request before anything is counted. `row` is leased to `leaseOwner` or read without.
   */
  async function acceptSubmission(row: NftRequestRow, body: SubmitNftRequest) {
    const sentSignature = row.status === 'burn_submitted' ? row.burnSignature : row.mintSignature;
    if ('signature' in body && body.signature === sentSignature) return { resubmitted: true as const };
    if (row.status !== 'awaiting_signature' && row.status !== 'awaiting_burn_signature')
      throw new AppError('NFT__NOT_AWAITING_SIGNATURE', { status: row.status });
    if (!row.preparedTransaction) throw new AppError('NFT__NOT_AWAITING_SIGNATURE');
    const signed =
      'signedTransaction' in body
        ? await parseSignedTransaction(
            body.signedTransaction,
            row.preparedTransaction as Base64EncodedWireTransaction,
          )
        : undefined;
    const signature = signed?.signature ?? ('signature' in body ? body.signature : undefined);
    // The contract's pattern admits base58 strings that are not 64 bytes: not a signature.
    if (signature === undefined || !isSignature(signature))
      throw new AppError('VALIDATION__INVALID_BODY', { field: 'signature' });
    if (!signed) {
      const precheck = await precheckNamedSignature(chain, row, signature);
      if (precheck.kind === 'not_prepared') throw notThePreparedTransaction(row, precheck.reason);
    }
    return { resubmitted: false as const, signature, wire: signed?.wire ?? null };
  }

  async function submit(userId: string, id: string, body: SubmitNftRequest) {
    // Checked before the lease: a refused submission leaves the row exactly as it was.
    const read = await ownRequest(userId, id);
    const accepted = await acceptSubmission(read, body);
    if (accepted.resubmitted) return toNftRequestView(read);
    const { signature, wire } = accepted;
    const leaseOwner = newLeaseOwner('api');
    // The lease is taken with `submitted`, in one statement, only if the row is still the one
    // checked (a prepare in between may have replaced the transaction) and nobody holds it.
    let row: NftRequestRow;
    try {
      row = await deps.advancer.apply(
        read,
        { type: 'submitted', signature },
        {
          patch: { sentTransaction: wire },
          lease: {
            owner: leaseOwner,
            ms: SUBMIT_WAIT_MS + 15_000,
            preparedTransaction: read.preparedTransaction,
          },
        },
      );
    } catch (e) {
      if (isAppError(e, 'STATE__STALE')) throw new AppError('NFT__REQUEST_IN_PROGRESS');
      throw e;
    }
    try {
      const lastValidBlockHeight = row.lastValidBlockHeight ?? 0n;
      const signal = AbortSignal.timeout(SUBMIT_WAIT_MS);
      const result = wire
        ? await chain.sender.send({ wire, lastValidBlockHeight, signal })
        : await chain.sender.confirm({ signature, lastValidBlockHeight, signal });
      crashPoint('nft.send.user.after', userId); // test-only, see crash-point.ts
      row = await deps.advancer.onUserTransaction(row, result);
    } catch (e) {
      if (
        !(e instanceof Error && e.name === 'AbortError') &&
        !(e instanceof Error && e.name === 'TimeoutError')
      )
        throw e;
      // Still unconfirmed: the worker follows it from here; the client is told over WebSocket.
    } finally {
      // A final status gives the lease back in the same statement.
      if (row.leaseOwner === leaseOwner) await releaseLease(db, row.id, leaseOwner);
    }
    if (row.status === 'burn_confirmed' || row.status === 'submitted' || row.status === 'burn_submitted')
      deps.nudgeWorker();
    const backWithUser = row.status === 'awaiting_signature' || row.status === 'awaiting_burn_signature';
    if (backWithUser && row.errorCode === 'CHAIN__INSUFFICIENT_SOL') {
      throw new AppError('CHAIN__INSUFFICIENT_SOL', { requestId: row.id });
    }
    // The signature named a transaction that is not this request's: nothing counted, sign the real one.
    if (backWithUser && row.errorCode === SUBMITTED_TRANSACTION_MISMATCH)
      throw notThePreparedTransaction(row, row.lastError);
    return toNftRequestView(row);
  }

  return {
    unlock,
    upgrade,
    submit,
    get: async (userId: string, id: string) => toNftRequestView(await ownRequest(userId, id)),
  };
}

export type NftRequestService = ReturnType<typeof createNftRequestService>;
