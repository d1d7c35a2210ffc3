import type { ErrorCode } from '@insignia/contract';
import type { Base64EncodedWireTransaction } from '@solana/kit';
import { fetchMaybeToken } from '@solana-program/token-2022';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { writeBadgeLog } from '../badges/badge-log-store.ts';
import { describeTransactionFailure } from '../chain/describe-transaction-failure.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { SendResult } from '../chain/send-result.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { BackoffPolicy } from '../jobs/backoff.ts';
import { crashPoint } from '../jobs/crash-point.ts';
import { driveLeasedRow } from '../jobs/drive-leased-row.ts';
import { buildBadgeBurn } from './build-badge-burn.ts';
import {
  leaseDueRevocations,
  loadBurnTarget,
  releaseRevocation,
  tryLeaseRevocation,
  updateRevocation,
  type RevocationPatch,
  type RevocationRow,
} from './revocation-store.ts';

const RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };
const LEASE_MS = 120_000;
export const NOT_IN_WALLET_NOTE =
  'The badge is no longer in the wallet it was issued to: nothing was burned.';
const VAULT_EMPTY_NOTE = 'The vault no longer holds this badge: nothing was burned.';

/**
 * Burns a revoked badge on chain: `pending` → the burn is built and signed, stored (`sent`)
 * and only then sent; `sent` → the same bytes are re-sent until the chain says it landed
 * (`done`), failed for good (`failed`), or expired unseen (back to `pending`, where the token
 * account is read again before a new burn is signed). A crash at any point re-sends the stored
 * bytes or, after they expired, starts from the balance: one burn, never two.
 */
export function createRevocationBurner(deps: { db: Db; chain: Chain; logger: Logger }) {
  const { db, chain } = deps;
  const rpc = chain.rpc.rpc;

  async function context(row: RevocationRow) {
    const found = await loadBurnTarget(db, row.issuanceId);
    if (!found?.mint || !row.tokenAccount)
      throw new AppError('INTERNAL', undefined, {
        message: `revocation ${row.issuanceId} has nothing to burn`,
      });
    return { ...found, mint: found.mint, tokenAccount: row.tokenAccount };
  }

  /** Writes the next state and its audit entry together; STATE__STALE if another holder moved it. */
  async function settle(
    row: RevocationRow,
    patch: RevocationPatch,
    log?: { action: string; error?: string; note?: string },
  ): Promise<RevocationRow> {
    // Read before the transaction: on a one-connection database a read beside it would wait forever.
    const about = log ? await context(row) : undefined;
    return db.transaction(async (tx) => {
      const next = await updateRevocation(tx, row, patch);
      if (!next) throw new AppError('STATE__STALE', { entity: 'issuance', ids: [row.issuanceId] });
      if (log && about) {
        const { badgeId, userId, walletAddress } = about;
        await writeBadgeLog(tx, {
          actionType: log.action,
          entityType: 'issuance',
          badgeId,
          issuanceId: row.issuanceId,
          userId,
          blockchainTxSignature: next.signature,
          walletAddress: next.chainAction === 'burn_from_wallet' ? walletAddress : null,
          newValue: {
            status: next.status,
            chainAction: next.chainAction,
            ...(log.note ? { note: log.note } : {}),
          },
          ...(log.error ? { status: 'error', errorMessage: log.error } : {}),
        });
      }
      return next;
    });
  }

  const finished = (row: RevocationRow, note?: string) =>
    settle(
      row,
      {
        status: 'done',
        completedAt: new Date(),
        nextAttemptAt: null,
        errorCode: null,
        lastError: note ?? null,
      },
      { action: 'issuance.revocation_burned', ...(note ? { note } : {}) },
    );

  async function onResult(row: RevocationRow, result: SendResult): Promise<RevocationRow> {
    switch (result.status) {
      case 'confirmed':
        return finished(row);
      case 'network':
        return row;
      case 'expired':
        // It never landed (the sender searched the history): read the account again, then rebuild.
        return settle(row, { status: 'pending', wire: null, signature: null, lastValidBlockHeight: null });
      case 'insufficient_sol':
        return defer(
          row,
          'CHAIN__INSUFFICIENT_SOL',
          `The platform authority ${chain.authority.address}, which pays the fee, has too little SOL.`,
        );
      case 'already_exists':
        return fail(row, 'CHAIN__TRANSACTION_FAILED', 'the burn was refused');
      case 'failed':
        if (result.error.kind === 'rejected')
          return defer(row, 'CHAIN__TRANSACTION_REJECTED', describeTransactionFailure(result.error));
        return fail(row, 'CHAIN__TRANSACTION_FAILED', describeTransactionFailure(result.error));
    }
  }

  /** Not sent (rejected before simulation, or no SOL): back to `pending` to be rebuilt later. */
  const defer = (row: RevocationRow, code: ErrorCode, message: string) =>
    settle(row, {
      status: 'pending',
      wire: null,
      signature: null,
      lastValidBlockHeight: null,
      errorCode: code,
      lastError: message,
    });

  const fail = (row: RevocationRow, code: ErrorCode, message: string) =>
    settle(
      row,
      { status: 'failed', errorCode: code, lastError: message, nextAttemptAt: null },
      { action: 'issuance.revocation_failed', error: `${code}: ${message}` },
    );

  async function burnFresh(row: RevocationRow, signal?: AbortSignal): Promise<RevocationRow> {
    const { mint, tokenAccount } = await context(row);
    const account = await fetchMaybeToken(rpc, tokenAccount);
    // Moved away (or already burned): never burn from an account we did not issue to.
    if (!account.exists || account.data.amount < 1n)
      return finished(row, row.chainAction === 'burn_from_vault' ? VAULT_EMPTY_NOTE : NOT_IN_WALLET_NOTE);
    const built = await buildBadgeBurn(
      { rpc, computeBudget: chain.rpc.computeBudget },
      {
        mint,
        tokenAccount: tokenAccount,
        burner: row.chainAction === 'burn_from_vault' ? chain.vault : chain.authority,
        feePayer: chain.authority,
        memo: `revoke:${row.issuanceId}`,
      },
    );
    const prepared = await prepareTransaction(built.message);
    if (!prepared.signature)
      throw new AppError('INTERNAL', undefined, { message: 'The burn lacks the authority signature.' });
    // Recorded before sending: after a crash these bytes are re-sent, never a new burn.
    const sent = await settle(row, {
      status: 'sent',
      wire: prepared.wire,
      signature: prepared.signature,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
    });
    crashPoint('revocation.burn.stored', row.issuanceId); // test-only, see jobs/crash-point.ts
    return resend(sent, signal);
  }

  async function resend(row: RevocationRow, signal?: AbortSignal): Promise<RevocationRow> {
    const result = await chain.sender.send({
      wire: row.wire as Base64EncodedWireTransaction,
      lastValidBlockHeight: row.lastValidBlockHeight ?? 0n,
      ...(signal ? { signal } : {}),
    });
    crashPoint('revocation.burn.settled', row.issuanceId); // test-only: outcome known, not recorded
    return onResult(row, result);
  }

  /** One step of a revocation's burn; returns the row as it is afterwards. */
  async function advance(row: RevocationRow, signal?: AbortSignal): Promise<RevocationRow> {
    if (row.status === 'sent') return resend(row, signal);
    if (row.status === 'pending') return burnFresh(row, signal);
    return row;
  }

  const inProgress = (row: RevocationRow) => row.status === 'pending' || row.status === 'sent';

  async function drive(leased: RevocationRow, owner: string): Promise<RevocationRow> {
    return driveLeasedRow(
      { ...leased, id: leased.issuanceId },
      {
        inProgress,
        advance: async (row) => ({ ...(await advance(row)), id: row.issuanceId }),
        maxSteps: 4,
        retry: RETRY,
        release: (row, retryInMs) => releaseRevocation(db, row.issuanceId, owner, retryInMs),
        name: 'revocation burn',
        logger: deps.logger,
        describe: (row) => ({ issuanceId: row.issuanceId }),
      },
    );
  }

  /** Burns one revocation now if nobody else holds it (the revoke request, before the worker). */
  async function driveNow(issuanceId: string, owner: string): Promise<RevocationRow | undefined> {
    const leased = await tryLeaseRevocation(db, issuanceId, { owner, leaseMs: LEASE_MS });
    return leased ? drive(leased, owner) : undefined;
  }

  /** One worker pass over due burns. */
  async function processDue(owner: string): Promise<number> {
    const rows = await leaseDueRevocations(db, { owner, limit: 5, leaseMs: LEASE_MS });
    for (const row of rows) await drive(row, owner);
    return rows.length;
  }

  return { advance, driveNow, processDue };
}
