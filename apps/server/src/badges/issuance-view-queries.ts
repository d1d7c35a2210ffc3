import { count, desc, eq, inArray, type SQL, and } from 'drizzle-orm';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import type { Issuance, IssuanceBatch } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions, badges } from './badges-schema.ts';
import { toIssuanceCounts } from './batch-progress.ts';
import type { IssuanceStatus, IssuanceTransactionStatus } from './issuance-machine.ts';
import { hasExpired } from './has-expired.ts';

type BatchRow = typeof badgeIssuanceBatches.$inferSelect;

/** Batches with their live counts (issuances and transactions by status), creator and badges. */
export async function toBatchViews(
  db: Pick<Db, 'select'>,
  batches: readonly BatchRow[],
): Promise<IssuanceBatch[]> {
  if (batches.length === 0) return [];
  const ids = batches.map((b) => b.id);
  const [issuanceCounts, databaseOnlyCounts, txCounts, creators, badgeRows] = await Promise.all([
    db
      .select({ batchId: badgeIssuances.batchId, status: badgeIssuances.status, n: count() })
      .from(badgeIssuances)
      .where(inArray(badgeIssuances.batchId, ids))
      .groupBy(badgeIssuances.batchId, badgeIssuances.status),
    // Database-only issuances are `issued` too, but never reach a wallet: counted apart.
    db
      .select({ batchId: badgeIssuances.batchId, n: count() })
      .from(badgeIssuances)
      .where(
        and(
          inArray(badgeIssuances.batchId, ids),
          eq(badgeIssuances.destination, 'none'),
          eq(badgeIssuances.status, 'issued'),
        ),
      )
      .groupBy(badgeIssuances.batchId),
    db
      .select({
        batchId: badgeIssuanceTransactions.batchId,
        status: badgeIssuanceTransactions.status,
        n: count(),
      })
      .from(badgeIssuanceTransactions)
      .where(inArray(badgeIssuanceTransactions.batchId, ids))
      .groupBy(badgeIssuanceTransactions.batchId, badgeIssuanceTransactions.status),
    db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(users.id, [...new Set(batches.map((b) => b.createdBy).filter((v): v is string => !!v))]),
      ),
    db
      .select({ id: badges.id, name: badges.name, type: badges.badgeType })
      .from(badges)
      .where(inArray(badges.id, [...new Set(batches.flatMap((b) => b.badgeIds))])),
  ]);
  const creatorById = new Map(creators.map((c) => [c.id, c]));
  const badgeById = new Map(badgeRows.map((b) => [b.id, b]));
  return batches.map((b) => {
    const mine = new Map<IssuanceStatus, number>();
    for (const c of issuanceCounts) if (c.batchId === b.id) mine.set(c.status, c.n);
    const txs = new Map<IssuanceTransactionStatus, number>();
    for (const c of txCounts) if (c.batchId === b.id) txs.set(c.status, c.n);
    const tx = (s: IssuanceTransactionStatus) => txs.get(s) ?? 0;
    return {
      id: b.id,
      status: b.status,
      signingMode: b.signingMode,
      adminWallet: b.adminWallet,
      createdBy: b.createdBy ? (creatorById.get(b.createdBy) ?? null) : null,
      badges: b.badgeIds.flatMap((id) => {
        const badge = badgeById.get(id);
        return badge ? [badge] : [];
      }),
      counts: {
        ...toIssuanceCounts(mine),
        databaseOnly: databaseOnlyCounts.find((c) => c.batchId === b.id)?.n ?? 0,
      },
      transactions: {
        total: [...txs.values()].reduce((a, n) => a + n, 0),
        awaitingSignature: tx('awaiting_signature'),
        sent: tx('sent'),
        confirmed: tx('confirmed'),
        failed: tx('failed'),
        expired: tx('expired'),
      },
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
    };
  });
}

export async function findBatchView(db: Pick<Db, 'select'>, id: string): Promise<IssuanceBatch | undefined> {
  const rows = await db.select().from(badgeIssuanceBatches).where(eq(badgeIssuanceBatches.id, id));
  return (await toBatchViews(db, rows))[0];
}

/** Issuances with their badge and user, newest first. */
export async function listIssuanceViews(
  db: Db,
  where: SQL | undefined,
  limit: number,
  offset: number,
): Promise<{ items: Issuance[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        issuance: badgeIssuances,
        badge: { id: badges.id, name: badges.name, type: badges.badgeType, mintAddress: badges.mintAddress },
        user: { id: users.id, email: users.email },
        revocation: {
          reason: badgeRevocations.reason,
          chainAction: badgeRevocations.chainAction,
          status: badgeRevocations.status,
        },
      })
      .from(badgeIssuances)
      .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
      .innerJoin(users, eq(users.id, badgeIssuances.userId))
      .leftJoin(badgeRevocations, eq(badgeRevocations.issuanceId, badgeIssuances.id))
      .where(where)
      .orderBy(desc(badgeIssuances.createdAt), badgeIssuances.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(badgeIssuances).where(where),
  ]);
  const now = Date.now();
  return {
    items: rows.map(({ issuance: i, badge, user, revocation }) => ({
      id: i.id,
      batchId: i.batchId,
      badge: { ...badge, mintAddress: badge.type === 'blockchain' ? badge.mintAddress : null },
      user,
      status: i.status,
      destination: i.destination,
      walletAddress: i.walletAddress,
      metadataUri: i.metadataUri,
      metadataCid: i.metadataCid,
      gatewayUrl: i.gatewayUrl,
      contentHash: i.contentHash,
      recipientHash: i.recipientHash,
      mintSignature: i.mintSignature,
      attempts: i.attempts,
      lastError: i.lastError,
      issuedAt: i.issuedAt?.toISOString() ?? null,
      validUntil: i.validUntil?.toISOString() ?? null,
      expired: hasExpired(i.validUntil, now),
      revocation: revocation && i.revokedAt ? { ...revocation, revokedAt: i.revokedAt.toISOString() } : null,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    })),
    total: total?.n ?? 0,
  };
}

export async function findIssuanceView(db: Db, id: string): Promise<Issuance | undefined> {
  return (await listIssuanceViews(db, eq(badgeIssuances.id, id), 1, 0)).items[0];
}

export const issuancesOfBatch = (batchId: string, statuses?: IssuanceStatus[]) =>
  and(eq(badgeIssuances.batchId, batchId), statuses ? inArray(badgeIssuances.status, statuses) : undefined);
