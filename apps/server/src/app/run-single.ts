import { availableParallelism } from 'node:os';
import type { EnvConfig } from '../config/env-config.ts';
import { openInstance } from './open-instance.ts';
import { setUpOnce } from './set-up-once.ts';
import { exitAfterStopSignal, startServing } from './start-serving.ts';
import { describeSolana, openUrl, printStartupBanner } from './startup-banner.ts';

/** One process does everything: the embedded `npm start`, and PROCESSES=1. */
export async function runSingle(env: EnvConfig): Promise<void> {
  const instance = await openInstance(env, { logConfig: true });
  const { config, logger, ctx } = instance;
  const cores = availableParallelism();
  // PostgreSQL alone would allow more processes, but their caches and sockets need Redis.
  if (env.DATABASE_URL && !env.REDIS_URL && env.PROCESSES === undefined && cores > 1)
    logger.info(`running 1 process: with REDIS_URL set too, Insignia would use all ${cores} cores`);
  const admin = await setUpOnce(instance);
  const serving = await startServing(instance);
  printStartupBanner({
    url: openUrl(config.HOST, serving.port),
    config,
    database: ctx.database.kind,
    solana: describeSolana(ctx),
    admin,
    ingestKeyCreated: instance.secretsCreated && !config.INGEST_API_KEY,
  });
  exitAfterStopSignal((signal) => serving.stop(signal));
}
