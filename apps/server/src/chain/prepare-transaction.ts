import {
  address,
  getTransactionDecoder,
  getTransactionEncoder,
  compileTransaction,
  getSignersFromTransactionMessage,
  getTransactionSize,
  getTransactionSizeLimit,
  isTransactionPartialSigner,
  partiallySignTransactionWithSigners,
  getBase58Decoder,
  signature,
  type Address,
  type Base64EncodedWireTransaction,
  type Signature,
  type Transaction,
} from '@solana/kit';
import type { BuiltMessage } from './create-base-message.ts';
import { AppError } from '../errors/app-error.ts';

// Built once each: kit composes a codec per call, which cost more than the work it does.
const base58 = getBase58Decoder();
const transactionEncoder = getTransactionEncoder();
const transactionDecoder = getTransactionDecoder();

/** A transaction from its base64 wire bytes (throws on bytes that are not one). */
export function fromWire(wire: string): Transaction {
  return transactionDecoder.decode(Buffer.from(wire, 'base64'));
}

/** Base64 wire bytes of a transaction (kit's getBase64EncodedWireTransaction, one encoder). */
export function toWire(transaction: Transaction): Base64EncodedWireTransaction {
  return Buffer.from(transactionEncoder.encode(transaction)).toString(
    'base64',
  ) as Base64EncodedWireTransaction;
}

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

/**
 * Compiling a message is most of what building a transaction costs, and a builder checks the
 * size before it is signed: each message (immutable) is compiled once.
 */
const compiled = new WeakMap<BuiltMessage, Transaction>();

function compileOnce(message: BuiltMessage): Transaction {
  let transaction = compiled.get(message);
  if (!transaction) compiled.set(message, (transaction = compileTransaction(message)));
  return transaction;
}

/** Throws CHAIN__TRANSACTION_TOO_LARGE when the compiled message would not fit. */
export function assertMessageFits(message: BuiltMessage): number {
  const transaction = compileOnce(message);
  const size = getTransactionSize(transaction);
  const limit = getTransactionSizeLimit(transaction);
  if (size > limit) throw new AppError('CHAIN__TRANSACTION_TOO_LARGE', { size, limit });
  return size;
}

/**
 * Signs with every key-pair signer in the message (server authority, derived mint key, ...) and
 * leaves no-op signers (the user's wallet) empty.
 */
export async function prepareTransaction(message: BuiltMessage): Promise<PreparedTransaction> {
  const size = assertMessageFits(message);
  const signers = getSignersFromTransactionMessage(message).filter(isTransactionPartialSigner);
  const transaction = await partiallySignTransactionWithSigners(signers, compileOnce(message));
  return describeTransaction(transaction, message.lifetimeConstraint.lastValidBlockHeight, size);
}

/** Fee payer signature (the transaction id) or undefined while unsigned. */
export function getFeePayerSignature(transaction: Transaction): Signature | undefined {
  const first = Object.values(transaction.signatures)[0];
  return first ? signature(base58.decode(first)) : undefined;
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
    wire: toWire(transaction),
    ...(signature ? { signature } : {}),
    missingSigners,
    lastValidBlockHeight,
    size,
  };
}
