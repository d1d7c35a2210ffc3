import { asc, count, min, sql, sum } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { pendingTrades } from './trades-schema.ts';

/** Trades waiting for an email to be verified, one line per address, oldest first. */
export async function listPendingTradesByEmail(db: Db, limit = 500) {
  const rows = await db
    .select({
      email: pendingTrades.email,
      trades: count(),
      volumeUsd: sum(pendingTrades.volumeUsd),
      oldestAt: min(pendingTrades.createdAt),
    })
    .from(pendingTrades)
    .groupBy(pendingTrades.email)
    .orderBy(asc(sql`min(${pendingTrades.createdAt})`))
    .limit(limit);
  return rows.map((r) => ({
    email: r.email,
    trades: r.trades,
    volumeUsd: r.volumeUsd ?? '0',
    oldestAt: (r.oldestAt ?? new Date(0)).toISOString(),
  }));
}
