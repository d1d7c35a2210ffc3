import { createPrivateKey, createPublicKey, sign } from 'node:crypto';

// node:crypto takes raw Ed25519 keys wrapped in DER: PKCS#8 for the seed; an SPKI export is a
// 12-byte prefix followed by the 32-byte public key.
const SPKI_PREFIX_LENGTH = 12;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Synchronous Ed25519 signer over node:crypto (the chain core is synchronous, like LiteSVM). */
export interface Ed25519Signer {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** A signer from a 32-byte secret seed. */
export function createEd25519Signer(seed: Uint8Array): Ed25519Signer {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return {
    publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX_LENGTH)),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}
