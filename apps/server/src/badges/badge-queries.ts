import { and, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Badge, BadgeListQuery } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import type { IssuanceStatus } from './issuance-machine.ts';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import { badgeCategories, badgeIssuances, badges } from './badges-schema.ts';

export type BadgeRow = typeof badges.$inferSelect;

const issuedCount = sql<number>`(select count(*)::int from ${badgeIssuances} where ${badgeIssuances.badgeId} = ${badges.id})`;

/** The catalogue's view of a badge row (category name and issuance count joined in). */
export function toBadgeView(
  row: BadgeRow,
  category: { id: string; name: string } | null,
  issued: number,
): Badge {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    symbol: row.symbol,
    category,
    type: row.badgeType,
    status: row.status,
    image:
      row.imageCid && row.imageUri
        ? {
            cid: row.imageCid,
            uri: row.imageUri,
            gatewayUrl: row.imageGatewayUrl ?? '',
            contentType: row.imageContentType ?? 'application/octet-stream',
          }
        : null,
    mintAddress: row.badgeType === 'blockchain' ? row.mintAddress : null,
    mintSignature: row.mintSignature,
    metadata:
      row.metadataCid && row.metadataUri
        ? { cid: row.metadataCid, uri: row.metadataUri, gatewayUrl: row.metadataGatewayUrl ?? '' }
        : null,
    issuedCount: issued,
    validityDays: row.validityDays,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function selectViews(db: Pick<Db, 'select'>, where: SQL | undefined, limit: number, offset: number) {
  const rows = await db
    .select({
      badge: badges,
      categoryId: badgeCategories.id,
      categoryName: badgeCategories.name,
      issued: issuedCount,
    })
    .from(badges)
    .leftJoin(badgeCategories, eq(badgeCategories.id, badges.categoryId))
    .where(where)
    .orderBy(desc(badges.createdAt), desc(badges.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) =>
    toBadgeView(
      r.badge,
      r.categoryId && r.categoryName ? { id: r.categoryId, name: r.categoryName } : null,
      r.issued,
    ),
  );
}

export async function findBadgeView(db: Pick<Db, 'select'>, id: string): Promise<Badge | undefined> {
  return (await selectViews(db, eq(badges.id, id), 1, 0))[0];
}

/** The catalogue page: filters, newest first, with the total for paging. */
export async function listBadgeViews(
  db: Db,
  query: BadgeListQuery,
): Promise<{ items: Badge[]; total: number }> {
  const filters: (SQL | undefined)[] = [
    query.status ? inArray(badges.status, query.status) : ne(badges.status, 'archived'),
    query.type ? eq(badges.badgeType, query.type) : undefined,
    query.categoryId ? eq(badges.categoryId, query.categoryId) : undefined,
  ];
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(ilike(badges.name, pattern), ilike(badges.description, pattern)));
  }
  const where = and(...filters);
  const [items, [total]] = await Promise.all([
    selectViews(db, where, query.limit, query.offset),
    db.select({ n: count() }).from(badges).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findBadge(db: Pick<Db, 'select'>, id: string): Promise<BadgeRow | undefined> {
  const [row] = await db.select().from(badges).where(eq(badges.id, id));
  return row;
}

/** A user's issuances in `statuses`, newest first, with their badge and its category. */
export function listUserBadgeRows(db: Db, userId: string, statuses: readonly IssuanceStatus[]) {
  return db
    .select({
      issuance: badgeIssuances,
      badge: badges,
      category: badgeCategories,
      revocationReason: badgeRevocations.reason,
    })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .leftJoin(badgeCategories, eq(badgeCategories.id, badges.categoryId))
    .leftJoin(badgeRevocations, eq(badgeRevocations.issuanceId, badgeIssuances.id))
    .where(and(eq(badgeIssuances.userId, userId), inArray(badgeIssuances.status, [...statuses])))
    .orderBy(desc(badgeIssuances.createdAt), desc(badgeIssuances.id));
}
