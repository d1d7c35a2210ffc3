import { index, jsonb, pgTable, smallint, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { createdAt, id, signature } from '../db/columns.ts';

/**
 * Platform actions that had no log of their own: level edits, admin sign-ins, account and
 * setting changes. Actions that already leave a row (badge_logs, nft_request_events,
 * reconciliation runs and flags) are read from there by the audit query instead of being written
 * twice, so their history from before this table is kept and the unlock path pays no extra write.
 * Subjects are plain ids without foreign keys where the subject may be deleted (a removed level)
 * and with `set null` where a row may go (a user): the entry itself must outlive both.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    /** `level.updated`, `admin.signed_in`, ...: see audit-actions.ts. */
    action: varchar('action', { length: 64 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    badgeId: uuid('badge_id'),
    level: smallint('level'),
    details: jsonb('details'),
    txSignature: signature('tx_signature'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_created_idx').on(t.createdAt),
    index('audit_events_action_idx').on(t.action, t.createdAt),
  ],
);
