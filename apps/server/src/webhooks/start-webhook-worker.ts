import type { Logger } from 'pino';
import { startPeriodicTask } from '../jobs/periodic-task.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Delivers due webhooks every `intervalMs`, draining the queue in batches of `limit`. */
export function startWebhookWorker(options: {
  sender: Pick<WebhookSender, 'processDue'>;
  intervalMs: number;
  limit?: number;
  logger: Logger;
}) {
  const limit = options.limit ?? 20;
  return startPeriodicTask({
    name: 'webhooks',
    intervalMs: options.intervalMs,
    logger: options.logger,
    async task() {
      while ((await options.sender.processDue({ limit })).claimed === limit) {
        // A full batch: more may be due right away.
      }
    },
  });
}
