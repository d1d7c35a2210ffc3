import type { Db } from '../db/database.ts';
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

/** Appends many audit entries in one statement; none is a no-op. */
export async function writeBadgeLogs(
  tx: Pick<Db, 'insert'>,
  entries: readonly BadgeLogEntry[],
): Promise<void> {
  if (entries.length > 0) await tx.insert(badgeLogs).values([...entries]);
}
