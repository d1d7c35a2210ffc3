import type { AdminDashboardCharts } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { LEVEL_NFT_SYMBOL } from '../nft/level-metadata.ts';
import {
  findChartPeriod,
  findDailyActivity,
  findPeoplePerLevel,
  findServerLevelMints,
} from './admin-chart-queries.ts';
import { estimateAuthoritySpend } from './authority-spend-estimate.ts';

/** From 80 % of the next level's minimum volume, a person counts as close to it. */
export const CLOSE_SHARE = 0.8;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** The on-chain name of a level NFT, as `levelNftName` writes it (its length is what counts). */
const levelNameBytes = (level: number, name: string) => bytes(`Insignia L${level} ${name}`.slice(0, 32));

/**
 * The dashboard's charts: people per level (and close to the next), and one row per UTC day of
 * the last `days` days, each series grouped in SQL, with the authority's estimated spend.
 */
export async function loadAdminCharts(db: Db, days: number): Promise<AdminDashboardCharts> {
  const { from, to } = await findChartPeriod(db, days);
  const [daily, levelMints, levels] = await Promise.all([
    findDailyActivity(db, from, to),
    findServerLevelMints(db, from),
    findPeoplePerLevel(db, CLOSE_SHARE),
  ]);
  const totals = { badgeMints: 0n, issuances: 0n, claims: 0n, levelMints: 0n };
  const series = daily.map((d) => {
    const spend = estimateAuthoritySpend({
      badgeMints: d.badge_mints,
      badgeMintTextBytes: d.badge_mint_text_bytes,
      issuanceSignatures: d.issuance_signatures,
      issuanceTokenAccounts: d.issuance_token_accounts,
      claimTransfers: d.claims,
      claimSignatures: d.claim_signatures,
      levelMints: levelMints
        .filter((m) => m.day === d.day)
        .map((m) => ({
          level: m.level,
          nameBytes: levelNameBytes(m.level, m.name) + bytes(LEVEL_NFT_SYMBOL),
          count: m.count,
          uriBytes: m.uri_bytes,
        })),
    });
    totals.badgeMints += spend.badgeMints;
    totals.issuances += spend.issuances;
    totals.claims += spend.claims;
    totals.levelMints += spend.levelMints;
    return {
      day: d.day,
      volumeUsd: d.volume_usd,
      trades: d.trades,
      unlocks: d.unlocks,
      upgrades: d.upgrades,
      issuedOnChain: d.issued_on_chain,
      issuedDatabaseOnly: d.issued_database_only,
      claims: d.claims,
      authorityLamports: (spend.badgeMints + spend.issuances + spend.claims + spend.levelMints).toString(),
    };
  });
  return {
    days,
    from,
    to,
    closeShare: CLOSE_SHARE,
    levels: levels.map((l) => ({
      level: l.level,
      name: l.name,
      minVolumeUsd: l.min_volume_usd,
      holders: l.holders,
      close: l.close,
      ready: l.ready,
    })),
    daily: series,
    authoritySpend: {
      totalLamports: (totals.badgeMints + totals.issuances + totals.claims + totals.levelMints).toString(),
      badgeMintsLamports: totals.badgeMints.toString(),
      issuancesLamports: totals.issuances.toString(),
      claimsLamports: totals.claims.toString(),
      levelMintsLamports: totals.levelMints.toString(),
    },
  };
}
