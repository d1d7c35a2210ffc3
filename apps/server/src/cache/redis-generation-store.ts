import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { batchByTick } from './batch-by-tick.ts';
import { createRedisScript } from './redis-script.ts';

/**
 * Where a cache keeps its entries. A miss answers a `pin`; the write of what was then loaded
 * carries it and is dropped if the key was invalidated since (or, on Redis, the generation
 * changed): a load that began before a change never outlives the invalidation that followed it.
 */
export interface CacheStore {
  get(key: string): Promise<{ value: string | undefined; pin?: string }>;
  set(key: string, value: string, ttlSeconds: number, pin?: string): Promise<void>;
  del(keys: string[]): Promise<void>;
}

// Entries live under `<prefix><generation>:<key>`; `<prefix>generation` names the current one.
// A missing generation reads as a miss and writes nothing (the next bump sets one). Beside each
// entry, `<prefix><generation>:v:<key>` counts its invalidations: a miss reads it, and the write
// of what was then loaded happens only if no invalidation came in between (else the load may
// predate the change that invalidated, and would be served stale until its TTL).
// ARGV: prefix, then the keys; answers the generation, then per key its value or, for a miss,
// its invalidation count prefixed with '#' ('#' alone: never invalidated).
const READ = `local g = redis.call('GET', KEYS[1])
if not g then return false end
local found = {g}
for i = 2, #ARGV do
  local v = redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[i])
  if not v then v = '#' .. (redis.call('GET', ARGV[1] .. g .. ':v:' .. ARGV[i]) or '') end
  found[i] = v
end
return found`;

// ARGV: prefix, key, value, ttl, generation ('' = whatever is current), invalidation count ('#'
// and what the miss read; '' = write whatever came before).
const WRITE = `local g = redis.call('GET', KEYS[1])
if not g or (ARGV[5] ~= '' and g ~= ARGV[5]) then return 0 end
if ARGV[6] ~= '' and ARGV[6] ~= '#' .. (redis.call('GET', ARGV[1] .. g .. ':v:' .. ARGV[2]) or '') then
  return 0
end
redis.call('SET', ARGV[1] .. g .. ':' .. ARGV[2], ARGV[3], 'EX', ARGV[4])
return 1`;

// ARGV: prefix, how long an invalidation count outlives the invalidation (seconds), then the keys.
const DELETE = `local g = redis.call('GET', KEYS[1])
if not g then return 0 end
for i = 3, #ARGV do
  redis.call('DEL', ARGV[1] .. g .. ':' .. ARGV[i])
  local v = ARGV[1] .. g .. ':v:' .. ARGV[i]
  redis.call('INCR', v)
  redis.call('EXPIRE', v, ARGV[2])
end
return 1`;

/**
 * How long a key's invalidation count is kept after its last invalidation: far longer than a
 * load between a miss and its write takes (milliseconds; the statement timeout bounds it).
 */
const INVALIDATION_MEMORY_SECONDS = 3600;

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
    const found = (await readMany([generationKey], [prefix, ...keys])) as string[] | null;
    const [generation, ...values] = found ?? [];
    return keys.map((_, i) => {
      if (!generation) return null;
      const value = values[i] ?? '#';
      // JSON never starts with '#': a miss, with the key's invalidation count.
      return value.startsWith('#')
        ? { value: undefined, pin: `${generation} ${value}` }
        : { value, pin: `${generation} ` };
    });
  });
  const write = createRedisScript(redis, WRITE);
  const removeMany = createRedisScript(redis, DELETE);
  // The invalidations of one event-loop turn (concurrent requests' writes) share one call.
  const remove = batchByTick(async (keys: string[]) => {
    await removeMany([generationKey], [prefix, INVALIDATION_MEMORY_SECONDS, ...keys]);
    return keys.map(() => undefined);
  });
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
        return found;
      }),
    set: (key, value, ttlSeconds, pin) =>
      guarded(async () => {
        if (pin === undefined ? !(await ensureTrusted()) : !trusted) return;
        const [generation = '', invalidations = ''] = pin?.split(' ') ?? [];
        await write([generationKey], [prefix, key, value, ttlSeconds, generation, invalidations]);
      }),
    del: (keys) =>
      guarded(async () => {
        // Not trusted yet: a new generation drops these keys along with every other.
        if (!trusted) {
          await ensureTrusted();
          return;
        }
        await Promise.all(keys.map((key) => remove(key)));
      }),
  };
}
