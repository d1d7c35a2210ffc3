import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';

type Handle = Pick<Db, 'execute'>;

/** A reversal as the store reads it: the trade it names, and the volume it claims (if any). */
export interface ReversalRef {
  /** Position in the caller's list: the lookup answers by it. */
  idx: number;
  /** The reversal's own id. */
  external_id: string;
  reverses: string;
  volume_usd: string | null;
  /** null: now. */
  reversed_at: string | null;
}

const refs = (list: readonly ReversalRef[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(list)}::jsonb)
        as i(idx int, external_id text, reverses text, volume_usd numeric, reversed_at timestamptz)`;

/**
 * Withdraws the held trades (`pending_trades`, email not verified yet) these reversals name,
 * when the volume matches, and records each reversal (by the first reversal naming it) so
 * that a resent reversal is a duplicate and a resent trade is not held again; returns the
 * withdrawn trade ids. Rows are locked in id order first, so two batches never deadlock, and a
 * verification moving them into `trades` right now either finishes first (then they are
 * reversed as recorded trades) or finds them gone.
 */
export async function withdrawHeldTrades(tx: Handle, list: readonly ReversalRef[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const rows = await queryRows<{ external_id: string }>(
    tx,
    sql`with del as (
          delete from pending_trades where external_id in (
            select p.external_id from pending_trades p
            where exists (select 1 from ${refs(list)}
                          where i.reverses = p.external_id and (i.volume_usd is null or i.volume_usd = p.volume_usd)
                            -- a reversal id already used (for this trade or another) withdraws nothing
                            and not exists (select 1 from trade_reversals r where r.external_id = i.external_id))
            order by p.external_id for update)
          returning external_id, volume_usd
        ), first as (
          select distinct on (i.reverses) i.external_id, i.reverses, i.reversed_at
          from ${refs(list)} order by i.reverses, i.idx
        )
        insert into trade_reversals (external_id, reversed_external_id, volume_usd, reversed_at)
        select f.external_id, del.external_id, del.volume_usd, coalesce(f.reversed_at, now())
        from del join first f on f.reverses = del.external_id
        on conflict do nothing
        returning reversed_external_id as external_id`,
  );
  return new Set(rows.map((r) => r.external_id));
}

/** What each reversal names: a recorded trade, a held one, or nothing; and whether volumes agree. */
export async function lookUpReversedTrades(tx: Handle, list: readonly ReversalRef[]) {
  if (list.length === 0) return [];
  return queryRows<{
    idx: number;
    trade_id: string | null;
    trade_volume_matches: boolean | null;
    held_volume_matches: boolean | null;
    already_reversed: boolean;
    reused_id: boolean;
  }>(
    tx,
    sql`select i.idx, t.id::text as trade_id,
          exists (select 1 from trade_reversals r where r.reversed_external_id = i.reverses) as already_reversed,
          exists (select 1 from trade_reversals r
                  where r.external_id = i.external_id and r.reversed_external_id <> i.reverses) as reused_id,
          case when t.id is null then null else i.volume_usd is null or i.volume_usd = t.volume_usd end
            as trade_volume_matches,
          case when p.external_id is null then null else i.volume_usd is null or i.volume_usd = p.volume_usd end
            as held_volume_matches
        from ${refs(list)}
        left join trades t on t.external_id = i.reverses
        left join pending_trades p on p.external_id = i.reverses`,
  );
}

/** A reversal of a recorded trade, ready to write. */
export interface TradeReversalRow {
  external_id: string;
  trade_id: string;
  /** null: now. */
  reversed_at: string | null;
}

/**
 * Records reversals of recorded trades and takes exactly the newly recorded ones out of their
 * users' running volumes, in one statement. The volume and user come from the trade row, never
 * from the caller. A reversal id already known, or a trade already reversed (`trade_id` is
 * unique), inserts nothing and so subtracts nothing: a concurrent duplicate waits on the
 * unique index and then does nothing. Inserts go in trade order and volume rows in user order,
 * like trade inserts, so concurrent batches never deadlock.
 */
export async function recordTradeReversals(handle: Handle, rows: readonly TradeReversalRow[]) {
  if (rows.length === 0) return { inserted: 0, userIds: [] as string[] };
  const [result] = await queryRows<{ inserted: number; user_ids: string[] | null }>(
    handle,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as i(external_id text, trade_id uuid, reversed_at timestamptz)
    ), ins as (
      insert into trade_reversals (external_id, reversed_external_id, trade_id, user_id, volume_usd, reversed_at)
      select i.external_id, t.external_id, t.id, t.user_id, t.volume_usd, coalesce(i.reversed_at, now())
      from input i join trades t on t.id = i.trade_id
      order by t.id
      on conflict do nothing
      returning user_id, volume_usd
    ), agg as (
      insert into user_volumes (user_id, total_volume_usd, trade_count, updated_at)
      select user_id, -sum(volume_usd), -count(*), now() from ins
      group by user_id order by user_id
      on conflict (user_id) do update set
        total_volume_usd = user_volumes.total_volume_usd + excluded.total_volume_usd,
        trade_count = user_volumes.trade_count + excluded.trade_count,
        updated_at = now()
      returning user_id
    )
    select (select count(*) from ins)::int as inserted, (select array_agg(user_id::text) from agg) as user_ids`,
  );
  return { inserted: result?.inserted ?? 0, userIds: result?.user_ids ?? [] };
}
