import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/auth-schema.ts';
import type { Database } from '../db/database.ts';
import { roundTrips } from '../test-support/round-trips.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { createTradeIngestion } from './trade-ingestion.ts';

// The platform sends trade batches all day: what one costs the database is what ingestion costs.
describe.runIf(testDatabaseKind() === 'postgres')('database round trips of a trade batch', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('a batch naming users by id is two statements; one naming an email runs its locking transaction', async () => {
    const [a, b] = await database.db
      .insert(users)
      .values([
        { email: 'a@example.com', emailVerifiedAt: new Date(), externalId: 'platform-a' },
        { email: 'b@example.com', emailVerifiedAt: new Date() },
      ])
      .returning();
    const ingestion = createTradeIngestion({ db: database.db });
    const trade = (id: string, who: { userId?: string; email?: string }) => ({
      id,
      ...who,
      volumeUsd: '10',
      executedAt: '2026-10-01T00:00:00Z',
    });

    let byId: Awaited<ReturnType<typeof ingestion.ingest>> | undefined;
    // The users read, then the insert that also adds to each running volume.
    const idStatements = await roundTrips(async () => {
      byId = await ingestion.ingest([
        trade('t1', { userId: a!.id }),
        trade('t2', { userId: 'platform-a' }),
        trade('t3', { userId: b!.id }),
        trade('t4', { userId: 'nobody' }),
      ]);
    });
    expect(idStatements).toBe(2);
    expect(byId).toMatchObject({ inserted: 3, duplicates: 0 });
    expect(byId!.rejected.map((r) => [r.index, r.code])).toEqual([[3, 'USER__NOT_FOUND']]);

    let byEmail: Awaited<ReturnType<typeof ingestion.ingest>> | undefined;
    const emailStatements = await roundTrips(async () => {
      byEmail = await ingestion.ingest([
        trade('t5', { email: 'b@example.com' }),
        trade('t6', { userId: a!.id }),
      ]);
    });
    // BEGIN, the users read, the email lock, COMMIT, then the insert.
    expect(emailStatements).toBe(5);
    expect(byEmail).toMatchObject({ inserted: 2, duplicates: 0 });
  });
});
