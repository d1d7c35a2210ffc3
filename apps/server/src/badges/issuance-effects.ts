import { AppError } from '../errors/app-error.ts';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import type { EnqueueEmail, Mailer } from '../mail/mailer.ts';
import { writeBadgeLogs, type BadgeLogEntry } from './badge-log-store.ts';
import { batchStatusFor, toIssuanceCounts } from './batch-progress.ts';
import {
  countBatchStatuses,
  insertBadgeNotifications,
  insertOutboxEvents,
  loadDeliveryInfo,
  lockBatchForRecount,
  saveBatchProgress,
} from './issuance-effects-store.ts';
import type { IssuanceRow, Tx } from './issuance-store.ts';

export const BADGES_TOPIC = 'insignia.badges';
type LogEntry = BadgeLogEntry;

/**
 * What the database must also say when issuances reach the user (issued to a wallet or
 * database-only, or minted into the vault), in the transaction that records it: an in-app
 * notification, the email (wallet: badge details and the mint transaction; vault: claim
 * instructions; database-only: none), audit entries and a `badge.issued` event for the user.
 */
export async function recordDelivered(
  tx: Tx,
  mailer: Pick<Mailer, 'enqueueMany'>,
  delivered: readonly IssuanceRow[],
  options: { actorId?: string | null; action: string },
): Promise<void> {
  if (delivered.length === 0) return;
  const byId = await loadDeliveryInfo(
    tx,
    delivered.map((d) => d.id),
  );
  await insertBadgeNotifications(
    tx,
    delivered.map((d) => ({ issuanceId: d.id, userId: d.userId })),
  );
  const infoOf = (d: IssuanceRow) => {
    const i = byId.get(d.id);
    // Joined from the rows just written in this transaction: always there.
    if (!i)
      throw new AppError('INTERNAL', undefined, { message: `Issuance ${d.id} vanished while delivering.` });
    return i;
  };
  // Every email in one statement (the wallet's: badge details and the mint transaction; the
  // vault's: claim instructions); database-only deliveries get none.
  const mailed = delivered.flatMap((d) => {
    const email = deliveryEmail(d, infoOf(d));
    return email ? [{ d, email }] : [];
  });
  const queued = await mailer.enqueueMany(
    mailed.map((m) => m.email),
    { tx },
  );
  const emailOf = new Map(mailed.map((m, k) => [m.d.id, { type: m.email.type, queued: queued[k] }]));
  const logs: LogEntry[] = [];
  const events: NewOutboxEvent[] = [];
  for (const d of delivered) {
    const i = infoOf(d);
    const entity = { entityType: 'issuance', badgeId: d.badgeId, issuanceId: d.id, userId: d.userId };
    logs.push({
      ...entity,
      actionType: options.action,
      performedBy: options.actorId ?? null,
      blockchainTxSignature: d.mintSignature,
      walletAddress: d.destination === 'wallet' ? d.walletAddress : null,
      newValue: { status: d.status, destination: d.destination, metadataCid: d.metadataCid },
    });
    const email = emailOf.get(d.id);
    if (email?.queued?.created)
      logs.push({
        ...entity,
        actionType: 'email.enqueued',
        newValue: { emailId: email.queued.id, type: email.type },
      });
    events.push({
      topic: BADGES_TOPIC,
      type: 'badge.issued',
      key: d.userId,
      payload: {
        issuanceId: d.id,
        badgeId: d.badgeId,
        badgeName: i.badgeName,
        status: d.status,
        destination: d.destination,
        tokenId: d.destination === 'none' ? null : i.mintAddress,
        walletAddress: d.destination === 'wallet' ? d.walletAddress : null,
        mintSignature: d.mintSignature,
      },
    });
  }
  await writeBadgeLogs(tx, logs);
  await insertOutboxEvents(tx, events);
}

/** The email a delivery sends, if any: to a wallet (with the mint) or about the vault. */
function deliveryEmail(
  d: IssuanceRow,
  i: { email: string; badgeName: string; badgeDescription: string | null },
): EnqueueEmail | undefined {
  const badge = {
    badgeName: i.badgeName,
    ...(i.badgeDescription ? { badgeDescription: i.badgeDescription.slice(0, 2000) } : {}),
  };
  const common = { to: i.email, userId: d.userId, issuanceId: d.id };
  if (d.destination === 'wallet' && d.mintSignature && d.walletAddress)
    return {
      ...common,
      type: 'badge_minted_to_wallet',
      dedupeKey: `badge_minted_to_wallet:${d.id}`,
      data: { ...badge, walletAddress: d.walletAddress, mintSignature: d.mintSignature },
    };
  if (d.destination === 'vault')
    return { ...common, type: 'badge_in_vault', dedupeKey: `badge_in_vault:${d.id}`, data: badge };
  return undefined;
}

/**
 * Recounts a batch inside the caller's transaction (after its own changes), stores its status
 * and counters, and emits `issuance.progress` for the console. The batch row is locked, so
 * concurrent recounts of one batch run one after the other and the last one sees everything;
 * call it last, so nothing waits on another lock while holding this one.
 */
export async function refreshBatch(tx: Tx, batchId: string): Promise<void> {
  const batch = await lockBatchForRecount(tx, batchId);
  if (!batch) return;
  const { issuances, transactions } = await countBatchStatuses(tx, batchId);
  const counts = toIssuanceCounts(issuances);
  const status = batchStatusFor(counts, batch.signingMode, transactions);
  const finished = status === 'completed' || status === 'failed';
  await saveBatchProgress(
    tx,
    batchId,
    {
      status,
      total: counts.total,
      succeeded: counts.done - counts.failed,
      failed: counts.failed,
      finished,
    },
    {
      topic: BADGES_TOPIC,
      type: 'issuance.progress',
      key: null,
      payload: { batchId, status, signingMode: batch.signingMode, counts },
    },
  );
}
