import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampTz } from '../db/columns.ts';

/**
 * One row per running server process (an instance), made at start and refreshed by its
 * heartbeat. A work lease names its instance (see `jobs/lease-owner.ts`), so when an instance
 * stops or its heartbeat goes stale, any other instance releases its leases at once instead of
 * waiting for them to run out, and deletes the row: what is left lists the instances running.
 */
export const instances = pgTable('instances', {
  /** Made by the process at start; the middle part of every lease owner it writes. */
  id: uuid('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: createdAt(),
  heartbeatAt: timestampTz('heartbeat_at').notNull().defaultNow(),
  /** Set on a clean shutdown: its leases are freed (and the row deleted) by the next sweep. */
  stoppedAt: timestampTz('stopped_at'),
});
