import { count, eq, inArray, max, sql } from 'drizzle-orm';
import type { Level, LevelInput } from '@insignia/contract';
import { badges } from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { listLevels } from './level-queries.ts';
import { nftLevelBadges, nftLevels, nftRequests, userNfts } from './nft-schema.ts';
import { parseUsd } from './usd.ts';

/** Admin edits of the level table; thresholds must keep rising with the level number. */
export function createLevelService(deps: { db: Db; onLevelsChanged: () => Promise<void> }) {
  const { db } = deps;

  async function assertBadgesExist(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const [found] = await db.select({ n: count() }).from(badges).where(inArray(badges.id, ids));
    if ((found?.n ?? 0) !== new Set(ids).size) throw new AppError('BADGE__NOT_FOUND');
  }

  function assertRising(levels: Array<{ level: number; minVolumeUsd: string }>): void {
    const sorted = [...levels].sort((a, b) => a.level - b.level);
    for (let i = 1; i < sorted.length; i++) {
      if (parseUsd(sorted[i]!.minVolumeUsd) <= parseUsd(sorted[i - 1]!.minVolumeUsd)) {
        throw new AppError('NFT__LEVEL_ORDER', { level: sorted[i]!.level });
      }
    }
  }

  async function save(level: number, input: LevelInput, creating: boolean): Promise<Level> {
    await assertBadgesExist(input.requiredBadgeIds);
    const current = await listLevels(db);
    if (!creating && !current.some((l) => l.level === level)) throw new AppError('NFT__LEVEL_NOT_FOUND');
    assertRising([...current.filter((l) => l.level !== level), { level, minVolumeUsd: input.minVolumeUsd }]);
    await db.transaction(async (tx) => {
      const values = {
        name: input.name,
        minVolumeUsd: input.minVolumeUsd,
        benefits: input.benefits,
        imageUri: input.imageUri ?? null,
      };
      if (creating) await tx.insert(nftLevels).values({ level, ...values });
      else await tx.update(nftLevels).set(values).where(eq(nftLevels.level, level));
      await tx.delete(nftLevelBadges).where(eq(nftLevelBadges.level, level));
      if (input.requiredBadgeIds.length > 0) {
        await tx
          .insert(nftLevelBadges)
          .values([...new Set(input.requiredBadgeIds)].map((badgeId) => ({ level, badgeId })));
      }
    });
    await deps.onLevelsChanged();
    return (await listLevels(db)).find((l) => l.level === level)!;
  }

  return {
    list: () => listLevels(db),
    update: (level: number, input: LevelInput) => save(level, input, false),
    /** Adds the level after the current highest one. */
    async create(input: LevelInput): Promise<Level> {
      const [top] = await db.select({ level: max(nftLevels.level) }).from(nftLevels);
      return save((top?.level ?? 0) + 1, input, true);
    },
    /** Removes the highest level, only while nobody holds or requests it. */
    async removeTop(level: number): Promise<void> {
      const [top] = await db.select({ level: max(nftLevels.level) }).from(nftLevels);
      if (top?.level !== level)
        throw new AppError('NFT__LEVEL_NOT_FOUND', undefined, {
          message: 'Only the highest level can be removed.',
        });
      const [used] = await db
        .select({
          n: sql<number>`(select count(*) from ${userNfts} where ${userNfts.level} = ${level}) + (select count(*) from ${nftRequests} where ${nftRequests.toLevel} = ${level})`,
        })
        .from(nftLevels)
        .where(eq(nftLevels.level, level));
      if (Number(used?.n ?? 0) > 0) throw new AppError('NFT__LEVEL_IN_USE');
      await db.delete(nftLevels).where(eq(nftLevels.level, level));
      await deps.onLevelsChanged();
    },
  };
}

export type LevelService = ReturnType<typeof createLevelService>;
