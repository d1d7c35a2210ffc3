import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.ts';
import type { EnvConfig } from '../config/env-config.ts';
import { redactConfig } from '../config/load-config.ts';
import { loadSecrets } from '../config/load-secrets.ts';
import { resolveAppConfig } from '../config/app-config.ts';
import { secureDataDir } from '../config/secure-data-dir.ts';
import { createAppContext } from './create-app-context.ts';
import { createLogger, resolveLogFormat } from './logger.ts';

/** One process's configuration, logger and app context, before it serves anything. */
export interface Instance {
  config: AppConfig;
  logger: Logger;
  ctx: Awaited<ReturnType<typeof createAppContext>>;
  /** This start generated the secrets (the banner then shows the new ingest key). */
  secretsCreated: boolean;
}

/**
 * What every process role starts from: the data dir secured, the secrets (with PostgreSQL, the
 * shared ones in the database), and the app context. With `logConfig` the effective settings
 * are logged, once per start rather than once per process.
 */
export async function openInstance(env: EnvConfig, options: { logConfig: boolean }): Promise<Instance> {
  await secureDataDir(env.DATA_DIR);
  const { secrets, created, database } = await loadSecrets(env);
  const config = resolveAppConfig(env, secrets);
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // On a terminal the banner says what a person needs; the full settings are for LOG_LEVEL=debug.
  const configLevel = resolveLogFormat(config.LOG_FORMAT) === 'pretty' ? 'debug' : 'info';
  if (options.logConfig) logger[configLevel]({ config: redactConfig(env) }, 'effective configuration');
  const ctx = await createAppContext(config, logger, { database });
  return { config, logger, ctx, secretsCreated: created };
}
