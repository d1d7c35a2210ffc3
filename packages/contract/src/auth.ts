import { z } from 'zod';

export const roleSchema = z.enum(['user', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(8).max(256);

export const credentialsSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const publicUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  /** False until the owner entered a code emailed to the address; email-keyed data waits for it. */
  emailVerified: z.boolean(),
  role: roleSchema,
  walletAddress: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const authResponseSchema = z.object({
  token: z.string(),
  user: publicUserSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const meResponseSchema = z.object({ user: publicUserSchema });

export const siwsChallengeQuerySchema = z.object({ address: z.string().min(32).max(44) });
export const siwsChallengeSchema = z.object({
  message: z.string(),
  nonce: z.string(),
  expiresAt: z.string(),
});
export type SiwsChallenge = z.infer<typeof siwsChallengeSchema>;

/** `signature` is the ed25519 signature of `message`, base58 as wallets show it. */
export const linkWalletSchema = z.object({
  address: z.string().min(32).max(44),
  message: z.string().min(1).max(2000),
  signature: z.string().min(64).max(100),
});
export type LinkWallet = z.infer<typeof linkWalletSchema>;

/** Login accepts any non-empty password: the length rule applies to new passwords only. */
export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256),
});

/** Binds a host-platform identity to the logged-in password account: both sides proven at once. */
export const hostLinkSchema = z.object({
  hostToken: z.string().min(1).max(8192),
  password: z.string().min(1).max(256),
});
export type HostLink = z.infer<typeof hostLinkSchema>;

/** A code was emailed to `sentTo`; another may be asked for from `resendAfter`. */
export const emailCodeSentSchema = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
  resendAfter: z.string(),
});
export type EmailCodeSent = z.infer<typeof emailCodeSentSchema>;

export const verifyEmailSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code from the email'),
});
export type VerifyEmail = z.infer<typeof verifyEmailSchema>;

/** What waits for an address to be verified: trades sent by email, and held roster rows. */
export const awaitingVerificationSchema = z.object({
  trades: z.array(
    z.object({
      email: z.string(),
      trades: z.number().int(),
      volumeUsd: z.string(),
      oldestAt: z.string(),
    }),
  ),
  grants: z.array(
    z.object({
      id: z.uuid(),
      email: z.string(),
      badgeId: z.uuid(),
      badgeName: z.string(),
      signingMode: z.enum(['server', 'admin_wallet']),
      lastError: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type AwaitingVerification = z.infer<typeof awaitingVerificationSchema>;

/**
 * `POST /api/me/password`: the new password follows registration's rules and differs from the
 * current one; the current one is checked on the server (any length it could have been set with).
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: passwordSchema,
  })
  .refine((b) => b.newPassword !== b.currentPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/** The password changed; the caller's other sessions ended (this one stays signed in). */
export const passwordChangedSchema = z.object({ endedOtherSessions: z.number().int().min(0) });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
