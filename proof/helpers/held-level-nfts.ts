import {
  address,
  createSolanaRpc,
  type Address,
  type GetAccountInfoApi,
  type GetTokenAccountsByOwnerApi,
  type Rpc,
} from '@solana/kit';
import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import { fetchMintInfo } from '../../apps/server/src/chain/fetch-mint-info.ts';

export type LevelNftRpc = Rpc<GetTokenAccountsByOwnerApi & GetAccountInfoApi>;

export const levelNftRpc = (rpcUrl: string): LevelNftRpc => createSolanaRpc(rpcUrl);

/**
 * The level NFTs a wallet holds on chain: every Token-2022 account it owns with a balance,
 * whose mint carries a `level` metadata field (badges carry none). The chain's answer, read
 * the way an explorer would, independent of what the database says.
 */
export async function heldLevelNfts(
  rpc: LevelNftRpc,
  wallet: string,
): Promise<Array<{ mint: Address; level: string }>> {
  const { value } = await rpc
    .getTokenAccountsByOwner(
      address(wallet),
      { programId: TOKEN_2022_PROGRAM_ADDRESS },
      { encoding: 'jsonParsed', commitment: 'confirmed' },
    )
    .send();
  const held: Array<{ mint: Address; level: string }> = [];
  for (const account of value) {
    const info = account.account.data.parsed.info;
    if (info.tokenAmount.amount === '0') continue;
    const mint = await fetchMintInfo(rpc, info.mint);
    const level = mint?.metadata?.additional.level;
    if (level !== undefined) held.push({ mint: info.mint, level });
  }
  return held;
}
