import { z } from 'zod';

/**
 * Open Badges 3.0 verifiable credentials: the result of checking one, as the public
 * verification page and `POST /api/public/credentials/verify` return it.
 */

/** The four checks, always all four and in this order. */
export const credentialCheckNames = ['signature', 'issuer', 'status', 'expiry'] as const;

export const credentialCheckSchema = z.object({
  check: z.enum(credentialCheckNames),
  ok: z.boolean(),
  /** What was found, in words a person understands. */
  message: z.string(),
});
export type CredentialCheck = z.infer<typeof credentialCheckSchema>;

export const credentialVerificationSchema = z.object({
  /** Every check passed: signed by this platform, not revoked, within its validity period. */
  verified: z.boolean(),
  status: z.enum(['valid', 'revoked', 'expired', 'not_yet_valid', 'invalid']),
  checks: z.array(credentialCheckSchema),
  issuer: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  credential: z.object({
    id: z.string().nullable(),
    name: z.string().nullable(),
    achievement: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
  }),
});
export type CredentialVerification = z.infer<typeof credentialVerificationSchema>;

/**
 * The last status list number: issuances' 32-bit status list indexes fill lists of 131,072
 * bits, so list 16384 holds the largest one.
 */
export const LAST_CREDENTIAL_STATUS_LIST = 16_384;

/**
 * `GET /api/public/credentials/issuer`: the platform as credentials name their issuer. A verifier
 * holding a credential that claims this platform's `url` fetches this to learn its real DID.
 */
export const credentialIssuerSchema = z.object({
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  url: z.string(),
});
export type CredentialIssuer = z.infer<typeof credentialIssuerSchema>;

/** A status list's number in `/api/public/credentials/status/:list` (1 to 16384). */
export const credentialStatusListParamsSchema = z.object({
  list: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .refine((list) => Number(list) <= LAST_CREDENTIAL_STATUS_LIST, 'no such status list'),
});

export const credentialDownloadQuerySchema = z.object({
  download: z.enum(['1', 'true']).optional(),
});
