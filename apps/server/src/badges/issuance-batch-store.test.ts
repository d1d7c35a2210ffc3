import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { callerFor, createBadge, insertUsers } from './badge-test-fixtures.ts';
import { insertIssuances, type NewIssuance } from './issuance-batch-store.ts';
import { badgeIssuances } from './badges-schema.ts';

describe(`inserting a batch's issuances (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('returns what it inserted, and skips a person a concurrent batch already gave the badge', async () => {
    const auth = await t.newAdmin();
    const adminId = auth.user.id;
    const admin = callerFor(t, auth.token);
    const badge = await createBadge(admin, { type: 'database' });
    const [ann, bob, cy] = await insertUsers(t, 3, 1);
    const row = (userId: string, walletAddress: string | null): NewIssuance => ({
      badgeId: badge.id,
      userId,
      issuedBy: adminId,
      batchId: null,
      destination: walletAddress ? 'wallet' : 'vault',
      walletAddress: walletAddress as NewIssuance['walletAddress'],
      recipientHash: `hash-${userId}`,
    });
    const { db } = t.ctx.database;

    const first = await db.transaction((tx) =>
      insertIssuances(tx, [row(ann!.id, ann!.wallet!.address), row(bob!.id, null)]),
    );
    expect(first).toHaveLength(2);
    expect(
      first.map(({ userId, badgeId, walletAddress, destination }) => ({
        userId,
        badgeId,
        walletAddress,
        destination,
      })),
    ).toEqual(
      expect.arrayContaining([
        { userId: ann!.id, badgeId: badge.id, walletAddress: ann!.wallet!.address, destination: 'wallet' },
        { userId: bob!.id, badgeId: badge.id, walletAddress: null, destination: 'vault' },
      ]),
    );

    // Bob holds it already: only Cy's is new, and only Cy's comes back.
    const second = await db.transaction((tx) => insertIssuances(tx, [row(bob!.id, null), row(cy!.id, null)]));
    expect(second.map((r) => r.userId)).toEqual([cy!.id]);

    const stored = await db.select().from(badgeIssuances).where(eq(badgeIssuances.badgeId, badge.id));
    expect(stored).toHaveLength(3);
    for (const inserted of [...first, ...second]) {
      const found = stored.find((s) => s.id === inserted.id);
      expect(found).toMatchObject({
        userId: inserted.userId,
        status: 'pending',
        attempts: 0,
        issuedBy: adminId,
        recipientHash: `hash-${inserted.userId}`,
      });
      expect(found?.statusListIndex).toBeTypeOf('number');
    }
    expect(await db.transaction((tx) => insertIssuances(tx, []))).toEqual([]);
  });
});
