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
