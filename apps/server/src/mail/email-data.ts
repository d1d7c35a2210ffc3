import { z } from 'zod';
import type { emailTypes } from './mail-schema.ts';

const name = z.string().trim().min(1).max(200);
const optionalText = z.string().trim().max(2_000).optional();
/** Base58 wallet addresses and transaction signatures: no dots, so never mistaken for a link. */
const base58 = (max: number) =>
  z
    .string()
    .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'must be base58')
    .max(max);

/** What each email needs, checked when it is queued so a bad payload fails the caller, not the worker. */
export const emailDataSchemas = {
  badge_minted_to_wallet: z.object({
    recipientName: name.optional(),
    badgeName: name,
    badgeDescription: optionalText,
    walletAddress: base58(44),
    mintSignature: base58(88),
  }),
  badge_in_vault: z.object({
    recipientName: name.optional(),
    badgeName: name,
    badgeDescription: optionalText,
  }),
  claim_confirmed: z.object({
    recipientName: name.optional(),
    badgeName: name,
    walletAddress: base58(44),
    transferSignature: base58(88),
  }),
  badge_revoked: z.object({
    recipientName: name.optional(),
    badgeName: name,
    reason: z.string().trim().min(1).max(500),
  }),
  email_verification_code: z.object({
    code: z.string().regex(/^\d{6}$/),
    expiresInMinutes: z.number().int().min(1).max(60),
  }),
} satisfies Record<EmailType, z.ZodType>;

/** Fields masked in `email_logs` once the email is out: a code is kept at rest only as a hash. */
export const secretEmailFields: Partial<Record<EmailType, readonly string[]>> = {
  email_verification_code: ['code'],
};

export type EmailType = (typeof emailTypes)[number];
export type EmailData<T extends EmailType = EmailType> = z.infer<(typeof emailDataSchemas)[T]>;
