import type { Base64EncodedWireTransaction } from '@solana/kit';
import type { AdminClaimView, PreparedClaimTransaction } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import { writeBadgeLog } from '../badges/badge-log-store.ts';
import { parseSignedTransaction } from '../chain/parse-signed-transaction.ts';
import type { Db } from '../db/database.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { getAdminClaimView } from './claim-queries.ts';
import {
  getClaim,
  releaseClaimLease,
  storePreparedTransfer,
  tryLeaseClaim,
  type ClaimRow,
} from './claim-store.ts';
import type { ClaimTransferAdvancer } from './claim-transfer-advancer.ts';
import { CLAIM_API_LEASE_MS, driveClaimNow } from './drive-claim-now.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

const SLOT_MS = 400;

/**
 * Approvals in `admin_wallet` mode: the admin's browser wallet signs the transfer's approval
 * memo. As in an admin_wallet badge issuance, the platform authority pays the fee and, with
 * the vault key, has signed already, so the admin needs no SOL. The signed transfer comes back
 * here to be checked and sent.
 */
export function createClaimAdminWalletService(deps: {
  db: Db;
  chain: Chain;
  advancer: ClaimTransferAdvancer;
  wakeWorker: () => void;
}) {
  const { db, advancer } = deps;
  const view = (id: string) => getAdminClaimView(db, id);
  const existing = (id: string) => getClaim(db, id);

  async function awaitingWallet(id: string): Promise<ClaimRow> {
    const row = await existing(id);
    if (row.status !== 'approved' || row.signingMode !== 'admin_wallet' || !row.adminWallet)
      throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE', { status: row.status });
    return row;
  }

  function preparedView(row: ClaimRow, height: bigint): PreparedClaimTransaction {
    const { preparedTransaction: transaction, lastValidBlockHeight: lastValid, adminWallet } = row;
    if (transaction === null || lastValid === null || adminWallet === null)
      throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE', { status: row.status });
    const slotsLeft = lastValid > height ? Number(lastValid - height) : 0;
    return {
      claimId: row.id,
      transaction,
      adminWallet,
      lastValidBlockHeight: lastValid.toString(),
      expiresAt: new Date(Date.now() + slotsLeft * SLOT_MS).toISOString(),
    };
  }

  /**
   * The transfer for the admin's wallet to approve, co-signed by the authority and the vault. The same
   * transaction is handed out until its blockhash expires; only then, once the chain shows it
   * did not land, is a fresh one prepared.
   */
  async function transaction(id: string, adminId: string): Promise<PreparedClaimTransaction> {
    const row = await awaitingWallet(id);
    const height = await deps.chain.rpc.rpc.getBlockHeight().send();
    if (row.preparedTransaction && row.lastValidBlockHeight !== null && height <= row.lastValidBlockHeight)
      return preparedView(row, height);
    const previous = await advancer.settlePrevious(row, { wait: false });
    if (previous === 'pending') throw new AppError('CLAIM__TRANSFER_IN_PROGRESS');
    if (previous === 'arrived') {
      await advancer.apply(row, { type: 'confirmed' });
      throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE', { status: 'completed' });
    }
    if ((await advancer.vaultBalance(row)) < 1n)
      throw new AppError('CLAIM__VAULT_EMPTY', { tokenId: row.tokenId });
    const prepared = await advancer.buildTransfer(row);
    const updated = await db.transaction(async (tx) => {
      const next = await storePreparedTransfer(tx, id, {
        preparedTransaction: prepared.wire,
        lastValidBlockHeight: prepared.lastValidBlockHeight,
      });
      if (!next) throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE');
      await writeBadgeLog(tx, {
        actionType: 'claim.transfer_prepared',
        entityType: 'claim',
        issuanceId: next.issuanceId,
        userId: next.userId,
        claimId: next.id,
        performedBy: adminId,
        walletAddress: next.walletAddress,
        newValue: {
          status: next.status,
          adminWallet: next.adminWallet,
          lastValidBlockHeight: prepared.lastValidBlockHeight.toString(),
        },
      });
      return next;
    });
    return preparedView(updated, height);
  }

  /** The admin wallet's signed transfer: checked against the prepared one, then sent. */
  async function submitSigned(
    id: string,
    adminId: string,
    signedTransaction: string,
  ): Promise<AdminClaimView> {
    const row = await existing(id);
    if (!row.preparedTransaction || row.signingMode !== 'admin_wallet')
      throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE', { status: row.status });
    const signed = await parseSignedTransaction(
      signedTransaction,
      row.preparedTransaction as Base64EncodedWireTransaction,
    );
    // The same signed transfer again (a retried request) is answered, not refused.
    if (row.transferSignature === signed.signature && row.status !== 'approved') return view(id);
    await awaitingWallet(id);
    const owner = newLeaseOwner('api');
    const leased = await tryLeaseClaim(db, id, owner, CLAIM_API_LEASE_MS);
    if (!leased) throw new AppError('CLAIM__TRANSFER_IN_PROGRESS');
    const lastValidBlockHeight = leased.lastValidBlockHeight;
    if (
      leased.status !== 'approved' ||
      leased.preparedTransaction !== row.preparedTransaction ||
      lastValidBlockHeight === null
    ) {
      await releaseClaimLease(db, id, owner);
      throw new AppError('CLAIM__NOT_AWAITING_SIGNATURE', { status: leased.status });
    }
    const last = await driveClaimNow(deps, leased, owner, (signal) =>
      advancer.sendSigned(
        leased,
        {
          wire: signed.wire,
          signature: signed.signature,
          lastValidBlockHeight,
        },
        { signal, actorId: adminId },
      ),
    ).catch(async (e: unknown) => {
      if (isAppError(e, 'STATE__STALE'))
        throw new AppError('CLAIM__NOT_PENDING', { status: (await existing(id)).status });
      throw e;
    });
    if (last.status === 'approved' && last.errorCode === 'CHAIN__INSUFFICIENT_SOL')
      throw new AppError('CHAIN__INSUFFICIENT_SOL', { claimId: id, feePayer: deps.chain.authority.address });
    return view(id);
  }

  return { transaction, submitSigned };
}

export type ClaimAdminWalletService = ReturnType<typeof createClaimAdminWalletService>;
