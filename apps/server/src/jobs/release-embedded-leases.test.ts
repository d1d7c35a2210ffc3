import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { leasedTables } from './lease-queries.ts';
import { releaseEmbeddedLeases } from './release-embedded-leases.ts';

describe('releasing the leases a dead embedded process left behind', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('finds every work queue, including one added later, by its lease columns', async () => {
    const tables = await leasedTables(database.db);
    expect(tables).toEqual(
      expect.arrayContaining([
        'nft_requests',
        'badges',
        'badge_issuances',
        'badge_issuance_transactions',
        'claim_intents',
      ]),
    );
  });

  it('frees leased rows, leaves the rest alone, and counts what it freed', async () => {
    await database.db.execute(
      sql`create table later_queue (id int primary key, lease_owner text, lease_expires_at timestamptz)`,
    );
    await database.db.execute(sql`insert into later_queue values
      (1, 'worker-a', now() + interval '2 minutes'),
      (2, 'worker-b', now() + interval '2 minutes'),
      (3, null, null)`);

    expect(await releaseEmbeddedLeases(database.db)).toBe(2);
    const rows = await queryRows<{ id: number; lease_owner: string | null; lease_expires_at: Date | null }>(
      database.db,
      sql`select id, lease_owner, lease_expires_at from later_queue order by id`,
    );
    expect(rows.map((r) => [r.id, r.lease_owner, r.lease_expires_at])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
    ]);
    expect(await releaseEmbeddedLeases(database.db)).toBe(0);
  });
});
