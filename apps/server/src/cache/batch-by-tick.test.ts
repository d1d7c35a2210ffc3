import { describe, expect, it } from 'vitest';
import { batchByTick } from './batch-by-tick.ts';

describe('batchByTick', () => {
  it('answers the calls of one turn with one call, each its own output', async () => {
    const calls: number[][] = [];
    const double = batchByTick((xs: number[]) => {
      calls.push(xs);
      return Promise.resolve(xs.map((x) => x * 2));
    });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(await double(4)).toBe(8);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('splits past the batch size and rejects every call of a failed batch', async () => {
    const calls: number[][] = [];
    const run = batchByTick((xs: number[]) => {
      calls.push(xs);
      return xs.includes(3) ? Promise.reject(new Error('down')) : Promise.resolve(xs);
    }, 2);
    const results = await Promise.allSettled([run(1), run(2), run(3), run(4)]);
    expect(calls).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});
