import { describe, expect, it } from 'vitest';
import { createPromiseMemo } from './promise-memo.ts';

describe('promise memo', () => {
  it('shares one lookup between concurrent and later callers of a key', async () => {
    const memo = createPromiseMemo<string, number>(10);
    let lookUps = 0;
    const lookUp = () => Promise.resolve(++lookUps);
    expect(await Promise.all([memo('a', lookUp), memo('a', lookUp)])).toEqual([1, 1]);
    expect(await memo('a', lookUp)).toBe(1);
    expect(await memo('b', lookUp)).toBe(2);
    expect(lookUps).toBe(2);
  });

  it('forgets a lookup that failed, so the next call tries again', async () => {
    const memo = createPromiseMemo<string, string>(10);
    await expect(memo('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo('a', () => Promise.resolve('up'))).toBe('up');
  });

  it('keeps at most `limit` keys, dropping the oldest first', async () => {
    const memo = createPromiseMemo<string, string>(2);
    await memo('a', () => Promise.resolve('a1'));
    await memo('b', () => Promise.resolve('b1'));
    await memo('c', () => Promise.resolve('c1'));
    expect(await memo('b', () => Promise.resolve('b2'))).toBe('b1');
    expect(await memo('a', () => Promise.resolve('a2'))).toBe('a2');
  });
});
