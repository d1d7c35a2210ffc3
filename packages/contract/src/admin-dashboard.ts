import { z } from 'zod';
import { auditEntrySchema } from './audit.ts';

/** `GET /api/admin/dashboard`: counts, what needs attention, and recent activity. */
export const adminDashboardSchema = z.object({
  users: z.object({ total: z.number(), admins: z.number(), withWallet: z.number() }),
  nfts: z.object({
    totalActive: z.number(),
    activeByLevel: z.array(z.object({ level: z.number(), name: z.string(), count: z.number() })),
    /** Holders whose volume is now below the level they hold (reversed trades): they keep it. */
    heldBelowLevel: z.number(),
  }),
  badges: z.object({
    total: z.number(),
    /** Issuances that did not fail, on chain and database-only alike. */
    issued: z.number(),
    /** Minted to a person's own wallet (issued, or claimed from the vault). */
    onChain: z.number(),
    inVault: z.number(),
    /** Recorded in the database only: never on chain, never in a wallet. */
    databaseOnly: z.number(),
    /** Of the above, past their validity period (not revoked): they no longer count for anything. */
    expired: z.number(),
    /** Of the above, revoked by an admin. */
    revoked: z.number(),
  }),
  /** Each count is work an admin should look at; zero means nothing to do. */
  attention: z.object({
    compensationQueue: z.number(),
    openReconciliationFlags: z.number(),
    failedEmails: z.number(),
    failedWebhooks: z.number(),
    pendingClaims: z.number(),
    failedIssuances: z.number(),
  }),
  authority: z.object({
    address: z.string(),
    /** Null when the chain could not be asked just now. */
    balanceLamports: z.string().nullable(),
    lowThresholdLamports: z.string(),
    low: z.boolean().nullable(),
  }),
  /** The vault: owner of the token accounts holding badges until people claim them. */
  vault: z.object({
    address: z.string(),
    /** Null when the chain could not be asked just now. */
    balanceLamports: z.string().nullable(),
  }),
  lastReconciliation: z
    .object({
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      flagged: z.number(),
    })
    .nullable(),
  /** The newest entries of the platform audit log. */
  recentActivity: z.array(auditEntrySchema),
});
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;

/** `GET /api/admin/dashboard/charts?days=N`: how many days back the daily series reach. */
export const adminDashboardChartsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export type AdminDashboardChartsQuery = z.infer<typeof adminDashboardChartsQuerySchema>;

/** One UTC day of activity; days with nothing happening are present with zeros. */
export const adminDailyActivitySchema = z.object({
  /** `YYYY-MM-DD`, UTC. */
  day: z.string(),
  /** Trade volume executed that day, USD, as a decimal string. */
  volumeUsd: z.string(),
  trades: z.number(),
  unlocks: z.number(),
  upgrades: z.number(),
  /** Badge issuances that landed on chain (to a wallet or the vault). */
  issuedOnChain: z.number(),
  /** Badge issuances recorded in the database only. */
  issuedDatabaseOnly: z.number(),
  /** Claims whose transfer from the vault completed. */
  claims: z.number(),
  /** Estimated SOL the platform authority paid that day (fees and rent), lamports. */
  authorityLamports: z.string(),
});
export type AdminDailyActivity = z.infer<typeof adminDailyActivitySchema>;

/** The dashboard's pictures: people by level and a daily series over the last `days` days. */
export const adminDashboardChartsSchema = z.object({
  days: z.number(),
  from: z.string(),
  to: z.string(),
  /** Share of the next level's minimum volume from which a person counts as close to it. */
  closeShare: z.number(),
  /** Traders (admins excluded) by the level NFT they hold; level 0 = none yet. */
  levels: z.array(
    z.object({
      level: z.number(),
      name: z.string(),
      minVolumeUsd: z.string(),
      /** People holding this level's NFT now (level 0: people holding none). */
      holders: z.number(),
      /** People for whom this is the next level and whose volume is ≥ closeShare of its minimum. */
      close: z.number(),
      /** People for whom this is the next level and whose volume already reaches its minimum. */
      ready: z.number(),
    }),
  ),
  daily: z.array(adminDailyActivitySchema),
  /** What the authority paid over the period, by kind of transaction (lamports, estimated). */
  authoritySpend: z.object({
    totalLamports: z.string(),
    badgeMintsLamports: z.string(),
    issuancesLamports: z.string(),
    claimsLamports: z.string(),
    levelMintsLamports: z.string(),
  }),
});
export type AdminDashboardCharts = z.infer<typeof adminDashboardChartsSchema>;
