import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { address, createdAt, id, signature, timestampTz, updatedAt } from '../db/columns.ts';

export const badgeCategories = pgTable('badge_categories', {
  id: id(),
  name: varchar('name', { length: 120 }).notNull().unique(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const badgeTypes = ['database', 'blockchain'] as const;

export const badges = pgTable(
  'badges',
  {
    id: id(),
    categoryId: uuid('category_id').references(() => badgeCategories.id, {
      onDelete: 'set null',
    }),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description').notNull().default(''),
    badgeType: text('badge_type', { enum: badgeTypes }).notNull(),
    /** The image lives on IPFS; the CID is its content hash. */
    imageCid: varchar('image_cid', { length: 128 }),
    imageUri: text('image_uri'),
    /** For blockchain badges: the Token-2022 mint, which is the badge's token id. */
    mintAddress: address('mint_address').unique(),
    mintSignature: signature('mint_signature'),
    metadataUri: text('metadata_uri'),
    metadataCid: varchar('metadata_cid', { length: 128 }),
    status: text('status', { enum: ['creating', 'active', 'failed', 'archived'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('badges_type_check', sql`${t.badgeType} in ('database', 'blockchain')`),
    index('badges_category_idx').on(t.categoryId),
  ],
);

/** A batch issuance: one roster, one or many badges, progress counted per issuance. */
export const badgeIssuanceBatches = pgTable('badge_issuance_batches', {
  id: id(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  signingMode: text('signing_mode', { enum: ['server', 'admin_wallet'] }).notNull(),
  status: text('status', {
    enum: ['draft', 'uploading', 'awaiting_signature', 'minting', 'completed', 'failed'],
  }).notNull(),
  total: integer('total').notNull().default(0),
  succeeded: integer('succeeded').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const badgeIssuanceStatuses = [
  'pending',
  'uploaded',
  'minting',
  'issued',
  'in_vault',
  'claim_requested',
  'claimed',
  'failed',
] as const;

export const badgeIssuances = pgTable(
  'badge_issuances',
  {
    id: id(),
    badgeId: uuid('badge_id')
      .notNull()
      .references(() => badges.id, { onDelete: 'restrict' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    batchId: uuid('batch_id').references(() => badgeIssuanceBatches.id, { onDelete: 'set null' }),
    status: text('status', { enum: badgeIssuanceStatuses }).notNull().default('pending'),
    /** wallet: minted to the profile wallet; vault: held until claimed; none: database-only. */
    destination: text('destination', { enum: ['wallet', 'vault', 'none'] }).notNull(),
    walletAddress: address('wallet_address'),
    metadataUri: text('metadata_uri'),
    metadataCid: varchar('metadata_cid', { length: 128 }),
    gatewayUrl: text('gateway_url'),
    /** Salted hash that identifies the recipient in public payloads instead of their email. */
    recipientHash: varchar('recipient_hash', { length: 64 }).notNull(),
    mintSignature: signature('mint_signature'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('badge_issuances_one_per_user').on(t.badgeId, t.userId),
    index('badge_issuances_user_idx').on(t.userId, t.status),
    index('badge_issuances_due_idx').on(t.status, t.nextAttemptAt),
    index('badge_issuances_batch_idx').on(t.batchId),
  ],
);

export const badgeNotifications = pgTable(
  'badge_notifications',
  {
    id: id(),
    issuanceId: uuid('issuance_id')
      .notNull()
      .references(() => badgeIssuances.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    isRead: boolean('is_read').notNull().default(false),
    appearedAt: createdAt().notNull(),
    readAt: timestampTz('read_at'),
  },
  (t) => [index('badge_notifications_user_idx').on(t.userId, t.isRead)],
);
