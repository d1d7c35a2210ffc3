import { index, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import { createdAt, id, timestampTz, updatedAt } from '../db/columns.ts';

export const emailTypes = [
  'badge_minted_to_wallet',
  'badge_in_vault',
  'claim_confirmed',
  'badge_revoked',
  'email_verification_code',
] as const;

/** Every email Insignia sends, with its delivery state; `dedupeKey` stops a double send. */
export const emailLogs = pgTable(
  'email_logs',
  {
    id: id(),
    issuanceId: uuid('issuance_id').references(() => badgeIssuances.id, { onDelete: 'set null' }),
    claimId: uuid('claim_id').references(() => claimIntents.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    notificationType: text('notification_type', { enum: emailTypes }).notNull(),
    recipient: varchar('recipient', { length: 254 }).notNull(),
    subject: text('subject').notNull(),
    dedupeKey: varchar('dedupe_key', { length: 200 }).notNull().unique(),
    mailProviderId: varchar('mail_provider_id', { length: 255 }),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at').defaultNow(),
    lastError: text('last_error'),
    metadata: jsonb('metadata'),
    sentAt: timestampTz('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('email_logs_due_idx').on(t.status, t.nextAttemptAt)],
);
