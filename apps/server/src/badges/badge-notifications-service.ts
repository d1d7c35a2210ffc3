import type { BadgeNotifications, ReadBadgeNotifications } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import {
  countNotifications,
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
} from './badge-notifications-store.ts';

/**
 * In-app badge notifications: what a user has been given, unread first, and their
 * acknowledgement (the only trace a database-only badge leaves besides its issuance). Each
 * acknowledgement is also written to badge_logs.
 */
export function createBadgeNotificationsService(deps: { db: Db }) {
  const { db } = deps;

  async function list(userId: string, page: { limit: number; offset: number }): Promise<BadgeNotifications> {
    const [rows, total, unread] = await Promise.all([
      listNotifications(db, userId, page),
      countNotifications(db, userId),
      countUnreadNotifications(db, userId),
    ]);
    return {
      items: rows.map(({ notification, issuance, badge, revocationReason }) => ({
        id: notification.id,
        issuanceId: issuance.id,
        badge: {
          id: badge.id,
          name: badge.name,
          imageUrl: badge.imageGatewayUrl ?? badge.imageUri,
          type: badge.badgeType,
        },
        status: issuance.status,
        kind: notification.kind,
        revocationReason: notification.kind === 'revoked' ? revocationReason : null,
        isRead: notification.isRead,
        appearedAt: notification.appearedAt.toISOString(),
        readAt: notification.readAt?.toISOString() ?? null,
      })),
      unread,
      total,
    };
  }

  /** Marks the user's own unread notifications read; ids of others' are silently not matched. */
  async function markRead(userId: string, input: ReadBadgeNotifications) {
    return db.transaction(async (tx) => {
      const read = await markNotificationsRead(
        tx,
        userId,
        'ids' in input ? input.ids : undefined,
        new Date(),
      );
      if (read.length > 0) {
        await writeBadgeLogs(
          tx,
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
      return { updated: read.length, unread: await countUnreadNotifications(tx, userId) };
    });
  }

  return { list, markRead };
}

export type BadgeNotificationsService = ReturnType<typeof createBadgeNotificationsService>;
