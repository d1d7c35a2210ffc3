import { z } from 'zod';

/** One line of the console's "recent activity": a badge audit entry or an NFT request step. */
export const adminActivitySchema = z.object({
  id: z.string(),
  at: z.string(),
  source: z.enum(['badge', 'nft']),
  /** e.g. `badge.created`, `issuance.minted`, or an NFT request status like `completed`. */
  action: z.string(),
  /** The entity it is about: `badge`, `issuance`, `claim`, `unlock`, `upgrade`, ... */
  entity: z.string(),
  status: z.string(),
  actorEmail: z.string().nullable(),
  error: z.string().nullable(),
});
export type AdminActivity = z.infer<typeof adminActivitySchema>;

/** `GET /api/admin/dashboard`: counts, what needs attention, and recent activity. */
export const adminDashboardSchema = z.object({
  users: z.object({ total: z.number(), admins: z.number(), withWallet: z.number() }),
  nfts: z.object({
    totalActive: z.number(),
    activeByLevel: z.array(z.object({ level: z.number(), name: z.string(), count: z.number() })),
  }),
  badges: z.object({ total: z.number(), issued: z.number(), inVault: z.number() }),
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
  lastReconciliation: z
    .object({
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      flagged: z.number(),
    })
    .nullable(),
  recentActivity: z.array(adminActivitySchema),
});
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;
