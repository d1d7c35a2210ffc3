import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import {
  type Address,
  type KeyPairSigner,
  type MessagePartialSigner,
  type ReadonlyUint8Array,
  type SignatureBytes,
  type SignatureDictionary,
  type TransactionPartialSigner,
} from '@solana/kit';
import { encodeBase58 } from './base58.ts';

/** A JWK needs an `x`; node does not read it for a private key (see privateKeyOf). */
const UNREAD_PUBLIC_HALF = 'A'.repeat(43);

/** A signer holding an ed25519 seed as a node KeyObject: signs synchronously, in microseconds. */
export type SeedSigner = TransactionPartialSigner & MessagePartialSigner;

/**
 * The private key of a 32-byte seed. A JWK is node's one raw import: OpenSSL builds the key
 * from `d` alone and derives the public half itself (~70 µs), where decoding the same seed
 * as PKCS#8 DER costs ~500 µs. seed-signer.test.ts pins the address against kit's.
 */
function privateKeyOf(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('an ed25519 seed is 32 bytes');
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url'), x: UNREAD_PUBLIC_HALF },
    format: 'jwk',
  });
}

/**
 * Signing with node's crypto instead of WebCrypto: kit's key-pair signers import the key
 * (≈1.5 ms) and sign through WebCrypto's promise machinery (≈0.15 ms a signature); node signs
 * the same ed25519 message, with the same result, in a few microseconds. The seed is copied
 * into the key object; the caller may zero its buffer.
 */
function nodeSigning(key: KeyObject, address: Address) {
  // Read-only views of the bytes: node only reads them.
  const signBytes = (bytes: ReadonlyUint8Array) =>
    sign(null, bytes as Uint8Array, key) as Uint8Array as SignatureBytes;
  const signTransactions: TransactionPartialSigner['signTransactions'] = (transactions) =>
    Promise.resolve(
      transactions.map((t): SignatureDictionary => Object.freeze({ [address]: signBytes(t.messageBytes) })),
    );
  const signMessages: MessagePartialSigner['signMessages'] = (messages) =>
    Promise.resolve(
      messages.map((m): SignatureDictionary => Object.freeze({ [address]: signBytes(m.content) })),
    );
  return { signTransactions, signMessages };
}

/** The signer of an ed25519 seed (a derived mint key). */
export function createSeedSigner(seed: Uint8Array): SeedSigner {
  const key = privateKeyOf(seed);
  const { x } = key.export({ format: 'jwk' });
  if (!x) throw new RangeError('ed25519 key without a public half');
  const address = encodeBase58(Buffer.from(x, 'base64url')) as Address;
  return Object.freeze({ address, ...nodeSigning(key, address) });
}

/**
 * `signer` (a platform key loaded by kit) signing through node's crypto from now on; still a
 * KeyPairSigner with its CryptoKeyPair for code that asks for one.
 */
export function withNodeSigning(signer: KeyPairSigner, seed: Uint8Array): KeyPairSigner {
  const fast = createSeedSigner(seed);
  if (fast.address !== signer.address) throw new RangeError('the seed is not this signer’s key');
  return Object.freeze({
    ...signer,
    signTransactions: fast.signTransactions,
    signMessages: fast.signMessages,
  });
}
