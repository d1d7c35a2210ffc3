import { and, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { dbNow, dbNowPlus } from './database-clock.ts';

/** A work-queue table: rows with an id, a due time and an attempt count, named alike everywhere. */
export type QueueTable = PgTable & { id: PgColumn; nextAttemptAt: PgColumn; attempts: PgColumn };
/** A queue table whose rows are leased to a named owner until a time. */
export type LeasedQueueTable = QueueTable & { leaseOwner: PgColumn; leaseExpiresAt: PgColumn };

type Row<T extends QueueTable> = T['$inferSelect'];
type Handle = Pick<Db, 'transaction' | 'update'>;

/** The lease's holder is named only where the table can record it. */
type LeaseDueOptions<T extends QueueTable> = { limit: number; leaseMs: number } & (T extends LeasedQueueTable
  ? { owner: string }
  : { owner?: undefined });

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
  leaseDue(db: Handle, options: LeaseDueOptions<T>): Promise<Row<T>[]>;
  /** Takes the lease on these rows where nobody else holds one; returns the rows it got. */
  tryLease(
    db: Handle,
    options: { ids: readonly string[]; owner: string; leaseMs: number },
  ): Promise<Row<T>[]>;
  /** Gives `owner`'s lease back; with `retryInMs` the rows are due again only after that delay. */
  release(
    db: Handle,
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
  // Selected from as a plain table: Drizzle cannot resolve its select types for a generic one.
  const source: PgTable = table;
  const set = (values: Record<string, unknown>) => values as PgUpdateSetSource<T>;
  const due = () => or(isNull(table.nextAttemptAt), lte(table.nextAttemptAt, dbNow()));
  const leaseFree = (t: LeasedQueueTable, owner?: string) =>
    or(isNull(t.leaseExpiresAt), lt(t.leaseExpiresAt, dbNow()), owner ? eq(t.leaseOwner, owner) : undefined);
  const leasedTable = (action: string): LeasedQueueTable => {
    if (!lease) throw new Error(`${action}: this queue's table has no lease columns`);
    return lease;
  };

  return {
    async leaseDue(db, request) {
      const { limit, leaseMs } = request;
      const owner: string | undefined = request.owner;
      return db.transaction(async (tx) => {
        const picked = await tx
          .select({ id: table.id })
          .from(source)
          .where(and(options.ready(), due(), lease ? leaseFree(lease) : undefined))
          .orderBy(...options.orderBy())
          .limit(limit)
          .for('update', { skipLocked: true });
        if (picked.length === 0) return [];
        const ids = picked.map((p) => p.id as string);
        // In the order the UPDATE meets them, as every queue had it: the issuance minter packs
        // rows into transactions in this order, the one its cost preview counts with.
        return (await tx
          .update(table)
          .set(
            set({
              ...(lease
                ? { leaseOwner: owner, leaseExpiresAt: dbNowPlus(leaseMs) }
                : { nextAttemptAt: dbNowPlus(leaseMs) }),
              ...(options.countAttemptOnLease ? { attempts: sql`${table.attempts} + 1` } : {}),
            }),
          )
          .where(inArray(table.id, ids))
          .returning()) as Row<T>[];
      });
    },

    async tryLease(db, { ids, owner, leaseMs }) {
      const t = leasedTable('tryLease');
      if (ids.length === 0) return [];
      return (await db
        .update(table)
        .set(set({ leaseOwner: owner, leaseExpiresAt: dbNowPlus(leaseMs) }))
        .where(and(inArray(table.id, [...ids]), leaseFree(t, owner)))
        .returning()) as Row<T>[];
    },

    async release(db, { ids, owner, retryInMs }) {
      const t = leasedTable('release');
      if (ids.length === 0) return;
      await db
        .update(table)
        .set(
          set({
            leaseOwner: null,
            leaseExpiresAt: null,
            ...(retryInMs === undefined ? {} : { nextAttemptAt: dbNowPlus(retryInMs) }),
          }),
        )
        .where(and(inArray(table.id, [...ids]), eq(t.leaseOwner, owner)));
    },
  };
}
