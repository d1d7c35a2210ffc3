import type { Address } from '@solana/kit';
import type { Level, NftBlockReason, NftStatus } from '@insignia/contract';
import { extension, getTokenSize } from '@solana-program/token-2022';
import { getTokenMintSizes } from '../chain/get-create-token-mint-instructions.ts';
import { LEVEL_NFT_SYMBOL, levelNftName } from './level-metadata.ts';
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

/** Solana's rent: 3,480 lamports per byte-year, two years exempt, 128 bytes of account overhead. */
const rentExempt = (bytes: number) => (BigInt(bytes) + 128n) * 3480n * 2n;
/** Any address: only sizes matter here. */
const SOME_ADDRESS = '11111111111111111111111111111111' as Address;
/** An `ipfs://` URI of a CIDv1 (59 characters), as level metadata URIs are. */
const TYPICAL_URI = `ipfs://${'b'.repeat(59)}`;
/** Three signatures, and the margin the prepare step asks for on top (nft-request-service.ts). */
const FEES_LAMPORTS = 2n * 3n * 5000n;
const TOKEN_ACCOUNT_RENT = rentExempt(
  getTokenSize([extension('ImmutableOwner', {}), extension('NonTransferableAccount', {})]),
);

/**
 * About what a wallet pays to mint `level`'s NFT: the mint (with its metadata) and token
 * account rent plus fees, as the unlock's prepare step computes it from the chain.
 */
export function estimateMintCostLamports(level: Level): bigint {
  const { fullSize } = getTokenMintSizes({
    mint: SOME_ADDRESS,
    authority: { address: SOME_ADDRESS } as Parameters<typeof getTokenMintSizes>[0]['authority'],
    closeAuthority: SOME_ADDRESS,
    nonTransferable: true,
    metadata: {
      name: levelNftName(level),
      symbol: LEVEL_NFT_SYMBOL,
      uri: TYPICAL_URI,
      additional: { level: String(level.level) },
    },
  });
  return rentExempt(fullSize) + TOKEN_ACCOUNT_RENT + FEES_LAMPORTS;
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
            // What the NFT shows: the operator's image or the level's default artwork.
            imageUri: currentLevel.artworkUri ?? currentLevel.imageUri,
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
    unlockCostLamports: next ? estimateMintCostLamports(next).toString() : null,
    canUnlock: reason === null && !input.currentNft,
    canUpgrade: reason === null && input.currentNft !== null,
    reason,
    openRequest: input.openRequest,
    levels: input.levels,
  };
}
