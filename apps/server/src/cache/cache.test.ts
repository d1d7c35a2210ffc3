import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisProcess } from '../test-support/redis-process.ts';
import { describeWithRedis } from '../test-support/test-services.ts';
import { createCache, type Cache } from './cache.ts';

const logger = pino({ level: 'silent' });

async function metric(registry: Registry, name: string): Promise<number> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

function behavesLikeACache(make: () => { cache: Cache; registry: Registry }) {
  it('serves a second read from the cache and counts hits and misses', async () => {
    const { cache, registry } = make();
    let loads = 0;
    const load = () => Promise.resolve({ n: ++loads });
    expect(await cache.getOrLoad('k1', 60, load)).toEqual({ n: 1 });
    expect(await cache.getOrLoad('k1', 60, load)).toEqual({ n: 1 });
    expect(loads).toBe(1);
    expect(await metric(registry, 'cache_hits_total')).toBe(1);
    expect(await metric(registry, 'cache_misses_total')).toBe(1);
  });

  it('reloads after invalidation', async () => {
    const { cache } = make();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await cache.getOrLoad('k2', 60, load);
    await cache.invalidate(['k2']);
    expect(await cache.getOrLoad('k2', 60, load)).toBe(2);
  });

  it('reads an entry as the JSON text it stored, loading it once', async () => {
    const { cache } = make();
    let loads = 0;
    const load = () => Promise.resolve({ n: ++loads, s: 'é' });
    expect(await cache.getOrLoadText('k5', 60, load)).toBe('{"n":1,"s":"é"}');
    expect(await cache.getOrLoadText('k5', 60, load)).toBe('{"n":1,"s":"é"}');
    expect(await cache.getOrLoad('k5', 60, load)).toEqual({ n: 1, s: 'é' });
    expect(loads).toBe(1);
  });

  it('does not store a load that began before an invalidation (it may predate the change)', async () => {
    const { cache } = make();
    let db = 'before';
    let release: () => void = () => undefined;
    const slowLoad = () =>
      new Promise<string>((resolve) => {
        const seen = db; // read before the write commits...
        release = () => resolve(seen); // ...answered after it and its invalidation
      });
    const reading = cache.getOrLoad('k6', 60, slowLoad);
    await new Promise((r) => setTimeout(r, 20));
    db = 'after';
    await cache.invalidate(['k6']);
    release();
    expect(await reading).toBe('before');
    expect(await cache.getOrLoad('k6', 60, () => Promise.resolve(db))).toBe('after');
    expect(await cache.getOrLoad('k6', 60, () => Promise.resolve('loaded again'))).toBe('after');
  });

  it('invalidates keys asked for in the same turn, leaving the others', async () => {
    const { cache } = make();
    for (const k of ['k7', 'k8', 'k9']) await cache.getOrLoad(k, 60, () => Promise.resolve(1));
    await Promise.all([cache.invalidate(['k7']), cache.invalidate(['k8'])]);
    const reload = (k: string) => cache.getOrLoad(k, 60, () => Promise.resolve(2));
    expect([await reload('k7'), await reload('k8'), await reload('k9')]).toEqual([2, 2, 1]);
  });

  it('expires entries after their TTL', async () => {
    const { cache } = make();
    let loads = 0;
    await cache.getOrLoad('k3', 1, () => Promise.resolve(++loads));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await cache.getOrLoad('k3', 1, () => Promise.resolve(++loads))).toBe(2);
  });
}

describe('in-process LRU cache', () => {
  behavesLikeACache(() => {
    const registry = new Registry();
    return { registry, cache: createCache({ metrics: registry, logger }) };
  });
});

describeWithRedis('Redis cache', (redisUrl) => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));
  behavesLikeACache(() => {
    const registry = new Registry();
    const redis = new Redis(redisUrl);
    clients.push(redis);
    return {
      registry,
      cache: createCache({ redis, metrics: registry, logger, prefix: `insignia:test:${Math.random()}:` }),
    };
  });

  it('reads a vanished generation (Redis flushed) as a miss, then sets a new one and caches again', async () => {
    const redis = new Redis(redisUrl);
    clients.push(redis);
    const prefix = `insignia:test:${Math.random()}:`;
    const registry = new Registry();
    const cache = createCache({ redis, metrics: registry, logger, prefix });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.getOrLoad('k4', 60, load)).toBe(1);
    await redis.del(`${prefix}generation`);
    expect(await cache.getOrLoad('k4', 60, load)).toBe(2);
    expect(await cache.getOrLoad('k4', 60, load)).toBe(3);
    expect(await cache.getOrLoad('k4', 60, load)).toBe(3);
    expect(await metric(registry, 'cache_generation_bumps_total')).toBe(2);
  });

  it('keeps serving from the database after Redis is stopped', async () => {
    const server = await startRedisProcess();
    const registry = new Registry();
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 500,
    });
    redis.on('error', () => undefined);
    await redis.connect();
    clients.push(redis);
    const cache = createCache({ redis, metrics: registry, logger });
    let dbReads = 0;
    const fromDb = () => Promise.resolve({ volume: '100000', reads: ++dbReads });
    await cache.getOrLoad('user:1:nft-status', 60, fromDb);
    expect((await cache.getOrLoad('user:1:nft-status', 60, fromDb)).reads).toBe(1);

    await server.stop();
    const started = Date.now();
    const afterOutage = await cache.getOrLoad('user:1:nft-status', 60, fromDb);
    expect(afterOutage).toEqual({ volume: '100000', reads: 2 });
    expect(Date.now() - started).toBeLessThan(2000);
    await cache.invalidate(['user:1:nft-status']);
    expect(await metric(registry, 'cache_errors_total')).toBeGreaterThanOrEqual(2);
  });
});
