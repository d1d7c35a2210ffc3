import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { expectRow } from '../db/expect-row.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';

/** The database handle or a caller's transaction: queue the delivery with the change it reports. */
export type DbOrTx = Pick<Db, 'insert' | 'select'>;

/**
 * Deliveries to make, oldest due first. Leased, like mail, by moving the due time past the
 * lease, and an attempt counts when it is claimed: a receiver that crashes us still uses one up.
 */
export const deliveryQueue = createDurableQueue({
  table: webhookDeliveries,
  ready: () => eq(webhookDeliveries.status, 'pending'),
  orderBy: () => [asc(webhookDeliveries.nextAttemptAt)],
  countAttemptOnLease: true,
});

/** Queues a delivery; with a dedupe key already used, returns that row's id instead. */
export async function insertWebhookDelivery(
  handle: DbOrTx,
  values: { url: string; eventType: string; eventId: string | null; payload: unknown; dedupeKey: string },
): Promise<{ id: string; created: boolean }> {
  const [row] = await handle
    .insert(webhookDeliveries)
    // next_attempt_at defaults to the database's now(): the one clock the queue compares with.
    .values(values)
    .onConflictDoNothing({ target: webhookDeliveries.dedupeKey })
    .returning({ id: webhookDeliveries.id });
  if (row) return { id: row.id, created: true };
  const existing = await handle
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.dedupeKey, values.dedupeKey));
  return { id: expectRow(existing, 'webhook delivery').id, created: false };
}

interface DeliveryResponse {
  responseStatus: number | null;
  responseBody: string | null;
}

/** Records a pending delivery as delivered. */
export async function markWebhookDelivered(
  db: Db,
  id: string,
  delivered: DeliveryResponse & { deliveredAt: Date },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'delivered', ...delivered, lastError: null, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
}

/** Records a failed attempt: due again after `retryInMs`, or failed for good without it. */
export async function recordWebhookFailure(
  db: Db,
  id: string,
  failure: DeliveryResponse & { retryInMs: number | undefined; lastError: string },
): Promise<void> {
  const { retryInMs, ...fields } = failure;
  await db
    .update(webhookDeliveries)
    .set({
      status: retryInMs === undefined ? 'failed' : 'pending',
      nextAttemptAt: retryAtSql(retryInMs),
      ...fields,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
}
