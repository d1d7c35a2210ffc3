import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

/** A JSON cache: Redis when configured, an in-process LRU otherwise. */
export interface Cache {
  /** Cache-aside read: a hit returns the cached value; a miss (or Redis down) calls `load`. */
  getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
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
  const backend = options.redis ? 'redis' : 'memory';
  const store = options.redis ? redisStore(options.redis) : memoryStore(options.maxEntries ?? 50_000);

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

  return {
    backend,
    async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
      const raw = await safely(() => store.get(prefix + key), undefined);
      if (raw !== undefined) {
        hits.inc({ backend });
        return JSON.parse(raw) as T;
      }
      misses.inc({ backend });
      const value = await load();
      await safely(() => store.set(prefix + key, JSON.stringify(value), ttlSeconds), undefined);
      return value;
    },
    async set(key, value, ttlSeconds) {
      await safely(() => store.set(prefix + key, JSON.stringify(value), ttlSeconds), undefined);
    },
    async invalidate(keys) {
      if (keys.length === 0) return;
      await safely(() => store.del(keys.map((k) => prefix + k)), undefined);
    },
  };
}

interface Store {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(keys: string[]): Promise<void>;
}

function redisStore(redis: Redis): Store {
  return {
    async get(key) {
      return (await redis.get(key)) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, 'EX', ttlSeconds);
    },
    async del(keys) {
      await redis.del(...keys);
    },
  };
}

function memoryStore(max: number): Store {
  const lru = new LRUCache<string, string>({ max, ttlAutopurge: false });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async del(keys) {
      for (const k of keys) lru.delete(k);
    },
  };
}
