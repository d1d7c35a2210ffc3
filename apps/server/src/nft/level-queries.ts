import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Level } from '@insignia/contract';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { nftLevelBadges, nftLevels } from './nft-schema.ts';
import { formatUsd, parseUsd } from './usd.ts';

/** Badge issuance states in which the user holds the badge (in a wallet or the vault). */
export const heldBadgeStatuses = ['issued', 'in_vault', 'claim_requested', 'claimed'] as const;

export async function listLevels(db: Db): Promise<Level[]> {
  const [rows, required] = await Promise.all([
    db.select().from(nftLevels).orderBy(asc(nftLevels.level)),
    db
      .select({ level: nftLevelBadges.level, id: badges.id, name: badges.name })
      .from(nftLevelBadges)
      .innerJoin(badges, eq(badges.id, nftLevelBadges.badgeId)),
  ]);
  return rows.map((l) => ({
    level: l.level,
    name: l.name,
    minVolumeUsd: formatUsd(parseUsd(l.minVolumeUsd)),
    benefits: l.benefits,
    imageUri: l.imageUri,
    requiredBadges: required.filter((r) => r.level === l.level).map(({ id, name }) => ({ id, name })),
  }));
}

export async function listHeldBadgeIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ badgeId: badgeIssuances.badgeId })
    .from(badgeIssuances)
    .where(and(eq(badgeIssuances.userId, userId), inArray(badgeIssuances.status, [...heldBadgeStatuses])));
  return new Set(rows.map((r) => r.badgeId));
}
