import fc from 'fast-check';
import { getBase58Decoder, getBase58Encoder, isAddress } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { addressBytes, decodeBase58, encodeBase58 } from './base58.ts';

const kitText = getBase58Decoder(); // bytes -> text
const kitBytes = getBase58Encoder(); // text -> bytes

/** Byte strings with runs of leading zeros, the case base58 treats specially. */
const bytes = fc
  .tuple(fc.nat({ max: 5 }), fc.uint8Array({ maxLength: 70 }))
  .map(([zeros, rest]) => new Uint8Array([...new Uint8Array(zeros), ...rest]));

describe('base58', () => {
  it('encodes and decodes exactly as kit’s codec', () => {
    fc.assert(
      fc.property(bytes, (value) => {
        const text = kitText.decode(value);
        expect(encodeBase58(value)).toBe(text);
        expect(decodeBase58(text, value.length)).toEqual(new Uint8Array(kitBytes.encode(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an address only where kit does, to the same 32 bytes', () => {
    const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+ ';
    const text = fc.string({ unit: fc.constantFrom(...Array.from(alphabet)), minLength: 30, maxLength: 46 });
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          bytes.map((b) => kitText.decode(b)),
        ),
        (candidate) => {
          const ours = addressBytes(candidate);
          expect(ours !== undefined).toBe(isAddress(candidate));
          if (ours) expect(ours).toEqual(new Uint8Array(kitBytes.encode(candidate)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
