import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { nftLevelBadges } from '../nft/nft-schema.ts';
import type { BadgeRow } from './badge-queries.ts';
import { initialBadgeMintState } from './badge-mint-machine.ts';
import { badgeCategories, badgeIssuances, badges } from './badges-schema.ts';
import type { Tx } from './issuance-store.ts';

/** A new badge's columns; its lifecycle columns come from the mint machine. */
export type NewBadge = Omit<typeof badges.$inferInsert, 'status' | 'attempts' | 'lastError' | 'archivedAt'>;
/** Catalogue fields an edit may change (never the lifecycle). */
export type BadgeFieldsPatch = Partial<
  Pick<
    NewBadge,
    | 'name'
    | 'description'
    | 'symbol'
    | 'categoryId'
    | 'imageCid'
    | 'imageUri'
    | 'imageGatewayUrl'
    | 'imageContentType'
    | 'validityDays'
  >
>;

export async function findCategory(db: Db, id: string) {
  const [row] = await db.select().from(badgeCategories).where(eq(badgeCategories.id, id));
  return row;
}

/** Inserts a badge in its initial state: `creating` for a blockchain badge, else `active`. */
export async function insertBadge(tx: Tx, values: NewBadge): Promise<BadgeRow> {
  const { status, attempts } = initialBadgeMintState(values.badgeType);
  return expectRow(
    await tx
      .insert(badges)
      .values({ ...values, status, attempts })
      .returning(),
    'badge',
  );
}

export async function updateBadgeFields(tx: Tx, id: string, patch: BadgeFieldsPatch): Promise<BadgeRow> {
  return expectRow(await tx.update(badges).set(patch).where(eq(badges.id, id)).returning(), 'badge');
}

/** How many issuances and NFT levels refer to a badge (either keeps it from being deleted). */
export async function countBadgeReferences(db: Db, id: string): Promise<{ issued: number; levels: number }> {
  const [[issued], [levels]] = await Promise.all([
    db.select({ n: count() }).from(badgeIssuances).where(eq(badgeIssuances.badgeId, id)),
    db.select({ n: count() }).from(nftLevelBadges).where(eq(nftLevelBadges.badgeId, id)),
  ]);
  return { issued: issued?.n ?? 0, levels: levels?.n ?? 0 };
}

export async function deleteBadge(tx: Tx, id: string): Promise<void> {
  await tx.delete(badges).where(eq(badges.id, id));
}
