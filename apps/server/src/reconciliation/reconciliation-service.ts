import { fetchMaybeToken } from '@solana-program/token-2022';
import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { fetchLevelNftState } from '../chain/fetch-level-nft-state.ts';
import { findTokenAccount } from '../chain/find-token-account.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import { markNftBurned } from '../nft/user-nft-store.ts';
import type { NewFlag } from './check-deps.ts';
import { checkBurnedNfts } from './check-burned-nfts.ts';
import { checkWalletBadges } from './check-wallet-badges.ts';
import { judgeNft } from './judge-nft.ts';
import {
  addRunProgress,
  countTrackedNfts,
  failAbandonedRuns,
  findRun,
  finishRun,
  FIRST_PAGE,
  hasOpenFlag,
  insertFlag,
  insertRunningRun,
  listFlags,
  listRuns,
  pageActiveNfts,
  resolveOpenFlag,
  vaultHoldings,
  type ReconciliationRun,
} from './reconciliation-store.ts';

export type { ReconciliationRun } from './reconciliation-store.ts';

const PAGE = 100;
/** A run that made no progress for this long died with its process. */
const STALE_RUN_MS = 30 * 60_000;

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
    if (!entry.autoCorrected && (await hasOpenFlag(db, entry.entityId, entry.kind))) return false;
    await insertFlag(db, { ...entry, runId });
    return true;
  }

  async function checkNfts(run: ReconciliationRun): Promise<void> {
    let lastId = FIRST_PAGE;
    for (;;) {
      // NFTs in the middle of an upgrade are the request worker's business, not ours.
      const page = await pageActiveNfts(db, lastId, PAGE);
      const last = page.at(-1);
      if (!last) return;
      const changedUsers: string[] = [];
      let corrected = 0;
      let flagged = 0;
      for (const nft of page) {
        const state = await fetchLevelNftState(chain.rpc.rpc, {
          mint: nft.mintAddress,
          owner: nft.ownerWallet,
          authority: chain.authority.address,
        });
        const verdict = judgeNft(nft.level, state);
        const values = {
          databaseValue: { status: nft.status, level: nft.level, owner: nft.ownerWallet },
          chainValue: { state: state.state, level: 'level' in state ? state.level : undefined },
        };
        if (verdict.kind === 'correct_to_burned') {
          await markNftBurned(db, nft.id);
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
      lastId = last.id;
    }
  }

  async function checkVault(run: ReconciliationRun): Promise<void> {
    const expected = await vaultHoldings(db);
    let flagged = 0;
    for (const row of expected) {
      const account = await fetchMaybeToken(
        chain.rpc.rpc,
        await findTokenAccount(chain.vault.address, row.mint),
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
    await addRunProgress(db, runId, { checked, corrected, flagged });
  }

  async function execute(run: ReconciliationRun): Promise<ReconciliationRun> {
    try {
      await checkNfts(run);
      await checkBurnedNfts({ db, chain, flag, progress }, run.id);
      await checkWalletBadges({ db, chain, flag, progress }, run.id);
      await checkVault(run);
      return await finishRun(db, run.id, { status: 'completed' });
    } catch (err) {
      deps.logger.error({ err, runId: run.id }, 'reconciliation failed');
      const error = err instanceof Error ? err.message : String(err);
      return finishRun(db, run.id, { status: 'failed', error });
    }
  }

  /** Creates a run, or refuses while one is running anywhere (the partial unique index decides). */
  async function begin(trigger: 'schedule' | 'manual', startedBy?: string): Promise<ReconciliationRun> {
    await failAbandonedRuns(db, new Date(Date.now() - STALE_RUN_MS));
    const total = await countTrackedNfts(db);
    try {
      return await insertRunningRun(db, { trigger, startedBy: startedBy ?? null, total });
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
    listRuns: (limit: number) => listRuns(db, limit),
    async getRun(id: string) {
      const run = await findRun(db, id);
      if (!run) throw new AppError('NOT_FOUND', undefined, { message: 'No such reconciliation run.' });
      return run;
    },
    listFlags: (open: boolean, limit: number, offset: number) => listFlags(db, open, limit, offset),
    async resolveFlag(id: string, adminId: string, note: string) {
      const flagRow = await resolveOpenFlag(db, id, { resolvedBy: adminId, resolutionNote: note });
      if (!flagRow) throw new AppError('NOT_FOUND', undefined, { message: 'No such open flag.' });
      return flagRow;
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
