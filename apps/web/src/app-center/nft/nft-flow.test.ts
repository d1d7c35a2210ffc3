import type { NftRequestView, NftStatus, PreparedNftTransaction } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { WalletActionError } from '../../wallet/link-wallet.ts';
import { describeBlockReason } from './block-reason.ts';
import { describeAction, describeProgress, flowSteps, stateForRequest } from './nft-flow.ts';
import { missingLamports, problemFromError } from './nft-problem-from-error.ts';

const request = (patch: Partial<NftRequestView> = {}): NftRequestView => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'upgrade',
  mode: 'two_step',
  status: 'burn_submitted',
  fromLevel: 1,
  toLevel: 2,
  mintAddress: 'Mint1111111111111111111111111111111111111111',
  walletAddress: 'Wallet11111111111111111111111111111111111111',
  burnSignature: null,
  mintSignature: null,
  errorCode: null,
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  completedAt: null,
  ...patch,
});

const prepared = (action: PreparedNftTransaction['action'], r = request()): PreparedNftTransaction => ({
  requestId: r.id,
  transaction: 'AA==',
  expiresAt: '2026-01-01T00:01:00Z',
  lastValidBlockHeight: '100',
  mintAddress: r.mintAddress,
  action,
  request: r,
});

describe('the unlock/upgrade flow', () => {
  it('follows a two-step upgrade through its burn, then the server mint', () => {
    const burning = stateForRequest('upgrade', request());
    expect(burning.step).toBe('following');
    expect(describeProgress(request())).toBe('Burning your Level 1 NFT on Solana…');
    expect(describeProgress(request({ status: 'burn_confirmed' }))).toBe(
      'Old NFT burned. Minting your new level (Level 2)…',
    );
    const minting = stateForRequest('upgrade', request({ status: 'mint_submitted' }));
    expect(flowSteps(minting, true).map((s) => s.state)).toEqual(['done', 'done', 'done', 'current', 'todo']);
    expect(stateForRequest('upgrade', request({ status: 'completed' })).step).toBe('done');
  });

  it('offers a retry with the same address when the transaction expired', () => {
    const state = stateForRequest(
      'unlock',
      request({ kind: 'unlock', status: 'awaiting_signature', errorCode: 'CHAIN__EXPIRED' }),
    );
    expect(state).toMatchObject({
      step: 'failed',
      problem: { title: 'The transaction expired', retry: true },
    });
    if (state.step === 'failed') expect(state.problem.message).toMatch(/same address/);
  });

  it('reassures rather than offering a retry when an upgrade needs compensation', () => {
    const state = stateForRequest('upgrade', request({ status: 'needs_compensation' }));
    expect(state).toMatchObject({ step: 'failed', problem: { retry: false } });
  });

  it('says what will be signed', () => {
    expect(describeAction(prepared('mint', request({ kind: 'unlock', fromLevel: null, toLevel: 1 })))).toBe(
      'Mint your Level 1 NFT to your wallet',
    );
    expect(describeAction(prepared('burn_and_mint'))).toBe(
      'Burn your Level 1 NFT and mint Level 2, in one transaction',
    );
    expect(describeAction(prepared('burn'))).toMatch(/^Burn your Level 1 NFT \(step 1 of 2/);
  });
});

describe('problems worded for the person', () => {
  it('tells how much SOL is missing', () => {
    const error = new ApiError(402, 'CHAIN__INSUFFICIENT_SOL', 'no SOL', {
      needLamports: '7000000',
      balanceLamports: '2000000',
      missingSol: 0.005,
    });
    expect(problemFromError(error, 'unlock')).toMatchObject({
      addSol: { lamports: '5000000' },
      retry: true,
    });
    expect(missingLamports({ missingSol: 0.0012345 })).toBe('1234500');
    expect(missingLamports({ requestId: 'x' })).toBeUndefined();
  });

  it('passes on the wallet’s own words when it refuses to sign', () => {
    const problem = problemFromError(new WalletActionError('Phantom did not sign: User rejected.'), 'unlock');
    expect(problem).toEqual({
      title: 'Your wallet did not sign',
      message: 'Phantom did not sign: User rejected.',
      retry: true,
    });
  });
});

describe('why there is no button', () => {
  const status = (patch: Partial<NftStatus>): NftStatus => ({
    volumeUsd: '40000',
    walletAddress: 'W',
    currentNft: null,
    nextLevel: {
      level: 1,
      name: 'Bronze',
      minVolumeUsd: '100000',
      missingVolumeUsd: '60000.001',
      missingBadges: [],
      progress: 0.4,
      benefits: [],
    },
    canUnlock: false,
    canUpgrade: false,
    reason: 'NFT__INSUFFICIENT_VOLUME',
    openRequest: null,
    levels: [],
    ...patch,
  });

  it('rounds the missing volume up, so "to go" is never understated', () => {
    expect(describeBlockReason(status({}))).toBe('Trade $60,000.01 more to unlock Level 1 (Bronze).');
  });

  it('names the missing badges', () => {
    const next = {
      ...status({}).nextLevel!,
      missingBadges: [{ id: crypto.randomUUID(), name: 'Early bird' }],
    };
    expect(describeBlockReason(status({ reason: 'NFT__MISSING_BADGES', nextLevel: next }))).toBe(
      'Your volume is enough, but Level 1 (Bronze) also needs the badge: Early bird.',
    );
  });
});
