import { z } from 'zod';

export const reconciliationRunSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'completed', 'failed']),
  trigger: z.enum(['schedule', 'manual']),
  /** Active NFTs when the run began (vault balances are checked after them). */
  total: z.number(),
  checked: z.number(),
  corrected: z.number(),
  flagged: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReconciliationRunView = z.infer<typeof reconciliationRunSchema>;

export const reconciliationFlagSchema = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  entityType: z.enum(['user_nft', 'badge_vault', 'badge_issuance']),
  entityId: z.uuid(),
  /**
   * e.g. mint_closed, supply_zero, level_mismatch, not_in_owner_wallet, burned_but_on_chain,
   * vault_balance_mismatch, badge_not_in_wallet, badge_mint_missing.
   */
  kind: z.string(),
  autoCorrected: z.boolean(),
  databaseValue: z.unknown(),
  chainValue: z.unknown(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type ReconciliationFlagView = z.infer<typeof reconciliationFlagSchema>;

export const resolveFlagSchema = z.object({ note: z.string().trim().min(3).max(2000) });
