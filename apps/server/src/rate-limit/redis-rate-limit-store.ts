import type { Redis } from 'ioredis';
import { createRedisScript } from '../cache/redis-script.ts';
import type { BackoffPolicy } from './backoff-gate.ts';
import type { RateLimitStore } from './rate-limit-store.ts';

// One round trip each and atomic, so several instances share exact counts.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** Both gate scripts start by reading the policy (ARGV) and the key's state. */
const READ_GATE = `
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local base = tonumber(ARGV[3])
local max = tonumber(ARGV[4])
local memory = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'attempts', 'lockedUntil')
local attempts = tonumber(state[1]) or 0
local lockedUntil = tonumber(state[2]) or 0
`;

// The same rule as takeAttempt() in backoff-gate.ts.
const TAKE_ATTEMPT = `${READ_GATE}if now < lockedUntil then
  return {0, lockedUntil - now}
end
attempts = attempts + 1
local lock = 0
if attempts >= free then
  lock = math.min(base * 2 ^ (attempts - free), max)
  lockedUntil = now + lock
else
  lockedUntil = 0
end
redis.call('HSET', KEYS[1], 'attempts', attempts, 'lockedUntil', lockedUntil)
redis.call('PEXPIRE', KEYS[1], memory + lock)
return {1, 0}`;

// The same rule as relockAfterFailure() in backoff-gate.ts.
const RELOCK = `${READ_GATE}if attempts < free then
  return 0
end
local lock = math.min(base * 2 ^ (attempts - free), max)
redis.call('HSET', KEYS[1], 'lockedUntil', math.max(lockedUntil, now + lock))
redis.call('PEXPIRE', KEYS[1], memory + lock)
return 1`;

/** The shared store. Errors (Redis down) reach the caller: see withFallback. */
export function createRedisRateLimitStore(redis: Redis, prefix = 'insignia:rl:'): RateLimitStore {
  const hit = createRedisScript(redis, HIT);
  const takeAttempt = createRedisScript(redis, TAKE_ATTEMPT);
  const relock = createRedisScript(redis, RELOCK);
  const gateArgs = (policy: BackoffPolicy, nowMs: number) => [
    nowMs,
    policy.freeAttempts,
    policy.baseLockMs,
    policy.maxLockMs,
    policy.memoryMs,
  ];
  return {
    async hit(key, windowMs) {
      const [count, ttlMs] = (await hit([prefix + key], [windowMs])) as [number, number];
      return { count, ttlMs };
    },
    async takeAttempt(key, policy, nowMs) {
      const [allowed, retryAfterMs] = (await takeAttempt([prefix + key], gateArgs(policy, nowMs))) as [
        number,
        number,
      ];
      return allowed ? { allowed: true } : { allowed: false, retryAfterMs };
    },
    async relock(key, policy, nowMs) {
      await relock([prefix + key], gateArgs(policy, nowMs));
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async remember(key, ttlMs) {
      await redis.set(prefix + key, '1', 'PX', ttlMs);
    },
    async isRemembered(key) {
      return (await redis.exists(prefix + key)) === 1;
    },
  };
}
