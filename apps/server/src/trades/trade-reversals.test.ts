import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userNfts } from '../nft/nft-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { createTestWallet } from '../test-support/test-wallet.ts';
import { importTradesCsv } from './import-trades-csv.ts';
import { parseTradeMessage } from './kafka-trades-consumer.ts';
import { pendingTrades, tradeReversals, userVolumes } from './trades-schema.ts';

describe(`trade reversals through POST /api/trades (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminToken = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  const at = '2026-11-01T12:00:00Z';
  const post = (trades: object[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: { trades },
    });
  const trade = (id: string, userId: string, volumeUsd: string) => ({
    id,
    userId,
    volumeUsd,
    executedAt: at,
  });
  const volumeOf = async (userId: string) => {
    const [v] = await t.ctx.database.db.select().from(userVolumes).where(eq(userVolumes.userId, userId));
    return { total: v?.totalVolumeUsd, count: v?.tradeCount };
  };
  const reversalsOf = (userId: string) =>
    t.ctx.database.db.select().from(tradeReversals).where(eq(tradeReversals.userId, userId));

  it('takes a trade out of the volume exactly once: resent, under a second id, or concurrently', async () => {
    const u = await t.newUser();
    await post([trade('x-a', u.user.id, '100'), trade('x-b', u.user.id, '50.5')]);

    const first = await post([{ id: 'rev-a', reverses: 'x-a', executedAt: '2026-11-03T00:00:00Z' }]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ inserted: 0, duplicates: 0, pending: 0, reversed: 1, rejected: [] });
    expect(await volumeOf(u.user.id)).toEqual({ total: '50.50000000', count: 1 });

    expect((await post([{ id: 'rev-a', reverses: 'x-a' }])).json()).toMatchObject({
      reversed: 0,
      duplicates: 1,
    });
    expect((await post([{ id: 'rev-a-2', reverses: 'x-a' }])).json()).toMatchObject({
      reversed: 0,
      duplicates: 1,
    });
    // The original trade resent is a duplicate too: it does not come back.
    expect((await post([trade('x-a', u.user.id, '100')])).json()).toMatchObject({
      inserted: 0,
      duplicates: 1,
    });
    expect(await volumeOf(u.user.id)).toEqual({ total: '50.50000000', count: 1 });

    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post([{ id: `rev-b-${i}`, reverses: 'x-b' }])),
    );
    expect(racing.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(racing.reduce((n, r) => n + (r.json().reversed as number), 0)).toBe(1);
    expect(racing.reduce((n, r) => n + (r.json().duplicates as number), 0)).toBe(5);
    expect(await volumeOf(u.user.id)).toEqual({ total: '0.00000000', count: 0 });
    const stored = await reversalsOf(u.user.id);
    expect(stored.map((r) => r.volumeUsd).sort()).toEqual(['100.00000000', '50.50000000']);
    expect(stored.find((r) => r.externalId === 'rev-a')?.reversedAt.toISOString()).toBe(
      '2026-11-03T00:00:00.000Z',
    );
  });

  it('nets a trade and its reversal in one batch, and ends right when they race in two requests', async () => {
    const u = await t.newUser();
    const res = await post([
      trade('same-batch', u.user.id, '70'),
      { id: 'rev-same', reverses: 'same-batch' },
    ]);
    expect(res.json()).toMatchObject({ inserted: 1, reversed: 1, duplicates: 0, rejected: [] });
    expect((await volumeOf(u.user.id)).total).toBe('0.00000000');

    let expected = 0;
    for (let i = 0; i < 8; i++) {
      const [, rev] = await Promise.all([
        post([trade(`race-${i}`, u.user.id, '10')]),
        post([{ id: `rev-race-${i}`, reverses: `race-${i}` }]),
      ]);
      const body = rev.json();
      // Either the reversal saw the trade (and took it out) or it was told the trade is unknown.
      if (body.reversed === 1) expect(body.rejected).toEqual([]);
      else {
        expect(body.rejected.map((r: { code: string }) => r.code)).toEqual(['TRADE__NOT_FOUND']);
        expected += 10;
      }
    }
    expect(Number((await volumeOf(u.user.id)).total)).toBe(expected);
  });

  it('rejects a reversal of an unknown trade or of another volume, row by row, changing nothing for it', async () => {
    const u = await t.newUser();
    await post([trade('v-1', u.user.id, '100')]);
    const res = await post([
      trade('v-2', u.user.id, '5'),
      { id: 'rev-unknown', reverses: 'no-such-trade' },
      { id: 'rev-partial', reverses: 'v-1', volumeUsd: '40' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 1, reversed: 0 });
    expect(
      res.json().rejected.map((r: { index: number; id: string; code: string }) => [r.index, r.id, r.code]),
    ).toEqual([
      [1, 'rev-unknown', 'TRADE__NOT_FOUND'],
      [2, 'rev-partial', 'TRADE__REVERSAL_VOLUME_MISMATCH'],
    ]);
    expect(await volumeOf(u.user.id)).toEqual({ total: '105.00000000', count: 2 });
    expect(await reversalsOf(u.user.id)).toEqual([]);

    // The same amount written another way is the same volume.
    expect((await post([{ id: 'rev-full', reverses: 'v-1', volumeUsd: '100.00' }])).json()).toMatchObject({
      reversed: 1,
      rejected: [],
    });
    expect((await volumeOf(u.user.id)).total).toBe('5.00000000');
  });

  it.each([
    ['an empty reverses', { id: 'r', reverses: '' }],
    ['a blank reverses', { id: 'r', reverses: '   ' }],
    ['a float volume', { id: 'r', reverses: 'v', volumeUsd: 10 }],
    ['a bad date', { id: 'r', reverses: 'v', executedAt: 'yesterday' }],
    ['no id', { reverses: 'v' }],
  ])('refuses a reversal with %s with 400 and records nothing', async (_name, row) => {
    const u = await t.newUser();
    const res = await post([trade(`ok-${Math.random()}`, u.user.id, '1'), row]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    expect(await volumeOf(u.user.id)).toEqual({ total: undefined, count: undefined });
  });

  it('withdraws a trade still held for an unverified email: it never counts', async () => {
    const u = await t.newUser();
    expect(
      (await post([{ id: 'held-1', email: u.user.email, volumeUsd: '300', executedAt: at }])).json(),
    ).toMatchObject({
      pending: 1,
    });
    expect(
      (await post([{ id: 'rev-held', reverses: 'held-1', volumeUsd: '301' }])).json().rejected[0].code,
    ).toBe('TRADE__REVERSAL_VOLUME_MISMATCH');
    expect((await post([{ id: 'rev-held', reverses: 'held-1' }])).json()).toMatchObject({
      reversed: 1,
      rejected: [],
    });
    expect(
      await t.ctx.database.db.select().from(pendingTrades).where(eq(pendingTrades.externalId, 'held-1')),
    ).toEqual([]);
    // The platform retries: the same reversal, a second reversal id, then the original trade.
    expect((await post([{ id: 'rev-held', reverses: 'held-1' }])).json()).toMatchObject({
      reversed: 0,
      duplicates: 1,
      rejected: [],
    });
    expect((await post([{ id: 'rev-held-2', reverses: 'held-1' }])).json()).toMatchObject({
      reversed: 0,
      duplicates: 1,
    });
    expect(
      (await post([{ id: 'held-1', email: u.user.email, volumeUsd: '300', executedAt: at }])).json(),
    ).toMatchObject({ inserted: 0, pending: 0, duplicates: 1 });
    await t.verifyEmail(u);
    expect((await volumeOf(u.user.id)).total ?? '0').toBe('0');
    // Once the person is verified, the reversed trade sent again by user id still counts nothing.
    expect(
      (await post([{ id: 'held-1', userId: u.user.id, volumeUsd: '300', executedAt: at }])).json(),
    ).toMatchObject({ inserted: 0, duplicates: 1 });
    expect((await volumeOf(u.user.id)).total ?? '0').toBe('0');
  });

  it('refuses a reversal id reused for another trade, recorded or held, changing nothing', async () => {
    const u = await t.newUser();
    await post([trade('re-a', u.user.id, '100'), trade('re-b', u.user.id, '300')]);
    expect((await post([{ id: 're-rev', reverses: 're-a' }])).json()).toMatchObject({ reversed: 1 });
    const reused = (await post([{ id: 're-rev', reverses: 're-b' }])).json();
    expect(reused).toMatchObject({ reversed: 0, duplicates: 0 });
    expect(reused.rejected[0].code).toBe('TRADE__REVERSAL_ID_REUSED');
    expect(Number((await volumeOf(u.user.id)).total)).toBe(300);

    const held = await t.newUser();
    await post([{ id: 're-held', email: held.user.email, volumeUsd: '50', executedAt: at }]);
    const onHeld = (await post([{ id: 're-rev', reverses: 're-held' }])).json();
    expect(onHeld.rejected[0].code).toBe('TRADE__REVERSAL_ID_REUSED');
    // Still held: it counts once the person confirms their email.
    expect(
      await t.ctx.database.db.select().from(pendingTrades).where(eq(pendingTrades.externalId, 're-held')),
    ).toHaveLength(1);
    await t.verifyEmail(held);
    expect(Number((await volumeOf(held.user.id)).total)).toBe(50);
  });

  it('refreshes the cached NFT status and lists a holder whose volume fell below their level', async () => {
    const u = await t.newUser();
    const status = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/nft/status',
          headers: { authorization: `Bearer ${u.token}` },
        })
      ).json();
    await post([trade('lvl-a', u.user.id, '60000'), trade('lvl-b', u.user.id, '60000')]);
    expect((await status()).volumeUsd).toBe('120000');
    // Level 1 (Bronze) needs $100K; the holder keeps it whatever happens to the volume.
    await t.ctx.database.db.insert(userNfts).values({
      userId: u.user.id,
      level: 1,
      mintAddress: createTestWallet().address,
      ownerWallet: createTestWallet().address,
    });
    const belowLevel = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/users/below-level?limit=200',
          headers: { authorization: `Bearer ${adminToken}` },
        })
      ).json();
    expect(
      (await belowLevel()).items.find((i: { userId: string }) => i.userId === u.user.id),
    ).toBeUndefined();

    await post([{ id: 'rev-lvl-b', reverses: 'lvl-b' }]);
    expect((await status()).volumeUsd).toBe('60000');
    const listed = await belowLevel();
    expect(listed.items.find((i: { userId: string }) => i.userId === u.user.id)).toEqual({
      userId: u.user.id,
      email: u.user.email,
      level: 1,
      levelName: 'Bronze',
      mintAddress: expect.any(String),
      levelMinVolumeUsd: '100000',
      volumeUsd: '60000',
      shortfallUsd: '40000',
    });
    expect(listed.total).toBeGreaterThanOrEqual(1);
    const [nft] = await t.ctx.database.db.select().from(userNfts).where(eq(userNfts.userId, u.user.id));
    expect(nft?.status).toBe('active');
  });

  it('is for admins only, and checks its paging', async () => {
    const u = await t.newUser();
    const get = (url: string, token: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await get('/api/admin/users/below-level', u.token)).statusCode).toBe(403);
    for (const q of ['limit=0', 'limit=201', 'offset=-1', 'limit=x'])
      expect((await get(`/api/admin/users/below-level?${q}`, adminToken)).json().error.code).toBe(
        'VALIDATION__INVALID_QUERY',
      );
  });

  it('takes reversals from a CSV `reverses` column and from Kafka messages', async () => {
    const u = await t.newUser();
    const csv = [
      'id,userId,email,volumeUsd,executedAt,reverses',
      `c-1,${u.user.id},,25,${at},`,
      `c-2,${u.user.id},,75,${at},`,
      `c-rev,,,,,c-1`,
      `c-rev-bad,,,80,,c-2`,
      `c-rev-missing,,,,,nope`,
    ].join('\n');
    const progress = await importTradesCsv(Readable.from([csv]), t.ctx.trades);
    expect(progress).toMatchObject({ rows: 5, inserted: 2, reversed: 1 });
    expect(progress.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, 'TRADE__REVERSAL_VOLUME_MISMATCH'],
      [6, 'TRADE__NOT_FOUND'],
    ]);
    expect((await volumeOf(u.user.id)).total).toBe('75.00000000');

    expect(parseTradeMessage(Buffer.from(JSON.stringify({ id: 'k-rev', reverses: 'c-2' })))).toEqual({
      trades: [{ id: 'k-rev', reverses: 'c-2' }],
    });
    expect(parseTradeMessage(Buffer.from(JSON.stringify({ id: 'k-rev', reverses: '' })))).toHaveProperty(
      'error',
    );
  });
});
