import type { Level } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { computeNftStatus, type NftStatusInput } from './compute-nft-status.ts';
import { formatUsd, parseUsd } from './usd.ts';

const badge = { id: '6a1b0b8e-3c9f-4d52-9a5e-1f2d3c4b5a60', name: 'KYC verified' };
const levels: Level[] = [
  { level: 1, name: 'Bronze', minVolumeUsd: '100000', benefits: ['b1'], imageUri: null, requiredBadges: [] },
  { level: 2, name: 'Silver', minVolumeUsd: '500000', benefits: ['b2'], imageUri: null, requiredBadges: [] },
  {
    level: 3,
    name: 'Gold',
    minVolumeUsd: '5000000',
    benefits: ['b3'],
    imageUri: null,
    requiredBadges: [badge],
  },
];
const base: NftStatusInput = {
  volumeUsd: '0',
  walletAddress: 'W',
  levels,
  heldBadgeIds: new Set(),
  currentNft: null,
  openRequest: null,
};
const nft = (level: number) => ({
  level,
  mintAddress: `M${level}`,
  mintedAt: new Date('2026-01-01T00:00:00Z'),
});

describe('NFT status', () => {
  it('a new user short of level 1 sees what is missing and their progress', () => {
    const s = computeNftStatus({ ...base, volumeUsd: '25000.5' });
    expect(s).toMatchObject({ canUnlock: false, canUpgrade: false, reason: 'NFT__INSUFFICIENT_VOLUME' });
    expect(s.nextLevel).toMatchObject({ level: 1, missingVolumeUsd: '74999.5', progress: 0.25 });
  });

  it('exactly $100K with a wallet can unlock level 1', () => {
    const s = computeNftStatus({ ...base, volumeUsd: '100000.00000000' });
    expect(s).toMatchObject({
      canUnlock: true,
      reason: null,
      nextLevel: { level: 1, missingVolumeUsd: '0', progress: 1 },
    });
  });

  it('one cent short is not enough', () => {
    expect(computeNftStatus({ ...base, volumeUsd: '99999.99' }).canUnlock).toBe(false);
  });

  it('without a linked wallet the reason says so', () => {
    expect(computeNftStatus({ ...base, volumeUsd: '100000', walletAddress: null })).toMatchObject({
      canUnlock: false,
      reason: 'NFT__WALLET_NOT_LINKED',
    });
  });

  it('unlocks straight to the highest level qualified for', () => {
    expect(computeNftStatus({ ...base, volumeUsd: '600000' }).nextLevel?.level).toBe(2);
  });

  it('a holder of level 1 with $500K can upgrade to level 2', () => {
    const s = computeNftStatus({ ...base, volumeUsd: '500000', currentNft: nft(1) });
    expect(s).toMatchObject({
      canUnlock: false,
      canUpgrade: true,
      currentNft: { level: 1, name: 'Bronze', benefits: ['b1'] },
      nextLevel: { level: 2 },
    });
  });

  it('enough volume but a missing badge blocks the upgrade and names the badge', () => {
    const s = computeNftStatus({ ...base, volumeUsd: '6000000', currentNft: nft(2) });
    expect(s).toMatchObject({
      canUpgrade: false,
      reason: 'NFT__MISSING_BADGES',
      nextLevel: { level: 3, missingBadges: [badge] },
    });
    expect(
      computeNftStatus({
        ...base,
        volumeUsd: '6000000',
        currentNft: nft(2),
        heldBadgeIds: new Set([badge.id]),
      }).canUpgrade,
    ).toBe(true);
  });

  it('at the top level there is nothing next', () => {
    expect(
      computeNftStatus({
        ...base,
        volumeUsd: '9000000',
        currentNft: nft(3),
        heldBadgeIds: new Set([badge.id]),
      }),
    ).toMatchObject({ nextLevel: null, reason: 'NFT__MAX_LEVEL' });
  });

  it('an open request blocks starting another', () => {
    const s = computeNftStatus({
      ...base,
      volumeUsd: '100000',
      openRequest: {
        id: '00000000-0000-4000-8000-000000000001',
        kind: 'unlock',
        toLevel: 1,
        status: 'awaiting_signature',
      },
    });
    expect(s).toMatchObject({ canUnlock: false, reason: 'NFT__REQUEST_IN_PROGRESS' });
  });
});

describe('USD fixed point', () => {
  it('round-trips amounts without floating point error', () => {
    expect(formatUsd(parseUsd('0.1') + parseUsd('0.2'))).toBe('0.3');
    expect(formatUsd(parseUsd('123456789012345678901234.12345678'))).toBe(
      '123456789012345678901234.12345678',
    );
    expect(formatUsd(parseUsd('100000.00000000'))).toBe('100000');
  });

  it('states what minting the next level costs before Unlock: a few thousandths of a SOL', () => {
    const cost = BigInt(computeNftStatus({ ...base, volumeUsd: '100000' }).unlockCostLamports ?? '0');
    expect(cost).toBeGreaterThan(1_000_000n);
    expect(cost).toBeLessThan(20_000_000n);
    // Nothing left to mint: no cost to state.
    const top = computeNftStatus({
      ...base,
      volumeUsd: '9000000',
      heldBadgeIds: new Set([badge.id]),
      currentNft: nft(3),
    });
    expect(top.unlockCostLamports).toBeNull();
  });
});
