import type { AdminActivity, AdminDashboard } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { countDashboardTotals, findRecentActivityRows } from './admin-dashboard-queries.ts';

const ACTIVITY_LIMIT = 12;

export interface AuthorityBalanceSource {
  address: string;
  lowThresholdLamports: bigint;
  /** The authority's balance now, or undefined when the chain cannot be asked. */
  readBalance: () => Promise<bigint | undefined>;
}

async function loadRecentActivity(db: Db): Promise<AdminActivity[]> {
  const { badgeRows, nftRows } = await findRecentActivityRows(db, ACTIVITY_LIMIT);
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
  const [totals, recentActivity, balance] = await Promise.all([
    countDashboardTotals(db),
    loadRecentActivity(db),
    authority.readBalance(),
  ]);
  const u = totals.userCounts;
  const i = totals.issuanceCounts;
  const lastRun = totals.lastRun;
  return {
    users: { total: u?.total ?? 0, admins: u?.admins ?? 0, withWallet: u?.withWallet ?? 0 },
    nfts: {
      totalActive: totals.activeNftsByLevel.reduce((sum, r) => sum + r.count, 0),
      activeByLevel: totals.activeNftsByLevel,
    },
    badges: { total: totals.badgeCount, issued: i?.issued ?? 0, inVault: i?.inVault ?? 0 },
    attention: {
      compensationQueue: totals.compensationQueue,
      openReconciliationFlags: totals.openReconciliationFlags,
      failedEmails: totals.failedEmails,
      failedWebhooks: totals.failedWebhooks,
      pendingClaims: totals.pendingClaims,
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
