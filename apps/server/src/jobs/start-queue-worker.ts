import type { Logger } from 'pino';
import { startPeriodicTask } from './periodic-task.ts';
import type { WakeSignal } from './wake-signal.ts';

export type QueueWorkerOptions = {
  name: string;
  intervalMs: number;
  wake?: WakeSignal;
  logger: Logger;
} & (
  | {
      /** One pass over due rows; returns how many it worked on. */
      processDue: () => Promise<number>;
      /** Whether a pass that worked on `worked` rows leaves more due now; never by default. */
      again?: (worked: number) => boolean;
      batchLimit?: undefined;
    }
  | {
      /** Rows per pass: a full batch means more may be due, so the next pass follows at once. */
      batchLimit: number;
      /** One pass over at most `limit` due rows; returns how many it worked on. */
      processDue: (limit: number) => Promise<number>;
    }
);

/**
 * The loop of every queue worker: a pass every `intervalMs`, another at once while `again`
 * says more is due (a full batch), a pass soon after each `wake`, never two passes at once.
 * `stop()` stops listening, lets the running pass finish (the drain) and starts no other.
 */
export function startQueueWorker(options: QueueWorkerOptions) {
  let stopping = false;
  const { processDue, again } = passOf(options);
  const task = startPeriodicTask({
    name: options.name,
    intervalMs: options.intervalMs,
    logger: options.logger,
    async task() {
      while (again(await processDue()) && !stopping) {
        // More is due right away.
      }
    },
  });
  const unlisten = options.wake?.listen(task.nudge);
  return {
    /** Runs a pass soon instead of at the next tick. */
    wake: task.nudge,
    async stop(): Promise<void> {
      stopping = true;
      unlisten?.();
      await task.stop();
    },
  };
}

/** One pass, and whether what it worked on leaves more due now. */
function passOf(options: QueueWorkerOptions): {
  processDue: () => Promise<number>;
  again: (worked: number) => boolean;
} {
  if (options.batchLimit === undefined)
    return { processDue: options.processDue, again: options.again ?? (() => false) };
  const { batchLimit, processDue } = options;
  return { processDue: () => processDue(batchLimit), again: (worked) => worked === batchLimit };
}
