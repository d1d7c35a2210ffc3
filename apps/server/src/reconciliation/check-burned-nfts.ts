import type { Address } from '@solana/kit';
import { and, eq, sql } from 'drizzle-orm';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import type { ReconciliationCheckDeps } from './check-deps.ts';
import { userNfts } from '../nft/nft-schema.ts';
import { judgeBurnedNft } from './judge-nft.ts';

const PAGE = 100;

/**
 * NFTs the database calls burned must be gone on chain too. One still there (a burn that was
 * counted but never happened) is flagged, never revived by itself: the user may hold its
 * successor already, and a person decides which one stands.
 */
export async function checkBurnedNfts(deps: ReconciliationCheckDeps, runId: string): Promise<void> {
  const { db, chain } = deps;
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db
      .select()
      .from(userNfts)
      .where(and(eq(userNfts.status, 'burned'), sql`${userNfts.id} > ${lastId}`))
      .orderBy(userNfts.id)
      .limit(PAGE);
    if (page.length === 0) return;
    // Most burned mints are closed: one call per page finds the few that still exist.
    const { value: accounts } = await chain.rpc.rpc
      .getMultipleAccounts(
        page.map((n) => n.mintAddress as Address),
        { encoding: 'base64', dataSlice: { offset: 0, length: 0 } },
      )
      .send();
    let flagged = 0;
    for (const [i, nft] of page.entries()) {
      if (!accounts[i]) continue;
      const state = await fetchLevelNftState(chain.rpc.rpc, {
        mint: nft.mintAddress as Address,
        owner: nft.ownerWallet as Address,
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
    lastId = page.at(-1)!.id;
  }
}
