import { asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { Level } from '@insignia/contract';
import { badges } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { defaultLevelArtworkUri } from './level-artwork/level-artwork.ts';
import { nftLevelBadges, nftLevels, nftRequests, userNfts } from './nft-schema.ts';
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
  return Promise.all(
    rows.map(async (l) => ({
      level: l.level,
      name: l.name,
      minVolumeUsd: formatUsd(parseUsd(l.minVolumeUsd)),
      benefits: l.benefits,
      imageUri: l.imageUri,
      artworkUri: l.imageUri ?? (await defaultLevelArtworkUri(l.level, l.name)),
      requiredBadges: required.filter((r) => r.level === l.level).map(({ id, name }) => ({ id, name })),
    })),
  );
}

/** How many of these badge ids exist. */
export async function countExistingBadges(db: Db, ids: readonly string[]): Promise<number> {
  const [found] = await db
    .select({ n: count() })
    .from(badges)
    .where(inArray(badges.id, [...ids]));
  return found?.n ?? 0;
}

/** Writes a level and its required badges in one transaction (insert when `creating`). */
export async function writeLevel(
  db: Db,
  level: number,
  values: { name: string; minVolumeUsd: string; benefits: string[]; imageUri: string | null },
  requiredBadgeIds: readonly string[],
  creating: boolean,
  /** Written in the same transaction, e.g. the audit entry of the edit. */
  alongside?: (tx: Pick<Db, 'insert'>) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (creating) await tx.insert(nftLevels).values({ level, ...values });
    else await tx.update(nftLevels).set(values).where(eq(nftLevels.level, level));
    await tx.delete(nftLevelBadges).where(eq(nftLevelBadges.level, level));
    if (requiredBadgeIds.length > 0) {
      await tx
        .insert(nftLevelBadges)
        .values([...new Set(requiredBadgeIds)].map((badgeId) => ({ level, badgeId })));
    }
    await alongside?.(tx);
  });
}

/** The highest level number, or null when there are none. */
export async function findTopLevel(db: Db): Promise<number | null> {
  const [top] = await db.select({ level: max(nftLevels.level) }).from(nftLevels);
  return top?.level ?? null;
}

/** NFTs held at a level plus requests towards it. */
export async function countLevelUses(db: Db, level: number): Promise<number> {
  const [used] = await db
    .select({
      n: sql<number>`((select count(*) from ${userNfts} where ${userNfts.level} = ${level}) + (select count(*) from ${nftRequests} where ${nftRequests.toLevel} = ${level}))::int`,
    })
    .from(nftLevels)
    .where(eq(nftLevels.level, level));
  return used?.n ?? 0;
}

export async function deleteLevel(db: Db, level: number): Promise<void> {
  await db.delete(nftLevels).where(eq(nftLevels.level, level));
}
