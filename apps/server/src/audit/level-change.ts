import type { Level } from '@insignia/contract';

type LevelValues = {
  name: string;
  minVolumeUsd: string;
  benefits: string[];
  imageUri: string | null;
  requiredBadgeIds: readonly string[];
};

/** The level as an audit entry keeps it: the fields an admin edits. */
function levelValues(level: Level): LevelValues {
  return {
    name: level.name,
    minVolumeUsd: level.minVolumeUsd,
    benefits: level.benefits,
    imageUri: level.imageUri,
    requiredBadgeIds: level.requiredBadges.map((b) => b.id),
  };
}

/** `{ before, after }` of a level edit, for the audit entry's details and its sentence. */
export function levelChange(before: Level | undefined, after?: LevelValues) {
  return {
    ...(before ? { before: levelValues(before) } : {}),
    ...(after ? { after: { ...after, requiredBadgeIds: [...new Set(after.requiredBadgeIds)].sort() } } : {}),
  };
}
