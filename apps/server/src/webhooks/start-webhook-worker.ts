import { startQueueWorker, type QueueWorkerOptions } from '../jobs/start-queue-worker.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Delivers due webhooks every `intervalMs` and when woken, draining the queue in batches of `limit`. */
export function startWebhookWorker({
  sender,
  limit = 20,
  ...loop
}: Pick<QueueWorkerOptions, 'intervalMs' | 'wake' | 'logger'> & {
  sender: Pick<WebhookSender, 'processDue'>;
  limit?: number;
}) {
  return startQueueWorker({
    ...loop,
    name: 'webhooks',
    batchLimit: limit,
    processDue: async (batch) => (await sender.processDue({ limit: batch })).claimed,
  });
}
