import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { expectRow } from '../db/expect-row.ts';
import { unnestRows } from '../db/unnest-rows.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { queryRows } from '../db/query-rows.ts';
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

/** The handle {@link insertEmailLogs} writes through: the database or a caller's transaction. */
export type BulkDbOrTx = Pick<Db, 'execute' | 'select'>;

type NewEmailLog = Omit<typeof emailLogs.$inferInsert, 'id' | 'status'> & { dedupeKey: string };

/** Columns a bulk enqueue writes, with the array type each travels in (metadata as text). */
const BULK_COLUMNS = [
  ['notificationType', 'text'],
  ['recipient', 'text'],
  ['subject', 'text'],
  ['dedupeKey', 'text'],
  ['userId', 'uuid'],
  ['issuanceId', 'uuid'],
  ['claimId', 'uuid'],
  ['metadata', 'jsonb'],
] as const satisfies readonly (readonly [keyof NewEmailLog, string])[];

/**
 * {@link insertEmailLog} for many emails: one INSERT (one array per column, unnest) and, for
 * dedupe keys already used, one SELECT of their ids. Returns one entry per input, in order;
 * `created` is true for the input that wrote the row (the first, when a key repeats).
 */
export async function insertEmailLogs(
  handle: BulkDbOrTx,
  values: readonly NewEmailLog[],
): Promise<{ id: string; created: boolean }[]> {
  if (values.length === 0) return [];
  const { source, names, values: selected } = unnestRows(emailLogs, BULK_COLUMNS, values);
  // next_attempt_at defaults to the database's now(): the one clock the queue compares with.
  const inserted = await queryRows<{ id: string; dedupe_key: string }>(
    handle,
    sql`insert into ${emailLogs} (${names}) select ${selected} from ${source} on conflict (${sql.identifier(emailLogs.dedupeKey.name)}) do nothing returning ${sql.identifier(emailLogs.id.name)} as id, ${sql.identifier(emailLogs.dedupeKey.name)} as dedupe_key`,
  );
  const created = new Map(inserted.map((r) => [r.dedupe_key, r.id]));
  const missing = [...new Set(values.map((v) => v.dedupeKey).filter((k) => !created.has(k)))];
  const existing =
    missing.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await handle
              .select({ id: emailLogs.id, dedupeKey: emailLogs.dedupeKey })
              .from(emailLogs)
              .where(inArray(emailLogs.dedupeKey, missing))
          ).map((r) => [r.dedupeKey, r.id]),
        );
  const claimed = new Set<string>();
  return values.map((v) => {
    const id = created.get(v.dedupeKey) ?? existing.get(v.dedupeKey);
    const first = created.has(v.dedupeKey) && !claimed.has(v.dedupeKey);
    claimed.add(v.dedupeKey);
    return { id: expectRow(id === undefined ? [] : [id], 'email log'), created: first };
  });
}

/** Records a pending email as sent. */
export async function markEmailSent(
  db: Db,
  id: string,
  sent: { mailProviderId: string; sentAt: Date; metadata: unknown },
): Promise<void> {
  // One per email sent (on purpose: a crash between two sends must not resend the first):
  // built once, prepared.
  await preparedSql(db, 'email_sent', () => {
    const e = emailLogs;
    const column = (c: { name: string }) => sql.identifier(c.name);
    return sql`update ${e} set ${column(e.status)} = 'sent',
        ${column(e.mailProviderId)} = ${sql.placeholder('mailProviderId')},
        ${column(e.sentAt)} = ${sql.placeholder('sentAt')}::timestamptz,
        ${column(e.metadata)} = ${sql.placeholder('metadata')}::jsonb,
        ${column(e.nextAttemptAt)} = null, ${column(e.lastError)} = null, ${column(e.updatedAt)} = now()
      where ${e.id} = ${sql.placeholder('id')} and ${e.status} = 'pending'`;
  }).rows({
    id,
    mailProviderId: sent.mailProviderId,
    sentAt: sent.sentAt.toISOString(),
    metadata: sent.metadata === undefined ? null : JSON.stringify(sent.metadata),
  });
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
