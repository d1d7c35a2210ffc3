import { accountKey } from './account-key.ts';
import type { BackoffPolicy } from './backoff-gate.ts';
import type { RateLimitStore } from './rate-limit-store.ts';
import { rateLimitedError } from './rate-limited-error.ts';

/** An address an account logged in from is trusted for this long (see `guard`). */
const KNOWN_CLIENT_MS = 30 * 24 * 60 * 60_000;

/**
 * Per-account backoff for password logins, whatever address the guesses come from.
 *
 * Two gates, both with bounded exponential backoff: the account (all unknown clients
 * together) and the account from one client. A client the account has logged in from
 * before skips the account gate, so an attacker spraying guesses from elsewhere cannot keep
 * the owner out; guesses from that client still meet its own gate.
 */
export function createLoginThrottle(deps: { store: RateLimitStore; maxLockMs: number; now?: () => number }) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const policy: BackoffPolicy = {
    freeAttempts: 5,
    baseLockMs: 1000,
    maxLockMs: deps.maxLockMs,
    memoryMs: 60 * 60_000,
  };

  /**
   * Runs `login` unless the account is locked for this client. A login that throws counts as
   * a failure; one that returns resets both gates and makes the client known.
   */
  async function guard<T>(input: { email: string; client: string }, login: () => Promise<T>): Promise<T> {
    const account = accountKey(input.email);
    const pair = `${account}:${input.client}`;
    const known = await store.isRemembered(`login-known:${pair}`);
    // The client's own gate first: a refused attempt there must not count against the account.
    const gates = [`login-client:${pair}`, ...(known ? [] : [`login-account:${account}`])];
    for (const gate of gates) {
      const decision = await store.takeAttempt(gate, policy, now());
      if (!decision.allowed) throw rateLimitedError(decision.retryAfterMs);
    }
    let result: T;
    try {
      result = await login();
    } catch (e) {
      await Promise.all(gates.map((gate) => store.relock(gate, policy, now())));
      throw e;
    }
    await Promise.all([
      store.reset(`login-client:${pair}`),
      store.reset(`login-account:${account}`),
      store.remember(`login-known:${pair}`, KNOWN_CLIENT_MS),
    ]);
    return result;
  }

  return { guard };
}
