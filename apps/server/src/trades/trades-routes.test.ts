import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/auth-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { trades, userVolumes } from './trades-schema.ts';

describe(`POST /api/trades (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    key = t.ctx.config.ingestApiKey;
  });
  afterAll(async () => t.close());

  const post = (body: unknown, apiKey = key) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': apiKey },
      payload: body as object,
    });
  const volumeOf = async (userId: string) =>
    (await t.ctx.database.db.select().from(userVolumes).where(eq(userVolumes.userId, userId)))[0];
  const at = '2026-11-01T12:00:00Z';

  it('adds trades to the user volume exactly, by id or (verified) email', async () => {
    const u = await t.newUser({ verified: true });
    const res = await post({
      trades: [
        { id: 't-1', userId: u.user.id, volumeUsd: '60000.10', executedAt: at },
        {
          id: 't-2',
          email: u.user.email.toUpperCase(),
          volumeUsd: '39999.90',
          executedAt: '2026-11-02T00:00:00+02:00',
        },
        { id: 't-3', userId: u.user.id, volumeUsd: '0.00000001', executedAt: at },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 3, duplicates: 0, pending: 0, reversed: 0, rejected: [] });
    const v = await volumeOf(u.user.id);
    expect(v).toMatchObject({ totalVolumeUsd: '100000.00000001', tradeCount: 3 });
  });

  it('is idempotent by trade id: a resent batch counts nothing twice', async () => {
    const u = await t.newUser();
    const batch = {
      trades: [
        { id: 'same-1', userId: u.user.id, volumeUsd: '500', executedAt: at },
        { id: 'same-1', userId: u.user.id, volumeUsd: '500', executedAt: at },
      ],
    };
    expect((await post(batch)).json()).toMatchObject({ inserted: 1, duplicates: 1 });
    expect((await post(batch)).json()).toMatchObject({ inserted: 0, duplicates: 2 });
    expect((await volumeOf(u.user.id))?.totalVolumeUsd).toBe('500.00000000');
  });

  it('matches the platform user id stored as external id', async () => {
    const u = await t.newUser();
    await t.ctx.database.db.update(users).set({ externalId: 'EXCH-77' }).where(eq(users.id, u.user.id));
    const res = await post({ trades: [{ id: 'ext-t', userId: 'EXCH-77', volumeUsd: '42', executedAt: at }] });
    expect(res.json().inserted).toBe(1);
    expect(
      (await post({ trades: [{ id: 'ext-t2', userId: 'exch-77', volumeUsd: '1', executedAt: at }] })).json()
        .rejected,
    ).toHaveLength(1);
  });

  it('rejects unknown users row by row and records the rest', async () => {
    const u = await t.newUser();
    const res = await post({
      trades: [
        { id: 'ok-1', userId: u.user.id, volumeUsd: '10', executedAt: at },
        { id: 'bad-1', email: 'nobody@example.com', volumeUsd: '10', executedAt: at },
        { id: 'bad-2', userId: '3f1c2d4e-0000-4000-8000-000000000000', volumeUsd: '10', executedAt: at },
      ],
    });
    expect(res.json().inserted).toBe(1);
    expect(res.json().rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'USER__NOT_FOUND'],
      [2, 'USER__NOT_FOUND'],
    ]);
  });

  it('refuses a missing or wrong API key before doing anything', async () => {
    const u = await t.newUser();
    const body = { trades: [{ id: 'nokey', userId: u.user.id, volumeUsd: '10', executedAt: at }] };
    expect((await post(body, 'wrong-key')).json().error.code).toBe('AUTH__INVALID_API_KEY');
    expect((await t.app.inject({ method: 'POST', url: '/api/trades', payload: body })).statusCode).toBe(401);
    expect(await t.ctx.database.db.select().from(trades).where(eq(trades.externalId, 'nokey'))).toHaveLength(
      0,
    );
  });

  it.each([
    ['float volume', { trades: [{ id: 'f', userId: 'x', volumeUsd: 10.5, executedAt: at }] }],
    ['negative volume', { trades: [{ id: 'n', userId: 'x', volumeUsd: '-5', executedAt: at }] }],
    ['exponent volume', { trades: [{ id: 'e', userId: 'x', volumeUsd: '1e9', executedAt: at }] }],
    ['too many decimals', { trades: [{ id: 'd', userId: 'x', volumeUsd: '1.123456789', executedAt: at }] }],
    ['bad date', { trades: [{ id: 'b', userId: 'x', volumeUsd: '1', executedAt: 'yesterday' }] }],
    ['no user', { trades: [{ id: 'u', volumeUsd: '1', executedAt: at }] }],
    ['empty batch', { trades: [] }],
    [
      'over 10,000 trades',
      {
        trades: Array.from({ length: 10_001 }, (_, i) => ({
          id: `o${i}`,
          userId: 'x',
          volumeUsd: '1',
          executedAt: at,
        })),
      },
    ],
  ])('refuses %s with 400 and records nothing', async (_name, body) => {
    const before = (await t.ctx.database.db.select().from(trades)).length;
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    expect((await t.ctx.database.db.select().from(trades)).length).toBe(before);
  });

  it('accepts a full batch of 10,000 trades', async () => {
    const u = await t.newUser();
    const body = {
      trades: Array.from({ length: 10_000 }, (_, i) => ({
        id: `big-${i}`,
        userId: u.user.id,
        volumeUsd: '10.01',
        executedAt: at,
      })),
    };
    const res = await post(body);
    expect(res.json()).toMatchObject({ inserted: 10_000, duplicates: 0 });
    expect((await volumeOf(u.user.id))?.totalVolumeUsd).toBe('100100.00000000');
  });
});
