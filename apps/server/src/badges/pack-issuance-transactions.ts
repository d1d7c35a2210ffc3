import { appendTransactionMessageInstruction, type Address, type TransactionSigner } from '@solana/kit';
import type { BlockhashLifetime, BuiltMessage, ComputeBudget } from '../chain/create-base-message.ts';
import { ADMIN_APPROVAL_MEMO, getAdminApprovalInstruction } from '../chain/get-memo-instruction.ts';
import {
  packBadgeIssuances,
  type BadgeIssuanceItem,
  type IssuanceBatch,
} from '../chain/pack-badge-issuances.ts';
import { assertMessageFits } from '../chain/prepare-transaction.ts';

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
 * stays paid for and co-signed by the authority, and also carries the admin's approval memo
 * (getAdminApprovalInstruction), which only the admin's wallet can sign. The authority, not the
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
  const approval = getAdminApprovalInstruction(input.adminWallet);
  return batches.map((batch) => {
    const message = appendTransactionMessageInstruction(approval, batch.message) as BuiltMessage;
    return { ...batch, message, size: assertMessageFits(message) };
  });
}
