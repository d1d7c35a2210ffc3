import { sql } from 'drizzle-orm';
import type { IngestTradesResponse, TradeInput } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ResolvedTrade {
  external_id: string;
  user_id: string;
  volume_usd: string;
  executed_at: string;
}

/**
 * Records trades and each user's running volume in one statement: trades whose id is already
 * known are skipped (so a resent batch counts nothing twice), and the per-user aggregate is
 * increased by exactly the rows that went in.
 */
export function createTradeIngestion(deps: {
  db: Db;
  onVolumeChanged?: (userIds: string[]) => Promise<void>;
}) {
  async function ingest(trades: TradeInput[]): Promise<IngestTradesResponse & { userIds: string[] }> {
    const { resolved, rejected } = await resolveUsers(deps.db, trades);
    if (resolved.length === 0) return { inserted: 0, duplicates: 0, rejected, userIds: [] };

    // One JSON parameter rather than thousands of bind values; both drivers handle it alike.
    const [result] = await queryRows<{ inserted: number; user_ids: string[] | null }>(
      deps.db,
      sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(resolved)}::jsonb)
          as t(external_id text, user_id uuid, volume_usd numeric, executed_at timestamptz)
      ), ins as (
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
      select (select count(*) from ins)::int as inserted, (select array_agg(user_id::text) from agg) as user_ids`,
    );
    const inserted = Number(result?.inserted ?? 0);
    const userIds = result?.user_ids ?? [];
    if (userIds.length > 0) await deps.onVolumeChanged?.(userIds);
    return { inserted, duplicates: resolved.length - inserted, rejected, userIds };
  }

  return { ingest };
}

export type TradeIngestion = ReturnType<typeof createTradeIngestion>;

async function resolveUsers(db: Db, trades: TradeInput[]) {
  const refs = [...new Set(trades.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const emails = [...new Set(trades.flatMap((t) => (t.email ? [t.email] : [])))];
  const uuids = refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
  const rows = await queryRows<{ id: string; email: string; external_id: string | null }>(
    db,
    sql`select id::text, email, external_id from users
        where id::text in (select jsonb_array_elements_text(${JSON.stringify(uuids)}::jsonb))
           or external_id in (select jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb))
           or email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`,
  );
  const byRef = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const r of rows) {
    byRef.set(r.id, r.id);
    if (r.external_id) byRef.set(r.external_id, r.id);
    byEmail.set(r.email, r.id);
  }
  const resolved: ResolvedTrade[] = [];
  const rejected: IngestTradesResponse['rejected'] = [];
  trades.forEach((t, index) => {
    const userId = t.userId
      ? (byRef.get(t.userId) ?? (UUID.test(t.userId) ? byRef.get(t.userId.toLowerCase()) : undefined))
      : byEmail.get(t.email!);
    if (!userId) {
      rejected.push({ index, id: t.id, code: 'USER__NOT_FOUND', message: `No user ${t.userId ?? t.email}.` });
      return;
    }
    resolved.push({ external_id: t.id, user_id: userId, volume_usd: t.volumeUsd, executed_at: t.executedAt });
  });
  return { resolved, rejected };
}
