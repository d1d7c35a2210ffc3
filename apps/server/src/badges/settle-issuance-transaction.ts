import type { ErrorCode } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { AppError } from '../errors/app-error.ts';
import { staleError } from '../errors/stale-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import { recordDelivered, refreshBatch } from './issuance-effects.ts';
import type { IssuanceTransactionEvent } from './issuance-machine.ts';
import { validUntilSql } from './issuance-validity-queries.ts';
import {
  applyIssuanceEvent,
  applyIssuanceTransactionEvents,
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

/** What was put in `map` a moment ago under `key`; its absence is a bug. */
function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined)
    throw new AppError('INTERNAL', undefined, { message: `Settlement lost track of ${String(key)}.` });
  return value;
}

/** The transaction's event for an outcome; `at` is the confirmation time of the whole write. */
function transactionEvent(outcome: TransactionOutcome, at: Date): IssuanceTransactionEvent {
  return outcome.kind === 'failed'
    ? { type: 'failed', code: outcome.code, message: outcome.message }
    : outcome.kind === 'confirmed'
      ? { type: 'confirmed', at }
      : { type: 'expired' };
}

/** The issuances whose transaction landed: each `issued` or `in_vault`, with what delivery says. */
async function recordMinted(
  tx: Tx,
  mailer: Pick<Mailer, 'enqueueMany'>,
  landed: readonly { transaction: IssuanceTransactionRow; rows: IssuanceRow[]; actorId: string | null }[],
  at: Date,
) {
  const signatureOf = new Map(
    landed.flatMap(({ transaction, rows }) => rows.map((r) => [r.id, transaction.signature] as const)),
  );
  const validUntil = validUntilSql(at); // one object for every row: see applyIssuanceEvent's grouping
  const minted = await applyIssuanceEvent(
    tx,
    landed.flatMap((l) => l.rows),
    (row) => ({ type: 'minted', signature: mustGet(signatureOf, row.id) }),
    () => ({ leaseOwner: null, leaseExpiresAt: null, issuedAt: at, validUntil }),
  );
  // Audit entries name who signed (admin wallet mode), so deliveries are grouped by actor.
  const actorOf = new Map(landed.flatMap(({ rows, actorId }) => rows.map((r) => [r.id, actorId] as const)));
  for (const actorId of new Set(actorOf.values()))
    await recordDelivered(
      tx,
      mailer,
      minted.filter((row) => actorOf.get(row.id) === actorId),
      { action: 'issuance.minted', actorId },
    );
}

/** The issuances whose transaction expired (packed again later) or failed (retried with back-off). */
async function recordNotMinted(
  tx: Tx,
  ended: readonly { transaction: IssuanceTransactionRow; rows: IssuanceRow[]; outcome: TransactionOutcome }[],
) {
  const endOf = new Map(ended.flatMap((e) => e.rows.map((r) => [r.id, e] as const)));
  const of = (row: IssuanceRow) => mustGet(endOf, row.id);
  const cleared = { leaseOwner: null, leaseExpiresAt: null };
  const next = await applyIssuanceEvent(
    tx,
    ended.flatMap((e) => e.rows),
    (row) => {
      const { outcome } = of(row);
      return outcome.kind === 'failed'
        ? { type: 'mint_failed', message: outcome.message }
        : { type: 'mint_expired' };
    },
    (row) =>
      of(row).outcome.kind === 'expired'
        ? { ...cleared, nextAttemptAt: null }
        : { ...cleared, nextAttemptAt: retryAtSql(retryDelayMs(row.attempts + 1, MINT_RETRY)) },
  );
  await writeBadgeLogs(
    tx,
    next.map((row) => {
      const { outcome, transaction } = of(row);
      return {
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
        blockchainTxSignature: transaction.signature,
        walletAddress: row.walletAddress,
        status: outcome.kind === 'expired' ? 'retrying' : 'error',
        errorMessage:
          outcome.kind === 'failed' ? `${outcome.code}: ${outcome.message}` : 'transaction expired',
        newValue: { status: row.status, attempts: row.attempts },
      };
    }),
  );
}

/**
 * Records the end of mint transactions and of every issuance in them, all in one database
 * transaction (many at once: a busy batch settles dozens of transactions per commit, and each
 * step is one statement for all of them): confirmed → each issuance `issued` (wallet) or
 * `in_vault`, with its notification, email, audit entries and `badge.issued` event; expired →
 * packed again later (it never landed); failed → retried with back-off, then `failed`.
 * Settling one twice is a no-op.
 */
export async function settleIssuanceTransactions(
  deps: { db: Db; mailer: Pick<Mailer, 'enqueueMany'> },
  settlements: readonly Settlement[],
): Promise<Map<string, IssuanceTransactionRow>> {
  if (settlements.length === 0) return new Map();
  return deps.db.transaction(async (tx) => {
    const asked = new Map<string, Settlement>();
    for (const s of settlements) if (!asked.has(s.transaction.id)) asked.set(s.transaction.id, s);
    const current = await lockIssuanceTransactions(tx, [...asked.keys()]);
    const out = new Map(current.map((c) => [c.id, c]));
    // Every locked transaction was asked for by one of the settlements.
    const open = current.filter(
      (c) => (c.status === 'sent' || c.status === 'awaiting_signature') && asked.has(c.id),
    );
    if (open.length === 0) return out;
    const members = await lockMintingIssuancesOf(
      tx,
      open.map((c) => c.id),
    );
    const membersOf = new Map<string | null, IssuanceRow[]>();
    for (const m of members) {
      const rows = membersOf.get(m.transactionId);
      if (rows) rows.push(m);
      else membersOf.set(m.transactionId, [m]);
    }
    const ended = new Map(
      open.map((transaction) => {
        const { outcome, actorId } = mustGet(asked, transaction.id);
        const rows = membersOf.get(transaction.id) ?? [];
        return [transaction.id, { transaction, rows, outcome, actorId: actorId ?? null }] as const;
      }),
    );
    const at = new Date();
    const settled = await applyIssuanceTransactionEvents(
      tx,
      open,
      (row) => transactionEvent(mustGet(ended, row.id).outcome, at),
      { leaseOwner: null, leaseExpiresAt: null },
    );
    // Read under FOR UPDATE a moment ago, so nobody else can have moved them.
    if (settled.length !== open.length)
      throw staleError(
        'issuance_transaction',
        open.map((c) => c.id),
      );
    for (const row of settled) out.set(row.id, row);
    const all = [...ended.values()];
    await recordMinted(
      tx,
      deps.mailer,
      all.filter((e) => e.outcome.kind === 'confirmed'),
      at,
    );
    await recordNotMinted(
      tx,
      all.filter((e) => e.outcome.kind !== 'confirmed' && e.rows.length > 0),
    );
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
