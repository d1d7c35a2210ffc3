import { z } from 'zod';
import { errorCodeSchema } from './errors/error-body.ts';
import { issuanceStatusSchema } from './badges.ts';
import { issuanceRevocationSchema } from './revocations.ts';
import { usdAmountSchema } from './trades.ts';

/** Why an unlock or upgrade is not possible right now; the app explains each to the person. */
export const nftBlockReasonSchema = z.enum([
  'NFT__WALLET_NOT_LINKED',
  'NFT__INSUFFICIENT_VOLUME',
  'NFT__MISSING_BADGES',
  'NFT__ALREADY_HAS_NFT',
  'NFT__NO_NFT',
  'NFT__MAX_LEVEL',
  'NFT__REQUEST_IN_PROGRESS',
]);
export type NftBlockReason = z.infer<typeof nftBlockReasonSchema>;

export const levelSchema = z.object({
  level: z.number().int(),
  name: z.string(),
  minVolumeUsd: z.string(),
  benefits: z.array(z.string()),
  /** The operator's own image, or null: the level then shows its default artwork. */
  imageUri: z.string().nullable(),
  /** The image the level NFT shows (`imageUri`, else the default artwork's `ipfs://` URI). */
  artworkUri: z.string().optional(),
  requiredBadges: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type Level = z.infer<typeof levelSchema>;

export const nftStatusSchema = z.object({
  volumeUsd: z.string(),
  walletAddress: z.string().nullable(),
  currentNft: z
    .object({
      level: z.number(),
      name: z.string(),
      mintAddress: z.string(),
      benefits: z.array(z.string()),
      imageUri: z.string().nullable(),
      mintedAt: z.string(),
    })
    .nullable(),
  /** The level an unlock or upgrade would give now, or the next one to aim for. */
  nextLevel: z
    .object({
      level: z.number(),
      name: z.string(),
      minVolumeUsd: z.string(),
      missingVolumeUsd: z.string(),
      missingBadges: z.array(z.object({ id: z.uuid(), name: z.string() })),
      /** Volume progress toward this level, 0 to 1. */
      progress: z.number(),
      benefits: z.array(z.string()),
    })
    .nullable(),
  /**
   * Estimated lamports a wallet spends to mint the next level's NFT (rent of its accounts
   * plus network fees), so the cost is known before Unlock; the review shows the exact figure.
   */
  unlockCostLamports: z.string().nullable().optional(),
  canUnlock: z.boolean(),
  canUpgrade: z.boolean(),
  reason: nftBlockReasonSchema.nullable(),
  openRequest: z
    .object({
      id: z.uuid(),
      kind: z.enum(['unlock', 'upgrade']),
      toLevel: z.number().int(),
      status: z.string(),
    })
    .nullable(),
  levels: z.array(levelSchema),
});
export type NftStatus = z.infer<typeof nftStatusSchema>;

export const levelInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  minVolumeUsd: usdAmountSchema,
  benefits: z.array(z.string().trim().min(1).max(200)).max(20),
  imageUri: z.string().trim().max(500).nullable().optional(),
  requiredBadgeIds: z.array(z.uuid()).max(20).default([]),
});
export type LevelInput = z.infer<typeof levelInputSchema>;

export const nftRequestSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['unlock', 'upgrade']),
  mode: z.enum(['user_signed', 'atomic', 'two_step']),
  status: z.string(),
  fromLevel: z.number().nullable(),
  toLevel: z.number(),
  mintAddress: z.string(),
  walletAddress: z.string(),
  burnSignature: z.string().nullable(),
  mintSignature: z.string().nullable(),
  errorCode: errorCodeSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type NftRequestView = z.infer<typeof nftRequestSchema>;

/** A transaction for the user's wallet to sign, partially signed by the server. */
export const preparedNftTransactionSchema = z.object({
  requestId: z.uuid(),
  /** Base64 wire transaction; the wallet adds its signature. */
  transaction: z.string(),
  /** Estimated time after which the transaction can no longer land; prepare again then. */
  expiresAt: z.string(),
  lastValidBlockHeight: z.string(),
  /** The new NFT's mint address: the same on every re-prepare of this request. */
  mintAddress: z.string(),
  /** What the user signs: a mint, a burn (two-step upgrade), or burn and mint at once. */
  action: z.enum(['mint', 'burn', 'burn_and_mint']),
  /** Estimated lamports the wallet spends (rent of new accounts plus fees), as a decimal string. */
  costLamports: z.string().optional(),
  request: nftRequestSchema,
});
export type PreparedNftTransaction = z.infer<typeof preparedNftTransactionSchema>;

export const submitNftRequestSchema = z.union([
  z.object({ signedTransaction: z.string().min(100).max(2000) }).strict(),
  z
    .object({
      signature: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/, 'a base58 transaction signature'),
    })
    .strict(),
]);
export type SubmitNftRequest = z.infer<typeof submitNftRequestSchema>;

export const compensateNftRequestSchema = z.object({ note: z.string().trim().min(3).max(2000) });

export const adminUserDetailSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['user', 'admin']),
    walletAddress: z.string().nullable(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
  }),
  volume: z.object({
    totalVolumeUsd: z.string(),
    tradeCount: z.number(),
    lastTradeAt: z.string().nullable(),
  }),
  nfts: z.array(
    z.object({
      id: z.uuid(),
      level: z.number(),
      mintAddress: z.string(),
      ownerWallet: z.string(),
      status: z.string(),
      mintSignature: z.string().nullable(),
      burnSignature: z.string().nullable(),
      mintedAt: z.string(),
      burnedAt: z.string().nullable(),
    }),
  ),
  requests: z.array(nftRequestSchema),
  /** Their badge issuances, newest first (at most 200). */
  badges: z.array(
    z.object({
      issuanceId: z.uuid(),
      badgeId: z.uuid(),
      name: z.string(),
      status: issuanceStatusSchema,
      issuedAt: z.string().nullable(),
      validUntil: z.string().nullable(),
      /** Past `validUntil` when this answer was made. */
      expired: z.boolean(),
      revokedAt: z.string().nullable(),
      revocation: issuanceRevocationSchema.nullable(),
    }),
  ),
});
export type AdminUserDetail = z.infer<typeof adminUserDetailSchema>;

/** `GET /api/admin/users/below-level`: paged, largest shortfall first. */
export const belowLevelQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type BelowLevelQuery = z.infer<typeof belowLevelQuerySchema>;

/**
 * A person whose volume fell below the level NFT they hold (trades were reversed). They keep
 * the NFT; an upgrade needs the volume of the next level again.
 */
export const belowLevelUserSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  level: z.number().int(),
  levelName: z.string(),
  mintAddress: z.string(),
  /** The volume the held level needs. */
  levelMinVolumeUsd: z.string(),
  volumeUsd: z.string(),
  /** `levelMinVolumeUsd - volumeUsd`, above zero. */
  shortfallUsd: z.string(),
});
export type BelowLevelUser = z.infer<typeof belowLevelUserSchema>;

export const belowLevelListSchema = z.object({
  items: z.array(belowLevelUserSchema),
  total: z.number().int(),
});
export type BelowLevelList = z.infer<typeof belowLevelListSchema>;
