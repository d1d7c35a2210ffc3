import type { Level, LevelInput } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import {
  countExistingBadges,
  countLevelUses,
  deleteLevel,
  findTopLevel,
  listLevels,
  writeLevel,
} from './level-queries.ts';
import { parseUsd } from './usd.ts';
import { recordAuditEvent } from '../audit/audit-event-store.ts';
import { levelChange } from '../audit/level-change.ts';

/** Admin edits of the level table; thresholds must keep rising with the level number. */
export function createLevelService(deps: { db: Db; onLevelsChanged: () => Promise<void> }) {
  const { db } = deps;

  async function assertBadgesExist(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    if ((await countExistingBadges(db, ids)) !== new Set(ids).size) throw new AppError('BADGE__NOT_FOUND');
  }

  function assertRising(levels: Array<{ level: number; minVolumeUsd: string }>): void {
    const sorted = [...levels].sort((a, b) => a.level - b.level);
    let below: (typeof sorted)[number] | undefined;
    for (const l of sorted) {
      if (below && parseUsd(l.minVolumeUsd) <= parseUsd(below.minVolumeUsd))
        throw new AppError('NFT__LEVEL_ORDER', { level: l.level });
      below = l;
    }
  }

  async function save(level: number, input: LevelInput, creating: boolean, actorId?: string): Promise<Level> {
    await assertBadgesExist(input.requiredBadgeIds);
    const current = await listLevels(db);
    if (!creating && !current.some((l) => l.level === level)) throw new AppError('NFT__LEVEL_NOT_FOUND');
    assertRising([...current.filter((l) => l.level !== level), { level, minVolumeUsd: input.minVolumeUsd }]);
    const values = {
      name: input.name,
      minVolumeUsd: input.minVolumeUsd,
      benefits: input.benefits,
      imageUri: input.imageUri ?? null,
    };
    const before = current.find((l) => l.level === level);
    await writeLevel(db, level, values, input.requiredBadgeIds, creating, (tx) =>
      recordAuditEvent(tx, {
        action: creating ? 'level.created' : 'level.updated',
        actorId,
        level,
        details: levelChange(before, { ...values, requiredBadgeIds: input.requiredBadgeIds }),
      }),
    );
    await deps.onLevelsChanged();
    const saved = (await listLevels(db)).find((l) => l.level === level);
    if (!saved) throw new AppError('NFT__LEVEL_NOT_FOUND'); // removed meanwhile
    return saved;
  }

  return {
    list: () => listLevels(db),
    update: (level: number, input: LevelInput, actorId?: string) => save(level, input, false, actorId),
    /** Adds the level after the current highest one. */
    async create(input: LevelInput, actorId?: string): Promise<Level> {
      return save(((await findTopLevel(db)) ?? 0) + 1, input, true, actorId);
    },
    /** Removes the highest level, only while nobody holds or requests it. */
    async removeTop(level: number, actorId?: string): Promise<void> {
      if ((await findTopLevel(db)) !== level)
        throw new AppError('NFT__LEVEL_NOT_FOUND', undefined, {
          message: 'Only the highest level can be removed.',
        });
      if ((await countLevelUses(db, level)) > 0) throw new AppError('NFT__LEVEL_IN_USE');
      const before = (await listLevels(db)).find((l) => l.level === level);
      await deleteLevel(db, level);
      await recordAuditEvent(db, { action: 'level.deleted', actorId, level, details: levelChange(before) });
      await deps.onLevelsChanged();
    },
  };
}

export type LevelService = ReturnType<typeof createLevelService>;
