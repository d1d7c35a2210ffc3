import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseBadge, issueDatabaseBadge } from '../claims/test-claim-fixtures.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { newChainUser } from '../test-support/test-chain-user.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import { badgeNotifications } from './badges-schema.ts';

describe(`badge notifications (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists unread first, and records each acknowledgement once', async () => {
    const u = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    const issued = [];
    for (const name of ['First', 'Second', 'Third'])
      issued.push(await issueDatabaseBadge(t, await createDatabaseBadge(t, name), u.user.id));
    const list = async () => (await u.call('GET', '/api/badges/notifications')).json();

    const initial = await list();
    expect(initial).toMatchObject({ unread: 3, total: 3 });
    expect(initial.items.every((n: { isRead: boolean }) => !n.isRead)).toBe(true);
    const second = initial.items.find((n: { badge: { name: string } }) => n.badge.name === 'Second');
    expect(second).toMatchObject({
      issuanceId: issued[1]!.id,
      status: 'issued',
      badge: { type: 'database' },
      readAt: null,
    });

    const read = await u.call('POST', '/api/badges/notifications/read', { ids: [second.id] });
    expect(read.json()).toEqual({ updated: 1, unread: 2 });
    // Reading it again changes nothing.
    expect((await u.call('POST', '/api/badges/notifications/read', { ids: [second.id] })).json()).toEqual({
      updated: 0,
      unread: 2,
    });
    const afterOne = await list();
    expect(afterOne.items.map((n: { isRead: boolean }) => n.isRead)).toEqual([false, false, true]);
    expect(afterOne.items[2]).toMatchObject({ id: second.id, isRead: true });
    expect(afterOne.items[2].readAt).not.toBeNull();

    // Someone else's notifications are not theirs to acknowledge.
    const other = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    const theirs = await issueDatabaseBadge(t, await createDatabaseBadge(t), other.user.id);
    const [theirNotification] = await t.ctx.database.db
      .select()
      .from(badgeNotifications)
      .where(eq(badgeNotifications.issuanceId, theirs.id));
    expect(
      (await u.call('POST', '/api/badges/notifications/read', { ids: [theirNotification!.id] })).json()
        .updated,
    ).toBe(0);
    expect((await other.call('GET', '/api/badges/notifications')).json().unread).toBe(1);

    expect((await u.call('POST', '/api/badges/notifications/read', { all: true })).json()).toEqual({
      updated: 2,
      unread: 0,
    });
    const logs = await t.ctx.database.db
      .select()
      .from(badgeLogs)
      .where(and(eq(badgeLogs.userId, u.user.id), eq(badgeLogs.actionType, 'notification.read')));
    expect(logs).toHaveLength(3);

    const paged = (await u.call('GET', '/api/badges/notifications?limit=2&offset=2')).json();
    expect(paged).toMatchObject({ total: 3, unread: 0 });
    expect(paged.items).toHaveLength(1);
  });

  it('answers bad input with 400 and needs a login', async () => {
    const u = await newChainUser(t, { linkWallet: false, fundSol: 0n });
    for (const payload of [
      {},
      { ids: [] },
      { ids: ['nope'] },
      { all: false },
      { all: true, ids: [crypto.randomUUID()] },
    ]) {
      const res = await u.call('POST', '/api/badges/notifications/read', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    }
    expect((await u.call('GET', '/api/badges/notifications?limit=1000')).json().error.code).toBe(
      'VALIDATION__INVALID_QUERY',
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/badges/notifications' })).statusCode).toBe(401);
  });
});
