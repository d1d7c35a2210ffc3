import { z } from 'zod';
import { issuanceRevocationSchema } from './revocations.ts';

/**
 * The admin side of badges: catalogue (categories, badges), issuance (preview, batches,
 * signing) and the audit views. Timestamps are ISO strings; lamports are decimal strings;
 * addresses and signatures base58. The user side (profile, claims) is in claims.ts.
 */

const base58 = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'must be base58');
const pageFields = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
/** `a,b,c` in a query string, each checked against `values`. */
const commaList = <T extends z.ZodType<string, string>>(values: T) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((v) => v.trim()) : undefined))
    .pipe(z.array(values).min(1).optional());

// ---------------------------------------------------------------- catalogue

export const badgeTypeSchema = z.enum(['database', 'blockchain']);
export type BadgeType = z.infer<typeof badgeTypeSchema>;

/** `creating`: a blockchain badge whose Token-2022 mint is being created; `failed`: it could not be. */
export const badgeStatusSchema = z.enum(['creating', 'active', 'failed', 'archived']);
export type BadgeStatus = z.infer<typeof badgeStatusSchema>;

export const badgeImageContentTypes = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const;
export const BADGE_IMAGE_MAX_BYTES = 512 * 1024;

/** An image in a JSON body. The server checks the bytes really are the declared type. */
export const badgeImageUploadSchema = z
  .object({
    contentType: z.enum(badgeImageContentTypes),
    /** Base64 of the file (no `data:` prefix), at most 512 KiB decoded. */
    data: z
      .string()
      .min(4)
      .max(Math.ceil(BADGE_IMAGE_MAX_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .strict();
export type BadgeImageUpload = z.infer<typeof badgeImageUploadSchema>;

export const badgeCategorySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** Badges in this category, archived ones included. */
  badgeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BadgeCategory = z.infer<typeof badgeCategorySchema>;

export const createBadgeCategorySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).default(''),
  })
  .strict();
export type CreateBadgeCategory = z.infer<typeof createBadgeCategorySchema>;

export const updateBadgeCategorySchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateBadgeCategory = z.infer<typeof updateBadgeCategorySchema>;

export const badgeCategoriesSchema = z.object({ items: z.array(badgeCategorySchema) });

export const ipfsRefSchema = z.object({
  cid: z.string(),
  uri: z.string(),
  gatewayUrl: z.string(),
});

/** A badge as the admin catalogue shows it. */
/**
 * A badge's validity period in days (1 day to 100 years). A change applies to issuances made
 * afterwards: each issuance keeps the `validUntil` it got when it was issued.
 */
export const badgeValidityDaysSchema = z.number().int().min(1).max(36_500);

export const badgeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** On-chain symbol (blockchain badges). */
  symbol: z.string(),
  category: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  type: badgeTypeSchema,
  status: badgeStatusSchema,
  image: ipfsRefSchema.extend({ contentType: z.string() }).nullable(),
  /** The badge's Token-2022 mint address, which is its token id (blockchain badges). */
  mintAddress: z.string().nullable(),
  /** The transaction that created the mint. */
  mintSignature: z.string().nullable(),
  /** The metadata JSON the mint's `uri` points at (blockchain badges). */
  metadata: ipfsRefSchema.nullable(),
  /** Issuances of this badge, whatever their status. */
  issuedCount: z.number().int(),
  /** Days an issuance stays valid from when it is issued; null: it never expires. */
  validityDays: z.number().int().nullable(),
  /** Why the mint could not be created yet (status `creating` or `failed`). */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Badge = z.infer<typeof badgeSchema>;

export const createBadgeSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).default(''),
    /** On-chain symbol; default `BADGE`. */
    symbol: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,10}$/, '1 to 10 letters or digits')
      .optional(),
    categoryId: z.uuid().nullable().optional(),
    type: badgeTypeSchema,
    image: badgeImageUploadSchema.optional(),
    /** Omitted or null: issuances never expire. */
    validityDays: badgeValidityDaysSchema.nullable().optional(),
  })
  .strict();
export type CreateBadge = z.infer<typeof createBadgeSchema>;

/**
 * Name, symbol and image of a blockchain badge are on chain (and in its IPFS metadata) once the
 * mint exists, so they cannot change then (`BADGE__ON_CHAIN_FIELD_LOCKED`); description and
 * category can. `archived: false` brings an archived badge back.
 */
export const updateBadgeSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(2000).optional(),
    symbol: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,10}$/, '1 to 10 letters or digits')
      .optional(),
    categoryId: z.uuid().nullable().optional(),
    image: badgeImageUploadSchema.nullable().optional(),
    /** null: issuances made from now on never expire. */
    validityDays: badgeValidityDaysSchema.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateBadge = z.infer<typeof updateBadgeSchema>;

export const badgeListQuerySchema = z.object({
  /** Matches name or description. */
  q: z.string().trim().max(120).optional(),
  categoryId: z.uuid().optional(),
  type: badgeTypeSchema.optional(),
  /** Comma-separated; default: every status but `archived`. */
  status: commaList(badgeStatusSchema),
  ...pageFields,
});
export type BadgeListQuery = z.infer<typeof badgeListQuerySchema>;

export const badgeListSchema = z.object({ items: z.array(badgeSchema), total: z.number().int() });

/** `DELETE /api/admin/badges/:id`: a badge never issued (and with no mint) is deleted, else archived. */
export const deleteBadgeResultSchema = z.object({
  outcome: z.enum(['deleted', 'archived']),
  badge: badgeSchema.nullable(),
});

// ---------------------------------------------------------------- issuance

export const issuanceSigningModeSchema = z.enum(['server', 'admin_wallet']);
export type IssuanceSigningMode = z.infer<typeof issuanceSigningModeSchema>;

/** Up to this many roster rows per request. */
export const MAX_ROSTER_ROWS = 20_000;

/**
 * Who gets the badges: user ids (Insignia ids or the platform's external ids), emails, and/or
 * a CSV roster (one column of emails or ids, optionally under a header such as `email`,
 * `user_id` or `id`; with several columns, the one under such a header is used). Rows are
 * checked one by one; bad rows are reported, not fatal.
 */
export const issuanceRecipientsSchema = z
  .object({
    userIds: z.array(z.string().max(128)).max(MAX_ROSTER_ROWS).optional(),
    emails: z.array(z.string().max(254)).max(MAX_ROSTER_ROWS).optional(),
    csv: z.string().max(900_000).optional(),
  })
  .strict()
  .refine(
    (r) => (r.userIds?.length ?? 0) + (r.emails?.length ?? 0) + (r.csv?.trim().length ?? 0) > 0,
    'give at least one recipient',
  );
export type IssuanceRecipients = z.infer<typeof issuanceRecipientsSchema>;

const issuanceRequestFields = {
  badgeIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'badge ids must be distinct'),
  recipients: issuanceRecipientsSchema,
  /**
   * `server`: the worker signs with the platform authority and sends. `admin_wallet`: the
   * console has the admin's wallet sign every prepared transaction (see `/transactions`).
   */
  signingMode: issuanceSigningModeSchema.default('server'),
  /** admin_wallet mode: the wallet that signs; default the admin's linked wallet. */
  adminWallet: base58(32, 44).optional(),
};

export const issuancePreviewRequestSchema = z.object(issuanceRequestFields).strict();
export type IssuancePreviewRequest = z.infer<typeof issuancePreviewRequestSchema>;

export const createIssuanceSchema = z.object(issuanceRequestFields).strict();
export type CreateIssuance = z.infer<typeof createIssuanceSchema>;

export const issuanceDestinationSchema = z.enum(['wallet', 'vault', 'none']);
export type IssuanceDestination = z.infer<typeof issuanceDestinationSchema>;

export const rosterRejectReasonSchema = z.enum([
  /** Neither an email nor an id. */
  'invalid',
  /** No user with that email or id. */
  'unknown_user',
  /** The same user appears earlier in the roster. */
  'duplicate_row',
  /** The user already holds (or is being issued) every selected badge. */
  'already_issued',
]);
export type RosterRejectReason = z.infer<typeof rosterRejectReasonSchema>;

/** One roster row: who it is, and per badge where the badge goes. */
export const rosterRowSchema = z.object({
  /** 1-based position: the CSV line number, or the index in `userIds` then `emails`. */
  line: z.number().int(),
  input: z.string(),
  /** `held`: the email is used only by accounts that have not verified it; issued once one does. */
  status: z.enum(['accepted', 'rejected', 'held']),
  reason: rosterRejectReasonSchema.nullable(),
  user: z.object({ id: z.uuid(), email: z.string(), walletAddress: z.string().nullable() }).nullable(),
  /** For blockchain badges: the profile wallet if set, else the vault; `none` if database-only. */
  destination: issuanceDestinationSchema.nullable(),
  badges: z.array(
    z.object({
      badgeId: z.uuid(),
      destination: issuanceDestinationSchema,
      status: z.enum(['will_issue', 'already_issued']),
    }),
  ),
});
export type RosterRow = z.infer<typeof rosterRowSchema>;

export const rosterSummarySchema = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  invalid: z.number().int(),
  unknownUsers: z.number().int(),
  duplicateRows: z.number().int(),
  /** Rows held until an account verifies their email address; then issued to it. */
  held: z.number().int(),
  /** (user, badge) pairs skipped because the user already has that badge. */
  alreadyIssued: z.number().int(),
  /** Issuances that will be created. */
  issuances: z.number().int(),
  toWallet: z.number().int(),
  toVault: z.number().int(),
  databaseOnly: z.number().int(),
});
export type RosterSummary = z.infer<typeof rosterSummarySchema>;

/** What the on-chain part will cost the platform authority, which pays in both signing modes. */
export const issuancePreflightSchema = z.object({
  needsChain: z.boolean(),
  signingMode: issuanceSigningModeSchema,
  /** Pays fees and rent: the platform authority. */
  feePayer: z.string(),
  /** admin_wallet mode: the wallet whose signature every transaction needs. */
  adminWallet: z.string().nullable(),
  transactions: z.number().int(),
  /** False for very large rosters: the first 2,000 mints were packed and the count scaled. */
  transactionsExact: z.boolean(),
  recipientsPerTransaction: z.object({ min: z.number(), max: z.number(), average: z.number() }),
  /** Token accounts to create (wallets' and the vault's), each paying rent. */
  newTokenAccounts: z.number().int(),
  rentLamports: z.string(),
  feeLamports: z.string(),
  priorityFeeLamports: z.string(),
  totalLamports: z.string(),
  totalSol: z.string(),
  authorityBalanceLamports: z.string(),
  canPay: z.boolean(),
});
export type IssuancePreflight = z.infer<typeof issuancePreflightSchema>;

export const issuancePreviewSchema = z.object({
  badges: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: badgeTypeSchema,
      mintAddress: z.string().nullable(),
    }),
  ),
  rows: z.array(rosterRowSchema),
  summary: rosterSummarySchema,
  preflight: issuancePreflightSchema,
});
export type IssuancePreview = z.infer<typeof issuancePreviewSchema>;

export const issuanceStatusSchema = z.enum([
  'pending',
  'uploaded',
  'minting',
  'issued',
  'in_vault',
  'claim_requested',
  'claimed',
  'failed',
]);
export type IssuanceStatus = z.infer<typeof issuanceStatusSchema>;

export const issuanceBatchStatusSchema = z.enum([
  'draft',
  'uploading',
  'awaiting_signature',
  'minting',
  'completed',
  'failed',
]);

export const issuanceCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  uploaded: z.number().int(),
  minting: z.number().int(),
  issued: z.number().int(),
  inVault: z.number().int(),
  claimRequested: z.number().int(),
  claimed: z.number().int(),
  failed: z.number().int(),
  /** In a terminal state (issued, in the vault or beyond, or failed). */
  done: z.number().int(),
  /** Of `issued`: database-only badges, recorded but never on chain (batch views only). */
  databaseOnly: z.number().int().optional(),
});
export type IssuanceCounts = z.infer<typeof issuanceCountsSchema>;

export const issuanceBatchSchema = z.object({
  id: z.uuid(),
  status: issuanceBatchStatusSchema,
  signingMode: issuanceSigningModeSchema,
  adminWallet: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  badges: z.array(z.object({ id: z.uuid(), name: z.string(), type: badgeTypeSchema })),
  counts: issuanceCountsSchema,
  /** Mint transactions of this batch by status. */
  transactions: z.object({
    total: z.number().int(),
    awaitingSignature: z.number().int(),
    sent: z.number().int(),
    confirmed: z.number().int(),
    failed: z.number().int(),
    expired: z.number().int(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IssuanceBatch = z.infer<typeof issuanceBatchSchema>;

/** One issuance as the console shows it. */
export const issuanceSchema = z.object({
  id: z.uuid(),
  batchId: z.uuid().nullable(),
  badge: z.object({
    id: z.uuid(),
    name: z.string(),
    type: badgeTypeSchema,
    mintAddress: z.string().nullable(),
  }),
  user: z.object({ id: z.uuid(), email: z.string() }),
  status: issuanceStatusSchema,
  destination: issuanceDestinationSchema,
  walletAddress: z.string().nullable(),
  /** The issuance payload on IPFS (no personal data: the recipient is a salted hash). */
  metadataUri: z.string().nullable(),
  metadataCid: z.string().nullable(),
  gatewayUrl: z.string().nullable(),
  contentHash: z.string().nullable(),
  recipientHash: z.string(),
  mintSignature: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** End of its validity period (set when issued, from the badge's period then); null: none. */
  validUntil: z.string().nullable(),
  /** Past `validUntil` when this answer was made. */
  expired: z.boolean(),
  /** Set once an admin revoked it: the reason and how far the on-chain part got. */
  revocation: issuanceRevocationSchema.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Issuance = z.infer<typeof issuanceSchema>;

export const createIssuanceResultSchema = z.object({
  /** Null when every row was held for email verification: nothing to issue yet. */
  batch: issuanceBatchSchema.nullable(),
  rows: z.array(rosterRowSchema),
  summary: rosterSummarySchema,
});
export type CreateIssuanceResult = z.infer<typeof createIssuanceResultSchema>;

export const issuanceBatchesQuerySchema = z.object({
  status: commaList(issuanceBatchStatusSchema),
  ...pageFields,
});
export const issuanceBatchesSchema = z.object({
  items: z.array(issuanceBatchSchema),
  total: z.number().int(),
});

export const issuanceBatchQuerySchema = z.object({
  /** Filter the batch's issuances (comma-separated). */
  status: commaList(issuanceStatusSchema),
  ...pageFields,
});
export const issuanceBatchDetailSchema = z.object({
  batch: issuanceBatchSchema,
  items: z.array(issuanceSchema),
  itemsTotal: z.number().int(),
});
export type IssuanceBatchDetail = z.infer<typeof issuanceBatchDetailSchema>;

/**
 * admin_wallet mode: the batch's mint transactions, prepared and co-signed by the platform
 * authority (fee payer and mint authority); each also needs the admin wallet's signature.
 * Pass them all to `signAllTransactions`, then POST the result to `/signed`.
 */
export const issuanceTransactionsSchema = z.object({
  batchId: z.uuid(),
  adminWallet: z.string(),
  transactions: z.array(
    z.object({
      id: z.uuid(),
      /** Base64 wire transaction, partially signed. */
      transaction: z.string(),
      /** Its transaction id (the authority's signature, fixed at preparation). */
      signature: z.string(),
      issuanceIds: z.array(z.uuid()),
    }),
  ),
  lastValidBlockHeight: z.string().nullable(),
  /** Estimated time after which they can no longer land; fetch them again then. */
  expiresAt: z.string().nullable(),
});
export type IssuanceTransactions = z.infer<typeof issuanceTransactionsSchema>;

export const submitSignedIssuancesSchema = z
  .object({ transactions: z.array(z.string().min(100).max(2000)).min(1).max(500) })
  .strict();
export type SubmitSignedIssuances = z.infer<typeof submitSignedIssuancesSchema>;

export const submitSignedIssuancesResultSchema = z.object({
  batch: issuanceBatchSchema,
  results: z.array(
    z.object({
      id: z.uuid(),
      signature: z.string(),
      status: z.enum(['awaiting_signature', 'sent', 'confirmed', 'failed', 'expired']),
    }),
  ),
});

// ---------------------------------------------------------------- audit views

export const badgeLogSchema = z.object({
  id: z.uuid(),
  /** e.g. `badge.created`, `issuance.minted`, `email.enqueued`. */
  action: z.string(),
  entity: z.string(),
  badgeId: z.uuid().nullable(),
  categoryId: z.uuid().nullable(),
  issuanceId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  claimId: z.uuid().nullable(),
  performedBy: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  txSignature: z.string().nullable(),
  walletAddress: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  status: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type BadgeLog = z.infer<typeof badgeLogSchema>;

export const badgeLogsQuerySchema = z.object({
  /** Comma-separated action types. */
  action: z
    .string()
    .max(500)
    .optional()
    .transform((s) => (s ? s.split(',').map((v) => v.trim()) : undefined)),
  entity: z.string().max(32).optional(),
  badgeId: z.uuid().optional(),
  userId: z.uuid().optional(),
  issuanceId: z.uuid().optional(),
  claimId: z.uuid().optional(),
  status: z.string().max(32).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...pageFields,
});
export const badgeLogsSchema = z.object({ items: z.array(badgeLogSchema), total: z.number().int() });

export const emailLogStatusSchema = z.enum(['pending', 'sent', 'failed']);
export const emailTypeSchema = z.enum([
  'badge_minted_to_wallet',
  'badge_in_vault',
  'claim_confirmed',
  'badge_revoked',
  'email_verification_code',
]);

export const emailLogSchema = z.object({
  id: z.uuid(),
  type: emailTypeSchema,
  recipient: z.string(),
  subject: z.string(),
  status: emailLogStatusSchema,
  mailProviderId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  issuanceId: z.uuid().nullable(),
  claimId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EmailLog = z.infer<typeof emailLogSchema>;

export const emailLogsQuerySchema = z.object({
  status: commaList(emailLogStatusSchema),
  type: commaList(emailTypeSchema),
  userId: z.uuid().optional(),
  issuanceId: z.uuid().optional(),
  ...pageFields,
});
export const emailLogsSchema = z.object({ items: z.array(emailLogSchema), total: z.number().int() });

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.uuid().nullable(),
  eventType: z.string(),
  url: z.string(),
  payload: z.unknown(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesQuerySchema = z.object({
  status: commaList(webhookDeliveryStatusSchema),
  eventType: z.string().max(64).optional(),
  ...pageFields,
});
export const webhookDeliveriesSchema = z.object({
  items: z.array(webhookDeliverySchema),
  total: z.number().int(),
});
