import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { queryRows } from '../db/query-rows.ts';
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

/** Takes the transaction-scoped advisory lock `lockId` if it is free; whether it got it. */
export async function tryTransactionLock(tx: Db, lockId: number): Promise<boolean> {
  const [lock] = await queryRows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${lockId}) as locked`,
  );
  return lock?.locked ?? false;
}

/** The oldest `limit` unpublished events, in `seq` order. */
export async function findUnpublishedEvents(tx: Db, limit: number): Promise<OutboxRow[]> {
  return tx.select().from(outbox).where(isNull(outbox.publishedAt)).orderBy(asc(outbox.seq)).limit(limit);
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
