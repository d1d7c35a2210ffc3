import { eq, inArray, sql } from 'drizzle-orm';
import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { timestampTz } from '../db/columns.ts';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';
import { roundTrips } from '../test-support/round-trips.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { createDurableQueue } from './durable-queue.ts';

/** A queue table as every leased queue has it. */
const jobs = pgTable('test_jobs', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestampTz('next_attempt_at'),
  leaseOwner: varchar('lease_owner', { length: 64 }),
  leaseExpiresAt: timestampTz('lease_expires_at'),
});
/** A queue table without lease columns, as mail and webhooks have it. */
const sends = pgTable('test_sends', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestampTz('next_attempt_at').defaultNow(),
});

const queue = createDurableQueue({
  table: jobs,
  ready: () => eq(jobs.status, 'ready'),
  orderBy: () => [jobs.id],
});
const sendQueue = createDurableQueue({
  table: sends,
  ready: () => eq(sends.status, 'pending'),
  orderBy: () => [sends.nextAttemptAt],
  countAttemptOnLease: true,
});

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe(`durable queue (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`create table test_jobs (id text primary key, status text not null,
      attempts int not null default 0, next_attempt_at timestamptz, lease_owner varchar(64),
      lease_expires_at timestamptz)`);
    await database.db.execute(sql`create table test_sends (id text primary key, status text not null,
      attempts int not null default 0, next_attempt_at timestamptz default now())`);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    await database.db.delete(jobs);
    await database.db.delete(sends);
  });

  const addJobs = async (n: number, status = 'ready') => {
    await database.db.delete(jobs);
    if (n === 0) return [];
    const rows = Array.from({ length: n }, (_, i) => ({ id: `j${String(i).padStart(3, '0')}`, status }));
    await database.db.insert(jobs).values(rows);
    return ids(rows);
  };
  /** Seconds from the database's now to the row's next attempt. */
  const dueInSeconds = async (id: string) =>
    (
      await queryRows<{ s: number }>(
        database.db,
        sql`select extract(epoch from next_attempt_at - now())::float8 as s from test_jobs where id = ${id}`,
      )
    )[0]!.s;

  it('never gives one row to two concurrent leaseDue calls, and leaves none due behind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        async (n, limitA, limitB) => {
          const all = await addJobs(n);
          const [a, b] = await Promise.all([
            queue.leaseDue(database.db, { owner: 'a', limit: limitA, leaseMs: 60_000 }),
            queue.leaseDue(database.db, { owner: 'b', limit: limitB, leaseMs: 60_000 }),
          ]);
          expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
          expect([...ids(a), ...ids(b)].every((id) => all.includes(id))).toBe(true);
          expect(a.length + b.length).toBe(Math.min(n, limitA + limitB));
          expect(a.every((r) => r.leaseOwner === 'a') && b.every((r) => r.leaseOwner === 'b')).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  // Every worker polls its queue whenever it is woken or idle: a poll is one round trip.
  it.runIf(testDatabaseKind() === 'postgres')(
    'leases in one statement, whether it finds rows or none',
    async () => {
      await addJobs(3);
      let leased: { id: string }[] = [];
      const lease = () => queue.leaseDue(database.db, { owner: 'w', limit: 2, leaseMs: 60_000 });
      expect(await roundTrips(async () => (leased = await lease()))).toBe(1);
      // The first two in the queue's order (returned in whatever order the UPDATE met them).
      expect(ids(leased).sort()).toEqual(['j000', 'j001']);
      expect(await roundTrips(async () => (leased = await lease()))).toBe(1);
      expect(ids(leased)).toEqual(['j002']);
      expect(await roundTrips(async () => (leased = await lease()))).toBe(1);
      expect(leased).toEqual([]);
    },
  );

  it('takes rows only in a ready status, first in its order', async () => {
    await database.db.insert(jobs).values([
      { id: 'b', status: 'ready' },
      { id: 'a', status: 'ready' },
      { id: '0', status: 'done' },
    ]);
    const lease = () => queue.leaseDue(database.db, { owner: 'w', limit: 1, leaseMs: 60_000 });
    expect(ids(await lease())).toEqual(['a']);
    expect(ids(await lease())).toEqual(['b']);
    expect(await lease()).toEqual([]);
  });

  it('takes an expired lease again and never an unexpired one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 24 * 3600 }), fc.boolean(), async (seconds, expired) => {
        await database.db.delete(jobs);
        const offset = expired ? -seconds : seconds;
        await database.db.execute(sql`insert into test_jobs (id, status, lease_owner, lease_expires_at)
            values ('x', 'ready', 'holder', now() + make_interval(secs => ${offset}))`);
        const leased = await queue.leaseDue(database.db, { owner: 'other', limit: 5, leaseMs: 60_000 });
        expect(ids(leased)).toEqual(expired ? ['x'] : []);
        const tried = await queue.tryLease(database.db, { ids: ['x'], owner: 'third', leaseMs: 60_000 });
        // Taken above when expired: then the fresh lease holds off the third owner too.
        expect(ids(tried)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('lets the holder renew its own lease with tryLease, nobody else', async () => {
    await addJobs(1);
    expect(ids(await queue.tryLease(database.db, { ids: ['j000'], owner: 'me', leaseMs: 60_000 }))).toEqual([
      'j000',
    ]);
    expect(await queue.tryLease(database.db, { ids: ['j000'], owner: 'you', leaseMs: 60_000 })).toEqual([]);
    expect(ids(await queue.tryLease(database.db, { ids: ['j000'], owner: 'me', leaseMs: 60_000 }))).toEqual([
      'j000',
    ]);
  });

  it('delays a row released with retryInMs by that long on the database clock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 24 * 3600_000 }), async (retryInMs) => {
        const [id] = await addJobs(1);
        await queue.leaseDue(database.db, { owner: 'w', limit: 1, leaseMs: 60_000 });
        await queue.release(database.db, { ids: [id!], owner: 'w', retryInMs });
        expect(await queue.leaseDue(database.db, { owner: 'w2', limit: 1, leaseMs: 60_000 })).toEqual([]);
        expect(Math.abs((await dueInSeconds(id!)) - retryInMs / 1000)).toBeLessThan(1);
      }),
      { numRuns: 15 },
    );
  });

  it('makes a row released without a delay due at once, and ignores a release by another owner', async () => {
    const [id] = await addJobs(1);
    await queue.leaseDue(database.db, { owner: 'w', limit: 1, leaseMs: 60_000 });
    await queue.release(database.db, { ids: [id!], owner: 'not-the-holder', retryInMs: 60_000 });
    const [held] = await database.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(held).toMatchObject({ leaseOwner: 'w', nextAttemptAt: null });
    await queue.release(database.db, { ids: [id!], owner: 'w' });
    expect(ids(await queue.leaseDue(database.db, { owner: 'w2', limit: 1, leaseMs: 60_000 }))).toEqual([id]);
  });

  it('leases a table without lease columns by its due time, counting the attempt on lease', async () => {
    // Stamped by the database's now(), compared with it: due at once whatever this clock says.
    await database.db.insert(sends).values([{ id: 's1', status: 'pending' }]);
    const [first] = await sendQueue.leaseDue(database.db, { limit: 5, leaseMs: 60_000 });
    expect(first).toMatchObject({ id: 's1', attempts: 1 });
    expect(await sendQueue.leaseDue(database.db, { limit: 5, leaseMs: 60_000 })).toEqual([]);
    // The lease runs out: the row is due again, and the next lease counts another attempt.
    await database.db
      .update(sends)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(inArray(sends.id, ['s1']));
    expect(await sendQueue.leaseDue(database.db, { limit: 5, leaseMs: 60_000 })).toMatchObject([
      { id: 's1', attempts: 2 },
    ]);
  });

  it('refuses tryLease and release on a table without lease columns', async () => {
    await expect(sendQueue.tryLease(database.db, { ids: ['s1'], owner: 'w', leaseMs: 1 })).rejects.toThrow(
      /no lease columns/,
    );
  });
});
