import { count, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { outbox } from '../events/events-schema.ts';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import {
  badgeIssuanceBatches,
  badgeIssuances,
  badgeIssuanceTransactions,
  badgeNotifications,
  badges,
} from './badges-schema.ts';
import type { Tx } from './issuance-store.ts';

/** What a delivery's email and event need to say, by issuance id. */
export async function loadDeliveryInfo(tx: Tx, ids: readonly string[]) {
  const rows = await tx
    .select({
      id: badgeIssuances.id,
      email: users.email,
      badgeName: badges.name,
      badgeDescription: badges.description,
      mintAddress: badges.mintAddress,
    })
    .from(badgeIssuances)
    .innerJoin(users, eq(users.id, badgeIssuances.userId))
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(inArray(badgeIssuances.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** One in-app notification per delivered issuance (a repeat is a no-op); one statement. */
export async function insertBadgeNotifications(
  tx: Tx,
  rows: readonly { issuanceId: string; userId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const issuanceIds = sql.param(rows.map((r) => r.issuanceId));
  const userIds = sql.param(rows.map((r) => r.userId));
  await tx.execute(
    sql`insert into ${badgeNotifications} (${sql.identifier(badgeNotifications.issuanceId.name)}, ${sql.identifier(badgeNotifications.userId.name)})
      select * from unnest(${issuanceIds}::uuid[], ${userIds}::uuid[]) on conflict do nothing`,
  );
}

/**
 * Many outbox events in one statement: the same rows writeOutboxEvent writes, as one array per
 * column (a statement of fixed size, however many events).
 */
export async function insertOutboxEvents(tx: Tx, events: readonly NewOutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const column = <T>(of: (e: NewOutboxEvent) => T) => sql.param(events.map(of));
  await tx.execute(
    sql`insert into ${outbox} (${sql.identifier(outbox.topic.name)}, ${sql.identifier(outbox.type.name)}, ${sql.identifier(outbox.key.name)}, ${sql.identifier(outbox.payload.name)})
      select v.topic, v.type, v.key, v.payload::jsonb from unnest(${column((e) => e.topic)}::text[], ${column((e) => e.type)}::text[], ${column((e) => e.key ?? null)}::text[], ${column((e) => JSON.stringify(e.payload))}::text[]) as v(topic, type, key, payload)`,
  );
}

/**
 * A batch read for a recount. Not FOR UPDATE: rows inserted with a foreign key to the batch
 * hold FOR KEY SHARE on it until they commit, and two such transactions both upgrading would
 * deadlock.
 */
export async function lockBatchForRecount(tx: Tx, batchId: string) {
  const [batch] = await tx
    .select()
    .from(badgeIssuanceBatches)
    .where(eq(badgeIssuanceBatches.id, batchId))
    .for('no key update');
  return batch;
}

/** How many of a batch's issuances and transactions are in each status. */
export async function countBatchStatuses(tx: Tx, batchId: string) {
  const [issuances, transactions] = await Promise.all([
    tx
      .select({ status: badgeIssuances.status, n: count() })
      .from(badgeIssuances)
      .where(eq(badgeIssuances.batchId, batchId))
      .groupBy(badgeIssuances.status),
    tx
      .select({ status: badgeIssuanceTransactions.status, n: count() })
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, batchId))
      .groupBy(badgeIssuanceTransactions.status),
  ]);
  return {
    issuances: new Map(issuances.map((r) => [r.status, r.n])),
    transactions: new Map(transactions.map((r) => [r.status, r.n])),
  };
}

export async function updateBatchProgress(
  tx: Tx,
  batchId: string,
  patch: PgUpdateSetSource<typeof badgeIssuanceBatches>,
): Promise<void> {
  await tx.update(badgeIssuanceBatches).set(patch).where(eq(badgeIssuanceBatches.id, batchId));
}
