import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { createBulkhead } from './bulkhead.ts';

/** A task that runs until `finish()` is called, recording when it started. */
function gate(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return {
    task: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

const busy = (e: unknown) => isAppError(e, 'SERVICE__BUSY');
const tick = () => new Promise((r) => setImmediate(r));

describe('bulkhead', () => {
  it('runs at most `running` tasks at once, then the queued ones in arrival order', async () => {
    const started: string[] = [];
    const bulkhead = createBulkhead({ running: 2, waiting: 10 });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const results = [a, b, c, d].map((g) => bulkhead.run(g!.task));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(bulkhead.load()).toEqual({ running: 2, waiting: 2 });
    b!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    a!.finish();
    c!.finish();
    d!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(bulkhead.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once with SERVICE__BUSY when the line is full, running nothing', async () => {
    const started: string[] = [];
    const bulkhead = createBulkhead({ running: 1, waiting: 1 });
    const [a, b] = [gate(started, 'a'), gate(started, 'b')];
    const first = bulkhead.run(a.task);
    const second = bulkhead.run(b.task);
    let ran = false;
    await expect(
      bulkhead.run(() => {
        ran = true;
        return Promise.resolve('c');
      }),
    ).rejects.toSatisfy(busy);
    expect(ran).toBe(false);
    a.finish();
    b.finish();
    expect([await first, await second]).toEqual(['a', 'b']);
  });

  it('refuses a task that waited longer than maxWaitMs, and its place goes to the next', async () => {
    const started: string[] = [];
    const bulkhead = createBulkhead({ running: 1, waiting: 5, maxWaitMs: 30 });
    const [a, b, c] = [gate(started, 'a'), gate(started, 'b'), gate(started, 'c')];
    const first = bulkhead.run(a.task);
    const late = bulkhead.run(b.task);
    await expect(late).rejects.toSatisfy(busy);
    expect(bulkhead.load()).toEqual({ running: 1, waiting: 0 });
    const third = bulkhead.run(c.task);
    a.finish();
    await tick();
    expect(started).toEqual(['a', 'c']); // b gave up and never runs
    c.finish();
    expect([await first, await third]).toEqual(['a', 'c']);
  });

  it('frees the slot when a task fails', async () => {
    const bulkhead = createBulkhead({ running: 1, waiting: 0 });
    await expect(bulkhead.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await bulkhead.run(() => Promise.resolve('next'))).toBe('next');
    expect(bulkhead.load()).toEqual({ running: 0, waiting: 0 });
  });
});
