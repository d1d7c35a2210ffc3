import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { queryRows } from '../db/query-rows.ts';

type Handle = Pick<Db, 'execute'>;

/** A trade whose user is known, as written to `trades`. */
export interface ResolvedTrade {
  external_id: string;
  user_id: string;
  volume_usd: string;
  executed_at: string;
}

/** A trade waiting in `pending_trades` for its email to be verified. */
export interface HeldTrade {
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
    -- A trade reversed while it was held (so never recorded) and then sent again stays reversed.
    where not exists (select 1 from trade_reversals r where r.reversed_external_id = input.external_id)
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

interface RecordedRow {
  inserted: number;
  user_ids: string[] | null;
}

const recorded = ([result]: RecordedRow[]) => ({
  inserted: result?.inserted ?? 0,
  userIds: result?.user_ids ?? [],
});

async function runRecord(handle: Handle, input: SQL) {
  return recorded(await queryRows<RecordedRow>(handle, recordTrades(input)));
}

/**
 * Records these trades (one JSON parameter rather than thousands of bind values; both drivers
 * handle it alike). Prepared: planning the statement cost PostgreSQL more than a batch of 20.
 */
export async function recordResolvedTrades(db: Db, resolved: readonly ResolvedTrade[]) {
  const statement = preparedSql<RecordedRow>(db, 'record_resolved_trades', () =>
    recordTrades(
      sql`select * from jsonb_to_recordset(${sql.placeholder('trades')}::jsonb)
          as t(external_id text, user_id uuid, volume_usd numeric, executed_at timestamptz)`,
    ),
  );
  return recorded(await statement.rows({ trades: JSON.stringify(resolved) }));
}

/** Moves the trades waiting for `email` into `trades` as `userId`'s; returns how many were new. */
export async function recordPendingTradesFor(handle: Handle, userId: string, email: string): Promise<number> {
  const { inserted } = await runRecord(
    handle,
    sql`delete from pending_trades where email = ${email}
        returning external_id, ${userId}::uuid as user_id, volume_usd, executed_at`,
  );
  return inserted;
}

/** Holds trades for unverified addresses; an id already recorded or held counts as a duplicate. */
export async function holdTrades(tx: Handle, held: HeldTrade[]) {
  if (held.length === 0) return { inserted: 0, duplicates: 0 };
  const rows = await queryRows<{ external_id: string }>(
    tx,
    sql`insert into pending_trades (external_id, email, volume_usd, executed_at)
        select external_id, email, volume_usd, executed_at
        from jsonb_to_recordset(${JSON.stringify(held)}::jsonb)
          as t(external_id text, email text, volume_usd numeric, executed_at timestamptz)
        where not exists (select 1 from trades where trades.external_id = t.external_id)
          and not exists (select 1 from trade_reversals r where r.reversed_external_id = t.external_id)
        on conflict (external_id) do nothing
        returning external_id`,
  );
  return { inserted: rows.length, duplicates: held.length - rows.length };
}

/**
 * Every account using one of the emails, locked (FOR SHARE) so that a verification running
 * now either finishes first (and we see it verified) or waits for this transaction.
 */
export async function lockUsersByEmail(handle: Handle, emails: readonly string[]) {
  if (emails.length === 0) return [];
  return queryRows<{ id: string; email: string; verified: boolean }>(
    handle,
    sql`select id::text, email, email_verified_at is not null as verified from users
        where email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
        order by id for share`,
  );
}
