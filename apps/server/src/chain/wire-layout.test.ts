import fc from 'fast-check';
import {
  AccountRole,
  appendTransactionMessageInstruction,
  compileTransaction,
  createNoopSigner,
  createTransactionMessage,
  getAddressDecoder,
  getBase58Decoder,
  getBase64EncodedWireTransaction,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  type Blockhash,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { encodeBase58 } from './base58.ts';
import { fromWire, getFeePayer, getFeePayerSignature } from './prepare-transaction.ts';
import { readFeePayer } from './wire-layout.ts';

const address = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => getAddressDecoder().decode(b));

/** Real compiled transactions (legacy and v0), the fee payer signed or not, other signers too. */
const wires = fc
  .record({
    version: fc.constantFrom('legacy' as const, 0 as const),
    feePayer: address,
    program: address,
    accounts: fc.array(
      fc.record({
        address,
        role: fc.constantFrom(
          AccountRole.READONLY,
          AccountRole.WRITABLE,
          AccountRole.READONLY_SIGNER,
          AccountRole.WRITABLE_SIGNER,
        ),
      }),
      {
        maxLength: 6,
      },
    ),
    blockhash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    feePayerSignature: fc.option(fc.uint8Array({ minLength: 64, maxLength: 64 }), { nil: undefined }),
    data: fc.uint8Array({ maxLength: 40 }),
  })
  .map((t) => {
    const message = pipe(
      createTransactionMessage({ version: t.version }),
      (m) => setTransactionMessageFeePayerSigner(createNoopSigner(t.feePayer), m),
      (m) =>
        setTransactionMessageLifetimeUsingBlockhash(
          { blockhash: getBase58Decoder().decode(t.blockhash) as Blockhash, lastValidBlockHeight: 1n },
          m,
        ),
      (m) =>
        appendTransactionMessageInstruction(
          { programAddress: t.program, accounts: t.accounts, data: t.data },
          m,
        ),
    );
    const compiled = compileTransaction(message);
    const signatures = { ...compiled.signatures };
    if (t.feePayerSignature) Object.assign(signatures, { [t.feePayer]: t.feePayerSignature });
    return getBase64EncodedWireTransaction({ ...compiled, signatures });
  });

describe('reading the fee payer from wire bytes', () => {
  it('finds the signature and address kit’s decoder finds', () => {
    fc.assert(
      fc.property(wires, (wire) => {
        const read = readFeePayer(Buffer.from(wire, 'base64'));
        expect(read).toBeDefined();
        const transaction = fromWire(wire);
        expect(read!.signature ? encodeBase58(read!.signature) : undefined).toBe(
          getFeePayerSignature(transaction),
        );
        expect(encodeBase58(read!.feePayer)).toBe(getFeePayer(transaction));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves bytes it cannot place to kit', () => {
    expect(readFeePayer(Buffer.alloc(0))).toBeUndefined();
    expect(readFeePayer(Buffer.from([1, ...new Uint8Array(64)]))).toBeUndefined();
    expect(readFeePayer(Buffer.from([0x85, 0]))).toBeUndefined();
  });
});
