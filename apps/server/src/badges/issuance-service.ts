import { isAddress, type Address } from '@solana/kit';
import type {
  CreateIssuance,
  CreateIssuanceResult,
  IssuancePreview,
  IssuancePreviewRequest,
} from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import { findUserById } from '../auth/user-queries.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { writeBadgeLog, writeBadgeLogs } from './badge-log-store.ts';
import {
  findBadgesByIds,
  insertIssuanceBatch,
  insertIssuances,
  listIssuanceBatches,
  type BatchStatus,
} from './issuance-batch-store.ts';
import { estimateIssuanceCost } from './estimate-issuance-cost.ts';
import { holdBadgeGrants } from './held-badge-grants.ts';
import { refreshBatch } from './issuance-effects.ts';
import type { IssuanceStatus } from './issuance-machine.ts';
import { applyIssuanceEvent } from './issuance-store.ts';
import { lockIssuance } from './issuance-transaction-store.ts';
import {
  findBatchView,
  findIssuanceView,
  issuancesOfBatch,
  listIssuanceViews,
  toBatchViews,
} from './issuance-view-queries.ts';
import { parseRoster } from './parse-roster.ts';
import { hashRecipient } from './recipient-hash.ts';
import { resolveRoster } from './resolve-roster.ts';

const INSERT_CHUNK = 1_000;

/**
 * Issuance as the admin drives it: preview a roster (row by row, with the on-chain cost), start
 * a batch (rows persisted first; the worker uploads and mints), follow it, retry a failed
 * issuance alone. Services never know about HTTP; they throw AppErrors.
 */
export function createIssuanceService(deps: {
  db: Db;
  chain: Chain;
  recipientHashSalt: string;
  wakeWorker: () => void;
  /** After rows were held: an address verified meanwhile is released at once, not forgotten. */
  onGrantsHeld?: (emails: readonly string[]) => Promise<void>;
}) {
  const { db, chain } = deps;

  async function loadBadges(ids: readonly string[]) {
    const rows = await findBadgesByIds(db, ids);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length > 0) throw new AppError('BADGE__NOT_FOUND', { badgeIds: missing });
    const unavailable = rows.filter((r) => r.status !== 'active');
    if (unavailable.length > 0)
      throw new AppError('BADGE__NOT_ISSUABLE', {
        badges: unavailable.map((b) => ({ id: b.id, status: b.status })),
      });
    // In the order the admin picked them.
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  async function adminWalletFor(
    actorId: string,
    input: IssuancePreviewRequest,
  ): Promise<Address | undefined> {
    if (input.signingMode !== 'admin_wallet') return undefined;
    const wallet = input.adminWallet ?? (await findUserById(db, actorId))?.walletAddress ?? undefined;
    if (!wallet) throw new AppError('BADGE__ADMIN_WALLET_REQUIRED');
    if (!isAddress(wallet)) throw new AppError('VALIDATION__INVALID_ADDRESS');
    return wallet;
  }

  async function plan(actorId: string, input: IssuancePreviewRequest) {
    const picked = await loadBadges(input.badgeIds);
    const adminWallet = await adminWalletFor(actorId, input);
    const roster = await resolveRoster(
      db,
      picked.map((b) => ({ id: b.id, type: b.badgeType })),
      parseRoster(input.recipients),
    );
    const mintOf = new Map(picked.map((b) => [b.id, b.mintAddress]));
    const preflight = await estimateIssuanceCost(chain, {
      // A blockchain badge is issuable only once active, with its mint.
      mints: roster.plan.flatMap((p) => {
        const mint = mintOf.get(p.badgeId);
        return p.destination !== 'none' && mint
          ? [{ mint, owner: p.walletAddress ?? chain.vault.address }]
          : [];
      }),
      signingMode: input.signingMode,
      adminWallet,
    });
    return { picked, adminWallet, roster, preflight };
  }

  async function preview(actorId: string, input: IssuancePreviewRequest): Promise<IssuancePreview> {
    const { picked, roster, preflight } = await plan(actorId, input);
    return {
      badges: picked.map((b) => ({
        id: b.id,
        name: b.name,
        type: b.badgeType,
        mintAddress: b.badgeType === 'blockchain' ? b.mintAddress : null,
      })),
      rows: roster.rows,
      summary: roster.summary,
      preflight,
    };
  }

  async function create(actorId: string, input: CreateIssuance): Promise<CreateIssuanceResult> {
    const { picked, adminWallet, roster, preflight } = await plan(actorId, input);
    const { summary } = roster;
    const held = {
      emails: roster.heldEmails,
      badgeIds: picked.map((b) => b.id),
      actorId,
      signingMode: input.signingMode,
      adminWallet: adminWallet ?? null,
    };
    if (roster.plan.length === 0 && roster.heldEmails.length > 0) {
      // Everyone named is waiting to verify their address: nothing to issue yet.
      await db.transaction((tx) => holdBadgeGrants(tx, held));
      await deps.onGrantsHeld?.(roster.heldEmails);
      return { batch: null, rows: roster.rows, summary };
    }
    if (roster.plan.length === 0) {
      const code =
        summary.alreadyIssued > 0 && summary.invalid + summary.unknownUsers === 0
          ? 'BADGE__NOTHING_TO_ISSUE'
          : 'BADGE__NO_RECIPIENTS';
      throw new AppError(code, {
        summary,
        rejected: roster.rows.filter((r) => r.status === 'rejected').slice(0, 200),
      });
    }
    if (!preflight.canPay) {
      throw new AppError('BADGE__AUTHORITY_CANNOT_PAY', {
        authority: preflight.feePayer,
        needLamports: preflight.totalLamports,
        balanceLamports: preflight.authorityBalanceLamports,
      });
    }
    const batchId = await db.transaction(async (tx) => {
      const batch = await insertIssuanceBatch(tx, {
        createdBy: actorId,
        signingMode: input.signingMode,
        adminWallet: adminWallet ?? null,
        badgeIds: picked.map((b) => b.id),
        status: 'uploading',
        total: roster.plan.length,
      });
      for (let i = 0; i < roster.plan.length; i += INSERT_CHUNK) {
        const part = roster.plan.slice(i, i + INSERT_CHUNK);
        // A concurrent batch may have issued the same badge to the same user meanwhile:
        // the unique index keeps one, and this batch simply has one issuance fewer.
        const inserted = await insertIssuances(
          tx,
          part.map((p) => ({
            badgeId: p.badgeId,
            userId: p.userId,
            issuedBy: actorId,
            batchId: batch.id,
            destination: p.destination,
            walletAddress: p.walletAddress,
            recipientHash: hashRecipient(deps.recipientHashSalt, p.userId),
          })),
        );
        await writeBadgeLogs(
          tx,
          inserted.map((r) => ({
            actionType: 'issuance.created',
            entityType: 'issuance',
            badgeId: r.badgeId,
            issuanceId: r.id,
            userId: r.userId,
            performedBy: actorId,
            walletAddress: r.walletAddress,
            newValue: { batchId: batch.id, destination: r.destination, signingMode: input.signingMode },
          })),
        );
      }
      await writeBadgeLog(tx, {
        actionType: 'batch.created',
        entityType: 'batch',
        performedBy: actorId,
        newValue: {
          batchId: batch.id,
          badgeIds: picked.map((b) => b.id),
          signingMode: input.signingMode,
          adminWallet: adminWallet ?? null,
          summary,
          preflight: { transactions: preflight.transactions, totalLamports: preflight.totalLamports },
        },
      });
      await holdBadgeGrants(tx, held);
      await refreshBatch(tx, batch.id);
      return batch.id;
    });
    deps.wakeWorker();
    if (roster.heldEmails.length > 0) await deps.onGrantsHeld?.(roster.heldEmails);
    const batch = await findBatchView(db, batchId);
    if (!batch) throw new AppError('BADGE__BATCH_NOT_FOUND');
    return { batch, rows: roster.rows, summary };
  }

  /** Starts one failed issuance over (fresh retry budget); the worker takes it from there. */
  async function retry(actorId: string, issuanceId: string) {
    await db.transaction(async (tx) => {
      const row = await lockIssuance(tx, issuanceId);
      if (!row) throw new AppError('BADGE__ISSUANCE_NOT_FOUND');
      if (row.status !== 'failed')
        throw new AppError('BADGE__ISSUANCE_NOT_RETRYABLE', { status: row.status });
      const [next] = await applyIssuanceEvent(tx, [row], { type: 'retry' }, () => ({
        nextAttemptAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      }));
      await writeBadgeLog(tx, {
        actionType: 'issuance.retried',
        entityType: 'issuance',
        badgeId: row.badgeId,
        issuanceId: row.id,
        userId: row.userId,
        performedBy: actorId,
        oldValue: { status: row.status, lastError: row.lastError, attempts: row.attempts },
        newValue: { status: next?.status ?? row.status },
      });
      if (row.batchId) await refreshBatch(tx, row.batchId);
    });
    deps.wakeWorker();
    const view = await findIssuanceView(db, issuanceId);
    if (!view) throw new AppError('BADGE__ISSUANCE_NOT_FOUND');
    return view;
  }

  async function getBatch(
    batchId: string,
    query: { status?: IssuanceStatus[] | undefined; limit: number; offset: number },
  ) {
    const batch = await findBatchView(db, batchId);
    if (!batch) throw new AppError('BADGE__BATCH_NOT_FOUND');
    const { items, total } = await listIssuanceViews(
      db,
      issuancesOfBatch(batchId, query.status),
      query.limit,
      query.offset,
    );
    return { batch, items, itemsTotal: total };
  }

  async function listBatches(query: { status?: BatchStatus[] | undefined; limit: number; offset: number }) {
    const { rows, total } = await listIssuanceBatches(db, query);
    return { items: await toBatchViews(db, rows), total };
  }

  return {
    preview,
    create,
    retry,
    getBatch,
    listBatches,
    getIssuance: (id: string) => findIssuanceView(db, id),
  };
}

export type IssuanceService = ReturnType<typeof createIssuanceService>;
