import { and, desc, eq, inArray, isNotNull, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import {
  nftRequests,
  reconciliationFlags,
  reconciliationRuns,
  terminalNftRequestStatuses,
  userNfts,
} from '../nft/nft-schema.ts';

export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;
export type ReconciliationFlag = typeof reconciliationFlags.$inferSelect;
export type NewReconciliationFlag = typeof reconciliationFlags.$inferInsert;
type UserNftRow = typeof userNfts.$inferSelect;

/** Pages walk by id from before the first uuid. */
export const FIRST_PAGE = '00000000-0000-0000-0000-000000000000';

/** Whether an unresolved flag of this kind is already open for the entity. */
export async function hasOpenFlag(db: Db, entityId: string, kind: string): Promise<boolean> {
  const [open] = await db
    .select({ id: reconciliationFlags.id })
    .from(reconciliationFlags)
    .where(
      and(
        eq(reconciliationFlags.entityId, entityId),
        eq(reconciliationFlags.kind, kind),
        isNull(reconciliationFlags.resolvedAt),
      ),
    );
  return open !== undefined;
}

export async function insertFlag(db: Db, flag: NewReconciliationFlag): Promise<void> {
  await db.insert(reconciliationFlags).values(flag);
}

/** Active NFTs after `afterId`, leaving out those an open request is upgrading (the worker's business). */
export async function pageActiveNfts(db: Db, afterId: string, limit: number): Promise<UserNftRow[]> {
  const inFlight = db
    .select({ id: nftRequests.fromNftId })
    .from(nftRequests)
    .where(
      and(isNotNull(nftRequests.fromNftId), notInArray(nftRequests.status, [...terminalNftRequestStatuses])),
    );
  return db
    .select()
    .from(userNfts)
    .where(
      and(
        eq(userNfts.status, 'active'),
        notInArray(userNfts.id, sql`(${inFlight})`),
        sql`${userNfts.id} > ${afterId}`,
      ),
    )
    .orderBy(userNfts.id)
    .limit(limit);
}

/** NFTs the database calls burned, after `afterId`. */
export async function pageBurnedNfts(db: Db, afterId: string, limit: number): Promise<UserNftRow[]> {
  return db
    .select()
    .from(userNfts)
    .where(and(eq(userNfts.status, 'burned'), sql`${userNfts.id} > ${afterId}`))
    .orderBy(userNfts.id)
    .limit(limit);
}

/** On-chain badges the database says a wallet holds (issued to it or claimed into it), after `afterId`. */
export async function pageWalletBadges(db: Db, afterId: string, limit: number) {
  const rows = await db
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
        // A revoked badge is burned from the wallet, or (old mints) stays there revoked in the
        // status list only: either way the database no longer says the wallet should hold it.
        isNull(badgeIssuances.revokedAt),
        sql`${badgeIssuances.id} > ${afterId}`,
      ),
    )
    .orderBy(badgeIssuances.id)
    .limit(limit);
  // The where clause excludes nulls; the types learn it here.
  return rows.flatMap(({ wallet, mint, ...r }) => (wallet && mint ? [{ ...r, wallet, mint }] : []));
}

/** Per on-chain badge, how many units the database says sit in the vault. */
export async function vaultHoldings(db: Db) {
  const rows = await db
    .select({
      badgeId: badges.id,
      mint: badges.mintAddress,
      held: sql<number>`count(${badgeIssuances.id})::int`,
    })
    .from(badges)
    .leftJoin(
      badgeIssuances,
      and(
        eq(badgeIssuances.badgeId, badges.id),
        eq(badgeIssuances.destination, 'vault'),
        inArray(badgeIssuances.status, ['in_vault', 'claim_requested']),
        // Revoked and burned from the vault: no longer there. Until the burn is done it still is.
        sql`not exists (select 1 from ${badgeRevocations} r
                         where r.issuance_id = ${badgeIssuances.id} and r.status = 'done'
                           and r.chain_action = 'burn_from_vault')`,
      ),
    )
    .where(and(eq(badges.badgeType, 'blockchain'), isNotNull(badges.mintAddress)))
    .groupBy(badges.id, badges.mintAddress);
  return rows.flatMap(({ mint, ...r }) => (mint ? [{ ...r, mint }] : []));
}

/** Adds one page's counts to the run. */
export async function addRunProgress(
  db: Db,
  runId: string,
  counts: { checked: number; corrected: number; flagged: number },
): Promise<void> {
  await db
    .update(reconciliationRuns)
    .set({
      checked: sql`${reconciliationRuns.checked} + ${counts.checked}`,
      corrected: sql`${reconciliationRuns.corrected} + ${counts.corrected}`,
      flagged: sql`${reconciliationRuns.flagged} + ${counts.flagged}`,
    })
    .where(eq(reconciliationRuns.id, runId));
}

/**
 * A run's lifecycle: `running` → `completed` | `failed`, written only here. A run whose
 * process died is failed as abandoned before a new one may start.
 */
export async function finishRun(
  db: Db,
  runId: string,
  outcome: { status: 'completed' } | { status: 'failed'; error: string },
): Promise<ReconciliationRun> {
  const rows = await db
    .update(reconciliationRuns)
    .set({
      status: outcome.status,
      finishedAt: new Date(),
      ...(outcome.status === 'failed' ? { error: outcome.error.slice(0, 1000) } : {}),
    })
    .where(eq(reconciliationRuns.id, runId))
    .returning();
  return expectRow(rows, 'reconciliation run');
}

/** Fails runs still `running` that started before `startedBefore` (their process stopped). */
export async function failAbandonedRuns(db: Db, startedBefore: Date): Promise<void> {
  await db
    .update(reconciliationRuns)
    .set({ status: 'failed', finishedAt: new Date(), error: 'abandoned: its process stopped' })
    .where(and(eq(reconciliationRuns.status, 'running'), lt(reconciliationRuns.startedAt, startedBefore)));
}

/** Starts a run; a second running one fails on the partial unique index. */
export async function insertRunningRun(
  db: Db,
  run: { trigger: 'schedule' | 'manual'; startedBy: string | null; total: number },
): Promise<ReconciliationRun> {
  return expectRow(
    await db
      .insert(reconciliationRuns)
      .values({ ...run, status: 'running' })
      .returning(),
    'reconciliation run',
  );
}

/** Level NFTs a run will look at (active and burned). */
export async function countTrackedNfts(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userNfts)
    .where(inArray(userNfts.status, ['active', 'burned']));
  return row?.n ?? 0;
}

export function listRuns(db: Db, limit: number): Promise<ReconciliationRun[]> {
  return db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.startedAt)).limit(limit);
}

export async function findRun(db: Db, id: string): Promise<ReconciliationRun | undefined> {
  const [run] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id));
  return run;
}

export function listFlags(
  db: Db,
  open: boolean,
  limit: number,
  offset: number,
): Promise<ReconciliationFlag[]> {
  return db
    .select()
    .from(reconciliationFlags)
    .where(open ? isNull(reconciliationFlags.resolvedAt) : undefined)
    .orderBy(desc(reconciliationFlags.createdAt))
    .limit(limit)
    .offset(offset);
}

/** Resolves an open flag; undefined when there is no such open flag. */
export async function resolveOpenFlag(
  db: Db,
  id: string,
  resolution: { resolvedBy: string; resolutionNote: string },
): Promise<ReconciliationFlag | undefined> {
  const [row] = await db
    .update(reconciliationFlags)
    .set({ resolvedAt: new Date(), ...resolution })
    .where(and(eq(reconciliationFlags.id, id), isNull(reconciliationFlags.resolvedAt)))
    .returning();
  return row;
}
