import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { address, id, signature, timestampTz, updatedAt } from '../db/columns.ts';

export const claimStatuses = [
  'pending',
  'approved',
  'transferring',
  'completed',
  'rejected',
  'failed',
] as const;

/** A user's request to move a vaulted badge to their profile wallet. */
export const claimIntents = pgTable(
  'claim_intents',
  {
    id: id(),
    issuanceId: uuid('issuance_id')
      .notNull()
      .references(() => badgeIssuances.id, { onDelete: 'restrict' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: claimStatuses }).notNull().default('pending'),
    walletAddress: address('wallet_address').notNull(),
    tokenId: address('token_id').notNull(),
    metadataUri: text('metadata_uri'),
    submittedAt: timestampTz('submitted_at').notNull().defaultNow(),
    adminResponseAt: timestampTz('admin_response_at'),
    respondedBy: uuid('responded_by').references(() => users.id, { onDelete: 'set null' }),
    rejectReason: text('reject_reason'),
    transferSignature: signature('transfer_signature'),
    completedAt: timestampTz('completed_at'),
    lastError: text('last_error'),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A badge can have only one live claim at a time.
    uniqueIndex('claim_intents_one_live_per_issuance')
      .on(t.issuanceId)
      .where(sql`${t.status} not in ('rejected', 'failed')`),
    index('claim_intents_status_idx').on(t.status, t.submittedAt),
  ],
);
