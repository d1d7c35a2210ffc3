import { generateKeyPairSigner } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { getTokenMintSizes } from './get-create-token-mint-instructions.ts';

const metadata = { name: 'Insignia L2 Silver', symbol: 'INSIG', uri: 'ipfs://bafy-level-2' };

describe('token mint sizes (remembered per shape)', () => {
  it('are the same for any mint and authority, and follow the metadata text and extensions', async () => {
    const spec = async (overrides: object = {}) => ({
      mint: (await generateKeyPairSigner()).address,
      authority: await generateKeyPairSigner(),
      metadata,
      closeAuthority: (await generateKeyPairSigner()).address,
      nonTransferable: true,
      ...overrides,
    });
    const first = getTokenMintSizes(await spec());
    expect(getTokenMintSizes(await spec())).toEqual(first);

    // Four more bytes of URI: four more bytes of metadata, same fixed part.
    const longer = getTokenMintSizes(await spec({ metadata: { ...metadata, uri: `${metadata.uri}-abc` } }));
    expect(longer).toEqual({ space: first.space, fullSize: first.fullSize + 4 });

    // An extra field and one extension fewer change the sizes the way Token-2022 lays them out.
    const withField = getTokenMintSizes(
      await spec({ metadata: { ...metadata, additional: { level: '2' } } }),
    );
    expect(withField.fullSize).toBeGreaterThan(first.fullSize);
    const transferable = getTokenMintSizes(await spec({ nonTransferable: false }));
    expect(transferable.space).toBeLessThan(first.space);
    // PermanentDelegate (badge mints): a fixed 36 bytes (type, length, address) in both sizes.
    const delegated = getTokenMintSizes(
      await spec({ permanentDelegate: (await generateKeyPairSigner()).address }),
    );
    expect(delegated).toEqual({ space: first.space + 36, fullSize: first.fullSize + 36 });
  });
});
