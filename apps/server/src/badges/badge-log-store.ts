import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { unnestRows } from '../db/unnest-rows.ts';
import { badgeLogs } from './badge-logs-schema.ts';

export type BadgeLogEntry = Omit<typeof badgeLogs.$inferInsert, 'id' | 'createdAt'>;

/**
 * Appends one audit entry (seed 004's badge_logs): who did what to which badge entity, the old
 * and new value, and what the chain said. Pass the transaction that makes the change, so the
 * entry exists exactly when the change does.
 */
export async function writeBadgeLog(tx: Pick<Db, 'insert'>, entry: BadgeLogEntry): Promise<void> {
  await tx.insert(badgeLogs).values(entry);
}

/** badge_logs columns a batch writes, with the array type each travels in. */
const BULK_COLUMNS = [
  ['actionType', 'text'],
  ['entityType', 'text'],
  ['badgeId', 'uuid'],
  ['categoryId', 'uuid'],
  ['issuanceId', 'uuid'],
  ['userId', 'uuid'],
  ['claimId', 'uuid'],
  ['performedBy', 'uuid'],
  ['blockchainTxSignature', 'text'],
  ['walletAddress', 'text'],
  ['oldValue', 'jsonb'],
  ['newValue', 'jsonb'],
  ['status', 'text'],
  ['errorMessage', 'text'],
] as const satisfies readonly (readonly [keyof BadgeLogEntry, string])[];

/** Appends many audit entries in one statement (see unnestRows); none is a no-op. */
export async function writeBadgeLogs(
  tx: Pick<Db, 'execute'>,
  entries: readonly BadgeLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const { source, value, names } = unnestRows(badgeLogs, BULK_COLUMNS, entries);
  const selected = BULK_COLUMNS.map(([key], i) =>
    key === 'status' ? `coalesce(${value(i)}, 'ok')` : value(i),
  );
  await tx.execute(
    sql`insert into ${badgeLogs} (${names}) select ${sql.raw(selected.join(', '))} from ${source}`,
  );
}
