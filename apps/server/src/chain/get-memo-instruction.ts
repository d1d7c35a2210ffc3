import { address } from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';

/**
 * The SPL Memo program deployed on mainnet and devnet. `@solana-program/memo` 0.15 defaults to a
 * newer Memo address that clusters may not run yet, so every memo names this one explicitly.
 */
export const SPL_MEMO_PROGRAM_ADDRESS = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

export function getMemoInstruction(memo: string) {
  return getAddMemoInstruction({ memo }, { programAddress: SPL_MEMO_PROGRAM_ADDRESS });
}
