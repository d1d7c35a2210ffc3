import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nftStatusSchema } from '@insignia/contract';
import { badges } from '../badges/badges-schema.ts';
import { userCacheKeys } from '../cache/cache-keys.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';

describe(`NFT status and levels (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const status = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/nft/status', headers: auth(token) })).json();
  const trade = (userId: string, id: string, volumeUsd: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: { trades: [{ id, userId, volumeUsd, executedAt: '2026-11-01T00:00:00Z' }] },
    });
  const linkWallet = async (token: string) => {
    const wallet = createTestWallet();
    const c = (
      await t.app.inject({
        method: 'GET',
        url: `/api/auth/siws/challenge?address=${wallet.address}`,
        headers: auth(token),
      })
    ).json();
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/wallet',
      headers: auth(token),
      payload: { address: wallet.address, message: c.message, signature: wallet.signMessage(c.message) },
    });
  };

  it('follows a user from no volume to able to unlock, with the cache invalidated at each step', async () => {
    const u = await t.newUser();
    const s0 = await status(u.token);
    expect(s0).toMatchObject({
      volumeUsd: '0',
      canUnlock: false,
      reason: 'NFT__INSUFFICIENT_VOLUME',
      nextLevel: { level: 1, missingVolumeUsd: '100000' },
    });
    expect(s0.levels).toHaveLength(5);

    await trade(u.user.id, 's-1', '100000');
    expect(await status(u.token)).toMatchObject({
      volumeUsd: '100000',
      canUnlock: false,
      reason: 'NFT__WALLET_NOT_LINKED',
    });

    await linkWallet(u.token);
    expect(await status(u.token)).toMatchObject({
      canUnlock: true,
      reason: null,
      nextLevel: { level: 1, name: 'Bronze' },
    });
  });

  it('answers what the response schema renders, the same from a warm cache as from the database', async () => {
    const u = await t.newUser();
    await trade(u.user.id, 'js-1', '150000.5');
    const read = () => t.app.inject({ method: 'GET', url: '/api/nft/status', headers: auth(u.token) });
    const expected = JSON.stringify(z.encode(nftStatusSchema, await t.ctx.nftStatus.load(u.user.id)));
    for (const res of [await read(), await read()]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toBe(expected);
    }
    // A new trade is seen by the very next read, not a remembered answer.
    await trade(u.user.id, 'js-2', '1');
    expect((await read()).json()).toMatchObject({ volumeUsd: '150001.5' });
  });

  it('a bulk rebuild refills the cache from the database', async () => {
    const u = await t.newUser();
    await trade(u.user.id, 'rb-1', '123');
    await t.ctx.cache.invalidate([userCacheKeys.nftStatus(u.user.id)]);
    await t.ctx.nftStatus.rebuild([u.user.id]);
    let loads = 0;
    const cached = await t.ctx.cache.getOrLoad(userCacheKeys.nftStatus(u.user.id), 60, () =>
      Promise.resolve(++loads),
    );
    expect(loads).toBe(0);
    expect(cached).toMatchObject({ volumeUsd: '123.00000000' });
  });

  it('needs a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/nft/status' })).statusCode).toBe(401);
  });

  it('lets an admin edit a level, and the change shows in every status at once', async () => {
    const u = await t.newUser();
    await trade(u.user.id, 'lv-1', '150000');
    await linkWallet(u.token);
    expect((await status(u.token)).canUnlock).toBe(true);

    const [badge] = await t.ctx.database.db
      .insert(badges)
      .values({ name: 'Verified trader', badgeType: 'database' })
      .returning();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/1',
      headers: auth(adminToken),
      payload: {
        name: 'Bronze',
        minVolumeUsd: '200000',
        benefits: ['Fee discount'],
        requiredBadgeIds: [badge!.id],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      level: 1,
      minVolumeUsd: '200000',
      requiredBadges: [{ id: badge!.id, name: 'Verified trader' }],
    });
    expect(await status(u.token)).toMatchObject({
      canUnlock: false,
      reason: 'NFT__INSUFFICIENT_VOLUME',
      nextLevel: { missingVolumeUsd: '50000', missingBadges: [{ name: 'Verified trader' }] },
    });

    await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/1',
      headers: auth(adminToken),
      payload: { name: 'Bronze', minVolumeUsd: '100000', benefits: [], requiredBadgeIds: [] },
    });
  });

  it('refuses levels out of order, unknown badges, and plain users', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/2',
      headers: auth(adminToken),
      payload: { name: 'Silver', minVolumeUsd: '50000', benefits: [] },
    });
    expect(bad.json().error.code).toBe('NFT__LEVEL_ORDER');
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/2',
      headers: auth(adminToken),
      payload: {
        name: 'Silver',
        minVolumeUsd: '500000',
        benefits: [],
        requiredBadgeIds: ['7d2f3b9c-1111-4222-8333-944455566677'],
      },
    });
    expect(unknown.json().error.code).toBe('BADGE__NOT_FOUND');
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/9',
      headers: auth(adminToken),
      payload: { name: 'X', minVolumeUsd: '1', benefits: [] },
    });
    expect(missing.statusCode).toBe(404);
    const user = await t.newUser();
    const forbidden = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/levels/2',
      headers: auth(user.token),
      payload: { name: 'Silver', minVolumeUsd: '500000', benefits: [] },
    });
    expect(forbidden.statusCode).toBe(403);
    const levels = (await t.app.inject({ method: 'GET', url: '/api/nft/levels' })).json().levels;
    expect(levels[1]).toMatchObject({ level: 2, name: 'Silver', minVolumeUsd: '500000' });
  });

  it('adds a sixth level and removes it again', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/levels',
      headers: auth(adminToken),
      payload: { name: 'Obsidian', minVolumeUsd: '100000000', benefits: ['Everything'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().level).toBe(6);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/admin/levels/5', headers: auth(adminToken) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/admin/levels/6', headers: auth(adminToken) }))
        .statusCode,
    ).toBe(204);
  });
});
