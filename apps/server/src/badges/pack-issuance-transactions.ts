import { appendTransactionMessageInstruction, type Address, type TransactionSigner } from '@solana/kit';
import type { BlockhashLifetime, BuiltMessage, ComputeBudget } from '../chain/create-base-message.ts';
import { ADMIN_APPROVAL_MEMO, getAdminApprovalInstruction } from '../chain/get-memo-instruction.ts';
import {
  packBadgeIssuances,
  type BadgeIssuanceItem,
  type IssuanceBatch,
} from '../chain/pack-badge-issuances.ts';
import { assertMessageFits } from '../chain/prepare-transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { cachedTokenAccount } from './cached-token-account.ts';
import type { IssuanceRow } from './issuance-store.ts';

/** Bytes the approval adds: the wallet's key and signature, and the memo instruction. */
const MAX_TRANSACTION_BYTES = 1232;
const APPROVAL_BYTES = 32 + 64 + 4 + ADMIN_APPROVAL_MEMO.length + 4;

/** An issuance to pack, with the row fields that order it. */
export type PackableIssuance = BadgeIssuanceItem &
  Readonly<{ row: Readonly<{ createdAt: Date; id: string }> }>;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Recipients of one badge together, and the vault's (one owner) together: a transaction then
 * creates each token account once and fits the most recipients. Oldest first within, the id
 * breaking ties. Never the caller's order.
 */
const packingOrder = (a: PackableIssuance, b: PackableIssuance) =>
  compare(a.mint, b.mint) ||
  compare(a.owner, b.owner) ||
  a.row.createdAt.getTime() - b.row.createdAt.getTime() ||
  compare(a.row.id, b.row.id);

export type PackIssuanceInput<T extends PackableIssuance> = Readonly<{
  /** Fee payer and mint authority of every badge: the platform authority. */
  authority: TransactionSigner;
  /** admin_wallet mode: the wallet whose signature each transaction must also carry. */
  adminWallet?: Address | undefined;
  items: readonly T[];
  lifetime: BlockhashLifetime;
  computeBudget?: ComputeBudget | undefined;
}>;

/**
 * Packs issuances (by badge and owner, see `packingOrder`) into as few mint transactions as fit (createATAIdempotent + mintTo + memo
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
export async function packIssuanceTransactions<T extends PackableIssuance>(
  input: PackIssuanceInput<T>,
): Promise<IssuanceBatch<T>[]> {
  const batches = await packBadgeIssuances({
    feePayer: input.authority,
    mintAuthority: input.authority,
    // Sorted here so the same rows always pack the same way (and as the cost estimate
    // packed them), whatever order a lease returned them in.
    items: [...input.items].sort(packingOrder),
    lifetime: input.lifetime,
    // The preview at creation derived the same accounts: the worker finds them remembered.
    tokenAccountOf: cachedTokenAccount,
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

/**
 * The item to pack for an uploaded issuance: its badge's mint, to its wallet or to the vault,
 * with its payload's CID as memo. Refuses a row that cannot be minted (no mint, no wallet, no
 * payload): the state machine and the roster never let one get here.
 */
export function issuanceMintItem<
  R extends Pick<IssuanceRow, 'id' | 'createdAt' | 'destination' | 'walletAddress' | 'metadataCid'>,
>(row: R, mint: Address | null | undefined, vault: Address): PackableIssuance & Readonly<{ row: R }> {
  const owner = row.destination === 'wallet' ? row.walletAddress : row.destination === 'vault' ? vault : null;
  if (!mint || !owner || row.metadataCid === null)
    throw new AppError('INTERNAL', undefined, {
      message: `Issuance ${row.id} cannot be minted: no mint, owner or payload.`,
    });
  return { id: row.id, row, mint, owner, memo: row.metadataCid };
}
