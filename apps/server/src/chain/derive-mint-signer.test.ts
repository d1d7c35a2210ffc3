import { createKeyPairSignerFromPrivateKeyBytes } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { deriveMintSeed, deriveMintSigner } from './derive-mint-signer.ts';

const secret = new Uint8Array(32).fill(7);

describe('deriveMintSigner', () => {
  it('returns the same address for the same secret, purpose and request id', async () => {
    const a = await deriveMintSigner(secret, 'level-nft', 'req-1');
    const b = await deriveMintSigner(secret, 'level-nft', 'req-1');
    expect(a.address).toBe(b.address);
  });

  it('derives the address kit derives from the same seed (mints made before stay found)', async () => {
    const seed = deriveMintSeed(secret, 'level-nft', 'req-shared');
    const kitSigner = await createKeyPairSignerFromPrivateKeyBytes(seed);
    expect((await deriveMintSigner(secret, 'level-nft', 'req-shared')).address).toBe(kitSigner.address);
  });

  it('differs by request id, purpose and secret', async () => {
    const base = (await deriveMintSigner(secret, 'level-nft', 'req-1')).address;
    expect((await deriveMintSigner(secret, 'level-nft', 'req-2')).address).not.toBe(base);
    expect((await deriveMintSigner(secret, 'badge-mint', 'req-1')).address).not.toBe(base);
    expect((await deriveMintSigner(new Uint8Array(32).fill(8), 'level-nft', 'req-1')).address).not.toBe(base);
  });

  it('keeps purpose and request id apart (no concatenation collisions)', () => {
    const a = Buffer.from(deriveMintSeed(secret, 'ab', 'c')).toString('hex');
    const b = Buffer.from(deriveMintSeed(secret, 'a', 'bc')).toString('hex');
    expect(a).not.toBe(b);
  });

  it('is a pure function of its inputs (HKDF-SHA256 seed is stable)', () => {
    expect(deriveMintSeed(secret, 'level-nft', 'req-1')).toEqual(
      deriveMintSeed(secret, 'level-nft', 'req-1'),
    );
    expect(deriveMintSeed(secret, 'level-nft', 'req-1')).toHaveLength(32);
  });

  it('rejects short secrets and empty ids', () => {
    expect(() => deriveMintSeed(new Uint8Array(16), 'level-nft', 'r')).toThrow(RangeError);
    expect(() => deriveMintSeed(secret, 'level-nft', '')).toThrow(RangeError);
    expect(() => deriveMintSeed(secret, 'a\0b', 'r')).toThrow(RangeError);
  });
});
