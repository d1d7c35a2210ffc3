import { z } from 'zod';
import { errorCodeSchema } from './errors/error-body.ts';

/**
 * The user's side of badges (profile, unclaimed, notifications, claims) and the admin claim
 * queue. Timestamps are ISO strings; addresses and signatures base58.
 */

const base58 = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'must be base58');

/** A Solana address as a request field. */
const addressField = base58(32, 44);

/** Where a badge issuance stands, as the user sees it. */
export const userBadgeStatusSchema = z.enum(['issued', 'in_vault', 'claim_requested', 'claimed']);
export type UserBadgeStatus = z.infer<typeof userBadgeStatusSchema>;

export const claimStatusSchema = z.enum([
  'pending',
  'approved',
  'transferring',
  'completed',
  'rejected',
  'failed',
]);
export type ClaimStatus = z.infer<typeof claimStatusSchema>;

export const claimSigningModeSchema = z.enum(['server', 'admin_wallet']);
export type ClaimSigningMode = z.infer<typeof claimSigningModeSchema>;

/** One claim of one badge issuance: from the vault to the user's profile wallet. */
export const claimSchema = z.object({
  id: z.uuid(),
  issuanceId: z.uuid(),
  badgeId: z.uuid(),
  badgeName: z.string(),
  /** The badge image for the browser (IPFS gateway URL). */
  imageUrl: z.string().nullable(),
  /** The badge's Token-2022 mint address. */
  tokenId: z.string(),
  metadataUri: z.string().nullable(),
  /** The profile wallet the badge goes to (fixed when the claim was submitted). */
  walletAddress: z.string(),
  status: claimStatusSchema,
  signingMode: claimSigningModeSchema.nullable(),
  submittedAt: z.string(),
  adminResponseAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** The transfer's transaction id: the one being sent, then the confirmed one. */
  transferSignature: z.string().nullable(),
  completedAt: z.string().nullable(),
  errorCode: errorCodeSchema.nullable(),
  error: z.string().nullable(),
});
export type ClaimView = z.infer<typeof claimSchema>;

/** A badge in the user's profile. Database-only badges have no token id, mint or wallet. */
export const userBadgeSchema = z.object({
  issuanceId: z.uuid(),
  badgeId: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** The badge image for the browser (IPFS gateway URL). */
  imageUrl: z.string().nullable(),
  category: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  type: z.enum(['database', 'blockchain']),
  status: userBadgeStatusSchema,
  /** The badge's Token-2022 mint address (blockchain badges). */
  tokenId: z.string().nullable(),
  /** The transaction that minted this unit (to the wallet or to the vault). */
  mintSignature: z.string().nullable(),
  /** The wallet holding it: the one minted to, or the one it was claimed to. */
  walletAddress: z.string().nullable(),
  metadataUri: z.string().nullable(),
  gatewayUrl: z.string().nullable(),
  /** In the vault with no claim under way: `POST /api/badges/claims` accepts it (a wallet must be on file). */
  claimable: z.boolean(),
  /** The claim under way or the latest one, if any. */
  claim: claimSchema.nullable(),
  issuedAt: z.string(),
  /** End of the badge's validity period; null: it does not expire. */
  validUntil: z.string().nullable(),
  /** Past `validUntil`: shown as expired, no longer counted toward levels, not claimable. */
  expired: z.boolean(),
  /** Set when an admin revoked it; the reason is the admin's, shown to the person. */
  revoked: z.object({ at: z.string(), reason: z.string() }).nullable(),
  /** Where the signed Open Badges 3.0 credential is downloaded (a public URL path). */
  credentialUrl: z.string(),
});
export type UserBadge = z.infer<typeof userBadgeSchema>;

export const userBadgesSchema = z.object({ items: z.array(userBadgeSchema) });
export type UserBadges = z.infer<typeof userBadgesSchema>;

/**
 * Badges waiting in the vault. With `walletOnFile: false` the app tells the user they have
 * unclaimed badges and guides them to link a wallet (SIWS) before claiming.
 */
export const unclaimedBadgesSchema = z.object({
  walletOnFile: z.boolean(),
  walletAddress: z.string().nullable(),
  items: z.array(userBadgeSchema),
});
export type UnclaimedBadges = z.infer<typeof unclaimedBadgesSchema>;

export const badgeNotificationSchema = z.object({
  id: z.uuid(),
  issuanceId: z.uuid(),
  badge: z.object({
    id: z.uuid(),
    name: z.string(),
    imageUrl: z.string().nullable(),
    type: z.enum(['database', 'blockchain']),
  }),
  /** The issuance's status now (a vault badge can be claimed from its notification). */
  status: z.string(),
  /** What the notice tells: the badge arrived, or an admin revoked it (with the reason). */
  kind: z.enum(['issued', 'revoked']),
  revocationReason: z.string().nullable(),
  isRead: z.boolean(),
  appearedAt: z.string(),
  readAt: z.string().nullable(),
});
export type BadgeNotification = z.infer<typeof badgeNotificationSchema>;

export const badgeNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Unread first, newest first within each group. */
export const badgeNotificationsSchema = z.object({
  items: z.array(badgeNotificationSchema),
  unread: z.number().int(),
  total: z.number().int(),
});
export type BadgeNotifications = z.infer<typeof badgeNotificationsSchema>;

/** Acknowledge some notifications, or all of them. */
export const readBadgeNotificationsSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type ReadBadgeNotifications = z.infer<typeof readBadgeNotificationsSchema>;

export const readBadgeNotificationsResultSchema = z.object({
  /** How many notifications this call marked read (already-read ones are not counted). */
  updated: z.number().int(),
  unread: z.number().int(),
});

/** Claim badges waiting in the vault. The profile wallet is used; there is no wallet field. */
export const submitClaimsSchema = z
  .object({
    issuanceIds: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'issuance ids must be distinct'),
  })
  .strict();
export type SubmitClaims = z.infer<typeof submitClaimsSchema>;

export const claimsSchema = z.object({ items: z.array(claimSchema) });

/** A claim as the admin console shows it. */
export const adminClaimSchema = claimSchema.extend({
  user: z.object({ id: z.uuid(), email: z.string() }),
  /** Salted hash identifying the recipient in public payloads. */
  recipientHash: z.string(),
  respondedBy: z.uuid().nullable(),
  /** The admin wallet approving the transfer (admin_wallet mode). */
  adminWallet: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.string(),
});
export type AdminClaimView = z.infer<typeof adminClaimSchema>;

export const adminClaimsQuerySchema = z.object({
  /** Comma-separated statuses; default: every status. */
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(claimStatusSchema).min(1).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const adminClaimsSchema = z.object({ items: z.array(adminClaimSchema), total: z.number().int() });

/**
 * Approve a claim. `server`: the vault key signs and the server sends the transfer now.
 * `admin_wallet`: the admin's browser wallet must also sign it (see the `/transaction` and
 * `/signed` routes); `adminWallet` defaults to the admin's own linked wallet. The platform
 * authority pays the fee in both modes.
 */
export const approveClaimSchema = z.discriminatedUnion('signingMode', [
  z.object({ signingMode: z.literal('server') }).strict(),
  z.object({ signingMode: z.literal('admin_wallet'), adminWallet: addressField.optional() }).strict(),
]);
export type ApproveClaim = z.infer<typeof approveClaimSchema>;

export const rejectClaimSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type RejectClaim = z.infer<typeof rejectClaimSchema>;

/** The transfer for the admin's wallet to sign; the authority (fee payer) and vault have signed it. */
export const preparedClaimTransactionSchema = z.object({
  claimId: z.uuid(),
  /** Base64 wire transaction; the wallet adds its approval signature. */
  transaction: z.string(),
  adminWallet: z.string(),
  lastValidBlockHeight: z.string(),
  /** Estimated time after which it can no longer land; fetch it again then. */
  expiresAt: z.string(),
});
export type PreparedClaimTransaction = z.infer<typeof preparedClaimTransactionSchema>;

export const submitSignedClaimSchema = z
  .object({ signedTransaction: z.string().min(100).max(2000) })
  .strict();
export type SubmitSignedClaim = z.infer<typeof submitSignedClaimSchema>;

/** Payload of the `claim.requested` admin webhook (HMAC-signed; see the webhooks README). */
export const claimRequestedWebhookSchema = z.object({
  claimId: z.uuid(),
  issuanceId: z.uuid(),
  badgeId: z.uuid(),
  badgeName: z.string(),
  tokenId: z.string(),
  metadataUri: z.string().nullable(),
  walletAddress: z.string(),
  userHash: z.string(),
  submittedAt: z.string(),
});
export type ClaimRequestedWebhook = z.infer<typeof claimRequestedWebhookSchema>;
