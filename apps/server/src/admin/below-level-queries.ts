import { sql } from 'drizzle-orm';
import type { BelowLevelList, BelowLevelQuery } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';
import { formatUsd, parseUsd } from '../nft/usd.ts';

/** Active level NFTs (`n`) whose holder's (`u`) volume (`v`) is below their level's (`l`) threshold. */
const heldBelowLevel = sql`user_nfts n
  join nft_levels l on l.level = n.level
  join users u on u.id = n.user_id
  left join user_volumes v on v.user_id = n.user_id
  where n.status = 'active' and coalesce(v.total_volume_usd, 0) < l.min_volume_usd`;

/** How many people hold a level NFT above what their volume reaches now (the dashboard's count). */
export async function countHeldBelowLevel(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${heldBelowLevel}`);
  return row?.n ?? 0;
}

/**
 * People holding an active level NFT whose running volume is now below that level's threshold
 * (reversed trades, or a threshold raised since). Their NFT is kept; this is for support to see
 * them. Largest shortfall first.
 */
export async function listUsersBelowLevel(db: Db, query: BelowLevelQuery): Promise<BelowLevelList> {
  const rows = await queryRows<{
    user_id: string;
    email: string;
    level: number;
    level_name: string;
    mint_address: string;
    min_volume_usd: string;
    volume_usd: string;
    shortfall_usd: string;
    total: number;
  }>(
    db,
    sql`select u.id::text as user_id, u.email, n.level, l.name as level_name, n.mint_address,
          l.min_volume_usd::text, coalesce(v.total_volume_usd, 0)::text as volume_usd,
          (l.min_volume_usd - coalesce(v.total_volume_usd, 0))::text as shortfall_usd,
          (count(*) over ())::int as total
        from ${heldBelowLevel}
        order by l.min_volume_usd - coalesce(v.total_volume_usd, 0) desc, u.id
        limit ${query.limit} offset ${query.offset}`,
  );
  const usd = (v: string) => formatUsd(parseUsd(v));
  // Past the end of the list (or an empty one), the window count is missing: count on its own.
  const total = rows[0]?.total ?? (await countHeldBelowLevel(db));
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      email: r.email,
      level: r.level,
      levelName: r.level_name,
      mintAddress: r.mint_address,
      levelMinVolumeUsd: usd(r.min_volume_usd),
      volumeUsd: usd(r.volume_usd),
      shortfallUsd: usd(r.shortfall_usd),
    })),
    total,
  };
}
