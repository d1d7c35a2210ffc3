import { bigserial, index, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz, updatedAt } from '../db/columns.ts';

/**
 * Transactional outbox: a domain event is written in the same transaction as the change it
 * describes, then relayed to the sinks. `seq` orders events; consumers dedupe by `id`.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    seq: bigserial('seq', { mode: 'bigint' }).notNull().unique(),
    topic: varchar('topic', { length: 64 }).notNull(),
    type: varchar('type', { length: 64 }).notNull(),
    /** Partition key (the user id where there is one): ordering holds per key. */
    key: varchar('key', { length: 128 }),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    publishedAt: timestampTz('published_at'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_unpublished_idx').on(t.publishedAt, t.seq)],
);

/** Every outbound webhook attempt series: signed POSTs retried with backoff. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    eventId: uuid('event_id'),
    eventType: varchar('event_type', { length: 64 }).notNull(),
    url: text('url').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: varchar('dedupe_key', { length: 200 }).notNull().unique(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at').defaultNow(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    lastError: text('last_error'),
    deliveredAt: timestampTz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
