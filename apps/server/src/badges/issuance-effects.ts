import { count, eq, inArray } from 'drizzle-orm';
import { users } from '../auth/auth-schema.ts';
import { outbox } from '../events/events-schema.ts';
import { writeOutboxEvent, type NewOutboxEvent } from '../events/write-outbox-event.ts';
import type { Mailer } from '../mail/mailer.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import {
  badgeIssuanceBatches,
  badgeIssuances,
  badgeIssuanceTransactions,
  badgeNotifications,
  badges,
} from './badges-schema.ts';
import { batchStatusFor, toIssuanceCounts } from './batch-progress.ts';
import type { IssuanceRow, Tx } from './issuance-store.ts';

export const BADGES_TOPIC = 'insignia.badges';
type LogEntry = typeof badgeLogs.$inferInsert;

/**
 * What the database must also say when issuances reach the user (issued to a wallet or
 * database-only, or minted into the vault), in the transaction that records it: an in-app
 * notification, the email (wallet: badge details and the mint transaction; vault: claim
 * instructions; database-only: none), audit entries and a `badge.issued` event for the user.
 */
export async function recordDelivered(
  tx: Tx,
  mailer: Pick<Mailer, 'enqueue'>,
  delivered: readonly IssuanceRow[],
  options: { actorId?: string | null; action: string },
): Promise<void> {
  if (delivered.length === 0) return;
  const info = await tx
    .select({
      id: badgeIssuances.id,
      email: users.email,
      badgeName: badges.name,
      badgeDescription: badges.description,
      mintAddress: badges.mintAddress,
    })
    .from(badgeIssuances)
    .innerJoin(users, eq(users.id, badgeIssuances.userId))
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .where(
      inArray(
        badgeIssuances.id,
        delivered.map((d) => d.id),
      ),
    );
  const byId = new Map(info.map((i) => [i.id, i]));
  await tx
    .insert(badgeNotifications)
    .values(delivered.map((d) => ({ issuanceId: d.id, userId: d.userId })))
    .onConflictDoNothing();
  const logs: LogEntry[] = [];
  const events: NewOutboxEvent[] = [];
  for (const d of delivered) {
    const i = byId.get(d.id)!;
    const entity = { entityType: 'issuance', badgeId: d.badgeId, issuanceId: d.id, userId: d.userId };
    logs.push({
      ...entity,
      actionType: options.action,
      performedBy: options.actorId ?? null,
      blockchainTxSignature: d.mintSignature,
      walletAddress: d.destination === 'wallet' ? d.walletAddress : null,
      newValue: { status: d.status, destination: d.destination, metadataCid: d.metadataCid },
    });
    const email =
      d.destination === 'wallet' && d.mintSignature && d.walletAddress
        ? await mailer.enqueue(
            {
              type: 'badge_minted_to_wallet',
              to: i.email,
              userId: d.userId,
              issuanceId: d.id,
              dedupeKey: `badge_minted_to_wallet:${d.id}`,
              data: {
                badgeName: i.badgeName,
                ...(i.badgeDescription ? { badgeDescription: i.badgeDescription.slice(0, 2000) } : {}),
                walletAddress: d.walletAddress,
                mintSignature: d.mintSignature,
              },
            },
            { tx },
          )
        : d.destination === 'vault'
          ? await mailer.enqueue(
              {
                type: 'badge_in_vault',
                to: i.email,
                userId: d.userId,
                issuanceId: d.id,
                dedupeKey: `badge_in_vault:${d.id}`,
                data: {
                  badgeName: i.badgeName,
                  ...(i.badgeDescription ? { badgeDescription: i.badgeDescription.slice(0, 2000) } : {}),
                },
              },
              { tx },
            )
          : undefined;
    if (email?.created)
      logs.push({
        ...entity,
        actionType: 'email.enqueued',
        newValue: {
          emailId: email.id,
          type: d.destination === 'wallet' ? 'badge_minted_to_wallet' : 'badge_in_vault',
        },
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
  await tx.insert(badgeLogs).values(logs);
  // One statement for all: the same rows writeOutboxEvent writes, committed with the change.
  await tx
    .insert(outbox)
    .values(events.map((e) => ({ topic: e.topic, type: e.type, key: e.key ?? null, payload: e.payload })));
}

/**
 * Recounts a batch inside the caller's transaction (after its own changes), stores its status
 * and counters, and emits `issuance.progress` for the console. The batch row is locked, so
 * concurrent recounts of one batch run one after the other and the last one sees everything;
 * call it last, so nothing waits on another lock while holding this one.
 */
export async function refreshBatch(tx: Tx, batchId: string): Promise<void> {
  const [batch] = await tx
    .select()
    .from(badgeIssuanceBatches)
    .where(eq(badgeIssuanceBatches.id, batchId))
    // Not FOR UPDATE: rows inserted with a foreign key to the batch hold FOR KEY SHARE on it
    // until they commit, and two such transactions both upgrading would deadlock.
    .for('no key update');
  if (!batch) return;
  const [issuances, transactions] = await Promise.all([
    tx
      .select({ status: badgeIssuances.status, n: count() })
      .from(badgeIssuances)
      .where(eq(badgeIssuances.batchId, batchId))
      .groupBy(badgeIssuances.status),
    tx
      .select({ status: badgeIssuanceTransactions.status, n: count() })
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, batchId))
      .groupBy(badgeIssuanceTransactions.status),
  ]);
  const counts = toIssuanceCounts(new Map(issuances.map((r) => [r.status, r.n])));
  const status = batchStatusFor(counts, batch.signingMode, new Map(transactions.map((r) => [r.status, r.n])));
  const finished = status === 'completed' || status === 'failed';
  await tx
    .update(badgeIssuanceBatches)
    .set({
      status,
      total: counts.total,
      succeeded: counts.done - counts.failed,
      failed: counts.failed,
      completedAt: finished ? (batch.completedAt ?? new Date()) : null,
    })
    .where(eq(badgeIssuanceBatches.id, batchId));
  await writeOutboxEvent(tx, {
    topic: BADGES_TOPIC,
    type: 'issuance.progress',
    key: null,
    payload: { batchId, status, signingMode: batch.signingMode, counts },
  });
}
