import type { Address } from '@solana/kit';
import { TOKEN_2022_PROGRAM_ADDRESS, findAssociatedTokenPda } from '@solana-program/token-2022';
import { createPromiseMemo } from '../cache/promise-memo.ts';

/**
 * A request's token account is derived when its transaction is built and again when the chain
 * is read for it; each derivation (SHA-256 and an off-curve check in JavaScript) costs about
 * half a millisecond, so recent ones are remembered.
 */
const recent = createPromiseMemo<string, Address>(4_096);

/** The Token-2022 associated token account of `owner` for `mint`. */
export function findTokenAccount(owner: Address, mint: Address): Promise<Address> {
  return recent(`${owner}:${mint}`, async () => {
    const [ata] = await findAssociatedTokenPda({ owner, mint, tokenProgram: TOKEN_2022_PROGRAM_ADDRESS });
    return ata;
  });
}
