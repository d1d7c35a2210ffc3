import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { createdAt, id, timestampTz, updatedAt, usd } from '../db/columns.ts';

export const trades = pgTable(
  'trades',
  {
    id: id(),
    /** The trading platform's id for the trade: ingestion is idempotent by it. */
    externalId: varchar('external_id', { length: 128 }).notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    volumeUsd: usd('volume_usd').notNull(),
    executedAt: timestampTz('executed_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('trades_user_idx').on(t.userId, t.executedAt),
    check('trades_volume_nonnegative', sql`${t.volumeUsd} >= 0`),
  ],
);

/** Running total per user, updated in the same transaction as each trade insert: O(1) reads. */
export const userVolumes = pgTable('user_volumes', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  totalVolumeUsd: usd('total_volume_usd').notNull().default('0'),
  tradeCount: bigint('trade_count', { mode: 'number' }).notNull().default(0),
  lastTradeAt: timestampTz('last_trade_at'),
  updatedAt: updatedAt(),
});

/**
 * Trades sent by email for an address no account has verified yet. They wait here, counted
 * nowhere, and move into `trades` when an account proves that address.
 */
export const pendingTrades = pgTable(
  'pending_trades',
  {
    externalId: varchar('external_id', { length: 128 }).primaryKey(),
    email: varchar('email', { length: 254 }).notNull(),
    volumeUsd: usd('volume_usd').notNull(),
    executedAt: timestampTz('executed_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('pending_trades_email_idx').on(t.email),
    check('pending_trades_volume_nonnegative', sql`${t.volumeUsd} >= 0`),
  ],
);

/**
 * A platform's correction of an earlier trade (a busted trade, a chargeback): the trade's
 * volume leaves the person's total once. `externalId` is the reversal's own id (a resent
 * reversal is a duplicate); `reversedExternalId` is the trade's id, so a trade is reversed at
 * most once whatever the reversal's id, and a reversed trade sent again is not counted again.
 * A trade still held for an unverified email (never in `trades`) has no `tradeId`/`userId`.
 */
export const tradeReversals = pgTable('trade_reversals', {
  externalId: varchar('external_id', { length: 128 }).primaryKey(),
  reversedExternalId: varchar('reversed_external_id', { length: 128 }).notNull().unique(),
  tradeId: uuid('trade_id')
    .unique()
    .references(() => trades.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  volumeUsd: usd('volume_usd').notNull(),
  reversedAt: timestampTz('reversed_at').notNull(),
  createdAt: createdAt(),
});
