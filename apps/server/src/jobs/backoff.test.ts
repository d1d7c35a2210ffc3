import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryDelayMs } from './backoff.ts';

const policy = { baseMs: 100, maxMs: 5_000, maxAttempts: 4 };
const window = fc.record({
  baseMs: fc.integer({ min: 1, max: 60_000 }),
  maxMs: fc.integer({ min: 1, max: 86_400_000 }),
});
const attempt = fc.integer({ min: 0, max: 200 });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff', () => {
  it('doubles the window each attempt up to the cap', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, policy, () => 1))).toEqual([
      100, 200, 400, 800, 5_000,
    ]);
  });

  it('jitters within [window/2, window]', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(400);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(600);
  });

  it('is bounded: never past the cap, never below half of it or of the base window', () => {
    fc.assert(
      fc.property(window, attempt, random, (w, a, r) => {
        const delay = backoffDelayMs(a, w, () => r);
        const full = Math.min(w.maxMs, w.baseMs * 2 ** a);
        expect(delay).toBeLessThanOrEqual(w.maxMs);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2));
        expect(Number.isFinite(delay)).toBe(true);
      }),
    );
  });

  it('never decreases as the cap or the attempt grows', () => {
    fc.assert(
      fc.property(window, fc.integer({ min: 0, max: 86_400_000 }), attempt, random, (w, more, a, r) => {
        const at = (cap: number, n: number) => backoffDelayMs(n, { ...w, maxMs: cap }, () => r);
        expect(at(w.maxMs + more, a)).toBeGreaterThanOrEqual(at(w.maxMs, a));
        expect(at(w.maxMs, a + 1)).toBeGreaterThanOrEqual(at(w.maxMs, a));
      }),
    );
  });

  it('gives up after maxAttempts', () => {
    expect(retryDelayMs(3, policy, () => 1)).toBe(800);
    expect(retryDelayMs(4, policy)).toBeUndefined();
    expect(retryDelayMs(1_000, { ...policy, maxAttempts: Number.POSITIVE_INFINITY }, () => 1)).toBe(5_000);
  });
});
