import { describe, expect, it } from 'vitest';
import { restartDelayMs } from './restart-delay.ts';

describe('restart delay of a server process that died', () => {
  it('replaces a lone crash at once and backs off, doubling up to 30 s, in a crash loop', () => {
    expect([1, 2, 3, 4].map(restartDelayMs)).toEqual([250, 500, 1_000, 2_000]);
    expect(restartDelayMs(8)).toBe(30_000);
    expect(restartDelayMs(1_000)).toBe(30_000);
  });
});
