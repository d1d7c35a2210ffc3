import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { badgeRevocations } from '../revocation/revocations-schema.ts';
import { badgeIssuances, badgeNotifications, badges } from './badges-schema.ts';
import type { Tx } from './issuance-store.ts';

export async function countUnreadNotifications(handle: Pick<Db, 'select'>, userId: string): Promise<number> {
  const [row] = await handle
    .select({ n: count() })
    .from(badgeNotifications)
    .where(and(eq(badgeNotifications.userId, userId), eq(badgeNotifications.isRead, false)));
  return row?.n ?? 0;
}

/** A page of a user's notifications, unread first, newest first, with their issuance and badge. */
export function listNotifications(db: Db, userId: string, page: { limit: number; offset: number }) {
  return db
    .select({
      notification: badgeNotifications,
      issuance: badgeIssuances,
      badge: badges,
      revocationReason: badgeRevocations.reason,
    })
    .from(badgeNotifications)
    .innerJoin(badgeIssuances, eq(badgeIssuances.id, badgeNotifications.issuanceId))
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .leftJoin(badgeRevocations, eq(badgeRevocations.issuanceId, badgeIssuances.id))
    .where(eq(badgeNotifications.userId, userId))
    .orderBy(asc(badgeNotifications.isRead), desc(badgeNotifications.appearedAt), desc(badgeNotifications.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(badgeNotifications)
    .where(eq(badgeNotifications.userId, userId));
  return row?.n ?? 0;
}

/** Marks the user's unread notifications (all, or those of `ids`) read; returns the ones it changed. */
export function markNotificationsRead(tx: Tx, userId: string, ids: readonly string[] | undefined, at: Date) {
  return tx
    .update(badgeNotifications)
    .set({ isRead: true, readAt: at })
    .where(
      and(
        eq(badgeNotifications.userId, userId),
        eq(badgeNotifications.isRead, false),
        ids ? inArray(badgeNotifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: badgeNotifications.id, issuanceId: badgeNotifications.issuanceId });
}
