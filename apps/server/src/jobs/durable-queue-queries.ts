import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { dbNow, dbNowPlus } from '../db/database-clock.ts';
import type {
  DurableQueueOptions,
  LeaseDueOptions,
  LeasedQueueTable,
  QueueHandle,
  QueueRow,
  QueueTable,
} from './durable-queue.ts';

// The statements of the durable queue (see createDurableQueue); `table` and `lease` are the same
// table, `lease` typed with its lease columns when it has them.

// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- Drizzle cannot resolve the set type of a generic table
const set = <T extends QueueTable>(values: Record<string, unknown>) => values as PgUpdateSetSource<T>;
const due = (table: QueueTable) => or(isNull(table.nextAttemptAt), lte(table.nextAttemptAt, dbNow()));
const leaseFree = (t: LeasedQueueTable, owner?: string) =>
  or(isNull(t.leaseExpiresAt), lt(t.leaseExpiresAt, dbNow()), owner ? eq(t.leaseOwner, owner) : undefined);

/** Leases up to `limit` due rows with FOR UPDATE SKIP LOCKED; see DurableQueue.leaseDue. */
export async function leaseDueRows<T extends QueueTable>(
  db: QueueHandle,
  options: DurableQueueOptions<T>,
  lease: LeasedQueueTable | undefined,
  request: LeaseDueOptions<T>,
): Promise<QueueRow<T>[]> {
  const { table } = options;
  // Selected from as a plain table: Drizzle cannot resolve its select types for a generic one.
  const source: PgTable = table;
  const { limit, leaseMs } = request;
  const owner: string | undefined = request.owner;
  // One statement, so a poll that finds nothing is one round trip: the rows are picked with
  // FOR UPDATE SKIP LOCKED and leased by the UPDATE around them.
  const picked = db
    .select({ id: table.id })
    .from(source)
    .where(and(options.ready(), due(table), lease ? leaseFree(lease) : undefined))
    .orderBy(...options.orderBy())
    .limit(limit)
    .for('update', { skipLocked: true });
  // In the order the UPDATE meets them, which the query does not fix: a caller that needs an
  // order sorts (the issuance packer does, so it packs as its cost preview did).
  return (await db
    .update(table)
    .set(
      set<T>({
        ...(lease
          ? { leaseOwner: owner, leaseExpiresAt: dbNowPlus(leaseMs) }
          : { nextAttemptAt: dbNowPlus(leaseMs) }),
        ...(options.countAttemptOnLease ? { attempts: sql`${table.attempts} + 1` } : {}),
      }),
    )
    .where(inArray(table.id, picked))
    .returning()) as QueueRow<T>[];
}

/** Takes the lease on these rows where nobody else holds one; returns the rows it got. */
export async function tryLeaseRows<T extends QueueTable>(
  db: QueueHandle,
  table: T,
  lease: LeasedQueueTable | undefined,
  { ids, owner, leaseMs }: { ids: readonly string[]; owner: string; leaseMs: number },
): Promise<QueueRow<T>[]> {
  if (!lease) throw new Error("tryLease: this queue's table has no lease columns");
  if (ids.length === 0) return [];
  return (await db
    .update(table)
    .set(set<T>({ leaseOwner: owner, leaseExpiresAt: dbNowPlus(leaseMs) }))
    .where(and(inArray(table.id, [...ids]), leaseFree(lease, owner)))
    .returning()) as QueueRow<T>[];
}

/** Gives `owner`'s lease back; with `retryInMs` the rows are due again only after that delay. */
export async function releaseRowLeases(
  db: QueueHandle,
  table: QueueTable,
  lease: LeasedQueueTable | undefined,
  { ids, owner, retryInMs }: { ids: readonly string[]; owner: string; retryInMs?: number | undefined },
): Promise<void> {
  if (!lease) throw new Error("release: this queue's table has no lease columns");
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
    .where(and(inArray(table.id, [...ids]), eq(lease.leaseOwner, owner)));
}
