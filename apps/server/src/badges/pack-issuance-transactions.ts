import {
  appendTransactionMessageInstruction,
  createNoopSigner,
  type Address,
  type TransactionSigner,
} from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';
import type { BlockhashLifetime, BuiltMessage, ComputeBudget } from '../chain/create-base-message.ts';
import { SPL_MEMO_PROGRAM_ADDRESS } from '../chain/get-memo-instruction.ts';
import {
  packBadgeIssuances,
  type BadgeIssuanceItem,
  type IssuanceBatch,
} from '../chain/pack-badge-issuances.ts';
import { assertMessageFits } from '../chain/prepare-transaction.ts';

/** The memo the admin's wallet signs in every admin_wallet-mode transaction. */
export const ADMIN_APPROVAL_MEMO = 'insignia:approve';
/** Bytes the approval adds: the wallet's key and signature, and the memo instruction. */
const MAX_TRANSACTION_BYTES = 1232;
const APPROVAL_BYTES = 32 + 64 + 4 + ADMIN_APPROVAL_MEMO.length + 4;

export type PackIssuanceInput<T extends BadgeIssuanceItem> = Readonly<{
  /** Fee payer and mint authority of every badge: the platform authority. */
  authority: TransactionSigner;
  /** admin_wallet mode: the wallet whose signature each transaction must also carry. */
  adminWallet?: Address | undefined;
  items: readonly T[];
  lifetime: BlockhashLifetime;
  computeBudget?: ComputeBudget | undefined;
}>;

/**
 * Packs issuances into as few mint transactions as fit (createATAIdempotent + mintTo + memo
 * with the issuance's CID, per recipient), all paid for and mint-authorised by the platform
 * authority.
 *
 * admin_wallet mode (why it is built this way): a badge's mint authority is the platform key,
 * so a mintTo must carry that key's signature whoever else signs. Each transaction therefore
 * stays paid for and co-signed by the authority, and also carries a memo that the admin's
 * wallet must sign (SPL Memo checks its signer accounts): nothing lands without the admin's
 * approval, and the wallet's address is on chain next to the mints. The authority, not the
 * wallet, is the fee payer on purpose: the transaction id is then the authority's signature,
 * known when the transaction is prepared, so a transaction the wallet sent itself is still
 * found on chain and a re-prepare after expiry can never mint twice.
 */
export async function packIssuanceTransactions<T extends BadgeIssuanceItem>(
  input: PackIssuanceInput<T>,
): Promise<IssuanceBatch<T>[]> {
  const batches = await packBadgeIssuances({
    feePayer: input.authority,
    mintAuthority: input.authority,
    items: input.items,
    lifetime: input.lifetime,
    ...(input.computeBudget ? { computeBudget: input.computeBudget } : {}),
    ...(input.adminWallet ? { sizeLimit: MAX_TRANSACTION_BYTES - APPROVAL_BYTES } : {}),
  });
  if (!input.adminWallet) return batches;
  const approver = createNoopSigner(input.adminWallet);
  return batches.map((batch) => {
    const message = appendTransactionMessageInstruction(
      getAddMemoInstruction(
        { memo: ADMIN_APPROVAL_MEMO, signers: [approver] },
        { programAddress: SPL_MEMO_PROGRAM_ADDRESS },
      ),
      batch.message,
    ) as BuiltMessage;
    return { ...batch, message, size: assertMessageFits(message) };
  });
}
