import { count, desc, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import type { BadgeRow } from './badge-queries.ts';
import { badgeIssuanceBatches, badgeIssuances, badges } from './badges-schema.ts';
import type { IssuanceRow, Tx } from './issuance-store.ts';
import type { IssuanceBatchRow } from './issuance-transaction-store.ts';

export type BatchStatus = IssuanceBatchRow['status'];
export type NewIssuanceBatch = Omit<
  typeof badgeIssuanceBatches.$inferInsert,
  'id' | 'createdAt' | 'updatedAt'
>;
/** A new issuance; it starts `pending` (the column's default), its payload not on IPFS yet. */
export type NewIssuance = Omit<
  typeof badgeIssuances.$inferInsert,
  'id' | 'status' | 'attempts' | 'mintSignature' | 'lastError' | 'createdAt' | 'updatedAt'
>;

export function findBadgesByIds(db: Db, ids: readonly string[]): Promise<BadgeRow[]> {
  return db
    .select()
    .from(badges)
    .where(inArray(badges.id, [...ids]));
}

export async function insertIssuanceBatch(tx: Tx, values: NewIssuanceBatch): Promise<IssuanceBatchRow> {
  return expectRow(await tx.insert(badgeIssuanceBatches).values(values).returning(), 'issuance batch');
}

/**
 * Inserts issuances; returns the ones inserted. A concurrent batch may have issued the same
 * badge to the same user meanwhile: the unique index keeps one, and this batch has one fewer.
 */
export function insertIssuances(tx: Tx, rows: readonly NewIssuance[]): Promise<IssuanceRow[]> {
  return tx
    .insert(badgeIssuances)
    .values([...rows])
    .onConflictDoNothing({ target: [badgeIssuances.badgeId, badgeIssuances.userId] })
    .returning();
}

/** Batches, newest first, optionally only in some statuses, with the total that match. */
export async function listIssuanceBatches(
  db: Db,
  query: { status?: BatchStatus[] | undefined; limit: number; offset: number },
): Promise<{ rows: IssuanceBatchRow[]; total: number }> {
  const where = query.status ? inArray(badgeIssuanceBatches.status, query.status) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(badgeIssuanceBatches)
      .where(where)
      .orderBy(desc(badgeIssuanceBatches.createdAt), desc(badgeIssuanceBatches.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(badgeIssuanceBatches).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
