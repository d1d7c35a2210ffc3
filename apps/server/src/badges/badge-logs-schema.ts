import { index, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { claimIntents } from '../claims/claims-schema.ts';
import { address, createdAt, id, signature } from '../db/columns.ts';
import { badgeCategories, badgeIssuances, badges } from './badges-schema.ts';

/** The audit trail of seed 004: who did what to which badge entity, and what the chain said. */
export const badgeLogs = pgTable(
  'badge_logs',
  {
    id: id(),
    actionType: varchar('action_type', { length: 64 }).notNull(),
    entityType: varchar('entity_type', { length: 32 }).notNull(),
    badgeId: uuid('badge_id').references(() => badges.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => badgeCategories.id, { onDelete: 'set null' }),
    issuanceId: uuid('issuance_id').references(() => badgeIssuances.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    claimId: uuid('claim_id').references(() => claimIntents.id, { onDelete: 'set null' }),
    performedBy: uuid('performed_by').references(() => users.id, { onDelete: 'set null' }),
    blockchainTxSignature: signature('blockchain_tx_signature'),
    walletAddress: address('wallet_address'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    status: varchar('status', { length: 32 }).notNull().default('ok'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
  },
  (t) => [
    index('badge_logs_created_idx').on(t.createdAt),
    index('badge_logs_issuance_idx').on(t.issuanceId),
    index('badge_logs_action_idx').on(t.actionType, t.createdAt),
  ],
);
