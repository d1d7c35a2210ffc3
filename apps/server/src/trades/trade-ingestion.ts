import { sql, type SQL } from 'drizzle-orm';
import type { IngestTradesResponse, TradeInput } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Handle = Pick<Db, 'execute'>;

interface ResolvedTrade {
  external_id: string;
  user_id: string;
  volume_usd: string;
  executed_at: string;
}

interface HeldTrade {
  external_id: string;
  email: string;
  volume_usd: string;
  executed_at: string;
}

/**
 * Inserts the rows of the `input` CTE (external_id, user_id, volume_usd, executed_at) into
 * `trades`, skipping ids already known, and adds exactly the inserted rows to each user's
 * running volume, all in one statement.
 */
function recordTrades(input: SQL): SQL {
  return sql`
  with input as (${input}), ins as (
    insert into trades (external_id, user_id, volume_usd, executed_at)
    select external_id, user_id, volume_usd, executed_at from input
    on conflict (external_id) do nothing
    returning user_id, volume_usd, executed_at
  ), agg as (
    insert into user_volumes (user_id, total_volume_usd, trade_count, last_trade_at, updated_at)
    select user_id, sum(volume_usd), count(*), max(executed_at), now() from ins
    group by user_id order by user_id
    on conflict (user_id) do update set
      total_volume_usd = user_volumes.total_volume_usd + excluded.total_volume_usd,
      trade_count = user_volumes.trade_count + excluded.trade_count,
      last_trade_at = greatest(user_volumes.last_trade_at, excluded.last_trade_at),
      updated_at = now()
    returning user_id
  )
  select (select count(*) from ins)::int as inserted, (select array_agg(user_id::text) from agg) as user_ids`;
}

async function runRecord(handle: Handle, input: SQL) {
  const [result] = await queryRows<{ inserted: number; user_ids: string[] | null }>(
    handle,
    recordTrades(input),
  );
  return { inserted: Number(result?.inserted ?? 0), userIds: result?.user_ids ?? [] };
}

/**
 * Records trades and each user's running volume: trades whose id is already known are
 * skipped (so a resent batch counts nothing twice). A trade keyed by an email that only an
 * unverified account uses waits in `pending_trades` until an account proves that address.
 */
export function createTradeIngestion(deps: {
  db: Db;
  onVolumeChanged?: (userIds: string[]) => Promise<void>;
}) {
  async function ingest(trades: TradeInput[]): Promise<IngestTradesResponse & { userIds: string[] }> {
    // Resolving emails and holding trades share a transaction whose row locks order it
    // against a verification of the same address: a held trade is never missed by it.
    const { resolved, held, rejected } = await deps.db.transaction(async (tx) => {
      const r = await resolveUsers(tx, trades);
      return { ...r, held: await holdTrades(tx, r.held) };
    });
    if (resolved.length === 0)
      return { inserted: 0, duplicates: 0, pending: held.inserted, rejected, userIds: [] };

    // One JSON parameter rather than thousands of bind values; both drivers handle it alike.
    const { inserted, userIds } = await runRecord(
      deps.db,
      sql`select * from jsonb_to_recordset(${JSON.stringify(resolved)}::jsonb)
          as t(external_id text, user_id uuid, volume_usd numeric, executed_at timestamptz)`,
    );
    if (userIds.length > 0) await deps.onVolumeChanged?.(userIds);
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
  async function attachPending(tx: Tx, userId: string, email: string): Promise<number> {
    const { inserted } = await runRecord(
      tx,
      sql`delete from pending_trades where email = ${email}
          returning external_id, ${userId}::uuid as user_id, volume_usd, executed_at`,
    );
    return inserted;
  }

  return {
    ingest,
    attachPending,
    volumeChanged: async (userIds: string[]) => deps.onVolumeChanged?.(userIds),
  };
}

export type TradeIngestion = ReturnType<typeof createTradeIngestion>;

/** Holds trades for unverified addresses; an id already recorded or held counts as a duplicate. */
async function holdTrades(tx: Handle, held: HeldTrade[]) {
  if (held.length === 0) return { inserted: 0, duplicates: 0 };
  const rows = await queryRows<{ external_id: string }>(
    tx,
    sql`insert into pending_trades (external_id, email, volume_usd, executed_at)
        select external_id, email, volume_usd, executed_at
        from jsonb_to_recordset(${JSON.stringify(held)}::jsonb)
          as t(external_id text, email text, volume_usd numeric, executed_at timestamptz)
        where not exists (select 1 from trades where trades.external_id = t.external_id)
        on conflict (external_id) do nothing
        returning external_id`,
  );
  return { inserted: rows.length, duplicates: held.length - rows.length };
}

async function resolveUsers(tx: Handle, trades: TradeInput[]) {
  const refs = [...new Set(trades.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const emails = [...new Set(trades.flatMap((t) => (t.email ? [t.email] : [])))];
  const uuids = refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
  const rows = await queryRows<{ id: string; external_id: string | null }>(
    tx,
    sql`select id::text, external_id from users
        where id::text in (select jsonb_array_elements_text(${JSON.stringify(uuids)}::jsonb))
           or external_id in (select jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb))`,
  );
  // Every account using one of the emails, locked (FOR SHARE) so that a verification running
  // now either finishes first (and we see it verified) or waits for this transaction.
  const byEmailRows = emails.length
    ? await queryRows<{ id: string; email: string; verified: boolean }>(
        tx,
        sql`select id::text, email, email_verified_at is not null as verified from users
            where email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
            order by id for share`,
      )
    : [];
  const byRef = new Map<string, string>();
  // Insignia's own id wins over a platform id that happens to look the same (a host token's
  // `sub` could name another account's uuid): external ids first, then ids overwrite.
  for (const r of rows) if (r.external_id) byRef.set(r.external_id, r.id);
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
  trades.forEach((t, index) => {
    const userId = t.userId
      ? (byRef.get(t.userId) ?? (UUID.test(t.userId) ? byRef.get(t.userId.toLowerCase()) : undefined))
      : verifiedByEmail.get(t.email!);
    if (userId) {
      resolved.push({
        external_id: t.id,
        user_id: userId,
        volume_usd: t.volumeUsd,
        executed_at: t.executedAt,
      });
    } else if (!t.userId && unverifiedEmails.has(t.email!)) {
      held.push({ external_id: t.id, email: t.email!, volume_usd: t.volumeUsd, executed_at: t.executedAt });
    } else {
      rejected.push({ index, id: t.id, code: 'USER__NOT_FOUND', message: `No user ${t.userId ?? t.email}.` });
    }
  });
  return { resolved, held, rejected };
}
