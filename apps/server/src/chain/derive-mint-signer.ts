import { hkdfSync } from 'node:crypto';
import { createPromiseMemo, type PromiseMemo } from '../cache/promise-memo.ts';
import { createSeedSigner, type SeedSigner } from './seed-signer.ts';

const SALT = Buffer.from('insignia/mint-key/v1', 'utf8');
const MIN_SECRET_BYTES = 32;

/**
 * Derives the ed25519 seed for a mint keypair with HKDF-SHA256 from a server secret, a purpose
 * (e.g. `level-nft`, `badge-mint`) and a request id. Same inputs → same 32 bytes, so a retried
 * request always targets the same mint address and can never create a second one.
 */
export function deriveMintSeed(secret: Uint8Array, purpose: string, requestId: string): Uint8Array {
  if (secret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`mint secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (purpose.length === 0 || purpose.includes('\0')) throw new RangeError('invalid mint key purpose');
  if (requestId.length === 0) throw new RangeError('request id must not be empty');
  // `purpose` has no NUL, so `purpose \0 requestId` is unambiguous.
  const info = Buffer.concat([
    Buffer.from(purpose, 'utf8'),
    Buffer.from([0]),
    Buffer.from(requestId, 'utf8'),
  ]);
  return new Uint8Array(hkdfSync('sha256', secret, SALT, info, 32));
}

/**
 * {@link deriveMintSeed} turned into a signer. A request derives its mint key when it is
 * created and again when its transaction is built: the last few hundred are remembered.
 */
export function deriveMintSigner(
  secret: Uint8Array,
  purpose: string,
  requestId: string,
): Promise<SeedSigner> {
  let recent = recentSigners.get(secret);
  if (!recent) recentSigners.set(secret, (recent = createPromiseMemo(SIGNERS_KEPT)));
  return recent(`${purpose}\0${requestId}`, () => {
    const seed = deriveMintSeed(secret, purpose, requestId);
    try {
      return Promise.resolve(createSeedSigner(seed));
    } finally {
      seed.fill(0);
    }
  });
}

const SIGNERS_KEPT = 256;
const recentSigners = new WeakMap<Uint8Array, PromiseMemo<string, SeedSigner>>();
