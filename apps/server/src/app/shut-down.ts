import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { startDraining } from '../http/shutdown-gate.ts';
import type { InstanceRegistry } from '../jobs/instance-registry.ts';

/** Each step after the drain (closing sockets, pools) gets this long; a frozen dependency must not hold the exit. */
const CLOSE_STEP_MS = 2_000;

const within = <T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> =>
  Promise.race([work, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);

/**
 * A shutdown that ends in bounded time. New requests and `/readyz` get 503 at once; running
 * requests and worker passes get `drainMs` to finish. What is still running then (a call to a
 * frozen RPC, say) is abandoned: the instance is marked stopped, which frees its leases, so the
 * work resumes at the next start or on another instance (the state machines resume after
 * kill -9, and an abandoned pass is no worse). Resolves with what happened; the caller exits.
 */
export async function shutDown(options: {
  app: FastifyInstance;
  workers: { stop(): Promise<void> } | undefined;
  registry: InstanceRegistry | undefined;
  closeContext: () => Promise<void>;
  drainMs: number;
  logger: Logger;
}): Promise<'drained' | 'abandoned'> {
  const { app, logger } = options;
  const started = Date.now();
  const drained = Promise.all([startDraining(app), options.workers?.stop()]);
  const outcome = (await within(options.drainMs, drained)) === 'timeout' ? 'abandoned' : 'drained';
  if (outcome === 'abandoned')
    logger.warn(
      { drainMs: options.drainMs },
      'shutdown: work still running after the drain time is abandoned; it resumes at the next start',
    );
  const closeHttp = async () => {
    // Answered requests are done; sockets still open would hold `close` past any deadline.
    if ((await within(CLOSE_STEP_MS, app.close())) === 'timeout') app.server.closeAllConnections();
  };
  for (const [name, step] of [
    ['instance registry', async () => options.registry?.stop()],
    ['http', closeHttp],
    ['context', options.closeContext],
  ] as const) {
    const result = await within(CLOSE_STEP_MS, step()).catch((err: unknown) => {
      logger.warn({ err, step: name }, 'shutdown step failed');
    });
    if (result === 'timeout') logger.warn({ step: name }, 'shutdown step timed out');
  }
  logger.info({ outcome, ms: Date.now() - started }, 'shut down');
  return outcome;
}
