import type { Logger } from 'pino';
import { startPeriodicTask } from '../jobs/periodic-task.ts';
import type { Mailer } from './mailer.ts';

/** Sends due emails every `intervalMs`, draining the queue in batches of `limit`. */
export function startMailWorker(options: {
  mailer: Pick<Mailer, 'processDue'>;
  intervalMs: number;
  limit?: number;
  logger: Logger;
}) {
  const limit = options.limit ?? 20;
  return startPeriodicTask({
    name: 'mail',
    intervalMs: options.intervalMs,
    logger: options.logger,
    async task() {
      while ((await options.mailer.processDue({ limit })).claimed === limit) {
        // A full batch: more may be due right away.
      }
    },
  });
}
