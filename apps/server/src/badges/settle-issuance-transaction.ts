import type { ErrorCode } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { staleError } from '../errors/stale-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import { recordDelivered, refreshBatch } from './issuance-effects.ts';
import {
  applyIssuanceEvent,
  applyIssuanceTransactionEvent,
  lockIssuanceTransactions,
  lockMintingIssuancesOf,
  type IssuanceRow,
  type IssuanceTransactionRow,
  type Tx,
} from './issuance-store.ts';

/** How a sent (or unsigned) mint transaction ended. */
export type TransactionOutcome =
  { kind: 'confirmed' } | { kind: 'expired' } | { kind: 'failed'; code: ErrorCode; message: string };

export type Settlement = Readonly<{
  transaction: IssuanceTransactionRow;
  outcome: TransactionOutcome;
  actorId?: string | null | undefined;
}>;

/** Waits before packing a failed issuance again (a drained authority may be refunded meanwhile). */
const MINT_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 5 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };

async function settleOne(
  tx: Tx,
  mailer: Pick<Mailer, 'enqueue'>,
  current: IssuanceTransactionRow,
  rows: IssuanceRow[],
  { outcome, actorId }: Settlement,
): Promise<IssuanceTransactionRow> {
  const settled = await applyIssuanceTransactionEvent(
    tx,
    current,
    outcome.kind === 'failed'
      ? { type: 'failed', code: outcome.code, message: outcome.message }
      : outcome.kind === 'confirmed'
        ? { type: 'confirmed', at: new Date() }
        : { type: 'expired' },
    { leaseOwner: null, leaseExpiresAt: null },
  );
  // Read under FOR UPDATE a moment ago, so nobody else can have moved it.
  if (!settled) throw staleError('issuance_transaction', [current.id]);
  const cleared = { leaseOwner: null, leaseExpiresAt: null };
  if (outcome.kind === 'confirmed') {
    const minted = await applyIssuanceEvent(
      tx,
      rows,
      { type: 'minted', signature: current.signature },
      () => ({
        ...cleared,
        issuedAt: new Date(),
      }),
    );
    await recordDelivered(tx, mailer, minted, { action: 'issuance.minted', actorId: actorId ?? null });
  } else if (rows.length > 0) {
    const next =
      outcome.kind === 'expired'
        ? await applyIssuanceEvent(tx, rows, { type: 'mint_expired' }, () => ({
            ...cleared,
            nextAttemptAt: null,
          }))
        : await applyIssuanceEvent(tx, rows, { type: 'mint_failed', message: outcome.message }, (row) => ({
            ...cleared,
            nextAttemptAt: retryAtSql(retryDelayMs(row.attempts + 1, MINT_RETRY)),
          }));
    await writeBadgeLogs(
      tx,
      next.map((row) => ({
        actionType:
          outcome.kind === 'expired'
            ? 'issuance.mint_expired'
            : row.status === 'failed'
              ? 'issuance.failed'
              : 'issuance.mint_failed',
        entityType: 'issuance',
        badgeId: row.badgeId,
        issuanceId: row.id,
        userId: row.userId,
        blockchainTxSignature: current.signature,
        walletAddress: row.walletAddress,
        status: outcome.kind === 'expired' ? 'retrying' : 'error',
        errorMessage:
          outcome.kind === 'failed' ? `${outcome.code}: ${outcome.message}` : 'transaction expired',
        newValue: { status: row.status, attempts: row.attempts },
      })),
    );
  }
  return settled;
}

/**
 * Records the end of mint transactions and of every issuance in them, all in one database
 * transaction (many at once: a busy batch settles dozens of transactions per commit):
 * confirmed → each issuance `issued` (wallet) or `in_vault`, with its notification, email,
 * audit entries and `badge.issued` event; expired → packed again later (it never landed);
 * failed → retried with back-off, then `failed`. Settling one twice is a no-op.
 */
export async function settleIssuanceTransactions(
  deps: { db: Db; mailer: Pick<Mailer, 'enqueue'> },
  settlements: readonly Settlement[],
): Promise<Map<string, IssuanceTransactionRow>> {
  if (settlements.length === 0) return new Map();
  return deps.db.transaction(async (tx) => {
    const ids = [...new Set(settlements.map((s) => s.transaction.id))];
    const current = await lockIssuanceTransactions(tx, ids);
    const out = new Map(current.map((c) => [c.id, c]));
    const open = current.filter((c) => c.status === 'sent' || c.status === 'awaiting_signature');
    if (open.length === 0) return out;
    const members = await lockMintingIssuancesOf(
      tx,
      open.map((c) => c.id),
    );
    for (const row of open) {
      // Every locked transaction was asked for by one of the settlements.
      const settlement = settlements.find((s) => s.transaction.id === row.id);
      if (!settlement) continue;
      const rows = members.filter((m) => m.transactionId === row.id);
      out.set(row.id, await settleOne(tx, deps.mailer, row, rows, settlement));
    }
    for (const batchId of [...new Set(open.map((c) => c.batchId))].sort()) await refreshBatch(tx, batchId);
    return out;
  });
}

/**
 * Gathers settlements arriving while one is being written and writes them together: the
 * transactions a worker follows in parallel then share commits and batch recounts instead of
 * queueing one by one on the batch row.
 */
export function createSettlementQueue(
  write: (items: Settlement[]) => Promise<Map<string, IssuanceTransactionRow>>,
) {
  type Waiting = Settlement & {
    resolve: (row: IssuanceTransactionRow) => void;
    reject: (e: unknown) => void;
  };
  const queue: Waiting[] = [];
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const items = queue.splice(0, 200);
      try {
        const written = await write(items);
        for (const item of items) item.resolve(written.get(item.transaction.id) ?? item.transaction);
      } catch (e) {
        for (const item of items) item.reject(e);
      }
    }
    running = undefined;
  }

  return (settlement: Settlement): Promise<IssuanceTransactionRow> =>
    new Promise((resolve, reject) => {
      queue.push({ ...settlement, resolve, reject });
      running ??= drain();
    });
}
