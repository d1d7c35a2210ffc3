import { sql } from 'drizzle-orm';
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

/**
 * Appends many audit entries in one statement; none is a no-op. The entries travel as one array
 * per column (insert ... select from unnest): a statement of a fixed size however many entries,
 * where a VALUES list costs a parameter, and building it a good deal of CPU, per cell.
 */
export async function writeBadgeLogs(
  tx: Pick<Db, 'execute'>,
  entries: readonly BadgeLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const arrays = BULK_COLUMNS.map(([key, type]) => {
    const values = entries.map((e) => {
      const value = e[key];
      if (value === undefined || value === null) return null;
      return type === 'jsonb' ? JSON.stringify(value) : (value as string);
    });
    return sql`${sql.param(values)}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`;
  });
  const names = BULK_COLUMNS.map(([key]) => badgeLogs[key].name);
  const selected = BULK_COLUMNS.map(([key, type], i) =>
    key === 'status'
      ? sql.raw(`coalesce(v.c${i}, 'ok')`)
      : sql.raw(type === 'jsonb' ? `v.c${i}::jsonb` : `v.c${i}`),
  );
  await tx.execute(
    sql`insert into ${badgeLogs} (${sql.raw(names.map((n) => `"${n}"`).join(', '))}) select ${sql.join(selected, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(BULK_COLUMNS.map((_, i) => `c${i}`).join(', '))})`,
  );
}
