import type { Address } from '@solana/kit';
import { fetchAllMaybeToken } from '@solana-program/token-2022';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { ReconciliationCheckDeps } from './check-deps.ts';

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
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db
      .select({
        id: badgeIssuances.id,
        badgeId: badgeIssuances.badgeId,
        status: badgeIssuances.status,
        wallet: badgeIssuances.walletAddress,
        mint: badges.mintAddress,
      })
      .from(badgeIssuances)
      .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
      .where(
        and(
          eq(badges.badgeType, 'blockchain'),
          isNotNull(badges.mintAddress),
          isNotNull(badgeIssuances.walletAddress),
          inArray(badgeIssuances.status, ['issued', 'claimed']),
          sql`${badgeIssuances.id} > ${lastId}`,
        ),
      )
      .orderBy(badgeIssuances.id)
      .limit(PAGE);
    if (page.length === 0) return;
    const mints = [...new Set(page.map((r) => r.mint!))];
    const { value: mintAccounts } = await chain.rpc.rpc
      .getMultipleAccounts(mints as Address[], { encoding: 'base64', dataSlice: { offset: 0, length: 0 } })
      .send();
    const mintExists = new Map(mints.map((m, i) => [m, mintAccounts[i] !== null]));
    const accounts = await Promise.all(
      page.map((r) => findTokenAccount(r.wallet as Address, r.mint as Address)),
    );
    const tokens = await fetchAllMaybeToken(chain.rpc.rpc, accounts);
    let flagged = 0;
    for (const [i, row] of page.entries()) {
      const token = tokens[i]!;
      const balance = token.exists ? token.data.amount : 0n;
      const kind = judgeWalletBadge(mintExists.get(row.mint!)!, balance);
      if (!kind) continue;
      const added = await deps.flag(runId, {
        entityType: 'badge_issuance',
        entityId: row.id,
        kind,
        databaseValue: { badgeId: row.badgeId, status: row.status, wallet: row.wallet, mint: row.mint },
        chainValue: { mintExists: mintExists.get(row.mint!), walletBalance: balance.toString() },
      });
      if (added) flagged++;
    }
    await deps.progress(runId, page.length, 0, flagged);
    lastId = page.at(-1)!.id;
  }
}
