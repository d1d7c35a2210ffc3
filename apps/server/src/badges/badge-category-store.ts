import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { expectRow } from '../db/expect-row.ts';
import { badgeCategories, badges } from './badges-schema.ts';
import type { Tx } from './issuance-store.ts';

export type CategoryRow = typeof badgeCategories.$inferSelect;
export type NewCategory = Pick<typeof badgeCategories.$inferInsert, 'name' | 'description'>;

// A join, not a correlated subquery: inside `sql` Drizzle leaves columns unqualified, so a
// subquery's `id` would mean the badge's own id and the count was always 0.
const withBadgeCounts = (db: Db) =>
  db
    .select({ category: badgeCategories, n: count(badges.id) })
    .from(badgeCategories)
    .leftJoin(badges, eq(badges.categoryId, badgeCategories.id))
    .groupBy(badgeCategories.id)
    .$dynamic();

/** A category with how many badges it holds. */
export async function findCategoryWithCount(db: Db, id: string) {
  const [row] = await withBadgeCounts(db).where(eq(badgeCategories.id, id));
  return row;
}

/** Every category with how many badges it holds, by name. */
export function listCategoriesWithCounts(db: Db) {
  return withBadgeCounts(db).orderBy(asc(badgeCategories.name));
}

export async function insertCategory(tx: Tx, values: NewCategory): Promise<CategoryRow> {
  return expectRow(await tx.insert(badgeCategories).values(values).returning(), 'category');
}

export async function lockCategory(tx: Tx, id: string): Promise<CategoryRow | undefined> {
  const [row] = await tx.select().from(badgeCategories).where(eq(badgeCategories.id, id)).for('update');
  return row;
}

export async function updateCategory(tx: Tx, id: string, patch: Partial<NewCategory>): Promise<CategoryRow> {
  return expectRow(
    await tx.update(badgeCategories).set(patch).where(eq(badgeCategories.id, id)).returning(),
    'category',
  );
}

export async function countBadgesInCategory(tx: Tx, id: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(badges).where(eq(badges.categoryId, id));
  return row?.n ?? 0;
}

export async function deleteCategory(tx: Tx, id: string): Promise<void> {
  await tx.delete(badgeCategories).where(eq(badgeCategories.id, id));
}
