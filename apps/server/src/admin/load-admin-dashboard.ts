import type { AdminDashboard } from '@insignia/contract';
import { listAuditEntries } from '../audit/audit-queries.ts';
import type { Db } from '../db/database.ts';
import { countDashboardTotals } from './admin-dashboard-queries.ts';

const ACTIVITY_LIMIT = 12;

export interface AuthorityBalanceSource {
  address: string;
  lowThresholdLamports: bigint;
  /** The authority's balance now, or undefined when the chain cannot be asked. */
  readBalance: () => Promise<bigint | undefined>;
  /** The vault, which holds badges until they are claimed. */
  vaultAddress: string;
  readVaultBalance: () => Promise<bigint | undefined>;
}

/**
 * Everything the console's dashboard shows in one read: counts, the queues that need an admin,
 * the authority's SOL balance, and recent activity. Each count is one indexed aggregate.
 */
export async function loadAdminDashboard(db: Db, authority: AuthorityBalanceSource): Promise<AdminDashboard> {
  const [totals, recentActivity, balance, vaultBalance] = await Promise.all([
    countDashboardTotals(db),
    listAuditEntries(db, { limit: ACTIVITY_LIMIT, category: undefined, cursor: undefined }).then(
      (page) => page.items,
    ),
    authority.readBalance(),
    authority.readVaultBalance(),
  ]);
  const u = totals.userCounts;
  const i = totals.issuanceCounts;
  const lastRun = totals.lastRun;
  return {
    users: { total: u?.total ?? 0, admins: u?.admins ?? 0, withWallet: u?.withWallet ?? 0 },
    nfts: {
      totalActive: totals.activeNftsByLevel.reduce((sum, r) => sum + r.count, 0),
      activeByLevel: totals.activeNftsByLevel,
      heldBelowLevel: totals.heldBelowLevel,
    },
    badges: {
      total: totals.badgeCount,
      issued: i?.issued ?? 0,
      onChain: i?.onChain ?? 0,
      inVault: i?.inVault ?? 0,
      databaseOnly: i?.databaseOnly ?? 0,
      expired: i?.expired ?? 0,
      revoked: i?.revoked ?? 0,
    },
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
    vault: {
      address: authority.vaultAddress,
      balanceLamports: vaultBalance === undefined ? null : vaultBalance.toString(),
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
