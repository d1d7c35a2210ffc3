import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { releaseDeadInstanceLeases, startInstanceRegistry } from './instance-registry.ts';
import { currentInstanceId, newLeaseOwner } from './lease-owner.ts';

describe('leases that name their instance', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(
      sql`create table test_queue (id int primary key, lease_owner varchar(64), lease_expires_at timestamptz)`,
    );
  });
  afterAll(async () => database.close());

  const owners = async () =>
    (
      await queryRows<{ id: number; lease_owner: string | null }>(
        database.db,
        sql`select id, lease_owner from test_queue order by id`,
      )
    ).map((r) => [r.id, r.lease_owner]);

  it('names this instance in every owner, each owner unique', () => {
    const [a, b] = [newLeaseOwner('worker'), newLeaseOwner('api')];
    expect(a.split(':')[1]).toBe(currentInstanceId());
    expect(b.split(':')[1]).toBe(currentInstanceId());
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
  });

  it('frees the leases of stopped and silent instances only', async () => {
    const [silent, stopped, alive] = [randomUUID(), randomUUID(), randomUUID()];
    await database.db.execute(sql`insert into instances (id, host, pid, heartbeat_at, stopped_at) values
      (${silent}, 'h', 1, now() - interval '1 minute', null),
      (${stopped}, 'h', 2, now(), now()),
      (${alive}, 'h', 3, now(), null)`);
    const unknown = randomUUID(); // an owner of no recorded instance (an older version): left to expire
    await database.db.execute(sql`insert into test_queue values
      (1, ${`worker:${silent}:1`}, now() + interval '2 minutes'),
      (2, ${`api:${stopped}:2`}, now() + interval '2 minutes'),
      (3, ${`worker:${alive}:3`}, now() + interval '2 minutes'),
      (4, ${`worker:${unknown}`}, now() + interval '2 minutes'),
      (5, null, null)`);

    expect(await releaseDeadInstanceLeases(database.db)).toBe(2);
    expect(await owners()).toEqual([
      [1, null],
      [2, null],
      [3, `worker:${alive}:3`],
      [4, `worker:${unknown}`],
      [5, null],
    ]);
    const left = await queryRows<{ id: string }>(database.db, sql`select id::text as id from instances`);
    expect(left.map((r) => r.id)).toEqual([alive]);
    expect(await releaseDeadInstanceLeases(database.db)).toBe(0);
  });

  it('after a stall of its own, an instance frees only stopped instances’ leases, not silent ones', async () => {
    const [silent, stopped] = [randomUUID(), randomUUID()];
    await database.db.execute(sql`insert into instances (id, host, pid, heartbeat_at, stopped_at) values
      (${silent}, 'h', 1, now() - interval '1 minute', null),
      (${stopped}, 'h', 2, now(), now())`);
    await database.db.execute(sql`insert into test_queue values
      (10, ${`worker:${silent}:a`}, now() + interval '2 minutes'),
      (11, ${`worker:${stopped}:b`}, now() + interval '2 minutes')`);
    // A freshly started registry has not been steady for the stale window yet.
    const registry = await startInstanceRegistry({ db: database.db, logger: pino({ level: 'silent' }) });
    try {
      const leased = (await owners()).filter(([id]) => id === 10 || id === 11);
      expect(leased).toEqual([
        [10, `worker:${silent}:a`],
        [11, null],
      ]);
      // Once judged by an instance that has been steady long enough, the silent one's go too.
      expect(await releaseDeadInstanceLeases(database.db)).toBe(1);
    } finally {
      await registry.stop();
    }
  });

  it('records itself, and on stop frees its own leases and leaves', async () => {
    const registry = await startInstanceRegistry({ db: database.db, logger: pino({ level: 'silent' }) });
    const mine = newLeaseOwner('worker');
    await database.db.execute(sql`insert into test_queue values (6, ${mine}, now() + interval '2 minutes')`);
    await registry.stop();
    expect((await owners()).find(([id]) => id === 6)).toEqual([6, null]);
    // Forgotten once its leases are freed: `instances` lists the instances running.
    const rows = await queryRows(database.db, sql`select 1 from instances where id = ${registry.id}`);
    expect(rows).toEqual([]);
  });
});
