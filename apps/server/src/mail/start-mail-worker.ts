import { startQueueWorker, type QueueWorkerOptions } from '../jobs/start-queue-worker.ts';
import type { Mailer } from './mailer.ts';

/** Sends due emails every `intervalMs` and when woken, draining the queue in batches of `limit`. */
export function startMailWorker({
  mailer,
  limit = 20,
  ...loop
}: Pick<QueueWorkerOptions, 'intervalMs' | 'wake' | 'logger'> & {
  mailer: Pick<Mailer, 'processDue'>;
  limit?: number;
}) {
  return startQueueWorker({
    ...loop,
    name: 'mail',
    batchLimit: limit,
    processDue: async (batch) => (await mailer.processDue({ limit: batch })).claimed,
  });
}
