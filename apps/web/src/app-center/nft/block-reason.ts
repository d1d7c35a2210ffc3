import type { NftStatus } from '@insignia/contract';
import { formatUsd } from '../format.ts';

const levelName = (level: { level: number; name: string }) => `Level ${level.level} (${level.name})`;

/**
 * Why there is no Unlock or Upgrade button right now, in plain words, from the status's
 * reason code. Null when an action is available.
 */
export function describeBlockReason(status: NftStatus): string | null {
  const next = status.nextLevel;
  const verb = status.currentNft ? 'upgrade to' : 'unlock';
  switch (status.reason) {
    case null:
      return null;
    case 'NFT__WALLET_NOT_LINKED':
      return `You qualify to ${verb} ${next ? levelName(next) : 'the next level'}. Link a Solana wallet first: the NFT is minted to it.`;
    case 'NFT__INSUFFICIENT_VOLUME':
      return next
        ? `Trade ${formatUsd(next.missingVolumeUsd, 'ceil')} more to ${verb} ${levelName(next)}.`
        : 'No levels are set up yet.';
    case 'NFT__MISSING_BADGES': {
      const names = next?.missingBadges.map((b) => b.name).join(', ') ?? '';
      return `Your volume is enough, but ${next ? levelName(next) : 'the next level'} also needs ${next && next.missingBadges.length === 1 ? 'the badge' : 'these badges'}: ${names}.`;
    }
    case 'NFT__MAX_LEVEL':
      return 'You hold the highest level. There is nothing more to unlock.';
    case 'NFT__REQUEST_IN_PROGRESS':
      return status.openRequest
        ? `Your ${status.openRequest.kind} is in progress.`
        : 'An unlock or upgrade of yours is in progress.';
    case 'NFT__ALREADY_HAS_NFT':
      return 'You already hold a level NFT.';
    case 'NFT__NO_NFT':
      return 'Unlock your first level NFT before upgrading.';
  }
}
