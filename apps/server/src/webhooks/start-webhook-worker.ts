import type { Logger } from 'pino';
import { startQueueWorker } from '../jobs/start-queue-worker.ts';
import type { WakeSignal } from '../jobs/wake-signal.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Delivers due webhooks every `intervalMs` and when woken, draining the queue in batches of `limit`. */
export function startWebhookWorker(options: {
  sender: Pick<WebhookSender, 'processDue'>;
  intervalMs: number;
  limit?: number;
  wake?: WakeSignal;
  logger: Logger;
}) {
  const limit = options.limit ?? 20;
  return startQueueWorker({
    name: 'webhooks',
    intervalMs: options.intervalMs,
    processDue: async () => (await options.sender.processDue({ limit })).claimed,
    // A full batch: more may be due right away.
    again: (claimed) => claimed === limit,
    ...(options.wake ? { wake: options.wake } : {}),
    logger: options.logger,
  });
}
