import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../auth/auth-schema.ts';
import { queryRows } from '../db/query-rows.ts';
import { writeOutboxEvent } from '../events/outbox-store.ts';
import { nftLevels } from '../nft/nft-schema.ts';
import { createTestDatabase, testDatabaseKind } from './test-database.ts';

const outboxSeqs = async (database: Awaited<ReturnType<typeof createTestDatabase>>) =>
  (await queryRows<{ seq: string }>(database.db, sql`select seq::text from outbox order by seq`)).map(
    (r) => r.seq,
  );

// The first database of a cold cache builds the migrated snapshot: seconds on a busy machine.
describe(`test databases (${testDatabaseKind()})`, { timeout: 120_000 }, () => {
  it('gives each caller a database of its own, even while another is open', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      await a.db.insert(users).values({ email: 'only-in-a@example.com' });
      expect(await b.db.select().from(users)).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('after a close, the next caller finds only what the migrations left: rows, levels and sequences', async () => {
    const first = await createTestDatabase();
    await first.db.insert(users).values({ email: 'left-behind@example.com' });
    await first.db.delete(nftLevels);
    await first.db.transaction(async (tx) => {
      await writeOutboxEvent(tx, { topic: 't', type: 'e', payload: {} });
      await writeOutboxEvent(tx, { topic: 't', type: 'e', payload: {} });
    });
    expect(await outboxSeqs(first)).toEqual(['1', '2']);
    await first.close();

    const next = await createTestDatabase();
    try {
      expect(await next.db.select().from(users)).toEqual([]);
      expect((await next.db.select().from(nftLevels).orderBy(nftLevels.level)).map((l) => l.name)).toEqual([
        'Bronze',
        'Silver',
        'Gold',
        'Platinum',
        'Diamond',
      ]);
      await writeOutboxEvent(next.db, { topic: 't', type: 'e', payload: {} });
      expect(await outboxSeqs(next)).toEqual(['1']);
    } finally {
      await next.close();
    }
  });

  it('never hands on a table a test created, and refuses queries after close', async () => {
    const first = await createTestDatabase();
    await first.db.execute(sql`create table scratch_rows (id int primary key)`);
    await first.close();
    await expect(first.db.select().from(users)).rejects.toThrow();

    const next = await createTestDatabase();
    try {
      const tables = await queryRows<{ n: number }>(
        next.db,
        sql`select count(*)::int as n from information_schema.tables where table_name = 'scratch_rows'`,
      );
      expect(tables[0]!.n).toBe(0);
    } finally {
      await next.close();
    }
  });
});
