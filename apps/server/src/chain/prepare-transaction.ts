import {
  address,
  getBase64EncodedWireTransaction,
  getTransactionMessageSize,
  getTransactionMessageSizeLimit,
  partiallySignTransactionMessageWithSigners,
  getBase58Decoder,
  signature,
  type Address,
  type Base64EncodedWireTransaction,
  type Signature,
  type Transaction,
} from '@solana/kit';
import type { BuiltMessage } from './create-base-message.ts';
import { AppError } from '../errors/app-error.ts';

/** A compiled transaction with every signature we hold, ready to send or to hand to a wallet. */
export type PreparedTransaction = Readonly<{
  transaction: Transaction;
  /** Base64 wire bytes; missing signatures are zero-filled. */
  wire: Base64EncodedWireTransaction;
  /** The transaction id (fee payer's signature); absent while the fee payer has not signed. */
  signature?: Signature;
  /** Signers whose signature is still missing (e.g. the user's wallet). */
  missingSigners: readonly Address[];
  lastValidBlockHeight: bigint;
  size: number;
}>;

/** Throws CHAIN__TRANSACTION_TOO_LARGE when the compiled message would not fit. */
export function assertMessageFits(message: BuiltMessage): number {
  const size = getTransactionMessageSize(message);
  const limit = getTransactionMessageSizeLimit(message);
  if (size > limit) throw new AppError('CHAIN__TRANSACTION_TOO_LARGE', { size, limit });
  return size;
}

/**
 * Signs with every key-pair signer in the message (server authority, derived mint key, ...) and
 * leaves no-op signers (the user's wallet) empty.
 */
export async function prepareTransaction(message: BuiltMessage): Promise<PreparedTransaction> {
  const size = assertMessageFits(message);
  const transaction = await partiallySignTransactionMessageWithSigners(message);
  return describeTransaction(transaction, message.lifetimeConstraint.lastValidBlockHeight, size);
}

/** Fee payer signature (the transaction id) or undefined while unsigned. */
export function getFeePayerSignature(transaction: Transaction): Signature | undefined {
  const first = Object.values(transaction.signatures)[0];
  return first ? signature(getBase58Decoder().decode(first)) : undefined;
}

/** The fee payer: the message's first signer. */
export function getFeePayer(transaction: Transaction): Address | undefined {
  const [first] = Object.keys(transaction.signatures);
  return first === undefined ? undefined : address(first);
}

export function describeTransaction(
  transaction: Transaction,
  lastValidBlockHeight: bigint,
  size: number,
): PreparedTransaction {
  const missingSigners = (Object.entries(transaction.signatures) as [Address, unknown][])
    .filter(([, sig]) => sig == null)
    .map(([address]) => address);
  const signature = getFeePayerSignature(transaction);
  return {
    transaction,
    wire: getBase64EncodedWireTransaction(transaction),
    ...(signature ? { signature } : {}),
    missingSigners,
    lastValidBlockHeight,
    size,
  };
}
