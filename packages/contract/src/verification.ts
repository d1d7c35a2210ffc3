import { z } from 'zod';

/**
 * Public verification of a badge issuance or a level NFT: what anyone holding the link may see,
 * without logging in. Nothing here names a person: no email, no user id, no display name.
 */

/** The Solana cluster the platform runs on, told by its genesis hash; `local` has no explorer. */
export const verificationNetworkSchema = z.enum(['mainnet', 'devnet', 'testnet', 'local', 'other']);
export type VerificationNetwork = z.infer<typeof verificationNetworkSchema>;

/** Where the token is now, as read from the chain when the page was asked for. */
export const onChainHolderSchema = z.object({
  /** `held`: the expected account holds it; `moved`: it left that account; `burned`/`absent`. */
  state: z.enum(['held', 'moved', 'burned', 'absent', 'unreachable']),
  /** The holder's address when `held`: a wallet, or the platform's vault (unclaimed badges). */
  address: z.string().nullable(),
  kind: z.enum(['wallet', 'vault']).nullable(),
  checkedAt: z.string(),
});
export type OnChainHolder = z.infer<typeof onChainHolderSchema>;

export const verificationMetadataSchema = z.object({
  uri: z.string(),
  cid: z.string().nullable(),
  /** Where a browser can open the JSON (this platform's gateway or the configured one). */
  gatewayUrl: z.string().nullable(),
});

const onChainProofSchema = z.object({
  kind: z.literal('on_chain'),
  network: verificationNetworkSchema,
  mintAddress: z.string(),
  transactionSignature: z.string().nullable(),
  holder: onChainHolderSchema,
});

/** `database`: recorded by the issuer only, with no token on chain. */
const databaseProofSchema = z.object({ kind: z.literal('database') });

export const badgeVerificationSchema = z.object({
  issuanceId: z.uuid(),
  issuer: z.string(),
  badge: z.object({
    name: z.string(),
    description: z.string(),
    category: z.string().nullable(),
    imageUrl: z.string().nullable(),
  }),
  issuedAt: z.string().nullable(),
  /** End of the badge's validity period; null: it does not expire. */
  validUntil: z.string().nullable(),
  /** Past `validUntil` when this answer was made. */
  expired: z.boolean(),
  /** When the issuer revoked it; null: not revoked. The reason stays private. */
  revokedAt: z.string().nullable(),
  proof: z.discriminatedUnion('kind', [onChainProofSchema, databaseProofSchema]),
  metadata: verificationMetadataSchema.nullable(),
});
export type BadgeVerification = z.infer<typeof badgeVerificationSchema>;

export const nftVerificationSchema = z.object({
  mintAddress: z.string(),
  issuer: z.string(),
  level: z.object({
    level: z.number().int(),
    name: z.string(),
    imageUrl: z.string().nullable(),
  }),
  mintedAt: z.string(),
  /** `replaced`: burned by an upgrade to a higher level. */
  status: z.enum(['active', 'replaced', 'missing']),
  proof: onChainProofSchema,
  metadata: verificationMetadataSchema.nullable(),
});
export type NftVerification = z.infer<typeof nftVerificationSchema>;

export const badgeVerificationParamsSchema = z.object({ issuanceId: z.uuid() });
/** A base58 Solana address (32 bytes: 32 to 44 characters). */
export const nftVerificationParamsSchema = z.object({
  mintAddress: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/),
});
