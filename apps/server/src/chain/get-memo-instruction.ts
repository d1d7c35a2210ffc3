import { address, createNoopSigner, type Address } from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';

/**
 * The SPL Memo program deployed on mainnet and devnet. `@solana-program/memo` 0.15 defaults to a
 * newer Memo address that clusters may not run yet, so every memo names this one explicitly.
 */
export const SPL_MEMO_PROGRAM_ADDRESS = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

export function getMemoInstruction(memo: string) {
  return getAddMemoInstruction({ memo }, { programAddress: SPL_MEMO_PROGRAM_ADDRESS });
}

/** The memo an admin's wallet signs to approve an admin_wallet-mode transaction. */
export const ADMIN_APPROVAL_MEMO = 'insignia:approve';

/**
 * The admin's approval: a memo with the wallet as a signer account. SPL Memo fails unless every
 * signer account signed, so nothing carrying it lands without the wallet, and the wallet's
 * address is on chain next to what it approved.
 */
export function getAdminApprovalInstruction(wallet: Address) {
  return getAddMemoInstruction(
    { memo: ADMIN_APPROVAL_MEMO, signers: [createNoopSigner(wallet)] },
    { programAddress: SPL_MEMO_PROGRAM_ADDRESS },
  );
}
