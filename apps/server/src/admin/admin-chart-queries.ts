import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { queryRows } from '../db/query-rows.ts';

/** The period's first and last UTC day (`YYYY-MM-DD`), today being the last. */
export async function findChartPeriod(db: Db, days: number): Promise<{ from: string; to: string }> {
  const rows = await queryRows<{ from: string; to: string }>(
    db,
    sql`select to_char((now() at time zone 'UTC')::date - ${days - 1}::int, 'YYYY-MM-DD') as "from",
               to_char((now() at time zone 'UTC')::date, 'YYYY-MM-DD') as "to"`,
  );
  return expectRow(rows, 'chart period');
}

/** A UTC day of a timestamptz column, as the series groups it. */
const utcDay = (column: string) => sql.raw(`(${column} at time zone 'UTC')::date`);

export type DailyRow = {
  day: string;
  volume_usd: string;
  trades: number;
  unlocks: number;
  upgrades: number;
  issued_on_chain: number;
  issued_database_only: number;
  claims: number;
  claim_signatures: number;
  badge_mints: number;
  badge_mint_text_bytes: number;
  issuance_signatures: number;
  issuance_token_accounts: number;
};

/**
 * One row per UTC day from `from` to `to`, zeros where nothing happened: volume, unlocks and
 * upgrades completed, issuances landed, claims completed, and the authority-paid work of the day.
 */
export async function findDailyActivity(db: Db, from: string, to: string): Promise<DailyRow[]> {
  const start = sql`(${from}::date::timestamp at time zone 'UTC')`;
  const rows = await queryRows<DailyRow>(
    db,
    sql`
    with days as (
      select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') d
    ),
    vol as (
      select ${utcDay('executed_at')} as day, sum(volume_usd) as v, count(*) as n
      from trades where executed_at >= ${start} group by 1
    ),
    req as (
      select ${utcDay('completed_at')} as day,
        count(*) filter (where kind = 'unlock') as unlocks,
        count(*) filter (where kind = 'upgrade') as upgrades
      from nft_requests where status = 'completed' and completed_at >= ${start} group by 1
    ),
    iss as (
      select ${utcDay('issued_at')} as day,
        count(*) filter (where destination <> 'none') as on_chain,
        count(*) filter (where destination = 'none') as db_only,
        count(*) filter (where destination = 'wallet') as wallet_accounts
      from badge_issuances
      where issued_at >= ${start} and status in ('issued', 'in_vault', 'claim_requested', 'claimed')
      group by 1
    ),
    -- The vault's token account for a badge is created by that badge's first vault issuance.
    vault_accounts as (
      select ${utcDay('first_at')} as day, count(*) as n
      from (
        select min(issued_at) as first_at from badge_issuances
        where destination = 'vault' and issued_at is not null
          and status in ('in_vault', 'claim_requested', 'claimed')
        group by badge_id
      ) f
      where first_at >= ${start} group by 1
    ),
    itx as (
      select ${utcDay('confirmed_at')} as day,
        sum(case when signing_mode = 'admin_wallet' then 2 else 1 end) as sigs
      from badge_issuance_transactions where status = 'confirmed' and confirmed_at >= ${start} group by 1
    ),
    clm as (
      select ${utcDay('completed_at')} as day, count(*) as n,
        sum(case when signing_mode = 'admin_wallet' then 3 else 2 end) as sigs
      from claim_intents where status = 'completed' and completed_at >= ${start} group by 1
    ),
    bm as (
      select ${utcDay('created_at')} as day, count(*) as n,
        sum(least(octet_length(name), 32) + octet_length(symbol) + coalesce(octet_length(metadata_uri), 0)) as bytes
      from badges
      where badge_type = 'blockchain' and mint_signature is not null and status in ('active', 'archived')
        and created_at >= ${start}
      group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      coalesce(vol.v, 0)::text as volume_usd,
      coalesce(vol.n, 0)::int as trades,
      coalesce(req.unlocks, 0)::int as unlocks,
      coalesce(req.upgrades, 0)::int as upgrades,
      coalesce(iss.on_chain, 0)::int as issued_on_chain,
      coalesce(iss.db_only, 0)::int as issued_database_only,
      coalesce(clm.n, 0)::int as claims,
      coalesce(clm.sigs, 0)::int as claim_signatures,
      coalesce(bm.n, 0)::int as badge_mints,
      coalesce(bm.bytes, 0)::int as badge_mint_text_bytes,
      coalesce(itx.sigs, 0)::int as issuance_signatures,
      (coalesce(iss.wallet_accounts, 0) + coalesce(vault_accounts.n, 0))::int as issuance_token_accounts
    from days
      left join vol on vol.day = days.day
      left join req on req.day = days.day
      left join iss on iss.day = days.day
      left join vault_accounts on vault_accounts.day = days.day
      left join itx on itx.day = days.day
      left join clm on clm.day = days.day
      left join bm on bm.day = days.day
    order by days.day`,
  );
  return rows;
}

export type LevelMintRow = { day: string; level: number; name: string; count: number; uri_bytes: number };

/** Level NFTs the server minted and paid for (the second step of two-step upgrades), per day. */
export async function findServerLevelMints(db: Db, from: string): Promise<LevelMintRow[]> {
  return queryRows<LevelMintRow>(
    db,
    sql`
    select to_char(${utcDay('r.completed_at')}, 'YYYY-MM-DD') as day, r.to_level::int as level, l.name,
      count(*)::int as count, coalesce(sum(octet_length(n.metadata_uri)), 0)::int as uri_bytes
    from nft_requests r
      join nft_levels l on l.level = r.to_level
      left join user_nfts n on n.request_id = r.id
    where r.kind = 'upgrade' and r.mode = 'two_step' and r.status = 'completed'
      and r.completed_at >= (${from}::date::timestamp at time zone 'UTC')
    group by 1, 2, 3`,
  );
}

export type LevelPeopleRow = {
  level: number;
  name: string;
  min_volume_usd: string;
  holders: number;
  close: number;
  ready: number;
};

/**
 * Traders (admins excluded) by the level NFT they hold, and, per level, those for whom it is the
 * next one: close (volume ≥ `closeShare` of its minimum, below it) or ready (minimum reached).
 * Level 0 stands for "no level NFT yet".
 */
export async function findPeoplePerLevel(db: Db, closeShare: number): Promise<LevelPeopleRow[]> {
  return queryRows<LevelPeopleRow>(
    db,
    sql`
    with people as (
      select u.id, coalesce(n.level, 0) as held, coalesce(v.total_volume_usd, 0) as volume
      from users u
        left join user_nfts n on n.user_id = u.id and n.status = 'active'
        left join user_volumes v on v.user_id = u.id
      where u.role <> 'admin'
    ),
    next as (
      select p.*, (select min(l.level) from nft_levels l where l.level > p.held) as next_level from people p
    ),
    held_counts as (select held as level, count(*) as n from people group by 1),
    next_counts as (
      select x.next_level as level,
        count(*) filter (where x.volume < l.min_volume_usd
          and x.volume >= l.min_volume_usd * ${closeShare}::numeric) as close,
        count(*) filter (where x.volume >= l.min_volume_usd) as ready
      from next x join nft_levels l on l.level = x.next_level
      group by 1
    ),
    levels as (
      select 0 as level, 'No level yet' as name, 0::numeric as min_volume_usd
      union all select level, name, min_volume_usd from nft_levels
    )
    select l.level::int as level, l.name, l.min_volume_usd::text as min_volume_usd,
      coalesce(h.n, 0)::int as holders, coalesce(c.close, 0)::int as close, coalesce(c.ready, 0)::int as ready
    from levels l
      left join held_counts h on h.level = l.level
      left join next_counts c on c.level = l.level
    order by l.level`,
  );
}
