import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { IpfsAddResult, IpfsStore } from '../ipfs/ipfs-store.ts';
import { retryDelayMs, type BackoffPolicy } from '../jobs/backoff.ts';
import { retryAtSql } from '../db/database-clock.ts';
import { describeFailure } from '../jobs/describe-failure.ts';
import type { Mailer } from '../mail/mailer.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import { issuancePayloadJson } from './badge-metadata.ts';
import { recordDelivered, refreshBatch } from './issuance-effects.ts';
import { validUntilSql } from './issuance-validity-queries.ts';
import {
  applyIssuanceEvent,
  leasePendingUploads,
  loadBadgeInfo,
  releaseIssuances,
  type IssuanceRow,
} from './issuance-store.ts';

const LEASE_MS = 120_000;
const UPLOADS_PER_PASS = 1_000;
const UPLOAD_RETRY: BackoffPolicy = {
  baseMs: 5_000,
  maxMs: 5 * 60_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/**
 * The first step of every issuance: its payload (badge, token id, time, salted recipient
 * hash; no personal data) goes to IPFS, and the URI, CID, gateway URL and content hash are
 * recorded. Database-only issuances are then issued at once (notification, no chain, no
 * email); blockchain ones wait for the mint phase.
 */
export function createIssuanceUploader(deps: {
  db: Db;
  ipfs: Pick<IpfsStore, 'addJsonMany'>;
  mailer: Pick<Mailer, 'enqueueMany'>;
  logger: Logger;
  onChanged?: () => void;
}) {
  const { db } = deps;

  async function record(
    uploads: { row: IssuanceRow; added: IpfsAddResult }[],
    failures: { row: IssuanceRow; error: string }[],
  ) {
    // One time for the pass: rows that share every other value then share one UPDATE.
    const issuedAt = new Date();
    const validUntil = validUntilSql(issuedAt);
    await db.transaction(async (tx) => {
      const byId = new Map(uploads.map((u) => [u.row.id, u.added]));
      const errorById = new Map(failures.map((f) => [f.row.id, f.error]));
      const uploaded = await applyIssuanceEvent(
        tx,
        uploads.map((u) => u.row),
        { type: 'uploaded' },
        (row) => {
          const added = byId.get(row.id);
          if (!added) return {};
          return {
            metadataUri: added.uri,
            metadataCid: added.cid,
            gatewayUrl: added.gatewayUrl,
            contentHash: added.contentHash,
            leaseOwner: null,
            leaseExpiresAt: null,
            nextAttemptAt: null,
            ...(row.destination === 'none' ? { issuedAt, validUntil } : {}),
          };
        },
      );
      const failed = await applyIssuanceEvent(
        tx,
        failures.map((f) => f.row),
        (row) => ({ type: 'upload_failed', message: errorById.get(row.id) ?? 'upload failed' }),
        (row) => ({
          leaseOwner: null,
          leaseExpiresAt: null,
          nextAttemptAt: retryAtSql(retryDelayMs(row.attempts + 1, UPLOAD_RETRY)),
        }),
      );
      const logs = [
        ...uploaded.map((row) => ({
          actionType: 'issuance.uploaded',
          entityType: 'issuance',
          badgeId: row.badgeId,
          issuanceId: row.id,
          userId: row.userId,
          newValue: { metadataUri: row.metadataUri, cid: row.metadataCid, contentHash: row.contentHash },
        })),
        ...failed.map((row) => ({
          actionType: row.status === 'failed' ? 'issuance.failed' : 'issuance.upload_failed',
          entityType: 'issuance',
          badgeId: row.badgeId,
          issuanceId: row.id,
          userId: row.userId,
          status: 'error',
          errorMessage: row.lastError,
          newValue: { attempts: row.attempts },
        })),
      ];
      await writeBadgeLogs(tx, logs);
      await recordDelivered(
        tx,
        deps.mailer,
        uploaded.filter((row) => row.status === 'issued'),
        { action: 'issuance.issued' },
      );
      const batches = [
        ...new Set([...uploaded, ...failed].flatMap((r) => (r.batchId === null ? [] : [r.batchId]))),
      ].sort();
      for (const batchId of batches) await refreshBatch(tx, batchId);
    });
  }

  return {
    /** One pass: returns how many issuances it took. */
    async uploadDue(owner: string): Promise<number> {
      const rows = await leasePendingUploads(db, owner, UPLOADS_PER_PASS, LEASE_MS);
      if (rows.length === 0) return 0;
      try {
        const badges = await loadBadgeInfo(
          db,
          rows.map((r) => r.badgeId),
        );
        const uploads: { row: IssuanceRow; added: IpfsAddResult }[] = [];
        const failures: { row: IssuanceRow; error: string }[] = [];
        const ready: { row: IssuanceRow; payload: unknown }[] = [];
        for (const row of rows) {
          const badge = badges.get(row.badgeId);
          // The foreign key keeps the badge while its issuances exist.
          if (!badge) {
            failures.push({
              row,
              error: describeFailure(new AppError('BADGE__NOT_FOUND', { badgeIds: [row.badgeId] })),
            });
            continue;
          }
          ready.push({
            row,
            payload: issuancePayloadJson({
              issuanceId: row.id,
              badge: {
                id: badge.id,
                name: badge.name,
                type: badge.badgeType,
                mintAddress: badge.mintAddress,
              },
              recipientHash: row.recipientHash,
              issuedAt: row.createdAt,
            }),
          });
        }
        // The whole pass in one store call: one file and one sync for all its payloads, where
        // one each made the sync, not the CPU, what bounded a pass.
        try {
          const added = await deps.ipfs.addJsonMany(ready.map((r) => r.payload));
          ready.forEach(({ row }, i) => {
            const result = added[i];
            if (result) uploads.push({ row, added: result });
            else failures.push({ row, error: 'upload returned no result' });
          });
        } catch (e) {
          const error = describeFailure(e);
          for (const { row } of ready) failures.push({ row, error });
        }
        await record(uploads, failures);
        deps.onChanged?.();
      } catch (err) {
        deps.logger.error({ err }, 'issuance upload pass failed; will retry');
      } finally {
        await releaseIssuances(
          db,
          rows.map((r) => r.id),
          owner,
          2_000,
        );
      }
      return rows.length;
    },
  };
}

export type IssuanceUploader = ReturnType<typeof createIssuanceUploader>;
