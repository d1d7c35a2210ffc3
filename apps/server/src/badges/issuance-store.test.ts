import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundTrips } from '../test-support/round-trips.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { callerFor, createBadge, insertUsers } from './badge-test-fixtures.ts';
import { insertIssuances } from './issuance-batch-store.ts';
import { applyIssuanceEvent } from './issuance-store.ts';
import { validUntilSql } from './issuance-validity-queries.ts';
import { badgeIssuances, badges } from './badges-schema.ts';

const DAY_MS = 86_400_000;

describe(`writing a pass's issuance events (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('groups rows by equal values, SQL ones included, and keeps "leave as is" apart from "clear"', async () => {
    const auth = await t.newAdmin();
    const badge = await createBadge(callerFor(t, auth.token), { type: 'database' });
    const { db } = t.ctx.database;
    await db.update(badges).set({ validityDays: 30 }).where(eq(badges.id, badge.id));
    const people = await insertUsers(t, 4, 0);
    await db.transaction((tx) =>
      insertIssuances(
        tx,
        people.map((p) => ({
          badgeId: badge.id,
          userId: p.id,
          issuedBy: auth.user.id,
          batchId: null,
          destination: 'none' as const,
          walletAddress: null,
          recipientHash: `hash-${p.id}`,
        })),
      ),
    );
    await db
      .update(badgeIssuances)
      .set({ leaseOwner: 'worker-1' })
      .where(eq(badgeIssuances.badgeId, badge.id));
    const rows = await db.select().from(badgeIssuances).where(eq(badgeIssuances.badgeId, badge.id));
    const [keepsLease] = rows;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);

    const statements = await roundTrips(() =>
      db.transaction((tx) =>
        applyIssuanceEvent(tx, rows, { type: 'uploaded' }, (row) => ({
          metadataUri: `ipfs://payload-${row.id}`,
          issuedAt: at,
          // A new but equal SQL value per row: still one group.
          validUntil: validUntilSql(at),
          // Undefined leaves the column as it is; null clears it. The first row comes first,
          // so a grouping that took one for the other would write its choice for all.
          leaseOwner: row === keepsLease ? undefined : null,
        })),
      ),
    );

    const after = await db.select().from(badgeIssuances).where(eq(badgeIssuances.badgeId, badge.id));
    expect(after).toHaveLength(4);
    for (const row of after) {
      expect(row.status).toBe('issued');
      expect(row.metadataUri).toBe(`ipfs://payload-${row.id}`);
      expect(row.issuedAt?.getTime()).toBe(at.getTime());
      expect(row.validUntil?.getTime()).toBe(at.getTime() + 30 * DAY_MS);
      expect(row.leaseOwner).toBe(row.id === keepsLease!.id ? 'worker-1' : null);
    }
    // Two groups (the lease kept, the lease cleared), one UPDATE each, in one transaction.
    if (testDatabaseKind() === 'postgres') expect(statements).toBe(2 + 2);
  });
});
