import { startPeriodicTask } from '../jobs/periodic-task.ts';
import { startMailWorker } from '../mail/start-mail-worker.ts';
import { startWebhookWorker } from '../webhooks/start-webhook-worker.ts';
import type { AppContext } from './app-context.ts';

/**
 * The background loops of the `worker` role. Each is safe to run on several instances: rows
 * are leased with SKIP LOCKED and the outbox relay holds an advisory lock.
 */
export function startWorkers(ctx: AppContext) {
  const { logger } = ctx;
  const outbox = startPeriodicTask({
    name: 'outbox-relay',
    intervalMs: 250,
    task: () => ctx.events.relay.drain(),
    logger,
  });
  const nftRequests = startPeriodicTask({
    name: 'nft-requests',
    intervalMs: 2_000,
    task: () => ctx.nftWorker.processDue(),
    logger,
  });
  const mail = startMailWorker({ mailer: ctx.mailer, intervalMs: 2_000, logger });
  const webhooks = startWebhookWorker({ sender: ctx.webhooks, intervalMs: 2_000, logger });
  ctx.wake.outbox = outbox.nudge;
  ctx.wake.nftRequests = nftRequests.nudge;
  ctx.wake.mail = mail.nudge;
  ctx.wake.webhooks = webhooks.nudge;
  const tasks = [outbox, nftRequests, mail, webhooks];
  return {
    async stop(): Promise<void> {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
