import type { Level, NftBlockReason, NftStatus } from '@insignia/contract';
import { formatUsd, parseUsd, ratio } from './usd.ts';

export interface NftStatusInput {
  volumeUsd: string;
  walletAddress: string | null;
  /** Levels in ascending order. */
  levels: Level[];
  heldBadgeIds: ReadonlySet<string>;
  currentNft: { level: number; mintAddress: string; mintedAt: Date } | null;
  openRequest: NftStatus['openRequest'];
}

/** Whether a user meets a level's volume and badge requirements. */
export function qualifiesFor(level: Level, volume: bigint, heldBadgeIds: ReadonlySet<string>): boolean {
  return volume >= parseUsd(level.minVolumeUsd) && level.requiredBadges.every((b) => heldBadgeIds.has(b.id));
}

/**
 * The highest level the user qualifies for that is above `aboveLevel`. Levels are cumulative:
 * a user with the volume for level 3 unlocks (or upgrades straight to) level 3, not level 1.
 */
export function targetLevel(
  input: Pick<NftStatusInput, 'levels' | 'heldBadgeIds' | 'volumeUsd'>,
  aboveLevel: number,
): Level | undefined {
  const volume = parseUsd(input.volumeUsd);
  return [...input.levels]
    .reverse()
    .find((l) => l.level > aboveLevel && qualifiesFor(l, volume, input.heldBadgeIds));
}

/** The whole Personal Center status, computed without I/O from what the database holds. */
export function computeNftStatus(input: NftStatusInput): NftStatus {
  const volume = parseUsd(input.volumeUsd);
  const current = input.currentNft;
  const currentLevel = current ? input.levels.find((l) => l.level === current.level) : undefined;
  const above = input.currentNft?.level ?? 0;
  const target = targetLevel(input, above);
  const next = target ?? input.levels.find((l) => l.level > above);

  let reason: NftBlockReason | null = null;
  if (!next) reason = input.currentNft ? 'NFT__MAX_LEVEL' : 'NFT__INSUFFICIENT_VOLUME';
  else if (!target)
    reason = volume >= parseUsd(next.minVolumeUsd) ? 'NFT__MISSING_BADGES' : 'NFT__INSUFFICIENT_VOLUME';
  else if (!input.walletAddress) reason = 'NFT__WALLET_NOT_LINKED';
  else if (input.openRequest) reason = 'NFT__REQUEST_IN_PROGRESS';

  const minVolume = next ? parseUsd(next.minVolumeUsd) : 0n;
  return {
    volumeUsd: formatUsd(volume),
    walletAddress: input.walletAddress,
    currentNft:
      input.currentNft && currentLevel
        ? {
            level: currentLevel.level,
            name: currentLevel.name,
            mintAddress: input.currentNft.mintAddress,
            benefits: currentLevel.benefits,
            imageUri: currentLevel.imageUri,
            mintedAt: input.currentNft.mintedAt.toISOString(),
          }
        : null,
    nextLevel: next
      ? {
          level: next.level,
          name: next.name,
          minVolumeUsd: next.minVolumeUsd,
          missingVolumeUsd: formatUsd(minVolume > volume ? minVolume - volume : 0n),
          missingBadges: next.requiredBadges.filter((b) => !input.heldBadgeIds.has(b.id)),
          progress: ratio(volume, minVolume),
          benefits: next.benefits,
        }
      : null,
    canUnlock: reason === null && !input.currentNft,
    canUpgrade: reason === null && input.currentNft !== null,
    reason,
    openRequest: input.openRequest,
    levels: input.levels,
  };
}
