import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { mailboxKey } from './account-key.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.ts';
import { createRedisRateLimitStore } from './redis-rate-limit-store.ts';
import { rateLimitedError } from './rate-limited-error.ts';
import { fastifyStoreOver } from './fastify-rate-limit-store.ts';
import { withFallback } from './with-fallback.ts';

const REGISTRATIONS_PER_MAILBOX_PER_HOUR = 10;

/**
 * Every rate limit's counters: in Redis when configured (shared by all instances), falling
 * back to this process's memory while Redis is down; in memory alone without Redis.
 */
export function createRateLimits(deps: {
  redis: Redis | undefined;
  logger: Logger;
  lockoutMaxSeconds: number;
}) {
  const local = createMemoryRateLimitStore();
  const store = deps.redis ? withFallback(createRedisRateLimitStore(deps.redis), local, deps.logger) : local;
  async function consume(key: string, max: number, windowMs: number): Promise<void> {
    const { count, ttlMs } = await store.hit(key, windowMs);
    if (count > max) throw rateLimitedError(ttlMs);
  }
  return {
    store,
    /** For @fastify/rate-limit's per-route, per-client limits. */
    routeStore: fastifyStoreOver(store),
    login: createLoginThrottle({ store, maxLockMs: deps.lockoutMaxSeconds * 1000 }),
    /** Counts one use of `key`; throws RATE_LIMITED past `max` in the window. */
    consume,
    /**
     * Registrations per mailbox, whatever the client address: spellings of one mailbox
     * (`name+tag@`) count together, since once registration sends mail, that is what suffers.
     */
    registration: (email: string) =>
      consume(`register:${mailboxKey(email)}`, REGISTRATIONS_PER_MAILBOX_PER_HOUR, 60 * 60_000),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
