import type { AppContext } from '../app/app-context.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';
import { startQueueWorker } from '../jobs/start-queue-worker.ts';
import { createRevocationFeature } from './create-revocation-feature.ts';

/** The worker loop that finishes revocation burns after a crash, an outage or a slow chain. */
export function startRevocationWorker(ctx: AppContext) {
  const { burner } = createRevocationFeature(ctx);
  const owner = newLeaseOwner('worker');
  return startQueueWorker({
    name: 'revocation-burns',
    intervalMs: 2_000,
    processDue: () => burner.processDue(owner),
    logger: ctx.logger,
  });
}
