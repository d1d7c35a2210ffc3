import type { Address, GetMultipleAccountsApi, Rpc } from '@solana/kit';
import type { OnChainHolder } from '@insignia/contract';
import { readTokenBalances } from '../badges/read-token-balances.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';

type HolderKind = NonNullable<OnChainHolder['kind']>;

const unreachable = (): OnChainHolder => ({
  state: 'unreachable',
  address: null,
  kind: null,
  checkedAt: new Date().toISOString(),
});

/** Whether `owner`'s token account holds the badge `mint` now. */
export async function readBadgeHolder(
  rpc: Rpc<GetMultipleAccountsApi>,
  input: { owner: Address; mint: Address; kind: HolderKind },
): Promise<OnChainHolder> {
  try {
    const balances = await readTokenBalances(rpc, [{ owner: input.owner, mint: input.mint }]);
    const held = (balances.get(`${input.owner}:${input.mint}`) ?? 0n) > 0n;
    return {
      state: held ? 'held' : 'moved',
      address: held ? input.owner : null,
      kind: held ? input.kind : null,
      checkedAt: new Date().toISOString(),
    };
  } catch {
    // The page still shows what the issuer recorded; the chain check says it could not be made.
    return unreachable();
  }
}

/**
 * Where the level NFT `mint` is (in the wallet it was minted to, moved, or burned), and the
 * metadata URI its mint carries on chain while the mint account exists.
 */
export async function readLevelNft(
  rpc: Rpc<GetMultipleAccountsApi>,
  input: { owner: Address; mint: Address; authority: Address },
): Promise<{ holder: OnChainHolder; metadataUri: string | null }> {
  try {
    const chain = await fetchLevelNftState(rpc, input);
    const checkedAt = new Date().toISOString();
    const metadataUri = 'info' in chain ? (chain.info.metadata?.uri ?? null) : null;
    const at = (state: OnChainHolder['state']): OnChainHolder => ({
      state,
      address: null,
      kind: null,
      checkedAt,
    });
    switch (chain.state) {
      case 'held':
        return { holder: { state: 'held', address: input.owner, kind: 'wallet', checkedAt }, metadataUri };
      case 'elsewhere':
        return { holder: at('moved'), metadataUri };
      case 'burned':
        return { holder: at('burned'), metadataUri };
      default:
        return { holder: at('absent'), metadataUri: null };
    }
  } catch {
    return { holder: unreachable(), metadataUri: null };
  }
}
