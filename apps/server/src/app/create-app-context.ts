import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAuthService } from '../auth/auth-service.ts';
import { createSiwsService } from '../auth/siws-service.ts';
import { createTokenService } from '../auth/token-service.ts';
import type { AppConfig } from '../config/app-config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createMetricsRegistry } from '../http/metrics.ts';
import type { AppContext } from './app-context.ts';

/** The composition root: every component is built here from the config, nowhere else. */
export async function createAppContext(
  config: AppConfig,
  logger: Logger,
  overrides: { database?: Database } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const database =
    overrides.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  // ioredis reconnects by itself; without a listener an outage would crash the process.
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));

  const tokens = createTokenService({
    secret: config.jwtSecret,
    ttlSeconds: config.JWT_TTL_SECONDS,
    host: {
      secret: config.HOST_JWT_SECRET,
      jwksUrl: config.HOST_JWKS_URL,
      issuer: config.HOST_JWT_ISSUER,
      audience: config.HOST_JWT_AUDIENCE,
    },
  });
  const auth = createAuthService({ db: database.db, tokens });
  const siws = createSiwsService({
    db: database.db,
    publicUrl: config.publicUrl,
    chainId: config.SOLANA_RPC_URLS?.length ? 'solana:mainnet' : 'solana:localnet',
  });

  return {
    config,
    logger,
    database,
    redis,
    metrics: createMetricsRegistry(),
    tokens,
    auth,
    siws,
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}
