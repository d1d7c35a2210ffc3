import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { createRedisGenerationStore, type CacheStore } from './redis-generation-store.ts';

/**
 * A JSON cache: Redis when configured, an in-process LRU otherwise. On Redis, after any outage
 * nothing written before it is served (see createRedisGenerationStore), so an invalidation lost
 * while Redis was away cannot leave a stale value behind for the TTL.
 */
export interface Cache {
  /** Cache-aside read: a hit returns the cached value; a miss (or Redis down) calls `load`. */
  getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  /**
   * The same read, answering the entry's JSON text as stored: a caller that derives something
   * from the value can tell by comparing texts that nothing changed, without parsing it.
   */
  getOrLoadText(key: string, ttlSeconds: number, load: () => Promise<unknown>): Promise<string>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  invalidate(keys: string[]): Promise<void>;
  readonly backend: 'redis' | 'memory';
}

export function createCache(options: {
  redis?: Redis | undefined;
  metrics: Registry;
  logger: Logger;
  prefix?: string;
  maxEntries?: number;
}): Cache {
  const prefix = options.prefix ?? 'insignia:cache:';
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['backend'] as const, registers: [options.metrics] });
  const hits = counter('cache_hits_total', 'Cache reads answered from the cache');
  const misses = counter('cache_misses_total', 'Cache reads that went to the database');
  const errors = counter('cache_errors_total', 'Cache operations that failed (served from the database)');
  const bumps = new Counter({
    name: 'cache_generation_bumps_total',
    help: 'New cache generations set after an outage or at start (every earlier entry dropped)',
    registers: [options.metrics],
  });
  const backend = options.redis ? 'redis' : 'memory';
  // One labels object for every count: prom-client hashes it on each call.
  const labels = { backend };
  const store = options.redis
    ? createRedisGenerationStore(options.redis, prefix, () => {
        bumps.inc();
        options.logger.info('cache generation set; entries written before it are no longer read');
      })
    : memoryStore(options.maxEntries ?? 50_000);

  // The cache only ever speeds things up: a failing backend counts an error and falls back.
  async function safely<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (err) {
      errors.inc({ backend });
      options.logger.warn({ err: (err as Error).message, backend }, 'cache unavailable; using the database');
      return fallback;
    }
  }

  /** A hit's text, or undefined after a miss has been loaded and (when the cache vouches) stored. */
  async function readThrough(
    key: string,
    ttlSeconds: number,
    load: () => Promise<unknown>,
  ): Promise<{ text: string; value?: unknown }> {
    const found = await safely(() => store.get(key), { value: undefined });
    if (found.value !== undefined) {
      hits.inc(labels);
      return { text: found.value };
    }
    misses.inc(labels);
    const value = await load();
    const text = JSON.stringify(value);
    // No pin: the cache could not vouch for this read, so what was loaded is not stored.
    const pin = found.pin;
    if (pin !== undefined) await safely(() => store.set(key, text, ttlSeconds, pin), undefined);
    return { text, value };
  }

  return {
    backend,
    async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
      const read = await readThrough(key, ttlSeconds, load);
      return ('value' in read ? read.value : JSON.parse(read.text)) as T;
    },
    async getOrLoadText(key, ttlSeconds, load) {
      return (await readThrough(key, ttlSeconds, load)).text;
    },
    async set(key, value, ttlSeconds) {
      await safely(() => store.set(key, JSON.stringify(value), ttlSeconds), undefined);
    },
    async invalidate(keys) {
      if (keys.length === 0) return;
      await safely(() => store.del(keys), undefined);
    },
  };
}

function memoryStore(max: number): CacheStore {
  const lru = new LRUCache<string, string>({ max, ttlAutopurge: false });
  // How often each key was invalidated: the pin of a miss (see CacheStore).
  const invalidations = new LRUCache<string, number>({ max });
  const countOf = (key: string) => String(invalidations.get(key) ?? 0);
  // Synchronous work behind the async interface the Redis store needs.
  return {
    get(key) {
      return Promise.resolve({ value: lru.get(key), pin: countOf(key) });
    },
    set(key, value, ttlSeconds, pin) {
      if (pin === undefined || pin === countOf(key)) lru.set(key, value, { ttl: ttlSeconds * 1000 });
      return Promise.resolve();
    },
    del(keys) {
      for (const k of keys) {
        lru.delete(k);
        invalidations.set(k, (invalidations.get(k) ?? 0) + 1);
      }
      return Promise.resolve();
    },
  };
}
