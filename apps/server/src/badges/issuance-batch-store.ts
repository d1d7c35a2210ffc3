import { count, desc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { queryRows } from '../db/query-rows.ts';
import { unnestRows, type UnnestColumns } from '../db/unnest-rows.ts';
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
export type NewIssuance = Pick<
  typeof badgeIssuances.$inferInsert,
  'badgeId' | 'userId' | 'issuedBy' | 'batchId' | 'destination' | 'walletAddress' | 'recipientHash'
>;
/** What creating a batch needs back of each issuance it inserted (for its audit entry). */
export type InsertedIssuance = Pick<
  IssuanceRow,
  'id' | 'badgeId' | 'userId' | 'walletAddress' | 'destination'
>;

/** The columns a new issuance sets, with the array type each travels in (see unnestRows). */
const NEW_ISSUANCE_COLUMNS = [
  ['badgeId', 'uuid'],
  ['userId', 'uuid'],
  ['issuedBy', 'uuid'],
  ['batchId', 'uuid'],
  ['destination', 'text'],
  ['walletAddress', 'text'],
  ['recipientHash', 'text'],
] as const satisfies UnnestColumns<Required<NewIssuance>>;

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
 * Inserts issuances in one statement (one array per column: a roster chunk of 1,000 built as a
 * VALUES list cost more CPU than the database's insert); returns the ones inserted. A concurrent
 * batch may have issued the same badge to the same user meanwhile: the unique index keeps one,
 * and this batch has one fewer.
 */
export function insertIssuances(tx: Tx, rows: readonly NewIssuance[]): Promise<InsertedIssuance[]> {
  if (rows.length === 0) return Promise.resolve([]);
  const { source, names, values } = unnestRows(badgeIssuances, NEW_ISSUANCE_COLUMNS, rows);
  const column = (key: keyof typeof badgeIssuances.$inferSelect) => sql.identifier(badgeIssuances[key].name);
  return queryRows<InsertedIssuance>(
    tx,
    sql`insert into ${badgeIssuances} (${names}) select ${values} from ${source}
        on conflict (${column('badgeId')}, ${column('userId')}) do nothing
        returning ${column('id')} as "id", ${column('badgeId')} as "badgeId", ${column('userId')} as "userId",
          ${column('walletAddress')} as "walletAddress", ${column('destination')} as "destination"`,
  );
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
