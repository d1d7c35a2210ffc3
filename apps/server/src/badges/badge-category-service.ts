import type { BadgeCategory, CreateBadgeCategory, UpdateBadgeCategory } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/pg-errors.ts';
import { AppError } from '../errors/app-error.ts';
import {
  countBadgesInCategory,
  deleteCategory,
  findCategoryWithCount,
  insertCategory,
  listCategoriesWithCounts,
  lockCategory,
  updateCategory,
  type CategoryRow,
} from './badge-category-store.ts';
import { writeBadgeLog } from './badge-log-store.ts';

const toView = (row: CategoryRow, badgeCount: number): BadgeCategory => ({
  id: row.id,
  name: row.name,
  description: row.description,
  badgeCount,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const snapshot = (row: CategoryRow) => ({ name: row.name, description: row.description });

/** Badge categories: create, rename, describe, delete while empty. Every change is audited. */
export function createBadgeCategoryService(deps: { db: Db }) {
  const { db } = deps;
  const nameTaken = (e: unknown) =>
    isUniqueViolation(e, 'badge_categories_name_unique') ? new AppError('BADGE__CATEGORY_NAME_TAKEN') : e;

  async function get(id: string): Promise<BadgeCategory> {
    const row = await findCategoryWithCount(db, id);
    if (!row) throw new AppError('BADGE__CATEGORY_NOT_FOUND');
    return toView(row.category, row.n);
  }

  return {
    get,
    async list(): Promise<BadgeCategory[]> {
      const rows = await listCategoriesWithCounts(db);
      return rows.map((r) => toView(r.category, r.n));
    },

    async create(actorId: string, input: CreateBadgeCategory): Promise<BadgeCategory> {
      const row = await db
        .transaction(async (tx) => {
          const created = await insertCategory(tx, input);
          await writeBadgeLog(tx, {
            actionType: 'category.created',
            entityType: 'category',
            categoryId: created.id,
            performedBy: actorId,
            newValue: snapshot(created),
          });
          return created;
        })
        .catch((e: unknown) => {
          throw nameTaken(e);
        });
      return toView(row, 0);
    },

    async update(actorId: string, id: string, input: UpdateBadgeCategory): Promise<BadgeCategory> {
      await db
        .transaction(async (tx) => {
          const old = await lockCategory(tx, id);
          if (!old) throw new AppError('BADGE__CATEGORY_NOT_FOUND');
          const updated = await updateCategory(tx, id, input);
          await writeBadgeLog(tx, {
            actionType: 'category.updated',
            entityType: 'category',
            categoryId: id,
            performedBy: actorId,
            oldValue: snapshot(old),
            newValue: snapshot(updated),
          });
        })
        .catch((e: unknown) => {
          throw nameTaken(e);
        });
      return get(id);
    },

    /** Only an empty category can go: badges keep their category for the audit trail. */
    async remove(actorId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const old = await lockCategory(tx, id);
        if (!old) throw new AppError('BADGE__CATEGORY_NOT_FOUND');
        const used = await countBadgesInCategory(tx, id);
        if (used > 0) throw new AppError('BADGE__CATEGORY_IN_USE', { badges: used });
        // Logged before the delete: the log's category_id is then set null by the foreign key.
        await writeBadgeLog(tx, {
          actionType: 'category.deleted',
          entityType: 'category',
          categoryId: id,
          performedBy: actorId,
          oldValue: { id, ...snapshot(old) },
        });
        await deleteCategory(tx, id);
      });
    },
  };
}

export type BadgeCategoryService = ReturnType<typeof createBadgeCategoryService>;
