import { count, desc, eq, inArray, sql, type SQL, and } from 'drizzle-orm';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import type { Issuance, IssuanceBatch } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { preparedSql } from '../db/prepared-once.ts';
import { badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions, badges } from './badges-schema.ts';
import { toIssuanceCounts } from './batch-progress.ts';
import type { IssuanceStatus, IssuanceTransactionStatus } from './issuance-machine.ts';
import { hasExpired } from './has-expired.ts';

type BatchRow = typeof badgeIssuanceBatches.$inferSelect;

interface BatchViewFacts {
  batchId: string;
  issuanceCounts: Partial<Record<IssuanceStatus, number>>;
  databaseOnly: number;
  transactionCounts: Partial<Record<IssuanceTransactionStatus, number>>;
  creator: { id: string; email: string } | null;
  badges: { id: string; name: string; type: (typeof badges.$inferSelect)['badgeType'] }[];
}

/**
 * What a batch's view adds to its row, for each of `ids`, in one prepared statement: the
 * issuances and transactions by status, database-only issuances (`issued` too, but never on a
 * wallet: counted apart), the creator and the badges. Five builder queries did this before; the
 * admin's POST answers with this view, and live pages ask for it again and again.
 */
function loadBatchViewFacts(db: Db, ids: readonly string[]) {
  return preparedSql<BatchViewFacts>(db, 'batch_view_facts', () => {
    const [b, i, t, u, x] = [badgeIssuanceBatches, badgeIssuances, badgeIssuanceTransactions, users, badges];
    return sql`select ${b.id}::text as "batchId",
        coalesce((select jsonb_object_agg(c.status, c.n) from (
          select ${i.status} as status, count(*)::int as n from ${i} where ${i.batchId} = ${b.id}
          group by ${i.status}) c), '{}'::jsonb) as "issuanceCounts",
        (select count(*)::int from ${i} where ${i.batchId} = ${b.id}
          and ${i.destination} = 'none' and ${i.status} = 'issued') as "databaseOnly",
        coalesce((select jsonb_object_agg(c.status, c.n) from (
          select ${t.status} as status, count(*)::int as n from ${t} where ${t.batchId} = ${b.id}
          group by ${t.status}) c), '{}'::jsonb) as "transactionCounts",
        (select jsonb_build_object('id', ${u.id}, 'email', ${u.email}) from ${u}
          where ${u.id} = ${b.createdBy}) as "creator",
        coalesce((select jsonb_agg(jsonb_build_object('id', ${x.id}, 'name', ${x.name}, 'type', ${x.badgeType}))
          from ${x} where ${x.id} in (select jsonb_array_elements_text(${b.badgeIds})::uuid)), '[]'::jsonb) as "badges"
      from ${b} where ${b.id} = any(${sql.placeholder('ids')}::uuid[])`;
  }).rows({ ids });
}

/** Batches with their live counts (issuances and transactions by status), creator and badges. */
export async function toBatchViews(db: Db, batches: readonly BatchRow[]): Promise<IssuanceBatch[]> {
  if (batches.length === 0) return [];
  const facts = new Map(
    (
      await loadBatchViewFacts(
        db,
        batches.map((b) => b.id),
      )
    ).map((f) => [f.batchId, f]),
  );
  return batches.map((b) => {
    const fact = facts.get(b.id);
    const mine = new Map(Object.entries(fact?.issuanceCounts ?? {}) as [IssuanceStatus, number][]);
    const txs = new Map(
      Object.entries(fact?.transactionCounts ?? {}) as [IssuanceTransactionStatus, number][],
    );
    const tx = (s: IssuanceTransactionStatus) => txs.get(s) ?? 0;
    const badgeById = new Map((fact?.badges ?? []).map((x) => [x.id, x]));
    return {
      id: b.id,
      status: b.status,
      signingMode: b.signingMode,
      adminWallet: b.adminWallet,
      createdBy: fact?.creator ?? null,
      badges: b.badgeIds.flatMap((id) => {
        const badge = badgeById.get(id);
        return badge ? [badge] : [];
      }),
      counts: {
        ...toIssuanceCounts(mine),
        databaseOnly: fact?.databaseOnly ?? 0,
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

export async function findBatchView(db: Db, id: string): Promise<IssuanceBatch | undefined> {
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
