import type { LevelNftState } from '../chain/fetch-level-nft-state.ts';

/** What reconciliation concludes about one active NFT row, from the chain's state. */
export type NftVerdict =
  | { kind: 'ok' }
  /** Clear case: the chain has no such NFT any more; the row is corrected to burned. */
  | { kind: 'correct_to_burned'; reason: string }
  /** Not clear enough to change by itself: a person looks at it. */
  | { kind: 'flag'; reason: string };

/** Pure: the database says the user holds `level` at this mint; the chain says `state`. */
export function judgeNft(level: number, state: LevelNftState): NftVerdict {
  switch (state.state) {
    case 'held':
      return state.level === String(level) ? { kind: 'ok' } : { kind: 'flag', reason: 'level_mismatch' };
    case 'absent':
      return { kind: 'correct_to_burned', reason: 'mint_closed' };
    case 'burned':
      return { kind: 'correct_to_burned', reason: 'supply_zero' };
    case 'elsewhere':
      return { kind: 'flag', reason: 'not_in_owner_wallet' };
    case 'foreign':
      return { kind: 'flag', reason: 'not_our_mint' };
  }
}

/** Pure: the database says this NFT was burned; the chain says `state`. */
export function judgeBurnedNft(state: LevelNftState): NftVerdict {
  // Still supply 1 somewhere: the burn the database counted did not happen.
  if (state.state === 'held' || state.state === 'elsewhere')
    return { kind: 'flag', reason: 'burned_but_on_chain' };
  return { kind: 'ok' };
}
