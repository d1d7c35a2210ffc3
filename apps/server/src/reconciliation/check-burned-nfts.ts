import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import type { ReconciliationCheckDeps } from './check-deps.ts';
import { FIRST_PAGE, pageBurnedNfts } from './reconciliation-store.ts';
import { judgeBurnedNft } from './judge-nft.ts';

const PAGE = 100;

/**
 * NFTs the database calls burned must be gone on chain too. One still there (a burn that was
 * counted but never happened) is flagged, never revived by itself: the user may hold its
 * successor already, and a person decides which one stands.
 */
export async function checkBurnedNfts(deps: ReconciliationCheckDeps, runId: string): Promise<void> {
  const { db, chain } = deps;
  let lastId = FIRST_PAGE;
  for (;;) {
    const page = await pageBurnedNfts(db, lastId, PAGE);
    const last = page.at(-1);
    if (!last) return;
    // Most burned mints are closed: one call per page finds the few that still exist.
    const { value: accounts } = await chain.rpc.rpc
      .getMultipleAccounts(
        page.map((n) => n.mintAddress),
        { encoding: 'base64', dataSlice: { offset: 0, length: 0 } },
      )
      .send();
    let flagged = 0;
    for (const [i, nft] of page.entries()) {
      if (!accounts[i]) continue;
      const state = await fetchLevelNftState(chain.rpc.rpc, {
        mint: nft.mintAddress,
        owner: nft.ownerWallet,
        authority: chain.authority.address,
      });
      const verdict = judgeBurnedNft(state);
      if (verdict.kind !== 'flag') continue;
      const added = await deps.flag(runId, {
        entityType: 'user_nft',
        entityId: nft.id,
        kind: verdict.reason,
        databaseValue: { status: nft.status, level: nft.level, owner: nft.ownerWallet },
        chainValue: { state: state.state, level: 'level' in state ? state.level : undefined },
      });
      if (added) flagged++;
    }
    await deps.progress(runId, page.length, 0, flagged);
    lastId = last.id;
  }
}
