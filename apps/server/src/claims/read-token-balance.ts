import type { Address, GetAccountInfoApi, Rpc } from '@solana/kit';
import { fetchMaybeToken } from '@solana-program/token-2022';
import { findTokenAccount } from '../chain/find-token-account.ts';

/** How many units of `mint` the associated token account of `owner` holds; 0 when it has none. */
export async function readTokenBalance(
  rpc: Rpc<GetAccountInfoApi>,
  owner: Address,
  mint: Address,
): Promise<bigint> {
  const account = await fetchMaybeToken(rpc, await findTokenAccount(owner, mint));
  return account.exists ? account.data.amount : 0n;
}
