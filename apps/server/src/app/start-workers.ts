import { startPeriodicTask } from '../jobs/periodic-task.ts';
import { startMailWorker } from '../mail/start-mail-worker.ts';
import { startWebhookWorker } from '../webhooks/start-webhook-worker.ts';
import type { AppContext } from './app-context.ts';

/** The background loops of the `worker` role. Each is safe to run on several instances. */
export function startWorkers(ctx: AppContext) {
  const tasks = [
    startPeriodicTask({
      name: 'outbox-relay',
      intervalMs: 250,
      task: () => ctx.events.relay.drain(),
      logger: ctx.logger,
    }),
  ];
  return {
    async stop(): Promise<void> {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
