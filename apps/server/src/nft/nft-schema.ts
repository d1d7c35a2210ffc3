import type { ErrorCode } from '@insignia/contract';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth-schema.ts';
import { badges } from '../badges/badges-schema.ts';
import { address, createdAt, id, signature, timestampTz, updatedAt, usd } from '../db/columns.ts';
import {
  nftRequestKinds,
  nftRequestStatuses,
  terminalNftRequestStatuses,
  userNftStatuses,
} from './nft-statuses.ts';

export { nftRequestKinds, nftRequestStatuses, terminalNftRequestStatuses, userNftStatuses };

export const nftLevels = pgTable(
  'nft_levels',
  {
    level: smallint('level').primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    symbol: varchar('symbol', { length: 10 }).notNull().default('INSIG'),
    minVolumeUsd: usd('min_volume_usd').notNull(),
    benefits: jsonb('benefits').$type<string[]>().notNull().default([]),
    imageUri: text('image_uri'),
    metadataUri: text('metadata_uri'),
    metadataCid: varchar('metadata_cid', { length: 128 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('nft_levels_level_range', sql`${t.level} between 1 and 100`),
    check('nft_levels_volume_nonnegative', sql`${t.minVolumeUsd} >= 0`),
  ],
);

/** Badges a user must hold, besides volume, to reach a level. */
export const nftLevelBadges = pgTable(
  'nft_level_badges',
  {
    level: smallint('level')
      .notNull()
      .references(() => nftLevels.level, { onDelete: 'cascade' }),
    badgeId: uuid('badge_id')
      .notNull()
      .references(() => badges.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.level, t.badgeId] })],
);

export const userNfts = pgTable(
  'user_nfts',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    level: smallint('level')
      .notNull()
      .references(() => nftLevels.level, { onDelete: 'restrict' }),
    mintAddress: address('mint_address').notNull().unique(),
    ownerWallet: address('owner_wallet').notNull(),
    status: text('status', { enum: userNftStatuses }).notNull().default('active'),
    requestId: uuid('request_id'),
    mintSignature: signature('mint_signature'),
    burnSignature: signature('burn_signature'),
    metadataUri: text('metadata_uri'),
    mintedAt: timestampTz('minted_at').notNull().defaultNow(),
    burnedAt: timestampTz('burned_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The seed's core rule: never two active level NFTs for one user.
    uniqueIndex('user_nfts_one_active_per_user')
      .on(t.userId)
      .where(sql`${t.status} = 'active'`),
    check('user_nfts_status_check', sql`${t.status} in ('active', 'burned', 'missing')`),
  ],
);

/** One row per unlock or upgrade: the durable state machine a worker resumes after any crash. */
export const nftRequests = pgTable(
  'nft_requests',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: nftRequestKinds }).notNull(),
    /** user_signed (unlock), atomic (one burn+mint tx) or two_step (burn, then server mint). */
    mode: text('mode', { enum: ['user_signed', 'atomic', 'two_step'] }).notNull(),
    status: text('status', { enum: nftRequestStatuses }).notNull(),
    fromLevel: smallint('from_level').references(() => nftLevels.level),
    toLevel: smallint('to_level')
      .notNull()
      .references(() => nftLevels.level),
    fromNftId: uuid('from_nft_id').references(() => userNfts.id),
    fromMint: address('from_mint'),
    /** Derived by HKDF from the server secret and this row's id: every retry hits the same mint. */
    targetMint: address('target_mint').notNull().unique(),
    walletAddress: address('wallet_address').notNull(),
    burnSignature: signature('burn_signature'),
    mintSignature: signature('mint_signature'),
    /** The transaction last handed to the user (base64), to check what they sign back. */
    preparedTransaction: text('prepared_transaction'),
    /** The signed transaction last sent (base64): resent as-is, never re-signed, until it expires. */
    sentTransaction: text('sent_transaction'),
    lastValidBlockHeight: bigint('last_valid_block_height', { mode: 'bigint' }),
    /** Lamports the user's wallet needs for the prepared transaction (rent and fees). */
    costLamports: bigint('cost_lamports', { mode: 'bigint' }),
    attempts: integer('attempts').notNull().default(0),

    nextAttemptAt: timestampTz('next_attempt_at'),
    leaseOwner: varchar('lease_owner', { length: 64 }),
    leaseExpiresAt: timestampTz('lease_expires_at'),
    errorCode: varchar('error_code', { length: 64 }).$type<ErrorCode>(),
    lastError: text('last_error'),
    compensationNote: text('compensation_note'),
    compensatedBy: uuid('compensated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestampTz('completed_at'),
  },
  (t) => [
    // Double clicks and concurrent requests: at most one live request per user.
    uniqueIndex('nft_requests_one_open_per_user')
      .on(t.userId)
      .where(sql`${t.status} not in ('completed', 'expired', 'failed', 'compensated')`),
    index('nft_requests_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Every state transition of a request, for audit and support. */
export const nftRequestEvents = pgTable(
  'nft_request_events',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => nftRequests.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    signature: signature('signature'),
    detail: jsonb('detail'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('nft_request_events_request_idx').on(t.requestId, t.createdAt)],
);

export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: id(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    total: integer('total').notNull().default(0),
    checked: integer('checked').notNull().default(0),
    corrected: integer('corrected').notNull().default(0),
    flagged: integer('flagged').notNull().default(0),
    error: text('error'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: createdAt(),
    finishedAt: timestampTz('finished_at'),
  },
  // One run at a time across every instance.
  (t) => [
    uniqueIndex('reconciliation_runs_one_running')
      .on(t.status)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** A discrepancy between database and chain that was not clear enough to fix automatically. */
export const reconciliationFlags = pgTable(
  'reconciliation_flags',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => reconciliationRuns.id, { onDelete: 'cascade' }),
    entityType: text('entity_type', { enum: ['user_nft', 'badge_vault', 'badge_issuance'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    kind: varchar('kind', { length: 64 }).notNull(),
    autoCorrected: boolean('auto_corrected').notNull().default(false),
    databaseValue: jsonb('database_value'),
    chainValue: jsonb('chain_value'),
    resolvedAt: timestampTz('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
    createdAt: createdAt(),
  },
  (t) => [index('reconciliation_flags_open_idx').on(t.resolvedAt, t.createdAt)],
);
