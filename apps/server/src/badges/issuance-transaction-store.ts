import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { dbNowPlus } from '../db/database-clock.ts';
import { badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions } from './badges-schema.ts';
import type { IssuanceRow, IssuanceTransactionRow, Tx } from './issuance-store.ts';

export type IssuanceBatchRow = typeof badgeIssuanceBatches.$inferSelect;

export async function findIssuanceBatch(db: Db, id: string): Promise<IssuanceBatchRow | undefined> {
  const [batch] = await db.select().from(badgeIssuanceBatches).where(eq(badgeIssuanceBatches.id, id));
  return batch;
}

/** Locks a batch row so two concurrent requests cannot pack its issuances twice. */
export async function lockIssuanceBatch(tx: Tx, id: string): Promise<void> {
  await tx
    .select({ id: badgeIssuanceBatches.id })
    .from(badgeIssuanceBatches)
    .where(eq(badgeIssuanceBatches.id, id))
    .for('no key update');
}

/** A batch's uploaded issuances (in no transaction yet), locked, in a stable order. */
export async function lockUploadedIssuancesOfBatch(tx: Tx, batchId: string): Promise<IssuanceRow[]> {
  return tx
    .select()
    .from(badgeIssuances)
    .where(and(eq(badgeIssuances.batchId, batchId), eq(badgeIssuances.status, 'uploaded')))
    .orderBy(badgeIssuances.id)
    .for('update');
}

/** One issuance locked for a change. */
export async function lockIssuance(tx: Tx, id: string): Promise<IssuanceRow | undefined> {
  const [row] = await tx.select().from(badgeIssuances).where(eq(badgeIssuances.id, id)).for('update');
  return row;
}

export type NewIssuanceTransaction = Omit<
  typeof badgeIssuanceTransactions.$inferInsert,
  'id' | 'status' | 'confirmedAt' | 'errorCode' | 'lastError' | 'leaseOwner' | 'leaseExpiresAt'
>;

/**
 * Records a packed transaction before anything is sent. It starts awaiting the admin wallet's
 * signature, or (server-signed) `sent` and leased to `owner`, who sends it next.
 */
export async function insertIssuanceTransaction(
  tx: Tx,
  values: NewIssuanceTransaction,
  lease?: { owner: string; leaseMs: number },
): Promise<IssuanceTransactionRow> {
  const rows = await tx
    .insert(badgeIssuanceTransactions)
    .values({
      ...values,
      status: values.signingMode === 'admin_wallet' ? 'awaiting_signature' : 'sent',
      ...(lease ? { leaseOwner: lease.owner, leaseExpiresAt: dbNowPlus(lease.leaseMs) } : {}),
    })
    .returning();
  return expectRow(rows, 'issuance transaction');
}

/**
 * {@link insertIssuanceTransaction} for many at once, in one statement; returned in the order
 * given (matched by signature, unique per transaction).
 */
export async function insertIssuanceTransactions(
  tx: Tx,
  values: readonly NewIssuanceTransaction[],
  lease?: { owner: string; leaseMs: number },
): Promise<IssuanceTransactionRow[]> {
  if (values.length === 0) return [];
  const rows = await tx
    .insert(badgeIssuanceTransactions)
    .values(
      values.map((v) => ({
        ...v,
        status: v.signingMode === 'admin_wallet' ? ('awaiting_signature' as const) : ('sent' as const),
        ...(lease ? { leaseOwner: lease.owner, leaseExpiresAt: dbNowPlus(lease.leaseMs) } : {}),
      })),
    )
    .returning();
  const bySignature = new Map(rows.map((r) => [r.signature, r]));
  return values.map((v) =>
    expectRow(
      [bySignature.get(v.signature)].filter((r) => r !== undefined),
      'issuance transaction',
    ),
  );
}

/** A batch's transactions still waiting for the wallet, oldest first. */
export async function unsignedTransactionsOfBatch(
  db: Db,
  batchId: string,
): Promise<IssuanceTransactionRow[]> {
  return db
    .select()
    .from(badgeIssuanceTransactions)
    .where(
      and(
        eq(badgeIssuanceTransactions.batchId, batchId),
        eq(badgeIssuanceTransactions.status, 'awaiting_signature'),
      ),
    )
    .orderBy(asc(badgeIssuanceTransactions.createdAt), asc(badgeIssuanceTransactions.id));
}

/** The issuances still `minting` in these transactions. */
export async function mintingMembersOf(db: Db, transactionIds: readonly string[]) {
  if (transactionIds.length === 0) return [];
  return db
    .select({ id: badgeIssuances.id, transactionId: badgeIssuances.transactionId })
    .from(badgeIssuances)
    .where(
      and(inArray(badgeIssuances.transactionId, [...transactionIds]), eq(badgeIssuances.status, 'minting')),
    );
}

/** Every issuance a transaction carries (or last carried). */
export async function issuancesInTransaction(tx: Tx, transactionId: string) {
  return tx
    .select({ id: badgeIssuances.id, badgeId: badgeIssuances.badgeId, userId: badgeIssuances.userId })
    .from(badgeIssuances)
    .where(eq(badgeIssuances.transactionId, transactionId));
}

export async function transactionsOfBatch(db: Db, batchId: string): Promise<IssuanceTransactionRow[]> {
  return db.select().from(badgeIssuanceTransactions).where(eq(badgeIssuanceTransactions.batchId, batchId));
}

export async function findIssuanceTransactions(
  db: Db,
  ids: readonly string[],
): Promise<IssuanceTransactionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(badgeIssuanceTransactions)
    .where(inArray(badgeIssuanceTransactions.id, [...ids]));
}
