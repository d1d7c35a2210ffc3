import { randomBytes } from 'node:crypto';
import {
  createKeyPairSignerFromPrivateKeyBytes,
  createSignableMessage,
  getPublicKeyFromAddress,
  verifySignature,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { createSeedSigner, withNodeSigning } from './seed-signer.ts';

describe('seed signer (node crypto)', () => {
  it('has the address and signs exactly as kit’s key-pair signer of the same seed', async () => {
    const seed = randomBytes(32);
    const kitSigner = await createKeyPairSignerFromPrivateKeyBytes(new Uint8Array(seed));
    const fast = createSeedSigner(seed);
    expect(fast.address).toBe(kitSigner.address);

    const message = createSignableMessage('level 3 unlocked');
    const [ours] = await fast.signMessages([message]);
    const [theirs] = await kitSigner.signMessages([message]);
    // ed25519 is deterministic: the same key signs the same bytes the same way.
    expect(Buffer.from(ours![fast.address]!)).toEqual(Buffer.from(theirs![kitSigner.address]!));
    const publicKey = await getPublicKeyFromAddress(fast.address);
    expect(await verifySignature(publicKey, ours![fast.address]!, message.content)).toBe(true);
  });

  it('a platform key keeps its CryptoKeyPair and refuses a seed that is not its own', async () => {
    const seed = randomBytes(32);
    const kitSigner = await createKeyPairSignerFromPrivateKeyBytes(new Uint8Array(seed));
    const wrapped = withNodeSigning(kitSigner, seed);
    expect(wrapped.keyPair).toBe(kitSigner.keyPair);
    expect(wrapped.address).toBe(kitSigner.address);
    expect(() => withNodeSigning(kitSigner, randomBytes(32))).toThrow(RangeError);
    expect(() => createSeedSigner(randomBytes(31))).toThrow(RangeError);
  });
});
