import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { BadgeNotifications, ReadBadgeNotifications } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import { badgeIssuances, badgeNotifications, badges } from './badges-schema.ts';

/**
 * In-app badge notifications: what a user has been given, unread first, and their
 * acknowledgement (the only trace a database-only badge leaves besides its issuance). Each
 * acknowledgement is also written to badge_logs.
 */
export function createBadgeNotificationsService(deps: { db: Db }) {
  const { db } = deps;

  async function unreadCount(handle: Pick<Db, 'select'>, userId: string): Promise<number> {
    const [row] = await handle
      .select({ n: count() })
      .from(badgeNotifications)
      .where(and(eq(badgeNotifications.userId, userId), eq(badgeNotifications.isRead, false)));
    return row?.n ?? 0;
  }

  async function list(userId: string, page: { limit: number; offset: number }): Promise<BadgeNotifications> {
    const [rows, [total], unread] = await Promise.all([
      db
        .select({ notification: badgeNotifications, issuance: badgeIssuances, badge: badges })
        .from(badgeNotifications)
        .innerJoin(badgeIssuances, eq(badgeIssuances.id, badgeNotifications.issuanceId))
        .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
        .where(eq(badgeNotifications.userId, userId))
        .orderBy(
          asc(badgeNotifications.isRead),
          desc(badgeNotifications.appearedAt),
          desc(badgeNotifications.id),
        )
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(badgeNotifications).where(eq(badgeNotifications.userId, userId)),
      unreadCount(db, userId),
    ]);
    return {
      items: rows.map(({ notification, issuance, badge }) => ({
        id: notification.id,
        issuanceId: issuance.id,
        badge: {
          id: badge.id,
          name: badge.name,
          imageUrl: badge.imageGatewayUrl ?? badge.imageUri,
          type: badge.badgeType,
        },
        status: issuance.status,
        isRead: notification.isRead,
        appearedAt: notification.appearedAt.toISOString(),
        readAt: notification.readAt?.toISOString() ?? null,
      })),
      unread,
      total: total?.n ?? 0,
    };
  }

  /** Marks the user's own unread notifications read; ids of others' are silently not matched. */
  async function markRead(userId: string, input: ReadBadgeNotifications) {
    return db.transaction(async (tx) => {
      const now = new Date();
      const read = await tx
        .update(badgeNotifications)
        .set({ isRead: true, readAt: now })
        .where(
          and(
            eq(badgeNotifications.userId, userId),
            eq(badgeNotifications.isRead, false),
            'ids' in input ? inArray(badgeNotifications.id, input.ids) : undefined,
          ),
        )
        .returning({ id: badgeNotifications.id, issuanceId: badgeNotifications.issuanceId });
      if (read.length > 0) {
        await tx.insert(badgeLogs).values(
          read.map((n) => ({
            actionType: 'notification.read',
            entityType: 'notification',
            issuanceId: n.issuanceId,
            userId,
            performedBy: userId,
            oldValue: { notificationId: n.id, isRead: false },
            newValue: { notificationId: n.id, isRead: true },
          })),
        );
      }
      return { updated: read.length, unread: await unreadCount(tx, userId) };
    });
  }

  return { list, markRead };
}

export type BadgeNotificationsService = ReturnType<typeof createBadgeNotificationsService>;
