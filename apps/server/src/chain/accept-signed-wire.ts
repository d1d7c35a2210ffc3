import { createPublicKey, verify } from 'node:crypto';
import type {
  Address,
  Base64EncodedWireTransaction,
  Signature,
  SignatureBytes,
  Transaction,
} from '@solana/kit';
import { encodeBase58 } from './base58.ts';
import { ADDRESS_BYTES, SIGNATURE_BYTES, readMessageLayout, splitWire } from './wire-layout.ts';

/** What parseSignedTransaction returns for an accepted transaction. */
export type AcceptedSignedTransaction = Readonly<{
  transaction: Transaction;
  wire: Base64EncodedWireTransaction;
  signature: Signature;
}>;

const isZero = (bytes: Buffer) => bytes.every((b) => b === 0);

function verifies(key: Buffer, message: Buffer, signature: Buffer): boolean {
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') },
    format: 'jwk',
  });
  return verify(null, message, publicKey, signature);
}

/**
 * The common case of a wallet's answer, checked on the bytes: canonical base64, the prepared
 * message byte for byte, our signatures untouched and every other one present and valid.
 * Gives what kit's decode-and-compare path gives for such a transaction, and undefined for
 * anything else (the caller runs that path, which names the refusal).
 */
export function acceptSignedWire(
  signedBase64: string,
  expected: Base64EncodedWireTransaction,
  maxBase64Length: number,
): AcceptedSignedTransaction | undefined {
  if (typeof signedBase64 !== 'string' || signedBase64.length > maxBase64Length) return undefined;
  const signedBytes = Buffer.from(signedBase64, 'base64');
  if (signedBytes.toString('base64') !== signedBase64) return undefined;
  const preparedBytes = Buffer.from(expected, 'base64');
  const signed = splitWire(signedBytes);
  const prepared = splitWire(preparedBytes);
  if (!signed || !prepared || signed.signatureCount !== prepared.signatureCount) return undefined;
  if (!signed.message.equals(prepared.message)) return undefined;
  const { message } = signed;
  const layout = readMessageLayout(message);
  const count = signed.signatureCount;
  if (!layout || count === 0 || layout.numSigners !== count || layout.accountCount < count) return undefined;

  const keys = Array.from({ length: count }, (_, i) => {
    const at = layout.accountsOffset + i * ADDRESS_BYTES;
    return message.subarray(at, at + ADDRESS_BYTES);
  });
  // Kit keys signatures by address: a repeated signer is a case for its path.
  if (keys.some((k, i) => keys.findIndex((other) => other.equals(k)) !== i)) return undefined;
  const signatureAt = (wire: Buffer, i: number) =>
    wire.subarray(1 + i * SIGNATURE_BYTES, 1 + (i + 1) * SIGNATURE_BYTES);
  const signatures: Record<string, SignatureBytes> = {};
  for (const [i, key] of keys.entries()) {
    const theirs = signatureAt(signedBytes, i);
    const ours = signatureAt(preparedBytes, i);
    if (isZero(theirs)) return undefined;
    if (isZero(ours) ? !verifies(key, message, theirs) : !ours.equals(theirs)) return undefined;
    signatures[encodeBase58(key) as Address] = theirs as Uint8Array as SignatureBytes;
  }
  return {
    // The shape kit's decoder gives: views of the decoded bytes, signatures frozen.
    transaction: { messageBytes: message, signatures: Object.freeze(signatures) } as unknown as Transaction,
    wire: signedBase64 as Base64EncodedWireTransaction,
    signature: encodeBase58(signatureAt(signedBytes, 0)) as Signature,
  };
}
