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
    /** Only reversals have it (a row with `reverses` is never read as a trade). */
    reverses: z.undefined().optional(),
  })
  .refine((t) => t.userId !== undefined || t.email !== undefined, {
    message: 'each trade needs userId or email',
    path: ['userId'],
  });
export type TradeInput = z.infer<typeof tradeInputSchema>;

/**
 * A platform's correction of an earlier trade (busted trade, chargeback): the whole trade
 * leaves its user's volume, once. There are no partial reversals: `volumeUsd`, if sent, must be
 * the trade's. The user comes from the trade (`userId`/`email` on a reversal are ignored).
 */
export const tradeReversalInputSchema = z.object({
  /** The reversal's own id; resending it is harmless. */
  id: z.string().trim().min(1).max(128),
  /** The id of the trade it reverses (as sent in that trade's `id`). */
  reverses: z.string().trim().min(1).max(128),
  volumeUsd: usdAmountSchema.optional(),
  /** When the trade was reversed; default: when the reversal is recorded. */
  executedAt: z.iso.datetime({ offset: true }).optional(),
});
export type TradeReversalInput = z.infer<typeof tradeReversalInputSchema>;

/** A row of a trades batch: a trade, or a reversal of one. */
export const tradeRowSchema = z.union([tradeReversalInputSchema, tradeInputSchema]);
export type TradeRow = z.infer<typeof tradeRowSchema>;

export const isTradeReversal = (row: TradeRow): row is TradeReversalInput => row.reverses !== undefined;

export const ingestTradesSchema = z.object({
  trades: z.array(tradeRowSchema).min(1).max(MAX_TRADES_PER_BATCH),
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
  /**
   * Reversals applied: the trade's volume left its user's total (or a trade still held for an
   * unverified email was withdrawn). A reversal already applied, or one of a trade already
   * reversed under another id, counts in `duplicates`.
   */
  reversed: z.number(),
  /** Rows refused, with the reason; the rest of the batch is still recorded. */
  rejected: z.array(
    z.object({ index: z.number(), id: z.string(), code: errorCodeSchema, message: z.string() }),
  ),
});
export type IngestTradesResponse = z.infer<typeof ingestTradesResponseSchema>;
