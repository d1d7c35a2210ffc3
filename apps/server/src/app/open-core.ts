import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { createCache, type Cache } from '../cache/cache.ts';
import type { EnvConfig } from '../config/env-config.ts';
import { databaseTimeoutsFrom } from '../db/create-postgres-pool.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createMetricsRegistry } from '../http/metrics.ts';
import { describeFailure } from '../jobs/describe-failure.ts';

export interface Core {
  database: Database;
  redis: Redis | undefined;
  metrics: Registry;
  cache: Cache;
  close(): Promise<void>;
}

/**
 * The parts every process of Insignia opens the same way — the server's composition root and
 * each CLI: the database with its timeouts, Redis with its fail-fast options, metrics and
 * the cache. One place, so a CLI never talks to a component differently from the server.
 */
export async function openCore(
  env: EnvConfig,
  logger: Logger,
  options: {
    database?: Database;
    /** For a CLI that never reads the cache (migrations). */
    withoutRedis?: boolean;
  } = {},
): Promise<Core> {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: resolve(env.DATA_DIR),
      poolSize: env.DATABASE_POOL_SIZE,
      timeouts: databaseTimeoutsFrom(env),
      onClientError: (err) => logger.warn({ err: err.message }, 'database connection lost'),
    }));
  // No offline queue and a short timeout: while Redis is down, cache reads fail fast and
  // fall back to the database instead of piling up. No auto-pipelining: the cache already
  // sends a turn's reads and invalidations as one script call, and ioredis's pipeline object
  // cost a status read 60 µs of CPU (bench/cpu/server-cpu.ts).
  const redis =
    env.REDIS_URL && !options.withoutRedis
      ? new Redis(env.REDIS_URL, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          commandTimeout: 500,
        })
      : undefined;
  // ioredis reconnects by itself; without a listener an outage would crash the process.
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
  // Redis down at start is not fatal: the cache falls back and ioredis keeps reconnecting.
  await redis?.connect().catch((err: unknown) => {
    logger.warn({ err: describeFailure(err) }, 'redis unavailable at start');
  });
  const metrics = createMetricsRegistry();
  const cache = createCache({ redis, metrics, logger });
  return {
    database,
    redis,
    metrics,
    cache,
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}
