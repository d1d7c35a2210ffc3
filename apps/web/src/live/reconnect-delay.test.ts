import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-delay.ts';

describe('reconnectDelayMs', () => {
  it('waits a random share of a ceiling that doubles with each failure', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3].map((n) => reconnectDelayMs(n, { random: top }))).toEqual([999, 1999, 3999, 7999]);
    expect(reconnectDelayMs(3, { random: () => 0.25 })).toBe(2000);
    expect(reconnectDelayMs(3, { random: () => 0 })).toBe(0);
  });

  it('never exceeds the cap, however long the outage', () => {
    for (const failures of [5, 10, 50, 1_000_000]) {
      const delay = reconnectDelayMs(failures, { maxMs: 30_000, random: () => 0.999_999 });
      expect(delay).toBeLessThanOrEqual(30_000);
      expect(delay).toBeGreaterThan(29_000);
    }
  });

  it('spreads clients over the whole window (full jitter)', () => {
    const delays = Array.from({ length: 2000 }, () => reconnectDelayMs(4));
    expect(Math.min(...delays)).toBeLessThan(1_600); // bottom tenth of 16 s is reached
    expect(Math.max(...delays)).toBeGreaterThan(14_400); // and the top tenth
    expect(new Set(delays).size).toBeGreaterThan(1_000);
  });
});
