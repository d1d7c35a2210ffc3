import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/auth-schema.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { importTradesCsv } from './import-trades-csv.ts';
import { createTradeIngestion } from './trade-ingestion.ts';
import { userVolumes } from './trades-schema.ts';

describe(`CSV trade import (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('imports history in batches, reports bad rows by line, and is safe to re-run', async () => {
    // Verified: trades keyed by her email count for her (unverified ones wait; see trades-routes.test).
    const [alice] = await database.db
      .insert(users)
      .values({ email: 'alice@example.com', emailVerifiedAt: new Date() })
      .returning();
    const lines = ['id,userId,email,volumeUsd,executedAt'];
    for (let i = 0; i < 2_500; i++) lines.push(`t${i},${alice!.id},,40.00,2026-10-01T00:00:00Z`);
    lines.push('bad-1,,alice@example.com,12.5e3,2026-10-01T00:00:00Z');
    lines.push('bad-2,,nobody@example.com,10,2026-10-01T00:00:00Z');
    lines.push('email-1,,ALICE@example.com,0.5,2026-10-01T00:00:00Z');
    const csv = lines.join('\n');
    const ingestion = createTradeIngestion({ db: database.db });
    const seen: number[] = [];

    const first = await importTradesCsv(Readable.from([csv]), ingestion, {
      batchSize: 1_000,
      onProgress: (p) => seen.push(p.rows),
    });
    expect(first).toMatchObject({ rows: 2_503, inserted: 2_501, duplicates: 0 });
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([
      [2_502, 'VALIDATION__INVALID_ROW'],
      [2_503, 'USER__NOT_FOUND'],
    ]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const [v] = await database.db.select().from(userVolumes).where(eq(userVolumes.userId, alice!.id));
    expect(v!.totalVolumeUsd).toBe('100000.50000000');

    const again = await importTradesCsv(Readable.from([csv]), ingestion);
    expect(again).toMatchObject({ inserted: 0, duplicates: 2_501 });
    const [unchanged] = await database.db.select().from(userVolumes).where(eq(userVolumes.userId, alice!.id));
    expect(unchanged!.totalVolumeUsd).toBe('100000.50000000');
  });
});
