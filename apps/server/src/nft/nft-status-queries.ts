import type { Address } from '@solana/kit';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { heldBadgeStatuses } from './level-queries.ts';
import { type nftRequestStatuses, terminalNftRequestStatuses } from './nft-statuses.ts';

type NftRequestStatus = (typeof nftRequestStatuses)[number];

interface StatusRow {
  wallet_address: Address | null;
  total_volume_usd: string | null;
  nft_level: number | null;
  nft_mint: Address | null;
  nft_minted_at: Date | string | null;
  request_id: string | null;
  request_kind: 'unlock' | 'upgrade' | null;
  request_to_level: number | null;
  request_status: NftRequestStatus | null;
  held_badges: { id: string; validUntil: string | null }[] | null;
}

/** A badge the user holds, and when it expires (null: never); expired ones no longer count. */
export type HeldBadge = Readonly<{ id: string; validUntil: string | null }>;

/**
 * Constant statuses written into the text as literals, not parameters: the statement is
 * prepared, and a generic plan can use a partial index only when it sees the values.
 */
const list = (values: readonly string[]) =>
  sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', '));

/** The statement below, its user as a placeholder: prepared once, run on every status miss. */
const statusRows = () =>
  sql`select u.wallet_address, v.total_volume_usd,
        n.level as nft_level, n.mint_address as nft_mint, n.minted_at as nft_minted_at,
        r.id as request_id, r.kind as request_kind, r.to_level as request_to_level,
        r.status as request_status,
        (select json_agg(json_build_object('id', b.badge_id, 'validUntil', b.valid_until))
           from badge_issuances b
          where b.user_id = u.id and b.status in (${list(heldBadgeStatuses)})
            and b.revoked_at is null) as held_badges
      from users u
      left join user_volumes v on v.user_id = u.id
      left join user_nfts n on n.user_id = u.id and n.status = 'active'
      left join nft_requests r on r.user_id = u.id
        and r.status not in (${list(terminalNftRequestStatuses)})
      where u.id = ${sql.placeholder('userId')}::uuid`;

/**
 * What one user's NFT status is computed from: their wallet, traded volume, held badges,
 * active NFT and open request, in one statement (a status is read on every unlock and every
 * cache miss). The partial unique indexes allow one active NFT and one open request, so there
 * is at most one row. `user` is undefined for an unknown user.
 */
export async function loadNftStatusRows(db: Db, userId: string) {
  const [row] = await preparedSql<StatusRow>(db, 'nft_status_rows', statusRows).rows({ userId });
  if (!row)
    return {
      user: undefined,
      volumeUsd: undefined,
      nft: undefined,
      openRequest: undefined,
      heldBadges: [] as HeldBadge[],
    };
  return {
    user: { walletAddress: row.wallet_address },
    volumeUsd: row.total_volume_usd ?? undefined,
    nft:
      row.nft_level !== null && row.nft_mint !== null && row.nft_minted_at !== null
        ? { level: row.nft_level, mintAddress: row.nft_mint, mintedAt: new Date(row.nft_minted_at) }
        : undefined,
    openRequest:
      row.request_id !== null &&
      row.request_kind !== null &&
      row.request_to_level !== null &&
      row.request_status
        ? {
            id: row.request_id,
            kind: row.request_kind,
            toLevel: row.request_to_level,
            status: row.request_status,
          }
        : undefined,
    // Revoked badges are left out above; expired ones are left out where the status is computed
    // (a cached status must stop counting a badge the moment it expires).
    heldBadges: (row.held_badges ?? []).map((b): HeldBadge => ({
      id: b.id,
      validUntil: b.validUntil && new Date(b.validUntil).toISOString(),
    })),
  };
}
