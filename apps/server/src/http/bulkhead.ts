import { AppError } from '../errors/app-error.ts';

export interface BulkheadLimits {
  /** Tasks run at once. */
  running: number;
  /** Tasks queued behind them; past this a caller gets 503 SERVICE__BUSY at once. */
  waiting: number;
  /** Longest a queued task waits for a slot before it gets 503 SERVICE__BUSY (default: no limit). */
  maxWaitMs?: number;
}

interface Waiter {
  start: () => void;
  gaveUp: boolean;
}

/**
 * At most `running` tasks at once and `waiting` queued behind them, first come first served.
 * Expensive work under overload waits its turn, or is refused quickly, instead of taking the
 * CPU and connections every cheap request needs.
 */
export function createBulkhead(limits: BulkheadLimits) {
  let running = 0;
  let waiting = 0;
  const queue: Waiter[] = [];

  const slot = () =>
    new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve, gaveUp: false };
      if (limits.maxWaitMs !== undefined) {
        const timer = setTimeout(() => {
          waiter.gaveUp = true;
          waiting--;
          reject(new AppError('SERVICE__BUSY'));
        }, limits.maxWaitMs);
        waiter.start = () => {
          clearTimeout(timer);
          resolve();
        };
      }
      waiting++;
      queue.push(waiter);
    });

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limits.running) running++;
    else if (waiting >= limits.waiting) throw new AppError('SERVICE__BUSY');
    else await slot();
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so `running` never drops and rises again.
      let next = queue.shift();
      while (next?.gaveUp) next = queue.shift();
      if (next) {
        waiting--;
        next.start();
      } else running--;
    }
  }

  return { run, load: () => ({ running, waiting }) };
}

export type Bulkhead = ReturnType<typeof createBulkhead>;
