import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../db/columns.ts';
import { users } from './auth-schema.ts';

/**
 * One row per Insignia login. Its id is the token's `sid` claim: a token is honoured only
 * while its session has not ended, so logout and revocation take effect before the token expires.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** The token's own expiry; past it the row is only history and may be deleted. */
    expiresAt: timestampTz('expires_at').notNull(),
    endedAt: timestampTz('ended_at'),
    endReason: text('end_reason', { enum: ['logout', 'revoked'] }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);
