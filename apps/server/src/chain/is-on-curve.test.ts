import fc from 'fast-check';
import { getAddressDecoder, isOffCurveAddress } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { isOnCurve } from './is-on-curve.ts';

const toAddress = getAddressDecoder();
const P = (1n << 255n) - 19n;
const littleEndian = (n: bigint, signBit: boolean) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  if (signBit) out[31]! |= 0x80;
  return out;
};

describe('isOnCurve', () => {
  it('agrees with kit for random bytes (about half are on the curve)', () => {
    let on = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const expected = !isOffCurveAddress(toAddress.decode(bytes));
        if (expected) on++;
        expect(isOnCurve(bytes)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(on).toBeGreaterThan(1000);
  });

  it('agrees with kit on the edges: y = 0, ±1, P and above, with and without the sign bit', () => {
    for (const y of [0n, 1n, P - 1n, P, P + 1n, (1n << 255n) - 1n, 2n, P - 2n])
      for (const signBit of [false, true]) {
        const bytes = littleEndian(y, signBit);
        expect(isOnCurve(bytes), `${y} ${signBit}`).toBe(!isOffCurveAddress(toAddress.decode(bytes)));
      }
  });
});
