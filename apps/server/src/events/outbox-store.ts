import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
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
  const rows = await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.publishedAt)).limit(1);
  return rows.length > 0;
}

/**
 * The oldest `limit` unpublished events, in `seq` order, if this transaction gets the relay's
 * advisory lock `lockId` (taken with the read: one round trip); none while another holds it.
 */
export async function lockUnpublishedEvents(tx: Db, lockId: number, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.publishedAt), sql`pg_try_advisory_xact_lock(${lockId})`))
    .orderBy(asc(outbox.seq))
    .limit(limit);
}

/** Counts a failed publish of these events and records why. */
export async function recordPublishFailure(tx: Db, ids: string[], lastError: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: lastError.slice(0, 1000) })
    .where(inArray(outbox.id, ids));
}

export async function markEventsPublished(tx: Db, ids: string[], at: Date): Promise<void> {
  await tx.update(outbox).set({ publishedAt: at }).where(inArray(outbox.id, ids));
}
