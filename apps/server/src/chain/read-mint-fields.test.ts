import fc from 'fast-check';
import { address, getAddressDecoder, none, some, type Address } from '@solana/kit';
import { extension, getMintEncoder } from '@solana-program/token-2022';
import { describe, expect, it } from 'vitest';
import { mintInfoByKit, toMintInfo } from './fetch-mint-info.ts';
import { readMintFields } from './read-mint-fields.ts';

const MINT = address('So11111111111111111111111111111111111111112');
const addresses = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => getAddressDecoder().decode(b));
const zeroAddress = address('11111111111111111111111111111111');
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '\u0000pad\u0000', '\uFEFFbom', 'é✓🙂'),
);

/** A mint as Token-2022 lays it out, with any mix of the extensions the app reads and some it skips. */
const mints = fc
  .record({
    mintAuthority: fc.option(addresses, { nil: null }),
    freezeAuthority: fc.option(addresses, { nil: null }),
    supply: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    decimals: fc.integer({ min: 0, max: 255 }),
    closeAuthority: fc.option(fc.oneof(addresses, fc.constant(zeroAddress)), { nil: undefined }),
    nonTransferable: fc.boolean(),
    permanentDelegate: fc.option(addresses, { nil: undefined }),
    metadataPointer: fc.boolean(),
    metadata: fc.option(
      fc.record({
        updateAuthority: fc.option(addresses, { nil: null }),
        name: text,
        symbol: text,
        uri: text,
        additional: fc.array(fc.tuple(text, text), { maxLength: 4 }),
      }),
      { nil: undefined },
    ),
  })
  .map((m) => {
    const extensions = [
      ...(m.closeAuthority ? [extension('MintCloseAuthority', { closeAuthority: m.closeAuthority })] : []),
      ...(m.metadataPointer
        ? [extension('MetadataPointer', { authority: some(MINT), metadataAddress: some(MINT) })]
        : []),
      ...(m.nonTransferable ? [extension('NonTransferable', {})] : []),
      ...(m.permanentDelegate ? [extension('PermanentDelegate', { delegate: m.permanentDelegate })] : []),
      ...(m.metadata
        ? [
            extension('TokenMetadata', {
              updateAuthority: m.metadata.updateAuthority ? some(m.metadata.updateAuthority) : none(),
              mint: MINT,
              name: m.metadata.name,
              symbol: m.metadata.symbol,
              uri: m.metadata.uri,
              additionalMetadata: new Map(m.metadata.additional),
            }),
          ]
        : []),
    ];
    return getMintEncoder().encode({
      mintAuthority: m.mintAuthority ? some(m.mintAuthority) : none(),
      supply: m.supply,
      decimals: m.decimals,
      isInitialized: true,
      freezeAuthority: m.freezeAuthority ? some(m.freezeAuthority) : none(),
      extensions: extensions.length > 0 || m.metadataPointer ? some(extensions) : none(),
    });
  });

const account = (data: Uint8Array) => ({
  exists: true as const,
  address: MINT as Address,
  data,
  executable: false,
  lamports: 1n as never,
  programAddress: MINT,
  space: BigInt(data.length),
});

describe('reading a Token-2022 mint from its bytes', () => {
  it('says what kit’s decoder says, for any mix of extensions', () => {
    fc.assert(
      fc.property(mints, (bytes) => {
        const fields = readMintFields(bytes);
        expect(fields).toBeDefined();
        expect({ address: MINT, ...fields }).toEqual(mintInfoByKit(account(new Uint8Array(bytes))));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves a shape it does not know to kit, which still reads it or refuses it', () => {
    const bytes = new Uint8Array(
      getMintEncoder().encode({
        mintAuthority: none(),
        supply: 1n,
        decimals: 0,
        isInitialized: true,
        freezeAuthority: none(),
        extensions: some([extension('NonTransferable', {})]),
      }),
    );
    const wrongType = bytes.slice();
    wrongType[165] = 2; // an account, not a mint
    expect(readMintFields(wrongType)).toBeUndefined();
    expect(() => toMintInfo(account(wrongType))).toThrow();
    const cut = bytes.slice(0, bytes.length - 1); // an extension's length runs past the end
    expect(readMintFields(cut)).toBeUndefined();
    expect(() => toMintInfo(account(cut))).toThrow();
    const badTag = bytes.slice();
    badTag[0] = 7; // an option tag that is neither none nor some
    expect(readMintFields(badTag)).toBeUndefined();
  });
});
