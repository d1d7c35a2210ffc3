import fc from 'fast-check';
import {
  AccountRole,
  appendTransactionMessageInstructions,
  blockhash,
  compileTransaction,
  compressTransactionMessageUsingAddressLookupTables,
  createTransactionMessage,
  generateKeyPairSigner,
  getAddressDecoder,
  getBase58Decoder,
  getCompiledTransactionMessageEncoder,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  type Address,
  type CompiledTransactionMessage,
  type Instruction,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import type { BuiltMessage } from './create-base-message.ts';
import { encodeCompiledMessage } from './encode-compiled-message.ts';
import { packBadgeIssuances } from './pack-badge-issuances.ts';
import { compileMessage } from './prepare-transaction.ts';

const kitEncoder = getCompiledTransactionMessageEncoder();
const address = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => getAddressDecoder().decode(b));
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => getBase58Decoder().decode(b));

/** Compiled messages of both versions kit and this encoder share, with indexes up to `maxIndex`. */
const compiledMessage = (maxIndex: number) =>
  fc
    .record({
      version: fc.constantFrom('legacy' as const, 0 as const),
      header: fc.record({
        numSignerAccounts: fc.integer({ min: 0, max: 255 }),
        numReadonlySignerAccounts: fc.integer({ min: 0, max: 255 }),
        numReadonlyNonSignerAccounts: fc.integer({ min: 0, max: 255 }),
      }),
      staticAccounts: fc.array(address, { maxLength: 40 }),
      lifetimeToken: fc.option(hash, { nil: undefined }),
      instructions: fc.array(
        fc.record(
          {
            programAddressIndex: fc.integer({ min: 0, max: maxIndex }),
            accountIndices: fc.array(fc.integer({ min: 0, max: maxIndex }), { maxLength: 140 }),
            data: fc.uint8Array({ maxLength: 300 }),
          },
          { requiredKeys: ['programAddressIndex'] },
        ),
        { maxLength: 12 },
      ),
      addressTableLookups: fc.array(
        fc.record({
          lookupTableAddress: address,
          writableIndexes: fc.array(fc.integer({ min: 0, max: maxIndex }), { maxLength: 140 }),
          readonlyIndexes: fc.array(fc.integer({ min: 0, max: maxIndex }), { maxLength: 10 }),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ version, addressTableLookups, lifetimeToken, ...rest }) => ({
      ...rest,
      version,
      ...(lifetimeToken === undefined ? {} : { lifetimeToken }),
      ...(version === 0 ? { addressTableLookups } : {}),
    })) as fc.Arbitrary<CompiledTransactionMessage & { lifetimeToken?: string }>;

function kitOutcome(message: CompiledTransactionMessage) {
  try {
    return { bytes: new Uint8Array(kitEncoder.encode(message)) };
  } catch {
    return { threw: true };
  }
}

describe('encodeCompiledMessage', () => {
  it('writes the bytes kit’s encoder writes for legacy and v0 messages', () => {
    fc.assert(
      fc.property(compiledMessage(255), (message) => {
        expect(encodeCompiledMessage(message)).toEqual(kitOutcome(message).bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves to kit exactly the messages kit refuses (an index past one byte)', () => {
    fc.assert(
      fc.property(compiledMessage(300), (message) => {
        const kit = kitOutcome(message);
        const ours = encodeCompiledMessage(message);
        if (kit.threw) expect(ours).toBeUndefined();
        else expect(ours).toEqual(kit.bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a key that is not an address, and a v1 message, to kit', () => {
    const legacy = {
      version: 'legacy',
      header: { numSignerAccounts: 1, numReadonlySignerAccounts: 0, numReadonlyNonSignerAccounts: 0 },
      instructions: [],
    };
    expect(
      encodeCompiledMessage({
        ...legacy,
        staticAccounts: ['not-an-address' as Address],
      } as CompiledTransactionMessage),
    ).toBeUndefined();
    expect(
      encodeCompiledMessage({
        ...legacy,
        version: 1,
        staticAccounts: [],
      } as unknown as CompiledTransactionMessage),
    ).toBeUndefined();
  });
});

describe('compileMessage', () => {
  const lifetime = {
    blockhash: blockhash('4vJ9JU1bJJE96FWSJKvHsmmFADCg4gpZQff4P3bkLKi'),
    lastValidBlockHeight: 99n,
  };

  it('compiles issuance transactions (wallets and the vault) exactly as kit does', async () => {
    const authority = await generateKeyPairSigner();
    const mint = (await generateKeyPairSigner()).address;
    const vault = (await generateKeyPairSigner()).address;
    const owners = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => (i % 2 ? vault : (await generateKeyPairSigner()).address)),
    );
    const batches = await packBadgeIssuances({
      feePayer: authority,
      mintAuthority: authority,
      items: owners.map((owner, i) => ({ id: String(i), mint, owner, memo: `bafy-memo-${i}` })),
      lifetime,
      computeBudget: { unitLimit: 400_000, unitPriceMicroLamports: 5n },
    });
    expect(batches.length).toBeGreaterThan(1);
    for (const { message } of batches) expect(compileMessage(message)).toEqual(compileTransaction(message));
  });

  it('compiles any instructions, with and without address lookup tables, as kit does', async () => {
    const feePayer = await generateKeyPairSigner();
    const role = fc.constantFrom(AccountRole.READONLY, AccountRole.WRITABLE);
    const instruction: fc.Arbitrary<Instruction> = fc.record({
      programAddress: address,
      accounts: fc.array(fc.record({ address, role }), { maxLength: 8 }),
      data: fc.uint8Array({ maxLength: 200 }),
    });
    let withLookups = 0;
    fc.assert(
      fc.property(
        fc.array(instruction, { maxLength: 6 }),
        fc.constantFrom('legacy' as const, 0 as const),
        fc.boolean(),
        (instructions, version, useLookupTable) => {
          let message = pipe(
            createTransactionMessage({ version }),
            (m) => setTransactionMessageFeePayerSigner(feePayer, m),
            (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
            (m) => appendTransactionMessageInstructions(instructions, m),
          ) as unknown as BuiltMessage;
          if (version === 0 && useLookupTable) {
            const table = 'AddressLookupTab1e1111111111111111111111111' as Address;
            const held = instructions.flatMap((ix) => (ix.accounts ?? []).map((a) => a.address));
            message = compressTransactionMessageUsingAddressLookupTables(message, { [table]: held });
            if (message.instructions.some((ix) => ix.accounts?.some((a) => 'lookupTableAddress' in a)))
              withLookups += 1;
          }
          expect(compileMessage(message)).toEqual(compileTransaction(message));
        },
      ),
      { numRuns: 100 },
    );
    expect(withLookups).toBeGreaterThan(0);
  });
});
