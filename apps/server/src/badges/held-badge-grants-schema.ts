import { pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { address, createdAt, id } from '../db/columns.ts';
import { badges } from './badges-schema.ts';

/**
 * Roster rows naming an address no account has verified yet: held, visible to admins, and
 * issued (as the admin who asked, in the signing mode they chose) once an account proves it.
 */
export const heldBadgeGrants = pgTable(
  'held_badge_grants',
  {
    id: id(),
    email: varchar('email', { length: 254 }).notNull(),
    badgeId: uuid('badge_id')
      .notNull()
      .references(() => badges.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    signingMode: text('signing_mode', { enum: ['server', 'admin_wallet'] }).notNull(),
    adminWallet: address('admin_wallet'),
    /** Why the last release failed (e.g. the authority could not pay); retried on the next verification. */
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('held_badge_grants_email_badge_unique').on(t.email, t.badgeId)],
);
