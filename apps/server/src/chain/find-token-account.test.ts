import fc from 'fast-check';
import { getAddressDecoder } from '@solana/kit';
import { TOKEN_2022_PROGRAM_ADDRESS, findAssociatedTokenPda } from '@solana-program/token-2022';
import { describe, expect, it } from 'vitest';
import { findTokenAccount } from './find-token-account.ts';

const address = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => getAddressDecoder().decode(b));

describe('findTokenAccount', () => {
  it('derives the associated token account kit derives', async () => {
    await fc.assert(
      fc.asyncProperty(address, address, async (owner, mint) => {
        const [expected] = await findAssociatedTokenPda({
          owner,
          mint,
          tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
        });
        expect(await findTokenAccount(owner, mint)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what kit refuses, with kit’s error', async () => {
    const mint = getAddressDecoder().decode(new Uint8Array(32).fill(3));
    const owner = 'not-an-address' as Parameters<typeof findTokenAccount>[0];
    const kit = await findAssociatedTokenPda({ owner, mint, tokenProgram: TOKEN_2022_PROGRAM_ADDRESS }).catch(
      (e: unknown) => e,
    );
    await expect(findTokenAccount(owner, mint)).rejects.toEqual(kit);
  });
});
