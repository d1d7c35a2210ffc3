import {
  type Address,
  type Base64EncodedWireTransaction,
  type ReadonlyUint8Array,
  type Signature,
  type SignatureBytes,
  type Transaction,
} from '@solana/kit';
import type { ErrorContext } from '@insignia/contract';
import { AppError } from '../errors/app-error.ts';
import { fromWire, getFeePayerSignature, toWire } from './prepare-transaction.ts';
import { verifyEd25519 } from './verify-ed25519.ts';
import { acceptSignedWire } from './accept-signed-wire.ts';

const MAX_WIRE_BYTES = 1232;
const MAX_BASE64_LENGTH = Math.ceil(MAX_WIRE_BYTES / 3) * 4 + 4;

export type SignedTransaction = Readonly<{
  transaction: Transaction;
  wire: Base64EncodedWireTransaction;
  signature: Signature;
}>;

function mismatch(
  reason: ErrorContext<'CHAIN__SIGNED_TRANSACTION_MISMATCH'>['reason'],
  signer?: Address,
): never {
  throw new AppError('CHAIN__SIGNED_TRANSACTION_MISMATCH', { reason, ...(signer ? { signer } : {}) });
}

function decodeWire(base64: string): Transaction {
  if (typeof base64 !== 'string' || base64.length > MAX_BASE64_LENGTH) mismatch('malformed');
  let transaction: Transaction;
  try {
    transaction = fromWire(base64);
  } catch {
    return mismatch('malformed');
  }
  // Lenient base64 or trailing bytes would re-encode differently.
  if (toWire(transaction) !== base64) mismatch('malformed');
  return transaction;
}

function sameBytes(a: ReadonlyUint8Array, b: ReadonlyUint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Parses a signed transaction coming back from a browser wallet and checks it is the one we
 * prepared: identical message bytes, our signatures untouched, every other signature present and
 * valid. Wallets that rewrite the message (e.g. add priority-fee instructions) fail with
 * `message_changed`; the caller can then accept the wallet-sent signature path instead.
 */
export function parseSignedTransaction(
  signedBase64: string,
  expected: Transaction | Base64EncodedWireTransaction,
): Promise<SignedTransaction> {
  // Synchronous work, answered as a promise: a refusal reaches callers as a rejection.
  try {
    return Promise.resolve(parse(signedBase64, expected));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function parse(
  signedBase64: string,
  expected: Transaction | Base64EncodedWireTransaction,
): SignedTransaction {
  // Most answers are the prepared bytes plus the wallet's signature: checked on the bytes.
  const accepted =
    typeof expected === 'string' ? acceptSignedWire(signedBase64, expected, MAX_BASE64_LENGTH) : undefined;
  if (accepted) return accepted;
  const signed = decodeWire(signedBase64);
  const prepared = typeof expected === 'string' ? fromWire(expected) : expected;
  if (!sameBytes(signed.messageBytes, prepared.messageBytes)) mismatch('message_changed');

  for (const [signer, ours] of Object.entries(prepared.signatures) as [Address, SignatureBytes | null][]) {
    const theirs = signed.signatures[signer];
    if (theirs == null) mismatch('signature_missing', signer);
    if (ours != null) {
      if (!sameBytes(ours, theirs)) mismatch('signature_changed', signer);
      continue;
    }
    if (!verifyEd25519(signer, signed.messageBytes, theirs)) mismatch('signature_invalid', signer);
  }
  const signature = getFeePayerSignature(signed);
  // Every signer's signature was checked present above; a transaction has a fee payer.
  if (!signature) mismatch('signature_missing');
  return { transaction: signed, wire: signedBase64 as Base64EncodedWireTransaction, signature };
}
