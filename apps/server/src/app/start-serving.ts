import { buildApp } from '../http/build-app.ts';
import { startInstanceRegistry } from '../jobs/instance-registry.ts';
import type { Instance } from './open-instance.ts';
import { shutDown } from './shut-down.ts';
import { startWorkers } from './start-workers.ts';

/** A process that serves: the port it listens on, and how to stop it gracefully. */
export interface Serving {
  port: number;
  /** Drains requests and queue work, frees this instance's leases, closes the context. */
  stop(signal: string): Promise<void>;
}

/**
 * Starts what one process serves: the queue workers (when the role says so), the instance
 * registry, and the HTTP server. Several processes or hosts may do this at once: leases in the
 * database share the queue work among them.
 */
export async function startServing({ ctx, config, logger }: Instance): Promise<Serving> {
  const workers = config.ROLES.includes('worker') ? startWorkers(ctx) : undefined;
  // Leases name this instance; a stopped or silent one's are freed by whoever notices first.
  const registry = await startInstanceRegistry({
    db: ctx.database.db,
    logger,
    onReleased: () =>
      [ctx.signals.nftRequests, ctx.signals.claims, ctx.signals.badges].forEach((s) => s.wake()),
  });
  const app = await buildApp(ctx);
  await app.listen({ host: config.HOST, port: config.PORT });
  // Under cluster this is the port the primary bound, so PORT=0 reads back the real one.
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    port,
    async stop(signal) {
      logger.info({ signal }, 'shutting down');
      await shutDown({
        app,
        workers,
        registry,
        closeContext: () => ctx.close(),
        drainMs: config.SHUTDOWN_DRAIN_SECONDS * 1_000,
        logger,
      });
    },
  };
}

/** On the first SIGINT or SIGTERM runs `stop`, then exits 0; later signals are ignored. */
export function exitAfterStopSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
