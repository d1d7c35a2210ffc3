import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { batchByTick } from './batch-by-tick.ts';
import { createRedisScript } from './redis-script.ts';

/** Where a cache keeps its entries; `pin` ties a write to the generation a miss was read in. */
export interface CacheStore {
  get(key: string): Promise<{ value: string | undefined; pin?: string }>;
  set(key: string, value: string, ttlSeconds: number, pin?: string): Promise<void>;
  del(keys: string[]): Promise<void>;
}

// Entries live under `<prefix><generation>:<key>`; `<prefix>generation` names the current one.
// A missing generation reads as a miss and writes nothing (the next bump sets one).
// ARGV: prefix, then the keys; answers the generation, then each key's value (nil if none).
const READ = `local g = redis.call('GET', KEYS[1])
if not g then return false end
local found = {g}
for i = 2, #ARGV do found[i] = redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[i]) end
return found`;

// ARGV: prefix, key, value, ttl, pin ('' = whatever generation is current).
const WRITE = `local g = redis.call('GET', KEYS[1])
if not g or (ARGV[5] ~= '' and g ~= ARGV[5]) then return 0 end
redis.call('SET', ARGV[1] .. g .. ':' .. ARGV[2], ARGV[3], 'EX', ARGV[4])
return 1`;

const DELETE = `local g = redis.call('GET', KEYS[1])
if not g then return 0 end
for i = 2, #ARGV do redis.call('DEL', ARGV[1] .. g .. ':' .. ARGV[i]) end
return 1`;

/**
 * The Redis side of the cache, safe across outages. Every key includes a generation, a random
 * id stored in Redis. After any fault this process saw (an error or a dropped connection, a
 * command that failed, so maybe an invalidation that never arrived) and at start, it trusts no
 * entry until it has set a new generation: what was written before, including whatever a
 * Redis restored from an old append-only file holds, is never read again (random ids cannot
 * come back, unlike a counter). Every instance sees its own connection drop, so each one bumps
 * before it reads again. The scripts touch keys they compute: standalone Redis only.
 */
export function createRedisGenerationStore(
  redis: Redis,
  prefix: string,
  onBump: () => void = () => undefined,
): CacheStore {
  const generationKey = `${prefix}generation`;
  const readMany = createRedisScript(redis, READ);
  // The reads of one event-loop turn go to Redis as one script call (generation read once).
  const read = batchByTick(async (keys: string[]) => {
    const found = (await readMany([generationKey], [prefix, ...keys])) as (string | null)[] | null;
    const [generation, ...values] = found ?? [];
    return keys.map((_, i) => (generation ? { generation, value: values[i] ?? null } : null));
  });
  const write = createRedisScript(redis, WRITE);
  const remove = createRedisScript(redis, DELETE);
  let trusted = false;
  let faults = 0;
  let bumping: Promise<void> | undefined;

  const fault = () => {
    faults++;
    trusted = false;
  };
  redis.on('error', fault);
  redis.on('close', fault);
  redis.on('ready', () => void ensureTrusted().catch(() => undefined));

  /** Resolves whether entries may be used: true once a new generation is set after the last fault. */
  async function ensureTrusted(): Promise<boolean> {
    if (trusted) return true;
    bumping ??= (async () => {
      const faultsBefore = faults;
      try {
        await redis.set(generationKey, randomUUID());
        onBump();
        // A fault while the bump was on its way may have lost another invalidation.
        if (faults === faultsBefore) trusted = true;
      } finally {
        bumping = undefined;
      }
    })();
    await bumping;
    return trusted;
  }

  async function guarded<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      fault();
      throw err;
    }
  }

  return {
    get: (key) =>
      guarded(async () => {
        if (!(await ensureTrusted())) return { value: undefined };
        const faultsBefore = faults;
        const found = await read(key);
        if (!found) {
          fault();
          return { value: undefined };
        }
        // A fault while reading: the answer may predate an invalidation that was lost.
        if (faults !== faultsBefore) return { value: undefined };
        return { value: found.value ?? undefined, pin: found.generation };
      }),
    set: (key, value, ttlSeconds, pin) =>
      guarded(async () => {
        if (pin === undefined ? !(await ensureTrusted()) : !trusted) return;
        await write([generationKey], [prefix, key, value, ttlSeconds, pin ?? '']);
      }),
    del: (keys) =>
      guarded(async () => {
        // Not trusted yet: a new generation drops these keys along with every other.
        if (!trusted) {
          await ensureTrusted();
          return;
        }
        await remove([generationKey], [prefix, ...keys]);
      }),
  };
}
