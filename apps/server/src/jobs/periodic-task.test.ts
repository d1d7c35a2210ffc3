import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startPeriodicTask } from './periodic-task.ts';

describe('startPeriodicTask', () => {
  it('runs first after firstRunMs, then every intervalMs', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const task = startPeriodicTask({
      name: 'test',
      intervalMs: 60_000,
      firstRunMs: 20,
      task: () => {
        runs.push(Date.now() - started);
        return Promise.resolve();
      },
      logger: pino({ level: 'silent' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    await task.stop();
    // Once, soon: not after the 60 s interval, and not again before it.
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeLessThan(300);
  });
});
