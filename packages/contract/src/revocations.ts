import { z } from 'zod';

/** What a revocation does on chain (see the server's revocations-schema.ts). */
export const revocationChainActionSchema = z.enum([
  'none',
  'burn_from_vault',
  'burn_from_wallet',
  'status_list_only',
]);
export type RevocationChainAction = z.infer<typeof revocationChainActionSchema>;
export const revocationStatusSchema = z.enum(['pending', 'sent', 'done', 'failed']);
export type RevocationStatus = z.infer<typeof revocationStatusSchema>;

/** The revocation as an issuance's admin view carries it. */
export const issuanceRevocationSchema = z.object({
  reason: z.string(),
  revokedAt: z.string(),
  chainAction: revocationChainActionSchema,
  status: revocationStatusSchema,
});

/** `POST /api/admin/revocations`: the reason is shown to the person, in the email and the app. */
export const revokeBadgeSchema = z.object({
  issuanceId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export type RevokeBadge = z.infer<typeof revokeBadgeSchema>;

/** One revocation as the console shows it: the reason and how far the on-chain part got. */
export const revocationSchema = z.object({
  issuanceId: z.uuid(),
  badge: z.object({ id: z.uuid(), name: z.string() }),
  user: z.object({ id: z.uuid(), email: z.string() }),
  reason: z.string(),
  revokedBy: z.uuid().nullable(),
  revokedAt: z.string(),
  chainAction: revocationChainActionSchema,
  status: revocationStatusSchema,
  tokenAccount: z.string().nullable(),
  signature: z.string().nullable(),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type Revocation = z.infer<typeof revocationSchema>;

export const revocationsQuerySchema = z.object({
  status: revocationStatusSchema.optional(),
  userId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RevocationsQuery = z.infer<typeof revocationsQuerySchema>;

/** Newest first. */
export const revocationsSchema = z.object({ items: z.array(revocationSchema), total: z.number().int() });
export type Revocations = z.infer<typeof revocationsSchema>;

/**
 * What the console needs before confirming a revocation: whether it is allowed now, and what it
 * would do on chain (`status_list_only` means the token stays in the wallet).
 */
export const revocationPreviewSchema = z.object({
  issuanceId: z.uuid(),
  allowed: z.boolean(),
  refusal: z.string().nullable(),
  chainAction: revocationChainActionSchema.nullable(),
  revocation: revocationSchema.nullable(),
});
export type RevocationPreview = z.infer<typeof revocationPreviewSchema>;
