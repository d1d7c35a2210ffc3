import { Redis } from 'ioredis';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisProcess } from '../test-support/redis-process.ts';
import { describeWithRedis } from '../test-support/test-services.ts';
import type { BackoffPolicy } from './backoff-gate.ts';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.ts';
import type { RateLimitStore } from './rate-limit-store.ts';
import { createRedisRateLimitStore } from './redis-rate-limit-store.ts';
import { withFallback } from './with-fallback.ts';

const policy: BackoffPolicy = { freeAttempts: 3, baseLockMs: 1000, maxLockMs: 4000, memoryMs: 60_000 };

/** The same behaviour from the in-process store and the Redis one (whose rule is in Lua). */
function behavesLikeARateLimitStore(make: () => RateLimitStore) {
  it('counts hits in a fixed window', async () => {
    const store = make();
    const key = randomUUID();
    expect(await store.hit(key, 60_000)).toMatchObject({ count: 1 });
    const second = await store.hit(key, 60_000);
    expect(second.count).toBe(2);
    expect(second.ttlMs).toBeGreaterThan(59_000);
    expect(second.ttlMs).toBeLessThanOrEqual(60_000);
  });

  it('backoff gate: free attempts, then locks that double up to the bound; a reset forgets', async () => {
    const store = make();
    const key = randomUUID();
    const decisions = [];
    let now = 1_000_000;
    for (let i = 0; i < 3; i++) decisions.push(await store.takeAttempt(key, policy, now));
    decisions.push(await store.takeAttempt(key, policy, now + 999));
    now += 1000;
    decisions.push(await store.takeAttempt(key, policy, now));
    decisions.push(await store.takeAttempt(key, policy, now + 1));
    for (const wait of [2000, 4000, 4000]) {
      now += wait;
      decisions.push(await store.takeAttempt(key, policy, now));
    }
    decisions.push(await store.takeAttempt(key, policy, now + 10));
    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterMs: 1 },
      { allowed: true },
      { allowed: false, retryAfterMs: 1999 },
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterMs: 3990 },
    ]);
    await store.reset(key);
    expect(await store.takeAttempt(key, policy, now + 10)).toEqual({ allowed: true });
  });

  it('a relock after a failure starts the earned lock again from then, and adds none before it is earned', async () => {
    const store = make();
    const key = randomUUID();
    const t0 = 5_000_000;
    await store.takeAttempt(key, policy, t0);
    await store.relock(key, policy, t0 + 10);
    expect(await store.takeAttempt(key, policy, t0 + 20)).toEqual({ allowed: true });
    await store.takeAttempt(key, policy, t0 + 30);
    // The third attempt earns a 1 s lock from its start; its check ends 500 ms later.
    await store.relock(key, policy, t0 + 530);
    expect(await store.takeAttempt(key, policy, t0 + 1400)).toEqual({ allowed: false, retryAfterMs: 130 });
    expect(await store.takeAttempt(key, policy, t0 + 1530)).toEqual({ allowed: true });
    await store.relock(randomUUID(), policy, t0);
  });

  it('remembers a key for a while', async () => {
    const store = make();
    const key = randomUUID();
    expect(await store.isRemembered(key)).toBe(false);
    await store.remember(key, 60_000);
    expect(await store.isRemembered(key)).toBe(true);
  });
}

describe('in-process rate-limit store', () => {
  behavesLikeARateLimitStore(() => createMemoryRateLimitStore());

  it('holds a bounded number of keys, so a flood of distinct keys cannot exhaust memory', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) await store.hit(`flood-${i}`, 60_000);
    expect((await store.hit('flood-999', 60_000)).count).toBe(2);
    expect((await store.hit('flood-0', 60_000)).count).toBe(1);
  });
});

describeWithRedis('Redis rate-limit store', (redisUrl) => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));
  behavesLikeARateLimitStore(() => {
    const redis = new Redis(redisUrl);
    clients.push(redis);
    return createRedisRateLimitStore(redis, `insignia:test:${randomUUID()}:`);
  });

  it('falls back to the in-process store while Redis is down, and never fails open', async () => {
    const server = await startRedisProcess();
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 500,
    });
    redis.on('error', () => undefined);
    await redis.connect();
    clients.push(redis);
    const store = withFallback(
      createRedisRateLimitStore(redis),
      createMemoryRateLimitStore(),
      pino({ level: 'silent' }),
    );
    expect((await store.hit('k', 60_000)).count).toBe(1);
    await server.stop();
    const counts = [];
    const started = Date.now();
    for (let i = 0; i < 20; i++) counts.push((await store.hit('k', 60_000)).count);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Redis is not waited for on every call once it has failed.
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
