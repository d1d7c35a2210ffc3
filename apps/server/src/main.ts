import { createAppContext } from './app/create-app-context.ts';
import { createLogger } from './app/logger.ts';
import { startWorkers } from './app/start-workers.ts';
import { printStartupBanner } from './app/startup-banner.ts';
import { resolveAppConfig } from './config/app-config.ts';
import { loadOrCreateDataSecrets } from './config/data-secrets.ts';
import { secureDataDir } from './config/secure-data-dir.ts';
import { ConfigError, loadEnvConfig, redactConfig } from './config/load-config.ts';
import { buildApp } from './http/build-app.ts';
import { releaseEmbeddedLeases } from './jobs/release-embedded-leases.ts';

async function main(): Promise<void> {
  const env = loadEnvConfig();
  await secureDataDir(env.DATA_DIR);
  const { secrets, created: secretsCreated } = await loadOrCreateDataSecrets(env.DATA_DIR);
  const config = resolveAppConfig(env, secrets);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
  logger.info({ config: redactConfig(env) }, 'effective configuration');

  const ctx = await createAppContext(config, logger);
  await ctx.database.migrate();
  // Embedded PGlite has one process: leases left in it belong to a previous run that died.
  if (ctx.database.kind === 'pglite') await releaseEmbeddedLeases(ctx.database.db);
  const admin = await ctx.auth.ensureAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  const workers = config.ROLES.includes('worker') ? startWorkers(ctx) : undefined;
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
    await app.close();
    await workers?.stop();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
  } else {
    console.error('Insignia failed to start:', e);
  }
  process.exit(1);
});
