import { index, integer, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../db/columns.ts';
import { users } from './auth-schema.ts';

/**
 * One-time codes emailed to prove an address. Only an HMAC of the code is kept; a code is
 * for the address it was sent to, expires soon, allows a few wrong guesses, and is used once.
 */
export const emailVerificationCodes = pgTable(
  'email_verification_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: varchar('email', { length: 254 }).notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    expiresAt: timestampTz('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestampTz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_verification_codes_user_idx').on(t.userId, t.createdAt)],
);
