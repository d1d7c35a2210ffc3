import { createPublicKey, verify } from 'node:crypto';
import { getAddressEncoder, getBase58Encoder, isAddress } from '@solana/kit';

/** Verifies a base58 ed25519 signature of `message` (UTF-8) by the wallet at `address`. */
export function verifyWalletSignature(address: string, message: string, signatureBase58: string): boolean {
  if (!isAddress(address)) return false;
  let signature: Uint8Array;
  try {
    signature = Uint8Array.from(getBase58Encoder().encode(signatureBase58));
  } catch {
    return false;
  }
  if (signature.length !== 64) return false;
  const publicKey = createPublicKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(getAddressEncoder().encode(address)).toString('base64url'),
    },
    format: 'jwk',
  });
  return verify(null, Buffer.from(message, 'utf8'), publicKey, signature);
}
