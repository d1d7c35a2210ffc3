import type { ErrorCode } from '@insignia/contract';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { address, id, signature, timestampTz, updatedAt } from '../db/columns.ts';

export const claimSigningModes = ['server', 'admin_wallet'] as const;

export const claimStatuses = [
  'pending',
  'approved',
  'transferring',
  'completed',
  'rejected',
  'failed',
] as const;

/** Claims that may still become a transfer; the partial unique index allows one per issuance. */
export const liveClaimStatuses = ['pending', 'approved', 'transferring'] as const;

/**
 * A user's request to move a vaulted badge to their profile wallet, and the durable state of
 * its transfer: the signed bytes are stored before they are sent, so a worker resumes after a
 * crash by re-sending them (never re-signing) or, once they expired, by reading the chain.
 */
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
    errorCode: varchar('error_code', { length: 64 }).$type<ErrorCode>(),
    signingMode: text('signing_mode', { enum: claimSigningModes }),
    /** admin_wallet mode: the admin's wallet, whose signature approves the transfer. */
    adminWallet: address('admin_wallet'),
    /** The recipient's balance of the token when approved: more than this means it arrived. */
    recipientBalanceBefore: bigint('recipient_balance_before', { mode: 'bigint' }),
    /** admin_wallet mode: the transfer handed to the admin's wallet (base64), authority- and vault-signed. */
    preparedTransaction: text('prepared_transaction'),
    /** The fully signed transfer last sent (base64): re-sent as-is until it lands or expires. */
    sentTransaction: text('sent_transaction'),
    lastValidBlockHeight: bigint('last_valid_block_height', { mode: 'bigint' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A badge can have only one live claim at a time.
    uniqueIndex('claim_intents_one_live_per_issuance')
      .on(t.issuanceId)
      .where(sql`${t.status} not in ('rejected', 'failed')`),
    index('claim_intents_status_idx').on(t.status, t.submittedAt),
    index('claim_intents_user_idx').on(t.userId, t.submittedAt),
    index('claim_intents_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
