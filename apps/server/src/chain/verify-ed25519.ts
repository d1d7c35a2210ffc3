import { createPublicKey, verify } from 'node:crypto';
import { getAddressEncoder, type Address, type ReadonlyUint8Array } from '@solana/kit';

const addressEncoder = getAddressEncoder();

/**
 * Whether `signature` is `signer`'s ed25519 signature of `message`. Node's crypto, synchronous:
 * WebCrypto's import-then-verify costs several times more for the same answer.
 */
export function verifyEd25519(
  signer: Address,
  message: ReadonlyUint8Array,
  signature: ReadonlyUint8Array,
): boolean {
  if (signature.length !== 64) return false;
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(addressEncoder.encode(signer)).toString('base64url') },
    format: 'jwk',
  });
  return verify(null, message as Uint8Array, publicKey, signature as Uint8Array);
}
