import {
  isTradeReversal,
  type IngestTradesResponse,
  type TradeInput,
  type TradeRow,
} from '@insignia/contract';
import { findUsersByRef } from '../auth/user-queries.ts';
import type { Db } from '../db/database.ts';
import {
  holdTrades,
  lockUsersByEmail,
  recordPendingTradesFor,
  recordResolvedTrades,
  type HeldTrade,
  type ResolvedTrade,
} from './trade-store.ts';
import { reverseTrades } from './reverse-trades.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Records trades and each user's running volume: trades whose id is already known are
 * skipped (so a resent batch counts nothing twice). A trade keyed by an email that only an
 * unverified account uses waits in `pending_trades` until an account proves that address.
 */
export function createTradeIngestion(deps: {
  db: Db;
  onVolumeChanged?: (userIds: string[]) => Promise<void>;
}) {
  async function ingest(rows: TradeRow[]): Promise<IngestTradesResponse & { userIds: string[] }> {
    const trades: Entry<TradeInput>[] = [];
    const reversals: Entry<Exclude<TradeRow, TradeInput>>[] = [];
    rows.forEach((row, index) => {
      if (isTradeReversal(row)) reversals.push({ index, row });
      else trades.push({ index, row });
    });
    // Trades first: a batch may carry a trade and its reversal.
    const recorded = await recordTrades(trades);
    const reversed = reversals.length > 0 ? await reverseTrades(deps.db, reversals) : undefined;
    const userIds = [...new Set([...recorded.userIds, ...(reversed?.userIds ?? [])])];
    if (userIds.length > 0) await deps.onVolumeChanged?.(userIds);
    return {
      inserted: recorded.inserted,
      duplicates: recorded.duplicates + (reversed?.duplicates ?? 0),
      pending: recorded.pending,
      reversed: reversed?.reversed ?? 0,
      rejected: [...recorded.rejected, ...(reversed?.rejected ?? [])].sort((a, b) => a.index - b.index),
      userIds,
    };
  }

  async function recordTrades(trades: Entry<TradeInput>[]) {
    if (trades.length === 0) return { inserted: 0, duplicates: 0, pending: 0, rejected: [], userIds: [] };
    // Resolving emails and holding trades share a transaction whose row locks order it
    // against a verification of the same address: a held trade is never missed by it. A batch
    // naming its users by id only locks nothing and holds nothing: one read, no transaction.
    const { resolved, held, rejected } = trades.some((t) => emailNamed(t.row).length > 0)
      ? await deps.db.transaction(async (tx) => {
          const r = await resolveUsers(tx, trades);
          return { ...r, held: await holdTrades(tx, r.held) };
        })
      : { ...(await resolveUsers(deps.db, trades)), held: { inserted: 0, duplicates: 0 } };
    if (resolved.length === 0)
      return { inserted: 0, duplicates: held.duplicates, pending: held.inserted, rejected, userIds: [] };
    const { inserted, userIds } = await recordResolvedTrades(deps.db, resolved);
    return {
      inserted,
      duplicates: resolved.length - inserted + held.duplicates,
      pending: held.inserted,
      rejected,
      userIds,
    };
  }

  /**
   * Moves the trades waiting for `email` to `userId`, inside the caller's transaction (the
   * one that marks the address verified). Call `volumeChanged` after it commits.
   */
  function attachPending(tx: Tx, userId: string, email: string): Promise<number> {
    return recordPendingTradesFor(tx, userId, email);
  }

  return {
    ingest,
    attachPending,
    volumeChanged: async (userIds: string[]) => deps.onVolumeChanged?.(userIds),
  };
}

export type TradeIngestion = ReturnType<typeof createTradeIngestion>;

/** A row of the batch with its position in it (rejections name the position). */
type Entry<T> = { index: number; row: T };

/** A trade names its user by id, or else by email: the email it goes by, if any. */
const emailNamed = (t: TradeInput): string[] => (!t.userId && t.email ? [t.email] : []);

async function resolveUsers(db: Db, entries: Entry<TradeInput>[]) {
  const trades = entries.map((e) => e.row);
  const refs = [...new Set(trades.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const emails = [...new Set(trades.flatMap(emailNamed))];
  const uuids = refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
  const rows = await findUsersByRef(db, uuids, refs);
  const byEmailRows = await lockUsersByEmail(db, emails);
  const byRef = new Map<string, string>();
  // Insignia's own id wins over a platform id that happens to look the same (a host token's
  // `sub` could name another account's uuid): external ids first, then ids overwrite.
  for (const r of rows) if (r.externalId) byRef.set(r.externalId, r.id);
  for (const r of rows) byRef.set(r.id, r.id);
  const verifiedByEmail = new Map<string, string>();
  const unverifiedEmails = new Set<string>();
  for (const r of byEmailRows) {
    if (r.verified) verifiedByEmail.set(r.email, r.id);
    else unverifiedEmails.add(r.email);
  }
  const resolved: ResolvedTrade[] = [];
  const held: HeldTrade[] = [];
  const rejected: IngestTradesResponse['rejected'] = [];
  entries.forEach(({ row: t, index }) => {
    const [email] = emailNamed(t);
    const userId = t.userId
      ? (byRef.get(t.userId) ?? (UUID.test(t.userId) ? byRef.get(t.userId.toLowerCase()) : undefined))
      : email && verifiedByEmail.get(email);
    if (userId) {
      resolved.push({
        external_id: t.id,
        user_id: userId,
        volume_usd: t.volumeUsd,
        executed_at: t.executedAt,
      });
    } else if (email && unverifiedEmails.has(email)) {
      held.push({ external_id: t.id, email, volume_usd: t.volumeUsd, executed_at: t.executedAt });
    } else {
      rejected.push({ index, id: t.id, code: 'USER__NOT_FOUND', message: `No user ${t.userId ?? t.email}.` });
    }
  });
  return { resolved, held, rejected };
}
