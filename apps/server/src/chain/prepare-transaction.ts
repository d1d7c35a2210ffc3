import {
  address,
  getTransactionDecoder,
  getTransactionEncoder,
  compileTransaction,
  compileTransactionMessage,
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
  type TransactionMessageBytes,
} from '@solana/kit';
import type { BuiltMessage } from './create-base-message.ts';
import { encodeCompiledMessage } from './encode-compiled-message.ts';
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
  const bytes = signaturesFirstBytes(transaction) ?? transactionEncoder.encode(transaction);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'base64',
  ) as Base64EncodedWireTransaction;
}

/** Legacy and v0 messages go on the wire after their signatures (v1 before). */
const isLegacyOrV0 = (messageBytes: Transaction['messageBytes']) => (messageBytes[0] ?? 0xff) <= 0x80;

/**
 * What kit's encoder writes for a legacy or v0 transaction, without composing its codecs:
 * the signature count (one byte below 128), each signature or 64 zero bytes, the message.
 * Undefined for any other shape, which kit encodes (or refuses) itself.
 */
function signaturesFirstBytes(transaction: Transaction): Uint8Array | undefined {
  const { messageBytes } = transaction;
  const signatures = Object.values(transaction.signatures);
  const count = signatures.length;
  if (count === 0 || count >= 0x80 || !isLegacyOrV0(messageBytes)) return undefined;
  if (signatures.some((s) => s != null && s.length !== 64)) return undefined;
  const bytes = new Uint8Array(1 + count * 64 + messageBytes.length);
  bytes[0] = count;
  for (const [i, signature] of signatures.entries()) if (signature) bytes.set(signature, 1 + i * 64);
  bytes.set(messageBytes, 1 + count * 64);
  return bytes;
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

/** The message compiled, once per message object: what kit's compileTransaction returns. */
export function compileMessage(message: BuiltMessage): Transaction {
  let transaction = compiled.get(message);
  if (!transaction) compiled.set(message, (transaction = compile(message)));
  return transaction;
}

/**
 * Kit's compileTransaction, with the message bytes written by encodeCompiledMessage: kit's own
 * encoder was most of the cost. Kit compiles whatever that does not write.
 */
function compile(message: BuiltMessage): Transaction {
  const compiledMessage = compileTransactionMessage(message);
  const messageBytes = encodeCompiledMessage(compiledMessage);
  const { lifetimeConstraint } = message;
  if (!messageBytes || !('blockhash' in lifetimeConstraint)) return compileTransaction(message);
  const signatures: Record<Address, null> = {};
  for (const signer of compiledMessage.staticAccounts.slice(0, compiledMessage.header.numSignerAccounts))
    signatures[signer] = null;
  return Object.freeze({
    lifetimeConstraint: {
      blockhash: lifetimeConstraint.blockhash,
      lastValidBlockHeight: lifetimeConstraint.lastValidBlockHeight,
    },
    messageBytes: messageBytes as unknown as TransactionMessageBytes,
    signatures: Object.freeze(signatures),
  });
}

/** Records `transaction` as what kit compiles `message` to (a message template made both). */
export function rememberCompiled(message: BuiltMessage, transaction: Transaction): void {
  compiled.set(message, transaction);
}

/**
 * Kit's getTransactionSize builds an encoder per call; for a signatures-first transaction the
 * size is the compact-u16 count, the signatures and the message.
 */
function transactionSize(transaction: Transaction): number {
  const count = Object.keys(transaction.signatures).length;
  const { messageBytes } = transaction;
  if (count === 0 || count >= 0x80 || !isLegacyOrV0(messageBytes)) return getTransactionSize(transaction);
  return 1 + count * 64 + messageBytes.length;
}

/** Throws CHAIN__TRANSACTION_TOO_LARGE when the compiled message would not fit. */
export function assertMessageFits(message: BuiltMessage): number {
  const transaction = compileMessage(message);
  const size = transactionSize(transaction);
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
  const transaction = await partiallySignTransactionWithSigners(signers, compileMessage(message));
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
