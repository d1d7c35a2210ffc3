import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances, badges } from '../badges/badges-schema.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import type { Db } from '../db/database.ts';
import { webhookDeliveries } from '../events/events-schema.ts';
import { emailLogs } from '../mail/mail-schema.ts';
import { countHeldBelowLevel } from './below-level-queries.ts';
import {
  nftLevels,
  nftRequests,
  reconciliationFlags,
  reconciliationRuns,
  userNfts,
} from '../nft/nft-schema.ts';

async function countWhere(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
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
    heldBelowLevel,
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
        // In a person's own wallet: minted there, or claimed there from the vault.
        onChain:
          sql<number>`count(*) filter (where ${badgeIssuances.destination} <> 'none' and ${badgeIssuances.status} in ('issued', 'claimed'))`.mapWith(
            Number,
          ),
        databaseOnly:
          sql<number>`count(*) filter (where ${badgeIssuances.destination} = 'none' and ${badgeIssuances.status} <> 'failed')`.mapWith(
            Number,
          ),
        inVault:
          sql<number>`count(*) filter (where ${badgeIssuances.status} in ('in_vault', 'claim_requested'))`.mapWith(
            Number,
          ),
        failed: sql<number>`count(*) filter (where ${badgeIssuances.status} = 'failed')`.mapWith(Number),
        // Still counted above (where the token is does not change); told apart here. Expiry is
        // decided now: nothing is written when a badge expires.
        expired:
          sql<number>`count(*) filter (where ${badgeIssuances.revokedAt} is null and ${badgeIssuances.validUntil} <= now())`.mapWith(
            Number,
          ),
        revoked: sql<number>`count(*) filter (where ${badgeIssuances.revokedAt} is not null)`.mapWith(Number),
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
    countHeldBelowLevel(db),
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
    heldBelowLevel,
  };
}
