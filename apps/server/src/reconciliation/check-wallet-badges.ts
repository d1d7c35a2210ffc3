import { fetchAllMaybeToken } from '@solana-program/token-2022';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { ReconciliationCheckDeps } from './check-deps.ts';
import { FIRST_PAGE, pageWalletBadges } from './reconciliation-store.ts';

const PAGE = 100;

/** Pure: what the chain says about one badge the database says is in a wallet. */
export function judgeWalletBadge(mintExists: boolean, balance: bigint): string | null {
  if (!mintExists) return 'badge_mint_missing';
  return balance >= 1n ? null : 'badge_not_in_wallet';
}

/**
 * Every on-chain badge the database says a wallet holds (minted to it, or claimed out of the
 * vault into it) must be in that wallet's token account. One that is not (burned, moved away,
 * or its mint gone with a lost chain) is flagged for a person; nothing is re-minted by itself.
 */
export async function checkWalletBadges(deps: ReconciliationCheckDeps, runId: string): Promise<void> {
  const { db, chain } = deps;
  let lastId = FIRST_PAGE;
  for (;;) {
    const page = await pageWalletBadges(db, lastId, PAGE);
    const last = page.at(-1);
    if (!last) return;
    const mints = [...new Set(page.map((r) => r.mint))];
    const { value: mintAccounts } = await chain.rpc.rpc
      .getMultipleAccounts(mints, { encoding: 'base64', dataSlice: { offset: 0, length: 0 } })
      .send();
    const mintExists = new Map(mints.map((m, i) => [m, mintAccounts[i] !== null]));
    const accounts = await Promise.all(page.map((r) => findTokenAccount(r.wallet, r.mint)));
    const tokens = await fetchAllMaybeToken(chain.rpc.rpc, accounts);
    let flagged = 0;
    for (const [i, row] of page.entries()) {
      const token = tokens[i];
      const balance = token?.exists ? token.data.amount : 0n;
      const exists = mintExists.get(row.mint) ?? false;
      const kind = judgeWalletBadge(exists, balance);
      if (!kind) continue;
      const added = await deps.flag(runId, {
        entityType: 'badge_issuance',
        entityId: row.id,
        kind,
        databaseValue: { badgeId: row.badgeId, status: row.status, wallet: row.wallet, mint: row.mint },
        chainValue: { mintExists: exists, walletBalance: balance.toString() },
      });
      if (added) flagged++;
    }
    await deps.progress(runId, page.length, 0, flagged);
    lastId = last.id;
  }
}
