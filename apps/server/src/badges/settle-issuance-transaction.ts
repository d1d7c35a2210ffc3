import type { ErrorCode } from '@insignia/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { retryAtSql } from '../jobs/database-clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import { badgeIssuances, badgeIssuanceTransactions } from './badges-schema.ts';
import { recordDelivered, refreshBatch } from './issuance-effects.ts';
import { transitionIssuanceTransaction } from './issuance-machine.ts';
import {
  applyIssuanceEvent,
  lockIssuances,
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
  const [settled] = await tx
    .update(badgeIssuanceTransactions)
    .set({
      status: transitionIssuanceTransaction(current.status, outcome.kind),
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(outcome.kind === 'confirmed' ? { confirmedAt: new Date(), errorCode: null, lastError: null } : {}),
      ...(outcome.kind === 'failed' ? { errorCode: outcome.code, lastError: outcome.message } : {}),
      ...(outcome.kind === 'expired' ? { errorCode: 'CHAIN__EXPIRED' } : {}),
    })
    .where(eq(badgeIssuanceTransactions.id, current.id))
    .returning();
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
    await tx.insert(badgeLogs).values(
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
  return settled!;
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
    const current = await tx
      .select()
      .from(badgeIssuanceTransactions)
      .where(inArray(badgeIssuanceTransactions.id, ids))
      .orderBy(badgeIssuanceTransactions.id)
      .for('update');
    const out = new Map(current.map((c) => [c.id, c]));
    const open = current.filter((c) => c.status === 'sent' || c.status === 'awaiting_signature');
    if (open.length === 0) return out;
    const members = await lockIssuances(
      tx,
      and(
        inArray(
          badgeIssuances.transactionId,
          open.map((c) => c.id),
        ),
        eq(badgeIssuances.status, 'minting'),
      )!,
    );
    for (const row of open) {
      const settlement = settlements.find((s) => s.transaction.id === row.id)!;
      const rows = members.filter((m) => m.transactionId === row.id);
      out.set(row.id, await settleOne(tx, deps.mailer, row, rows, settlement));
    }
    for (const batchId of [...new Set(open.map((c) => c.batchId))].sort()) await refreshBatch(tx, batchId);
    return out;
  });
}

/** One transaction's settlement; see {@link settleIssuanceTransactions}. */
export async function settleIssuanceTransaction(
  deps: { db: Db; mailer: Pick<Mailer, 'enqueue'> },
  transaction: IssuanceTransactionRow,
  outcome: TransactionOutcome,
  options: { actorId?: string | null } = {},
): Promise<IssuanceTransactionRow> {
  const out = await settleIssuanceTransactions(deps, [{ transaction, outcome, actorId: options.actorId }]);
  return out.get(transaction.id)!;
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
        for (const item of items) item.resolve(written.get(item.transaction.id)!);
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
