import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import type { AdminActivity, AdminDashboard } from '@insignia/contract';
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

const ACTIVITY_LIMIT = 12;

export interface AuthorityBalanceSource {
  address: string;
  lowThresholdLamports: bigint;
  /** The authority's balance now, or undefined when the chain cannot be asked. */
  readBalance: () => Promise<bigint | undefined>;
}

async function countWhere(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

async function loadRecentActivity(db: Db): Promise<AdminActivity[]> {
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
      .limit(ACTIVITY_LIMIT),
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
      .limit(ACTIVITY_LIMIT),
  ]);
  const merged: AdminActivity[] = [
    ...badgeRows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      source: 'badge' as const,
      action: r.action,
      entity: r.entity,
      status: r.status,
      actorEmail: r.actorEmail,
      error: r.error,
    })),
    ...nftRows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      source: 'nft' as const,
      action: r.action,
      entity: r.entity,
      status: r.action,
      actorEmail: r.actorEmail,
      error: r.action === 'failed' || r.action === 'needs_compensation' ? r.error : null,
    })),
  ];
  return merged.sort((a, b) => b.at.localeCompare(a.at)).slice(0, ACTIVITY_LIMIT);
}

/**
 * Everything the console's dashboard shows in one read: counts, the queues that need an admin,
 * the authority's SOL balance, and recent activity. Each count is one indexed aggregate.
 */
export async function loadAdminDashboard(db: Db, authority: AuthorityBalanceSource): Promise<AdminDashboard> {
  const [
    userRows,
    nftRows,
    badgeCount,
    issuanceRows,
    compensationQueue,
    openReconciliationFlags,
    failedEmails,
    failedWebhooks,
    pendingClaims,
    [lastRun],
    recentActivity,
    balance,
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
    loadRecentActivity(db),
    authority.readBalance(),
  ]);
  const u = userRows[0];
  const i = issuanceRows[0];
  return {
    users: { total: u?.total ?? 0, admins: u?.admins ?? 0, withWallet: u?.withWallet ?? 0 },
    nfts: {
      totalActive: nftRows.reduce((sum, r) => sum + r.count, 0),
      activeByLevel: nftRows,
    },
    badges: { total: badgeCount, issued: i?.issued ?? 0, inVault: i?.inVault ?? 0 },
    attention: {
      compensationQueue,
      openReconciliationFlags,
      failedEmails,
      failedWebhooks,
      pendingClaims,
      failedIssuances: i?.failed ?? 0,
    },
    authority: {
      address: authority.address,
      balanceLamports: balance === undefined ? null : balance.toString(),
      lowThresholdLamports: authority.lowThresholdLamports.toString(),
      low: balance === undefined ? null : balance < authority.lowThresholdLamports,
    },
    lastReconciliation: lastRun
      ? {
          status: lastRun.status,
          startedAt: lastRun.startedAt.toISOString(),
          finishedAt: lastRun.finishedAt?.toISOString() ?? null,
          flagged: lastRun.flagged,
        }
      : null,
    recentActivity,
  };
}
