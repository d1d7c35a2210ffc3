import type { NftStatus, UserBadge } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { chooseNextStep, journeyProgress } from './choose-next-step.ts';

const level1 = {
  level: 1,
  name: 'Bronze',
  minVolumeUsd: '100000',
  missingVolumeUsd: '100000',
  missingBadges: [],
  progress: 0,
  benefits: [],
};
const status = (patch: Partial<NftStatus> = {}): NftStatus => ({
  volumeUsd: '0',
  walletAddress: null,
  currentNft: null,
  nextLevel: level1,
  unlockCostLamports: '6231360',
  canUnlock: false,
  canUpgrade: false,
  reason: 'NFT__INSUFFICIENT_VOLUME',
  openRequest: null,
  levels: [],
  ...patch,
});
const held = {
  level: 1,
  name: 'Bronze',
  mintAddress: 'M',
  benefits: [],
  imageUri: null,
  mintedAt: '2026-01-01T00:00:00Z',
};

let n = 0;
const badge = (patch: Partial<UserBadge> = {}): UserBadge => ({
  issuanceId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  badgeId: '00000000-0000-4000-8000-000000000000',
  name: `Badge ${n}`,
  description: '',
  imageUrl: null,
  category: null,
  type: 'blockchain',
  status: 'in_vault',
  tokenId: 'T',
  mintSignature: null,
  walletAddress: null,
  metadataUri: null,
  gatewayUrl: null,
  claimable: true,
  claim: null,
  issuedAt: '2026-01-01T00:00:00Z',
  validUntil: null,
  expired: false,
  revoked: null,
  credentialUrl: '/api/public/badges/x/credential',
  ...patch,
});
const vault = (items: UserBadge[], walletOnFile: boolean, all: UserBadge[] = items) => ({
  badges: all,
  unclaimed: { walletOnFile, walletAddress: walletOnFile ? 'W' : null, items },
});

describe('the next step on top of the Personal Center', () => {
  it('asks a newcomer to qualify first, and says whether their wallet is already linked', () => {
    expect(chooseNextStep({ status: status(), badges: vault([], false), flowActive: false })).toMatchObject({
      kind: 'qualify',
      unlock: true,
      walletLinked: false,
    });
  });

  it('asks for a wallet once the person qualifies without one', () => {
    const step = chooseNextStep({
      status: status({ reason: 'NFT__WALLET_NOT_LINKED', volumeUsd: '150000' }),
      badges: undefined,
      flowActive: false,
    });
    expect(step).toMatchObject({ kind: 'link-wallet', reason: 'unlock', level: { level: 1 } });
  });

  it('offers Unlock with its cost, then Upgrade, before any badge claim', () => {
    const claimable = vault([badge()], true);
    const unlock = status({ canUnlock: true, reason: null, walletAddress: 'W' });
    expect(chooseNextStep({ status: unlock, badges: claimable, flowActive: false })).toEqual({
      kind: 'unlock',
      level: level1,
      costLamports: '6231360',
    });
    const upgrade = status({ canUpgrade: true, reason: null, walletAddress: 'W', currentNft: held });
    expect(chooseNextStep({ status: upgrade, badges: claimable, flowActive: false }).kind).toBe('upgrade');
  });

  it('keeps a flow under way, or a request left open, on top', () => {
    const ready = status({ canUnlock: true, reason: null, walletAddress: 'W' });
    expect(chooseNextStep({ status: ready, badges: undefined, flowActive: true }).kind).toBe('flow');
    const open = {
      id: '00000000-0000-4000-8000-00000000000a',
      kind: 'unlock' as const,
      toLevel: 1,
      status: 'awaiting_signature',
    };
    expect(
      chooseNextStep({
        status: status({ openRequest: open, reason: 'NFT__REQUEST_IN_PROGRESS' }),
        badges: undefined,
        flowActive: false,
      }),
    ).toEqual({ kind: 'open-request', request: open });
  });

  it('sends a person with vault badges and no wallet to link one', () => {
    expect(
      chooseNextStep({ status: status(), badges: vault([badge(), badge()], false), flowActive: false }),
    ).toMatchObject({ kind: 'link-wallet', reason: 'badges', badges: 2 });
  });

  it('offers the claim, naming a declined claim so it is not mistaken for one still waiting', () => {
    const declined = badge({
      claim: { status: 'rejected', rejectReason: 'Too late' } as UserBadge['claim'],
    });
    const fresh = badge();
    const step = chooseNextStep({
      status: status({ walletAddress: 'W' }),
      badges: vault([declined, fresh], true),
      flowActive: false,
    });
    expect(step).toEqual({ kind: 'claim', claimable: [declined, fresh], declined: [declined] });
  });

  it('says a sent claim is waiting, and only then goes back to the level', () => {
    const pending = badge({ status: 'claim_requested', claimable: false });
    const step = chooseNextStep({
      status: status({ walletAddress: 'W' }),
      badges: vault([pending], true, [pending]),
      flowActive: false,
    });
    expect(step).toEqual({ kind: 'claim-pending', pending: [pending] });
  });

  it('has nothing to ask of a person at the top level', () => {
    const top = status({ nextLevel: null, reason: 'NFT__MAX_LEVEL', currentNft: held, walletAddress: 'W' });
    expect(chooseNextStep({ status: top, badges: vault([], true), flowActive: false })).toEqual({
      kind: 'all-done',
    });
  });
});

describe('the journey stepper', () => {
  it('marks what is done and what comes next', () => {
    expect(journeyProgress(status({ walletAddress: 'W' })).map((s) => s.state)).toEqual([
      'current',
      'done',
      'todo',
      'todo',
    ]);
    const unlocked = status({ walletAddress: 'W', currentNft: held, reason: 'NFT__INSUFFICIENT_VOLUME' });
    expect(journeyProgress(unlocked).map((s) => s.state)).toEqual(['done', 'done', 'done', 'current']);
    // An unlock under way means the person qualified.
    const open = {
      id: '00000000-0000-4000-8000-00000000000b',
      kind: 'unlock' as const,
      toLevel: 1,
      status: 'x',
    };
    const busy = status({ walletAddress: 'W', openRequest: open, reason: 'NFT__REQUEST_IN_PROGRESS' });
    expect(journeyProgress(busy).map((s) => s.state)).toEqual(['done', 'done', 'current', 'todo']);
  });
});
