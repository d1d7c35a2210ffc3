import type { ErrorCode } from '@insignia/contract';
import type { Base64EncodedWireTransaction } from '@solana/kit';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
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
/** A badge's lifecycle; see `badge-mint-machine.ts`. */
export const badgeStatuses = ['creating', 'active', 'failed', 'archived'] as const;

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
    /** On-chain symbol of a blockchain badge's mint. */
    symbol: varchar('symbol', { length: 10 }).notNull().default('BADGE'),
    /** The image lives on IPFS; the CID is its content hash. */
    imageCid: varchar('image_cid', { length: 128 }),
    imageUri: text('image_uri'),
    imageGatewayUrl: text('image_gateway_url'),
    imageContentType: varchar('image_content_type', { length: 64 }),
    /** For blockchain badges: the Token-2022 mint, which is the badge's token id. */
    mintAddress: address('mint_address').unique(),
    mintSignature: signature('mint_signature'),
    metadataUri: text('metadata_uri'),
    metadataCid: varchar('metadata_cid', { length: 128 }),
    metadataGatewayUrl: text('metadata_gateway_url'),
    status: text('status', { enum: badgeStatuses }).notNull().default('active'),
    /** The mint transaction last sent (base64), recorded before sending: re-sent, never re-signed. */
    mintTransaction: text('mint_transaction').$type<Base64EncodedWireTransaction>(),
    mintLastValidBlockHeight: bigint('mint_last_valid_block_height', { mode: 'bigint' }),
    /** Mint creation is leased and retried by the issuance worker while `creating`. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    lastError: text('last_error'),
    archivedAt: timestampTz('archived_at'),
    /** How long an issuance of this badge stays valid; null: it never expires. */
    validityDays: integer('validity_days'),
    /**
     * The mint's Token-2022 PermanentDelegate (the platform authority), which lets a revocation
     * burn the badge from a holder's wallet. Null for mints created before revocation existed.
     */
    permanentDelegate: address('permanent_delegate'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('badges_type_check', sql`${t.badgeType} in ('database', 'blockchain')`),
    check('badges_validity_days_positive', sql`${t.validityDays} is null or ${t.validityDays} > 0`),
    index('badges_category_idx').on(t.categoryId),
  ],
);

/** A batch issuance: one roster, one or many badges, progress counted per issuance. */
export const badgeIssuanceBatches = pgTable('badge_issuance_batches', {
  id: id(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  signingMode: text('signing_mode', { enum: ['server', 'admin_wallet'] }).notNull(),
  /** admin_wallet mode: the wallet whose signature every mint transaction of the batch needs. */
  adminWallet: address('admin_wallet'),
  badgeIds: jsonb('badge_ids').$type<string[]>().notNull().default([]),
  status: text('status', {
    enum: ['draft', 'uploading', 'awaiting_signature', 'minting', 'completed', 'failed'],
  }).notNull(),
  total: integer('total').notNull().default(0),
  succeeded: integer('succeeded').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  completedAt: timestampTz('completed_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const issuanceTransactionStatuses = [
  'awaiting_signature',
  'sent',
  'confirmed',
  'failed',
  'expired',
] as const;

/**
 * One packed mint transaction (many recipients). Its signed bytes and signature are stored
 * before it is sent, so after a crash the same bytes are re-sent or, once its blockhash has
 * expired without it landing, its issuances are packed again: never minted twice.
 */
export const badgeIssuanceTransactions = pgTable(
  'badge_issuance_transactions',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => badgeIssuanceBatches.id, { onDelete: 'cascade' }),
    signingMode: text('signing_mode', { enum: ['server', 'admin_wallet'] }).notNull(),
    status: text('status', { enum: issuanceTransactionStatuses }).notNull(),
    /** The transaction id: the fee payer's (platform authority's) signature, known when prepared. */
    signature: signature('signature').notNull().unique(),
    feePayer: address('fee_payer').notNull(),
    adminWallet: address('admin_wallet'),
    /** Base64 wire bytes: partially signed while awaiting the admin wallet, then fully signed. */
    wire: text('wire').$type<Base64EncodedWireTransaction>().notNull(),
    lastValidBlockHeight: bigint('last_valid_block_height', { mode: 'bigint' }).notNull(),
    itemCount: integer('item_count').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    errorCode: varchar('error_code', { length: 64 }).$type<ErrorCode>(),
    lastError: text('last_error'),
    confirmedAt: timestampTz('confirmed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('badge_issuance_transactions_batch_idx').on(t.batchId, t.status),
    index('badge_issuance_transactions_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

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
    /** sha256 of the IPFS payload bytes, hex. */
    contentHash: varchar('content_hash', { length: 64 }),
    /** The packed mint transaction this issuance is in (or was last in). */
    transactionId: uuid('transaction_id').references(() => badgeIssuanceTransactions.id, {
      onDelete: 'set null',
    }),
    issuedAt: timestampTz('issued_at'),
    /** End of the validity period (the badge's `validityDays` from issuance); null: no expiry. */
    validUntil: timestampTz('valid_until'),
    /** This issuance's bit in the revocation Bitstring Status List of its credential. */
    statusListIndex: integer('status_list_index').notNull().unique().generatedByDefaultAsIdentity(),
    /** Set once, by an admin's revocation (see revocations-schema.ts for the on-chain part). */
    revokedAt: timestampTz('revoked_at'),
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
    index('badge_issuances_batch_idx').on(t.batchId, t.status),
    index('badge_issuances_transaction_idx').on(t.transactionId),
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
    /** What the notice tells: a badge arrived, or was revoked. */
    kind: text('kind', { enum: ['issued', 'revoked'] })
      .notNull()
      .default('issued'),
    isRead: boolean('is_read').notNull().default(false),
    appearedAt: createdAt().notNull(),
    readAt: timestampTz('read_at'),
  },
  (t) => [index('badge_notifications_user_idx').on(t.userId, t.isRead)],
);
