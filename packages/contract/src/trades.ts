import { z } from 'zod';
import { errorCodeSchema } from './errors/error-body.ts';

/** A non-negative USD amount as a decimal string: up to 24 integer and 8 fraction digits. */
export const usdAmountSchema = z
  .string()
  .regex(/^\d{1,24}(\.\d{1,8})?$/, 'a decimal string like "1250.50", at most 8 decimals');

export const MAX_TRADES_PER_BATCH = 10_000;

export const tradeInputSchema = z
  .object({
    /** The trading platform's id for the trade; resending it is harmless. */
    id: z.string().trim().min(1).max(128),
    /** Insignia's user id, or the platform's own user id (matched against `externalId`). */
    userId: z.string().trim().min(1).max(128).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional(),
    volumeUsd: usdAmountSchema,
    executedAt: z.iso.datetime({ offset: true }),
  })
  .refine((t) => t.userId !== undefined || t.email !== undefined, {
    message: 'each trade needs userId or email',
    path: ['userId'],
  });
export type TradeInput = z.infer<typeof tradeInputSchema>;

export const ingestTradesSchema = z.object({
  trades: z.array(tradeInputSchema).min(1).max(MAX_TRADES_PER_BATCH),
});

export const ingestTradesResponseSchema = z.object({
  /** Newly recorded trades. */
  inserted: z.number(),
  /** Trades already recorded earlier (same id): not counted again. */
  duplicates: z.number(),
  /**
   * Trades keyed by an email no account has verified yet: held, not counted, until an account
   * proves that address (then they count for it).
   */
  pending: z.number(),
  /** Rows refused, with the reason; the rest of the batch is still recorded. */
  rejected: z.array(
    z.object({ index: z.number(), id: z.string(), code: errorCodeSchema, message: z.string() }),
  ),
});
export type IngestTradesResponse = z.infer<typeof ingestTradesResponseSchema>;
