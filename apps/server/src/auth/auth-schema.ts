import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, varchar, uuid } from 'drizzle-orm/pg-core';
import { address, createdAt, id, timestampTz, updatedAt } from '../db/columns.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: varchar('email', { length: 254 }).notNull().unique(),
    /** Null for accounts that only ever sign in with the host platform's JWT. */
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['user', 'admin'] })
      .notNull()
      .default('user'),
    /** The host platform's id for this user, when trades or JWTs refer to it. */
    externalId: varchar('external_id', { length: 128 }).unique(),
    walletAddress: address('wallet_address').unique(),
    walletLinkedAt: timestampTz('wallet_linked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('user', 'admin')`)],
);

/** Sign-In-With-Solana challenges: a nonce is usable once, before it expires. */
export const siwsChallenges = pgTable(
  'siws_challenges',
  {
    nonce: varchar('nonce', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: address('address').notNull(),
    message: text('message').notNull(),
    expiresAt: timestampTz('expires_at').notNull(),
    usedAt: timestampTz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('siws_challenges_user_idx').on(t.userId)],
);
