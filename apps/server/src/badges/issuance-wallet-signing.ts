import { getTransactionDecoder, type Base64EncodedWireTransaction, type Signature } from '@solana/kit';
import type { IssuanceTransactions } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import { parseSignedTransaction } from '../chain/parse-signed-transaction.ts';
import { getFeePayerSignature, prepareTransaction } from '../chain/prepare-transaction.ts';
import type { Db } from '../db/database.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import { refreshBatch } from './issuance-effects.ts';
import { inParallel } from './in-parallel.ts';
import type { IssuanceMinter } from './issuance-minter.ts';
import {
  applyIssuanceEvent,
  applyIssuanceTransactionEvent,
  expiredUnsignedTransactions,
  loadBadgeInfo,
  releaseTransaction,
  tryLeaseTransactions,
  type IssuanceTransactionRow,
} from './issuance-store.ts';
import {
  findIssuanceBatch,
  findIssuanceTransactions,
  insertIssuanceTransaction,
  issuancesInTransaction,
  lockIssuanceBatch,
  lockUploadedIssuancesOfBatch,
  mintingMembersOf,
  transactionsOfBatch,
  unsignedTransactionsOfBatch,
} from './issuance-transaction-store.ts';
import { issuanceMintItem, packIssuanceTransactions } from './pack-issuance-transactions.ts';
import { transactionId } from './transaction-id.ts';
import { findBatchView } from './issuance-view-queries.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

const SLOT_MS = 400;
/** How long `/signed` waits for the chain before answering with what it knows. */
const SUBMIT_WAIT_MS = 45_000;

/**
 * The admin_wallet signing mode: the batch's mint transactions are prepared and co-signed by
 * the platform authority (fee payer and mint authority, see packIssuanceTransactions), handed
 * to the console for the admin wallet's `signAllTransactions`, and taken back only if each is
 * exactly what was prepared plus a valid wallet signature. Sending and settling is shared with
 * the server mode, and so is recovery: the transaction ids are fixed when prepared.
 */
export function createIssuanceWalletSigning(deps: { db: Db; chain: Chain; minter: IssuanceMinter }) {
  const { db, chain } = deps;

  async function adminBatch(batchId: string) {
    const batch = await findIssuanceBatch(db, batchId);
    if (!batch) throw new AppError('BADGE__BATCH_NOT_FOUND');
    const { adminWallet } = batch;
    if (batch.signingMode !== 'admin_wallet' || !adminWallet)
      throw new AppError('BADGE__NOT_ADMIN_WALLET_BATCH');
    return { ...batch, adminWallet };
  }

  /** Unsigned transactions past their blockhash: found on chain (sent by the wallet itself) or expired. */
  async function settleExpiredUnsigned(batchId?: string): Promise<number> {
    // Most passes have nothing unsigned at all: ask the database before the chain.
    if ((await expiredUnsignedTransactions(db, null, batchId, 1)).length === 0) return 0;
    const height = await chain.rpc.rpc.getBlockHeight().send();
    const stale = await expiredUnsignedTransactions(db, height, batchId);
    for (const row of stale) {
      const found = await deps.minter.lookUp(row);
      await deps.minter.settle(row, found ?? { kind: 'expired' });
    }
    return stale.length;
  }

  /** Packs the batch's uploaded issuances that are in no transaction yet. */
  async function prepareMissing(batch: Awaited<ReturnType<typeof adminBatch>>, actorId: string) {
    await db.transaction(async (tx) => {
      // The batch row lock keeps two concurrent requests from packing the same issuances.
      await lockIssuanceBatch(tx, batch.id);
      const rows = await lockUploadedIssuancesOfBatch(tx, batch.id);
      if (rows.length === 0) return;
      const badgeInfo = await loadBadgeInfo(
        tx,
        rows.map((r) => r.badgeId),
      );
      const { value: lifetime } = await chain.rpc.rpc.getLatestBlockhash().send();
      const packed = await packIssuanceTransactions({
        authority: chain.authority,
        adminWallet: batch.adminWallet,
        items: rows.map((r) =>
          issuanceMintItem(r, badgeInfo.get(r.badgeId)?.mintAddress, chain.vault.address),
        ),
        lifetime,
        computeBudget: chain.rpc.computeBudget,
      });
      for (const batchTx of packed) {
        const prepared = await prepareTransaction(batchTx.message);
        const row = await insertIssuanceTransaction(tx, {
          batchId: batch.id,
          signingMode: 'admin_wallet',
          signature: transactionId(prepared),
          feePayer: chain.authority.address,
          adminWallet: batch.adminWallet,
          wire: prepared.wire,
          lastValidBlockHeight: prepared.lastValidBlockHeight,
          itemCount: batchTx.items.length,
        });
        const items = batchTx.items.map((i) => i.row);
        await applyIssuanceEvent(tx, items, { type: 'packed' }, () => ({ transactionId: row.id }));
        await writeBadgeLogs(
          tx,
          items.map((r) => ({
            actionType: 'issuance.prepared_for_wallet',
            entityType: 'issuance',
            badgeId: r.badgeId,
            issuanceId: r.id,
            userId: r.userId,
            performedBy: actorId,
            blockchainTxSignature: row.signature,
            walletAddress: batch.adminWallet,
            newValue: { transactionId: row.id },
          })),
        );
      }
      await refreshBatch(tx, batch.id);
    });
  }

  async function transactions(actorId: string, batchId: string): Promise<IssuanceTransactions> {
    const batch = await adminBatch(batchId);
    await settleExpiredUnsigned(batchId);
    await prepareMissing(batch, actorId);
    const rows = await unsignedTransactionsOfBatch(db, batchId);
    const members = await mintingMembersOf(
      db,
      rows.map((r) => r.id),
    );
    const lastValid = rows.reduce<bigint | null>(
      (min, r) => (min === null || r.lastValidBlockHeight < min ? r.lastValidBlockHeight : min),
      null,
    );
    let expiresAt: string | null = null;
    if (lastValid !== null) {
      const height = await chain.rpc.rpc.getBlockHeight().send();
      expiresAt = new Date(Date.now() + Math.max(0, Number(lastValid - height)) * SLOT_MS).toISOString();
    }
    return {
      batchId,
      adminWallet: batch.adminWallet,
      transactions: rows.map((r) => ({
        id: r.id,
        transaction: r.wire,
        signature: r.signature,
        issuanceIds: members.filter((m) => m.transactionId === r.id).map((m) => m.id),
      })),
      lastValidBlockHeight: lastValid?.toString() ?? null,
      expiresAt,
    };
  }

  /** Checks every signed transaction first (nothing changes if one is wrong), then sends them. */
  async function submitSigned(actorId: string, batchId: string, signedList: readonly string[]) {
    await adminBatch(batchId);
    // Every transaction of the batch: one already settled (or expired) is reported as it is, not sent.
    const open = await transactionsOfBatch(db, batchId);
    const bySignature = new Map(open.map((r) => [r.signature, r]));
    const checked: { row: IssuanceTransactionRow; wire: Base64EncodedWireTransaction }[] = [];
    for (const [index, signed] of signedList.entries()) {
      let id: Signature | undefined;
      try {
        id = getFeePayerSignature(getTransactionDecoder().decode(Buffer.from(signed, 'base64')));
      } catch {
        id = undefined;
      }
      const row = id ? bySignature.get(id) : undefined;
      if (!row)
        throw new AppError('CHAIN__SIGNED_TRANSACTION_MISMATCH', { index, reason: 'unknown_transaction' });
      try {
        const parsed = await parseSignedTransaction(signed, row.wire);
        checked.push({ row, wire: parsed.wire });
      } catch (e) {
        const context = isAppError(e, 'CHAIN__SIGNED_TRANSACTION_MISMATCH')
          ? e.context
          : { reason: 'malformed' as const };
        throw new AppError('CHAIN__SIGNED_TRANSACTION_MISMATCH', { ...context, index }, { cause: e });
      }
    }
    const owner = newLeaseOwner('api');
    const fresh = checked.filter((c) => c.row.status === 'awaiting_signature');
    const leased = new Set(
      (
        await tryLeaseTransactions(
          db,
          fresh.map((c) => c.row.id),
          owner,
          SUBMIT_WAIT_MS + 15_000,
        )
      ).map((r) => r.id),
    );
    // The signed bytes are stored before they are sent; from here the worker can finish alone.
    const sent = await db.transaction(async (tx) => {
      const out: IssuanceTransactionRow[] = [];
      for (const c of fresh.filter((f) => leased.has(f.row.id))) {
        const row = await applyIssuanceTransactionEvent(tx, c.row, { type: 'signed' }, { wire: c.wire });
        if (!row) continue;
        const members = await issuancesInTransaction(tx, row.id);
        await writeBadgeLogs(
          tx,

          members.map((m) => ({
            actionType: 'issuance.mint_sent',
            entityType: 'issuance',
            badgeId: m.badgeId,
            issuanceId: m.id,
            userId: m.userId,
            performedBy: actorId,
            blockchainTxSignature: row.signature,
            walletAddress: row.adminWallet,
            newValue: { transactionId: row.id, signedBy: row.adminWallet },
          })),
        );
        out.push(row);
      }
      if (out.length > 0) await refreshBatch(tx, batchId);
      return out;
    });
    const signal = AbortSignal.timeout(SUBMIT_WAIT_MS);
    await inParallel(sent, 16, async (row) => {
      await deps.minter.follow(row, owner, { signal, actorId });
    });
    for (const row of sent) await releaseTransaction(db, row.id, owner);
    const after = new Map(
      (
        await findIssuanceTransactions(
          db,
          checked.map((c) => c.row.id),
        )
      ).map((a) => [a.id, a]),
    );
    const batch = await findBatchView(db, batchId);
    if (!batch) throw new AppError('BADGE__BATCH_NOT_FOUND');
    return {
      batch,
      results: checked.map((c) => {
        // Transactions are never deleted while their batch exists.
        const row = after.get(c.row.id) ?? c.row;
        return { id: row.id, signature: row.signature, status: row.status };
      }),
    };
  }

  return { transactions, submitSigned, settleExpiredUnsigned };
}

export type IssuanceWalletSigning = ReturnType<typeof createIssuanceWalletSigning>;
