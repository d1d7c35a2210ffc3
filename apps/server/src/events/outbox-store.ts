import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import { outbox } from './events-schema.ts';

export interface NewOutboxEvent {
  topic: string;
  type: string;
  key?: string | null;
  payload: Record<string, unknown>;
}

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Records an event in the outbox. Call it with the same transaction as the change the event
 * describes, so the event exists if and only if the change committed.
 */
export async function writeOutboxEvent(tx: Pick<Db, 'insert'>, event: NewOutboxEvent): Promise<string> {
  const rows = await tx
    .insert(outbox)
    .values({ topic: event.topic, type: event.type, key: event.key ?? null, payload: event.payload })
    .returning({ id: outbox.id });
  return expectRow(rows, 'outbox').id;
}

/** Whether any event waits to be relayed: one cheap read, outside any transaction. */
export async function hasUnpublishedEvents(db: Db): Promise<boolean> {
  const statement = preparedOnce(db, 'outbox_has_unpublished', (name) =>
    db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.publishedAt)).limit(1).prepare(name),
  );
  return (await statement.execute()).length > 0;
}

/**
 * Claims the oldest `limit` unpublished events, if this transaction gets the relay's advisory
 * lock `lockId`: locked, read and marked published in one statement (one round trip), in `seq`
 * order. The mark holds only if the transaction commits, so the caller publishes before it does.
 */
export async function claimUnpublishedEvents(
  tx: Db,
  lockId: number,
  limit: number,
  at: Date,
): Promise<OutboxRow[]> {
  const batch = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.publishedAt), sql`pg_try_advisory_xact_lock(${lockId})`))
    .orderBy(asc(outbox.seq))
    .limit(limit);
  const rows = await tx.update(outbox).set({ publishedAt: at }).where(inArray(outbox.id, batch)).returning();
  return rows.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

/** Counts a failed publish of these events and records why. */
export async function recordPublishFailure(tx: Db, ids: string[], lastError: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: lastError.slice(0, 1000) })
    .where(inArray(outbox.id, ids));
}
