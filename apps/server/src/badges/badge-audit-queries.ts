import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { BadgeLog, EmailLog, WebhookDelivery } from '@insignia/contract';
import type { z } from 'zod';
import type {
  badgeLogsQuerySchema,
  emailLogsQuerySchema,
  webhookDeliveriesQuerySchema,
} from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { badgeLogs } from './badge-logs-schema.ts';

type Page<T> = { items: T[]; total: number };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The console's audit views: badge_logs, email_logs and webhook deliveries, filtered and paged. */
export function createBadgeAuditQueries(deps: { db: Db }) {
  const { db } = deps;

  async function page<R>(
    rows: Promise<R[]>,
    total: Promise<{ n: number }[]>,
  ): Promise<{ rows: R[]; total: number }> {
    const [r, [t]] = await Promise.all([rows, total]);
    return { rows: r, total: t?.n ?? 0 };
  }

  return {
    async badgeLogs(query: z.output<typeof badgeLogsQuerySchema>): Promise<Page<BadgeLog>> {
      const where = and(
        query.action ? inArray(badgeLogs.actionType, query.action) : undefined,
        query.entity ? eq(badgeLogs.entityType, query.entity) : undefined,
        query.badgeId ? eq(badgeLogs.badgeId, query.badgeId) : undefined,
        query.userId ? eq(badgeLogs.userId, query.userId) : undefined,
        query.issuanceId ? eq(badgeLogs.issuanceId, query.issuanceId) : undefined,
        query.claimId ? eq(badgeLogs.claimId, query.claimId) : undefined,
        query.status ? eq(badgeLogs.status, query.status) : undefined,
        query.from ? gte(badgeLogs.createdAt, new Date(query.from)) : undefined,
        query.to ? lte(badgeLogs.createdAt, new Date(query.to)) : undefined,
      );
      const { rows, total } = await page(
        db
          .select({ log: badgeLogs, actorEmail: users.email })
          .from(badgeLogs)
          .leftJoin(users, eq(users.id, badgeLogs.performedBy))
          .where(where)
          .orderBy(desc(badgeLogs.createdAt), desc(badgeLogs.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(badgeLogs).where(where),
      );
      return {
        total,
        items: rows.map(({ log, actorEmail }) => ({
          id: log.id,
          action: log.actionType,
          entity: log.entityType,
          badgeId: log.badgeId,
          categoryId: log.categoryId,
          issuanceId: log.issuanceId,
          userId: log.userId,
          claimId: log.claimId,
          performedBy: log.performedBy && actorEmail ? { id: log.performedBy, email: actorEmail } : null,
          txSignature: log.blockchainTxSignature,
          walletAddress: log.walletAddress,
          oldValue: log.oldValue,
          newValue: log.newValue,
          status: log.status,
          error: log.errorMessage,
          createdAt: log.createdAt.toISOString(),
        })),
      };
    },

    async emailLogs(query: z.output<typeof emailLogsQuerySchema>): Promise<Page<EmailLog>> {
      const where = and(
        query.status ? inArray(emailLogs.status, query.status) : undefined,
        query.type ? inArray(emailLogs.notificationType, query.type) : undefined,
        query.userId ? eq(emailLogs.userId, query.userId) : undefined,
        query.issuanceId ? eq(emailLogs.issuanceId, query.issuanceId) : undefined,
      );
      const { rows, total } = await page(
        db
          .select()
          .from(emailLogs)
          .where(where)
          .orderBy(desc(emailLogs.createdAt), desc(emailLogs.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(emailLogs).where(where),
      );
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          type: r.notificationType,
          recipient: r.recipient,
          subject: r.subject,
          status: r.status,
          mailProviderId: r.mailProviderId,
          attempts: r.attempts,
          lastError: r.lastError,
          issuanceId: r.issuanceId,
          claimId: r.claimId,
          userId: r.userId,
          sentAt: iso(r.sentAt),
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },

    async webhookDeliveries(
      query: z.output<typeof webhookDeliveriesQuerySchema>,
    ): Promise<Page<WebhookDelivery>> {
      const where: SQL | undefined = and(
        query.status ? inArray(webhookDeliveries.status, query.status) : undefined,
        query.eventType ? eq(webhookDeliveries.eventType, query.eventType) : undefined,
      );
      const { rows, total } = await page(
        db
          .select()
          .from(webhookDeliveries)
          .where(where)
          .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(webhookDeliveries).where(where),
      );
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          eventId: r.eventId,
          eventType: r.eventType,
          url: r.url,
          payload: r.payload,
          status: r.status,
          attempts: r.attempts,
          responseStatus: r.responseStatus,
          lastError: r.lastError,
          deliveredAt: iso(r.deliveredAt),
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  };
}

export type BadgeAuditQueries = ReturnType<typeof createBadgeAuditQueries>;
