import type { ErrorCode } from '@insignia/contract';
import type { Base64EncodedWireTransaction } from '@solana/kit';
import { bigint, index, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { address, createdAt, signature, timestampTz, updatedAt } from '../db/columns.ts';

/**
 * What a revocation does on chain:
 * - `none`: a database-only badge (or one never minted): the status list is the whole revocation;
 * - `burn_from_vault`: the vault key burns the badge it holds for the person;
 * - `burn_from_wallet`: the platform authority, the mint's PermanentDelegate, burns it from the wallet;
 * - `status_list_only`: the badge sits in a wallet but its mint predates PermanentDelegate.
 */
export const revocationChainActions = [
  'none',
  'burn_from_vault',
  'burn_from_wallet',
  'status_list_only',
] as const;
export const revocationStatuses = ['pending', 'sent', 'done', 'failed'] as const;

/**
 * One row per revoked issuance: the reason, and the on-chain burn as a resumable state machine
 * (the signed burn is stored before it is sent, so a restart re-sends the same bytes).
 */
export const badgeRevocations = pgTable(
  'badge_revocations',
  {
    issuanceId: uuid('issuance_id')
      .primaryKey()
      .references(() => badgeIssuances.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    chainAction: text('chain_action', { enum: revocationChainActions }).notNull(),
    status: text('status', { enum: revocationStatuses }).notNull(),
    /** The token account the badge is burned from. */
    tokenAccount: address('token_account'),
    wire: text('wire').$type<Base64EncodedWireTransaction>(),
    signature: signature('signature'),
    lastValidBlockHeight: bigint('last_valid_block_height', { mode: 'bigint' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    errorCode: varchar('error_code', { length: 64 }).$type<ErrorCode>(),
    lastError: text('last_error'),
    completedAt: timestampTz('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('badge_revocations_due_idx').on(t.status, t.nextAttemptAt)],
);
