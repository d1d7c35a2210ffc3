import { describe, expect, it } from 'vitest';
import { computeBackoffMs, parseRetryAfterMs } from './backoff.ts';

describe('computeBackoffMs', () => {
  it('grows exponentially within [window/2, window] and caps at maxMs', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect(computeBackoffMs(0, policy, () => 0)).toBe(50);
    expect(computeBackoffMs(0, policy, () => 1)).toBe(100);
    expect(computeBackoffMs(3, policy, () => 0)).toBe(400);
    expect(computeBackoffMs(10, policy, () => 1)).toBe(1000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:03 GMT', now)).toBe(3000);
  });
  it('ignores absent or invalid values', () => {
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});
