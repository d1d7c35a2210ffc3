import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { leaseDueRows, releaseRowLeases, tryLeaseRows } from './durable-queue-queries.ts';

/** A work-queue table: rows with an id, a due time and an attempt count, named alike everywhere. */
export type QueueTable = PgTable & { id: PgColumn; nextAttemptAt: PgColumn; attempts: PgColumn };
/** A queue table whose rows are leased to a named owner until a time. */
export type LeasedQueueTable = QueueTable & { leaseOwner: PgColumn; leaseExpiresAt: PgColumn };

export type QueueRow<T extends QueueTable> = T['$inferSelect'];
/** A database or transaction the queue's statements run on. */
export type QueueHandle = Pick<Db, 'select' | 'update'>;

/** The lease's holder is named only where the table can record it. */
export type LeaseDueOptions<T extends QueueTable> = {
  limit: number;
  leaseMs: number;
} & (T extends LeasedQueueTable ? { owner: string } : { owner?: undefined });

export interface DurableQueueOptions<T extends QueueTable> {
  table: T;
  /** The rows that are work (their statuses); due time and lease are added by the queue. */
  ready: () => SQL | undefined;
  /** The order rows are taken in: oldest work first. */
  orderBy: () => (PgColumn | SQL)[];
  /**
   * Count the attempt when a row is leased, not when a failure is recorded: a send that crashed
   * the process still used an attempt, so a poison row runs out instead of crashing forever.
   */
  countAttemptOnLease?: boolean;
}

export interface DurableQueue<T extends QueueTable> {
  /**
   * Leases up to `limit` due rows for `leaseMs` with FOR UPDATE SKIP LOCKED, so two workers never
   * take one row, while a dead holder's lease simply runs out. A table without lease columns is
   * leased by moving its due time past the lease, and names no owner.
   */
  leaseDue(db: QueueHandle, options: LeaseDueOptions<T>): Promise<QueueRow<T>[]>;
  /** Takes the lease on these rows where nobody else holds one; returns the rows it got. */
  tryLease(
    db: QueueHandle,
    options: { ids: readonly string[]; owner: string; leaseMs: number },
  ): Promise<QueueRow<T>[]>;
  /** Gives `owner`'s lease back; with `retryInMs` the rows are due again only after that delay. */
  release(
    db: QueueHandle,
    options: { ids: readonly string[]; owner: string; retryInMs?: number | undefined },
  ): Promise<void>;
}

const hasLease = (table: QueueTable): table is LeasedQueueTable =>
  'leaseOwner' in table && 'leaseExpiresAt' in table;

/**
 * The one lease / claim-due / release loop of every work queue. Every time it compares or
 * writes is the database's `now()`: a row stamped by one clock and compared with another (the
 * database's microseconds against a process's milliseconds, or two instances' clocks) was not
 * due when it should have been.
 */
export function createDurableQueue<T extends QueueTable>(options: DurableQueueOptions<T>): DurableQueue<T> {
  const { table } = options;
  const lease = hasLease(table) ? table : undefined;

  return {
    leaseDue: (db, request) => leaseDueRows(db, options, lease, request),
    tryLease: (db, request) => tryLeaseRows(db, table, lease, request),
    release: (db, request) => releaseRowLeases(db, table, lease, request),
  };
}
