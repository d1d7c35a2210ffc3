import type { EnvConfig } from '../config/env-config.ts';
import { openInstance } from './open-instance.ts';
import { serverExecArgv } from './server-exec-argv.ts';
import { setUpOnce } from './set-up-once.ts';
import { exitAfterStopSignal } from './start-serving.ts';
import { describeSolana, openUrl, printStartupBanner } from './startup-banner.ts';
import { startWorkerPool } from './worker-pool.ts';

/**
 * PROCESSES > 1: this process does the one-time setup that must not race (secrets, migrations,
 * chain identity, the admin account, key files) and hosts the bundled validator when no
 * SOLANA_RPC_URLS is set, then forks the server processes (run-worker.ts) and watches them.
 * It serves nothing itself; the cluster module hands it the port's connections to pass on.
 */
export async function runPrimary(env: EnvConfig, processes: number): Promise<void> {
  const instance = await openInstance(env, { logConfig: true });
  const { config, logger, ctx } = instance;
  const admin = await setUpOnce(instance);
  // One chain for all: the workers reach the validator this process hosts instead of starting their own.
  const validatorUrl = ctx.chain.localValidator?.url;
  const pool = startWorkerPool({
    processes,
    env: validatorUrl ? { SOLANA_BUNDLED_VALIDATOR_URL: validatorUrl } : {},
    execArgv: serverExecArgv(process.execArgv, config.SERVER_SEMI_SPACE_MB),
    logger,
  });
  const drainMs = config.SHUTDOWN_DRAIN_SECONDS * 1_000;
  // From the first fork on: a stop while they start still drains them and stops the validator.
  const shutdown = { started: false };
  exitAfterStopSignal(async (signal) => {
    shutdown.started = true;
    logger.info({ signal, processes }, 'shutting down the server processes');
    await pool.stop(drainMs);
    // Last: the workers' queue work may still have been talking to the validator.
    await ctx.close();
    logger.info('shut down');
  });
  const port = await pool.listening.catch(async (e: unknown) => {
    await ctx.close();
    throw e;
  });
  if (shutdown.started) return;
  printStartupBanner({
    url: openUrl(config.HOST, port),
    config,
    database: ctx.database.kind,
    solana: describeSolana(ctx),
    admin,
    ingestKeyCreated: instance.secretsCreated && !config.INGEST_API_KEY,
    processes,
  });
}
