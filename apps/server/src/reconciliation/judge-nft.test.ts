import { describe, expect, it } from 'vitest';
import type { MintInfo } from '../chain/fetch-mint-info.ts';
import { judgeBurnedNft, judgeNft } from './judge-nft.ts';

const info = {} as MintInfo;

describe('reconciliation verdicts', () => {
  it('accepts an NFT held at the recorded level', () => {
    expect(judgeNft(2, { state: 'held', level: '2', info })).toEqual({ kind: 'ok' });
  });
  it('corrects the database when the NFT was burned outside the flow', () => {
    expect(judgeNft(2, { state: 'absent' }).kind).toBe('correct_to_burned');
    expect(judgeNft(2, { state: 'burned', info }).kind).toBe('correct_to_burned');
  });
  it('flags what it cannot settle alone', () => {
    expect(judgeNft(2, { state: 'held', level: '3', info })).toEqual({
      kind: 'flag',
      reason: 'level_mismatch',
    });
    expect(judgeNft(2, { state: 'elsewhere', info })).toEqual({
      kind: 'flag',
      reason: 'not_in_owner_wallet',
    });
    expect(judgeNft(2, { state: 'foreign' })).toEqual({ kind: 'flag', reason: 'not_our_mint' });
  });
  it('flags an NFT the database calls burned while the chain still has it; a real burn is fine', () => {
    const flagged = { kind: 'flag', reason: 'burned_but_on_chain' };
    expect(judgeBurnedNft({ state: 'held', level: '2', info })).toEqual(flagged);
    expect(judgeBurnedNft({ state: 'elsewhere', info })).toEqual(flagged);
    expect(judgeBurnedNft({ state: 'absent' })).toEqual({ kind: 'ok' });
    expect(judgeBurnedNft({ state: 'burned', info })).toEqual({ kind: 'ok' });
  });
});
