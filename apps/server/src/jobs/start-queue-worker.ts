import type { Logger } from 'pino';
import { startPeriodicTask } from './periodic-task.ts';
import type { WakeSignal } from './wake-signal.ts';

/**
 * The loop of every queue worker: a pass every `intervalMs`, another at once while `again`
 * says more is due (a full batch), a pass soon after each `wake`, never two passes at once.
 * `stop()` stops listening, lets the running pass finish (the drain) and starts no other.
 */
export function startQueueWorker(options: {
  name: string;
  intervalMs: number;
  /** One pass over due rows; returns how many it worked on. */
  processDue: () => Promise<number>;
  /** Whether a pass that worked on `worked` rows leaves more due now; never by default. */
  again?: (worked: number) => boolean;
  wake?: WakeSignal;
  logger: Logger;
}) {
  let stopping = false;
  const again = options.again ?? (() => false);
  const task = startPeriodicTask({
    name: options.name,
    intervalMs: options.intervalMs,
    logger: options.logger,
    async task() {
      while (again(await options.processDue()) && !stopping) {
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

export type QueueWorker = ReturnType<typeof startQueueWorker>;
