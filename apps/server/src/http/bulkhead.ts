import { AppError } from '../errors/app-error.ts';

export interface BulkheadLimits {
  /** Tasks run at once. */
  running: number;
  /** Tasks queued behind them; past this a caller gets 503 SERVICE__BUSY at once. */
  waiting: number;
  /** Longest a queued task waits for a slot before it gets 503 SERVICE__BUSY (default: no limit). */
  maxWaitMs?: number;
}

/**
 * At most `running` tasks at once and `waiting` queued behind them, first come first served.
 * Expensive work under overload waits its turn, or is refused quickly, instead of taking the
 * CPU and connections every cheap request needs.
 */
export function createBulkhead(limits: BulkheadLimits) {
  let running = 0;
  /** Who waits, in order: each entry starts its task. */
  const queue: (() => void)[] = [];

  const slot = () =>
    new Promise<void>((resolve, reject) => {
      let start = resolve;
      if (limits.maxWaitMs !== undefined) {
        const timer = setTimeout(() => {
          // Out of the line at once, so a slot held for long cannot grow it past `waiting`.
          const at = queue.indexOf(start);
          if (at >= 0) queue.splice(at, 1);
          reject(new AppError('SERVICE__BUSY'));
        }, limits.maxWaitMs);
        start = () => {
          clearTimeout(timer);
          resolve();
        };
      }
      queue.push(start);
    });

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limits.running) running++;
    else if (queue.length >= limits.waiting) throw new AppError('SERVICE__BUSY');
    else await slot();
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so `running` never drops and rises again.
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  }

  return { run, load: () => ({ running, waiting: queue.length }) };
}

export type Bulkhead = ReturnType<typeof createBulkhead>;
