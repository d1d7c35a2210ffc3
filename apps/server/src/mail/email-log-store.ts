import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { expectRow } from '../db/expect-row.ts';
import { createDurableQueue } from '../jobs/durable-queue.ts';
import { emailLogs } from './mail-schema.ts';

/** The database handle or a caller's transaction: queue the email with the change it reports. */
export type DbOrTx = Pick<Db, 'insert' | 'select'>;

/**
 * Emails to send, oldest due first. The table has no lease columns: a claimed row is leased by
 * moving its due time past the lease. The attempt counts when it is claimed (see the queue).
 */
export const mailQueue = createDurableQueue({
  table: emailLogs,
  ready: () => eq(emailLogs.status, 'pending'),
  orderBy: () => [asc(emailLogs.nextAttemptAt)],
  countAttemptOnLease: true,
});

/** Queues an email; with a dedupe key already used, returns that row's id instead. */
export async function insertEmailLog(
  handle: DbOrTx,
  values: Omit<typeof emailLogs.$inferInsert, 'id' | 'status'> & { dedupeKey: string },
): Promise<{ id: string; created: boolean }> {
  const [row] = await handle
    .insert(emailLogs)
    // next_attempt_at defaults to the database's now(): the one clock the queue compares with.
    .values(values)
    .onConflictDoNothing({ target: emailLogs.dedupeKey })
    .returning({ id: emailLogs.id });
  if (row) return { id: row.id, created: true };
  const existing = await handle
    .select({ id: emailLogs.id })
    .from(emailLogs)
    .where(eq(emailLogs.dedupeKey, values.dedupeKey));
  return { id: expectRow(existing, 'email log').id, created: false };
}

/** Records a pending email as sent. */
export async function markEmailSent(
  db: Db,
  id: string,
  sent: { mailProviderId: string; sentAt: Date; metadata: unknown },
): Promise<void> {
  await db
    .update(emailLogs)
    .set({ status: 'sent', ...sent, nextAttemptAt: null, lastError: null })
    .where(and(eq(emailLogs.id, id), eq(emailLogs.status, 'pending')));
}

/** Records a failed send: due again after `retryInMs`, or failed for good without it. */
export async function recordEmailFailure(
  db: Db,
  id: string,
  failure: { retryInMs: number | undefined; lastError: string },
): Promise<void> {
  await db
    .update(emailLogs)
    .set({
      status: failure.retryInMs === undefined ? 'failed' : 'pending',
      nextAttemptAt: retryAtSql(failure.retryInMs),
      lastError: failure.lastError,
    })
    .where(and(eq(emailLogs.id, id), eq(emailLogs.status, 'pending')));
}
