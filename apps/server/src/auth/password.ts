import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createBulkhead, type BulkheadLimits } from '../http/bulkhead.ts';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** scrypt's cost: N = 2^log2N (CPU and memory), r (block size), p (parallel lanes). */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/**
 * OWASP's current scrypt minimum: N=2^17, r=8, p=1, i.e. 128 MiB and about 0.45 s of one core
 * per hash (bench/auth/password-cost.ts). It runs on libuv's thread pool, so a login never
 * blocks the event loop; the login rate limits and the slots below keep a flood of logins from
 * turning it into a CPU or memory drain.
 */
export const RECOMMENDED_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** scrypt needs 128·N·r bytes; twice that leaves room for Node's own accounting. */
const maxmemFor = (N: number, r: number) => 256 * N * r;

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash was made with a lower cost than today's: rehash it now that we know the password. */
  needsRehash: boolean;
}

// libuv runs scrypt on its thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise).
// Hashing leaves one thread free for file and DNS work, and a flood of logins waits in a short
// queue and is then refused, instead of growing memory and latency without bound.
const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * `running`: hashes computed at once (each holds 128·N·r bytes while it runs); `waiting`: hashes
 * waiting for a slot, past which a login or registration gets 503 SERVICE__BUSY.
 */
export type HasherLimits = Pick<BulkheadLimits, 'running' | 'waiting'>;

const DEFAULT_LIMITS: HasherLimits = { running: Math.max(1, THREAD_POOL_SIZE - 1), waiting: 64 };

/** Hashes as `scrypt$N$r$p$salt$hash`, so the cost can rise without breaking stored hashes. */
export function createPasswordHasher(cost: ScryptCost = RECOMMENDED_SCRYPT_COST, limits = DEFAULT_LIMITS) {
  const N = 2 ** cost.log2N;
  const slots = createBulkhead(limits);

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const options = { N, r: cost.r, p: cost.p, maxmem: maxmemFor(N, cost.r) };
    const key = await slots.run(() => scrypt(password, salt, KEY_LENGTH, options));
    return ['scrypt', N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async function verify(password: string, stored: string): Promise<PasswordCheck> {
    const [scheme, n, r, p, salt, hashed] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hashed) return { ok: false, needsRehash: false };
    const expected = Buffer.from(hashed, 'base64');
    const params = { N: Number(n), r: Number(r), p: Number(p) };
    const options = { ...params, maxmem: maxmemFor(params.N, params.r) };
    const key = await slots.run(() =>
      scrypt(password, Buffer.from(salt, 'base64'), expected.length, options),
    );
    const ok = timingSafeEqual(key, expected);
    const weaker = params.N * params.r * params.p < N * cost.r * cost.p;
    return { ok, needsRehash: ok && weaker };
  }

  // A hash to compare against when the account does not exist, so timing does not reveal it.
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));

  return { hash, verify, dummyHash };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
