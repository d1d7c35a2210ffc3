import type { Address } from '@solana/kit';
import { fetchMaybeToken } from '@solana-program/token-2022';
import { and, desc, eq, inArray, isNotNull, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import {
  nftRequests,
  reconciliationFlags,
  reconciliationRuns,
  terminalNftRequestStatuses,
  userNfts,
} from '../nft/nft-schema.ts';
import type { NewFlag } from './check-deps.ts';
import { checkBurnedNfts } from './check-burned-nfts.ts';
import { checkWalletBadges } from './check-wallet-badges.ts';
import { judgeNft } from './judge-nft.ts';

const PAGE = 100;
/** A run that made no progress for this long died with its process. */
const STALE_RUN_MS = 30 * 60_000;

export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;

/**
 * Compares every level NFT (active and burned), every badge in a user's wallet and every badge
 * vault balance in the database with the chain. Clear cases (an NFT burned or closed outside Insignia) are corrected to the chain's
 * truth and recorded as auto-corrected flags; the rest become open flags for a person.
 */
export function createReconciliation(deps: {
  db: Db;
  chain: Chain;
  logger: Logger;
  onNftsChanged: (userIds: string[]) => Promise<void>;
}) {
  const { db, chain } = deps;

  async function flag(runId: string, entry: NewFlag) {
    // One open flag per entity and kind: a discrepancy seen again is not a new finding.
    const [open] = await db
      .select({ id: reconciliationFlags.id })
      .from(reconciliationFlags)
      .where(
        and(
          eq(reconciliationFlags.entityId, entry.entityId),
          eq(reconciliationFlags.kind, entry.kind),
          isNull(reconciliationFlags.resolvedAt),
        ),
      );
    if (open && !entry.autoCorrected) return false;
    await db.insert(reconciliationFlags).values({ ...entry, runId });
    return true;
  }

  async function checkNfts(run: ReconciliationRun): Promise<void> {
    // NFTs in the middle of an upgrade are the request worker's business, not ours.
    const inFlight = db
      .select({ id: nftRequests.fromNftId })
      .from(nftRequests)
      .where(
        and(
          isNotNull(nftRequests.fromNftId),
          notInArray(nftRequests.status, [...terminalNftRequestStatuses]),
        ),
      );
    const where = and(eq(userNfts.status, 'active'), notInArray(userNfts.id, sql`(${inFlight})`));
    let lastId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await db
        .select()
        .from(userNfts)
        .where(and(where, sql`${userNfts.id} > ${lastId}`))
        .orderBy(userNfts.id)
        .limit(PAGE);
      if (page.length === 0) return;
      const changedUsers: string[] = [];
      let corrected = 0;
      let flagged = 0;
      for (const nft of page) {
        const state = await fetchLevelNftState(chain.rpc.rpc, {
          mint: nft.mintAddress as Address,
          owner: nft.ownerWallet as Address,
          authority: chain.authority.address,
        });
        const verdict = judgeNft(nft.level, state);
        const values = {
          databaseValue: { status: nft.status, level: nft.level, owner: nft.ownerWallet },
          chainValue: { state: state.state, level: 'level' in state ? state.level : undefined },
        };
        if (verdict.kind === 'correct_to_burned') {
          await db
            .update(userNfts)
            .set({ status: 'burned', burnedAt: new Date() })
            .where(and(eq(userNfts.id, nft.id), eq(userNfts.status, 'active')));
          await flag(run.id, {
            entityType: 'user_nft',
            entityId: nft.id,
            kind: verdict.reason,
            autoCorrected: true,
            ...values,
          });
          changedUsers.push(nft.userId);
          corrected++;
        } else if (verdict.kind === 'flag') {
          if (
            await flag(run.id, { entityType: 'user_nft', entityId: nft.id, kind: verdict.reason, ...values })
          )
            flagged++;
        }
      }
      await progress(run.id, page.length, corrected, flagged);
      if (changedUsers.length > 0) await deps.onNftsChanged(changedUsers);
      lastId = page.at(-1)!.id;
    }
  }

  async function checkVault(run: ReconciliationRun): Promise<void> {
    const expected = await db
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
        ),
      )
      .where(and(eq(badges.badgeType, 'blockchain'), isNotNull(badges.mintAddress)))
      .groupBy(badges.id, badges.mintAddress);
    let flagged = 0;
    for (const row of expected) {
      const account = await fetchMaybeToken(
        chain.rpc.rpc,
        await findTokenAccount(chain.vault.address, row.mint as Address),
      );
      const actual = account.exists ? account.data.amount : 0n;
      if (actual !== BigInt(row.held)) {
        const added = await flag(run.id, {
          entityType: 'badge_vault',
          entityId: row.badgeId,
          kind: 'vault_balance_mismatch',
          databaseValue: { inVault: row.held },
          chainValue: { vaultBalance: actual.toString() },
        });
        if (added) flagged++;
      }
    }
    await progress(run.id, expected.length, 0, flagged);
  }

  async function progress(runId: string, checked: number, corrected: number, flagged: number) {
    await db
      .update(reconciliationRuns)
      .set({
        checked: sql`${reconciliationRuns.checked} + ${checked}`,
        corrected: sql`${reconciliationRuns.corrected} + ${corrected}`,
        flagged: sql`${reconciliationRuns.flagged} + ${flagged}`,
      })
      .where(eq(reconciliationRuns.id, runId));
  }

  async function execute(run: ReconciliationRun): Promise<ReconciliationRun> {
    try {
      await checkNfts(run);
      await checkBurnedNfts({ db, chain, flag, progress }, run.id);
      await checkWalletBadges({ db, chain, flag, progress }, run.id);
      await checkVault(run);
      const [done] = await db
        .update(reconciliationRuns)
        .set({ status: 'completed', finishedAt: new Date() })
        .where(eq(reconciliationRuns.id, run.id))
        .returning();
      return done!;
    } catch (err) {
      deps.logger.error({ err, runId: run.id }, 'reconciliation failed');
      const [failed] = await db
        .update(reconciliationRuns)
        .set({ status: 'failed', finishedAt: new Date(), error: (err as Error).message.slice(0, 1000) })
        .where(eq(reconciliationRuns.id, run.id))
        .returning();
      return failed!;
    }
  }

  /** Creates a run, or refuses while one is running anywhere (the partial unique index decides). */
  async function begin(trigger: 'schedule' | 'manual', startedBy?: string): Promise<ReconciliationRun> {
    await db
      .update(reconciliationRuns)
      .set({ status: 'failed', finishedAt: new Date(), error: 'abandoned: its process stopped' })
      .where(
        and(
          eq(reconciliationRuns.status, 'running'),
          lt(reconciliationRuns.startedAt, new Date(Date.now() - STALE_RUN_MS)),
        ),
      );
    const [activeNfts] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(userNfts)
      .where(inArray(userNfts.status, ['active', 'burned']));
    try {
      const [run] = await db
        .insert(reconciliationRuns)
        .values({ status: 'running', trigger, startedBy: startedBy ?? null, total: activeNfts?.n ?? 0 })
        .returning();
      return run!;
    } catch (e) {
      if (isUniqueViolation(e, 'reconciliation_runs_one_running'))
        throw new AppError('RECONCILIATION__ALREADY_RUNNING');
      throw e;
    }
  }

  return {
    /** Runs to completion (the periodic job and tests). */
    async run(trigger: 'schedule' | 'manual', startedBy?: string) {
      return execute(await begin(trigger, startedBy));
    },
    /** Starts a run and returns at once; progress is read from the run row. */
    async start(startedBy: string) {
      const run = await begin('manual', startedBy);
      void execute(run);
      return run;
    },
    listRuns: (limit: number) =>
      db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.startedAt)).limit(limit),
    async getRun(id: string) {
      const [run] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id));
      if (!run) throw new AppError('NOT_FOUND', undefined, { message: 'No such reconciliation run.' });
      return run;
    },
    listFlags: (open: boolean, limit: number, offset: number) =>
      db
        .select()
        .from(reconciliationFlags)
        .where(open ? isNull(reconciliationFlags.resolvedAt) : undefined)
        .orderBy(desc(reconciliationFlags.createdAt))
        .limit(limit)
        .offset(offset),
    async resolveFlag(id: string, adminId: string, note: string) {
      const [flagRow] = await db
        .update(reconciliationFlags)
        .set({ resolvedAt: new Date(), resolvedBy: adminId, resolutionNote: note })
        .where(and(eq(reconciliationFlags.id, id), isNull(reconciliationFlags.resolvedAt)))
        .returning();
      if (!flagRow) throw new AppError('NOT_FOUND', undefined, { message: 'No such open flag.' });
      return flagRow;
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
