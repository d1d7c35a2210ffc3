import { describe, expect, it } from 'vitest';
import { lockDurationMs, takeAttempt, type BackoffPolicy, type GateState } from './backoff-gate.ts';

const policy: BackoffPolicy = { freeAttempts: 5, baseLockMs: 1000, maxLockMs: 300_000, memoryMs: 3_600_000 };

describe('bounded backoff gate', () => {
  it('allows the free attempts, then doubles the lock up to the bound and never past it', () => {
    expect([1, 2, 3, 4].map((n) => lockDurationMs(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => lockDurationMs(n, policy))).toEqual([1000, 2000, 4000, 8000]);
    expect(lockDurationMs(13, policy)).toBe(256_000);
    for (const n of [14, 15, 100, 10_000, Number.MAX_SAFE_INTEGER])
      expect(lockDurationMs(n, policy)).toBe(300_000);
  });

  it('refuses while locked without counting, so hammering does not lengthen the lock', () => {
    let state: GateState | undefined;
    let now = 0;
    for (let i = 0; i < 5; i++) {
      const taken = takeAttempt(state, now, policy);
      expect(taken.decision.allowed).toBe(true);
      state = taken.next;
    }
    expect(state).toEqual({ attempts: 5, lockedUntilMs: 1000 });
    for (now = 0; now < 1000; now += 100) {
      const refused = takeAttempt(state, now, policy);
      expect(refused.decision).toEqual({ allowed: false, retryAfterMs: 1000 - now });
      expect(refused.next).toBe(state);
    }
    const after = takeAttempt(state, 1000, policy);
    expect(after.decision.allowed).toBe(true);
    expect(after.next).toEqual({ attempts: 6, lockedUntilMs: 3000 });
    expect(after.ttlMs).toBe(policy.memoryMs + 2000);
  });
});
