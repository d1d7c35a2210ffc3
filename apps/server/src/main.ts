import { createAppContext } from './app/create-app-context.ts';
import { createLogger } from './app/logger.ts';
import { startWorkers } from './app/start-workers.ts';
import { printStartupBanner } from './app/startup-banner.ts';
import { resolveAppConfig } from './config/app-config.ts';
import { toDataDirError } from './config/data-dir-error.ts';
import { loadSecrets } from './config/load-secrets.ts';
import { secureDataDir } from './config/secure-data-dir.ts';
import { loadEnvConfig, redactConfig } from './config/load-config.ts';
import { buildApp } from './http/build-app.ts';
import { checkChainIdentity } from './chain/check-chain-identity.ts';
import { startInstanceRegistry } from './jobs/instance-registry.ts';
import { releaseEmbeddedLeases } from './jobs/release-embedded-leases.ts';
import { shutDown } from './app/shut-down.ts';
import { isAppError } from './errors/app-error.ts';

/** Known once the settings parse: file errors in it are reported as the setting's. */
let dataDir: string | undefined;

async function main(): Promise<void> {
  const env = loadEnvConfig();
  dataDir = env.DATA_DIR;
  await secureDataDir(env.DATA_DIR);
  const { secrets, created: secretsCreated, database } = await loadSecrets(env);
  const config = resolveAppConfig(env, secrets);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
  logger.info({ config: redactConfig(env) }, 'effective configuration');

  const ctx = await createAppContext(config, logger, { database });
  await ctx.database.migrate();
  // A lost key file or a lost (or different) chain stops here, saying what to restore.
  await checkChainIdentity({ db: ctx.database.db, chain: ctx.chain, dataDir: config.dataDir, logger }).catch(
    async (e: unknown) => {
      await ctx.close();
      throw e;
    },
  );
  // Embedded PGlite has one process: leases left in it belong to a previous run that died.
  if (ctx.database.kind === 'pglite') await releaseEmbeddedLeases(ctx.database.db);
  const admin = await ctx.auth.ensureAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
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
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  printStartupBanner({
    url: `http://${['0.0.0.0', '127.0.0.1', '::', '::1'].includes(config.HOST) ? 'localhost' : config.HOST}:${port}`,
    config,
    database: ctx.database.kind,
    solana: ctx.chain.localValidator
      ? `local validator at ${ctx.chain.localValidator.url} (test network; wallets can use it as a custom RPC)`
      : `${config.SOLANA_RPC_URLS?.length ?? 0} RPC endpoint(s)`,

    admin,
    ingestKeyCreated: secretsCreated && !config.INGEST_API_KEY,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await shutDown({
      app,
      workers,
      registry,
      closeContext: () => ctx.close(),
      drainMs: config.SHUTDOWN_DRAIN_SECONDS * 1_000,
      logger,
    });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const dataDirError = dataDir === undefined ? undefined : toDataDirError(e, dataDir);
  if (isAppError(e, 'CONFIG__INVALID', 'CHAIN__IDENTITY_MISMATCH', 'CONFIG__SHARED_SECRETS')) {
    console.error(e.message);
  } else if (dataDirError) {
    console.error(dataDirError.message);
  } else {
    console.error('Insignia failed to start:', e);
  }
  process.exit(1);
});
