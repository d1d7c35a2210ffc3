import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@insignia/contract';
import type { Database } from '../apps/server/src/db/database.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { addVolume } from '../apps/server/src/test-support/test-chain-user.ts';
import { createTestDatabase, testDatabaseKind } from '../apps/server/src/test-support/test-database.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';
import { startPersistentRedis, type PersistentRedis } from './helpers/persistent-redis.ts';

const SUITE = 'dependency faults (cache after Redis comes back with old data)';
afterAll(() => printCaseCounts(SUITE));

const waitFor = async (check: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe(`status cache after Redis returns from its append-only file (${testDatabaseKind()})`, () => {
  let redis: PersistentRedis;
  let database: Database;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startPersistentRedis();
    database = await createTestDatabase();
    // Two instances on one database and one Redis; each app's close must not close the database.
    const shared = { ...database, close: () => Promise.resolve() };
    const env = { REDIS_URL: redis.url, JWT_SECRET: randomBytes(32).toString('hex') };
    a = await createTestApp(env, { database: shared });
    b = await createTestApp(env, { database: shared });
  });
  afterAll(async () => {
    await maybeUnset(a)?.close();
    await maybeUnset(b)?.close();
    await maybeUnset(database)?.close();
    await maybeUnset(redis)?.remove();
  });

  const volumeOn = async (t: TestApp, user: AuthResponse) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/nft/status',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ volumeUsd: string }>().volumeUsd;
  };
  const bothReady = () => a.ctx.redis!.status === 'ready' && b.ctx.redis!.status === 'ready';
  const warmedUser = async () => {
    const user = await a.newUser();
    await addVolume(a, user.user.id, '100000');
    for (const t of [a, b, a, b]) expect(await volumeOn(t, user)).toBe('100000');
    return user;
  };

  it('an invalidation lost while Redis was down leaves no stale status once Redis is back', async () => {
    countCase(SUITE);
    const user = await warmedUser();
    const before = await redis.backup();

    await redis.stop();
    await addVolume(a, user.user.id, '50000'); // its invalidation cannot reach Redis
    expect(await volumeOn(a, user)).toBe('150000');
    await redis.restore(before);
    await redis.start();
    await waitFor(bothReady);

    // At once, not after the 300 s TTL, on the instance that lost the invalidation and the other.
    expect(await volumeOn(b, user)).toBe('150000');
    expect(await volumeOn(a, user)).toBe('150000');
    expect(await volumeOn(b, user)).toBe('150000');
  });

  it('a Redis restored from a backup taken before a change does not bring the old status back', async () => {
    countCase(SUITE);
    const user = await warmedUser();
    const before = await redis.backup();
    await addVolume(a, user.user.id, '25000'); // invalidated while Redis is up
    expect(await volumeOn(b, user)).toBe('125000');

    await redis.stop();
    await redis.restore(before);
    await redis.start();
    await waitFor(bothReady);

    expect(await volumeOn(a, user)).toBe('125000');
    expect(await volumeOn(b, user)).toBe('125000');
  });

  it('the cache serves hits again after the outage', async () => {
    countCase(SUITE);
    const user = await warmedUser();
    const hits = async () => {
      const m = (await b.ctx.metrics.getMetricsAsJSON()).find((x) => x.name === 'cache_hits_total');
      return (m?.values ?? []).reduce((sum, v) => sum + v.value, 0);
    };
    const before = await hits();
    expect(await volumeOn(b, user)).toBe('100000');
    expect(await hits()).toBeGreaterThan(before);
  });
});
