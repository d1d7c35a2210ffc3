import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startQueueWorker } from './start-queue-worker.ts';
import { createWakeSignal } from './wake-signal.ts';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startQueueWorker', () => {
  it('runs a pass when woken, long before its interval', async () => {
    const wake = createWakeSignal();
    let passes = 0;
    const worker = startQueueWorker({
      name: 'test',
      intervalMs: 60_000,
      processDue: () => Promise.resolve(passes++),
      wake,
      logger,
    });
    wake.wake();
    await sleep(50);
    expect(passes).toBe(1);
    await worker.stop();
    wake.wake(); // stopped: no longer listening
    await sleep(50);
    expect(passes).toBe(1);
  });

  it('runs again at once while more is due, and stop lets the running pass finish, then no other', async () => {
    let passes = 0;
    let finished = 0;
    const worker = startQueueWorker({
      name: 'test',
      intervalMs: 60_000,
      processDue: async () => {
        passes++;
        await sleep(30);
        finished++;
        return 10;
      },
      again: (worked) => worked === 10,
      logger,
    });
    worker.wake();
    await sleep(100);
    expect(passes).toBeGreaterThan(1);
    await worker.stop();
    // Drained: every pass started has finished, and none starts after stop.
    expect(finished).toBe(passes);
    await sleep(80);
    expect(passes).toBe(finished);
  });

  it('with a batch limit, asks for that many rows and passes again only after a full batch', async () => {
    const due = [20, 20, 7, 0];
    const limits: number[] = [];
    const worker = startQueueWorker({
      name: 'test',
      intervalMs: 60_000,
      batchLimit: 20,
      processDue: (limit) => {
        limits.push(limit);
        return Promise.resolve(due.shift() ?? 0);
      },
      logger,
    });
    worker.wake();
    await sleep(50);
    await worker.stop();
    // Two full batches, then a short one ends the drain; the empty fourth is never asked for.
    expect(limits).toEqual([20, 20, 20]);
  });
});
