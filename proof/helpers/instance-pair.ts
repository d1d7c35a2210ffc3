import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuthResponse } from '@insignia/contract';
import type { AppContext } from '../../apps/server/src/app/app-context.ts';
import { createAppContext } from '../../apps/server/src/app/create-app-context.ts';
import { createLogger } from '../../apps/server/src/app/logger.ts';
import { startWorkers } from '../../apps/server/src/app/start-workers.ts';
import { resolveAppConfig } from '../../apps/server/src/config/app-config.ts';
import { loadEnvConfig } from '../../apps/server/src/config/load-config.ts';
import { loadOrCreateSharedSecrets } from '../../apps/server/src/config/shared-secrets.ts';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import { buildApp } from '../../apps/server/src/http/build-app.ts';
import { createScratchDatabase } from '../../apps/server/src/test-support/scratch-database.ts';
import type { TestApp } from '../../apps/server/src/test-support/test-app.ts';
import { verifyEmailThroughApi } from '../../apps/server/src/test-support/verify-email.ts';

export interface Instance extends TestApp {
  ctx: AppContext & { close(): Promise<void> };
  /** Starts this instance's background loops (the worker role), as `main.ts` does. */
  startWorkers(): void;
}

/**
 * Two complete server instances, as two hosts of one deployment would be: one PostgreSQL
 * database, one Redis, one chain (A runs the local validator, B reaches it over JSON-RPC), and
 * a data dir each. Secrets come from the database, as on separate hosts (A records them, B
 * reads them); the keypair files are copied to B's dir, as an operator deploys them to each
 * host. Each has its own connection pool, cache client and workers.
 */
export async function createInstancePair(options: {
  adminDatabaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}): Promise<{ a: Instance; b: Instance; databaseUrl: string; dataDirs: string[]; close(): Promise<void> }> {
  const scratch = await createScratchDatabase(options.adminDatabaseUrl, 'insignia_pair');
  const dataDirs: string[] = [];

  const instances: Instance[] = [];
  const workers: Array<{ stop(): Promise<void> }> = [];
  for (let i = 0; i < 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), `insignia-pair-${i === 0 ? 'a' : 'b'}-`));
    dataDirs.push(dataDir);
    if (i > 0) await cp(join(dataDirs[0]!, 'keys'), join(dataDir, 'keys'), { recursive: true });
    const env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      PASSWORD_HASH_LOG2_N: '12',
      REDIS_URL: options.redisUrl,
      ...options.env,
      // B reaches the chain A runs, with A's keys (copied into its data dir above).
      ...(instances[0] ? { SOLANA_RPC_URLS: instances[0].ctx.chain.localValidator!.url } : {}),
    };
    const envConfig = loadEnvConfig(env);
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 10 });
    await database.migrate();
    const { secrets } = await loadOrCreateSharedSecrets(database.db, envConfig, dataDir);
    const config = resolveAppConfig(envConfig, secrets);
    const ctx = await createAppContext(config, createLogger({ level: 'silent' }), {
      database,
      chainOptions: { localValidatorPort: 0, persistChain: false },
    });
    const app: FastifyInstance = await buildApp(ctx, { webRoot: null });
    instances.push({
      app,
      ctx,
      startWorkers: () => void workers.push(startWorkers(ctx)),
      async newUser() {
        const email = `pair-${randomUUID()}@example.com`;
        const password = 'correct horse battery';
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: { email, password },
        });
        if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
        return { ...res.json<AuthResponse>(), password };
      },
      newAdmin: () => Promise.reject(new Error('not needed here')),
      verifyEmail: (user) => verifyEmailThroughApi(app, ctx, user),
      close: () => Promise.resolve(),
    });
  }
  return {
    a: instances[0]!,
    b: instances[1]!,
    databaseUrl: scratch.url,
    dataDirs,
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      for (const i of [...instances].reverse()) {
        await i.app.close();
        await i.ctx.close();
      }
      await scratch.drop();
      for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    },
  };
}
