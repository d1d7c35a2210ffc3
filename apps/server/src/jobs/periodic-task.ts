import type { Logger } from 'pino';

/**
 * Runs `task` every `intervalMs` (never overlapping itself) until stopped. `nudge()` runs it
 * soon after a change instead of waiting for the next tick. Errors are logged, never thrown:
 * the next tick retries.
 */
export function startPeriodicTask(options: {
  name: string;
  intervalMs: number;
  /** When the first run happens, if sooner than `intervalMs` (a check wanted soon after start). */
  firstRunMs?: number;
  task: () => Promise<unknown>;
  logger: Logger;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  // Counts the ticks asked for: a run that ends with more asked than it began with goes again.
  let asked = 0;

  async function tick(): Promise<void> {
    asked += 1;
    if (running) return running;
    running = (async () => {
      let began: number;
      do {
        began = asked;
        try {
          await options.task();
        } catch (err) {
          options.logger.error({ err, task: options.name }, 'periodic task failed');
        }
      } while (asked !== began && !stopped);
    })();
    await running;
    running = undefined;
    schedule();
  }

  function schedule(delayMs = options.intervalMs): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
    timer.unref();
  }

  schedule(options.firstRunMs);
  return {
    nudge: () => void tick(),
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
