import fc from 'fast-check';
import {
  getAddressDecoder,
  getBase64EncodedWireTransaction,
  getTransactionSize,
  type Transaction,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { toWire } from './prepare-transaction.ts';

/** Transactions of every envelope kit knows, with signatures present, missing or odd-sized. */
const transaction = fc
  .record({
    first: fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0x81),
    rest: fc.uint8Array({ minLength: 3, maxLength: 300 }),
    signatures: fc.array(
      fc.record({
        key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        signature: fc.option(fc.uint8Array({ minLength: 64, maxLength: 64 })),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ first, rest, signatures }) => {
    const messageBytes = new Uint8Array([first, signatures.length, ...rest]);
    const map = Object.fromEntries(signatures.map((s) => [getAddressDecoder().decode(s.key), s.signature]));
    return { messageBytes, signatures: map } as unknown as Transaction;
  });

function kitOutcome(run: () => unknown) {
  try {
    return { value: run() };
  } catch (e) {
    return { error: String(e) };
  }
}

describe('toWire', () => {
  it('writes the bytes kit’s encoder writes, or fails as it does', () => {
    fc.assert(
      fc.property(transaction, (tx) => {
        expect(kitOutcome(() => toWire(tx))).toEqual(kitOutcome(() => getBase64EncodedWireTransaction(tx)));
        if (tx.messageBytes[0]! <= 0x80)
          expect(Buffer.from(toWire(tx), 'base64').length).toBe(getTransactionSize(tx));
      }),
      { numRuns: 500 },
    );
  });
});
