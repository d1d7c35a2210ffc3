import { describe, expect, it } from 'vitest';
import { backoffDelayMs, nextAttemptAt } from './backoff.ts';

const policy = { baseMs: 100, maxMs: 5_000, maxAttempts: 4 };

describe('backoff', () => {
  it('doubles the ceiling each attempt up to the max', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, policy, () => 1))).toEqual([
      100, 200, 400, 800, 5_000,
    ]);
  });

  it('jitters within [0, ceiling]', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(400);
  });

  it('gives up after maxAttempts', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(3, policy, now, () => 1)?.toISOString()).toBe('2026-01-01T00:00:00.800Z');
    expect(nextAttemptAt(4, policy, now)).toBeUndefined();
  });
});
