import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeLogs } from '../badges/badge-logs-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import type { Db } from '../db/database.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import {
  nftLevels,
  nftRequestEvents,
  nftRequests,
  reconciliationFlags,
  reconciliationRuns,
  userNfts,
} from '../nft/nft-schema.ts';

async function countWhere(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/** The newest badge log lines and NFT request transitions, each with the acting user's email. */
export async function findRecentActivityRows(db: Db, limit: number) {
  const actor = alias(users, 'actor');
  const [badgeRows, nftRows] = await Promise.all([
    db
      .select({
        id: badgeLogs.id,
        at: badgeLogs.createdAt,
        action: badgeLogs.actionType,
        entity: badgeLogs.entityType,
        status: badgeLogs.status,
        error: badgeLogs.errorMessage,
        actorEmail: actor.email,
      })
      .from(badgeLogs)
      .leftJoin(actor, eq(actor.id, badgeLogs.performedBy))
      .orderBy(desc(badgeLogs.createdAt))
      .limit(limit),
    db
      .select({
        id: nftRequestEvents.id,
        at: nftRequestEvents.createdAt,
        action: nftRequestEvents.toStatus,
        entity: nftRequests.kind,
        actorEmail: actor.email,
        error: nftRequests.lastError,
      })
      .from(nftRequestEvents)
      .innerJoin(nftRequests, eq(nftRequests.id, nftRequestEvents.requestId))
      .leftJoin(actor, eq(actor.id, nftRequestEvents.actorId))
      .orderBy(desc(nftRequestEvents.createdAt))
      .limit(limit),
  ]);
  return { badgeRows, nftRows };
}

/** The dashboard's counts; each is one indexed aggregate, run in parallel. */
export async function countDashboardTotals(db: Db) {
  const [
    [userCounts],
    activeNftsByLevel,
    badgeCount,
    [issuanceCounts],
    compensationQueue,
    openReconciliationFlags,
    failedEmails,
    failedWebhooks,
    pendingClaims,
    [lastRun],
  ] = await Promise.all([
    db
      .select({
        total: count(),
        admins: sql<number>`count(*) filter (where ${users.role} = 'admin')`.mapWith(Number),
        withWallet: count(users.walletAddress),
      })
      .from(users),
    db
      .select({ level: nftLevels.level, name: nftLevels.name, count: count(userNfts.id) })
      .from(nftLevels)
      .leftJoin(userNfts, and(eq(userNfts.level, nftLevels.level), eq(userNfts.status, 'active')))
      .groupBy(nftLevels.level, nftLevels.name)
      .orderBy(nftLevels.level),
    countWhere(db, badges, sql`${badges.status} <> 'archived'`),
    db
      .select({
        issued: sql<number>`count(*) filter (where ${badgeIssuances.status} <> 'failed')`.mapWith(Number),
        inVault:
          sql<number>`count(*) filter (where ${badgeIssuances.status} in ('in_vault', 'claim_requested'))`.mapWith(
            Number,
          ),
        failed: sql<number>`count(*) filter (where ${badgeIssuances.status} = 'failed')`.mapWith(Number),
      })
      .from(badgeIssuances),
    countWhere(db, nftRequests, eq(nftRequests.status, 'needs_compensation')),
    countWhere(
      db,
      reconciliationFlags,
      // Auto-corrected findings are a record, not a task.
      and(isNull(reconciliationFlags.resolvedAt), eq(reconciliationFlags.autoCorrected, false)),
    ),
    countWhere(db, emailLogs, eq(emailLogs.status, 'failed')),
    countWhere(db, webhookDeliveries, eq(webhookDeliveries.status, 'failed')),
    countWhere(db, claimIntents, eq(claimIntents.status, 'pending')),
    db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.startedAt)).limit(1),
  ]);
  return {
    userCounts,
    activeNftsByLevel,
    badgeCount,
    issuanceCounts,
    compensationQueue,
    openReconciliationFlags,
    failedEmails,
    failedWebhooks,
    pendingClaims,
    lastRun,
  };
}
