import { createHash } from 'node:crypto';
import type { Address } from '@solana/kit';
import { addressBytes, encodeBase58 } from './base58.ts';
import { isOnCurve } from './is-on-curve.ts';

const PDA_MARKER = Buffer.from('ProgramDerivedAddress', 'utf8');
const MAX_SEED_BYTES = 32;
const MAX_SEEDS = 16;

/**
 * Kit's getProgramDerivedAddress (highest bump seed whose hash is off the curve) computed
 * synchronously: node's SHA-256 instead of a WebCrypto promise per bump, no error thrown per
 * on-curve bump, and base58 without BigInts. Undefined when the input is not one this path
 * takes (a bad address, too many or too long seeds, no viable bump): the caller then asks
 * kit, which answers or throws as it always has.
 */
export function deriveProgramAddress(
  programAddress: Address,
  seeds: readonly Uint8Array[],
): readonly [Address, number] | undefined {
  const program = addressBytes(programAddress);
  if (!program || seeds.length + 1 > MAX_SEEDS || seeds.some((s) => s.length > MAX_SEED_BYTES))
    return undefined;
  const bump = new Uint8Array(1);
  for (let seed = 255; seed > 0; seed--) {
    bump[0] = seed;
    const hash = createHash('sha256');
    for (const s of seeds) hash.update(s);
    const digest = hash.update(bump).update(program).update(PDA_MARKER).digest();
    if (!isOnCurve(digest)) return [encodeBase58(digest) as Address, seed];
  }
  return undefined;
}
