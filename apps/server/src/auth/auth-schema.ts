import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, varchar, uuid } from 'drizzle-orm/pg-core';
import { address, createdAt, id, timestampTz, updatedAt } from '../db/columns.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    /**
     * Not unique on its own: a host-platform account keeps the (unproven) email its token
     * claimed even when another account uses it. See the partial unique indexes below.
     */
    email: varchar('email', { length: 254 }).notNull(),
    /** Set once the owner proved the mailbox with an emailed code; only then does email-keyed data attach. */
    emailVerifiedAt: timestampTz('email_verified_at'),
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
  (t) => [
    check('users_role_check', sql`${t.role} in ('user', 'admin')`),
    index('users_email_idx').on(t.email),
    // One password account per email (login looks it up by email) ...
    uniqueIndex('users_password_email_unique')
      .on(t.email)
      .where(sql`${t.passwordHash} is not null`),
    // ... and one verified owner per email: trades and rosters keyed by email go to it.
    uniqueIndex('users_verified_email_unique')
      .on(t.email)
      .where(sql`${t.emailVerifiedAt} is not null`),
  ],
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
