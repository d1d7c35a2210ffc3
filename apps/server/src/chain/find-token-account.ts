import type { Address } from '@solana/kit';
import {
  ASSOCIATED_TOKEN_PROGRAM_ADDRESS,
  TOKEN_2022_PROGRAM_ADDRESS,
  findAssociatedTokenPda,
} from '@solana-program/token-2022';
import { createPromiseMemo } from '../cache/promise-memo.ts';
import { addressBytes } from './base58.ts';
import { deriveProgramAddress } from './derive-program-address.ts';

/**
 * A request's token account is derived when its transaction is built and again when the chain
 * is read for it, so recent ones are remembered. Each unlock has a new mint, so the build
 * always derives: that is done synchronously (deriveProgramAddress, ~0.1 ms) rather than
 * through kit's WebCrypto path (~0.5 ms), which stays for inputs the fast path refuses.
 */
const recent = createPromiseMemo<string, Address>(4_096);

const TOKEN_2022_BYTES = addressBytes(TOKEN_2022_PROGRAM_ADDRESS);

/** The Token-2022 associated token account of `owner` for `mint`. */
export function findTokenAccount(owner: Address, mint: Address): Promise<Address> {
  return recent(`${owner}:${mint}`, async () => {
    const ownerBytes = addressBytes(owner);
    const mintBytes = addressBytes(mint);
    const fast =
      ownerBytes &&
      mintBytes &&
      TOKEN_2022_BYTES &&
      deriveProgramAddress(ASSOCIATED_TOKEN_PROGRAM_ADDRESS, [ownerBytes, TOKEN_2022_BYTES, mintBytes]);
    if (fast) return fast[0];
    const [ata] = await findAssociatedTokenPda({ owner, mint, tokenProgram: TOKEN_2022_PROGRAM_ADDRESS });
    return ata;
  });
}
