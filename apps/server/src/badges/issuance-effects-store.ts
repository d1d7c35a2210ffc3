import { eq, inArray, sql } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { outbox } from '../events/events-schema.ts';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import {
  badgeIssuanceBatches,
  badgeIssuances,
  badgeIssuanceTransactions,
  badgeNotifications,
  badges,
} from './badges-schema.ts';
import type { BatchStatus } from './batch-progress.ts';
import type { IssuanceStatus, IssuanceTransactionStatus } from './issuance-machine.ts';
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
 * A batch read for a recount: its signing mode, or nothing when there is no such batch. Not
 * FOR UPDATE: rows inserted with a foreign key to the batch hold FOR KEY SHARE on it until they
 * commit, and two such transactions both upgrading would deadlock. Four recounts per batch:
 * these statements are prepared.
 */
export async function lockBatchForRecount(tx: Tx, batchId: string) {
  const b = badgeIssuanceBatches;
  const [batch] = await preparedSql<{ signingMode: 'server' | 'admin_wallet' }>(
    tx,
    'batch_for_recount',
    () =>
      sql`select ${b.signingMode} as "signingMode" from ${b}
          where ${b.id} = ${sql.placeholder('batchId')} for no key update`,
  ).rows({ batchId });
  return batch;
}

/** How many of a batch's issuances and transactions are in each status: one statement. */
export async function countBatchStatuses(tx: Tx, batchId: string) {
  const rows = await preparedSql<{ kind: 'issuance' | 'transaction'; status: string; n: number }>(
    tx,
    'batch_status_counts',
    () => {
      const [i, t, id] = [badgeIssuances, badgeIssuanceTransactions, sql.placeholder('batchId')];
      return sql`select 'issuance' as kind, ${i.status} as status, count(*)::int as n from ${i}
            where ${i.batchId} = ${id} group by ${i.status}
          union all
          select 'transaction', ${t.status}, count(*)::int from ${t}
            where ${t.batchId} = ${id} group by ${t.status}`;
    },
  ).rows({ batchId });
  const of = <S extends string>(kind: string) =>
    new Map(rows.filter((r) => r.kind === kind).map((r) => [r.status as S, r.n]));
  return {
    issuances: of<IssuanceStatus>('issuance'),
    transactions: of<IssuanceTransactionStatus>('transaction'),
  };
}

export interface BatchProgress {
  status: BatchStatus;
  total: number;
  succeeded: number;
  failed: number;
  /** Finished batches keep the time they first finished; others have none. */
  finished: boolean;
}

/** Stores a batch's progress and writes the event that announces it, in one statement. */
export async function saveBatchProgress(
  tx: Tx,
  batchId: string,
  progress: BatchProgress,
  event: NewOutboxEvent,
): Promise<void> {
  await preparedSql(tx, 'batch_progress_save', () => {
    const b = badgeIssuanceBatches;
    const column = (c: { name: string }) => sql.identifier(c.name);
    const value = (name: string) => sql.placeholder(name);
    return sql`with progress as (
          update ${b} set ${column(b.status)} = ${value('status')}, ${column(b.total)} = ${value('total')}::int,
            ${column(b.succeeded)} = ${value('succeeded')}::int, ${column(b.failed)} = ${value('failed')}::int,
            ${column(b.completedAt)} = case when ${value('finished')}::boolean
              then coalesce(${b.completedAt}, now()) end,
            ${column(b.updatedAt)} = now()
          where ${b.id} = ${value('batchId')}
        )
        insert into ${outbox} (${column(outbox.topic)}, ${column(outbox.type)}, ${column(outbox.key)}, ${column(outbox.payload)})
        values (${value('topic')}, ${value('type')}, ${value('key')}, ${value('payload')}::jsonb)`;
  }).rows({
    batchId,
    ...progress,
    topic: event.topic,
    type: event.type,
    key: event.key ?? null,
    payload: JSON.stringify(event.payload),
  });
}
